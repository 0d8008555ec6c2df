package io.github.netroute.routing.testkit.reconcile;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.InjectedFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * The reconciler against the in-memory kernel, on random desired states and random drift (owned routes deleted,
 * changed and added, foreign routes and rules added, also in the owned tables): one reconcile converges and a second
 * plans nothing; with a failure injected at any change of the plan (any errno) the first reconcile reports exactly
 * that failure and a rerun converges to exactly the desired owned state; a dump that fails makes the pass fail and a
 * rerun converges too. Foreign routes and rules are never touched.
 */
class ReconcileConvergenceProperties {
    static final RouteProtocol P = RouteProtocol.of(200);
    static final List<Ownership> OWNERSHIPS = List.of(Ownership.of(P, Set.of(RouteTable.of(100), RouteTable.of(101))),
            Ownership.protocol(P), Ownership.tables(Set.of(RouteTable.of(100))));
    static final List<Errno> ERRNOS = List.of(Errno.ENOBUFS, Errno.EEXIST, Errno.ESRCH, Errno.ENETUNREACH, Errno.EINVAL,
            Errno.EPERM, Errno.ENOMEM, Errno.EBUSY, Errno.EINTR);

    /** A namespace like compare.sh's: lo up, bridge eth0 up with 192.168.1.2/24 and 2001:db8::100/64. */
    static InMemoryKernel node() throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setLinkUp("lo", true);
        k.addLink("eth0", "bridge");
        k.setLinkUp("eth0", true);
        k.addAddress(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0"));
        k.addAddress(Address.of(CidrAddress.parse("2001:db8::100/64"), "eth0"));
        return k;
    }

    static Route route(Random rnd, int proto, long table) {
        boolean v6 = rnd.nextInt(3) == 0;
        int net = rnd.nextInt(8);
        Route.Builder b = Route.builder().table(table).protocol(RouteProtocol.of(proto));
        if (v6) {
            b.dst(IpPrefix.parse("2001:db8:" + (10 + net) + "::/48"));
            int m = rnd.nextInt(3);
            b.priority(m == 0 ? 0 : m == 1 ? 1024 : 50);
            if (rnd.nextInt(5) == 0) {
                b.nextHops(List.of(NextHop.via(InetAddresses.parse("2001:db8::" + (1 + rnd.nextInt(3)))),
                        NextHop.of(InetAddresses.parse("2001:db8::" + (4 + rnd.nextInt(2))), null, 1 + rnd.nextInt(2))));
            } else {
                b.gateway(InetAddresses.parse("2001:db8::" + (1 + rnd.nextInt(3))));
            }
        } else {
            b.dst(IpPrefix.parse("10." + net + ".0.0/16"));
            if (rnd.nextInt(5) == 0) b.tos(0x10);
            b.priority(rnd.nextInt(3) == 0 ? 7 : 0);
            if (rnd.nextInt(5) == 0) {
                b.nextHops(List.of(NextHop.via(InetAddresses.parse("192.168.1." + (1 + rnd.nextInt(3)))),
                        NextHop.of(InetAddresses.parse("192.168.1." + (4 + rnd.nextInt(2))), null, 1 + rnd.nextInt(2))));
            } else {
                b.gateway(InetAddresses.parse("192.168.1." + (1 + rnd.nextInt(3))));
            }
        }
        return b.build();
    }

    static Rule rule(Random rnd, int proto, long table) {
        boolean v6 = rnd.nextInt(3) == 0;
        Rule.Builder b = Rule.builder().family(v6 ? Family.INET6 : Family.INET).protocol(RouteProtocol.of(proto))
                .action(RuleAction.lookup(RouteTable.of(table)))
                .from(CidrAddress.parse(v6 ? "2001:db8:" + rnd.nextInt(4) + "::/48" : "10." + rnd.nextInt(4) + ".0.0/16"));
        if (rnd.nextInt(3) == 0) {
            b.fwmark((long) rnd.nextInt(3));
            if (rnd.nextBoolean()) b.fwmask(rnd.nextBoolean() ? 0xFFFF_FFFFL : 0xFFL);
        }
        if (rnd.nextBoolean()) b.priority((long) (100 + rnd.nextInt(50)));
        return b.build();
    }

    /** A random world: ownership, desired state, and a kernel whose state drifted from it. */
    static final class World {
        final Ownership ownership;
        final Reconciler reconciler;
        final DesiredState desired;
        final InMemoryKernel kernel;
        final Wrapped routing;

