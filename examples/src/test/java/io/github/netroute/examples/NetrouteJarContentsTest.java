package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shaded {@code netroute.jar} carries the command and its runtime (picocli, the in-memory kernel) but none of
 * the test libraries routing-testkit's property helpers depend on. Tests run before {@code package}, so the jar is
 * only checked when one at least as new as {@code pom.xml} is there (after a {@code package}); the shade
 * configuration that keeps them out is checked always.
 */
class NetrouteJarContentsTest {
    private static final Path JAR = Path.of("target", "netroute.jar");
    private static final Path POM = Path.of("pom.xml");
    private static final List<String> TEST_LIBRARIES = List.of("org/junit/", "net/jqwik/", "org/opentest4j/",
            "io/fabric8/mockwebserver/", "io/fabric8/kubernetes/client/server/mock/", "io/vertx/");

    @Test
    void shadeExcludesTestLibraries() throws Exception {
        Element shade = null;
        NodeList plugins = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile())
                .getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (text(p, "artifactId").equals("maven-shade-plugin")) {
                shade = p;
            }
        }
        assertTrue(shade != null, "examples/pom.xml has no maven-shade-plugin");
        NodeList sets = shade.getElementsByTagName("artifactSet");
        assertTrue(sets.getLength() == 1, "the shade plugin has no artifactSet");
        List<String> excludes = new ArrayList<>();
        NodeList ex = ((Element) sets.item(0)).getElementsByTagName("exclude");
        for (int i = 0; i < ex.getLength(); i++) {
            excludes.add(ex.item(i).getTextContent().trim());
        }
        for (String g : List.of("org.junit*:*", "org.junit.platform:*", "net.jqwik:*", "org.opentest4j:*",
                "org.apiguardian:*")) {
            assertTrue(excludes.contains(g), "shade artifactSet excludes " + g + ": " + excludes);
        }
    }

    @Test
    void jarHasTheCommandAndNoTestLibraries() throws Exception {
        assumeTrue(Files.exists(JAR), "no " + JAR + " (not packaged)");
        assumeTrue(Files.getLastModifiedTime(JAR).compareTo(Files.getLastModifiedTime(POM)) >= 0,
                JAR + " is older than pom.xml");
        try (ZipFile z = new ZipFile(JAR.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).toList();
            for (String lib : TEST_LIBRARIES) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(lib)), JAR + " has " + lib + " entries");
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith("picocli/")), JAR + " has no picocli/");
            assertTrue(names.contains("io/github/netroute/routing/testkit/InMemoryKernel.class"),
                    JAR + " has no InMemoryKernel");
            assertTrue(names.contains("io/github/netroute/examples/ip/IpCommand.class"), JAR + " has no IpCommand");
            assertTrue(names.contains("io/github/netroute/examples/agent/AgentCommand.class"), JAR + " has no agent");
            assertTrue(names.contains("io/fabric8/kubernetes/client/jdkhttp/JdkHttpClientFactory.class"),
                    JAR + " has no fabric8 JDK HTTP client");
        }
    }

    private static String text(Element e, String child) {
        NodeList l = e.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }
}
