package io.github.netroute.routing.testkit.reconcile;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against the in-memory kernel's rule deletes, which match like Linux's rule_find: the first rule in
 * the list that the selector matches goes, and a mark of 0 matches any mark. The case jqwik found
 * (ReconcileConvergenceProperties, seed -47013): an owned {@code 103: fwmark 0x2} rule the desired state keeps, then
 * an owned {@code 103: fwmark 0} (mark 0 under mask 0xffffffff) to delete; deleting the second removed the first.
 */
class RuleDeleteSelectorTest {
    static final RouteProtocol P = RouteProtocol.of(200);

    static List<String> v4Rules(InMemoryKernel k) throws Exception {
        return k.rules(Family.INET).stream().map(Rule::toString).toList();
    }

    @Test
    void aMarkZeroRuleBehindAKeptRuleOfTheSamePriorityIsReconciledInOnePass() throws Exception {
        InMemoryKernel k = ReconcileConvergenceProperties.node();
        Rule kept = Rule.parse("pref 103 from 10.2.0.0/16 fwmark 0x2 table 100 proto 200");
        Rule markZero = Rule.builder().priority(103L).from(kept.from()).fwmark(0L).fwmask(0xFFFF_FFFFL)
                .action(RuleAction.lookup(RouteTable.of(100))).protocol(P).build();
        k.addRule(kept);
        k.addRule(markZero);
        assertEquals(List.of("0:\tfrom all lookup local", "103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200",
                "103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200", "32766:\tfrom all lookup main",
                "32767:\tfrom all lookup default"), v4Rules(k));

        // the kernel's own behaviour, which the plan has to live with: the mark-0 selector reaches the 0x2 rule first
        InMemoryKernel copy = ReconcileConvergenceProperties.node();
        copy.addRule(kept);
        copy.addRule(markZero);
        copy.deleteRule(markZero);
        assertTrue(v4Rules(copy).contains("103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200"), v4Rules(copy)::toString);
        assertFalse(v4Rules(copy).contains("103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200"));

        Reconciler rec = Reconciler.of(Ownership.of(P, Set.of(RouteTable.of(100), RouteTable.of(101))));
        DesiredState desired = DesiredState.of(List.of(), List.of(Rule.parse("from 10.2.0.0/16 fwmark 0x2 table 100")));
        Report first = rec.reconcile(k, desired);
        assertTrue(first.ok(), first::toString);
        Plan second = rec.plan(k, desired);
        assertTrue(second.isEmpty(), () -> "second plan:\n" + second + "first:\n" + first.plan());
        List<String> owned = k.rules(Family.INET).stream().filter(r -> P.equals(r.protocol())).map(Rule::toString)
                .toList();
        assertEquals(1, owned.size(), owned::toString);
        assertTrue(owned.get(0).endsWith("from 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200"), owned::toString);
    }
}
