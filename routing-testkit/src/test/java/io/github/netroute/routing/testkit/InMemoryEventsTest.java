package io.github.netroute.routing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Events for the changes the kernel makes on its own, as Linux sends them (compared with Linux by
 * {@code InMemoryEventsKernelTest} in routing-netlink).
 */
class InMemoryEventsTest {

    private static int markers;

    /**
     * Every event the previous operations caused, and no other: events are delivered in order, so the test adds
     * a marker link and collects up to its notification. No timing decides what is seen, so a late event fails
     * the next assertion instead of passing a {@code noneMatch} unseen.
     */
    private static List<String> events(InMemoryKernel k, BlockingQueue<RoutingEvent> q) throws Exception {
        String marker = "mark" + markers++;
        k.addLink(marker, "bridge");
        List<String> out = new ArrayList<>();
        while (true) {
            RoutingEvent e = q.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no notification for marker link " + marker + " after " + out);
            if (e instanceof RoutingEvent.LinkChanged l && l.link().name().equals(marker)) {
                return out;
            }
            out.add(e.getClass().getSimpleName() + " " + (e instanceof RoutingEvent.RouteAdded a ? a.route()
                    : e instanceof RoutingEvent.RouteRemoved r ? r.route()
                    : e instanceof RoutingEvent.AddressAdded a ? a.address().local()
                    : e instanceof RoutingEvent.AddressRemoved r ? r.address().local()
                    : e instanceof RoutingEvent.LinkChanged l ? l.link().name() + (l.link().up() ? " up" : " down")
                    : e));
        }
    }

    @Test
    void addressesLinksAndTheRoutesTheKernelMakesAreReported() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setAddrGenMode(AddrGenMode.NONE);
        k.setLinkUp("lo", true);
        k.addLink("br5", "bridge");
        BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
        try (Subscription s = k.subscribe(q::add)) {
            k.setLinkUp("br5", true);
            assertEquals(List.of("LinkChanged br5 up",
                    "RouteAdded multicast ff00::/8 dev br5 table local proto kernel metric 256 pref medium"), events(k, q));
            k.addAddress(Address.parse("10.50.0.1/24 dev br5"));
            assertEquals(List.of("AddressAdded 10.50.0.1/24",
                    "RouteAdded local 10.50.0.1 dev br5 table local proto kernel scope host src 10.50.0.1",
                    "RouteAdded 10.50.0.0/24 dev br5 proto kernel scope link src 10.50.0.1",
                    "RouteAdded broadcast 10.50.0.255 dev br5 table local proto kernel scope link src 10.50.0.1"),
                    events(k, q));
            k.addAddress(Address.parse("2001:db8:50::1/64 dev br5 nodad"));
            assertEquals(3, events(k, q).size()); // the address, its prefix route, its local route
            // down: IPv6 routes and addresses are removed with notifications, IPv4's fib_flush is silent
            k.setLinkUp("br5", false);
            List<String> down = events(k, q);
            assertEquals("LinkChanged br5 down", down.get(0));
            assertTrue(down.contains("RouteRemoved 2001:db8:50::/64 dev br5 proto kernel metric 256 pref medium"), down::toString);
            assertTrue(down.contains("AddressRemoved 2001:db8:50::1/64"), down::toString);
            assertTrue(down.stream().noneMatch(x -> x.startsWith("RouteRemoved") && x.contains("10.50.0.")), down::toString);
            assertTrue(k.addresses(Family.INET6).stream().noneMatch(a -> "br5".equals(a.device())));
            k.deleteAddress(Address.parse("10.50.0.1/24 dev br5"));
            assertEquals(List.of("AddressRemoved 10.50.0.1/24",
                    "RouteRemoved local 10.50.0.1 dev br5 table local proto kernel scope host src 10.50.0.1"), events(k, q));
        }
    }
}
