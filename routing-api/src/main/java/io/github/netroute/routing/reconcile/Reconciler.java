package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Declarative routes, rules and nexthop objects: makes the owned part of a namespace's state equal to a desired
 * state with the fewest changes, and never touches what it does not own. Nexthop objects are owned by protocol
 * (they lie in no table) and matched by id; see {@link #plan(DesiredState, List, List, List)} for the order.
 *
 * <pre>{@code
 * Reconciler r = Reconciler.of(Ownership.protocol(RouteProtocol.of(200)));
 * DesiredState want = DesiredState.routes(List.of(
 *     Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2")));
 * Plan plan = r.plan(routing, want);      // dry run: print it
 * Report report = r.apply(routing, plan); // batched; per-change results
 * r.reconcile(routing, want);             // again: an empty plan, nothing changes
 * }</pre>
 *
 * <p>Desired routes and rules are stamped with the owner's protocol. Routes are matched by the kernel's route
 * key (IPv4: table, dst, tos, metric; IPv6: table, dst, from, metric with 0 meaning 1024): an owned entry equal
 * to the desired route is kept, a different owned one is replaced, owned entries whose key is not desired are
 * deleted, and a desired key held by an entry that is not owned is reported as a conflict and left alone.
 * Rules are matched on all selectors and the action (and the priority when the desired rule has one). A rule is
 * deleted by a selector that the kernel matches loosely (a mark of 0 or an unset field matches anything, and the
 * first match in the kernel's list goes), so rule deletes are ordered as the kernel lists the rules, a kept rule that
 * such a selector would reach first is deleted too and added back after the deletes, and a delete that would reach a
 * rule not owned is left out and reported as a conflict.
 *
 * <p>A reconciler is immutable and may be shared between threads; two passes running at the same time on the same
 * {@code Routing} would each plan against what it read, so an agent runs one pass at a time (as {@link #watch}
 * does, on its one thread).
 */
public final class Reconciler {
    private final Ownership ownership;

    private Reconciler(Ownership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    /**
     * A reconciler owning what {@code ownership} describes.
     *
     * @param ownership what the reconciler owns (and so may delete)
     * @return a reconciler owning what {@code ownership} describes
     */
    public static Reconciler of(Ownership ownership) {
        return new Reconciler(ownership);
    }

    /**
     * The ownership.
     *
     * @return the ownership
     */
    public Ownership ownership() {
        return ownership;
    }

    /**
     * Reads the actual state and plans (a dry run: nothing is changed). Reads the owned tables one by one when the
     * ownership names tables, else every table; and every rule.
     *
     * @param routing where to read the actual state
     * @param desired the desired state
     * @return the plan
     * @throws RoutingException when reading the state fails (a subclass chosen by errno)
     */
    public Plan plan(Routing routing, DesiredState desired) throws RoutingException {
        List<Route> routes = new ArrayList<>();
        Set<RouteTable> desiredTables = new HashSet<>();
        for (Route d : desired.routes()) {
            desiredTables.add(d.table());
        }
        // keep what is owned, and what shares a table with a desired route (to see conflicts)
        Consumer<Route> keep = r -> {
            if (ownership.owns(r) || desiredTables.contains(r.table())) {
                routes.add(r);
            }
        };
        if (ownership.tables().isEmpty()) {
            routing.forEachRoute(RouteFilter.ALL, keep);
        } else {
            // desired routes lie in owned tables (they are checked when planned): the owned tables are enough
            for (RouteTable t : sortedTables(ownership.tables())) {
                routing.forEachRoute(RouteFilter.table(t), keep);
            }
        }
        return plan(desired, routes, routing.rules(), nexthops(routing, desired));
    }

    /**
     * The nexthop objects to plan against: none read when nothing can be owned or desired (an ownership by tables
     * only, no desired nexthop); a kernel without nexthop objects (before 5.3) has none.
     */
    private List<Nexthop> nexthops(Routing routing, DesiredState desired) throws RoutingException {
        if (ownership.protocol() == null && desired.nexthops().isEmpty()) {
            return List.of();
        }
        try {
            return routing.nexthops(null);
        } catch (RoutingException e) {
            if (desired.nexthops().isEmpty() && (e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.EINVAL)) {
                return List.of();
            }
            throw e;
        }
    }

    private static List<RouteTable> sortedTables(Set<RouteTable> tables) {
        List<RouteTable> l = new ArrayList<>(tables);
        l.sort(Comparator.comparingLong(RouteTable::id));
        return l;
    }

    /**
     * Plans from a given actual state (pure; no I/O). The actual rules are in the kernel's order, as dumped.
     *
     * @param desired the desired state
     * @param actualRoutes the actual routes
     * @param actualRules the actual rules
     * @return the plan
     * @throws IllegalArgumentException when a desired route or rule lies outside the ownership, when two desired
     *     routes share a route key, when two desired rules are the same, or when a desired rule has no action
     */
    public Plan plan(DesiredState desired, List<Route> actualRoutes, List<Rule> actualRules) {
        return plan(desired, actualRoutes, actualRules, List.of());
    }

    /**
     * Plans from a given actual state with nexthop objects (pure; no I/O). The order of the plan keeps every change
     * valid when it is made: nexthops added or replaced first (single ones before the groups that hold them), then
     * routes (a route naming a nexthop after it), route and rule deletes, then nexthops deleted (groups before their
     * members, after the routes that used them). A nexthop whose kind changes (single and group, or the group type)
     * cannot be replaced: it is deleted and added again, and the desired routes on it are added again after it.
     *
     * @param desired the desired state
     * @param actualRoutes the actual routes
     * @param actualRules the actual rules
     * @param actualNexthops the actual nexthop objects
     * @return the plan
     * @throws IllegalArgumentException as {@link #plan(DesiredState, List, List)}, and when desired nexthops are given
     *     without an ownership by protocol, without an id, or twice with one id
     */
    public Plan plan(DesiredState desired, List<Route> actualRoutes, List<Rule> actualRules,
            List<Nexthop> actualNexthops) {
        List<Change> adds = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        List<Change> nhAdds = new ArrayList<>();
        List<Change> nhDeletes = new ArrayList<>();
        Set<Long> recreated = planNexthops(desired.nexthops(), actualNexthops, nhAdds, nhDeletes, conflicts);
        // an IPv6 route on a nexthop that is about to become IPv4 (a group gaining an IPv4 member, a single one
        // changing family) would make the kernel refuse the replace (fib6_check_nh_list): it goes first
        List<Change> early = new ArrayList<>();
        Set<Long> toV4 = becomingV4(nhAdds, desired.nexthops(), actualNexthops);
        List<Route> remaining = actualRoutes;
        if (!toV4.isEmpty()) {
            remaining = new ArrayList<>(actualRoutes.size());
            for (Route a : actualRoutes) {
                if (a.family() == Family.INET6 && toV4.contains(a.nhid()) && !recreated.contains(a.nhid())
                        && ownership.owns(a)) {
                    early.add(Change.deleteRoute(a));
                } else {
                    remaining.add(a);
                }
            }
        }
        planRoutes(desired.routes(), remaining, adds, deletes, conflicts, recreated);
        List<Change> readds = new ArrayList<>();
        planRules(desired.rules(), actualRules, adds, deletes, readds, conflicts);
        List<Change> all = new ArrayList<>(early.size() + adds.size() + deletes.size() + readds.size()
                + nhAdds.size() + nhDeletes.size());
        all.addAll(early);
        all.addAll(nhAdds);
        all.addAll(adds);
        all.addAll(deletes);
        all.addAll(nhDeletes);
        all.addAll(readds);
        return new Plan(all, conflicts);
    }

    // ---- nexthop objects ----

    /**
     * Plans the nexthops: an owned one equal to the desired one is kept, a different one replaced (deleted and added
     * when its kind changes), an id held by a nexthop not owned is a conflict, owned ones not desired are deleted.
     * Returns the ids deleted and added again (their routes went with them).
     */
    private Set<Long> planNexthops(List<Nexthop> desired, List<Nexthop> actual, List<Change> adds,
            List<Change> deletes, List<String> conflicts) {
        if (!desired.isEmpty() && ownership.protocol() == null) {
            throw new IllegalArgumentException("desired nexthops need an ownership by protocol (nexthops lie in no"
                    + " table): " + ownership);
        }
        Map<Long, Nexthop> want = new HashMap<>();
        for (Nexthop d : desired) {
            if (d.id() == 0) {
                throw new IllegalArgumentException("desired nexthop \"" + d + "\" has no id");
            }
            Nexthop s = d.protocol().equals(ownership.protocol()) ? d : new Nexthop(d.id(), d.family(), d.gateway(),
                    d.device(), d.deviceIndex(), d.flags(), d.blackhole(), d.fdb(), ownership.protocol(), d.scope(),
                    d.group());
            if (want.putIfAbsent(s.id(), s) != null) {
                throw new IllegalArgumentException("two desired nexthops have id " + s.id());
            }
        }
        Map<Long, Nexthop> have = new HashMap<>();
        for (Nexthop a : actual) {
            have.put(a.id(), a);
        }
        Set<Long> recreated = new HashSet<>();
        List<Nexthop> toAdd = new ArrayList<>();
        List<Nexthop> toDelete = new ArrayList<>();
        for (Nexthop d : desired) {
            Nexthop w = want.get(d.id());
            Nexthop a = have.get(w.id());
            if (a == null) {
                toAdd.add(w);
            } else if (!ownership.owns(a)) {
                conflicts.add("nexthop \"" + w + "\" not installed: its id is held by a nexthop not owned (\"" + a
                        + "\")");
            } else if (!sameNexthop(w, a)) {
                if (a.isGroup() != w.isGroup() || a.isGroup() && a.group().type() != w.group().type()) {
                    toDelete.add(a);
                    toAdd.add(w);
                    recreated.add(w.id());
                } else {
                    toAdd.add(w); // replaced below
                }
            }
        }
        for (Nexthop a : actual) {
            if (ownership.owns(a) && !want.containsKey(a.id())) {
                toDelete.add(a);
            }
        }
        // adds: single nexthops before groups (a group's members exist first); deletes: groups before members
        for (boolean groups : new boolean[] {false, true}) {
            for (Nexthop n : toAdd) {
                if (n.isGroup() == groups) {
                    adds.add(have.containsKey(n.id()) && !recreated.contains(n.id()) ? Change.replaceNexthop(n)
                            : Change.addNexthop(n));
                }
            }
        }
        for (boolean groups : new boolean[] {true, false}) {
            for (Nexthop n : toDelete) {
                if (n.isGroup() == groups) {
                    deletes.add(Change.deleteNexthop(n.id()));
                }
            }
        }
        if (!recreated.isEmpty()) {
            // a recreated nexthop is deleted before it is added again
            List<Change> first = new ArrayList<>();
            for (Change c : deletes) {
                if (c instanceof Change.NexthopDelete x && recreated.contains(x.id())) {
                    first.add(c);
                }
            }
            deletes.removeAll(first);
            adds.addAll(0, first);
        }
        return recreated;
    }

    /** The ids of nexthops replaced by this plan that IPv6 routes can no longer use (an IPv4 one or member). */
    private static Set<Long> becomingV4(List<Change> nhAdds, List<Nexthop> desired, List<Nexthop> actual) {
        Map<Long, Nexthop> after = new HashMap<>();
        for (Nexthop a : actual) {
            after.put(a.id(), a);
        }
        for (Nexthop d : desired) {
            after.put(d.id(), d);
        }
        Set<Long> out = new HashSet<>();
        for (Change c : nhAdds) {
            if (c instanceof Change.NexthopChange nc && nc.replace()) {
                Nexthop n = nc.nexthop();
                boolean v4 = n.isGroup() ? n.group().members().stream().anyMatch(m -> after.get(m.id()) != null
                        && after.get(m.id()).family() == Family.INET) : n.family() == Family.INET;
                if (v4) {
                    out.add(n.id());
                    // the groups holding a single nexthop that turns IPv4
                    for (Nexthop g : after.values()) {
                        if (g.isGroup() && g.group().contains(n.id())) {
                            out.add(g.id());
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether an actual nexthop is what the desired one asks for: the kernel's reported scope, device index and
     * the resilient group's defaults it fills in (timers not asked for) are ignored.
     */
    static boolean sameNexthop(Nexthop d, Nexthop a) {
        if (d.isGroup() != a.isGroup() || d.fdb() != a.fdb() || !d.protocol().equals(a.protocol())) {
            return false;
        }
        if (d.isGroup()) {
            NexthopGroup x = d.group();
            NexthopGroup y = a.group();
            return x.type() == y.type() && x.members().equals(y.members())
                    && (x.type() != NexthopGroup.Type.RESILIENT || (x.buckets() == 0 || x.buckets() == y.buckets())
                    && (x.idleTimer() == null || x.idleTimer().equals(y.idleTimer()))
                    && (x.unbalancedTimer() == null || x.unbalancedTimer().equals(y.unbalancedTimer())));
        }
        return d.blackhole() == a.blackhole() && Objects.equals(d.family(), a.family())
                && Objects.equals(d.gateway(), a.gateway())
                && (d.device() == null || d.device().equals(a.device()))
                && d.flags().contains(NextHopFlag.ONLINK) == a.flags().contains(NextHopFlag.ONLINK);
    }

    /**
     * Applies a plan as one batch.
     *
     * @param routing where to apply
     * @param plan the plan
     * @return the report, with each change's result
     */
    public Report apply(Routing routing, Plan plan) {
        return new Report(plan, plan.isEmpty() ? List.of() : routing.apply(plan.changes()));
    }

    /**
     * Plans and applies.
     *
     * @param routing where to read and apply
     * @param desired the desired state
     * @return the report, with each change's result
     * @throws RoutingException when reading the state fails (a subclass chosen by errno)
     */
    public Report reconcile(Routing routing, DesiredState desired) throws RoutingException {
        return apply(routing, plan(routing, desired));
    }

    /**
     * Receives the outcome of each pass of {@link #watch}, on the watcher's thread.
     *
     * <pre>{@code
     * Reconciler.Listener log = new Reconciler.Listener() {
     *     public void reconciled(Report report) { if (!report.ok()) System.err.println(report.failures()); }
     *     public void failed(RoutingException e) { System.err.println("state not readable: " + e.getMessage()); }
     * };
     * Reconciler.Watch w = reconciler.watch(routing, () -> want, Duration.ofSeconds(30), log);
     * }</pre>
     */
    public interface Listener {
        /**
         * A pass completed (its report may hold failed changes).
         *
         * @param report the pass's report
         */
        void reconciled(Report report);

        /**
         * A pass could not read the state (or the desired state could not be had); the next trigger retries.
         *
         * @param e why the state could not be read
         */
        default void failed(RoutingException e) {}
    }

    /**
     * A running {@link #watch}; close it to stop.
     *
     * <pre>{@code
     * try (Reconciler.Watch w = reconciler.watch(routing, () -> want, Duration.ofSeconds(30), report -> { })) {
     *     w.resync();                                      // a full pass now, e.g. after the desired state changed
     *     System.out.println(w.passes() + " passes");
     * }                                                    // close() stops the watch
     * }</pre>
     *
     * <p>Thread-safe: {@code resync}, {@code passes} and {@code close} may be called from any thread; passes run on the
     * watch's own thread.
     */
    public interface Watch extends AutoCloseable {
        /** Asks for a full pass now (coalesced with one already pending). */
        void resync();

        /**
         * How many passes have completed (successfully or not).
         *
         * @return how many passes have completed (successfully or not)
         */
        long passes();

        /** Stops: no pass starts and no listener call happens after this returns. Never throws. */
        @Override
        void close();
    }

    /**
     * Keeps reconciling until closed: once at start, after change events that may concern owned or desired objects
     * (coalesced: one pass for a burst), after every {@link RoutingEvent.ResyncNeeded} (events were lost: a pass reads
     * the full state), and every {@code resyncPeriod} (a pass that failed is retried then at the latest). Passes run
     * one at a time on one daemon thread; a listener that throws does not stop the watch.
     *
     * @param routing where to read and apply
     * @param desired gives the desired state at each pass
     * @param resyncPeriod the longest time between passes
     * @param listener told of each pass
     * @return the watch; close it to stop
     * @throws RoutingException when the change events cannot be subscribed to (a subclass chosen by errno)
     */
    public Watch watch(Routing routing, Supplier<DesiredState> desired, Duration resyncPeriod, Listener listener)
            throws RoutingException {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(listener, "listener");
        long periodMs = Math.max(1, resyncPeriod.toMillis());
        return new Watcher(routing, desired, periodMs, listener).start();
    }

    private final class Watcher implements Watch {
        private final Routing routing;
        private final Supplier<DesiredState> desired;
        private final long periodMs;
        private final Listener listener;
        private final ScheduledExecutorService ex;
        private final AtomicBoolean pending = new AtomicBoolean();
        private final AtomicLong passes = new AtomicLong();
        private volatile boolean closed;
        private volatile Set<RouteTable> desiredTables = Set.of();
        private volatile Set<Long> desiredNexthopIds = Set.of();
        private Subscription sub;

        Watcher(Routing routing, Supplier<DesiredState> desired, long periodMs, Listener listener) {
            this.routing = routing;
            this.desired = desired;
            this.periodMs = periodMs;
            this.listener = listener;
            this.ex = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "netroute-reconciler");
                t.setDaemon(true);
                return t;
            });
        }

        Watch start() throws RoutingException {
            try {
                sub = routing.subscribe(ev -> {
                    if (!closed && relevant(ev, desiredTables, desiredNexthopIds)) {
                        trigger(20);
                    }
                });
            } catch (RoutingException | RuntimeException e) {
                ex.shutdownNow();
                throw e;
            }
            ex.scheduleWithFixedDelay(this::periodic, 0, periodMs, TimeUnit.MILLISECONDS);
            return this;
        }

        private void trigger(long delayMs) {
            if (pending.compareAndSet(false, true)) {
                try {
                    ex.schedule(this::pass, delayMs, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    pending.set(false); // closing
                }
            }
        }

        private void periodic() {
            pending.set(true); // an event-triggered pass already queued becomes redundant with this one
            pass();
        }

        private void pass() {
            if (closed || !pending.getAndSet(false)) {
                return;
            }
            try {
                DesiredState want = desired.get();
                Set<RouteTable> tables = new HashSet<>();
                for (Route r : want.routes()) {
                    tables.add(r.table());
                }
                desiredTables = tables;
                Set<Long> ids = new HashSet<>();
                for (Nexthop n : want.nexthops()) {
                    ids.add(n.id());
                }
                desiredNexthopIds = ids;
                Report report = reconcile(routing, want);
                if (!closed) {
                    listener.reconciled(report);
                }
            } catch (RoutingException e) {
                notifyFailed(e);
            } catch (RuntimeException e) {
                notifyFailed(new RoutingException("reconcile", "", Errno.EPROTO, e.toString(), e));
            } finally {
                passes.incrementAndGet();
            }
        }

        private void notifyFailed(RoutingException e) {
            if (closed) {
                return;
            }
            try {
                listener.failed(e);
            } catch (RuntimeException ignored) {
                // a listener that throws must not end the periodic resync
            }
        }

        @Override
        public void resync() {
            if (!closed) {
                trigger(0);
            }
        }

        @Override
        public long passes() {
            return passes.get();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (sub != null) {
                sub.close();
            }
            ex.shutdownNow();
            try {
                if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
                    return; // a pass is stuck in a call to the kernel; it will not call the listener (closed)
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean relevant(RoutingEvent ev, Set<RouteTable> desiredTables, Set<Long> desiredNexthops) {
        if (ev instanceof RoutingEvent.RouteAdded a) {
            return relevant(a.route(), desiredTables);
        }
        if (ev instanceof RoutingEvent.RouteRemoved r) {
            return relevant(r.route(), desiredTables);
        }
        if (ev instanceof RoutingEvent.RuleAdded a) {
            return ownership.owns(a.rule());
        }
        if (ev instanceof RoutingEvent.RuleRemoved r) {
            return ownership.owns(r.rule());
        }
        if (ev instanceof RoutingEvent.NexthopAdded a) {
            return ownership.owns(a.nexthop()) || desiredNexthops.contains(a.nexthop().id());
        }
        if (ev instanceof RoutingEvent.NexthopRemoved r) {
            return ownership.owns(r.nexthop()) || desiredNexthops.contains(r.nexthop().id());
        }
        return true; // links and addresses (their changes add and flush routes) and ResyncNeeded
    }

    /** Owned, or in a table holding desired routes (a foreign route there may free or block a desired key). */
    private boolean relevant(Route r, Set<RouteTable> desiredTables) {
        return ownership.owns(r) || ownership.tables().contains(r.table()) || desiredTables.contains(r.table());
    }

    // ---- routes ----

    /**
     * The kernel's route key: IPv4 (table, dst, tos, metric); IPv6 (table, dst, from, metric with 0 read as 1024).
     * The hash is computed once ({@link #hashOf}); planRoutes uses {@link #hashOf} and {@link #same} without the objects.
     */
    static final class Key {
        final boolean v6;
        final long table;
        final IpPrefix dst;
        final IpPrefix src;
        final int tos;
        final long priority;
        final int hash;

        Key(Route r) {
            v6 = r.family() == Family.INET6;
            table = r.table().id();
            dst = r.dst();
            src = v6 ? r.src() : null;
            tos = v6 ? 0 : r.tos();
            long prio = r.priority();
            priority = v6 && prio == 0 ? 1024 : prio;
            hash = hashOf(r);
        }

        /** The hash of a route's key, as {@link #hashCode()} of its {@code Key} (computed without one). */
        static int hashOf(Route r) {
            boolean v6 = r.family() == Family.INET6;
            long prio = r.priority();
            int h = Long.hashCode(r.table().id());
            h = h * 31 + r.dst().address().hashCode();
            h = h * 31 + r.dst().length();
            h = h * 31 + (v6 && r.src() != null ? r.src().hashCode() : 0);
            h = h * 31 + (v6 ? 0 : r.tos());
            h = h * 31 + Long.hashCode(v6 && prio == 0 ? 1024 : prio);
            // IPv4 destinations of one length differ in their high bits only (a /24's last byte is 0), and the
            // multiply-by-31 chain keeps those low bits equal: mix every bit into the low ones a table indexes by
            long x = (v6 ? ~h : h) * 0x9E3779B97F4A7C15L;
            return (int) (x ^ (x >>> 32));
        }

        /** An IPv4 address's bits (Inet4Address.hashCode() is the address in every OpenJDK; checked below). */
        static int v4Bits(IpPrefix p) {
            java.net.InetAddress a = p.address();
            if (V4_HASH_IS_ADDRESS) {
                return a.hashCode();
            }
            byte[] b = a.getAddress();
            return (b[0] & 255) << 24 | (b[1] & 255) << 16 | (b[2] & 255) << 8 | (b[3] & 255);
        }

        private static final boolean V4_HASH_IS_ADDRESS =
                io.github.netroute.routing.internal.InetAddresses.parse("1.2.3.4").hashCode() == 0x01020304;

        /** Whether two routes have the same key (as {@code new Key(a).equals(new Key(b))}, without the objects). */
        static boolean same(Route a, Route b) {
            boolean v6 = a.family() == Family.INET6;
            if (v6 != (b.family() == Family.INET6) || a.table().id() != b.table().id()) {
                return false;
            }
            long pa = a.priority();
            long pb = b.priority();
            if (v6) {
                return (pa == 0 ? 1024 : pa) == (pb == 0 ? 1024 : pb) && a.dst().equals(b.dst())
                        && Objects.equals(a.src(), b.src());
            }
            return pa == pb && a.tos() == b.tos() && a.dst().equals(b.dst());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.v6 == v6 && k.table == table && k.tos == tos
                    && k.priority == priority && k.dst.equals(dst) && Objects.equals(k.src, src);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return (v6 ? "inet6" : "inet") + " table " + table + " " + dst + (src != null ? " from " + src : "")
                    + (tos != 0 ? " tos " + tos : "") + " metric " + priority;
        }
    }

    private Route stamp(Route d) {
        Route s = ownership.protocol() != null && !ownership.protocol().equals(d.protocol())
                ? d.toBuilder().protocol(ownership.protocol()).build() : d;
        if (!ownership.owns(s)) {
            throw new IllegalArgumentException("desired route \"" + d + "\" is outside the ownership (" + ownership + ")");
        }
        return s;
    }

    private Rule stamp(Rule d) {
        if (d.action() == null) {
            throw new IllegalArgumentException("desired rule \"" + d + "\" has no action");
        }
        Rule s = ownership.protocol() != null && !ownership.protocol().equals(d.protocol())
                ? d.toBuilder().protocol(ownership.protocol()).build() : d;
        if (!ownership.owns(s)) {
            throw new IllegalArgumentException("desired rule \"" + d + "\" is outside the ownership (" + ownership + ")");
        }
        return s;
    }

    /**
     * A route's key as two words in {@code w} (returns a well-mixed hash of them): an IPv4 key exactly (table and
     * address; metric, tos and length, the second word non-negative), an IPv6 key as its hash (the second word
     * negative: equal words then still need {@link Key#same}).
     */
    private static int keyWords(Route r, long[] w) {
        long a;
        long b;
        if (r.family() == Family.INET) {
            a = r.table().id() << 32 | (Key.v4Bits(r.dst()) & 0xFFFF_FFFFL);
            b = r.priority() << 16 | (long) r.tos() << 8 | r.dst().length();
        } else {
            a = Key.hashOf(r);
            b = Long.MIN_VALUE;
        }
        w[0] = a;
        w[1] = b;
        long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private void planRoutes(List<Route> desiredRoutes, List<Route> actual, List<Change> adds, List<Change> deletes,
            List<String> conflicts, Set<Long> recreated) {
        int nd = desiredRoutes.size();
        int na = actual.size();
        // an open-addressing index of the desired keys in one long[] (3 longs a slot: the key's two words, then the
        // desired index + 1, 0 when empty): no object per key, and an IPv4 key is compared in its words alone, so a
        // probe reads one cache line and not the desired route's objects (an IPv6 key's words are its hash: the
        // routes are compared when the words are equal)
        Route[] desired = new Route[nd];
        int cap = Integer.highestOneBit(Math.max(16, nd * 2 - 1)) << 1;
        int mask = cap - 1;
        long[] tab = new long[cap * 3];
        long[] w = new long[2];
        for (int i = 0; i < nd; i++) {
            Route s = stamp(desiredRoutes.get(i));
            desired[i] = s;
            int x = keyWords(s, w) & mask;
            for (; tab[x * 3 + 2] != 0; x = (x + 1) & mask) {
                if (tab[x * 3] == w[0] && tab[x * 3 + 1] == w[1] && Key.same(desired[(int) tab[x * 3 + 2] - 1], s)) {
                    throw new IllegalArgumentException("two desired routes share the key (" + new Key(s) + "): \""
                            + desired[(int) tab[x * 3 + 2] - 1] + "\" and \"" + s + "\"");
                }
            }
            tab[x * 3] = w[0];
            tab[x * 3 + 1] = w[1];
            tab[x * 3 + 2] = i + 1;
        }
        // chain the actual entries under the desired key they share (in dump order); the rest are deleted if owned
        int[] head = new int[nd];
        int[] tail = new int[nd];
        java.util.Arrays.fill(head, -1);
        int[] next = new int[na];
        boolean[] kept = new boolean[na];
        for (int i = 0; i < na; i++) {
            next[i] = -1;
            Route a = actual.get(i);
            int x = keyWords(a, w) & mask;
            for (; tab[x * 3 + 2] != 0; x = (x + 1) & mask) {
                int d = (int) tab[x * 3 + 2] - 1;
                if (tab[x * 3] == w[0] && tab[x * 3 + 1] == w[1] && (w[1] >= 0 || Key.same(desired[d], a))) {
                    if (head[d] < 0) {
                        head[d] = i;
                    } else {
                        next[tail[d]] = i;
                    }
                    tail[d] = i;
                    break;
                }
            }
        }
        for (int di = 0; di < nd; di++) {
            Route d = desired[di];
            int match = -1;
            int firstOwned = -1;
            int foreign = -1;
            for (int j = head[di]; j >= 0; j = next[j]) {
                Route a = actual.get(j);
                if (!ownership.owns(a)) {
                    if (foreign < 0) {
                        foreign = j;
                    }
                } else {
                    if (firstOwned < 0) {
                        firstOwned = j;
                    }
                    if (match < 0 && sameRoute(d, a) && !(d.nhid() != 0 && recreated.contains(d.nhid()))) {
                        match = j;
                    }
                }
            }
            if (match >= 0) {
                kept[match] = true;
            } else if (foreign >= 0) {
                // replacing would hit the first entry with the key, which may be the foreign one: leave the key alone
                conflicts.add("route \"" + d + "\" not installed: its key is held by a route not owned (\""
                        + actual.get(foreign) + "\")");
            } else if (firstOwned < 0) {
                adds.add(Change.route(RouteVerb.ADD, d));
            } else {
                adds.add(Change.route(RouteVerb.REPLACE, d));
                kept[firstOwned] = true; // the first entry with the key is the one replaced
            }
        }
        for (int i = 0; i < na; i++) {
            Route a = actual.get(i);
            if (!kept[i] && ownership.owns(a) && !(a.nhid() != 0 && recreated.contains(a.nhid()))) {
                deletes.add(Change.deleteRoute(a)); // (a recreated nexthop takes its routes with it when deleted)
            }
        }
    }

    /**
     * Whether an actual route is what the desired one asks for, given that they have the same key. Fields the kernel
     * fills in or reports on its own are ignored: device index, nexthop flags other than onlink, expiry, and the
     * device when the desired route names none.
     */
    static boolean sameRoute(Route d, Route a) {
        if (d.nhid() != 0 || a.nhid() != 0) {
            return sameNhidRoute(d, a);
        }
        if (d.type() != a.type() || !Objects.equals(d.gateway(), a.gateway())
                || !Objects.equals(d.prefsrc(), a.prefsrc()) || !d.protocol().equals(a.protocol())
                || d.realms() != a.realms() || !d.metrics().equals(a.metrics())
                || d.flags().contains(NextHopFlag.ONLINK) != a.flags().contains(NextHopFlag.ONLINK)) {
            return false;
        }
        if (d.device() != null && !d.device().equals(a.device())) {
            return false;
        }
        if (d.family() == Family.INET && !d.scope().equals(a.scope())) {
            return false;
        }
        if (d.family() == Family.INET6 && pref(d.preference()) != pref(a.preference())) {
            return false;
        }
        List<NextHop> dh = d.nextHops();
        List<NextHop> ah = a.nextHops();
        if (dh.size() != ah.size()) {
            return false;
        }
        if (dh.isEmpty()) {
            return true;
        }
        // the same hops, in any order (the kernel keeps IPv6 siblings in its own order)
        boolean[] used = new boolean[ah.size()];
        for (NextHop x : dh) {
            boolean found = false;
            for (int i = 0; i < ah.size() && !found; i++) {
                if (!used[i] && sameHop(x, ah.get(i))) {
                    used[i] = true;
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * A route on a nexthop object: the kernel reports it with the nexthop's gateway, device or paths filled in (and
     * as blackhole on a blackhole nexthop), so only what the route itself carries is compared.
     */
    private static boolean sameNhidRoute(Route d, Route a) {
        boolean typeOk = d.type() == a.type() || a.type() == RouteType.BLACKHOLE
                && (d.type() == RouteType.UNICAST || d.type() == RouteType.UNSPEC);
        if (d.nhid() != a.nhid() || !typeOk || !Objects.equals(d.prefsrc(), a.prefsrc())
                || !d.protocol().equals(a.protocol()) || !d.metrics().equals(a.metrics())) {
            return false;
        }
        if (d.family() == Family.INET && !d.scope().equals(a.scope())) {
            return false;
        }
        return d.family() != Family.INET6 || pref(d.preference()) == pref(a.preference());
    }

    private static boolean sameHop(NextHop x, NextHop y) {
        return Objects.equals(x.gateway(), y.gateway()) && x.weight() == y.weight() && x.realms() == y.realms()
                && (x.device() == null || x.device().equals(y.device()))
                && x.flags().contains(NextHopFlag.ONLINK) == y.flags().contains(NextHopFlag.ONLINK);
    }

    private static RoutePreference pref(RoutePreference p) {
        return p == null ? RoutePreference.MEDIUM : p;
    }

    // ---- rules ----

    private void planRules(List<Rule> desiredRules, List<Rule> actual, List<Change> adds, List<Change> deletes,
            List<Change> readdsAfterDeletes, List<String> conflicts) {
        List<Rule> owned = new ArrayList<>();
        for (Rule a : actual) {
            if (ownership.owns(a)) {
                owned.add(a);
            }
        }
        List<Rule> wanted = new ArrayList<>(desiredRules.size());
        for (Rule d0 : desiredRules) {
            Rule d = stamp(d0);
            for (Rule w : wanted) {
                if (sameRule(w, d) && sameRule(d, w)) {
                    throw new IllegalArgumentException("the desired rule \"" + d + "\" is given twice");
                }
            }
            wanted.add(d);
        }
        Rule[] keptFor = new Rule[owned.size()]; // the desired rule each owned rule serves; null: to be deleted
        // rules with a priority first, so that a rule without one cannot take the entry a prioritised rule needs
        for (int pass = 0; pass < 2; pass++) {
            for (Rule d : wanted) {
                if ((d.priority() != null) != (pass == 0)) {
                    continue;
                }
                boolean found = false;
                for (int i = 0; i < owned.size() && !found; i++) {
                    if (keptFor[i] == null && sameRule(d, owned.get(i))) {
                        keptFor[i] = d;
                        found = true;
                    }
                }
                if (!found) {
                    adds.add(Change.addRule(d));
                }
            }
        }
        List<Change> readds = new ArrayList<>();
        for (Rule a : deletableInOrder(actual, owned, keptFor, readds, conflicts)) {
            deletes.add(Change.deleteRule(a));
        }
        readdsAfterDeletes.addAll(readds);
    }

    /**
     * The owned rules to delete, in the order the kernel must see them. A delete is a selector, and the kernel removes
     * the first rule in its list that the selector matches (rule_find), where a mark of 0 and every unset field match
     * anything: deleting {@code 103: from 10.2.0.0/16 fwmark 0/0xffffffff lookup 100} removes an earlier
     * {@code 103: from 10.2.0.0/16 fwmark 0x2 lookup 100} (any mark under that mask) instead. So deletes go in the
     * kernel's list order (each then finds its own rule first); a kept rule that comes first and matches is deleted
     * too and its desired rule added back after the deletes; and a delete whose selector would first reach a rule that
     * is not owned (or one that cannot go) is left out and reported as a conflict. {@code actual} is in dump order.
     */
    private List<Rule> deletableInOrder(List<Rule> actual, List<Rule> owned, Rule[] keptFor, List<Change> readds,
            List<String> conflicts) {
        Map<Rule, Integer> ownedIndex = new IdentityHashMap<>();
        for (int i = 0; i < owned.size(); i++) {
            ownedIndex.put(owned.get(i), i);
        }
        // a rule is stuck when the selector that deletes it first reaches a foreign or a stuck rule (dump order)
        Set<Rule> stuck = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Rule, Rule> blocker = new IdentityHashMap<>();
        for (int t = 0; t < actual.size(); t++) {
            Rule target = actual.get(t);
            if (!ownedIndex.containsKey(target)) {
                continue;
            }
            for (int e = 0; e < t; e++) {
                Rule earlier = actual.get(e);
                if (deleteSelects(target, earlier) && (!ownedIndex.containsKey(earlier) || stuck.contains(earlier))) {
                    stuck.add(target);
                    blocker.put(target, earlier);
                    break;
                }
            }
        }
        // a kept rule that an owned delete's selector reaches first must go too (and come back after the deletes)
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int t = 0; t < actual.size(); t++) {
                Rule target = actual.get(t);
                Integer ti = ownedIndex.get(target);
                if (ti == null || keptFor[ti] != null || stuck.contains(target)) {
                    continue;
                }
                for (int e = 0; e < t; e++) {
                    Rule earlier = actual.get(e);
                    Integer ei = ownedIndex.get(earlier);
                    if (ei != null && keptFor[ei] != null && deleteSelects(target, earlier)) {
                        readds.add(Change.addRule(keptFor[ei]));
                        keptFor[ei] = null;
                        changed = true;
                    }
                }
            }
        }
        List<Rule> out = new ArrayList<>();
        for (Rule a : actual) {
            Integer i = ownedIndex.get(a);
            if (i == null || keptFor[i] != null) {
                continue;
            }
            if (stuck.contains(a)) {
                conflicts.add("rule \"" + a + "\" cannot be deleted: the kernel would delete \"" + blocker.get(a)
                        + "\" (not owned, or not deletable) instead");
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Whether deleting {@code sel} (sent as a selector, as iproute2 sends it) would match rule {@code r}: the kernel's
     * rule_find, where only what the selector sets is compared and a mark of 0 compares nothing. Errs towards a match
     * where unsure (realms, invert), which costs at most a needless delete and re-add.
     */
    static boolean deleteSelects(Rule sel, Rule r) {
        if (sel.family() != r.family()) {
            return false;
        }
        if (sel.action() != null && (r.action() == null || sel.action().number() != r.action().number())) {
            return false;
        }
        if (sel.table() != null && sel.table().id() != 0 && (r.table() == null || r.table().id() != sel.table().id())) {
            return false;
        }
        if (sel.priority() != null && !sel.priority().equals(r.priority())) {
            return false;
        }
        if (sel.iif() != null && !sel.iif().equals(r.iif()) || sel.oif() != null && !sel.oif().equals(r.oif())) {
            return false;
        }
        if (mark(sel) != 0 && mark(r) != mark(sel) || mask(sel) != 0 && mask(r) != mask(sel)) {
            return false;
        }
        if (sel.suppressIfGroup() != null && !sel.suppressIfGroup().equals(r.suppressIfGroup())
                || sel.suppressPrefixLength() != null && !sel.suppressPrefixLength().equals(r.suppressPrefixLength())) {
            return false;
        }
        if (sel.l3mdev() && !r.l3mdev() || sel.uidRange() != null && !sel.uidRange().equals(r.uidRange())) {
            return false;
        }
        if (sel.ipProto() != null && sel.ipProto() != 0 && !sel.ipProto().equals(r.ipProto())) {
            return false;
        }
        if (sel.protocol() != null && sel.protocol().value() != 0 && !sel.protocol().equals(r.protocol())) {
            return false;
        }
        if (sel.sport() != null && !sel.sport().equals(r.sport()) || sel.dport() != null && !sel.dport().equals(r.dport())) {
            return false;
        }
        if (!prefixSelects(sel.from(), r.from()) || !prefixSelects(sel.to(), r.to())) {
            return false;
        }
        return (sel.tos() == 0 || sel.tos() == r.tos()) && (sel.dscp() == null || sel.dscp().equals(r.dscp()));
    }

    /** fib4_rule_compare / fib6_rule_compare on a prefix: a /0 or absent one in the selector matches any. */
    private static boolean prefixSelects(CidrAddress sel, CidrAddress r) {
        if (sel == null || sel.length() == 0) {
            return true;
        }
        return r != null && r.length() == sel.length() && r.address().equals(sel.address());
    }

    /**
     * Whether an actual rule is what the desired one asks for: same family, selectors, action and protocol, and the
     * same priority when the desired rule has one. A mark without a mask is read as the kernel does (mask 0xffffffff
     * for a non-zero mark, no mark at all for mark 0); IPv6 rules have no realms.
     */
    static boolean sameRule(Rule d, Rule a) {
        return d.family() == a.family() && (d.priority() == null || d.priority().equals(a.priority()))
                && Objects.equals(d.action(), a.action()) && Objects.equals(d.from(), a.from())
                && Objects.equals(d.to(), a.to())
                && Objects.equals(d.iif(), a.iif()) && Objects.equals(d.oif(), a.oif())
                && mark(d) == mark(a) && mask(d) == mask(a) && d.tos() == a.tos() && Objects.equals(d.dscp(), a.dscp())
                && Objects.equals(d.ipProto(), a.ipProto()) && Objects.equals(d.sport(), a.sport())
                && Objects.equals(d.dport(), a.dport()) && Objects.equals(d.uidRange(), a.uidRange())
                && d.l3mdev() == a.l3mdev() && d.invert() == a.invert()
                && Objects.equals(d.suppressPrefixLength(), a.suppressPrefixLength())
                && Objects.equals(d.suppressIfGroup(), a.suppressIfGroup()) && d.protocol().equals(a.protocol())
                && (d.family() == Family.INET6 || d.realms() == a.realms());
    }

    /** The kernel's mark: 0 when none. */
    static long mark(Rule r) {
        return r.fwmark() == null ? 0 : r.fwmark();
    }

    /** The kernel's mask: as given, else 0xffffffff for a non-zero mark, else 0. */
    static long mask(Rule r) {
        if (r.fwmask() != null) {
            return r.fwmask();
        }
        return mark(r) != 0 ? 0xFFFF_FFFFL : 0;
    }
}
