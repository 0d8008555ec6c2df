package io.github.netroute.routing.reconcile;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plan minimality on crafted actual states: exactly the adds, replaces and deletes needed, for IPv4 and IPv6 route keys
 * (tos, metric, IPv6 source prefix, IPv6 metric 0 = 1024), multipath routes, rules with and without a priority, and
 * fwmark masks read the way the kernel reads them; nothing outside the ownership ever appears in a plan.
 */
class PlanTest {
    static final RouteProtocol P = RouteProtocol.of(200);
    static final Reconciler REC = Reconciler.of(Ownership.of(P, Set.of(RouteTable.of(100), RouteTable.of(101))));

    /** A route as written by the caller. */
    static Route want(String s) {
        return Route.parse(s);
    }

    /** A route as the kernel would report it (text as ip route show prints it; device index filled in). */
    static Route kernel(String s) {
        Route r = Route.parse(s);
        return r.device() != null ? r.withDevice(r.device(), 2) : r;
    }

    static List<String> lines(Plan p) {
        List<String> out = new ArrayList<>();
        for (String l : p.toString().split("\n")) {
            if (!l.isEmpty()) out.add(l);
        }
        return out;
    }

    static Plan plan(List<Route> desired, List<Route> actual) {
        return REC.plan(DesiredState.routes(desired), actual, List.of());
    }

