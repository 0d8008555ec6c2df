package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code netroute.jar}, checked after {@code package} (failsafe, in {@code verify}): it carries the
 * command and its runtime (picocli, the in-memory kernel, an SLF4J provider) and no test library; run, it prints
 * no SLF4J warning.
 */
class NetrouteJarIT {
    private static final Path JAR = Path.of("target", "netroute.jar");
    private static final List<String> TEST_LIBRARIES = List.of("org/junit/", "junit/", "net/jqwik/",
            "org/opentest4j/", "org/apiguardian/", "org/assertj/", "org/hamcrest/", "org/mockito/", "org/testng/",
            // the agent's tests use fabric8's mock server (vert.x): none of it belongs in the command's jar
            "io/fabric8/mockwebserver/", "io/fabric8/kubernetes/client/server/mock/", "io/vertx/");

    @Test
    void jarHasTheCommandAndNoTestLibraries() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing after package");
        try (ZipFile z = new ZipFile(JAR.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).toList();
            for (String lib : TEST_LIBRARIES) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(lib)), JAR + " has " + lib + " entries");
            }
            assertFalse(names.contains("META-INF/services/net.jqwik.api.providers.ArbitraryProvider"),
                    JAR + " registers a jqwik provider");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("picocli/")), JAR + " has no picocli/");
            assertTrue(names.contains("io/github/netroute/routing/testkit/InMemoryKernel.class"),
                    JAR + " has no InMemoryKernel");
            assertTrue(names.contains("io/github/netroute/examples/ip/IpCommand.class"), JAR + " has no IpCommand");
            assertTrue(names.contains("io/github/netroute/examples/agent/AgentCommand.class"), JAR + " has no agent");
            assertTrue(names.contains("io/fabric8/kubernetes/client/jdkhttp/JdkHttpClientFactory.class"),
                    JAR + " has no fabric8 JDK HTTP client");
            assertTrue(names.contains("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"),
                    JAR + " has no SLF4J provider for the command line");
        }
    }

    @Test
    void commandPrintsNoSlf4jWarning() throws Exception {
        ModulePath.Result r = ModulePath.run(List.of(ModulePath.java(), "-jar", JAR.toString(), "asymmetric"));
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.err().contains("SLF4J"), r.toString());
    }

    /** The library logs through slf4j-api; inside the jar that must reach a provider, not SLF4J's NOP fallback. */
    @Test
    void loggingThroughSlf4jReachesAProvider() throws Exception {
        ModulePath.Result r = ModulePath.run(List.of(ModulePath.java(), "-cp", JAR.toString(),
                Path.of("src", "test", "jar-probe", "Slf4jProbe.java").toString()));
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.err().contains("SLF4J"), "SLF4J warned: " + r);
        assertFalse(r.out().contains("NOP"), "SLF4J fell back to NOP: " + r);
        assertTrue(r.err().contains("slf4j-probe-message") || r.out().contains("slf4j-probe-message"),
                "the probe's warning was not logged: " + r);
    }
}
