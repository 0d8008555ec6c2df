package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.examples.Netroute;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ip monitor} without a kernel: its arguments as do_ipmonitor takes them, the lines it prints for each kind of
 * notification (the expected texts are what iproute2 6.1 printed for the same notifications), the resynchronisation
 * after an overflow, and {@code --events} on the in-memory kernel. The real-kernel comparison is
 * {@code MonitorDifferentialTest}.
 */
class MonitorCommandTest {
    @TempDir
    Path tmp;

    @Test
    void argumentsResolveAsDoIpmonitorResolvesThem() throws Exception {
        MonitorCommand.Selection all = MonitorCommand.parse(List.of());
        assertEquals(EnumSet.allOf(MonitorCommand.Group.class), all.groups());
        assertEquals(false, all.banner());
        assertEquals(true, MonitorCommand.parse(List.of("all")).banner());
        // "l" is label (before link in do_ipmonitor's order): a banner, and all objects
        MonitorCommand.Selection lr = MonitorCommand.parse(List.of("l", "r"));
        assertEquals(EnumSet.of(MonitorCommand.Group.ROUTE), lr.groups());
        assertEquals(true, lr.banner());
        assertEquals(EnumSet.of(MonitorCommand.Group.ADDRESS, MonitorCommand.Group.RULE),
                MonitorCommand.parse(List.of("a", "ru")).groups());
        IpError unknown = assertThrows(IpError.class, () -> MonitorCommand.parse(List.of("foo")));
        assertEquals("Argument \"foo\" is unknown, try \"ip monitor help\".", unknown.getMessage());
        assertEquals(255, unknown.exit);
        IpError d = assertThrows(IpError.class, () -> MonitorCommand.parse(List.of("d")));
        assertEquals("Argument \"d\" is unknown, try \"ip monitor help\".", d.getMessage());
        IpError al = assertThrows(IpError.class, () -> MonitorCommand.parse(List.of("al")));
        assertEquals("netroute ip: \"ip monitor all-nsid\" is not supported", al.getMessage());
        IpError neigh = assertThrows(IpError.class, () -> MonitorCommand.parse(List.of("neigh")));
        assertEquals("netroute ip: \"ip monitor neigh\" is not supported", neigh.getMessage());
    }

    @Test
    void eachNotificationPrintsAsIpMonitorPrintsIt() throws Exception {
        Route mp = Route.parse("10.2.0.0/16 nexthop via 10.0.0.253 dev br0 weight 1 nexthop via 10.0.0.254 dev br0 weight 1");
        Address v4 = new Address(io.github.netroute.routing.CidrAddress.parse("10.0.0.2/24"), null, null, "br0", 2,
                io.github.netroute.routing.RouteScope.UNIVERSE, java.util.Set.of(io.github.netroute.routing.AddressFlag.SECONDARY),
                "br0", 0, Address.FOREVER, Address.FOREVER);
        String out = print(false,
                new RoutingEvent.RouteRemoved(mp),
                new RoutingEvent.RouteAdded(Route.parse("2001:db8:2::/64 via 2001:db8::2 dev br0 table 10 metric 1024 pref medium")),
                new RoutingEvent.RuleRemoved(io.github.netroute.routing.Rule.parse("from 10.0.0.0/8 table 10 pref 100")),
                new RoutingEvent.AddressRemoved(v4));
        assertEquals("Deleted 10.2.0.0/16 \n"
                + "\tnexthop via 10.0.0.253 dev br0 weight 1 \n"
                + "\tnexthop via 10.0.0.254 dev br0 weight 1 \n"
                + "2001:db8:2::/64 via 2001:db8::2 dev br0 table 10 metric 1024 pref medium\n"
                + "Deleted 100:\tfrom 10.0.0.0/8 lookup 10\n"
                + "Deleted 2: br0    inet 10.0.0.2/24 scope global secondary br0\n"
                + "       valid_lft forever preferred_lft forever\n", out);
    }