        World(long seed) throws RoutingException {
            Random rnd = new Random(seed);
            ownership = OWNERSHIPS.get(rnd.nextInt(OWNERSHIPS.size()));
            reconciler = Reconciler.of(ownership);
            List<Long> owned = ownership.tables().isEmpty() ? List.of(100L, 101L, 254L)
                    : ownership.tables().stream().map(RouteTable::id).sorted().toList();
            Map<String, Route> routes = new LinkedHashMap<>();
            for (int i = rnd.nextInt(20); i > 0; i--) {
                Route d = route(rnd, 200, owned.get(rnd.nextInt(owned.size())));
                routes.putIfAbsent(key(d), d);
            }
            List<Rule> rules = new ArrayList<>();
            for (int i = rnd.nextInt(5); i > 0; i--) {
                Rule d = rule(rnd, 200, owned.get(rnd.nextInt(owned.size())));
                if (rules.stream().noneMatch(x -> ruleKey(x).equals(ruleKey(d)))) rules.add(d);
            }
            desired = DesiredState.of(new ArrayList<>(routes.values()), rules);
            kernel = node();
            routing = new Wrapped(kernel);
            if (rnd.nextBoolean()) {
                Report first = reconciler.reconcile(routing, desired); // start from the desired state, then drift
                assertTrue(first.ok(), first::toString);
            }
            drift(rnd, owned);
        }

        /** A rule as the kernel compares it (a mark without a mask is mask 0xffffffff; mark 0 is no mark). */
        static String ruleKey(Rule r) {
            long mark = r.fwmark() == null ? 0 : r.fwmark();
            long mask = r.fwmask() != null ? r.fwmask() : mark != 0 ? 0xFFFF_FFFFL : 0;
            return r.family() + " " + r.priority() + " " + r.from() + " " + mark + "/" + mask + " " + r.action();
        }

        static String key(Route r) {
            long prio = r.family() == Family.INET6 && r.priority() == 0 ? 1024 : r.priority();
            return r.table() + " " + r.dst() + " " + r.tos() + " " + prio;
        }

        private void drift(Random rnd, List<Long> owned) {
            long[] foreignTables = {100, 101, 102, 254};
            int[] foreignProtocols = {3, 4, 201};
            for (int i = rnd.nextInt(12); i >= 0; i--) {
                try {
                    switch (rnd.nextInt(6)) {
                        case 0 -> { // an owned route disappears
                            List<Route> mine = kernel.routes().stream().filter(ownership::owns).toList();
                            if (!mine.isEmpty()) kernel.deleteRoute(mine.get(rnd.nextInt(mine.size())));
                        }
                        case 1 -> { // an owned route changes
                            List<Route> mine = kernel.routes().stream().filter(ownership::owns)
                                    .filter(r -> !r.isMultipath()).toList();
                            if (!mine.isEmpty()) {
                                Route m = mine.get(rnd.nextInt(mine.size()));
                                String gw = m.family() == Family.INET ? "192.168.1.9" : "2001:db8::9";
                                kernel.replaceRoute(m.toBuilder().gateway(InetAddresses.parse(gw)).device(null)
                                        .deviceIndex(0).build());
                            }
                        }
                        case 2 -> kernel.addRoute(route(rnd, 200, owned.get(rnd.nextInt(owned.size())))); // extra owned
                        case 3 -> { // a foreign route, sometimes an IPv4 alias of an owned key
                            Route f = route(rnd, foreignProtocols[rnd.nextInt(3)],
                                    foreignTables[rnd.nextInt(foreignTables.length)]);
                            kernel.modifyRoute(f.family() == Family.INET && rnd.nextBoolean() ? RouteVerb.APPEND
                                    : RouteVerb.ADD, f);
                        }
                        case 4 -> kernel.addRule(rule(rnd, foreignProtocols[rnd.nextInt(3)],
                                foreignTables[rnd.nextInt(foreignTables.length)]));
                        default -> kernel.addRule(rule(rnd, 200, owned.get(rnd.nextInt(owned.size())))); // extra owned
                    }
                } catch (RoutingException e) {
                    // EEXIST and the like: that drift did not happen
                }
            }
        }

        List<String> foreignRoutes() throws RoutingException {
            return kernel.routes().stream().filter(r -> !ownership.owns(r)).map(Route::toString).sorted().toList();
        }

        List<String> foreignRules() throws RoutingException {
            return kernel.rules(null).stream().filter(r -> !ownership.owns(r)).map(Rule::toString).sorted().toList();
        }

        /** Owned routes are exactly the desired ones (but those whose key a foreign route holds); owned rules too. */
        void assertConverged(Plan lastConflicts) throws RoutingException {
            Plan again = reconciler.plan(routing, desired);
            assertTrue(again.isEmpty(), () -> "not converged:\n" + again + this);
            List<Route> mine = kernel.routes().stream().filter(ownership::owns).toList();
            assertEquals(desired.routes().size() - again.conflicts().size(), mine.size(), () -> "owned: " + mine + this);
            for (Route d : desired.routes()) {
                Route s = d.toBuilder().protocol(P).build();
                boolean blocked = again.conflicts().stream().anyMatch(c -> c.startsWith("route \"" + s + "\""));
                long matching = mine.stream().filter(r -> key(r).equals(key(s))).count();
                assertEquals(blocked ? 0 : 1, matching, () -> "desired " + s + this);
            }
            assertEquals(desired.rules().size(), kernel.rules(null).stream().filter(ownership::owns).count(), this::toString);
        }

