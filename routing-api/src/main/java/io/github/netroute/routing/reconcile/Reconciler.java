package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Declarative routes and rules: makes the owned part of a namespace's state equal to a desired state with the
 * fewest changes, and never touches what it does not own.
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
 * Rules are matched on all selectors and the action (and the priority when the desired rule has one).
 */
public final class Reconciler {
    private final Ownership ownership;

    private Reconciler(Ownership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    /** A reconciler owning what {@code ownership} describes. */
    public static Reconciler of(Ownership ownership) {
        return new Reconciler(ownership);
    }

    /** The ownership. */
    public Ownership ownership() {
        return ownership;
    }

    /** Reads the actual state and plans (a dry run: nothing is changed). */
    public Plan plan(Routing routing, DesiredState desired) throws RoutingException {
        List<Route> routes = new ArrayList<>();
        RouteFilter filter = ownership.tables().size() == 1
                ? RouteFilter.table(ownership.tables().iterator().next()) : RouteFilter.ALL;
        Set<io.github.netroute.routing.RouteTable> desiredTables = new HashSet<>();
        for (Route d : desired.routes()) {
            desiredTables.add(d.table());
        }
        // keep what is owned, and what shares a table with a desired route (to see conflicts)
        routing.forEachRoute(filter, r -> {
            if (ownership.owns(r) || desiredTables.contains(r.table())) {
                routes.add(r);
            }
        });
        return plan(desired, routes, routing.rules(null));
    }

    /** Plans from a given actual state (pure; no I/O). */
    public Plan plan(DesiredState desired, List<Route> actualRoutes, List<Rule> actualRules) {
        List<Change> adds = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        planRoutes(desired.routes(), actualRoutes, adds, deletes, conflicts);
        planRules(desired.rules(), actualRules, adds, deletes);
        List<Change> all = new ArrayList<>(adds.size() + deletes.size());
        all.addAll(adds);
        all.addAll(deletes);
        return new Plan(all, conflicts);
    }

    /** Applies a plan as one batch. */
    public Report apply(Routing routing, Plan plan) {
        return new Report(plan, plan.isEmpty() ? List.of() : routing.apply(plan.changes()));
    }

    /** Plans and applies. */
    public Report reconcile(Routing routing, DesiredState desired) throws RoutingException {
        return apply(routing, plan(routing, desired));
    }

    /** Receives the outcome of each pass of {@link #watch}. */
    public interface Listener {
        /** A pass completed (its report may hold failed changes). */
        void reconciled(Report report);

        /** A pass could not read the state. */
        default void failed(RoutingException e) {}
    }

    /**
     * Keeps reconciling until closed: once at start, after change events that concern owned or desired objects
     * (coalesced), after every {@link RoutingEvent.ResyncNeeded}, and every {@code resyncPeriod}.
     */
    public AutoCloseable watch(Routing routing, Supplier<DesiredState> desired, Duration resyncPeriod,
            Listener listener) throws RoutingException {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netroute-reconciler");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean pending = new AtomicBoolean();
        Runnable pass = () -> {
            pending.set(false);
            try {
                listener.reconciled(reconcile(routing, desired.get()));
            } catch (RoutingException e) {
                listener.failed(e);
            } catch (RuntimeException e) {
                listener.failed(new RoutingException("reconcile", "", io.github.netroute.routing.Errno.EPROTO,
                        e.toString(), e));
            }
        };
        Subscription sub = routing.subscribe(ev -> {
            if (relevant(ev) && pending.compareAndSet(false, true)) {
                ex.schedule(pass, 20, TimeUnit.MILLISECONDS);
            }
        });
        long periodMs = Math.max(1, resyncPeriod.toMillis());
        ex.scheduleWithFixedDelay(pass, 0, periodMs, TimeUnit.MILLISECONDS);
        return () -> {
            sub.close();
            ex.shutdownNow();
            try {
                ex.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private boolean relevant(RoutingEvent ev) {
        if (ev instanceof RoutingEvent.RouteAdded a) {
            return ownership.owns(a.route()) || ownership.tables().contains(a.route().table());
        }
        if (ev instanceof RoutingEvent.RouteRemoved r) {
            return ownership.owns(r.route());
        }
        if (ev instanceof RoutingEvent.RuleAdded a) {
            return ownership.owns(a.rule());
        }
        if (ev instanceof RoutingEvent.RuleRemoved r) {
            return ownership.owns(r.rule());
        }
        return true; // links, addresses (they flush routes) and resync
    }

    // ---- routes ----

    record Key(Family family, long table, IpPrefix dst, IpPrefix src, int tos, long priority) {
        static Key of(Route r) {
            long prio = r.priority();
            if (r.family() == Family.INET6 && prio == 0) {
                prio = 1024;
            }
            return new Key(r.family(), r.table().id(), r.dst(), r.src(), r.family() == Family.INET ? r.tos() : 0,
                    prio);
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
        Rule s = ownership.protocol() != null && !ownership.protocol().equals(d.protocol())
                ? d.toBuilder().protocol(ownership.protocol()).build() : d;
        if (!ownership.owns(s)) {
            throw new IllegalArgumentException("desired rule \"" + d + "\" is outside the ownership (" + ownership + ")");
        }
        return s;
    }

    private void planRoutes(List<Route> desiredRoutes, List<Route> actual, List<Change> adds, List<Change> deletes,
            List<String> conflicts) {
        Map<Key, Route> desired = new LinkedHashMap<>(desiredRoutes.size() * 2);
        for (Route d : desiredRoutes) {
            Route s = stamp(d);
            if (desired.put(Key.of(s), s) != null) {
                throw new IllegalArgumentException("two desired routes share the key of \"" + s + "\"");
            }
        }
        Map<Key, List<Route>> byKey = new HashMap<>(actual.size() * 2);
        for (Route a : actual) {
            if (a.type() == io.github.netroute.routing.RouteType.UNSPEC) {
                continue;
            }
            byKey.computeIfAbsent(Key.of(a), k -> new ArrayList<>(1)).add(a);
        }
        Set<Route> kept = new HashSet<>();
        for (Map.Entry<Key, Route> e : desired.entrySet()) {
            Route d = e.getValue();
            List<Route> same = byKey.getOrDefault(e.getKey(), List.of());
            Route match = null;
            boolean foreign = false;
            for (Route a : same) {
                if (!ownership.owns(a)) {
                    foreign = true;
                } else if (match == null && sameRoute(d, a)) {
                    match = a;
                }
            }
            if (match != null) {
                kept.add(match);
            } else if (foreign) {
                conflicts.add("route \"" + d + "\" not installed: its key is held by a route not owned ("
                        + same.stream().filter(a -> !ownership.owns(a)).findFirst().orElseThrow() + ")");
            } else if (same.isEmpty()) {
                adds.add(Change.route(RouteVerb.ADD, d));
            } else {
                adds.add(Change.route(RouteVerb.REPLACE, d));
                kept.add(same.get(0)); // the first entry with the key is the one replaced
            }
        }
        for (Route a : actual) {
            if (ownership.owns(a) && !kept.contains(a)) {
                deletes.add(Change.deleteRoute(a));
            }
        }
    }

    /** Whether an actual route is what the desired one asks for (fields the kernel fills in are ignored). */
    static boolean sameRoute(Route d, Route a) {
        if (d.type() != a.type() || !Key.of(d).equals(Key.of(a)) || !Objects.equals(d.gateway(), a.gateway())
                || !Objects.equals(d.prefsrc(), a.prefsrc()) || !d.protocol().equals(a.protocol())
                || !d.metrics().equals(a.metrics())
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
        if (d.nextHops().size() != a.nextHops().size()) {
            return false;
        }
        for (int i = 0; i < d.nextHops().size(); i++) {
            NextHop x = d.nextHops().get(i);
            NextHop y = a.nextHops().get(i);
            if (!Objects.equals(x.gateway(), y.gateway()) || x.weight() != y.weight()
                    || (x.device() != null && !x.device().equals(y.device()))) {
                return false;
            }
        }
        return true;
    }

    private static RoutePreference pref(RoutePreference p) {
        return p == null ? RoutePreference.MEDIUM : p;
    }

    // ---- rules ----

    private void planRules(List<Rule> desiredRules, List<Rule> actual, List<Change> adds, List<Change> deletes) {
        List<Rule> owned = new ArrayList<>();
        for (Rule a : actual) {
            if (ownership.owns(a)) {
                owned.add(a);
            }
        }
        boolean[] used = new boolean[owned.size()];
        for (Rule d0 : desiredRules) {
            Rule d = stamp(d0);
            boolean found = false;
            for (int i = 0; i < owned.size(); i++) {
                if (!used[i] && sameRule(d, owned.get(i))) {
                    used[i] = true;
                    found = true;
                    break;
                }
            }
            if (!found) {
                adds.add(Change.addRule(d));
            }
        }
        for (int i = 0; i < owned.size(); i++) {
            if (!used[i]) {
                deletes.add(Change.deleteRule(owned.get(i)));
            }
        }
    }

    static boolean sameRule(Rule d, Rule a) {
        return d.family() == a.family() && (d.priority() == null || d.priority().equals(a.priority()))
                && (d.action() == null || d.action().equals(a.action())) && Objects.equals(d.from(), a.from()) && Objects.equals(d.to(), a.to())
                && Objects.equals(d.iif(), a.iif()) && Objects.equals(d.oif(), a.oif())
                && Objects.equals(d.fwmark(), a.fwmark())
                && Objects.equals(mask(d), mask(a)) && d.tos() == a.tos() && Objects.equals(d.dscp(), a.dscp())
                && Objects.equals(d.ipProto(), a.ipProto()) && Objects.equals(d.sport(), a.sport())
                && Objects.equals(d.dport(), a.dport()) && Objects.equals(d.uidRange(), a.uidRange())
                && d.l3mdev() == a.l3mdev() && d.invert() == a.invert()
                && Objects.equals(d.suppressPrefixLength(), a.suppressPrefixLength())
                && Objects.equals(d.suppressIfGroup(), a.suppressIfGroup()) && d.protocol().equals(a.protocol());
    }

    /** A mark without a mask means mask 0xffffffff (the kernel's reading). */
    private static Long mask(Rule r) {
        if (r.fwmask() != null) {
            return r.fwmask();
        }
        return r.fwmark() != null && r.fwmark() != 0 ? 0xFFFF_FFFFL : null;
    }
}
