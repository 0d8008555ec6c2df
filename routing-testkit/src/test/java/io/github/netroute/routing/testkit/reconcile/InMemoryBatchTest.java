package io.github.netroute.routing.testkit.reconcile;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.InjectedFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The in-memory kernel's batches ({@link InMemoryKernel#apply}): one result per change in order, the kernel model's own
 * typed errors (EEXIST, ESRCH, ENETUNREACH, EHOSTUNREACH, ENOENT, EADDRNOTAVAIL) and scripted failures in the middle
 * of a batch, none of which stops it, and a state that holds exactly the successful changes.
 */
class InMemoryBatchTest {

    static String outcome(ChangeResult c) {
        return c.ok() ? "ok" : c.error().errno().name();
    }

    static Set<String> table(InMemoryKernel k, int id) throws RoutingException {
        Set<String> out = new TreeSet<>();
        for (Route r : k.routes(RouteFilter.table(RouteTable.of(id)))) {
            out.add(r.dst().toString());
        }
        return out;
    }

    @Test
    void kernelErrorsComeInPlaceAndTheBatchGoesOn() throws Exception {
        InMemoryKernel k = ReconcileConvergenceProperties.node();
        List<Change> changes = List.of(
                Change.addRoute(Route.parse("10.1.0.0/16 via 192.168.1.1 table 60")),
                Change.addRoute(Route.parse("10.1.0.0/16 via 192.168.1.1 table 60")),            // EEXIST
                Change.deleteRoute(Route.parse("10.9.0.0/16 table 60")),                         // ESRCH
                Change.addRoute(Route.parse("10.2.0.0/16 via 10.200.0.1 table 60")),             // ENETUNREACH
                Change.addRoute(Route.parse("2001:db8:5::/64 via 2001:db8::1 table 60")),
                Change.addRoute(Route.parse("2001:db8:5::/64 via 2001:db8::1 table 60")),        // EEXIST
                Change.addRoute(Route.parse("2001:db8:6::/64 via 2001:db8:77::1 table 60")),     // EHOSTUNREACH
                Change.addRule(Rule.parse("from 10.1.0.0/16 table 60 pref 60")),
                Change.addRule(Rule.parse("from 10.1.0.0/16 table 60 pref 60")),                 // EEXIST
                Change.deleteRule(Rule.parse("from 10.8.0.0/16 table 60 pref 61")),              // ENOENT
                Change.addAddress(Address.parse("10.5.0.1/24 dev eth0")),
                Change.deleteAddress(Address.parse("10.6.0.1/24 dev eth0")),                     // EADDRNOTAVAIL
                Change.addRoute(Route.parse("10.3.0.0/16 via 192.168.1.1 table 60")));
        List<ChangeResult> res = k.apply(changes);
        assertEquals(changes.size(), res.size());
        for (int i = 0; i < res.size(); i++) {
            assertSame(changes.get(i), res.get(i).change());
        }
        assertEquals(List.of("ok", "EEXIST", "ESRCH", "ENETUNREACH", "ok", "EEXIST", "EHOSTUNREACH", "ok", "EEXIST",
                "ENOENT", "ok", "EADDRNOTAVAIL", "ok"), res.stream().map(InMemoryBatchTest::outcome).toList());
        assertInstanceOf(RoutingException.Exists.class, res.get(1).error());
        assertInstanceOf(RoutingException.NotFound.class, res.get(2).error());
        assertInstanceOf(RoutingException.Unreachable.class, res.get(3).error());
        assertEquals(Set.of("10.1.0.0/16", "10.3.0.0/16", "2001:db8:5::/64"), table(k, 60));
    }

    @Test
    void scriptedFailuresHitTheFirstMatchingChangeOfTheBatchAndNothingElse() throws Exception {
        InMemoryKernel k = ReconcileConvergenceProperties.node();
        List<Change> adds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            adds.add(Change.addRoute(Route.parse("10.1." + i + ".0/24 via 192.168.1.1 table 61")));
        }
        assertTrue(k.apply(adds).stream().allMatch(ChangeResult::ok));
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            changes.add(i % 2 == 0 ? Change.deleteRoute(((Change.RouteChange) adds.get(i)).route())
                    : Change.addRoute(Route.parse("10.2." + i + ".0/24 via 192.168.1.1 table 61")));
        }
        changes.add(Change.addRule(Rule.parse("from 10.1.0.0/16 table 61 pref 61")));
        k.inject(InjectedFailure.errno("RTM_DELROUTE", Errno.ENOBUFS, null));        // the first delete (index 0)
        k.inject(InjectedFailure.errno("RTM_NEWROUTE", Errno.ENOMEM, "injected"));    // the first add (index 1)
        k.inject(InjectedFailure.errno("RTM_NEWRULE", Errno.EPERM, null));           // the rule (index 10)
        List<ChangeResult> res = k.apply(changes);
        assertEquals(List.of("ENOBUFS", "ENOMEM", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "EPERM"),
                res.stream().map(InMemoryBatchTest::outcome).toList());
        assertEquals("injected", res.get(1).error().extack());
        assertInstanceOf(RoutingException.Permission.class, res.get(10).error());
        // the failed changes did nothing; the others did
        Set<String> want = new TreeSet<>(Set.of("10.1.0.0/24", "10.1.1.0/24", "10.1.3.0/24", "10.1.5.0/24",
                "10.1.7.0/24", "10.1.9.0/24", "10.2.3.0/24", "10.2.5.0/24", "10.2.7.0/24", "10.2.9.0/24"));
        assertEquals(want, table(k, 61));
        assertTrue(k.rules(null).stream().noneMatch(r -> r.priority() == 61));
        // every scripted failure was consumed: the same batch again has only the model's own outcomes
        List<ChangeResult> again = k.apply(changes);
        assertEquals(List.of("ok", "ok", "ESRCH", "EEXIST", "ESRCH", "EEXIST", "ESRCH", "EEXIST", "ESRCH", "EEXIST",
                "ok"), again.stream().map(InMemoryBatchTest::outcome).toList());
    }

    @Test
    void aBatchOfAHundredThousandRoutesReportsEveryOne() throws Exception {
        InMemoryKernel k = ReconcileConvergenceProperties.node();
        k.setLogCapacity(0);
        List<Change> adds = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            adds.add(Change.addRoute(Route.parse("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)
                    + "/32 via 192.168.1.1 table 62")));
        }
        adds.add(50_000, Change.addRoute(((Change.RouteChange) adds.get(7)).route()));   // EEXIST in the middle
        List<ChangeResult> res = k.apply(adds);
        assertEquals(adds.size(), res.size());
        for (int i = 0; i < res.size(); i++) {
            assertEquals(i == 50_000 ? "EEXIST" : "ok", outcome(res.get(i)), "change " + i);
        }
        assertEquals(100_000, k.routes(RouteFilter.table(RouteTable.of(62))).size());
    }
}
