package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netroute's packaged jars as a user gets them: each is a named module exporting exactly its API packages, and
 * the in-memory kernel works from the module path (with no jqwik or JUnit there: the testkit needs them only
 * statically) and from the class path. The real client is run the same way in {@link ModulePathKernelIT}.
 */
class ModulePathIT {
    @TempDir
    Path work;

    @Test
    void eachJarIsAModuleThatExportsOnlyItsApi() {
        Map<String, String> exports = new TreeMap<>();
        for (String artifact : new String[] {"routing-api", "routing-netlink", "routing-testkit"}) {
            Path jar = ModulePath.onClassPath(artifact);
            Set<ModuleDescriptor> found = ModuleFinder.of(jar).findAll().stream()
                    .map(m -> m.descriptor()).collect(Collectors.toSet());
            assertEquals(1, found.size(), jar + " holds one module");
            ModuleDescriptor d = found.iterator().next();
            assertTrue(!d.isAutomatic(), jar + " has a module-info (not an automatic module): " + d);
            exports.put(d.name(), d.exports().stream().map(ModulePathIT::describe).sorted()
                    .collect(Collectors.joining(", ")));
            if (artifact.equals("routing-netlink")) {
                assertEquals(Set.of("com.sun.jna", "org.slf4j", "io.github.netroute.routing", "java.base"),
                        d.requires().stream().map(Requires::name).collect(Collectors.toSet()), "netlink requires");
            }
            if (artifact.equals("routing-testkit")) {
                for (Requires r : d.requires()) {
                    if (r.name().startsWith("net.jqwik") || r.name().startsWith("org.junit")) {
                        assertTrue(r.modifiers().contains(Requires.Modifier.STATIC),
                                "the testkit needs " + r.name() + " only statically: " + r);
                    }
                }
                assertTrue(d.provides().isEmpty(), "a `provides` of a jqwik service would need jqwik at run time: "
                        + d.provides());
            }
        }
        assertEquals(Map.of(
                "io.github.netroute.routing", "io.github.netroute.routing, "
                        + "io.github.netroute.routing.internal to [io.github.netroute.routing.testkit], "
                        + "io.github.netroute.routing.model, io.github.netroute.routing.reconcile",
                "io.github.netroute.routing.netlink", "io.github.netroute.routing.netlink",
                "io.github.netroute.routing.testkit", "io.github.netroute.routing.testkit, "
                        + "io.github.netroute.routing.testkit.arbitraries, io.github.netroute.routing.testkit.contract"),
                exports);
    }

    @Test
    void inMemoryKernelFromTheModulePath() throws Exception {
        ModulePath.Result r = ModulePath.runModule(ModulePath.compileModule(work), "memory");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("route local 10.96.0.0/12 dev lo table local scope host\n"), r.toString());
        assertTrue(r.out().contains("module io.github.netroute.routing.testkit\n"), r.toString());
        assertTrue(r.out().contains("app module " + ModulePath.SMOKE_MODULE + "\n"), r.toString());
    }

    @Test
    void inMemoryKernelFromTheClassPath() throws Exception {
        ModulePath.Result r = ModulePath.runClassPath(ModulePath.compileClassPath(work), "memory");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("route local 10.96.0.0/12 dev lo table local scope host\n"), r.toString());
        assertTrue(r.out().contains("module unnamed\n"), r.toString());
    }

    private static String describe(Exports e) {
        return e.isQualified() ? e.source() + " to " + e.targets().stream().sorted().toList() : e.source();
    }
}
