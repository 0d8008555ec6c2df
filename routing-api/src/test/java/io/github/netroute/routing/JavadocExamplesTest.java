package io.github.netroute.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the library's exported API has a usage example ({@code <pre>{@code ...}</pre>}) in its
 * Javadoc: top-level and nested types alike, in routing-api, routing-netlink and routing-testkit.
 *
 * <p>The exported packages are the unqualified {@code exports} of each module's {@code module-info.java} (so never
 * an {@code internal} package). A type counts as API when it and every type enclosing it is {@code public},
 * {@code protected} or a member of an interface or annotation type (implicitly public). The sources are read with a
 * small lexer (comments, strings, text blocks and character literals are skipped), because the test sources are
 * compiled in the module, which does not read {@code jdk.compiler}.
 */
class JavadocExamplesTest {
    /** The library modules, relative to this module's directory. */
    private static final List<String> MODULES = List.of("../routing-api", "../routing-netlink", "../routing-testkit");

    @Test
    void everyExportedPublicTypeHasAnExampleInItsJavadoc() throws IOException {
        Path basedir = Path.of(System.getProperty("basedir", "."));
        Map<String, String> types = new TreeMap<>(); // type name -> its Javadoc, "" when it has none
        for (String module : MODULES) {
            Path root = basedir.resolve(module).resolve("src/main/java").normalize();
            assertTrue(Files.isDirectory(root), () -> "no main sources at " + root.toAbsolutePath());
            Set<String> exported = exports(root.resolve("module-info.java"));
            assertFalse(exported.isEmpty(), () -> "no unqualified exports in " + root.resolve("module-info.java"));
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String source = Files.readString(file);
                    Matcher pkg = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(source);
                    if (pkg.find() && exported.contains(pkg.group(1))) {
                        apiTypes(pkg.group(1), source, types);
                    }
                }
            }
        }
        // the scan must have found the API, nested types included, or it proves nothing
        for (String expected : List.of("io.github.netroute.routing.Route", "io.github.netroute.routing.Route.Builder",
                "io.github.netroute.routing.RoutingEvent.RouteAdded", "io.github.netroute.routing.model.Trace.Kind",
                "io.github.netroute.routing.netlink.NetlinkRouting.Options",
                "io.github.netroute.routing.testkit.contract.RoutingContract")) {
            assertTrue(types.containsKey(expected), () -> "the scan did not find " + expected + " in " + types.keySet());
        }
        assertTrue(types.keySet().stream().noneMatch(t -> t.contains(".internal.")), () -> "internal: " + types.keySet());
        List<String> missing = new ArrayList<>();
        types.forEach((type, doc) -> {
            if (!doc.contains("<pre>")) {
                missing.add(type + (doc.isEmpty() ? " (no Javadoc at all)" : ""));
            }
        });
        assertTrue(missing.isEmpty(), () -> missing.size() + " of the " + types.size()
                + " public types of the exported API have no <pre>{@code ...}</pre> example in their Javadoc:\n  "
                + String.join("\n  ", missing));
    }

    /** The unqualified {@code exports} of a module descriptor. */
    private static Set<String> exports(Path moduleInfo) throws IOException {
        Set<String> exported = new TreeSet<>();
        List<String> tokens = new ArrayList<>();
        tokens(Files.readString(moduleInfo), tokens, new ArrayList<>());
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).equals("exports")) {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < tokens.size() && !tokens.get(j).equals(";") && !tokens.get(j).equals("to")) {
                    name.append(tokens.get(j++));
                }
                if (j < tokens.size() && tokens.get(j).equals(";")) {
                    exported.add(name.toString());
                }
            }
        }
        return exported;
    }

    /** One type body being read: its qualified name (null for any other block) and whether its members are API. */
    private record Block(String type, boolean api, boolean interfaceBody) {}

    /** Records every API type declared in one source file, with its Javadoc. */
    static void apiTypes(String pkg, String source, Map<String, String> types) {
        List<String> tokens = new ArrayList<>();
        List<String> docs = new ArrayList<>(); // the Javadoc comment just before each token, or ""
        tokens(source, tokens, docs);
        Deque<Block> blocks = new ArrayDeque<>();
        int parens = 0;
        String doc = "";
        Set<String> modifiers = new TreeSet<>();
        Block pending = null; // a type declaration whose body has not opened yet
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!docs.get(i).isEmpty()) {
                doc = docs.get(i);
            }
            switch (t) {
                case "(" -> parens++;
                case ")" -> parens--;
                case "{", "}", ";" -> {
                    if (t.equals("{")) {
                        blocks.push(pending != null ? pending : new Block(null, false, false));
                    } else if (t.equals("}")) {
                        blocks.pop();
                    }
                    pending = null;
                    doc = "";
                    modifiers.clear();
                }
                case "public", "protected", "private" -> modifiers.add(t);
                default -> {
                    boolean typeLevel = parens == 0 && pending == null && (blocks.isEmpty() || blocks.peek().type() != null);
                    boolean declares = switch (t) {
                        case "class", "enum" -> i == 0 || !tokens.get(i - 1).equals(".");
                        case "interface" -> true;
                        case "record" -> i + 2 < tokens.size() && isIdentifier(tokens.get(i + 1))
                                && (tokens.get(i + 2).equals("(") || tokens.get(i + 2).equals("<"));
                        default -> false;
                    };
                    if (typeLevel && declares && i + 1 < tokens.size()) {
                        Block outer = blocks.peek();
                        boolean visible = modifiers.contains("public") || modifiers.contains("protected")
                                || (outer != null && outer.interfaceBody());
                        boolean api = visible && (outer == null || outer.api());
                        String name = (outer == null ? pkg : outer.type()) + "." + tokens.get(i + 1);
                        pending = new Block(name, api, t.equals("interface"));
                        if (api) {
                            types.put(name, doc);
                        }
                    }
                }
            }
        }
    }

    private static boolean isIdentifier(String token) {
        return Character.isJavaIdentifierStart(token.charAt(0));
    }

    /**
     * Splits Java source into identifiers/keywords, number-ish words and single punctuation characters, skipping
     * whitespace, comments and literals; {@code docs} gets, per token, the Javadoc comment just before it (or "").
     */
    private static void tokens(String s, List<String> tokens, List<String> docs) {
        String doc = "";
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                if (s.startsWith("/**", i) && !s.startsWith("/**/", i)) {
                    doc = s.substring(i, end);
                }
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !s.startsWith("\"\"\"", j)) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 3);
                tokens.add("\"\"");
                docs.add(doc);
                doc = "";
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                tokens.add(String.valueOf(c) + c);
                docs.add(doc);
                doc = "";
            } else if (Character.isJavaIdentifierPart(c)) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                tokens.add(s.substring(i, j));
                docs.add(doc);
                doc = "";
                i = j;
            } else {
                tokens.add(String.valueOf(c));
                docs.add(doc);
                doc = "";
                i++;
            }
        }
    }
}
