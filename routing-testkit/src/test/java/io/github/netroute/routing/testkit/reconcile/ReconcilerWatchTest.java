package io.github.netroute.routing.testkit.reconcile;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import io.github.netroute.routing.testkit.InjectedFailure;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Reconciler#watch} on the in-memory kernel: drift made by another caller is repaired through change events; when
 * events are lost, a {@link RoutingEvent.ResyncNeeded} triggers a full pass; a pass that cannot read the state (a dump
 * overflow) is reported and retried at the next trigger; the periodic resync repairs drift nobody was told about;
 * closing stops everything; a listener that throws does not.
 */
@Timeout(60)
class ReconcilerWatchTest {
    static final Reconciler REC = Reconciler.of(Ownership.of(RouteProtocol.of(200), Set.of(RouteTable.of(100))));
    static final DesiredState WANT = DesiredState.of(List.of(
            Route.parse("10.1.0.0/16 via 192.168.1.1 table 100"),
            Route.parse("10.2.0.0/16 via 192.168.1.1 table 100"),
            Route.parse("2001:db8:1::/48 via 2001:db8::1 table 100")),
            List.of(Rule.parse("from 10.1.0.0/16 table 100 pref 100")));

    Wrapped routing;
    Reconciler.Watch watch;
    final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
    final BlockingQueue<RoutingException> failures = new LinkedBlockingQueue<>();

