package io.github.netroute.routing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Routing;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory kernel works with only routing-api and routing-testkit on the class path: no JUnit, no jqwik
 * (they are optional dependencies of the testkit, used only by its contract and arbitraries packages).
 */
class KernelWithoutTestFrameworksTest {

    static final String PROGRAM = """
            import io.github.netroute.routing.Route;
            import io.github.netroute.routing.RouteLookup;
            import io.github.netroute.routing.testkit.InMemoryKernel;
            import java.net.InetAddress;

            public class Main {
                public static void main(String[] args) throws Exception {
                    for (String c : new String[] {"net.jqwik.api.Arbitrary", "org.junit.jupiter.api.Test"}) {
                        try {
                            Class.forName(c);
                            System.out.println("present " + c);
                        } catch (ClassNotFoundException e) {
                            System.out.println("absent " + c);
                        }
                    }
                    InMemoryKernel k = InMemoryKernel.typicalNode();
                    k.addRoute(Route.parse("10.1.0.0/16 via 192.168.1.254 dev eth0"));
                    System.out.println("lookup " + k.lookup(RouteLookup.to(InetAddress.getByName("10.1.2.3"))));
                }
            }
            """;

    /** Where a class was loaded from: a target/classes directory in the reactor, a jar otherwise. */
    static String origin(Class<?> c) throws URISyntaxException {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void typicalNodeRunsWithOnlyApiAndTestkitOnTheClassPath(@TempDir Path dir) throws Exception {
        String api = origin(Routing.class);
        String testkit = origin(InMemoryKernel.class);
        assertFalse(api.contains("jqwik") || api.contains("junit"), api);
        assertFalse(testkit.contains("jqwik") || testkit.contains("junit"), testkit);
        Path src = dir.resolve("Main.java");
        Files.writeString(src, PROGRAM);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--class-path", api + File.pathSeparator + testkit, src.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals(List.of("absent net.jqwik.api.Arbitrary", "absent org.junit.jupiter.api.Test"), lines.subList(0, 2),
                out);
        assertEquals(3, lines.size(), out);
        assertEquals("lookup 10.1.2.3 via 192.168.1.254 dev eth0 src 192.168.1.2 uid 0", lines.get(2), out);
    }
}
