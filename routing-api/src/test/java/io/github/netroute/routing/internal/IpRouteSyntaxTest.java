package io.github.netroute.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.PortRange;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteMetrics;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.RuleFlag;
import io.github.netroute.routing.UidRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRouteSyntaxTest {

    static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    // ------------------------------------------------------------ structured values of fixture lines

    @Test
    void kubeIpvs0LocalRoute() {
        Route expected = new Route(Family.INET, RouteType.LOCAL, RouteTable.LOCAL, IpPrefix.parse("10.96.0.0/12"), null,
                0, null, "kube-ipvs0", 0, ip("192.168.1.2"), 0, RouteProtocol.BOOT, RouteScope.HOST, Set.of(),
                List.of(), RouteMetrics.NONE, null, null, 0);
        assertEquals(expected, Route.parse("local 10.96.0.0/12 dev kube-ipvs0 table local scope host src 192.168.1.2 "));
        // the ip route add form gets iproute2's defaults: table local, scope host, proto boot
        assertEquals(expected, Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2"));
        assertEquals(expected, Route.parse("local 10.96.0.0/12 dev kube-ipvs0 src 192.168.1.2"));
        assertEquals("local 10.96.0.0/12 dev kube-ipvs0 table local scope host src 192.168.1.2", expected.toString());
    }

    @Test
    void kubeIpvs0Ipv6LocalRoute() {
        Route r = Route.parse("local fd00:10:96::/108 dev kube-ipvs0 table local src 2001:db8:1::2 metric 1024 "
                + "pref medium");
        assertEquals(Family.INET6, r.family());
        assertEquals(RouteScope.UNIVERSE, r.scope());
        assertEquals(1024, r.priority());
        assertEquals(RoutePreference.MEDIUM, r.preference());
    }

    @Test
    void oamRule() {
        Rule shown = Rule.parse("32765:\tfrom 10.0.0.0 lookup 44", Family.INET);
        Rule expected = Rule.builder().priority(32765L).from(CidrAddress.parse("10.0.0.0/32"))
                .action(RuleAction.lookup(RouteTable.of(44))).build();
        assertEquals(expected, shown);
        Rule added = Rule.parse("from 10.0.0.0/32 table 44");
        assertEquals(expected.toBuilder().priority(null).build(), added);
        assertEquals("from 10.0.0.0 lookup 44", added.toString());
        assertEquals("32765:\tfrom 10.0.0.0 lookup 44", shown.toString());
    }

    @Test
    void oamDefaultRoute() {
        Route r = Route.parse("default via 192.168.1.202 table 44");
        assertEquals(Route.builder().dst(IpPrefix.DEFAULT_V4).gateway(ip("192.168.1.202")).table(RouteTable.of(44))
                .build(), r);
        assertEquals(RouteScope.UNIVERSE, r.scope());
        assertEquals("default via 192.168.1.202 table 44", r.toString());
    }

    @Test
    void multipathRoute() {
        String shown = "10.60.0.0/16 \n\tnexthop via 192.168.1.1 dev br0 weight 1 \n\tnexthop via 192.168.2.1 dev br1 "
                + "weight 3 ";
        Route expected = Route.builder().dst(IpPrefix.parse("10.60.0.0/16")).nextHops(List.of(
                NextHop.of(ip("192.168.1.1"), "br0", 1), NextHop.of(ip("192.168.2.1"), "br1", 3))).build();
        assertEquals(expected, Route.parse(shown));
        assertEquals(expected, Route.parse("10.60.0.0/16 nexthop via 192.168.1.1 dev br0 weight 1 nexthop via "
                + "192.168.2.1 dev br1 weight 3"));
        assertEquals(RouteScope.UNIVERSE, expected.scope());
        assertEquals("10.60.0.0/16\n\tnexthop via 192.168.1.1 dev br0 weight 1\n\tnexthop via 192.168.2.1 dev br1 "
                + "weight 3", expected.toString());
    }

    @Test
    void multipathWithDeadLinkdownHopAndRealm() {
        Route r = Route.parse("10.63.0.0/16 table 1000 \n\tnexthop via 192.168.1.1 realm 7 dev br0 weight 1 "
                + "\n\tnexthop via 192.168.2.1 dev br2 weight 1 dead linkdown ");
        assertEquals(RouteTable.of(1000), r.table());
        assertEquals(7, r.nextHops().get(0).realms());
        assertEquals(Set.of(NextHopFlag.DEAD, NextHopFlag.LINKDOWN), r.nextHops().get(1).flags());
    }

    @Test
    void singleNexthopIsASinglePathRoute() {
        assertEquals(Route.parse("10.65.0.0/16 via 192.168.1.1 dev br0"),
                Route.parse("10.65.0.0/16 nexthop via 192.168.1.1 dev br0"));
    }

    @Test
    void metrics() {
        Route r = Route.parse("10.71.0.0/16 via 192.168.1.1 dev br0 mtu lock 1400 advmss 1360 rtt 100ms rttvar 50ms "
                + "rto_min 200ms features ecn congctl lock cubic");
        RouteMetrics m = r.metrics();
        assertEquals(1400, m.get(RouteMetric.MTU));
        assertTrue(m.isLocked(RouteMetric.MTU));
        assertEquals(1360, m.get(RouteMetric.ADVMSS));
        assertEquals(800, m.get(RouteMetric.RTT), "kernel unit: ms * 8");
        assertEquals(200, m.get(RouteMetric.RTTVAR), "kernel unit: ms * 4");
        assertEquals(200, m.get(RouteMetric.RTO_MIN));
        assertTrue(m.isLocked(RouteMetric.RTO_MIN), "ip route add always locks rto_min");
        assertEquals(1, m.get(RouteMetric.FEATURES));
        assertEquals("cubic", m.congctl());
        assertTrue(m.congctlLocked());
        assertEquals("10.71.0.0/16 via 192.168.1.1 dev br0 mtu lock 1400 rtt 100ms rttvar 50ms advmss 1360 "
                + "features ecn rto_min lock 200ms congctl lock cubic", r.toString());
        // raw numbers are kernel units; long times print in seconds with %g
        Route raw = Route.parse("10.2.0.0/16 via 192.168.1.1 rtt 1500ms rttvar 1234 rto_min 1.5s");
        assertEquals(12000, raw.metrics().get(RouteMetric.RTT));
        assertEquals(1234, raw.metrics().get(RouteMetric.RTTVAR));
        assertEquals("10.2.0.0/16 via 192.168.1.1 rtt 1.5s rttvar 308ms rto_min lock 1.5s", raw.toString());
    }

    @Test
    void table1000() {
        Route r = Route.parse("default via 192.168.1.1 dev br0 table 1000 metric 100 ");
        assertEquals(Route.builder().dst(IpPrefix.DEFAULT_V4).gateway(ip("192.168.1.1")).device("br0")
                .table(RouteTable.of(1000)).priority(100).build(), r);
        Route v6 = Route.parse("unreachable default dev lo table 1000 metric 4294967295 pref medium");
        assertEquals(Family.INET6, v6.family(), "pref says IPv6 when no address does");
        assertEquals(IpPrefix.DEFAULT_V6, v6.dst());
        assertEquals(RouteType.UNREACHABLE, v6.type());
        assertEquals(4294967295L, v6.priority());
    }

    @Test
    void tosNamesAndHex() {
        assertEquals(0x20, Route.parse("10.1.0.0/16 tos CS1 via 192.168.1.1").tos());
        assertEquals(0x10, Route.parse("10.1.0.0/16 tos 10 via 192.168.1.1").tos(), "rtnl_dsfield_a2n reads hex");
        assertEquals("10.1.0.0/16 tos EF via 192.168.1.1 dev eth0",
                Route.parse("10.1.0.0/16 dsfield 0xb8 via 192.168.1.1 dev eth0").toString());
        assertEquals("10.1.0.0/16 tos 0x1c via 192.168.1.1 dev eth0",
                Route.parse("10.1.0.0/16 tos 0x1c via 192.168.1.1 dev eth0").toString());
    }

    @Test
    void ipv6Expires() {
        Route r = Route.parse("2001:db8:62::/48 via 2001:db8:1::1 dev br0 proto ra metric 1024 expires 86399sec "
                + "pref low");
        assertEquals(86399, r.expires());
        assertEquals(RouteProtocol.of(9), r.protocol());
        assertEquals(RoutePreference.LOW, r.preference());
        assertEquals(300, Route.parse("2001:db8:61::/48 via 2001:db8:1::1 expires 300").expires());
    }

    @Test
    void ruleWithEverySelector() {
        Rule r = Rule.parse("145:\tfrom 10.17.0.0/16 tos 0x04 fwmark 0x3/0x7 iif br0 oif lo uidrange 5-6 ipproto udp "
                + "sport 5000 dport 6000 lookup 145 proto zebra", Family.INET);
        Rule expected = Rule.builder().priority(145L).from(CidrAddress.parse("10.17.0.0/16")).tos(4).fwmark(3L)
                .fwmask(7L).iif("br0").oif("lo").uidRange(new UidRange(5, 6)).ipProto(17).sport(PortRange.of(5000))
                .dport(PortRange.of(6000)).table(RouteTable.of(145)).protocol(RouteProtocol.of(11)).build();
        assertEquals(expected, r);
    }

    @Test
    void ruleShowOnlyWords() {
        Rule d = Rule.parse("135:\tfrom all iif nosuch0 [detached] lookup 135", Family.INET6);
        assertEquals(Set.of(RuleFlag.IIF_DETACHED), d.flags());
        assertEquals(Family.INET6, d.family());
        Rule g = Rule.parse("134:\tfrom 10.9.0.0/16 goto 300 [unresolved]");
        assertEquals(RuleAction.gotoPriority(300), g.action());
        assertEquals(Set.of(RuleFlag.UNRESOLVED), g.flags());
        Rule l = Rule.parse("116:\tfrom all lookup [l3mdev-table]");
        assertTrue(l.l3mdev());
        assertEquals(RouteTable.UNSPEC, l.table());
        assertEquals(l, Rule.parse("l3mdev pref 116"));
        assertEquals(l.toBuilder().realms(5).action(RuleAction.lookup(RouteTable.of(143))).l3mdev(false).build(),
                Rule.parse("116:\tfrom all lookup 143 realms 5"));
        assertEquals(Rule.parse("ipproto ipproto-99 table 5").ipProto(), 99);
        assertEquals("from all ipproto ipproto-99 lookup 5", Rule.parse("ipproto 99 table 5").toString());
    }

    @Test
    void ruleDscpPrintsAsNewerIproute2() {
        assertEquals("10:\tfrom all lookup 5 dscp 3", Rule.parse("dscp 3 table 5 pref 10").toString());
        assertEquals("10:\tfrom all lookup 5 dscp CS1", Rule.parse("dscp 8 table 5 pref 10").toString());
        assertEquals(8, Rule.parse("dscp CS1 table 5").dscp());
    }

    @Test
    void addresses() {
        Address a = Address.parse("192.168.1.2/24 brd + dev eth0");
        assertEquals(ip("192.168.1.255"), a.broadcast());
        assertEquals(RouteScope.UNIVERSE, a.scope());
        assertEquals("inet 192.168.1.2/24 brd 192.168.1.255 scope global eth0", a.toString());
        assertEquals(a, Address.parse(a.toString()));
        Address lo = Address.parse("127.0.0.2/8 dev lo");
        assertEquals(RouteScope.HOST, lo.scope());
        Address peer = Address.parse("10.8.0.1 peer 10.8.0.2/32 dev eth0 metric 5");
        assertEquals("inet 10.8.0.1 peer 10.8.0.2/32 metric 5 scope global eth0", peer.toString());
        assertEquals(peer, Address.parse(peer.toString()));
        Address lbl = Address.parse("inet 10.9.0.1/24 brd 10.9.0.255 scope global eth0:x");
        assertEquals("eth0", lbl.device());
        assertEquals("eth0:x", lbl.label());
        Address v6 = Address.parse("2001:db8:5::1/64 dev eth0 nodad noprefixroute metric 7");
        assertEquals(Set.of(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE), v6.flags());
        assertEquals("inet6 2001:db8:5::1/64 metric 7 scope global nodad noprefixroute", v6.toString());
        Address shown6 = Address.parse("inet6 2001:db8:1::2/64 scope global nodad ");
        assertNull(shown6.device());
        assertEquals(RouteScope.HOST, Address.parse("::1/128 dev lo").scope());
        assertEquals("inet 10.9.0.2/24 scope global secondary eth0",
                Address.parse("inet 10.9.0.2/24 scope global secondary eth0").toString());
    }

    @Test
    void lookups() {
        RouteLookup l = RouteLookup.parse("8.8.8.8 from 192.168.1.2 iif eth0 oif eth1 mark 0x10 uid 1000 tos 0x10 "
                + "ipproto tcp sport 1 dport 80");
        assertEquals(RouteLookup.builder().to(ip("8.8.8.8")).from(ip("192.168.1.2")).iif("eth0").oif("eth1")
                .mark(16L).uid(1000L).tos(0x10).ipProto(6).sport(1).dport(80).build(), l);
        assertEquals(RouteLookup.to(ip("10.96.0.1")), RouteLookup.parse("to 10.96.0.1"));
        LookupResult local = new LookupResult(RouteType.LOCAL, ip("10.96.0.1"), null, null, "lo", 1,
                ip("192.168.1.2"), RouteTable.LOCAL, null, null, 0L, null);
        assertEquals("local 10.96.0.1 dev lo table local src 192.168.1.2 uid 0", local.toString());
        LookupResult gw = new LookupResult(RouteType.UNICAST, ip("8.8.8.8"), null, ip("192.168.1.1"), "eth0", 2,
                ip("192.168.1.2"), RouteTable.MAIN, null, 5L, 0L, null);
        assertEquals("8.8.8.8 via 192.168.1.1 dev eth0 src 192.168.1.2 mark 5 uid 0", gw.toString());
        LookupResult from = new LookupResult(RouteType.UNICAST, ip("8.8.8.8"), ip("192.168.1.2"), ip("192.168.1.1"),
                "eth0", 2, null, RouteTable.MAIN, null, 0x10L, 0L, null);
        assertEquals("8.8.8.8 from 192.168.1.2 via 192.168.1.1 dev eth0 mark 0x10 uid 0", from.toString());
        Route fib = Route.parse("2001:db8:1::/64 dev eth0 proto kernel metric 256 pref medium");
        LookupResult v6 = new LookupResult(RouteType.UNICAST, ip("2001:db8:1::7"), null, null, "eth0", 2,
                ip("2001:db8:1::2"), RouteTable.MAIN, null, null, null, fib);
        assertEquals("2001:db8:1::7 from :: dev eth0 proto kernel src 2001:db8:1::2 metric 256 pref medium",
                v6.toString());
        // the answer's TOS (rtm_tos, the matched entry's) after the destination and source, before the gateway
        LookupResult tos = new LookupResult(RouteType.UNICAST, ip("10.4.0.1"), ip("10.0.0.1"), ip("10.0.0.3"),
                "br0", 2, null, RouteTable.MAIN, null, null, 0L, null, false, 0x08);
        assertEquals("10.4.0.1 from 10.0.0.1 tos 0x08 via 10.0.0.3 dev br0 uid 0", tos.toString());
        assertEquals(0, gw.tos());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LookupResult(
                RouteType.UNICAST, ip("10.4.0.1"), null, null, "br0", 2, null, RouteTable.MAIN, null, null, null,
                null, false, 256));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    // ------------------------------------------------------------ bad input

    @ParameterizedTest(name = "route \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "frob                                       | frob             | 0",
        "10.0.0.0/8 frob 5                          | frob             | 1",
        "10.0.0.0/8 via                             | via              | 1",
        "10.0.0.0/8 via 1.2.3                       | 1.2.3            | 2",
        "10.0.0.1/8 dev eth0                        | 10.0.0.1/8       | 0",
        "10.0.0.0/33 dev eth0                       | 10.0.0.0/33      | 0",
        "10.0.0.0/8 metric -1                       | -1               | 2",
        "10.0.0.0/8 metric 4294967296               | 4294967296       | 2",
        "10.0.0.0/8 table foo                       | foo              | 2",
        "10.0.0.0/8 scope galaxy                    | galaxy           | 2",
        "10.0.0.0/8 via 2001:db8::1                 | 10.0.0.0/8       | 0",
        "10.0.0.0/8 10.1.0.0/16                     | 10.1.0.0/16      | 1",
        "10.0.0.0/8 nexthop via 10.1.1.1 weight 0   | 0                | 5",
        "10.0.0.0/8 nexthop via 10.1.1.1 weight 257 | 257              | 5",
        "10.0.0.0/8 rtt 5parsecs                    | 5parsecs         | 2",
        "10.0.0.0/8 pref urgent                     | urgent           | 2",
        "10.0.0.0/8 tos 0x100                       | 0x100            | 2",
        "10.0.0.0/8 proto 256                       | 256              | 2",
        "10.0.0.0/8 mtu lock                        | lock             | 2",
        "local local 10.0.0.0/8                     | local            | 1",
        "10.0.0.0/8 dev eth0 from 10.1.0.0/16       | 10.1.0.0/16      | 4",
        "10.0.0.0/8 realms 70000/1                  | 70000/1          | 2",
    })
    void badRoutes(String text, String token, int position) {
        assertNamesToken(Route::parse, text, token, position);
    }

    @ParameterizedTest(name = "rule \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "from 10.0.0.0/8 frob 5           | frob         | 2",
        "fwmark 0x1/zz table 5            | 0x1/zz       | 1",
        "pref x table 5                   | x            | 1",
        "lookup                           | lookup       | 0",
        "goto 5 nop                       | nop          | 2",
        "l3mdev table 5                   | 5            | 2",
        "sport 70000 table 5              | 70000        | 1",
        "uidrange 5 table 5               | 5            | 1",
        "ipproto foo table 5              | foo          | 1",
        "x: from all lookup main          | x:           | 0",
        "from 10.0.0.0/8 to 2001:db8::/32 | 2001:db8::/32 | 3",
        "dscp 64 table 5                  | 64           | 1",
        "from all lookup main suppress_prefixlength 129 | 129 | 5",
    })
    void badRules(String text, String token, int position) {
        assertNamesToken(s -> Rule.parse(s), text, token, position);
    }

    @ParameterizedTest(name = "address/lookup \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "A:10.0.0.1/24 dev eth0 frob       | frob     | 3",
        "A:10.0.0.1/33 dev eth0            | 10.0.0.1/33 | 0",
        "A:10.0.0.1/24 dev eth0 metric x   | x        | 4",
        "L:8.8.8.8 mark zz                 | zz       | 2",
        "L:8.8.8.8 frob                    | frob     | 1",
        "L:8.8.8.8 dport 65536             | 65536    | 2",
    })
    void badAddressesAndLookups(String text, String token, int position) {
        String t = text.substring(2);
        Function<String, Object> p = text.startsWith("A") ? Address::parse : RouteLookup::parse;
        assertNamesToken(p, t, token, position);
    }

    @Test
    void wholeTextErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Address.parse("10.0.0.1/24"));
        assertTrue(e.getMessage().contains("dev NAME"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Route.parse("   "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Route.parse("via 10.0.0.1"));
        assertTrue(e.getMessage().contains("no destination"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Route.parse(null));
    }

    static void assertNamesToken(Function<String, ?> parser, String text, String token, int position) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.apply(text),
                () -> "no error for " + text);
        String m = e.getMessage();
        assertTrue(m.contains("\"" + token + "\""), () -> "message does not name \"" + token + "\": " + m);
        assertTrue(m.contains("position " + position), () -> "message does not say position " + position + ": " + m);
    }
}
