package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.testsupport.RealKernelTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's java blocks that open {@code NetlinkRouting}, run on the real kernel: {@code NetlinkRouting.open()}
 * is pointed at a throwaway namespace ({@code nr-ex-*}) holding what the block expects (kube-ipvs0 with a
 * ClusterIP address, the node IP 192.168.1.2 on eth0), and the namespace is read back with {@code ip} afterwards.
 */
@RealKernelTest
class ReadmeRealKernelSnippetsTest {

    @Test
    void theNetlinkSnippetsRunOnARealNamespace(@TempDir Path dir) throws Exception {
        ReadmeJavaSnippetsTest.Unit unit = ReadmeJavaSnippetsTest.unit(
                ReadmeSnippets.javaBlocks(ReadmeSnippets.readme()));
        Class<?> main = ReadmeJavaSnippetsTest.compile(unit.source(), dir);
        int ran = 0;
        for (int i = 0; i < unit.bodies().size(); i++) {
            if (unit.real().get(i)) {
                runOnARealNamespace(main, i);
                ran++;
            }
        }
        assertTrue(ran >= 1, "README has no NetlinkRouting block");
    }

    /** A namespace laid out as the block expects (kube-ipvs0 with a ClusterIP address, the node IP on eth0). */
    static void runOnARealNamespace(Class<?> main, int i) throws Exception {
        try (RealNs ns = RealNs.create()) {
            ns.ip("link", "set", "lo", "up").ok();
            ns.ip("link", "add", "eth0", "type", "bridge").ok();
            ns.ip("link", "set", "eth0", "up").ok();
            ns.ip("addr", "add", "192.168.1.2/24", "dev", "eth0").ok();
            ns.ip("link", "add", "kube-ipvs0", "type", "bridge").ok();
            ns.ip("addr", "add", "10.96.0.10/32", "dev", "kube-ipvs0").ok();
            System.setProperty("netroute.readme.netns", ns.name);
            try {
                ReadmeJavaSnippetsTest.invoke(main.getMethod("snippet" + i), null,
                        "snippet " + i + " (real namespace " + ns.name + ")");
            } finally {
                System.clearProperty("netroute.readme.netns");
            }
            String local = ns.ip("route", "show", "table", "local", "dev", "kube-ipvs0").ok().out();
            assertEquals("local 10.96.0.0/12 scope host src 192.168.1.2 \n", local);
            assertEquals("", ns.ip("addr", "show", "dev", "kube-ipvs0", "scope", "global").ok().out()
                    .lines().filter(l -> l.contains("inet ")).reduce("", String::concat));
        }
    }

}
