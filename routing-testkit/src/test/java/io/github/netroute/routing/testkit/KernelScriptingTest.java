package io.github.netroute.routing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.model.Decision;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KernelScriptingTest {

    @Test
    void typicalNode() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        assertTrue(k.log().isEmpty());
        LookupResult r = k.lookup(RouteLookup.to(InetAddresses.parse("8.8.8.8")));
        assertEquals("eth0", r.device());
        assertEquals(InetAddresses.parse("192.168.1.1"), r.gateway());
        assertEquals(InetAddresses.parse("192.168.1.2"), r.source());
        assertEquals("RTM_GETROUTE", k.log().get(0).operation());
        assertTrue(IpScript.routes(k, Family.INET6).contains("fe80::/64 dev eth0 proto kernel metric 256"));
    }

    @Test
    void seedKubeIpvsLocalRoute() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addLink("kube-ipvs0", "dummy");
        k.addRoute(Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2"));
        LookupResult r = k.lookup(RouteLookup.to(InetAddresses.parse("10.96.0.1")));
        assertEquals("lo", r.device());
        assertEquals(InetAddresses.parse("192.168.1.2"), r.source());
        // IPv6 local routes need the device up, unlike IPv4
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("local fd00:10:96::/108 dev kube-ipvs0")));
        assertEquals(Errno.ENETDOWN, e.errno());
        assertEquals("Nexthop device is not up", e.extack());
        assertEquals("RTM_NEWROUTE", e.operation());
    }

    @Test
    void injectedFailuresAreConsumedInOrder() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        Route r = Route.parse("10.0.0.0/8 via 192.168.1.1");
        k.inject(InjectedFailure.errno("RTM_NEWROUTE", Errno.ENOBUFS, "no memory"));
        RoutingException e = assertThrows(RoutingException.class, () -> k.addRoute(r));
        assertEquals(Errno.ENOBUFS, e.errno());
        k.addRoute(r);
        k.inject(InjectedFailure.interruptedDump());
        assertThrows(RoutingException.Interrupted.class, () -> k.routes());
        k.inject(InjectedFailure.dumpOverflow());
        assertEquals(Errno.ENOBUFS, assertThrows(RoutingException.NoBufferSpace.class, () -> k.routes()).errno());
        assertTrue(k.routes().stream().anyMatch(x -> x.dst().toString().equals("10.0.0.0/8")));
        List<LogEntry> log = k.log();
        assertTrue(log.get(0).injected());
        assertTrue(log.get(1).ok());
        assertEquals("RTM_NEWROUTE", log.get(1).operation());
        assertTrue(log.get(1).toString().contains("add 10.0.0.0/8 via 192.168.1.1"), log.get(1).toString());
    }

    @Test
    void snapshotAndRestore() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        KernelSnapshot s = k.snapshot();
        String before = IpScript.routes(k, Family.INET) + IpScript.rules(k, Family.INET);
        k.addRoute(Route.parse("10.0.0.0/8 via 192.168.1.1"));
        k.addRule(io.github.netroute.routing.Rule.parse("from 10.0.0.0/8 table 5"));
        k.setLinkUp("eth0", false);
        k.restore(s);
        assertEquals(before, IpScript.routes(k, Family.INET) + IpScript.rules(k, Family.INET));
        assertTrue(k.link("eth0").orElseThrow().up());
        k.restore(s); // restorable many times
        assertEquals(before, IpScript.routes(k, Family.INET) + IpScript.rules(k, Family.INET));
    }

    /** Every object's state (links, addresses and routes of both families, rules, FIB flags) comes back. */
    @Test
    void restoreGivesBackEveryObjectsState() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addLink("br0", "bridge");
        k.setLinkUp("br0", true);
        k.addAddress(io.github.netroute.routing.Address.parse("10.1.0.1/24 dev br0"));
        k.addAddress(io.github.netroute.routing.Address.parse("2001:db8:1::1/64 dev br0"));
        k.addRoute(Route.parse("2001:db8:9::/48 via 2001:db8:1::fe"));
        KernelSnapshot s = k.snapshot();
        String before = everything(k);
        boolean merged = k.model().ipv4TablesMerged();
        k.addRule(io.github.netroute.routing.Rule.parse("from 10.0.0.0/8 table 5"));
        k.addRule(io.github.netroute.routing.Rule.parse("from 2001:db8::/32 table 6"));
        k.deleteAddress(io.github.netroute.routing.Address.parse("10.1.0.1/24 dev br0"));
        k.deleteLink("br0");
        k.addLink("br1", "bridge");
        k.restore(s);
        assertEquals(before, everything(k));
        assertEquals(merged, k.model().ipv4TablesMerged());
        assertEquals("br0", k.lookup(RouteLookup.to(InetAddresses.parse("10.1.0.7"))).device());
        assertEquals("lo", k.lookup(RouteLookup.to(InetAddresses.parse("2001:db8:1::1"))).device());
        k.deleteLink("br0"); // changing the restored state leaves the snapshot as it was
        k.restore(s);
        assertEquals(before, everything(k));
        assertEquals(4, k.addLink("br2", "dummy").index()); // the ifindex counter came back too
    }

    private static String everything(InMemoryKernel k) throws RoutingException {
        return k.links() + "\n" + k.addresses(null) + "\n" + k.routes() + "\n" + k.rules(null);
    }

    @Test
    void eventsAreDeliveredInOrder() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        List<RoutingEvent> got = new CopyOnWriteArrayList<>();
        try (var sub = k.subscribe(got::add)) {
            k.addRoute(Route.parse("10.0.0.0/8 via 192.168.1.1"));
            k.deleteRoute(Route.parseSelector("10.0.0.0/8"));
            for (int i = 0; i < 100 && got.size() < 2; i++) {
                Thread.sleep(10);
            }
        }
        assertEquals(2, got.size());
        assertTrue(got.get(0) instanceof RoutingEvent.RouteAdded);
        assertTrue(got.get(1) instanceof RoutingEvent.RouteRemoved);
    }

    @Test
    void explainGivesATrace() {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        Decision d = k.explain(RouteLookup.to(InetAddresses.parse("8.8.8.8")));
        assertTrue(d.ok());
        assertTrue(d.explain().contains("local and main are one trie"), d.explain());
        assertFalse(d.trace().isEmpty());
        assertEquals(d.result().gateway(), k.model().decide(RouteLookup.to(InetAddresses.parse("8.8.8.8"))).result()
                .gateway());
    }
}
