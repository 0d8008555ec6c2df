package io.github.netroute.routing.testkit;

import static io.github.netroute.routing.RoutingEvent.NLM_F_APPEND;
import static io.github.netroute.routing.RoutingEvent.NLM_F_CREATE;
import static io.github.netroute.routing.RoutingEvent.NLM_F_EXCL;
import static io.github.netroute.routing.RoutingEvent.NLM_F_REPLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The nlmsg_flags of the in-memory kernel's notifications, as Linux sets them: fib_table_insert (IPv4: NLM_F_EXCL
 * for a new key, cleared when routes with the same tos and priority exist; NLM_F_REPLACE on a replace; NLM_F_APPEND
 * on an append; NLM_F_CREATE on every insertion), fib6_add_rt2node (IPv6: the same, NLM_F_REPLACE alone on a
 * replace), ip6_route_multipath_add (NLM_F_CREATE or NLM_F_REPLACE, plus NLM_F_APPEND), and 0 for deletes, rules,
 * addresses and links.
 */
class InMemoryEventFlagsTest {

    /** The events one operation caused. */
    interface Op {
        void run(InMemoryKernel k) throws Exception;
    }

    private static List<RoutingEvent> events(InMemoryKernel k, Op op) throws Exception {
        BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
        try (Subscription s = k.subscribe(q::add)) {
            op.run(k);
            List<RoutingEvent> out = new ArrayList<>();
            for (RoutingEvent e; (e = q.poll(200, TimeUnit.MILLISECONDS)) != null; ) {
                out.add(e);
            }
            return out;
        }
    }

    private static int onlyFlags(InMemoryKernel k, Op op) throws Exception {
        List<RoutingEvent> evs = events(k, op);
        assertEquals(1, evs.size(), evs::toString);
        return evs.get(0).flags();
    }

    @Test
    void ipv4NewRouteIsExclCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        assertEquals(NLM_F_EXCL | NLM_F_CREATE, onlyFlags(k, x -> x.addRoute(Route.parse("10.1.0.0/16 dev eth0"))));
    }

    @Test
    void ipv4ReplacedRouteIsReplace() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("10.1.0.0/16 dev eth0"));
        assertEquals(NLM_F_REPLACE,
                onlyFlags(k, x -> x.replaceRoute(Route.parse("10.1.0.0/16 via 192.168.1.254 dev eth0"))));
    }

    @Test
    void ipv4ReplaceOfNothingIsAnExclusiveCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        assertEquals(NLM_F_EXCL | NLM_F_CREATE, onlyFlags(k, x -> x.replaceRoute(Route.parse("10.1.0.0/16 dev eth0"))));
    }

    @Test
    void ipv4AppendedRouteIsAppendCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("10.1.0.0/16 dev eth0"));
        assertEquals(NLM_F_APPEND | NLM_F_CREATE,
                onlyFlags(k, x -> x.appendRoute(Route.parse("10.1.0.0/16 via 192.168.1.254 dev eth0"))));
    }

    @Test
    void ipv4PrependedRouteIsCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("10.1.0.0/16 dev eth0"));
        assertEquals(NLM_F_CREATE, onlyFlags(k,
                x -> x.modifyRoute(RouteVerb.PREPEND, Route.parse("10.1.0.0/16 via 192.168.1.254 dev eth0"))));
    }

    @Test
    void kernelRoutesOfAnAddressAreCreateAppendOrExclCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        // fib_magic asks for NLM_F_CREATE | NLM_F_APPEND: nothing at these keys yet, so EXCL stays
        for (RoutingEvent e : events(k, x -> x.addAddress(Address.parse("10.60.0.1/24 dev eth0")))) {
            assertEquals(e instanceof RoutingEvent.RouteAdded ? NLM_F_EXCL | NLM_F_CREATE : 0, e.flags(), e::toString);
        }
    }

    @Test
    void ipv6NewRouteIsExclCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        assertEquals(NLM_F_EXCL | NLM_F_CREATE, onlyFlags(k, x -> x.addRoute(Route.parse("2001:db8:1::/64 dev eth0"))));
    }

    @Test
    void ipv6ReplacedRouteIsReplace() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("2001:db8:1::/64 dev eth0"));
        assertEquals(NLM_F_REPLACE,
                onlyFlags(k, x -> x.replaceRoute(Route.parse("2001:db8:1::/64 via fe80::1 dev eth0"))));
    }

    @Test
    void ipv6AppendedRouteIsAppendCreate() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("2001:db8:1::/64 via fe80::1 dev eth0"));
        assertEquals(NLM_F_APPEND | NLM_F_CREATE,
                onlyFlags(k, x -> x.appendRoute(Route.parse("2001:db8:1::/64 via fe80::2 dev eth0"))));
    }

    @Test
    void ipv6MultipathReplaceIsReplace() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("2001:db8:1::/64 via fe80::1 dev eth0"));
        for (RoutingEvent e : events(k, x -> x.replaceRoute(
                Route.parse("2001:db8:1::/64 nexthop via fe80::3 dev eth0 nexthop via fe80::4 dev eth0")))) {
            assertEquals(NLM_F_REPLACE, e.flags(), e::toString);
        }
    }

    @Test
    void deletesRulesAddressesAndLinksCarryNoFlags() throws Exception {
        InMemoryKernel k = InMemoryKernel.typicalNode();
        k.addRoute(Route.parse("10.1.0.0/16 dev eth0"));
        k.addRoute(Route.parse("2001:db8:1::/64 dev eth0"));
        assertEquals(0, onlyFlags(k, x -> x.deleteRoute(Route.parse("10.1.0.0/16 dev eth0"))));
        assertEquals(0, onlyFlags(k, x -> x.deleteRoute(Route.parse("2001:db8:1::/64 dev eth0"))));
        assertEquals(0, onlyFlags(k, x -> x.addRule(Rule.parse("from 10.0.0.0/8 table 44"))));
        assertEquals(0, onlyFlags(k, x -> x.deleteRule(Rule.parse("from 10.0.0.0/8 table 44"))));
        assertEquals(0, onlyFlags(k, x -> x.addLink("d1", "dummy")));
        for (Op op : List.<Op>of(x -> x.setLinkUp("d1", true), x -> x.addAddress(Address.parse("10.70.0.1/24 dev d1")),
                x -> x.deleteAddress(Address.parse("10.70.0.1/24 dev d1")), x -> x.deleteLink("d1"))) {
            for (RoutingEvent e : events(k, op)) {
                if (!(e instanceof RoutingEvent.RouteAdded)) {
                    assertEquals(0, e.flags(), e::toString);
                }
            }
        }
    }
}
