package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same refusal is the same {@link RoutingException} subclass, errno and extended-ack text (except the text of an
 * unknown device name, see below) from the real kernel
 * (through {@code NetlinkRouting}, in a throwaway namespace) and from the in-memory kernel, one operation of each
 * errno class the API names.
 */
@RealKernelTest
class RealErrnoClassesTest {

    interface Op {
        void run(Routing r) throws Exception;
    }

    record Case(String what, Class<? extends RoutingException> type, String errno, Op op) {}

    static void node(Routing r) throws Exception {
        r.setLinkUp("lo", true);
        r.addLink("eth0", "bridge");
        r.setLinkUp("eth0", true);
        r.addAddress(Address.parse("192.168.1.2/24 dev eth0"));
        r.addLink("br1", "bridge"); // down
    }

    static final List<Case> CASES = List.of(
            new Case("add a route twice", RoutingException.Exists.class, "EEXIST", r -> {
                r.addRoute(Route.parse("10.1.0.0/16 dev eth0"));
                r.addRoute(Route.parse("10.1.0.0/16 dev eth0"));
            }),
            new Case("delete a missing route", RoutingException.NotFound.class, "ESRCH",
                    r -> r.deleteRoute(Route.parseSelector("10.2.0.0/16"))),
            new Case("a route on a missing device", RoutingException.NotFound.class, "ENODEV",
                    r -> r.addRoute(Route.parse("10.3.0.0/16 dev nosuch0"))),
            new Case("delete a missing address", RoutingException.NotFound.class, "EADDRNOTAVAIL",
                    r -> r.deleteAddress(Address.parse("192.168.7.7/24 dev eth0"))),
            new Case("a gateway off every network", RoutingException.Unreachable.class, "ENETUNREACH",
                    r -> r.addRoute(Route.parse("10.4.0.0/16 via 172.31.0.1"))),
            new Case("an IPv6 route through a down device", RoutingException.Unreachable.class, "ENETDOWN",
                    r -> r.addRoute(Route.parse("fd00:5::/64 dev br1"))),
            new Case("a prefsrc that is not local", RoutingException.InvalidArgument.class, "EINVAL",
                    r -> r.addRoute(Route.parse("10.6.0.0/16 dev eth0 src 10.9.9.9"))));

    @Test
    void theRealAndTheInMemoryKernelRaiseTheSameSubclassErrnoAndExtack() throws Exception {
        List<String> seen = new ArrayList<>();
        for (Case c : CASES) {
            RoutingException real;
            try (RealNs ns = RealNs.create(); Routing r = NetlinkRouting.open(ns.name)) {
                node(r);
                real = assertThrows(RoutingException.class, () -> c.op().run(r), c.what());
            }
            RoutingException memory;
            try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
                k.setAddrGenMode(AddrGenMode.NONE);
                node(k);
                memory = assertThrows(RoutingException.class, () -> c.op().run(k), c.what());
            }
            assertEquals(c.type(), real.getClass(), c.what() + ": " + real.getMessage());
            assertEquals(c.type(), memory.getClass(), c.what() + ": " + memory.getMessage());
            assertEquals(c.errno(), real.errno().name(), c.what());
            assertEquals(real.errno(), memory.errno(), c.what());
            if (!c.errno().equals("ENODEV")) {
                // ENODEV for a device name: the netlink client resolves the name itself and says 'Cannot find device
                // "X"' (iproute2's words); the in-memory kernel refuses without a text. Class and errno agree.
                assertEquals(real.extack(), memory.extack(), c.what());
            }
            if (real.extack() != null) {
                assertTrue(real.getMessage().endsWith(": " + real.extack()), real.getMessage());
            }
            seen.add(c.what() + " -> " + real.getClass().getSimpleName() + " " + real.errno().name()
                    + (real.extack() != null ? " \"" + real.extack() + "\"" : ""));
        }
        System.out.println(String.join("\n", seen));
    }
}
