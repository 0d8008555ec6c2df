package io.github.netroute.routing.reconcile;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the pure planner over random actual states mixing owned and foreign routes and rules (IPv4 and IPv6,
 * colliding keys, aliases, multipath): the plan never names anything foreign, reports a conflict exactly when a
 * foreign entry holds a desired key, and applying it (to a small model of the kernel's add/replace/delete semantics)
 * gives exactly the desired owned state, after which the plan is empty.
 */
class ReconcilerProperties {
    static final RouteProtocol P = RouteProtocol.of(200);
    static final List<Ownership> OWNERSHIPS = List.of(Ownership.of(P, Set.of(RouteTable.of(100), RouteTable.of(101))),
            Ownership.protocol(P), Ownership.tables(Set.of(RouteTable.of(100))));

    record Scenario(Ownership ownership, DesiredState desired, List<Route> routes, List<Rule> rules) {
        @Override
        public String toString() {
            return "ownership " + ownership + "\ndesired routes:\n" + join(desired.routes()) + "desired rules:\n"
                    + join(desired.rules()) + "actual routes:\n" + join(routes) + "actual rules:\n" + join(rules);
        }
    }

    static String join(List<?> l) {
        StringBuilder sb = new StringBuilder();
        for (Object o : l) sb.append("  ").append(o.toString().replace("\n\t", " ")).append('\n');
        return sb.toString();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(ReconcilerProperties::scenario);
    }

    static final long[] TABLES = {100, 101, 102, 254};
    static final int[] PROTOCOLS = {200, 200, 200, 3, 4, 201};

    static Route randomRoute(Random rnd, int proto, long table) {
        boolean v6 = rnd.nextInt(3) == 0;
        int net = rnd.nextInt(6);
        Route.Builder b = Route.builder().table(table).protocol(RouteProtocol.of(proto));
        if (v6) {
            b.dst(IpPrefix.parse("2001:db8:" + net + "::/48"));
            if (rnd.nextInt(4) == 0) b.src(IpPrefix.parse("2001:db8:ff" + rnd.nextInt(2) + "::/48"));
            int m = rnd.nextInt(3);
            b.priority(m == 0 ? 0 : m == 1 ? 1024 : 50);
            if (rnd.nextInt(5) == 0) {
                b.nextHops(List.of(NextHop.via(ip("2001:db8::" + (1 + rnd.nextInt(3)))),
                        NextHop.of(ip("2001:db8::" + (4 + rnd.nextInt(2))), null, 1 + rnd.nextInt(2))));
            } else {
                b.gateway(ip("2001:db8::" + (1 + rnd.nextInt(3))));
            }
        } else {
            b.dst(IpPrefix.parse("10." + net + ".0.0/16"));
            if (rnd.nextInt(5) == 0) b.tos(0x10);
            b.priority(rnd.nextInt(3) == 0 ? 7 : 0);
            if (rnd.nextInt(5) == 0) {
                b.nextHops(List.of(NextHop.via(ip("192.168.1." + (1 + rnd.nextInt(3)))),
                        NextHop.of(ip("192.168.1." + (4 + rnd.nextInt(2))), null, 1 + rnd.nextInt(2))));
            } else {
                b.gateway(ip("192.168.1." + (1 + rnd.nextInt(3))));
            }
        }
        return b.build();
    }

    static Rule randomRule(Random rnd, int proto, long table) {
        boolean v6 = rnd.nextInt(3) == 0;
        Rule.Builder b = Rule.builder().family(v6 ? Family.INET6 : Family.INET).protocol(RouteProtocol.of(proto))
                .action(RuleAction.lookup(RouteTable.of(table)));
        b.from(CidrAddress.parse(v6 ? "2001:db8:" + rnd.nextInt(3) + "::/48" : "10." + rnd.nextInt(3) + ".0.0/16"));
        if (rnd.nextInt(3) == 0) {
            b.fwmark((long) rnd.nextInt(3));
            if (rnd.nextBoolean()) b.fwmask(rnd.nextBoolean() ? 0xFFFF_FFFFL : 0xFFL);
        }
        if (rnd.nextBoolean()) b.priority((long) (100 + rnd.nextInt(4)));
        return b.build();
    }

    static Scenario scenario(Random rnd) {
        Ownership own = OWNERSHIPS.get(rnd.nextInt(OWNERSHIPS.size()));
        List<Route> routes = new ArrayList<>();
        int n = rnd.nextInt(25);
        for (int i = 0; i < n; i++) {
            routes.add(asReported(randomRoute(rnd, PROTOCOLS[rnd.nextInt(PROTOCOLS.length)], TABLES[rnd.nextInt(TABLES.length)])));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = rnd.nextInt(8); i > 0; i--) {
            Rule r = randomRule(rnd, PROTOCOLS[rnd.nextInt(PROTOCOLS.length)], TABLES[rnd.nextInt(TABLES.length)]);
            rules.add(r.priority() != null ? r : r.toBuilder().priority(1000L + i).build());
        }
        // desired: owned tables only, unique keys, unique rules
        List<Long> ownedTables = own.tables().isEmpty() ? List.of(100L, 101L, 254L)
                : own.tables().stream().map(RouteTable::id).toList();
        Map<Reconciler.Key, Route> desired = new LinkedHashMap<>();
        for (int i = rnd.nextInt(15); i > 0; i--) {
            Route d = randomRoute(rnd, 200, ownedTables.get(rnd.nextInt(ownedTables.size())));
            desired.putIfAbsent(new Reconciler.Key(d), d);
        }
        List<Rule> desiredRules = new ArrayList<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
            Rule d = randomRule(rnd, 200, ownedTables.get(rnd.nextInt(ownedTables.size())));
            if (desiredRules.stream().noneMatch(x -> Reconciler.sameRule(x, d) && Reconciler.sameRule(d, x))) {
                desiredRules.add(d);
            }
        }
        return new Scenario(own, DesiredState.of(new ArrayList<>(desired.values()), desiredRules), routes, rules);
    }

    static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    /** What the kernel reports for a route it stored: IPv6 metric 0 as 1024, pref medium, a device. */
    static Route asReported(Route r) {
        Route.Builder b = r.toBuilder();
        if (r.family() == Family.INET6) {
            b.preference(RoutePreference.MEDIUM);
            if (r.priority() == 0) b.priority(1024);
        }
        if (!r.isMultipath()) {
            b.device("eth0").deviceIndex(2);
        } else {
            List<NextHop> hops = new ArrayList<>();
            for (NextHop h : r.nextHops()) hops.add(h.withDevice("eth0", 2));
            b.nextHops(hops);
        }
        return b.build();
    }

    /** The kernel's handling of the plan's changes, for routes and rules (enough for these states). */
    static void applyToModel(Plan plan, List<Route> routes, List<Rule> rules) {
        for (Change c : plan.changes()) {
            if (c instanceof Change.RouteChange rc) {
                Reconciler.Key k = new Reconciler.Key(rc.route());
                int at = -1;
                for (int i = 0; i < routes.size() && at < 0; i++) {
                    if (new Reconciler.Key(routes.get(i)).equals(k)) at = i;
                }
                if (rc.verb() == RouteVerb.ADD) {
                    assertEquals(-1, at, "the plan adds a key that exists: " + c);
                    routes.add(asReported(rc.route()));
                } else {
                    assertEquals(RouteVerb.REPLACE, rc.verb());
                    assertTrue(at >= 0, "the plan replaces a key that does not exist: " + c);
                    routes.set(at, asReported(rc.route()));
                }
            } else if (c instanceof Change.RouteDelete rd) {
                assertTrue(removeSame(routes, rd.route()), "the plan deletes a route that is not there: " + c);
            } else if (c instanceof Change.RuleAdd ra) {
                Rule r = ra.rule();
                rules.add(r.priority() != null ? r : r.toBuilder().priority(5000L + rules.size()).build());
            } else if (c instanceof Change.RuleDelete rd) {
                assertTrue(removeSame(rules, rd.rule()), "the plan deletes a rule that is not there: " + c);
            } else {
                fail("unexpected change " + c);
            }
        }
    }

    static <T> boolean removeSame(List<T> l, T x) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) == x) {
                l.remove(i);
                return true;
            }
        }
        return false;
    }

    @Property(tries = 2000)
    void thePlanNeverNamesAnythingNotOwned(@ForAll("scenarios") Scenario s) {
        Reconciler rec = Reconciler.of(s.ownership());
        Plan plan = rec.plan(s.desired(), s.routes(), s.rules());
        Map<Object, Boolean> actual = new IdentityHashMap<>();
        s.routes().forEach(r -> actual.put(r, true));
        s.rules().forEach(r -> actual.put(r, true));
        for (Change c : plan.changes()) {
            if (c instanceof Change.RouteDelete rd) {
                assertTrue(actual.containsKey(rd.route()), "deletes something that is not an actual entry: " + c);
                assertTrue(s.ownership().owns(rd.route()), "deletes a foreign route: " + c + "\n" + s);
            } else if (c instanceof Change.RuleDelete rd) {
                assertTrue(actual.containsKey(rd.rule()), c::toString);
                assertTrue(s.ownership().owns(rd.rule()), "deletes a foreign rule: " + c + "\n" + s);
            } else if (c instanceof Change.RouteChange rc) {
                assertTrue(s.ownership().owns(rc.route()), c::toString);
                // a replace hits the first entry with the key: it must be owned
                Reconciler.Key k = new Reconciler.Key(rc.route());
                for (Route a : s.routes()) {
                    if (new Reconciler.Key(a).equals(k)) {
                        assertNotEquals(RouteVerb.ADD, rc.verb(), "adds over an existing key: " + c + "\n" + s);
                        assertTrue(s.ownership().owns(a), "replaces over a foreign route " + a + ": " + c + "\n" + s);
                        break;
                    }
                }
            } else if (c instanceof Change.RuleAdd ra) {
                assertTrue(s.ownership().owns(ra.rule()), c::toString);
            }
        }
    }

    @Property(tries = 2000)
    void aConflictIsReportedExactlyWhenAForeignEntryHoldsADesiredKeyWithoutAnOwnedMatch(@ForAll("scenarios") Scenario s) {
        Reconciler rec = Reconciler.of(s.ownership());
        Plan plan = rec.plan(s.desired(), s.routes(), s.rules());
        int expected = 0;
        for (Route d0 : s.desired().routes()) {
            Route d = d0.toBuilder().protocol(P).build();
            Reconciler.Key k = new Reconciler.Key(d);
            boolean foreign = false;
            boolean matched = false;
            for (Route a : s.routes()) {
                if (!new Reconciler.Key(a).equals(k)) continue;
                if (!s.ownership().owns(a)) foreign = true;
                else if (Reconciler.sameRoute(d, a)) matched = true;
            }
            if (foreign && !matched) {
                expected++;
                assertTrue(plan.changes().stream().noneMatch(c -> c instanceof Change.RouteChange rc
                        && new Reconciler.Key(rc.route()).equals(k)), "touches a conflicting key: " + plan + s);
            }
        }
        assertEquals(expected, plan.conflicts().size(), plan + "\n" + s);
    }

    @Property(tries = 2000)
    void applyingThePlanGivesTheDesiredOwnedStateLeavesTheRestAndTheNextPlanIsEmpty(@ForAll("scenarios") Scenario s) {
        Reconciler rec = Reconciler.of(s.ownership());
        Plan plan = rec.plan(s.desired(), s.routes(), s.rules());
        List<Route> routes = new ArrayList<>(s.routes());
        List<Rule> rules = new ArrayList<>(s.rules());
        applyToModel(plan, routes, rules);
        // foreign entries: the same, in the same order
        assertEquals(s.routes().stream().filter(r -> !s.ownership().owns(r)).toList(),
                routes.stream().filter(r -> !s.ownership().owns(r)).toList());
        assertEquals(s.rules().stream().filter(r -> !s.ownership().owns(r)).toList(),
                rules.stream().filter(r -> !s.ownership().owns(r)).toList());
        // owned routes: one per desired key without conflict, equal to the desired route
        List<Route> owned = routes.stream().filter(r -> s.ownership().owns(r)).toList();
        int unblocked = s.desired().routes().size() - plan.conflicts().size();
        assertEquals(unblocked, owned.size(), "owned after apply:\n" + join(owned) + s);
        for (Route o : owned) {
            assertTrue(s.desired().routes().stream().anyMatch(d -> Reconciler.sameRoute(d.toBuilder().protocol(P).build(), o)
                    && new Reconciler.Key(d).equals(new Reconciler.Key(o))), "not desired: " + o + "\n" + s);
        }
        assertEquals(s.desired().rules().size(), rules.stream().filter(r -> s.ownership().owns(r)).count());
        // idempotent: nothing left to do, the same conflicts
        Plan again = rec.plan(s.desired(), routes, rules);
        assertTrue(again.isEmpty(), "second plan:\n" + again + "first plan:\n" + plan + s);
        assertEquals(plan.conflicts().size(), again.conflicts().size());
    }

    @Property(tries = 1000)
    void thePlanIsMinimalEveryChangeIsNeeded(@ForAll("scenarios") Scenario s) {
        Reconciler rec = Reconciler.of(s.ownership());
        Plan plan = rec.plan(s.desired(), s.routes(), s.rules());
        // dropping any single change leaves the state unconverged
        for (int skip = 0; skip < plan.changes().size(); skip++) {
            List<Change> fewer = new ArrayList<>(plan.changes());
            fewer.remove(skip);
            List<Route> routes = new ArrayList<>(s.routes());
            List<Rule> rules = new ArrayList<>(s.rules());
            applyToModel(new Plan(fewer, List.of()), routes, rules);
            assertFalse(rec.plan(s.desired(), routes, rules).isEmpty(),
                    "change " + plan.changes().get(skip) + " was not needed\n" + plan + s);
        }
        // at most one change per desired route and per desired rule, plus deletes of owned entries
        long ownedEntries = s.routes().stream().filter(s.ownership()::owns).count()
                + s.rules().stream().filter(s.ownership()::owns).count();
        assertTrue(plan.changes().size() <= s.desired().routes().size() + s.desired().rules().size() + ownedEntries);
    }
}
