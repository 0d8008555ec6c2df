package io.github.netroute.routing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RoutingModelTest {

    static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    static Route route(String text) {
        return Route.parse(text);
    }

    /**
     * lo, eth0 (2), eth1 (3), down0 (4, down) with their IPv4 addresses (127.0.0.1/8, 192.168.1.2/24,
     * 192.168.2.2/24) and the kernel's routes for them; no rules.
     */
    static RoutingModel.Builder links() {
        return RoutingModel.builder()
                .link(Link.of(1, "lo", null, true, 65536))
                .link(Link.of(2, "eth0", "dummy", true, 1500))
                .link(Link.of(3, "eth1", "dummy", true, 1500))
                .link(Link.of(4, "down0", "dummy", false, 1500))
                .address(Address.of(CidrAddress.parse("127.0.0.1/8"), "lo"))
                .address(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0"))
                .address(Address.of(CidrAddress.parse("192.168.2.2/24"), "eth1"))
                .route(route("local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1"))
                .route(route("local 192.168.1.2 dev eth0 table local proto kernel scope host src 192.168.1.2"))
                .route(route("local 192.168.2.2 dev eth1 table local proto kernel scope host src 192.168.2.2"))
                .route(route("192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.2"))
                .route(route("192.168.2.0/24 dev eth1 proto kernel scope link src 192.168.2.2"));
    }

    /** {@link #links()} with the default rules and a default route via 192.168.1.1. */
    static RoutingModel.Builder node() {
        return links().defaultRules().route(route("default via 192.168.1.1 dev eth0"));
    }

    static LookupResult ok(RoutingView m, RouteLookup q) {
        Decision d = m.lookup(q);
        assertTrue(d.ok(), () -> d.explain());
        return d.result();
    }

    static Errno err(RoutingView m, RouteLookup q) {
        Decision d = m.lookup(q);
        assertFalse(d.ok(), () -> d.explain());
        return d.errno();
    }

    @Test
    void defaultRouteAndSourceSelection() {
        RoutingModel m = node().build();
        LookupResult r = ok(m, RouteLookup.to(ip("8.8.8.8")));
        assertEquals(ip("192.168.1.1"), r.gateway());
        assertEquals("eth0", r.device());
        assertEquals(ip("192.168.1.2"), r.source());
        assertEquals("main", r.table().name());
    }

    @Test
    void longestPrefixWinsOverMetric() {
        RoutingModel m = node().route(route("10.0.0.0/8 via 192.168.1.1 metric 1"))
                .route(route("10.1.0.0/16 via 192.168.2.1 metric 100")).build();
        assertEquals(ip("192.168.2.1"), ok(m, RouteLookup.to(ip("10.1.2.3"))).gateway());
    }

    @Test
    void oifFiltersAndBacktracksToShorterPrefixes() {
        RoutingModel m = node().route(route("10.1.0.0/16 via 192.168.2.1 dev eth1").withDevice("eth1", 3)).build();
        LookupResult r = ok(m, RouteLookup.builder().to(ip("10.1.2.3")).oif("eth0").build());
        assertEquals(ip("192.168.1.1"), r.gateway()); // the /16 is on eth1: backtrack to default
    }

    @Test
    void oifWithoutAnyRouteAssumesOnLink() {
        RoutingModel m = RoutingModel.builder().link(Link.of(1, "lo", null, true, 65536))
                .link(Link.of(2, "eth0", "dummy", true, 1500))
                .address(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0")).defaultRules().build();
        LookupResult r = ok(m, RouteLookup.builder().to(ip("8.8.8.8")).oif("eth0").build());
        assertEquals("eth0", r.device());
        assertNull(r.gateway());
        assertEquals(Errno.ENETUNREACH, err(m, RouteLookup.to(ip("8.8.8.8"))));
    }

    @Test
    void routeTosMustMatchTheFlow() {
        RoutingModel m = node().route(route("10.0.0.0/8 tos 0x10 via 192.168.2.1")).build();
        assertEquals(ip("192.168.1.1"), ok(m, RouteLookup.to(ip("10.0.0.1"))).gateway());
        assertEquals(ip("192.168.2.1"),
                ok(m, RouteLookup.builder().to(ip("10.0.0.1")).tos(0x10).build()).gateway());
    }

    @Test
    void errorRouteTypesGiveTheirErrno() {
        RoutingModel m = node().route(route("unreachable 10.1.0.0/16")).route(route("prohibit 10.2.0.0/16"))
                .route(route("blackhole 10.3.0.0/16")).build();
        assertEquals(Errno.EHOSTUNREACH, err(m, RouteLookup.to(ip("10.1.0.1"))));
        assertEquals(Errno.EACCES, err(m, RouteLookup.to(ip("10.2.0.1"))));
        assertEquals(Errno.EINVAL, err(m, RouteLookup.to(ip("10.3.0.1"))));
    }

    @Test
    void throwContinuesWithTheNextRule() {
        RoutingModel m = node().rule(Rule.parse("100: from all lookup 44"))
                .route(route("throw 10.0.0.0/8 table 44")).route(route("default via 192.168.2.1 table 44")).build();
        assertEquals(ip("192.168.1.1"), ok(m, RouteLookup.to(ip("10.1.1.1"))).gateway());
        assertEquals(ip("192.168.2.1"), ok(m, RouteLookup.to(ip("11.1.1.1"))).gateway());
        assertTrue(m.lookup(RouteLookup.to(ip("10.1.1.1"))).trace().steps().stream()
                .anyMatch(s -> s.kind() == Trace.Kind.THROW));
    }

    @Test
    void seedAsymmetricRoutingPolicy() {
        // ip rule add from 10.0.0.0/32 table 44; ip route add default via 192.168.1.202 table 44
        RoutingModel m = node().rule(Rule.parse("32765: from 10.0.0.0/32 lookup 44"))
                .route(route("default via 192.168.2.202 table 44"))
                .route(route("local 10.0.0.0 dev lo table local scope host")).build();
        RouteLookup reply = RouteLookup.builder().to(ip("192.168.3.221")).from(ip("10.0.0.0")).build();
        Decision d = m.lookup(reply);
        assertTrue(d.ok(), d::explain);
        assertEquals(ip("192.168.2.202"), d.result().gateway());
        assertEquals("44", d.result().table().name());
        assertTrue(d.explain().contains("from 10.0.0.0 lookup 44: matched"), d::explain);
        assertEquals(ip("192.168.1.1"), ok(m, RouteLookup.to(ip("192.168.3.221"))).gateway());
    }

    @Test
    void selectorsFwmarkIifLoNotGotoNopSuppress() {
        RoutingModel m = node()
                .rule(Rule.parse("10: fwmark 0x10/0xff lookup 10"))
                .rule(Rule.parse("11: iif lo lookup 11"))
                .rule(Rule.parse("12: not to 10.12.0.0/16 lookup 12"))
                .route(route("10.10.0.0/16 via 192.168.2.10 table 10"))
                .route(route("10.11.0.0/16 via 192.168.2.11 table 11"))
                .route(route("10.13.0.0/16 via 192.168.2.12 table 12"))
                .build();
        assertEquals(ip("192.168.2.10"), ok(m, RouteLookup.builder().to(ip("10.10.0.1")).mark(0x310L).build()).gateway());
        assertEquals(ip("192.168.1.1"), ok(m, RouteLookup.builder().to(ip("10.10.0.1")).mark(0x11L).build()).gateway());
        assertEquals(ip("192.168.2.11"), ok(m, RouteLookup.to(ip("10.11.0.1"))).gateway()); // local output: iif lo
        assertEquals(ip("192.168.2.12"), ok(m, RouteLookup.to(ip("10.13.0.1"))).gateway());

        RoutingModel g = node().rule(Rule.parse("5: goto 20")).rule(Rule.parse("6: lookup 6"))
                .rule(Rule.parse("20: nop")).rule(Rule.parse("21: goto 99")).rule(Rule.parse("22: lookup 22"))
                .route(route("10.0.0.0/8 via 192.168.2.6 table 6"))
                .route(route("10.0.0.0/8 via 192.168.2.22 table 22")).build();
        assertTrue(g.rules(Family.INET).isUnresolved(4));
        assertEquals(ip("192.168.2.22"), ok(g, RouteLookup.to(ip("10.0.0.1"))).gateway());

        RoutingModel s = node().rule(Rule.parse("5: lookup main suppress_prefixlength 0"))
                .rule(Rule.parse("6: lookup 6")).route(route("default via 192.168.2.6 table 6")).build();
        assertEquals(ip("192.168.2.6"), ok(s, RouteLookup.to(ip("8.8.8.8"))).gateway());
        assertEquals("eth0", ok(s, RouteLookup.to(ip("192.168.1.9"))).device());
    }

    @Test
    void ruleActionsEndTheLookup() {
        RoutingModel m = node().rule(Rule.parse("1: to 10.1.0.0/16 unreachable"))
                .rule(Rule.parse("2: to 10.2.0.0/16 prohibit")).rule(Rule.parse("3: to 10.3.0.0/16 blackhole")).build();
        assertEquals(Errno.ENETUNREACH, err(m, RouteLookup.to(ip("10.1.0.1"))));
        assertEquals(Errno.EACCES, err(m, RouteLookup.to(ip("10.2.0.1"))));
        assertEquals(Errno.EINVAL, err(m, RouteLookup.to(ip("10.3.0.1"))));
    }

    @Test
    void mergedLocalAndMainQuirk() {
        RoutingModel.Builder b = node().route(route("local 10.0.0.0/8 dev lo table local scope host"))
                .route(route("10.0.0.1/32 dev eth0"));
        LookupResult merged = ok(b.ipv4TablesMerged(true).build(), RouteLookup.to(ip("10.0.0.1")));
        assertEquals(RouteType.UNICAST, merged.type()); // a main /32 beats a local /8
        LookupResult split = ok(b.ipv4TablesMerged(false).build(), RouteLookup.to(ip("10.0.0.1")));
        assertEquals(RouteType.LOCAL, split.type());
        assertEquals("lo", split.device());
        assertEquals("local", split.table().name());
        // merged, the result reports table main even for a local route
        assertEquals("main", ok(b.ipv4TablesMerged(true).build(), RouteLookup.to(ip("10.0.0.2"))).table().name());
    }

    @Test
    void localResultsGoThroughLoWithPrefsrcOrTheDestination() {
        RoutingModel m = node().route(route("local 10.96.0.0/12 dev eth1 table local scope host src 192.168.1.2"))
                .build();
        LookupResult r = ok(m, RouteLookup.to(ip("10.96.0.1")));
        assertEquals(RouteType.LOCAL, r.type());
        assertEquals("lo", r.device());
        assertEquals(ip("192.168.1.2"), r.source());
        assertEquals(ip("192.168.1.2"), ok(m, RouteLookup.to(ip("192.168.1.2"))).source());
    }

    @Test
    void givenSourceMustBeLocal() throws Exception {
        RoutingModel m = node().build();
        assertEquals(Errno.ENETUNREACH, err(m, RouteLookup.builder().to(ip("8.8.8.8")).from(ip("10.9.9.9")).build()));
        assertEquals("eth0", ok(m, RouteLookup.builder().to(ip("8.8.8.8")).from(ip("192.168.2.2")).build()).device());
        RoutingException e = assertThrows(RoutingException.Unreachable.class,
                () -> m.decide(RouteLookup.builder().to(ip("8.8.8.8")).from(ip("10.9.9.9")).build()).orThrow());
        assertEquals("RTM_GETROUTE", e.operation());
    }

    @Test
    void deadNexthopsAreSkipped() {
        RoutingModel m = node().route(route("10.5.0.0/16 dev down0").withDevice("down0", 4))
                .route(route("10.0.0.0/8 via 192.168.2.1")).build();
        assertEquals(ip("192.168.2.1"), ok(m, RouteLookup.to(ip("10.5.0.1"))).gateway());
    }

    @Test
    void ipv6LookupsAndRejectRoutes() {
        RoutingModel m = node().address(Address.of(CidrAddress.parse("2001:db8:1::2/64"), "eth0"))
                .route(route("2001:db8:1::/64 dev eth0 proto kernel metric 256 pref medium"))
                .route(route("local 2001:db8:1::2 dev eth0 table local proto kernel metric 0 pref medium"))
                .route(route("unreachable 2001:db8:16::/48 dev lo metric 1024 pref medium"))
                .route(route("default via 2001:db8:1::1 dev eth0 metric 1024 pref medium")).build();
        LookupResult r = ok(m, RouteLookup.to(ip("2001:db8:99::1")));
        assertEquals(ip("2001:db8:1::1"), r.gateway());
        assertEquals(ip("2001:db8:1::2"), r.source());
        assertEquals(Errno.EHOSTUNREACH, err(m, RouteLookup.to(ip("2001:db8:16::1"))));
        assertEquals("lo", ok(m, RouteLookup.to(ip("2001:db8:1::2"))).device());
    }

    @Test
    void traceIsPrintable() {
        Decision d = node().build().lookup(RouteLookup.to(ip("8.8.8.8")));
        String text = d.explain();
        assertTrue(text.contains("rule 0: from all lookup local: matched"), text);
        assertTrue(text.contains("table main: default via 192.168.1.1"), text);
        assertTrue(node().build().decide(RouteLookup.to(ip("8.8.8.8"))).trace().isEmpty());
    }

    /** The indexed lookup agrees with a brute-force longest-prefix scan. */
    @Property(tries = 40)
    void longestPrefixMatchAgreesWithBruteForce(@ForAll long seed) {
        Random rnd = new Random(seed);
        RoutingModel.Builder b = node();
        List<Route> mine = new java.util.ArrayList<>();
        java.util.Set<IpPrefix> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            int len = rnd.nextInt(33);
            IpPrefix p = IpPrefix.masked(InetAddresses.fromBytes(new byte[] {10, (byte) rnd.nextInt(4),
                (byte) rnd.nextInt(4), (byte) rnd.nextInt(4)}), len);
            if (p.length() == 0 || !seen.add(p)) {
                continue;
            }
            Route x = route(p + " via 192.168.2." + (1 + rnd.nextInt(200)));
            mine.add(x);
            b.route(x);
        }
        RoutingModel m = b.build();
        for (int i = 0; i < 200; i++) {
            InetAddress a = InetAddresses.fromBytes(new byte[] {10, (byte) rnd.nextInt(4), (byte) rnd.nextInt(4),
                (byte) rnd.nextInt(4)});
            Route best = null;
            for (Route x : mine) {
                if (x.dst().contains(a) && (best == null || x.dst().length() > best.dst().length())) {
                    best = x;
                }
            }
            LookupResult r = m.decide(RouteLookup.to(a)).result();
            InetAddress expected = best == null ? ip("192.168.1.1") : best.gateway();
            if (ip("192.168.2.2").equals(expected)) {
                expected = null; // via our own address: nexthop scope host, Linux's route get shows no gateway
            }
            assertEquals(expected, r.gateway(), a.toString());
        }
    }
}