    final Reconciler.Listener recorder = new Reconciler.Listener() {
        @Override
        public void reconciled(Report report) {
            reports.add(report);
        }

        @Override
        public void failed(RoutingException e) {
            failures.add(e);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        routing = new Wrapped(ReconcileConvergenceProperties.node());
    }

    @AfterEach
    void tearDown() {
        if (watch != null) watch.close();
        routing.close();
    }

    Route installed(String dst) throws RoutingException {
        return routing.kernel.routes(RouteFilter.table(RouteTable.of(100))).stream()
                .filter(r -> r.dst().toString().equals(dst)).findFirst().orElse(null);
    }

    boolean converged() throws RoutingException {
        return REC.plan(routing, WANT).isEmpty();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void eventually(String what, Check c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.ok()) {
            assertTrue(System.nanoTime() < end, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    static void never(String what, Check c, long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            assertFalse(c.ok(), what);
            Thread.sleep(10);
        }
    }

    void startWatch(Duration period) throws Exception {
        watch = REC.watch(routing, () -> WANT, period, recorder);
        Report first = reports.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "no first pass");
        assertTrue(first.ok(), first::toString);
        assertEquals(4, first.results().size(), first::toString);
        assertTrue(converged());
        quiesce();
    }

    /**
     * Waits until the events of the watch's own changes have been handled (their pass finds nothing to do): until no
     * pass ran for 150 ms, at most 2 s (with a short period, periodic passes never stop; they change nothing then).
     */
    void quiesce() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long p;
        do {
            p = watch.passes();
            Thread.sleep(150);
        } while (watch.passes() != p && System.nanoTime() < end);
    }

    @Test
    void driftByAnotherCallerIsRepairedThroughEvents() throws Exception {
        startWatch(Duration.ofHours(1));
        // another caller deletes one owned route, changes another and deletes the owned rule
        routing.kernel.deleteRoute(installed("10.1.0.0/16"));
        routing.kernel.replaceRoute(Route.parse("10.2.0.0/16 via 192.168.1.7 table 100 proto 200"));
        routing.kernel.deleteRule(Rule.parse("from 10.1.0.0/16 table 100 pref 100 proto 200"));
        eventually("the drift is repaired", this::converged);
        assertEquals("10.2.0.0/16 via 192.168.1.1 dev eth0 table 100 proto 200", installed("10.2.0.0/16").toString());
        // a foreign route in the owned table is left alone, and its event does not cause changes
        routing.kernel.addRoute(Route.parse("10.3.0.0/16 via 192.168.1.1 table 100 proto static"));
        Thread.sleep(200);
        assertNotNull(installed("10.3.0.0/16"));
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void resyncNeededMakesAFullPassEvenIfTheLostEventsNeverCome() throws Exception {
        startWatch(Duration.ofHours(1));
        routing.mute(true); // events are lost from here on
        routing.kernel.deleteRoute(installed("2001:db8:1::/48"));
        never("repaired without an event", () -> installed("2001:db8:1::/48") != null, 300);
        routing.emit(new RoutingEvent.ResyncNeeded("netlink receive queue overflowed (ENOBUFS): events were lost"));
        eventually("the resync repairs the drift", () -> installed("2001:db8:1::/48") != null);
        assertTrue(converged());
    }

    @Test
    void aPassThatCannotReadTheStateIsReportedAndRetriedAtTheNextTrigger() throws Exception {
        startWatch(Duration.ofHours(1));
        routing.mute(true);
        routing.kernel.deleteRoute(installed("10.1.0.0/16"));
        routing.kernel.inject(InjectedFailure.dumpOverflow()); // the resync's own dump overflows
        routing.emit(new RoutingEvent.ResyncNeeded("lost events"));
        RoutingException e = failures.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "the failed pass was not reported");
        assertEquals(Errno.ENOBUFS, e.errno());
        assertNull(installed("10.1.0.0/16"));
        routing.emit(new RoutingEvent.ResyncNeeded("lost events"));
        eventually("the retry repairs the drift", this::converged);
    }

    @Test
    void thePeriodicResyncRepairsDriftNobodyWasToldAbout() throws Exception {
        startWatch(Duration.ofMillis(100));
        routing.mute(true);
        long before = watch.passes();
        routing.kernel.deleteRoute(installed("10.2.0.0/16"));
        routing.kernel.addRoute(Route.parse("10.9.0.0/16 via 192.168.1.1 table 100 proto 200")); // stale owned
        eventually("the periodic pass repairs the drift", this::converged);
        assertNull(installed("10.9.0.0/16"));
        eventually("passes keep coming", () -> watch.passes() >= before + 3);
    }

    @Test
    void closingStopsEventPassesAndPeriodicPasses() throws Exception {
        startWatch(Duration.ofMillis(50));
        watch.close();
        long passes = watch.passes();
        reports.clear();
        routing.kernel.deleteRoute(installed("10.1.0.0/16"));
        routing.emit(new RoutingEvent.ResyncNeeded("after close"));
        watch.resync();
        never("repaired after close", () -> installed("10.1.0.0/16") != null, 400);
        assertEquals(passes, watch.passes());
        assertTrue(reports.isEmpty(), reports::toString);
        watch.close(); // idempotent
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheWatch() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> failedCalls = new AtomicReference<>();
        watch = REC.watch(routing, () -> WANT, Duration.ofMillis(50), new Reconciler.Listener() {
            @Override
            public void reconciled(Report report) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void failed(RoutingException e) {
                failedCalls.set(e);
                throw new IllegalStateException("listener bug in failed()");
            }
        });
        eventually("several passes despite the throwing listener", () -> calls.get() >= 3);
        routing.mute(true);
        routing.kernel.deleteRoute(installed("10.1.0.0/16"));
        eventually("still repairing", this::converged);
    }

    @Test
    void theDesiredStateIsAskedForOnEveryPass() throws Exception {
        AtomicReference<DesiredState> want = new AtomicReference<>(WANT);
        watch = REC.watch(routing, want::get, Duration.ofHours(1), recorder);
        assertNotNull(reports.poll(10, TimeUnit.SECONDS));
        want.set(DesiredState.routes(List.of(Route.parse("10.5.0.0/16 via 192.168.1.1 table 100"))));
        watch.resync();
        eventually("the new desired state is applied", () -> installed("10.5.0.0/16") != null
                && installed("10.1.0.0/16") == null && routing.kernel.rules(null).stream().noneMatch(
                        r -> r.priority() == 100));
    }
}
