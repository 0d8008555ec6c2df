package io.github.netroute.examples;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.netlink.NetlinkRouting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code netroute bench --nexthops}: N routes ({@code A.B.C.0/24 table 100}) on one shared nexthop group ({@code nhid
 * 100}, group of nexthop 1 via 192.168.1.1) vs N routes with the inline gateway 192.168.1.1; then moving all of them to
 * 192.168.1.3: one {@code nexthop replace id 100 group 2} vs N {@code route replace … via 192.168.1.3}. Each of the
 * four runs (netroute and {@code ip -batch}, nexthop and inline) gets its own throwaway namespace {@code
 * nr-bench-<random>} with eth0 (a bridge) up at 192.168.1.2/24; the iproute2 timings are the wall time of {@code ip
 * -n NS -batch FILE} for the same commands. Prints seconds and ratios; no assertions.
 */
final class NexthopBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NexthopBench() {}

    static Route route(int i, long nhid, String gw) {
        byte[] b = {(byte) (10 + (i >>> 16)), (byte) ((i >>> 8) & 255), (byte) (i & 255), 0};
        Route.Builder r = Route.builder().dst(IpPrefix.of(IpAddresses.fromBytes(b), 24)).table(100);
        return nhid != 0 ? r.nhid(nhid).build() : r.gateway(IpAddresses.parse(gw)).build();
    }

    static String prefix(int i) {
        return (10 + (i >>> 16)) + "." + ((i >>> 8) & 255) + "." + (i & 255) + ".0/24";
    }

    /** Times for one way of doing it. */
    record Times(double install, double move, long routesAfter) {}

    static int run(int n, int warmups) throws Exception {
        for (int w = 0; w < warmups; w++) { // JIT warm-up of the encode/batch/decode paths, not measured
            netroute(Math.min(n, 20_000), true);
            netroute(Math.min(n, 20_000), false);
        }
        Times nrNh = netroute(n, true);
        Times nrInline = netroute(n, false);
        Times ipNh = iproute2(n, true);
        Times ipInline = iproute2(n, false);
        System.out.printf("routes %d (table 100, one /24 each)%n", n);
        System.out.printf("%-34s %12s %12s%n", "", "netroute_s", "iproute2_s");
        System.out.printf("%-34s %12.4f %12.4f%n", "install on one nexthop group", nrNh.install, ipNh.install);
        System.out.printf("%-34s %12.4f %12.4f%n", "install with inline gateways", nrInline.install, ipInline.install);
        System.out.printf("%-34s %12.6f %12.6f%n", "move all: replace the group", nrNh.move, ipNh.move);
        System.out.printf("%-34s %12.4f %12.4f%n", "move all: replace every route", nrInline.move, ipInline.move);
        System.out.printf("ratio move inline/group: netroute %.0fx, iproute2 %.0fx%n", nrInline.move / nrNh.move,
                ipInline.move / ipNh.move);
        System.out.printf("ratio install group/inline: netroute %.2f, iproute2 %.2f%n",
                nrNh.install / nrInline.install, ipNh.install / ipInline.install);
        System.out.printf("ratio netroute/iproute2: install group %.2f, install inline %.2f, move group %.2f,"
                + " move inline %.2f%n", nrNh.install / ipNh.install, nrInline.install / ipInline.install,
                nrNh.move / ipNh.move, nrInline.move / ipInline.move);
        boolean ok = nrNh.routesAfter == n && nrInline.routesAfter == n && ipNh.routesAfter == n
                && ipInline.routesAfter == n;
        System.out.println("routes moved to 192.168.1.3: netroute " + nrNh.routesAfter + "/" + nrInline.routesAfter
                + ", iproute2 " + ipNh.routesAfter + "/" + ipInline.routesAfter);
        return ok ? 0 : 1;
    }

    private static void shape(NetlinkRouting r) throws RoutingException {
        r.setLinkUp("lo", true);
        r.addLink("eth0", "bridge");
        r.setLinkUp("eth0", true);
        r.addAddress(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0"));
    }

    private static void apply(NetlinkRouting r, int n, IntFunction<Change> change) {
        List<Change> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            changes.add(change.apply(i));
        }
        for (ChangeResult c : r.apply(changes)) {
            if (!c.ok()) {
                throw new IllegalStateException("bench change failed: " + c);
            }
        }
    }

    private static long movedRoutes(NetlinkRouting r) throws RoutingException {
        return r.routes(RouteFilter.table(RouteTable.of(100))).stream()
                .filter(x -> IpAddresses.parse("192.168.1.3").equals(x.gateway())).count();
    }

    private static Times netroute(int n, boolean group) throws Exception {
        try (NetlinkRouting r = NetlinkRouting.openIsolated()) {
            shape(r);
            if (group) {
                r.addNexthop(Nexthop.parse("id 1 via 192.168.1.1 dev eth0"));
                r.addNexthop(Nexthop.parse("id 2 via 192.168.1.3 dev eth0"));
                r.addNexthop(Nexthop.parse("id 100 group 1"));
            }
            BenchCommand.settle();
            long t0 = System.nanoTime();
            apply(r, n, i -> Change.addRoute(route(i, group ? 100 : 0, "192.168.1.1")));
            long t1 = System.nanoTime();
            BenchCommand.settle();
            long t2 = System.nanoTime();
            if (group) {
                r.replaceNexthop(Nexthop.parse("id 100 group 2"));
            } else {
                apply(r, n, i -> Change.replaceRoute(route(i, 0, "192.168.1.3")));
            }
            long t3 = System.nanoTime();
            long moved = movedRoutes(r);
            // empty the namespace before it closes, so that its teardown does not run into the next measurement
            r.apply(r.routes(RouteFilter.table(RouteTable.of(100))).stream().map(Change::deleteRoute).toList());
            return new Times((t1 - t0) / 1e9, (t3 - t2) / 1e9, moved);
        }
    }

    private static Times iproute2(int n, boolean group) throws Exception {
        String ns = "nr-bench-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        Path dir = Files.createTempDirectory("nr-bench");
        try {
            exec("ip", "netns", "add", ns);
            Path setup = dir.resolve("setup.batch");
            List<String> s = new ArrayList<>(List.of("link set lo up", "link add eth0 type bridge", "link set eth0 up",
                    "addr add 192.168.1.2/24 dev eth0"));
            if (group) {
                s.addAll(List.of("nexthop add id 1 via 192.168.1.1 dev eth0",
                        "nexthop add id 2 via 192.168.1.3 dev eth0", "nexthop add id 100 group 1"));
            }
            Files.write(setup, s, StandardCharsets.UTF_8);
            exec("ip", "-n", ns, "-batch", setup.toString());
            Path install = dir.resolve("install.batch");
            Path move = dir.resolve("move.batch");
            List<String> in = new ArrayList<>(n);
            List<String> mv = new ArrayList<>(group ? 1 : n);
            for (int i = 0; i < n; i++) {
                in.add("route add " + prefix(i) + (group ? " nhid 100" : " via 192.168.1.1") + " table 100");
                if (!group) {
                    mv.add("route replace " + prefix(i) + " via 192.168.1.3 table 100");
                }
            }
            if (group) {
                mv.add("nexthop replace id 100 group 2");
            }
            Files.write(install, in, StandardCharsets.UTF_8);
            Files.write(move, mv, StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            exec("ip", "-n", ns, "-batch", install.toString());
            long t1 = System.nanoTime();
            exec("ip", "-n", ns, "-batch", move.toString());
            long t2 = System.nanoTime();
            String shown = exec("ip", "-n", ns, "route", "show", "table", "100");
            long moved = shown.lines().filter(l -> l.contains("via 192.168.1.3 ")).count();
            // empty the namespace before it goes (its teardown would run into the next measurement); 'ip route
            // flush' cannot remove nhid routes (it echoes the dumped gateway with RTA_NH_ID: EINVAL), deleting the
            // nexthops takes their routes along
            if (group) {
                exec("ip", "-n", ns, "nexthop", "flush");
            } else {
                exec("ip", "-n", ns, "route", "flush", "table", "100");
            }
            return new Times((t1 - t0) / 1e9, (t2 - t1) / 1e9, moved);
        } finally {
            try {
                exec("ip", "netns", "del", ns);
            } catch (IOException | IllegalStateException e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
