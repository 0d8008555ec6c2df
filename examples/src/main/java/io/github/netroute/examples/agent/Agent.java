package io.github.netroute.examples.agent;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Subscription;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent: reconciles once ({@link #once}) or keeps reconciling ({@link #start}) from informers on the Node,
 * the ServiceCIDRs and the Services, and from the kernel's routing events (a route deleted by hand is put back; lost
 * events, {@link RoutingEvent.ResyncNeeded}, trigger a full pass). Triggers are coalesced: one pass for a burst.
 * Passes run one at a time on one thread; a failed pass is rolled back and retried after a second, and every
 * resync period at the latest.
 *
 * <pre>{@code
 * try (Agent agent = new Agent(source, routing, nodeRoutes, metrics, Duration.ofMinutes(5))) {
 *     agent.start();          // returns once the informers have listed; passes run in the background
 *     ...                     // on SIGTERM: agent.close() — the routes stay in place
 * }
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    static final long COALESCE_MS = 20;
    static final long RETRY_MS = 1_000;

    private final KubeSource source;
    private final Routing routing;
    private final NodeRoutes routes;
    private final AgentMetrics metrics;
    private final long resyncMs;
    private final ScheduledThreadPoolExecutor ex;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong passes = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean started; // informer events before every informer has listed are ignored
    private volatile PassResult last;
    private Subscription sub;

    /**
     * @param source the API server side
     * @param routing the kernel (real or in-memory); not closed by the agent
     * @param routes what to program
     * @param metrics the counters
     * @param resync the period of full passes (and of the informers' resync)
     */
    public Agent(KubeSource source, Routing routing, NodeRoutes routes, AgentMetrics metrics, Duration resync) {
        this.source = source;
        this.routing = routing;
        this.routes = routes;
        this.metrics = metrics;
        this.resyncMs = Math.max(1, resync.toMillis());
        this.ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "netroute-agent");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close(): only a pass in flight finishes
    }

    /**
     * Reads the API server once and reconciles.
     *
     * @throws AgentException when the API server cannot be read, the Node does not exist, the kernel state cannot
     *     be read, or a change failed (everything the pass did is rolled back first)
     */
    public PassResult once() throws AgentException {
        ClusterView view = source.read();
        PassResult r;
        try {
            r = routes.reconcile(routing, view);
        } catch (RoutingException e) {
            metrics.failedPass(e.getMessage());
            throw new AgentException("cannot read the routing state: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            metrics.failedPass(e.getMessage());
            throw new AgentException(e.getMessage(), e);
        }
        metrics.passed(r);
        last = r;
        if (!r.ok()) {
            StringBuilder sb = new StringBuilder(r.summary());
            r.failed().forEach(f -> sb.append("\n  ").append(f));
            throw new AgentException(sb.toString());
        }
        return r;
    }

    /** Starts the informers (blocking until they have listed), the routing subscription and the first pass. */
    public void start() throws AgentException {
        source.inform(this::trigger, resyncMs);
        try {
            sub = routing.subscribe(ev -> {
                if (relevant(ev)) {
                    if (ev instanceof RoutingEvent.ResyncNeeded rn) {
                        LOG.warn("routing events were lost ({}): a full pass follows", rn.reason());
                    }
                    trigger();
                }
            });
        } catch (RoutingException e) {
            source.close();
            throw new AgentException("cannot subscribe to routing events: " + e.getMessage(), e);
        }
        ex.scheduleWithFixedDelay(this::trigger, resyncMs, resyncMs, TimeUnit.MILLISECONDS);
        started = true;
        trigger();
    }

    private boolean relevant(RoutingEvent ev) {
        if (ev instanceof RoutingEvent.RouteAdded a) {
            return relevant(a.route());
        }
        if (ev instanceof RoutingEvent.RouteRemoved r) {
            return relevant(r.route());
        }
        return true; // rules, links, addresses (they add and flush routes), ResyncNeeded
    }

    private boolean relevant(Route r) {
        return r.table().equals(RouteTable.LOCAL) || r.table().equals(routes.table());
    }

    /** Asks for a pass (coalesced with one already pending). */
    public void trigger() {
        schedule(COALESCE_MS);
    }

    private void schedule(long delayMs) {
        if (started && !closed && pending.compareAndSet(false, true)) {
            try {
                ex.schedule(this::pass, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                pending.set(false); // closing
            }
        }
    }

    private void pass() {
        pending.set(false);
        if (closed) {
            return;
        }
        try {
            PassResult r = routes.reconcile(routing, source.cached());
            last = r;
            metrics.passed(r);
            if (r.ok()) {
                if (r.writes() > 0) {
                    LOG.info("{}", r.summary());
                } else {
                    LOG.debug("{}", r.summary());
                }
            } else {
                LOG.warn("{}; failed: {}", r.summary(), r.failed());
                schedule(RETRY_MS);
            }
        } catch (AgentException | RoutingException | IllegalStateException e) {
            metrics.failedPass(e.getMessage());
            LOG.warn("reconcile failed: {}; retrying", e.getMessage());
            schedule(RETRY_MS);
        } catch (RuntimeException e) {
            metrics.failedPass(e.toString());
            LOG.error("reconcile failed unexpectedly; retrying", e);
            schedule(RETRY_MS);
        } finally {
            passes.incrementAndGet();
        }
    }

    /** How many passes have completed in watch mode. */
    public long passes() {
        return passes.get();
    }

    /** The last pass's result, or null. */
    public PassResult last() {
        return last;
    }

    /**
     * Stops: informers, routing subscription, passes (waiting for one in flight). The routes and rules stay in
     * place, so traffic keeps flowing while the agent is restarted or upgraded; the next agent adopts them by their
     * protocol number. Never throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sub != null) {
            sub.close();
        }
        source.close();
        ex.shutdown();
        try {
            if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
                ex.shutdownNow();
            }
        } catch (InterruptedException e) {
            ex.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
