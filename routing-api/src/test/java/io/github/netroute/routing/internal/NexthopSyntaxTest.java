package io.github.netroute.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code ip nexthop} lines as iproute2 6.1 prints them on Linux 6.18 (captured), both ways. */
class NexthopSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "id 1 via 10.1.0.2 dev veth0 scope link",
        "id 2 via 10.1.0.3 dev veth0 scope link onlink",
        "id 3 blackhole",
        "id 10 group 1/2,3",
        "id 11 group 1/2 type resilient buckets 8 idle_timer 10 unbalanced_timer 0 unbalanced_time 0",
        "id 12 dev veth0 scope host",
        "id 20 via 2001:db8::2 dev veth0 scope link",
        "id 21 via 10.1.0.9 scope link fdb",
        "id 22 group 21 fdb",
        "id 30 via 10.1.0.5 dev veth0 scope link proto static",
    })
    void showLinesRoundTrip(String line) {
        assertEquals(line, Nexthop.parse(line).toString());
    }

    @Test
    void addArgumentsGetTheKernelsScope() {
        assertEquals(RouteScope.LINK, Nexthop.parse("id 1 via 10.1.0.2 dev veth0").scope());
        assertEquals(RouteScope.HOST, Nexthop.parse("id 12 dev veth0").scope());
        assertEquals(Family.INET6, Nexthop.parse("id 12 dev veth0", Family.INET6).family());
        Nexthop g = Nexthop.parse("id 10 group 1,5/2");
        assertEquals(5, g.group().members().get(0).weight());
        assertNull(g.family());
        assertEquals(NexthopGroup.Type.MPATH, g.group().type());
    }

    @Test
    void badInputNamesTheToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nexthop.parse("id 10 group 1/x"));
        assertTrue(e.getMessage().contains("\"1/x\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nexthop.parse("id 3 bogus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.7.0.0/16 nhid 1 via 10.1.0.2 dev veth0",
        "10.6.0.0/16 nhid 20 via inet6 2001:db8::2 dev veth0",
        "blackhole 10.4.0.0/16 nhid 3 dev lo",
        "10.5.0.0/16 nhid 1 tos 0x10 via 10.1.0.2 dev veth0 table 100 proto static src 10.1.0.1 metric 5",
        "10.9.0.0/16 nhid 10\n\tnexthop via 10.1.0.2 dev veth0 weight 1\n\tnexthop via 10.1.0.3 dev veth0 weight 3 onlink",
        "2001:db8:5::/64 nhid 20 via 2001:db8::2 dev veth0 metric 1024 pref medium",
    })
    void nhidRoutesRoundTrip(String line) {
        assertEquals(line, Route.parse(line).toString());
    }

    @Test
    void nhidRouteToAdd() {
        Route r = Route.parse("10.9.0.0/16 nhid 10");
        assertEquals(10, r.nhid());
        assertEquals(RouteScope.UNIVERSE, r.scope());
        assertEquals(Family.INET, r.family());
    }
}