    @Test
    void anEmptyNamespaceGetsEveryDesiredRouteAddedInOrderStampedWithTheProtocol() {
        Plan p = plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100"), want("10.2.0.0/16 via 192.168.1.1 table 101"),
                want("2001:db8:1::/48 via 2001:db8::1 table 100")), List.of());
        assertEquals(List.of(
                "+ route add 10.1.0.0/16 via 192.168.1.1 table 100 proto 200",
                "+ route add 10.2.0.0/16 via 192.168.1.1 table 101 proto 200",
                "+ route add 2001:db8:1::/48 via 2001:db8::1 table 100 proto 200 metric 0"), lines(p));
        for (Change c : p.changes()) {
            assertEquals(P, ((Change.RouteChange) c).route().protocol());
        }
    }

    @Test
    void whatTheKernelFillsInDoesNotMakeADifference() {
        // device and its index, IPv6 metric 1024 for 0, pref medium, the kernel's linkdown/dead flags
        List<Route> desired = List.of(want("10.1.0.0/16 via 192.168.1.1 table 100"),
                want("2001:db8:1::/48 via 2001:db8::1 table 100"),
                want("2001:db8:2::/48 via 2001:db8::1 table 100 metric 1024"),
                want("10.3.0.0/16 via 192.168.1.1 table 100 metric 5"));
        List<Route> actual = List.of(kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"),
                kernel("2001:db8:1::/48 via 2001:db8::1 dev eth0 table 100 proto 200 metric 1024 pref medium"),
                kernel("2001:db8:2::/48 via 2001:db8::1 dev eth0 table 100 proto 200 metric 1024 pref medium"),
                kernel("10.3.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200 metric 5 linkdown"));
        Plan p = plan(desired, actual);
        assertTrue(p.isEmpty(), p::toString);
        assertEquals(List.of(), p.conflicts());
    }

    @Test
    void aChangedRouteIsReplacedAStaleOneDeletedAndForeignOnesLeftAlone() {
        List<Route> desired = List.of(want("10.1.0.0/16 via 192.168.1.9 table 100"),
                want("10.2.0.0/16 via 192.168.1.1 table 100"));
        List<Route> actual = List.of(
                kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"),    // other gateway: replace
                kernel("10.2.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"),    // as desired: keep
                kernel("10.3.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"),    // not desired: delete
                kernel("10.4.0.0/16 via 192.168.1.1 dev eth0 table 100 proto boot"),   // foreign protocol
                kernel("10.5.0.0/16 via 192.168.1.1 dev eth0 table 102 proto 200"),    // foreign table
                kernel("10.6.0.0/16 via 192.168.1.1 dev eth0 proto 200"));             // main: foreign
        assertEquals(List.of(
                "~ route replace 10.1.0.0/16 via 192.168.1.9 table 100 proto 200",
                "- route del 10.3.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"), lines(plan(desired, actual)));
    }

    @Test
    void everyAttributeTheCallerSetsCounts() {
        String[][] pairs = {
            {"10.1.0.0/16 via 192.168.1.1 table 100 src 192.168.1.2", "10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"},
            {"10.1.0.0/16 via 192.168.1.1 dev eth1 table 100", "10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"},
            {"10.1.0.0/16 via 192.168.1.1 table 100 mtu 1400", "10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"},
            {"unreachable 10.1.0.0/16 table 100", "10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"},
            {"10.1.0.0/16 via 192.168.1.1 table 100 realm 7", "10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"},
            {"10.1.0.0/16 dev eth0 table 100 scope global", "10.1.0.0/16 dev eth0 table 100 proto 200 scope link"},
            {"10.1.0.0/16 via 192.168.1.1 dev eth0 onlink table 100", "10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"},
            {"2001:db8:1::/48 via 2001:db8::1 table 100 pref high", "2001:db8:1::/48 via 2001:db8::1 dev eth0 table 100 proto 200 metric 1024 pref medium"},
        };
        for (String[] pair : pairs) {
            Plan p = plan(List.of(want(pair[0])), List.of(kernel(pair[1])));
            assertEquals(1, p.changes().size(), pair[0] + " vs " + pair[1] + ": " + p);
            Change.RouteChange c = assertInstanceOf(Change.RouteChange.class, p.changes().get(0));
            assertEquals(RouteVerb.REPLACE, c.verb(), pair[0]);
        }
    }

    @Test
    void ipv4KeysAreTableDstTosAndMetric() {
        Route a = kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200");
        // same dst, another tos / metric / table: other keys, so an add and a delete (not a replace)
        for (String other : List.of("10.1.0.0/16 tos 0x10 via 192.168.1.1 table 100",
                "10.1.0.0/16 via 192.168.1.1 table 100 metric 7", "10.1.0.0/16 via 192.168.1.1 table 101",
                "10.1.0.0/24 via 192.168.1.1 table 100")) {
            Plan p = plan(List.of(want(other)), List.of(a));
            assertEquals(2, p.changes().size(), other + ": " + p);
            assertEquals(RouteVerb.ADD, ((Change.RouteChange) p.changes().get(0)).verb(), other);
            assertEquals(a, ((Change.RouteDelete) p.changes().get(1)).route(), other);
        }
    }

    @Test
    void ipv6KeysAreTableDstFromAndMetricWithZeroMeaning1024() {
        Route a = kernel("2001:db8:1::/48 from 2001:db8:9::/48 via 2001:db8::1 dev eth0 table 100 proto 200 metric 1024 pref medium");
        // metric 0 and 1024 are the same key; the same everything is no change
        assertTrue(plan(List.of(want("2001:db8:1::/48 from 2001:db8:9::/48 via 2001:db8::1 table 100")), List.of(a)).isEmpty());
        assertTrue(plan(List.of(want("2001:db8:1::/48 from 2001:db8:9::/48 via 2001:db8::1 table 100 metric 1024")),
                List.of(a)).isEmpty());
        // another gateway on the same key: a replace
        Plan gw = plan(List.of(want("2001:db8:1::/48 from 2001:db8:9::/48 via 2001:db8::2 table 100")), List.of(a));
        assertEquals(List.of("~ route replace 2001:db8:1::/48 from 2001:db8:9::/48 via 2001:db8::2 table 100 proto 200 metric 0"),
                lines(gw));
        // another source prefix, no source prefix, or metric 1025: another key
        for (String other : List.of("2001:db8:1::/48 from 2001:db8:8::/48 via 2001:db8::1 table 100",
                "2001:db8:1::/48 via 2001:db8::1 table 100",
                "2001:db8:1::/48 from 2001:db8:9::/48 via 2001:db8::1 table 100 metric 1025")) {
            Plan p = plan(List.of(want(other)), List.of(a));
            assertEquals(2, p.changes().size(), other + ": " + p);
            assertEquals(RouteVerb.ADD, ((Change.RouteChange) p.changes().get(0)).verb(), other);
        }
        // two desired IPv6 routes with metric 0 and 1024 are the same key: refused
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(List.of(
                want("2001:db8:1::/48 via 2001:db8::1 table 100"),
                want("2001:db8:1::/48 via 2001:db8::2 table 100 metric 1024")), List.of()));
        assertTrue(e.getMessage().contains("share the key"), e.getMessage());
        // ... while for IPv4, metric 0 and 1024 are two keys
        assertEquals(2, plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100"),
                want("10.1.0.0/16 via 192.168.1.2 table 100 metric 1024")), List.of()).changes().size());
    }

    @Test
    void multipathHopsAreComparedAsASetWithWeights() {
        Route v4 = kernel("10.1.0.0/16 table 100 proto 200 nexthop via 192.168.1.1 dev eth0 weight 1 nexthop via 192.168.1.3 dev eth0 weight 2");
        assertTrue(plan(List.of(want("10.1.0.0/16 table 100 nexthop via 192.168.1.1 weight 1 nexthop via 192.168.1.3 weight 2")),
                List.of(v4)).isEmpty());
        Route v6 = kernel("2001:db8:1::/48 table 100 proto 200 metric 1024 nexthop via 2001:db8::1 dev eth0 weight 1 nexthop via 2001:db8::3 dev eth0 weight 1");
        // the same hops in another order: nothing to do
        assertTrue(plan(List.of(want("2001:db8:1::/48 table 100 nexthop via 2001:db8::3 nexthop via 2001:db8::1")),
                List.of(v6)).isEmpty());
        // another weight, a hop more, a hop less, a single path instead: replace
        for (String other : List.of(
                "2001:db8:1::/48 table 100 nexthop via 2001:db8::3 weight 3 nexthop via 2001:db8::1",
                "2001:db8:1::/48 table 100 nexthop via 2001:db8::3 nexthop via 2001:db8::1 nexthop via 2001:db8::4",
                "2001:db8:1::/48 table 100 nexthop via 2001:db8::3",
                "2001:db8:1::/48 via 2001:db8::3 table 100")) {
            Plan p = plan(List.of(want(other)), List.of(v6));
            assertEquals(1, p.changes().size(), other + ": " + p);
            assertEquals(RouteVerb.REPLACE, ((Change.RouteChange) p.changes().get(0)).verb(), other);
        }
        // a duplicated hop is not the same as two hops
        assertFalse(Reconciler.sameRoute(
                want("10.1.0.0/16 table 100 proto 200 nexthop via 192.168.1.1 nexthop via 192.168.1.1"),
                want("10.1.0.0/16 table 100 proto 200 nexthop via 192.168.1.1 nexthop via 192.168.1.3")));
    }

    @Test
    void aDesiredKeyHeldByAForeignRouteIsAConflictAndNotTouched() {
        Route foreign = kernel("10.1.0.0/16 via 192.168.1.5 dev eth0 table 100 proto static");
        Route stale = kernel("10.1.0.0/16 via 192.168.1.6 dev eth0 table 100 proto 200");  // appended, owned
        Plan p = plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100")), List.of(foreign, stale));
        assertEquals(1, p.conflicts().size(), p::toString);
        assertTrue(p.conflicts().get(0).contains("held by a route not owned"), p.conflicts().get(0));
        assertTrue(p.conflicts().get(0).contains("proto static"), p.conflicts().get(0));
        // no replace (it would hit the foreign entry first); the stale owned alias goes
        assertEquals(List.of("- route del 10.1.0.0/16 via 192.168.1.6 dev eth0 table 100 proto 200",
                "! " + p.conflicts().get(0)), lines(p));
        // an owned entry that matches wins over the foreign one sharing the key: no conflict
        Route good = kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200");
        Plan q = plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100")), List.of(foreign, good));
        assertTrue(q.isEmpty(), q::toString);
        assertEquals(List.of(), q.conflicts());
    }

    @Test
    void ownedAliasesOfOneKeyKeepTheMatchingOneOrReplaceTheFirst() {
        Route a1 = kernel("10.1.0.0/16 via 192.168.1.5 dev eth0 table 100 proto 200");
        Route a2 = kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200");
        Route a3 = kernel("10.1.0.0/16 via 192.168.1.7 dev eth0 table 100 proto 200");
        assertEquals(List.of("- route del 10.1.0.0/16 via 192.168.1.5 dev eth0 table 100 proto 200",
                "- route del 10.1.0.0/16 via 192.168.1.7 dev eth0 table 100 proto 200"),
                lines(plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100")), List.of(a1, a2, a3))));
        assertEquals(List.of("~ route replace 10.1.0.0/16 via 192.168.1.9 table 100 proto 200",
                "- route del 10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200",
                "- route del 10.1.0.0/16 via 192.168.1.7 dev eth0 table 100 proto 200"),
                lines(plan(List.of(want("10.1.0.0/16 via 192.168.1.9 table 100")), List.of(a1, a2, a3))));
    }

    @Test
    void addsAndReplacesComeBeforeDeletes() {
        List<Route> actual = List.of(kernel("10.9.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200"),
                kernel("10.1.0.0/16 via 192.168.1.2 dev eth0 table 100 proto 200"));
        Plan p = REC.plan(DesiredState.of(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100"),
                want("10.2.0.0/16 via 192.168.1.1 table 100")), List.of(Rule.parse("from 10.2.0.0/16 table 100"))),
                actual, List.of(Rule.parse("5: from 10.3.0.0/16 lookup 100 proto 200")));
        assertEquals(List.of("~ route replace 10.1.0.0/16 via 192.168.1.1 table 100 proto 200",
                "+ route add 10.2.0.0/16 via 192.168.1.1 table 100 proto 200",
                "+ rule add from 10.2.0.0/16 lookup 100 proto 200",
                "- route del 10.9.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200",
                "- rule del 5:\tfrom 10.3.0.0/16 lookup 100 proto 200"), lines(p));
    }

    // ---- rules

    static Plan rules(List<Rule> desired, List<Rule> actual) {
        return REC.plan(DesiredState.of(List.of(), desired), List.of(), actual);
    }

    static final List<Rule> DEFAULTS = List.of(Rule.parse("0:\tfrom all lookup local proto kernel"),
            Rule.parse("32766:\tfrom all lookup main proto kernel"), Rule.parse("32767:\tfrom all lookup default proto kernel"));

    static List<Rule> withDefaults(Rule... rs) {
        List<Rule> out = new ArrayList<>(DEFAULTS);
        out.addAll(List.of(rs));
        return out;
    }

    @Test
    void aRuleWithoutPriorityMatchesAnyPriorityOneWithAPriorityOnlyItsOwn() {
        Rule actual = Rule.parse("32765:\tfrom 10.0.0.0/8 lookup 100 proto 200");
        assertTrue(rules(List.of(Rule.parse("from 10.0.0.0/8 table 100")), withDefaults(actual)).isEmpty());
        assertTrue(rules(List.of(Rule.parse("from 10.0.0.0/8 table 100 pref 32765")), withDefaults(actual)).isEmpty());
        assertEquals(List.of("+ rule add 100:\tfrom 10.0.0.0/8 lookup 100 proto 200",
                "- rule del 32765:\tfrom 10.0.0.0/8 lookup 100 proto 200"),
                lines(rules(List.of(Rule.parse("from 10.0.0.0/8 table 100 pref 100")), withDefaults(actual))));
        // another selector or action: add and delete
        assertEquals(2, rules(List.of(Rule.parse("from 10.0.0.0/16 table 100")), withDefaults(actual)).changes().size());
        assertEquals(2, rules(List.of(Rule.parse("from 10.0.0.0/8 table 101")), withDefaults(actual)).changes().size());
        assertEquals(2, rules(List.of(Rule.parse("not from 10.0.0.0/8 table 100")), withDefaults(actual)).changes().size());
        assertEquals(2, rules(List.of(Rule.parse("from 10.0.0.0/8 iif eth0 table 100")), withDefaults(actual)).changes().size());
    }

    @Test
    void aPrioritisedRuleIsMatchedBeforeOneWithoutSoNeitherStealsTheOthersEntry() {
        List<Rule> actual = withDefaults(Rule.parse("100:\tfrom 10.0.0.0/8 lookup 100 proto 200"),
                Rule.parse("200:\tfrom 10.0.0.0/8 lookup 100 proto 200"));
        // given in this order, a greedy match would give 100 to the rule without priority and delete/re-add 200's
        Plan p = rules(List.of(Rule.parse("from 10.0.0.0/8 table 100"), Rule.parse("from 10.0.0.0/8 table 100 pref 100")),
                actual);
        assertTrue(p.isEmpty(), p::toString);
    }

    @Test
    void fwmarkMasksAreReadAsTheKernelReadsThem() {
        // the kernel reports mark 0x10 with mask 0xffffffff (the decoder drops that mask): all the same
        Rule actual = Rule.parse("10:\tfrom all fwmark 0x10 lookup 100 proto 200");
        for (String d : List.of("fwmark 0x10 table 100 pref 10", "fwmark 0x10/0xffffffff table 100 pref 10")) {
            assertTrue(rules(List.of(Rule.parse(d)), withDefaults(actual)).isEmpty(), d);
            assertTrue(rules(List.of(Rule.parse(d)), withDefaults(Rule.parse(
                    "10:\tfrom all fwmark 0x10/0xffffffff lookup 100 proto 200"))).isEmpty(), d);
        }
        // another mask is another rule
        assertEquals(2, rules(List.of(Rule.parse("fwmark 0x10/0xff table 100 pref 10")), withDefaults(actual))
                .changes().size());
        // mark 0 without a mask is no mark at all
        Rule noMark = Rule.parse("11:\tfrom 10.0.0.0/8 lookup 100 proto 200");
        assertTrue(rules(List.of(Rule.builder().from(noMark.from()).fwmark(0L).action(RuleAction.lookup(RouteTable.of(100)))
                .priority(11L).build()), withDefaults(noMark)).isEmpty());
        assertEquals(0, Reconciler.mask(Rule.parse("from all fwmark 0 lookup 100")));
        assertEquals(0xFFFF_FFFFL, Reconciler.mask(Rule.parse("from all fwmark 0x1 lookup 100")));
        assertEquals(0xF0L, Reconciler.mask(Rule.parse("from all fwmark 0x10/0xf0 lookup 100")));
    }

    /**
     * The kernel deletes a rule by selector and removes the first rule its list has that matches, and a mark of 0
     * matches any mark: {@code ip rule del pref 103 from 10.2.0.0/16 fwmark 0/0xffffffff lookup 100 proto 200}
     * removes an earlier {@code 103: ... fwmark 0x2 ...} (seen on Linux 6.18 and in fib_rules.c rule_find). The kept
     * rule that comes first goes too, and comes back after the deletes: one pass converges.
     */
    @Test
    void aMarkZeroRuleBehindAKeptRuleItsSelectorAlsoMatchesIsDeletedWithoutLosingTheKeptOne() {
        Rule kept = Rule.parse("103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200");
        Rule markZero = Rule.builder().priority(103L).from(kept.from()).fwmark(0L).fwmask(0xFFFF_FFFFL)
                .action(RuleAction.lookup(RouteTable.of(100))).protocol(P).build();
        assertEquals("103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200", markZero.toString());
        assertTrue(Reconciler.deleteSelects(markZero, kept), "mark 0 with a mask selects any mark under that mask");
        assertFalse(Reconciler.deleteSelects(kept, markZero));
        List<Rule> desired = List.of(Rule.parse("from 10.2.0.0/16 fwmark 0x2 table 100"));
        assertEquals(List.of("- rule del 103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200",
                "- rule del 103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200",
                "+ rule add from 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200"),
                lines(rules(desired, withDefaults(kept, markZero))));
        // listed the other way round, the mark-0 rule is the first match of its own selector: just delete it
        assertEquals(List.of("- rule del 103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200"),
                lines(rules(desired, withDefaults(markZero, kept))));
        // a desired rule with the priority comes back with it
        assertEquals(List.of("- rule del 103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200",
                "- rule del 103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200",
                "+ rule add 103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200"),
                lines(rules(List.of(Rule.parse("pref 103 from 10.2.0.0/16 fwmark 0x2 table 100")),
                        withDefaults(kept, markZero))));
        // another priority, mark or mask under the selector is not reached
        assertEquals(1, rules(List.of(Rule.parse("from 10.2.0.0/16 fwmark 0x2/0xff table 100")), withDefaults(
                Rule.parse("103:\tfrom 10.2.0.0/16 fwmark 0x2/0xff lookup 100 proto 200"), markZero)).changes().size());
    }

    @Test
    void aRuleDeleteThatWouldFirstReachAForeignRuleIsAConflictNotADelete() {
        // owned by protocol 0 in table 100: the delete selector carries no protocol, so it matches any protocol
        Reconciler unspec = Reconciler.of(Ownership.of(RouteProtocol.of(0), Set.of(RouteTable.of(100))));
        Rule foreign = Rule.parse("103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto static");
        Rule owned = Rule.builder().priority(103L).from(foreign.from()).fwmark(0L).fwmask(0xFFFF_FFFFL)
                .action(RuleAction.lookup(RouteTable.of(100))).protocol(RouteProtocol.of(0)).build();
        Plan p = unspec.plan(DesiredState.of(List.of(), List.of()), List.of(), withDefaults(foreign, owned));
        assertTrue(p.isEmpty(), p::toString);
        assertEquals(1, p.conflicts().size(), p::toString);
        assertTrue(p.conflicts().get(0).contains("proto static"), p::toString);
        // behind it, the owned rule's own selector reaches it first: deleted
        Plan q = unspec.plan(DesiredState.of(List.of(), List.of()), List.of(), withDefaults(owned, foreign));
        assertEquals(List.of("- rule del 103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100"), lines(q));
    }

    @Test
    void foreignRulesAreNeverDeleted() {
        List<Rule> actual = withDefaults(Rule.parse("50:\tfrom 10.0.0.0/8 lookup 100"),            // no protocol
                Rule.parse("51:\tfrom 10.0.0.0/8 lookup 100 proto static"),                          // other protocol
                Rule.parse("52:\tfrom 10.0.0.0/8 lookup 102 proto 200"),                             // other table
                Rule.parse("53:\tfrom 10.0.0.0/8 goto 32766 proto 200"),                             // no table
                Rule.parse("54:\tfrom 10.0.0.0/8 lookup 101 proto 200"));                            // owned
        assertEquals(List.of("- rule del 54:\tfrom 10.0.0.0/8 lookup 101 proto 200"), lines(rules(List.of(), actual)));
    }

    @Test
    void ipv6RulesIgnoreRealmsAndFamiliesDoNotMix() {
        Rule v6 = Rule.parse("60:\tfrom 2001:db8::/32 lookup 100 proto 200");
        assertTrue(rules(List.of(Rule.parse("from 2001:db8::/32 table 100 pref 60")), withDefaults(v6)).isEmpty());
        Plan p = rules(List.of(Rule.parse("from 10.0.0.0/8 table 100 pref 60")), withDefaults(v6));
        assertEquals(2, p.changes().size(), p::toString);
    }

    // ---- validation

    @Test
    void desiredStateOutsideTheOwnershipOrAmbiguousIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 102")),
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of(want("10.1.0.0/16 via 192.168.1.1")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100"),
                want("10.1.0.0/16 via 192.168.1.2 table 100")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> rules(List.of(Rule.parse("from 10.0.0.0/8 table 102")),
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> rules(List.of(Rule.parse("from 10.0.0.0/8 table 100"),
                Rule.parse("from 10.0.0.0/8 table 100")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> rules(List.of(Rule.parseSelector("from 10.0.0.0/8", null)),
                List.of()));
        // ownership by a default protocol alone is refused; with tables it is fine
        assertThrows(IllegalArgumentException.class, () -> Ownership.protocol(RouteProtocol.BOOT));
        assertThrows(IllegalArgumentException.class, () -> Ownership.tables(Set.of()));
        Ownership.of(RouteProtocol.BOOT, Set.of(RouteTable.of(100)));
    }

    @Test
    void ownershipByTableAloneOwnsEveryRouteThereWhateverItsProtocol() {
        Reconciler byTable = Reconciler.of(Ownership.tables(Set.of(RouteTable.of(100))));
        List<Route> actual = List.of(kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 table 100 proto static"),
                kernel("10.2.0.0/16 via 192.168.1.1 dev eth0 table 100"),
                kernel("10.3.0.0/16 via 192.168.1.1 dev eth0 table 101"));
        Plan p = byTable.plan(DesiredState.routes(List.of(want("10.1.0.0/16 via 192.168.1.1 table 100 proto static"))),
                actual, List.of());
        assertEquals(List.of("- route del 10.2.0.0/16 via 192.168.1.1 dev eth0 table 100"), lines(p));
    }

    @Test
    void ownershipByProtocolAloneOwnsThatProtocolInEveryTable() {
        Reconciler byProto = Reconciler.of(Ownership.protocol(P));
        List<Route> actual = List.of(kernel("10.1.0.0/16 via 192.168.1.1 dev eth0 proto 200"),
                kernel("10.2.0.0/16 via 192.168.1.1 dev eth0 table 7 proto 200"),
                kernel("10.3.0.0/16 via 192.168.1.1 dev eth0 table 7"));
        Plan p = byProto.plan(DesiredState.routes(List.of(want("10.1.0.0/16 via 192.168.1.1"))), actual, List.of());
        assertEquals(List.of("- route del 10.2.0.0/16 via 192.168.1.1 dev eth0 table 7 proto 200"), lines(p));
    }

    // ---- nexthop objects

    static final Reconciler BY_PROTO = Reconciler.of(Ownership.protocol(P));

    static Nexthop nh(String s) {
        return Nexthop.parse(s);
    }

    /** A nexthop as the kernel reports it (owned: proto 200). */
    static Nexthop owned(String s) {
        return Nexthop.parse(s + " proto 200");
    }

    @Test
    void nexthopsComeBeforeTheirRoutesMembersBeforeTheirGroup() {
        Plan p = BY_PROTO.plan(DesiredState.of(List.of(want("10.9.0.0/16 nhid 10")), List.of(),
                List.of(nh("id 10 group 1/2"), nh("id 2 via 192.168.1.2 dev eth0"), nh("id 1 via 192.168.1.1 dev eth0"))),
                List.of(), List.of(), List.of());
        assertEquals(List.of(
                "+ nexthop add id 2 via 192.168.1.2 dev eth0 scope link proto 200",
                "+ nexthop add id 1 via 192.168.1.1 dev eth0 scope link proto 200",
                "+ nexthop add id 10 group 1/2 proto 200",
                "+ route add 10.9.0.0/16 nhid 10 proto 200"), lines(p));
    }

    @Test
    void routesGoBeforeTheirNexthopAGroupBeforeItsMembers() {
        Route onGroup = kernel("10.9.0.0/16 nhid 10 proto 200 nexthop via 192.168.1.1 dev eth0 weight 1"
                + " nexthop via 192.168.1.2 dev eth0 weight 1");
        Plan p = BY_PROTO.plan(DesiredState.of(List.of(), List.of(), List.of()), List.of(onGroup), List.of(),
                List.of(owned("id 1 via 192.168.1.1 dev eth0"), owned("id 2 via 192.168.1.2 dev eth0"),
                        owned("id 10 group 1/2"), nh("id 7 via 192.168.1.7 dev eth0")));
        List<String> l = lines(p);
        assertEquals(4, l.size(), l::toString);
        assertTrue(l.get(0).startsWith("- route del 10.9.0.0/16 nhid 10"), l::toString);
        assertEquals(List.of("- nexthop del id 10", "- nexthop del id 1", "- nexthop del id 2"), l.subList(1, 4));
    }

    @Test
    void anEqualNexthopIsKeptAChangedOneReplacedAForeignOneAConflict() {
        Plan p = BY_PROTO.plan(DesiredState.of(List.of(want("10.9.0.0/16 nhid 1")), List.of(),
                List.of(nh("id 1 via 192.168.1.1 dev eth0"), nh("id 2 via 192.168.1.9 dev eth0"),
                        nh("id 3 via 192.168.1.3 dev eth0"), nh("id 4 group 1 type resilient buckets 8"))),
                List.of(kernel("10.9.0.0/16 nhid 1 via 192.168.1.1 dev eth0 proto 200")), List.of(),
                List.of(owned("id 1 via 192.168.1.1 dev eth0 scope link").withDevice("eth0", 2),
                        owned("id 2 via 192.168.1.2 dev eth0"), nh("id 3 via 192.168.1.3 dev eth0"),
                        owned("id 4 group 1 type resilient buckets 8 idle_timer 120 unbalanced_timer 0")));
        assertEquals(List.of(
                "~ nexthop replace id 2 via 192.168.1.9 dev eth0 scope link proto 200",
                "! nexthop \"id 3 via 192.168.1.3 dev eth0 scope link proto 200\" not installed: its id is held by a"
                        + " nexthop not owned (\"id 3 via 192.168.1.3 dev eth0 scope link\")"), lines(p));
    }

    @Test
    void aGroupThatChangesTypeIsDeletedAndAddedAgainWithItsRoutes() {
        Route onGroup = kernel("10.9.0.0/16 nhid 10 proto 200 via 192.168.1.1 dev eth0");
        Plan p = BY_PROTO.plan(DesiredState.of(List.of(want("10.9.0.0/16 nhid 10")), List.of(),
                List.of(nh("id 1 via 192.168.1.1 dev eth0"), nh("id 10 group 1 type resilient buckets 8"))),
                List.of(onGroup), List.of(),
                List.of(owned("id 1 via 192.168.1.1 dev eth0"), owned("id 10 group 1")));
        assertEquals(List.of(
                "- nexthop del id 10",
                "+ nexthop add id 10 group 1 type resilient buckets 8 idle_timer 120 unbalanced_timer 0"
                        + " unbalanced_time 0 proto 200",
                "~ route replace 10.9.0.0/16 nhid 10 proto 200"), lines(p));
    }

    @Test
    void desiredNexthopsNeedAnOwnershipByProtocolAndAnId() {
        Reconciler byTable = Reconciler.of(Ownership.tables(Set.of(RouteTable.of(100))));
        assertThrows(IllegalArgumentException.class, () -> byTable.plan(DesiredState.of(List.of(), List.of(),
                List.of(nh("id 1 via 192.168.1.1 dev eth0"))), List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> BY_PROTO.plan(DesiredState.of(List.of(), List.of(),
                List.of(nh("via 192.168.1.1 dev eth0"))), List.of(), List.of(), List.of()));
    }
}
