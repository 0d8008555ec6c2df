package io.github.netroute.routing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.internal.InetAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One regression test per in-memory kernel fix found by the differential property against Linux
 * ({@code InMemoryVsKernelProperties} in routing-netlink); each states what Linux 6.18 does.
 */
class DifferentialFixesTest {

    private static InMemoryKernel base() throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setAddrGenMode(AddrGenMode.NONE);
        k.setLinkUp("lo", true);
        k.addLink("br0", "bridge");
        k.setLinkUp("br0", true);
        k.addLink("br1", "bridge");
        k.setLinkUp("br1", true);
        k.addAddress(Address.parse("10.1.0.1/24 dev br0"));
        k.addAddress(Address.parse("2001:db8:1::1/64 dev br0 nodad"));
        k.addAddress(Address.parse("2001:db8:2::1/64 dev br1 nodad"));
        return k;
    }

    /** __inet_insert_ifa: a new primary goes after the primaries of equal or wider scope (lo keeps 127.0.0.1 first). */
    @Test
    void aGlobalPrimaryGoesAfterLoopbacksHostScopeAddress() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("10.1.0.1/24 dev lo"));
        List<String> lo = k.addresses(Family.INET).stream().filter(a -> "lo".equals(a.device()))
                .map(a -> a.local().toString()).toList();
        assertEquals(List.of("127.0.0.1/8", "10.1.0.1/24"), lo);
        k.addLink("br2", "bridge");
        k.addAddress(Address.parse("10.9.0.1/24 scope link dev br2"));
        k.addAddress(Address.parse("10.8.0.1/24 dev br2"));
        assertEquals(List.of("10.9.0.1/24", "10.8.0.1/24"), k.addresses(Family.INET).stream()
                .filter(a -> "br2".equals(a.device())).map(a -> a.local().toString()).toList());
    }

    /**
     * ip6_route_info_create turns a route through lo (not to ::1, not local/anycast) into a reject route, so a gateway
     * that resolves through it is unreachable: EHOSTUNREACH, not "Egress device can not be loopback device".
     */
    @Test
    void anIpv6GatewayBehindALoopbackRouteIsUnreachable() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("2001:db8:3::1/64 dev lo nodad"));
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("2001:db8:7::/64 via 2001:db8:3::fe")));
        assertEquals(Errno.EHOSTUNREACH, e.errno());
        e = assertThrows(RoutingException.class, () -> k.addRoute(
                Route.parse("2001:db8:7::/64 nexthop via 2001:db8:3::fe nexthop via 2001:db8:2::fe")));
        assertEquals(Errno.EHOSTUNREACH, e.errno());
        // the route itself is listed as an ordinary unicast route through lo, and lookups use it
        assertEquals("lo", k.lookup(io.github.netroute.routing.RouteLookup.to(InetAddresses.parse("2001:db8:3::fe")))
                .device());
    }

    /** rt_fill_info puts RTA_PREFSRC only into output routes: an IPv4 input lookup (iif) reports no source. */
    @Test
    void anIpv4InputLookupReportsNoSource() throws Exception {
        InMemoryKernel k = base();
        io.github.netroute.routing.LookupResult r = k.lookup(
                io.github.netroute.routing.RouteLookup.parse("10.1.0.1 from 10.5.0.3 iif br0"));
        assertEquals(io.github.netroute.routing.RouteType.LOCAL, r.type());
        assertEquals(null, r.source());
        assertEquals("br0", r.iif());
    }

    /**
     * fib6_has_custom_rules is set by the first IPv6 rule added, not by deleting one: until then IPv6 lookups consult
     * local, then main, even with the local rule deleted.
     */
    @Test
    void ipv6LookupsIgnoreTheRuleListUntilARuleIsAdded() throws Exception {
        InMemoryKernel k = base();
        k.deleteRule(io.github.netroute.routing.Rule.parseSelector("pref 0", Family.INET6));
        io.github.netroute.routing.RouteLookup to = io.github.netroute.routing.RouteLookup.to(
                InetAddresses.parse("2001:db8:1::1"));
        assertEquals(io.github.netroute.routing.RouteType.LOCAL, k.lookup(to).type());
        k.addRule(io.github.netroute.routing.Rule.parse("unreachable pref 100", Family.INET6));
        assertEquals(Errno.ENETUNREACH, assertThrows(RoutingException.class, () -> k.lookup(to)).errno());
        // IPv4 differs: deleting a rule is enough
        k.addAddress(Address.parse("10.2.0.1/24 dev br1"));
        k.deleteRule(io.github.netroute.routing.Rule.parseSelector("pref 0", Family.INET));
        assertEquals(io.github.netroute.routing.RouteType.UNICAST,
                k.lookup(io.github.netroute.routing.RouteLookup.to(InetAddresses.parse("10.1.0.1"))).type());
    }

    /** ip_route_input_slow: a loopback destination or source on a non-loopback input device is martian: EINVAL. */
    @Test
    void anIpv4InputLookupOfALoopbackAddressIsMartian() throws Exception {
        InMemoryKernel k = base();
        for (String flow : List.of("127.0.0.1 from 10.5.0.3 iif br0", "10.1.0.1 from 127.0.0.5 iif br0")) {
            RoutingException e = assertThrows(RoutingException.class,
                    () -> k.lookup(io.github.netroute.routing.RouteLookup.parse(flow)));
            assertEquals(Errno.EINVAL, e.errno(), flow);
        }
        assertEquals("lo", k.lookup(io.github.netroute.routing.RouteLookup.parse("127.0.0.1")).device());
    }

    /** With an oif and no source (RT6_LOOKUP_F_IFACE) an IPv6 reject route, whose nexthop is lo, is skipped. */
    @Test
    void anIpv6RejectRouteIsSkippedForAStrictOutputDevice() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("blackhole ::/0"));
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.lookup(io.github.netroute.routing.RouteLookup.parse("2001:db8:1::77 oif br1")));
        assertEquals(Errno.ENETUNREACH, e.errno());
        e = assertThrows(RoutingException.class,
                () -> k.lookup(io.github.netroute.routing.RouteLookup.parse("2001:db8:9::77")));
        assertEquals(Errno.EINVAL, e.errno());
    }

    /** inet_addr_type_dev_table ignores the device: an onlink gateway that is local on another device is EINVAL. */
    @Test
    void anOnlinkGatewayThatIsLocalOnAnotherDeviceIsInvalid() throws Exception {
        InMemoryKernel k = base();
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("default via 10.1.0.1 dev br1 onlink")));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("Nexthop has invalid gateway", e.extack());
        k.addRoute(Route.parse("default via 10.1.0.7 dev br1 onlink"));
    }

    /** fib_create_info skips the prefsrc check for error types (blackhole, unreachable, ...). */
    @Test
    void errorRoutesTakeAnyPrefsrc() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("blackhole default src 10.9.9.9"));
        assertEquals("blackhole default src 10.9.9.9", k.routes(io.github.netroute.routing.RouteFilter.table(
                io.github.netroute.routing.RouteTable.MAIN)).stream().filter(r -> r.dst().isDefault()).findFirst()
                .orElseThrow().toString());
    }

    /** ip6_route_get_saddr selects the source on the route's nexthop device, also for a local route. */
    @Test
    void anIpv6LocalResultTakesItsSourceFromTheRoutesDevice() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("local ::/0 dev br1"));
        io.github.netroute.routing.LookupResult r = k.lookup(io.github.netroute.routing.RouteLookup.parse(
                "2001:db8:1::77"));
        assertEquals(io.github.netroute.routing.RouteType.LOCAL, r.type());
        assertEquals(InetAddresses.parse("2001:db8:2::1"), r.source());
    }

    /** An IPv6 reject route sits on lo, but a dump does not mark it dead or linkdown when lo is down. */
    @Test
    void ipv6RejectRoutesAreNotMarkedDeadWithLoDown() throws Exception {
        InMemoryKernel k = base();
        k.setLinkUp("lo", false);
        k.addRoute(Route.parse("unreachable 2001:db8::/32 table 100"));
        assertEquals("unreachable 2001:db8::/32 dev lo table 100 metric 1024 pref medium", k.routes(
                io.github.netroute.routing.RouteFilter.table(io.github.netroute.routing.RouteTable.of(100))).get(0)
                .toString());
    }

    /** ip_route_input_slow does not look at the input device's IFF_UP: a down iif is no ENETDOWN. */
    @Test
    void anIpv4InputLookupOnADownDeviceIsAnOrdinaryLookup() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("10.2.0.1/24 dev br1"));
        k.setLinkUp("br0", false);
        assertEquals(io.github.netroute.routing.RouteType.LOCAL, k.lookup(io.github.netroute.routing.RouteLookup
                .parse("10.2.0.1 from 10.5.0.3 iif br0")).type());
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.lookup(io.github.netroute.routing.RouteLookup.parse("10.1.0.77 from 10.5.0.3 iif br0")));
        assertEquals(Errno.EHOSTUNREACH, e.errno());
    }

    /** fib_validate_source: an input flow whose source routes back as local (here through "local default") is EINVAL. */
    @Test
    void anIpv4InputLookupWhoseSourceIsLocalByRouteIsMartian() throws Exception {
        InMemoryKernel k = base();
        assertEquals(io.github.netroute.routing.RouteType.LOCAL, k.lookup(io.github.netroute.routing.RouteLookup
                .parse("10.1.0.1 from 10.5.0.3 iif br0")).type());
        k.addRoute(Route.parse("local default dev br0"));
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.lookup(io.github.netroute.routing.RouteLookup.parse("10.1.0.1 from 10.5.0.3 iif br0")));
        assertEquals(Errno.EINVAL, e.errno());
    }

    /** ip_route_input_slow: with forwarding off, an input lookup that hits an error route is EHOSTUNREACH. */
    @Test
    void anIpv4InputLookupHittingAnErrorRouteWithoutForwardingIsHostUnreachable() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("blackhole default"));
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.lookup(io.github.netroute.routing.RouteLookup.parse("10.5.1.7 from 10.5.0.3 iif br0")));
        assertEquals(Errno.EHOSTUNREACH, e.errno());
    }

    /** A gateway that is local (nh_scope host) is not used: an IPv4 lookup through such a route reports no gateway. */
    @Test
    void anIpv4GatewayResolvedThroughALocalRouteIsNotReportedByLookups() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("local default dev br0"));
        k.addRoute(Route.parse("10.0.0.0/8 via 10.2.0.254 dev br0"));
        io.github.netroute.routing.LookupResult r = k.lookup(io.github.netroute.routing.RouteLookup.parse(
                "10.5.1.7 mark 0x1"));
        assertEquals(null, r.gateway());
        assertEquals("br0", r.device());
    }

    /** inet6_addr_add calls addrconf_add_mroute: adding an IPv6 address restores a deleted ff00::/8 route. */
    @Test
    void addingAnIpv6AddressRestoresTheMulticastRoute() throws Exception {
        InMemoryKernel k = base();
        k.deleteRoute(Route.parseSelector("ff00::/8 dev br0 table local metric 256"));
        k.addAddress(Address.parse("2001:db8:9::1/64 dev br0 nodad"));
        assertEquals(1, k.routes().stream().filter(r -> r.dst().toString().equals("ff00::/8")
                && "br0".equals(r.device())).count());
    }

    /** Deleting ::/0 with wildcards from a table without a default route matches fib6_null_entry: ENOENT, not ESRCH. */
    @Test
    void deletingAMissingIpv6DefaultRouteIsEnoent() throws Exception {
        InMemoryKernel k = base();
        assertEquals(Errno.ENOENT, assertThrows(RoutingException.class,
                () -> k.deleteRoute(Route.parseSelector("::/0"))).errno());
        assertEquals(Errno.ESRCH, assertThrows(RoutingException.class,
                () -> k.deleteRoute(Route.parseSelector("::/0 metric 1024"))).errno());
        assertEquals(Errno.ESRCH, assertThrows(RoutingException.class,
                () -> k.deleteRoute(Route.parseSelector("2001:db8:9::/64"))).errno());
    }

    /** ip6_route_info_append: an IPv6 multipath request naming one nexthop twice is EEXIST, whatever the verb. */
    @Test
    void anIpv6MultipathWithARepeatedHopIsEexist() throws Exception {
        InMemoryKernel k = base();
        assertEquals(Errno.EEXIST, assertThrows(RoutingException.class, () -> k.changeRoute(
                Route.parse("::/0 nexthop via 2001:db8:1::fe nexthop via 2001:db8:1::fe"))).errno());
    }

    /** The onlink gateway check looks up "local", which is one trie with main until a rule changes. */
    @Test
    void theOnlinkGatewayCheckSeesMainWhileTheTablesAreMerged() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("local default dev br0"));
        k.addRoute(Route.parse("default via 10.1.0.254 dev br0 onlink"));
        k.addRule(io.github.netroute.routing.Rule.parse("from 10.7.0.0/16 table 7 pref 7"));
        assertEquals(Errno.EINVAL, assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("10.8.0.0/16 via 10.1.0.253 dev br0 onlink"))).errno());
    }

    /** ipv6_dev_get_saddr: a destination of link-local scope or smaller takes its source from the outgoing device. */
    @Test
    void anIpv6LoopbackScopedDestinationTakesTheSourceOfTheOutgoingDevice() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("::/0 dev br1"));
        assertEquals(InetAddresses.parse("2001:db8:2::1"),
                k.lookup(io.github.netroute.routing.RouteLookup.parse("::1 oif br1")).source());
    }

    /** A kernel route whose prefsrc is no longer local (its local route deleted) is not added (fib_create_info). */
    @Test
    void aSecondaryGetsNoLocalRouteWhenThePrimarysLocalRouteIsGone() throws Exception {
        InMemoryKernel k = base();
        k.deleteRoute(Route.parseSelector("local 10.1.0.1 dev br0 table local"));
        k.addAddress(Address.parse("10.1.0.3/24 dev br0"));
        assertTrue(k.routes().stream().noneMatch(r -> r.dst().toString().equals("10.1.0.3/32")));
    }

    /**
     * fib_del_ifaddr flushes main-table routes with the address as prefsrc once the local table no longer says the
     * address is local, even when another device still has the address (its local route was deleted by hand).
     */
    @Test
    void prefsrcRoutesAreFlushedWhenTheLocalTableForgetsTheAddress() throws Exception {
        InMemoryKernel k = base();
        k.addLink("br2", "bridge");
        k.addAddress(Address.parse("10.1.0.1/24 dev br2"));
        k.deleteRoute(Route.parseSelector("local 10.1.0.1 dev br0 table local"));
        k.deleteRoute(Route.parseSelector("local 10.1.0.1 dev br2 table local"));
        k.deleteLink("br2");
        assertTrue(k.routes().stream().noneMatch(r -> r.dst().toString().equals("10.1.0.0/24")), () -> {
            try {
                return k.routes().toString();
            } catch (RoutingException e) {
                return e.toString();
            }
        });
    }

    /** Deleting a link removes only the IPv6 multipath siblings through it; the rest of the route stays. */
    @Test
    void deletingALinkKeepsTheOtherIpv6Siblings() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("2001:db8::/32 nexthop via 2001:db8:2::fe nexthop via 2001:db8:1::fe"));
        k.deleteLink("br0");
        assertEquals(List.of("2001:db8::/32 via 2001:db8:2::fe dev br1 metric 1024 pref medium"), k.routes().stream()
                .filter(r -> r.dst().toString().equals("2001:db8::/32")).map(Route::toString).toList());
    }

    /** An IPv6 address added to a device that is down still answers lookups as local. */
    @Test
    void anIpv6AddressOnADownDeviceIsLocal() throws Exception {
        InMemoryKernel k = base();
        k.setLinkUp("br0", false);
        k.addAddress(Address.parse("2001:db8:1::1/64 dev br0 nodad"));
        assertEquals(io.github.netroute.routing.RouteType.LOCAL,
                k.lookup(io.github.netroute.routing.RouteLookup.parse("2001:db8:1::1")).type());
    }

    /** The gateway check of a table-local route sees main too while local and main are one trie. */
    @Test
    void aLocalTableGatewayResolvesThroughMainWhileMerged() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("broadcast default dev br0"));
        assertEquals(Errno.EEXIST, assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("default via 10.1.0.254 table local"))).errno());
    }

    /**
     * fib6_lookup (the fallback of ip6_route_check_nh) keeps any route a table returns, a throw route too: a throw in
     * table local ends the gateway check with RTF_REJECT, EHOSTUNREACH ({@code ip -6 route add throw 2001:db8:1::/64
     * table local; ip -6 route add 2001:db8:6::/48 via 2001:db8:1::fe table 1000} fails); a throw in the route's own
     * table only sends the check on to the rules.
     */
    @Test
    void anIpv6ThrowRouteInTableLocalEndsTheGatewayCheck() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("2001:db8:5::/48 via 2001:db8:1::fe table 1000"));
        k.addRoute(Route.parse("throw 2001:db8:1::/64 table local"));
        assertEquals(Errno.EHOSTUNREACH, assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("2001:db8:6::/48 via 2001:db8:1::fe table 1000"))).errno());
        k.addRoute(Route.parse("throw 2001:db8:1::/64 table 1000"));
        k.deleteRoute(Route.parseSelector("throw 2001:db8:1::/64 table local"));
        k.addRoute(Route.parse("2001:db8:7::/48 via 2001:db8:1::fe table 1000"));
        // route lookups (fib6_rule_lookup) still go on past a throw route
        k.addRoute(Route.parse("throw 2001:db8:1::/64 table local"));
        assertEquals("br0", k.lookup(io.github.netroute.routing.RouteLookup.parse("2001:db8:1::fe")).device());
    }

    /**
     * inet_addr_type_table: while no IPv4 rule was ever changed, tables local and main are one trie, so a prefsrc check
     * in table local sees main's longer prefixes: with {@code 10.0.0.0/8 via 10.1.0.254} in main, {@code local default
     * dev br0} does not make 10.9.9.9 local and {@code src 10.9.9.9} is EINVAL; after a rule change it is accepted.
     */
    @Test
    void aPrefsrcCheckSeesMainWhileLocalAndMainAreMerged() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("10.0.0.0/8 via 10.1.0.254"));
        k.addRoute(Route.parse("local default dev br0"));
        assertEquals(Errno.EINVAL, assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("10.0.0.0/8 via 10.1.0.254 table 100 src 10.9.9.9"))).errno());
        k.addRule(io.github.netroute.routing.Rule.parse("pref 100 lookup 100", Family.INET));
        k.deleteRule(io.github.netroute.routing.Rule.parseSelector("pref 100", Family.INET));
        k.addRoute(Route.parse("10.0.0.0/8 via 10.1.0.254 table 100 src 10.9.9.9"));
    }

    /**
     * fib_check_nh_v4_gw resolves a gateway through the nexthop's device: a {@code local default dev br0} in table
     * local does not hide the gateway of {@code default via 10.2.0.254 dev br1}, and {@code ip route get 8.8.8.8 oif
     * br1} reports {@code via 10.2.0.254}.
     */
    @Test
    void aGatewayIsResolvedThroughItsNexthopDevice() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("10.2.0.1/24 dev br1"));
        k.addRoute(Route.parse("local default dev br0"));
        k.addRule(io.github.netroute.routing.Rule.parse("lookup 100", Family.INET));
        k.addRoute(Route.parse("default via 10.2.0.254 dev br1"));
        assertEquals("10.2.0.254", InetAddresses.format(
                k.lookup(io.github.netroute.routing.RouteLookup.parse("8.8.8.8 oif br1")).gateway()));
    }

    /**
     * inet_rtm_newroute sets fib_has_custom_local_routes on any successful add of a local route (any table) and never
     * clears it; from then on fib_validate_source makes the full check, and a source whose route back is broadcast is
     * martian: {@code ip route add broadcast 10.5.0.0/16 dev br0; ip route add local 172.16.0.0/12 dev br0 table 100;
     * ip route del ...; ip route get 10.1.0.255 from 10.5.0.3 iif br0} is EINVAL.
     */
    @Test
    void aLocalRouteOnceAddedKeepsTheFullSourceCheck() throws Exception {
        InMemoryKernel k = base();
        k.addRoute(Route.parse("broadcast 10.5.0.0/16 dev br0"));
        io.github.netroute.routing.RouteLookup q = io.github.netroute.routing.RouteLookup.parse(
                "10.1.0.255 from 10.5.0.3 iif br0");
        assertEquals(io.github.netroute.routing.RouteType.BROADCAST, k.lookup(q).type());
        k.addRoute(Route.parse("local 172.16.0.0/12 dev br0 table 100"));
        assertEquals(Errno.EINVAL, assertThrows(RoutingException.class, () -> k.lookup(q)).errno());
        k.deleteRoute(Route.parseSelector("local 172.16.0.0/12 table 100"));
        assertEquals(Errno.EINVAL, assertThrows(RoutingException.class, () -> k.lookup(q)).errno());
    }

    /**
     * A gateway that is our own address gives the nexthop scope host when the route is added (fib_check_nh_v4_gw), and
     * the nexthop keeps that scope: {@code ip addr add 10.6.0.1/24 dev br0; ip route add 10.5.0.0/16 via 10.6.0.1;
     * ip route get 10.5.1.7} says {@code dev br0 src 10.6.0.1} (the source is still selected with the gateway), and
     * after {@code ip addr del 10.6.0.1/24 dev br0} it still reports no gateway ({@code dev br0 src 10.1.0.1}).
     */
    @Test
    void aGatewayNexthopKeepsTheScopeItGotWhenAdded() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("10.6.0.1/24 dev br0"));
        k.addRoute(Route.parse("10.5.0.0/16 via 10.6.0.1"));
        k.addRoute(Route.parse("default via 10.1.0.254"));
        io.github.netroute.routing.RouteLookup q = io.github.netroute.routing.RouteLookup.parse("10.5.1.7");
        io.github.netroute.routing.LookupResult r = k.lookup(q);
        assertEquals(null, r.gateway());
        assertEquals("10.6.0.1", InetAddresses.format(r.source()));
        k.deleteAddress(Address.parse("10.6.0.1/24 dev br0"));
        r = k.lookup(q);
        assertEquals(null, r.gateway());
        assertEquals("10.1.0.1", InetAddresses.format(r.source()));
    }

    /**
     * ip6_route_check_nh_onlink looks the gateway up in main with the route's device as oif but without
     * RT6_LOOKUP_F_IFACE: among the routes of the chosen metric, one through that device wins. With 2001:db8:2::/64 on
     * br1 and br0 (metric 256 both), {@code ip -6 route add ::/0 via 2001:db8:2::fe dev br0 onlink} is accepted; a
     * lower-metric route through another device still wins ({@code 2001:db8:1::/64 dev br1 metric 100}: EINVAL).
     */
    @Test
    void anIpv6OnlinkCheckPrefersARouteThroughTheNexthopDevice() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("2001:db8:2::1/64 dev br0 nodad"));
        k.addRoute(Route.parse("::/0 via 2001:db8:2::fe dev br0 onlink"));
        k.addRoute(Route.parse("2001:db8:5::/48 via 2001:db8:2::fe dev br1 onlink"));
        k.addRoute(Route.parse("2001:db8:1::/64 dev br1 metric 100"));
        assertEquals(Errno.EINVAL, assertThrows(RoutingException.class,
                () -> k.addRoute(Route.parse("2001:db8:7::/48 via 2001:db8:1::fe dev br0 onlink"))).errno());
        k.addRoute(Route.parse("2001:db8:8::/48 via 2001:db8:1::fe dev br1 onlink"));
    }

    /**
     * ipv6_dev_get_saddr does not leave ::1 out of the candidates: with no other IPv6 address, {@code ip -6 route get}
     * of a global destination answers {@code src ::1} (through a device route and through a local route alike).
     */
    @Test
    void loopbackIsTheIpv6SourceOfLastResort() throws Exception {
        InMemoryKernel k = base();
        k.deleteLink("br0");
        k.deleteAddress(Address.parse("2001:db8:2::1/64 dev br1 nodad"));
        k.addRoute(Route.parse("2001:db8:5::/48 dev br1"));
        assertEquals("::1", InetAddresses.format(
                k.lookup(io.github.netroute.routing.RouteLookup.parse("2001:db8:5::1")).source()));
        k.addRoute(Route.parse("local ::/0 dev br1"));
        assertEquals("::1", InetAddresses.format(
                k.lookup(io.github.netroute.routing.RouteLookup.parse("2001:db8:1::1")).source()));
    }

    /**
     * fixup_permanent_addr on NETDEV_UP regenerates an address's local route but only a DAD that starts then inserts
     * it: a nodad address added while the device was down (its DAD done at once) does not get back a local route
     * deleted by hand; an address with DAD gets its local route only when the device comes up.
     */
    @Test
    void linkUpDoesNotRestoreADeletedLocalRouteOfANodadAddress() throws Exception {
        InMemoryKernel k = base();
        k.addLink("br2", "bridge");
        k.addAddress(Address.parse("2001:db8:8::1/64 dev br2 nodad"));
        k.addAddress(Address.parse("2001:db8:9::1/64 dev br2"));
        assertEquals(List.of("local 2001:db8:8::1"), localRoutesOf(k, "br2"));
        k.deleteRoute(k.routes().stream().filter(r -> r.dst().toString().equals("2001:db8:8::1/128")).findFirst()
                .orElseThrow());
        k.setLinkUp("br2", true);
        assertEquals(List.of("local 2001:db8:9::1"), localRoutesOf(k, "br2"));
    }

    /**
     * ip_route_output_key_hash_rcu()'s "special hack" for a multicast or limited-broadcast destination with a source:
     * __ip_dev_find() gives the device of the source's address or, without one, of the local route that covers it
     * (here on a down device); the answer has no FIB entry behind it, so {@code fibmatch} answers EHOSTUNREACH, not
     * ENETUNREACH. A source that is not local at all stays ENETUNREACH.
     */
    @Test
    void aMulticastLookupFromASourceOfALocalRouteLeavesThroughThatRoutesDevice() throws Exception {
        InMemoryKernel k = base();
        k.addLink("br2", "bridge");
        k.addRoute(Route.parse("local 10.99.0.0/16 dev br2 table local"));
        for (String dst : List.of("239.1.1.1", "255.255.255.255")) {
            io.github.netroute.routing.LookupResult r = k.lookup(
                    io.github.netroute.routing.RouteLookup.parse(dst + " from 10.99.0.7"));
            assertEquals("br2", r.device(), dst);
            assertEquals(null, r.route(), dst); // no fib_info: ip route get fibmatch answers EHOSTUNREACH
        }
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.lookup(io.github.netroute.routing.RouteLookup.parse("239.1.1.1 from 10.98.0.7")));
        assertEquals(Errno.ENETUNREACH, e.errno());
    }

    /**
     * fib_create_info() sends an IPv4 route of an error type to link_it before fib_check_nexthop(): a blackhole or
     * unreachable route takes an fdb nexthop (a unicast one does not), and stays of its own type when dumped, also
     * after its nexthop is replaced by a blackhole one and back; a unicast route on a blackhole nexthop is dumped as
     * blackhole only while the nexthop is one.
     */
    @Test
    void anIpv4ErrorRouteTakesAnyNexthopAndKeepsItsType() throws Exception {
        InMemoryKernel k = base();
        k.addNexthop(io.github.netroute.routing.Nexthop.parse("id 1 via 10.1.0.254 dev br0"));
        k.addNexthop(io.github.netroute.routing.Nexthop.parse("id 2 via 10.1.0.253 fdb"));
        RoutingException e = assertThrows(RoutingException.class, () -> k.addRoute(Route.parse("10.7.0.0/16 nhid 2")));
        assertEquals("Route cannot point to a fdb nexthop", e.extack());
        k.addRoute(Route.parse("blackhole 10.7.0.0/16 nhid 2"));
        k.addRoute(Route.parse("unreachable 10.8.0.0/16 nhid 2"));
        k.addRoute(Route.parse("blackhole 10.9.0.0/16 nhid 1"));
        k.addRoute(Route.parse("10.10.0.0/16 nhid 1"));
        assertEquals(List.of("blackhole 10.7.0.0/16", "unreachable 10.8.0.0/16", "blackhole 10.9.0.0/16",
                "unicast 10.10.0.0/16"), nhidRoutes(k));
        k.replaceNexthop(io.github.netroute.routing.Nexthop.parse("id 1 blackhole"));
        assertEquals(List.of("blackhole 10.7.0.0/16", "unreachable 10.8.0.0/16", "blackhole 10.9.0.0/16",
                "blackhole 10.10.0.0/16"), nhidRoutes(k));
        k.replaceNexthop(io.github.netroute.routing.Nexthop.parse("id 1 via 10.1.0.252 dev br0"));
        assertEquals(List.of("blackhole 10.7.0.0/16", "unreachable 10.8.0.0/16", "blackhole 10.9.0.0/16",
                "unicast 10.10.0.0/16"), nhidRoutes(k));
    }

    private static List<String> nhidRoutes(InMemoryKernel k) throws RoutingException {
        return k.routes().stream().filter(r -> r.nhid() != 0)
                .map(r -> r.type().ipName() + " " + r.dst()).toList();
    }

    /**
     * An IPv4 address that finally disappeared takes main's routes with it as prefsrc, each notified
     * (fib_sync_down_addr() sets pfsrc_removed; fib_table_flush() sends RTM_DELROUTE) in the order fib_table_flush()
     * walks the trie: keys from the highest down, a key's prefixes longest first; a multipath route is reported with
     * its fib_info's flags, so "dead". Other tables keep theirs.
     */
    @Test
    void routesOfAGonePrefsrcAreNotifiedInReverseTrieOrder() throws Exception {
        InMemoryKernel k = base();
        k.addAddress(Address.parse("10.2.0.1/24 dev br1"));
        for (String r : List.of("10.0.0.0/8 dev br0 src 10.2.0.1", "10.0.0.0/16 dev br0 src 10.2.0.1",
                "10.128.0.0/9 dev br0 src 10.2.0.1", "throw 224.1.0.0/16 src 10.2.0.1",
                "172.16.0.0/12 src 10.2.0.1 nexthop via 10.1.0.254 dev br0 nexthop via 10.2.0.254 dev br1",
                "10.0.0.0/8 dev br0 src 10.2.0.1 table 100")) {
            k.addRoute(Route.parse(r));
        }
        java.util.concurrent.BlockingQueue<io.github.netroute.routing.RoutingEvent> q =
                new java.util.concurrent.LinkedBlockingQueue<>();
        List<String> deleted = new java.util.ArrayList<>();
        try (io.github.netroute.routing.Subscription s = k.subscribe(q::add)) {
            k.deleteAddress(Address.parse("10.2.0.1/24 dev br1"));
            for (io.github.netroute.routing.RoutingEvent e;
                    (e = q.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null; ) {
                if (e instanceof io.github.netroute.routing.RoutingEvent.RouteRemoved rr
                        && "10.2.0.1".equals(rr.route().prefsrc() == null ? null
                                : InetAddresses.format(rr.route().prefsrc()))
                        && rr.route().table().id() == 254) {
                    deleted.add(rr.route().dst() + (rr.route().flags().contains(
                            io.github.netroute.routing.NextHopFlag.DEAD) ? " dead" : ""));
                }
            }
        }
        assertEquals(List.of("10.2.0.0/24", "224.1.0.0/16", "172.16.0.0/12 dead", "10.128.0.0/9", "10.0.0.0/16",
                "10.0.0.0/8"), deleted);
        assertEquals(1, k.routes().stream().filter(r -> r.table().id() == 100).count());
    }

    /**
     * ip_route_input_slow() takes the limited broadcast (and 0.0.0.0 from 0.0.0.0) to brd_input before any FIB lookup:
     * the answer's table is 0, not main. rt_fill_info() puts RTA_SRC only for a source other than 0.0.0.0.
     */
    @Test
    void anInputLimitedBroadcastHasNoTableAndASourceOfZeroIsNotReported() throws Exception {
        InMemoryKernel k = base();
        io.github.netroute.routing.LookupResult r = k.lookup(
                io.github.netroute.routing.RouteLookup.parse("255.255.255.255 from 10.9.9.9 iif br0"));
        assertEquals(io.github.netroute.routing.RouteType.BROADCAST, r.type());
        assertEquals(0L, r.table().id());
        r = k.lookup(io.github.netroute.routing.RouteLookup.parse("0.0.0.0 from 0.0.0.0 iif br0"));
        assertEquals(0L, r.table().id());
        assertEquals(null, r.from());
        r = k.lookup(io.github.netroute.routing.RouteLookup.parse("10.1.0.7 from 0.0.0.0"));
        assertEquals(null, r.from());
        assertEquals("10.1.0.1", InetAddresses.format(r.source()));
    }

    /**
     * __ip_dev_find() takes the head of the address hash chain, which inet_hash_insert() fills at the head: a
     * multicast lookup from an address on several devices leaves from the device where it was added last, and from the
     * next newest once that one is deleted.
     */
    @Test
    void aSourceOnSeveralDevicesIsFoundWhereItWasAddedLast() throws Exception {
        InMemoryKernel k = base();
        k.addLink("br2", "bridge");
        k.addAddress(Address.parse("10.5.0.1/24 dev br1"));
        k.addAddress(Address.parse("10.5.0.1/32 dev br2"));
        k.addAddress(Address.parse("10.5.0.1/32 dev br0"));
        io.github.netroute.routing.RouteLookup flow = io.github.netroute.routing.RouteLookup.parse("239.1.1.1 from 10.5.0.1");
        assertEquals("br0", k.lookup(flow).device());
        k.deleteAddress(Address.parse("10.5.0.1/32 dev br0"));
        assertEquals("br2", k.lookup(flow).device());
        k.deleteAddress(Address.parse("10.5.0.1/32 dev br2"));
        assertEquals("br1", k.lookup(flow).device());
    }

    private static List<String> localRoutesOf(InMemoryKernel k, String dev) throws RoutingException {
        return k.routes().stream()
                .filter(r -> r.family() == Family.INET6 && dev.equals(r.device()) && r.type() == io.github.netroute.routing.RouteType.LOCAL
                        && !r.dst().address().isLinkLocalAddress())
                .map(r -> "local " + io.github.netroute.routing.IpAddresses.format(r.dst().address()))
                .toList();
    }
}
