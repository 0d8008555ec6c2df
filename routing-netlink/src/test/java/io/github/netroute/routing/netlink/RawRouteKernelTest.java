package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The raw route path ({@link Routing#modifyRoute(RouteVerb, Route, CidrAddress)}, {@link Routing#deleteRoute(Route,
 * CidrAddress)}): {@link NetlinkRouting} sends the destination as written, host bits and all, as iproute2 does, and
 * the kernel answers — EINVAL "Invalid prefix for given prefix length" for IPv4, the masked route for IPv6 — in a
 * throwaway namespace {@code nr-nl-<random>}; the in-memory kernel answers the same.
 */
@RealKernelTest
class RawRouteKernelTest {
    private static String ns;
    private static NetlinkRouting kernel;
    private static InMemoryKernel memory;

    @BeforeAll
    static void setUp() throws Exception {
        Kernel.assumeKernel();
        ns = Kernel.newNamespace();
        kernel = NetlinkRouting.open(ns);
        memory = InMemoryKernel.freshNamespace();
        for (Routing r : List.<Routing>of(kernel, memory)) {
            r.addLink("br0", "bridge");
            r.setLinkUp("br0", true);
            r.addAddress(Address.parse("10.1.0.1/24 dev br0"));
        }
    }

    @AfterAll
    static void tearDown() {
        if (kernel != null) {
            kernel.close();
        }
        Kernel.deleteNamespace(ns);
    }

    @Test
    void ipv4HostBitsAreTheKernelsEinval() {
        for (Routing r : List.<Routing>of(kernel, memory)) {
            RoutingException add = assertThrows(RoutingException.class, () -> r.modifyRoute(RouteVerb.ADD,
                    Route.parse("10.1.2.0/24 dev br0"), CidrAddress.parse("10.1.2.3/24")));
            assertEquals("EINVAL", add.errno().name(), r + ": " + add.getMessage());
            assertEquals("Invalid prefix for given prefix length", add.extack(), r + ": " + add.getMessage());
            RoutingException del = assertThrows(RoutingException.class, () -> r.deleteRoute(
                    Route.parseSelector("10.12.0.0/15"), CidrAddress.parse("10.13.0.0/15")));
            assertEquals("EINVAL", del.errno().name(), r + ": " + del.getMessage());
            assertEquals("Invalid prefix for given prefix length", del.extack(), r + ": " + del.getMessage());
        }
    }

    @Test
    void ipv6HostBitsAreMaskedByTheKernel() throws Exception {
        for (Routing r : List.<Routing>of(kernel, memory)) {
            r.modifyRoute(RouteVerb.ADD, Route.parse("2001:db8:5::/64 dev br0"), CidrAddress.parse("2001:db8:5::1/64"));
            assertEquals(List.of("2001:db8:5::/64 dev br0 metric 1024 pref medium"), shown(r), r.toString());
            r.deleteRoute(Route.parseSelector("2001:db8:5::/64"), CidrAddress.parse("2001:db8:5::9/64"));
            assertEquals(List.of(), shown(r), r.toString());
        }
    }

    @Test
    void aDestinationThatIsNotTheRoutesIsRefusedBeforeAnythingIsSent() {
        for (Routing r : List.<Routing>of(kernel, memory)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.modifyRoute(
                    RouteVerb.ADD, Route.parse("10.1.2.0/24 dev br0"), CidrAddress.parse("10.1.3.3/24")));
            assertEquals("destination 10.1.3.3/24 is not the route's 10.1.2.0/24 with host bits", e.getMessage());
        }
    }

    private static List<String> shown(Routing r) throws RoutingException {
        return r.routes(RouteFilter.ALL).stream().filter(x -> x.family() == Family.INET6
                && x.dst().toString().startsWith("2001:db8:5:")).map(Route::toString).toList();
    }
}
