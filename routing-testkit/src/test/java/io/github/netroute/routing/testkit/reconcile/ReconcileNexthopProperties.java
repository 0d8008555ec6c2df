package io.github.netroute.routing.testkit.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The reconciler with nexthop objects against the in-memory kernel: from one random desired state (single nexthops
 * of both families, groups of both types over them, routes of both families on them) to another, every change of
 * the plan succeeds (nexthops before the routes that use them, members before their group, routes deleted before
 * their nexthop, a group before its members, a group changing type deleted and added again with its routes) and a
 * second plan is empty; a foreign nexthop (another protocol) is never touched.
 */
class ReconcileNexthopProperties {
    static final RouteProtocol P = RouteProtocol.of(200);
    static final Reconciler REC = Reconciler.of(Ownership.protocol(P));

    static DesiredState desired(Random rnd) {
        List<Nexthop> nhs = new ArrayList<>();
        List<Long> v4 = new ArrayList<>();
        List<Long> v6 = new ArrayList<>();
        for (int id = 1; id <= 6; id++) {
            if (rnd.nextInt(3) == 0) {
                continue;
            }
            boolean six = id > 4;
            nhs.add(Nexthop.via(id, InetAddresses.parse(six ? "2001:db8::" + (1 + rnd.nextInt(3))
                    : "192.168.1." + (1 + rnd.nextInt(3))), "eth0"));
            (six ? v6 : v4).add((long) id);
        }
        List<Long> singles = new ArrayList<>(v4);
        singles.addAll(v6);
        for (int id = 10; id <= 12 && !singles.isEmpty(); id++) {
            if (rnd.nextInt(3) == 0) {
                continue;
            }
            List<NexthopGroup.Member> ms = new ArrayList<>();
            List<Long> pool = new ArrayList<>(id == 12 && !v6.isEmpty() ? v6 : singles);
            int n = 1 + rnd.nextInt(Math.min(3, pool.size()));
            for (int i = 0; i < n; i++) {
                ms.add(new NexthopGroup.Member(pool.remove(rnd.nextInt(pool.size())), 1 + rnd.nextInt(3)));
            }
            nhs.add(Nexthop.group(id, rnd.nextBoolean() ? NexthopGroup.mpath(ms) : NexthopGroup.resilient(ms, 8)));
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < nhs.size(); i++) {
            Nexthop n = nhs.get(i);
            if (rnd.nextInt(4) != 0) {
                routes.add(Route.parse("10." + (20 + i) + ".0.0/16 nhid " + n.id()));
            }
            boolean ipv6Ok = n.isGroup() ? n.group().members().stream().allMatch(m -> v6.contains(m.id()))
                    : v6.contains(n.id());
            if (ipv6Ok && rnd.nextBoolean()) {
                routes.add(Route.parse("2001:db8:" + (20 + i) + "::/64 nhid " + n.id()));
            }
        }
        java.util.Collections.shuffle(nhs, rnd); // the plan orders them, not the caller
        return DesiredState.of(routes, List.of(), nhs);
    }

    @Property(tries = 100)
    void fromAnyDesiredStateToAnyOtherEveryChangeSucceedsAndASecondPlanIsEmpty(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        InMemoryKernel k = ReconcileConvergenceProperties.node();
        k.addNexthop(Nexthop.parse("id 30 via 192.168.1.30 dev eth0"));   // foreign (protocol unspec)
        k.addRoute(Route.parse("10.30.0.0/16 nhid 30"));
        for (int pass = 0; pass < 3; pass++) {
            DesiredState want = desired(rnd);
            List<Nexthop> before = nexthops(k);
            List<Route> routesBefore = k.routes();
            Plan plan = REC.plan(k, want);
            Report r = REC.apply(k, plan);
            assertTrue(r.ok(), () -> r.failures() + "\nplan:\n" + plan + "nexthops before: " + before
                    + "\nroutes before: " + routesBefore);
            Plan again = REC.plan(k, want);
            assertTrue(again.isEmpty(), again::toString);
            assertEquals(want.nexthops().size() + 1, k.nexthops(null).size());
            assertTrue(k.nexthop(30).isPresent());
        }
    }

    private static List<Nexthop> nexthops(InMemoryKernel k) {
        try {
            return k.nexthops(null);
        } catch (Exception e) {
            return List.of();
        }
    }
}
