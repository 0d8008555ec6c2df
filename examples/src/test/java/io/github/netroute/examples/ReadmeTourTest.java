package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The README's command lines work as printed. Every {@code java -jar examples/target/netroute.jar ...} line of the
 * README's plain blocks runs in this JVM ({@link Netroute#run}) on the in-memory kernel and must exit 0, in README
 * order, with relative {@code --state}/{@code --events} files in one temporary directory (so the tour's
 * {@code ip --state node.ip ...} lines build on each other). Not run here: lines that need root or a cluster
 * ({@code sudo}, {@code --netns}, {@code --host}, {@code -n NS}, {@code agent}, {@code scenario}), long benchmarks
 * ({@code bench}), and batch files the reader writes ({@code -batch FILE}).
 */
class ReadmeTourTest {

    private static final String JAR = "java -jar examples/target/netroute.jar ";

    /** The netroute command lines of the README's plain blocks, continuation lines joined, in order. */
    static List<List<String>> commandLines(String readme) {
        List<List<String>> out = new ArrayList<>();
        for (String block : ReadmeSnippets.blocks(readme, "")) {
            String joined = block.replaceAll("\\\\\\n\\s*", " ");
            for (String line : joined.split("\n")) {
                int at = line.indexOf(JAR);
                if (at < 0) {
                    continue;
                }
                String prefix = line.substring(0, at);
                if (prefix.contains("sudo") || prefix.contains("$(")) {
                    continue;
                }
                String cmd = line.substring(at + JAR.length()).replaceAll("\\s+#.*$", "").trim();
                out.add(List.of(cmd.split("\\s+")));
            }
        }
        return out;
    }

    static boolean runnableHere(List<String> args) {
        String first = args.get(0);
        return !List.of("agent", "scenario", "bench").contains(first) && !args.contains("--netns")
                && !args.contains("--host") && !args.contains("-n") && !args.contains("-batch")
                && !args.contains("monitor") && args.stream().noneMatch(a -> a.startsWith("["));
    }

    @Test
    void everyTourCommandRunsAsPrinted(@TempDir Path dir) {
        List<List<String>> lines = commandLines(ReadmeSnippets.readme());
        int ran = 0;
        for (List<String> printed : lines) {
            if (!runnableHere(printed)) {
                continue;
            }
            List<String> args = new ArrayList<>(printed);
            for (int i = 1; i < args.size(); i++) {
                if (List.of("--state", "--events").contains(args.get(i - 1))) {
                    args.set(i, dir.resolve(args.get(i)).toString());
                }
            }
            Cli.Result r = Cli.netroute(args.toArray(String[]::new));
            assertEquals(0, r.code(), () -> "README: netroute " + String.join(" ", printed) + "\n" + r);
            ran++;
        }
        // quick start, kube-ipvs0, oam-policy, asymmetric and four ip lines at least
        assertTrue(ran >= 7, "README command lines run: " + ran + " of " + lines);
        assertTrue(lines.stream().anyMatch(l -> String.join(" ", l).equals("ip --state node.ip link set br0 up")),
                "the tour sets br0 up before routing through it");
    }

    @Test
    void routingThroughADownBridgeFailsSoTheTourMustSetItUp(@TempDir Path dir) {
        String state = dir.resolve("node.ip").toString();
        assertEquals(0, Cli.netroute("ip", "--state", state, "link", "add", "br0", "type", "bridge").code());
        Cli.Result r = Cli.netroute("ip", "--state", state, "route", "add", "10.0.0.0/8", "dev", "br0");
        assertEquals(2, r.code(), r::toString);
    }

    private static final Pattern SECTION = Pattern.compile("(?s)### Testing with routing-testkit\\n(.*?)\\n## ");

    @Test
    void theTestkitSectionsPomFragmentsAreWhatThisBuildDoes() throws Exception {
        Matcher m = SECTION.matcher(ReadmeSnippets.readme());
        assertTrue(m.find(), "README has a 'Testing with routing-testkit' section");
        List<String> xml = ReadmeSnippets.blocks(m.group(1), "xml");
        assertEquals(2, xml.size(), xml::toString);
        Document deps = parse("<project>" + xml.get(0) + "</project>");
        assertEquals("routing-testkit", deps.getElementsByTagName("artifactId").item(0).getTextContent());
        assertEquals("test", deps.getElementsByTagName("scope").item(0).getTextContent());
        assertEquals("1.9.3", deps.getElementsByTagName("version").item(0).getTextContent());
        Document plugin = parse(xml.get(1));
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < plugin.getElementsByTagName("include").getLength(); i++) {
            includes.add(plugin.getElementsByTagName("include").item(i).getTextContent());
        }
        assertTrue(includes.contains("**/*Properties.java"), includes::toString);
        // and this build's own Surefire configuration has the pattern the README tells users to add
        String rootPom = Files.readString(Path.of("../pom.xml"));
        for (String include : includes) {
            assertTrue(rootPom.contains("<include>" + include + "</include>"), include);
        }
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
