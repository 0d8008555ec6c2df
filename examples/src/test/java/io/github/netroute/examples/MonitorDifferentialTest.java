package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.netroute.examples.ip.IpCommand;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications to the last line: a scripted sequence of changes (links up, down and deleted; IPv4 and IPv6
 * addresses, one of them the last address routes depend on; routes added, replaced, appended and deleted, multipath
 * in both families; rules of both families; a flush) runs in a throwaway namespace while the real
 * {@code ip -n NS monitor link address route rule} and {@code netroute ip -n NS monitor link address route rule}
 * (netlink, in this JVM) watch, and the same two with {@code label} (iproute2's banners); their outputs must be
 * equal line for line. The same sequence then runs on the
 * in-memory kernel through {@code netroute ip --state F --events FILE --addr-gen-mode none}, and FILE must equal the
 * real {@code ip monitor}'s output too.
 *
 * <p>Normalised: only the MAC addresses ({@code link/ether …}, random on Linux). The namespace has
 * {@code net.ipv6.conf.{all,default}.addr_gen_mode=1}, and every command is followed by a wait until the
 * namespace has settled, so that the IPv6 work the kernel defers (the loopback's ::1, address routes) lands in the
 * same place in every run.
 */
@RealKernelTest
class MonitorDifferentialTest {
    private static final Pattern MAC = Pattern.compile("link/ether [0-9a-f]{2}(:[0-9a-f]{2}){5} brd ");

    /**
     * Made before the watches start, in both runs: a veth pair, veth0 up with its peer down (no carrier). Watched,
     * the pair's creation would print the peer as {@code veth1@NONE} (IFLA_LINK 0 before the pair is joined), which
     * netroute does not model.
     */
    static final List<String> PRELUDE = List.of("link add veth0 type veth peer name veth1", "link set veth0 up");

    /** The changes, as {@code ip} arguments (a leading -6 is an ip option). */
    static final List<String> SEQUENCE = List.of(
            "link set lo up",
            "link add br0 type bridge",
            "link set br0 up",
            "link add br1 type bridge",
            "link set br1 up",
            "addr add 10.0.0.1/24 dev br0",
            "addr add 10.0.0.2/24 dev br0",
            "addr add 10.9.0.1/24 dev br1",
            "addr add 2001:db8::1/64 dev br0 nodad",
            "addr add 2001:db8:9::1/64 dev br1 nodad",
            "route add 10.1.0.0/16 via 10.0.0.254",
            "route add 10.2.0.0/16 nexthop via 10.0.0.253 nexthop via 10.0.0.254",
            "route replace 10.1.0.0/16 via 10.0.0.253",
            "route append 10.3.0.0/16 via 10.0.0.254",
            "route add 10.4.0.0/16 via 10.9.0.254 table 10",
            "route add 10.5.0.0/16 via 10.9.0.254 src 10.9.0.1",
            "route add 2001:db8:1::/64 nexthop via 2001:db8::2 nexthop via 2001:db8::3",
            "route add 2001:db8:2::/64 via 2001:db8::2 table 10",
            "route append 2001:db8:1::/64 via 2001:db8::4",
            "route replace 2001:db8:2::/64 via 2001:db8::3 table 10",
            "route add 2001:db8:3::/64 via 2001:db8:9::2 table 10",
            "route del 10.2.0.0/16",
            "rule add from 10.0.0.0/8 table 10 pref 100",
            "-6 rule add from 2001:db8::/32 table 10 pref 100",
            "rule del pref 100",
            "-6 rule del pref 100",
            "route prepend 10.6.0.0/16 via 10.0.0.254",
            "route change 10.1.0.0/16 via 10.0.0.254",
            "route replace 10.3.0.0/16 nexthop via 10.0.0.253 nexthop via 10.0.0.254",
            "route del 2001:db8:1::/64 via 2001:db8::3",
            "route replace 2001:db8:1::/64 nexthop via 2001:db8::5 nexthop via 2001:db8::6",
            "route add 2001:db8:4::/64 via 2001:db8::7 metric 10",
            "route add 2001:db8:4::/64 via 2001:db8::8 metric 20",
            "-6 rule add to 2001:db8:8::/48 table 20 pref 200",
            "-6 rule add fwmark 5 table 20 pref 201",
            "-6 rule flush",
            "addr del 10.9.0.1/24 dev br1",
            "addr del 2001:db8:9::1/64 dev br1",
            "link set br1 down",
            "addr add 2001:db8:5::1/64 dev br1 nodad",
            "addr add 10.7.0.1/24 dev br1",
            "link set br1 up",
            "link set br0 down",
            "link set br0 up",
            "addr del 10.0.0.1/24 dev br0",
            "-6 route flush table 10",
            "addr add 2001:db8:6::1/64 dev br0 nodad",
            "route add 2001:db8:8::/64 nexthop via 2001:db8:6::2 nexthop via 2001:db8:5::2",
            "link del br1",
            "addr add 10.0.0.1/24 dev br0",
            "addr add 10.0.0.2/24 dev br0",
            "addr add 10.0.1.1/24 dev br0",
            "route add 10.5.0.0/16 via 10.0.0.254 src 10.0.0.2",
            // nexthop objects: groups shrinking in grp_list order, compat-mode route notifications on replace,
            // IPv6 routes deleted with their nexthop (IPv4 ones silently), nexthops flushed silently with a link
            "-6 rule add pref 32766 table main",
            "link add br2 type bridge",
            "link set br2 up",
            "addr add 10.2.0.1/24 dev br2",
            "addr add 2001:db8:a::1/64 dev br2 nodad",
            "nexthop add id 1 via 10.0.0.250 dev br0",
            "nexthop add id 2 via 10.2.0.250 dev br2",
            "nexthop add id 3 via 2001:db8:6::250 dev br0",
            "nexthop add id 4 via 2001:db8:a::250 dev br2",
            "nexthop add id 5 blackhole",
            "nexthop add via 10.0.0.249 dev br0",
            "nexthop add id 10 group 1/2",
            "nexthop add id 11 group 2,3/1",
            "nexthop add id 12 group 3/4 type resilient buckets 8",
            "nexthop add id 13 group 4",
            "route add 10.20.0.0/16 nhid 10",
            "route add 10.21.0.0/16 nhid 1",
            "route add 10.19.0.0/16 nhid 1 table 100",
            "route add 10.22.0.0/16 nhid 11",
            "route add 10.23.0.0/16 nhid 3",
            "route add 2001:db8:20::/64 nhid 12",
            "route add 2001:db8:21::/64 nhid 3",
            "route add 2001:db8:22::/64 nhid 3",
            "route add 2001:db8:23::/64 nhid 13",
            "route add 2001:db8:24::/64 nhid 4 table 100",
            "route add blackhole 10.24.0.0/16 nhid 5",
            "nexthop replace id 1 via 10.0.0.248 dev br0",
            "nexthop replace id 3 via 2001:db8:6::248 dev br0",
            "nexthop replace id 10 group 1,2/2,3",
            "nexthop replace id 12 group 3,4/4 type resilient idle_timer 60",
            "nexthop del id 2",
            "nexthop del id 3",
            "-6 route del 2001:db8:23::/64",
            "nexthop add id 14 group 4/1",
            "route add 2001:db8:25::/64 nhid 4",
            "link set br2 down",
            "nexthop flush",
            // an IPv4 multipath route keeps a hop whose device went down, marked dead and linkdown in its fib_info
            // (fib_sync_down_dev): the route's deletion carries those flags
            "link add br3 type bridge",
            "link set br3 up",
            "addr add 10.3.3.1/24 dev br3",
            "route add 10.8.0.0/16 nexthop via 10.0.0.254 dev br0 nexthop via 10.3.3.254 dev br3",
            "link set br3 down",
            "route del 10.8.0.0/16",
            // veth0 (PRELUDE) has no carrier, its peer being down: a route through it is linkdown, and so is the
            // route's deletion, single-path or multipath
            "addr add 10.4.4.1/24 dev veth0",
            "route add 10.9.0.0/16 via 10.4.4.254 dev veth0",
            "route add 10.10.0.0/16 nexthop via 10.4.4.254 dev veth0 nexthop via 10.0.0.254 dev br0",
            "route del 10.9.0.0/16",
            "route del 10.10.0.0/16",
            "addr del 10.4.4.1/24 dev veth0",
            "link del br0");

    @TempDir
    Path tmp;

    @Test
    void netrouteMonitorAndTheInMemoryKernelPrintWhatIpMonitorPrints() throws Exception {
        RealNs.assumeUsable();
        String real;
        String netlink;
        String realLabel;
        String netlinkLabel;
        List<String> objects = List.of("link", "address", "route", "rule", "nexthop");
        List<String> labelled = List.of("label", "link", "address", "route", "rule", "nexthop");
        try (RealNs ns = RealNs.create()) {
            for (String c : PRELUDE) {
                ns.ip(c.split(" ")).ok();
            }
            ns.settle();
            List<Watch> watches = List.of(Watch.ip(ns, objects, tmp.resolve("ip.out")),
                    Watch.netroute(ns, objects), Watch.ip(ns, labelled, tmp.resolve("ip-label.out")),
                    Watch.netroute(ns, labelled));
            try {
                // all are listening once all have printed a probe rule
                ns.ip("rule", "add", "pref", "7", "table", "7").ok();
                for (int i = 0; i < 100 && !watches.stream().allMatch(w -> w.text().contains("7:\tfrom all lookup 7"));
                        i++) {
                    ns.ip("rule", "del", "pref", "7");
                    ns.ip("rule", "add", "pref", "7", "table", "7");
                    Thread.sleep(100);
                }
                for (Watch w : watches) {
                    w.start = w.text().length();
                }
                for (String c : SEQUENCE) {
                    ns.ip(c.split(" ")).ok();
                    ns.settle();
                }
                ns.ip("rule", "del", "pref", "7").ok();
                awaitSuffix(watches.get(0), "Deleted 7:\tfrom all lookup 7\n");
                awaitSuffix(watches.get(1), "Deleted 7:\tfrom all lookup 7\n");
                awaitSuffix(watches.get(2), "[RULE]Deleted 7:\tfrom all lookup 7\n");
                awaitSuffix(watches.get(3), "[RULE]Deleted 7:\tfrom all lookup 7\n");
                real = watches.get(0).seen();
                netlink = watches.get(1).seen();
                realLabel = watches.get(2).seen();
                netlinkLabel = watches.get(3).seen();
            } finally {
                for (Watch w : watches) {
                    w.stop();
                }
            }
        }
        compare(realLabel, netlinkLabel, "netlink-label");
        compare(real, netlink, "netlink");
        assertTrue(real.lines().count() > 100, real);

        Path state = tmp.resolve("state");
        Path events = tmp.resolve("events");
        for (String c : PRELUDE) {
            List<String> argv = new ArrayList<>(List.of("--state", state.toString(), "--events", events.toString(),
                    "--addr-gen-mode", "none"));
            argv.addAll(Arrays.asList(c.split(" ")));
            assertEquals(0, Cli.ip(argv, null).code(), c);
        }
        Files.deleteIfExists(events); // not watched on the real side either
        for (String c : SEQUENCE) {
            List<String> argv = new ArrayList<>(List.of("--state", state.toString(), "--events", events.toString(),
                    "--addr-gen-mode", "none"));
            argv.addAll(Arrays.asList(c.split(" ")));
            Cli.Result r = Cli.ip(argv, null);
            assertEquals(0, r.code(), c + ": " + r);
        }
        String inMemory = normalise(Files.readString(events) + "Deleted 7:\tfrom all lookup 7\n");
        compare(real, inMemory, "in-memory");
    }

    /**
     * Equal, or a failure naming the first differing line with context; both texts are kept in
     * {@code target/monitor-differential/} for a diff.
     */
    private static void compare(String real, String other, String name) throws java.io.IOException {
        Path dir = Path.of("target", "monitor-differential");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ip-monitor-for-" + name + ".txt"), real);
        Files.writeString(dir.resolve(name + ".txt"), other);
        if (real.equals(other)) {
            return;
        }
        List<String> a = real.lines().toList();
        List<String> b = other.lines().toList();
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        fail(name + " differs from ip monitor at line " + (i + 1) + " (" + a.size() + " vs " + b.size()
                + " lines; see " + dir.toAbsolutePath() + ")\n--- ip monitor\n"
                + String.join("\n", a.subList(Math.max(0, i - 3), Math.min(a.size(), i + 6)))
                + "\n--- " + name + "\n"
                + String.join("\n", b.subList(Math.max(0, i - 3), Math.min(b.size(), i + 6))));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void awaitSuffix(Watch w, String suffix) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (w.text().substring(w.start).endsWith(suffix)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no '" + suffix.strip() + "' at the end of:\n" + w.text().substring(w.start));
    }

    /** One monitor: the real {@code ip monitor} (a process writing to a file) or netroute's (a thread). */
    static final class Watch {
        private final Supplier<String> text;
        private final Runnable stop;
        int start;

        private Watch(Supplier<String> text, Runnable stop) {
            this.text = text;
            this.stop = stop;
        }

        static Watch ip(RealNs ns, List<String> args, Path out) throws java.io.IOException {
            List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns.name, "monitor"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new Watch(() -> read(out), () -> {
                p.destroy();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        static Watch netroute(RealNs ns, List<String> args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of("-n", ns.name, "monitor"));
            argv.addAll(args);
            Thread t = new Thread(() -> {
                try {
                    IpCommand.run(argv, System.in, ps, ps);
                } catch (Exception e) {
                    ps.println("netroute monitor failed: " + e);
                }
            }, "netroute-monitor");
            t.start();
            return new Watch(() -> out.toString(StandardCharsets.UTF_8), () -> {
                t.interrupt();
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        String text() {
            return text.get();
        }

        String seen() {
            return normalise(text().substring(start));
        }

        void stop() {
            stop.run();
        }
    }

    static String normalise(String s) {
        return MAC.matcher(s).replaceAll("link/ether MAC brd ");
    }
}
