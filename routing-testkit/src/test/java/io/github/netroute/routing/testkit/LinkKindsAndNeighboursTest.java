package io.github.netroute.routing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LinkKind;
import io.github.netroute.routing.LinkSettings;
import io.github.netroute.routing.LinkSpec;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Neighbour;
import io.github.netroute.routing.NeighbourState;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The in-memory kernel's link kinds and neighbour tables, without root (the same behaviour is checked against Linux
 * by examples' ip-batches 29..36 and RealWorldScriptTest).
 */
class LinkKindsAndNeighboursTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void vethCarrierFollowsThePeerAndDeletingOneEndDeletesBoth() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        Link v1 = k.addLink(LinkSpec.veth("veth1", "veth2"));
        Link v2 = k.link("veth2").orElseThrow();
        assertEquals(v1.index() - 1, v2.index(), "the peer is registered first");
        assertEquals(v2.index(), v1.parent());
        assertEquals(LinkKind.VETH, v1.linkKind());
        k.setLinkUp("veth1", true);
        assertFalse(k.link("veth1").orElseThrow().lowerUp());
        assertEquals("LOWERLAYERDOWN", k.link("veth1").orElseThrow().operState());
        k.setLinkUp("veth2", true);
        assertTrue(k.link("veth1").orElseThrow().lowerUp());
        assertEquals("UP", k.link("veth2").orElseThrow().operState());
        k.deleteLink("veth2");
        assertTrue(k.link("veth1").isEmpty());
        assertTrue(k.link("veth2").isEmpty());
    }

    @Test
    void linkSetAndItsRefusals() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.addLink("br0", LinkKind.BRIDGE);
        k.addLink("br1", LinkKind.BRIDGE);
        k.addLink(LinkSpec.veth("veth1", "veth2"));
        k.setLink("veth1", LinkSettings.NONE.withMtu(1400).withMaster("br0").withAlias("uplink"));
        Link l = k.link("veth1").orElseThrow();
        assertEquals(1400, l.mtu());
        assertEquals(k.link("br0").orElseThrow().index(), l.master());
        assertEquals("uplink", l.alias());
        RoutingException e = assertThrows(RoutingException.class,
                () -> k.setLink("br1", LinkSettings.NONE.withMaster("br0")));
        assertEquals(Errno.ELOOP, e.errno());
        assertEquals("Can not enslave a bridge to a bridge", e.extack());
        assertEquals(Errno.EINVAL, assertThrows(RoutingException.class,
                () -> k.setLink("veth1", LinkSettings.NONE.withMtu(20))).errno());
        k.deleteLink("br0");
        assertEquals(0, k.link("veth1").orElseThrow().master(), "deleting the bridge releases its ports");
        assertEquals(Errno.EOPNOTSUPP, assertThrows(RoutingException.class,
                () -> k.addLink(LinkSpec.of("x0", LinkKind.of("wireguard")))).errno());
    }

    @Test
    void neighbourErrorsAreNeighAdds() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setLinkUp("lo", true); // the local table exists: unicast addresses start NUD_NONE
        k.addLink("br0", LinkKind.BRIDGE);
        k.setLinkUp("br0", true);
        Neighbour gw = Neighbour.parse("192.0.2.1 dev br0 lladdr 02:00:00:00:00:01 PERMANENT");
        k.addNeighbour(gw);
        assertEquals(Errno.EEXIST, assertThrows(RoutingException.class, () -> k.addNeighbour(gw)).errno());
        RoutingException noLl = assertThrows(RoutingException.class,
                () -> k.addNeighbour(Neighbour.parse("192.0.2.2 dev br0")));
        assertEquals("No link layer address given", noLl.extack());
        assertEquals(Errno.ENOENT, assertThrows(RoutingException.class, () -> k.modifyNeighbour(RouteVerb.CHANGE,
                Neighbour.parse("192.0.2.3 dev br0 lladdr 02:00:00:00:00:03"))).errno());
        assertEquals("192.0.2.1 dev br0 lladdr 02:00:00:00:00:01 PERMANENT",
                k.neighbours(Family.INET, false).get(0).toString());
        k.replaceNeighbour(Neighbour.parse("192.0.2.1 dev br0 lladdr 02:00:00:00:00:11 nud reachable router"));
        Neighbour n = k.neighbour(ip("192.0.2.1"), "br0", false).orElseThrow();
        assertEquals(NeighbourState.REACHABLE, n.state());
        assertTrue(n.router());
        k.addNeighbour(Neighbour.proxy(ip("192.0.2.7"), "br0"));
        assertEquals("192.0.2.7 dev br0 proxy", k.neighbours(null, true).get(0).toString());
        k.setLinkUp("br0", false);
        assertTrue(k.neighbours(null, false).isEmpty(), "neigh_ifdown() takes every entry of the device");
        assertTrue(k.neighbours(null, true).isEmpty());
        assertEquals(Errno.ENOENT, assertThrows(RoutingException.class, () -> k.deleteNeighbour(gw)).errno());
    }

    @Test
    void anInputLookupLeavingByItsOwnDeviceIsARedirect() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setLinkUp("lo", true);
        k.addLink("br0", LinkKind.BRIDGE);
        k.setLinkUp("br0", true);
        k.addAddress(Address.parse("192.51.100.1/24 dev br0"));
        k.setForwarding(true);
        k.addRoute(Route.parse("10.0.0.0/8 via 192.51.100.2 dev br0"));
        LookupResult r = k.lookup(RouteLookup.parse("10.1.1.1 from 192.51.100.3 iif br0"));
        assertTrue(r.redirect(), r::toString);
        assertFalse(k.lookup(RouteLookup.parse("10.1.1.1")).redirect());
    }
}
