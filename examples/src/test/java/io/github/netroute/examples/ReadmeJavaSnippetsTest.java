package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.netroute.routing.testkit.arbitraries.RoutingArbitraries;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterTry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block of README.md, taken from the README itself, is compiled (javax.tools, against this module's
 * test classpath) and run:
 * <ul>
 * <li>The blocks go into one compilation unit, in README order: their imports at the top; a block that declares
 *     members (a method, a class) becomes members of the unit, so later blocks can call them; any other block becomes
 *     the body of a method {@code snippetN()}.</li>
 * <li>Each body runs on the in-memory kernel (the blocks make their own {@code InMemoryKernel}). A body that opens
 *     {@code NetlinkRouting} is compiled here and run by {@link ReadmeRealKernelSnippetsTest} (root): there
 *     {@code NetlinkRouting.open()} is pointed at a throwaway namespace {@code nr-api-*} laid out as the block
 *     expects.</li>
 * <li>A declared class with JUnit {@code @Test} methods (the contract suite's example) has each of them run, then its
 *     {@code @AfterEach} methods; a jqwik {@code @Property} method is called with arguments sampled from
 *     {@link RoutingArbitraries} (then its {@code @AfterTry} methods).</li>
 * </ul>
 */
class ReadmeJavaSnippetsTest {

    private static final Pattern MEMBER = Pattern.compile(
            "^(/\\*\\*|@|static |public |protected |private |class |record |interface |abstract |final )");

    record Unit(String source, List<String> bodies, List<Boolean> real) {}

    static Unit unit(List<String> blocks) {
        Set<String> imports = new LinkedHashSet<>();
        StringBuilder members = new StringBuilder();
        List<String> bodies = new ArrayList<>();
        List<Boolean> real = new ArrayList<>();
        for (String block : blocks) {
            StringBuilder rest = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("import ")) {
                    imports.add(line.trim());
                } else {
                    rest.append(line).append('\n');
                }
            }
            String code = rest.toString().strip();
            if (MEMBER.matcher(code).find()) {
                members.append(code).append("\n\n");
            } else {
                bodies.add(code);
                real.add(code.contains("NetlinkRouting.open("));
            }
        }
        StringBuilder src = new StringBuilder();
        imports.forEach(i -> src.append(i).append('\n'));
        src.append("\npublic class ReadmeSnippets {\n");
        src.append(members);
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            if (real.get(i)) {
                // the README's NetlinkRouting.open() (this namespace) becomes the test's throwaway namespace
                body = body.replace("NetlinkRouting.open()",
                        "NetlinkRouting.open(System.getProperty(\"netroute.readme.netns\"))");
            }
            src.append("public static void snippet").append(i).append("() throws Exception {\n").append(body)
                    .append("\n}\n\n");
        }
        return new Unit(src.append("}\n").toString(), bodies, real);
    }

    @Test
    void everyJavaSnippetOfTheReadmeCompilesAndRuns(@TempDir Path dir) throws Exception {
        List<String> blocks = ReadmeSnippets.javaBlocks(ReadmeSnippets.readme());
        assertTrue(blocks.size() >= 5, "README's java blocks: " + blocks.size());
        Unit unit = unit(blocks);
        Class<?> main = compile(unit.source(), dir);
        Object outer = main.getDeclaredConstructor().newInstance();
        int ran = 0;
        for (int i = 0; i < unit.bodies().size(); i++) {
            if (unit.real().get(i)) {
                continue; // compiled here; run by ReadmeRealKernelSnippetsTest
            }
            invoke(main.getMethod("snippet" + i), null, "snippet " + i + ":\n" + unit.bodies().get(i));
            ran++;
        }
        for (Class<?> c : main.getDeclaredClasses()) {
            if (Modifier.isAbstract(c.getModifiers())) {
                continue;
            }
            int n = runTests(c, outer);
            assertTrue(n > 0, "README's class " + c.getSimpleName() + " has no @Test or @Property method that ran");
            ran += n;
        }
        assertTrue(ran >= 4, "snippets and snippet tests run: " + ran);
    }

    @Test
    void theRunnerFailsOnAFailingSnippet(@TempDir Path dir) throws Exception {
        Unit unit = unit(List.of("import java.util.List;\n\nif (List.of(1).size() == 1) throw new IllegalStateException(\"boom\");\n"));
        Class<?> main = compile(unit.source(), dir);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> invoke(main.getMethod("snippet0"), null, "snippet 0"));
        assertTrue(e.getCause().getMessage().contains("boom"));
        AssertionError c = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> compile(unit(List.of("int x = \"no\";\n")).source(), dir.resolve("bad")));
        assertTrue(c.getMessage().contains("incompatible types"), c.getMessage());
    }

    /** Instantiates a snippet's class and runs its @Test methods (then @AfterEach) and @Property methods. */
    private static int runTests(Class<?> c, Object outer) throws Exception {
        int ran = 0;
        for (Method m : allMethods(c)) {
            boolean test = m.isAnnotationPresent(Test.class);
            boolean property = m.isAnnotationPresent(Property.class);
            if (!test && !property) {
                continue;
            }
            java.lang.reflect.Constructor<?> ctor = c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())
                    ? c.getDeclaredConstructor(c.getEnclosingClass()) : c.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object instance = ctor.getParameterCount() == 1 ? ctor.newInstance(outer) : ctor.newInstance();
            Object[] args = new Object[m.getParameterCount()];
            for (int k = 0; k < args.length; k++) {
                args[k] = sample(m.getGenericParameterTypes()[k]);
            }
            try {
                invoke(m, instance, c.getSimpleName() + "." + m.getName(), args);
            } finally {
                for (Method after : allMethods(c)) {
                    if (after.isAnnotationPresent(AfterEach.class) || after.isAnnotationPresent(AfterTry.class)) {
                        after.setAccessible(true);
                        after.invoke(instance);
                    }
                }
            }
            ran++;
        }
        return ran;
    }

    /** The methods a test engine would see: declared in the class and its superclasses, any visibility, overrides once. */
    private static List<Method> allMethods(Class<?> c) {
        List<Method> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (!m.isSynthetic() && seen.add(m.getName() + java.util.Arrays.toString(m.getParameterTypes()))) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** A value for a {@code @ForAll} parameter: a sample of the RoutingArbitraries method that makes its type. */
    private static Object sample(java.lang.reflect.Type t) throws Exception {
        for (Method a : RoutingArbitraries.class.getMethods()) {
            if (a.getParameterCount() == 0 && Modifier.isStatic(a.getModifiers())
                    && a.getGenericReturnType() instanceof ParameterizedType p && p.getRawType() == Arbitrary.class
                    && p.getActualTypeArguments()[0].equals(t)) {
                return ((Arbitrary<?>) a.invoke(null)).sample();
            }
        }
        throw new AssertionError("no RoutingArbitraries method makes a " + t);
    }

    static void invoke(Method m, Object target, String what, Object... args) {
        try {
            m.setAccessible(true);
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("README " + what + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    static Class<?> compile(String source, Path dir) throws IOException, ClassNotFoundException {
        Files.createDirectories(dir);
        Path file = dir.resolve("ReadmeSnippets.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        String cp = Files.readString(Path.of("target/test-classpath.txt")).trim() + java.io.File.pathSeparator
                + "target/classes" + java.io.File.pathSeparator + "target/test-classes";
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-classpath", cp, "-d", dir.toString(), "-proc:none", "-Xlint:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call();
        if (!ok) {
            StringBuilder numbered = new StringBuilder();
            String[] lines = source.split("\n");
            for (int i = 0; i < lines.length; i++) {
                numbered.append(String.format("%4d  %s%n", i + 1, lines[i]));
            }
            fail("README's java snippets do not compile:\n" + diagnostics + "\n" + numbered);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeJavaSnippetsTest.class.getClassLoader());
        return loader.loadClass("ReadmeSnippets");
    }
}