        @Override
        public String toString() {
            try {
                StringBuilder sb = new StringBuilder("\nownership ").append(ownership).append("\ndesired:\n");
                desired.routes().forEach(r -> sb.append("  ").append(r.toString().replace("\n\t", " ")).append('\n'));
                desired.rules().forEach(r -> sb.append("  ").append(r).append('\n'));
                sb.append("kernel:\n");
                kernel.routes().forEach(r -> sb.append("  ").append(r.toString().replace("\n\t", " ")).append('\n'));
                kernel.rules(null).forEach(r -> sb.append("  ").append(r).append('\n'));
                return sb.toString();
            } catch (RoutingException e) {
                return e.toString();
            }
        }
    }

    @Provide
    Arbitrary<Errno> errnos() {
        return Arbitraries.of(ERRNOS);
    }

    @Property(tries = 300)
    void reconcilingTwiceTheSecondPlanIsEmptyAndForeignStateIsUntouched(@ForAll long seed) throws Exception {
        World w = new World(seed);
        List<String> foreignRoutes = w.foreignRoutes();
        List<String> foreignRules = w.foreignRules();
        Report first = w.reconciler.reconcile(w.routing, w.desired);
        assertTrue(first.ok(), () -> first + w.toString());
        Plan second = w.reconciler.plan(w.routing, w.desired);
        assertTrue(second.isEmpty(), () -> "second plan:\n" + second + "first:\n" + first.plan() + w);
        w.assertConverged(second);
        assertEquals(foreignRoutes, w.foreignRoutes());
        assertEquals(foreignRules, w.foreignRules());
    }

    /** The sample that found the mark-0 rule delete reaching a kept rule of the same priority (RuleDeleteSelectorTest). */
    @Example
    void theMarkZeroDeleteSampleConverges() throws Exception {
        reconcilingTwiceTheSecondPlanIsEmptyAndForeignStateIsUntouched(-47013L);
    }

    @Property(tries = 300)
    void afterAFailureAtAnyChangeARerunConverges(@ForAll long seed, @ForAll @IntRange(min = 0, max = 10_000) int pick,
            @ForAll("errnos") Errno errno) throws Exception {
        World w = new World(seed);
        List<String> foreignRoutes = w.foreignRoutes();
        List<String> foreignRules = w.foreignRules();
        Plan plan = w.reconciler.plan(w.routing, w.desired);
        Statistics.label("plan").collect(plan.isEmpty() ? "empty" : plan.changes().size() < 5 ? "1-4 changes" : "5+ changes");
        Statistics.label("conflicts").collect(plan.conflicts().isEmpty() ? "none" : "some");
        if (!plan.isEmpty()) {
            int at = pick % plan.changes().size();
            w.routing.failChange(at, errno);
            Report failed = w.reconciler.reconcile(w.routing, w.desired);
            assertEquals(plan.changes(), failed.plan().changes(), "the plan changed without a change in between");
            List<ChangeResult> failures = failed.failures();
            assertEquals(1, failures.size(), () -> failed + w.toString());
            assertSame(failed.results().get(at), failures.get(0), "the failure is reported at its change");
            assertEquals(errno, failures.get(0).error().errno());
            assertEquals("injected", failures.get(0).error().extack());
        }
        Report rerun = w.reconciler.reconcile(w.routing, w.desired);
        assertTrue(rerun.ok(), () -> rerun + w.toString());
        w.assertConverged(rerun.plan());
        assertEquals(foreignRoutes, w.foreignRoutes());
        assertEquals(foreignRules, w.foreignRules());
    }

    @Property(tries = 100)
    void aPassWhoseReadFailsChangesNothingAndARerunConverges(@ForAll long seed, @ForAll boolean routesOrRules)
            throws Exception {
        World w = new World(seed);
        List<String> before = new ArrayList<>(w.foreignRoutes());
        before.addAll(w.kernel.routes().stream().filter(w.ownership::owns).map(Route::toString).toList());
        w.kernel.inject(routesOrRules ? InjectedFailure.dumpOverflow()
                : InjectedFailure.errno("RTM_GETRULE", Errno.ENOBUFS, null));
        RoutingException e = assertThrows(RoutingException.class, () -> w.reconciler.reconcile(w.routing, w.desired));
        assertEquals(Errno.ENOBUFS, e.errno());
        List<String> after = new ArrayList<>(w.foreignRoutes());
        after.addAll(w.kernel.routes().stream().filter(w.ownership::owns).map(Route::toString).toList());
        assertEquals(before, after, "a pass that could not read the state changed it");
        Report rerun = w.reconciler.reconcile(w.routing, w.desired);
        assertTrue(rerun.ok(), rerun::toString);
        w.assertConverged(rerun.plan());
    }

    /** Keeps the unused-import checker of some IDEs quiet about Routing (the wrapper's type). */
    static Routing routing(World w) {
        return w.routing;
    }
}
