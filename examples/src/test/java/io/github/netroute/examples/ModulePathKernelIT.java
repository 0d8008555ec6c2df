package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.testsupport.RealKernelTest;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NetlinkRouting.open} from the module path (JNA as the module com.sun.jna, slf4j-api as org.slf4j) and
 * from the class path, each adding a route in a throwaway network namespace and reading it back.
 */
@RealKernelTest
class ModulePathKernelIT {
    @TempDir
    Path work;
    private String ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = "nr-modpath-" + UUID.randomUUID().toString().substring(0, 8);
        ip("netns", "add", ns);
        ip("-n", ns, "link", "set", "lo", "up");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        ip("netns", "del", ns);
    }

    @Test
    void netlinkRoutingFromTheModulePath() throws Exception {
        ModulePath.Result r = ModulePath.runModule(ModulePath.compileModule(work), "netlink", ns);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("route local 10.96.0.0/12 dev lo table local scope host\n"), r.toString());
        assertTrue(r.out().contains("module io.github.netroute.routing.netlink\n"), r.toString());
        assertTrue(r.out().contains("app module " + ModulePath.SMOKE_MODULE + "\n"), r.toString());
    }

    @Test
    void netlinkRoutingFromTheClassPath() throws Exception {
        ModulePath.Result r = ModulePath.runClassPath(ModulePath.compileClassPath(work), "netlink", ns);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("route local 10.96.0.0/12 dev lo table local scope host\n"), r.toString());
        assertTrue(r.out().contains("module unnamed\n"), r.toString());
    }

    private static void ip(String... args) throws Exception {
        ModulePath.Result r = ModulePath.run(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("ip"), List.of(args).stream()).toList());
        assertEquals(0, r.exit(), "ip " + String.join(" ", args) + ": " + r);
    }
}