    @Test
    void allAndLabelPutIproute2sBannersFirst() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            k.setAddrGenMode(AddrGenMode.NONE);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(b, true, StandardCharsets.UTF_8);
            Thread t = new Thread(() -> new IpTool(k, ps, ps).exec(List.of("monitor", "all")));
            t.start();
            // the monitor is listening once it printed the probe
            for (int i = 0; i < 200 && !b.toString(StandardCharsets.UTF_8).contains("[RULE]"); i++) {
                k.addRule(io.github.netroute.routing.Rule.parse("from all table 7 pref 7"));
                k.awaitEventsDelivered();
                k.deleteRule(io.github.netroute.routing.Rule.parse("from all table 7 pref 7"));
                Thread.sleep(10);
            }
            k.awaitEventsDelivered(); // the probe's deletion printed too
            b.reset();
            k.addLink("br0", "bridge");
            k.awaitEventsDelivered();
            t.interrupt();
            t.join(5000);
            assertEquals("[LINK]2: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default \n"
                    + "    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff\n", b.toString(StandardCharsets.UTF_8));
            assertTrue(!t.isAlive(), "the monitor ended when interrupted");
        }
    }

    @Test
    void anOverflowPrintsAClearLineAndTheStateAfresh() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            new IpTool(k, System.out, System.err).exec(List.of("link", "set", "lo", "up"));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            TextPrinter p = new TextPrinter(new PrintStream(b, true, StandardCharsets.UTF_8));
            MonitorCommand.handle(k, p, MonitorCommand.parse(List.of("link", "address")),
                    new RoutingEvent.ResyncNeeded("ENOBUFS: the receive buffer overflowed"));
            String out = b.toString(StandardCharsets.UTF_8);
            assertTrue(out.startsWith("netroute: notifications lost (ENOBUFS: the receive buffer overflowed); "
                    + "resynchronising: the current state follows\n"
                    + "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default \n"
                    + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                    + "1: lo    inet 127.0.0.1/8 scope host lo\n"), out);
            assertTrue(out.endsWith("netroute: resynchronised\n"), out);
            assertTrue(!out.contains("local 127.0.0.1"), "routes were not selected: " + out);
        }
    }

    @Test
    void eventsFileGetsEveryNotificationOfTheCommandsButNotOfTheReplayedState() throws Exception {
        Path state = tmp.resolve("state");
        Path events = tmp.resolve("events");
        assertEquals(0, Netroute.run(new String[] {"ip", "--state", state.toString(), "--addr-gen-mode", "none",
            "link", "add", "br0", "type", "bridge"}));
        assertEquals(0, Netroute.run(new String[] {"ip", "--state", state.toString(), "--events", events.toString(),
            "rule", "add", "pref", "5", "table", "5"}));
        assertEquals(0, Netroute.run(new String[] {"ip", "--state", state.toString(), "--events", events.toString(),
            "rule", "del", "pref", "5"}));
        assertEquals("5:\tfrom all lookup 5\nDeleted 5:\tfrom all lookup 5\n", Files.readString(events));
        assertEquals(255, Netroute.run(new String[] {"ip", "-n", "x", "--events", events.toString(), "monitor"}));

        Path batchEvents = tmp.resolve("batch-events");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, IpCommand.run(List.of("--addr-gen-mode", "none", "--events", batchEvents.toString(), "-batch",
                "-"), new java.io.ByteArrayInputStream("link add br1 type bridge\nrule add pref 6 table 6\n"
                .getBytes(StandardCharsets.UTF_8)), quiet, quiet));
        assertEquals("2: br1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default \n"
                + "    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff\n"
                + "6:\tfrom all lookup 6\n", Files.readString(batchEvents));
    }

    private static String print(boolean banner, RoutingEvent... events) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        TextPrinter p = new TextPrinter(new PrintStream(b, true, StandardCharsets.UTF_8));
        MonitorCommand.Selection sel = new MonitorCommand.Selection(EnumSet.allOf(MonitorCommand.Group.class), banner);
        for (RoutingEvent e : events) {
            MonitorCommand.print(p, e, sel);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
