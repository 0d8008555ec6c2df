package io.github.netroute.examples.agent;

import io.github.netroute.examples.KubeIpvs0;
import io.github.netroute.examples.OamPolicy;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The routes and rules the agent keeps on one node, and one reconcile pass over them.
 *
 * <p>It owns, by its protocol number: routes in table local and in the OaM table, and rules looking up the OaM
 * table. The desired state is {@link KubeIpvs0#localRoute one local route per service CIDR}, and per OaM LB IP
 * {@link OamPolicy#rule a rule}, the {@link OamPolicy#defaultRoute default route} of its family in the OaM table,
 * and (IPv4) its local route with the node IP as src. Two steps go beyond the reconciler, which never touches what
 * it does not own: the kernel's own local route of an OaM LB IP ({@code proto kernel}) is replaced by the agent's,
 * and when the IP stops being OaM the agent's local route is given back in the kernel's form if the address is
 * still on kube-ipvs0 (a plain delete would leave the address without its local route).
 *
 * <pre>{@code
 * NodeRoutes nr = new NodeRoutes(RouteTable.of(44), List.of(gw), RouteProtocol.of(200));
 * PassResult r = nr.reconcile(routing, view);   // rolls back what it applied when a change fails
 * }</pre>
 */
public final class NodeRoutes {
    private final RouteTable table;
    private final List<InetAddress> gateways;
    private final RouteProtocol protocol;
    private final Reconciler reconciler;

    /**
     * @param table the OaM policy table
     * @param gateways the OaM gateways, at most one per family
     * @param protocol the protocol number marking what the agent owns
     * @throws IllegalArgumentException for a reserved table or two gateways of one family
     */
    public NodeRoutes(RouteTable table, List<InetAddress> gateways, RouteProtocol protocol) {
        OamPolicy.checkTable(table, "--oam-table");
        Set<Family> seen = new HashSet<>();
        for (InetAddress g : gateways) {
            if (!seen.add(Family.of(g))) {
                throw new IllegalArgumentException("--oam-gateway " + IpAddresses.format(g) + ": one gateway per family");
            }
        }
        this.table = table;
        this.gateways = List.copyOf(gateways);
        this.protocol = Objects.requireNonNull(protocol);
        this.reconciler = Reconciler.of(Ownership.of(protocol, Set.of(RouteTable.LOCAL, table)));
    }

    /** The OaM table. */
    public RouteTable table() {
        return table;
    }

    /** The protocol number marking what the agent owns. */
    public RouteProtocol protocol() {
        return protocol;
    }

    /** The OaM gateway of a family, or null. */
    InetAddress gateway(Family f) {
        for (InetAddress g : gateways) {
            if (Family.of(g) == f) {
                return g;
            }
        }
        return null;
    }

    /** The desired state for a view (pure). Notes about what had to be left out go to {@code notes}. */
    public DesiredState desired(ClusterView v, List<String> notes) {
        List<Route> routes = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (IpPrefix c : v.serviceCidrs()) {
            InetAddress src = v.nodeIp(c.family());
            if (src == null) {
                notes.add("service CIDR " + c + " skipped: node " + v.node() + " has no " + c.family().ipName()
                        + " InternalIP");
                continue;
            }
            routes.add(KubeIpvs0.localRoute(c, src, protocol));
        }
        Set<Family> oamFamilies = new HashSet<>();
        for (InetAddress ip : v.oamIps()) {
            Family f = Family.of(ip);
            if (gateway(f) == null) {
                notes.add("OaM LB IP " + IpAddresses.format(ip) + " skipped: no " + f.ipName() + " --oam-gateway");
                continue;
            }
            oamFamilies.add(f);
            rules.add(OamPolicy.rule(ip, table, protocol));
            if (f == Family.INET) {
                InetAddress src = v.nodeIp(f);
                if (src != null) {
                    routes.add(KubeIpvs0.localRoute(IpPrefix.host(ip), src, protocol));
                } else {
                    notes.add("OaM LB IP " + IpAddresses.format(ip) + ": no IPv4 InternalIP for its local route");
                }
            }
        }
        for (Family f : Family.values()) {
            if (oamFamilies.contains(f)) {
                routes.add(OamPolicy.defaultRoute(gateway(f), table, protocol));
            }
        }
        return DesiredState.of(routes, rules);
    }

    /**
     * The actual state a pass works from: the owned tables' routes, every rule, and kube-ipvs0's IPv4 addresses (read
     * only when a pass is about to delete an LB IP's local route: most passes do not need them).
     */
    static final class Actual {
        final List<Route> routes;
        final List<Rule> rules;
        private final Routing routing;
        private Set<InetAddress> ipvsAddresses;

        Actual(List<Route> routes, List<Rule> rules, Routing routing) {
            this.routes = routes;
            this.rules = rules;
            this.routing = routing;
        }

        static Actual read(Routing routing, RouteTable table) throws RoutingException {
            List<Route> routes = new ArrayList<>();
            routing.forEachRoute(RouteFilter.table(RouteTable.LOCAL), routes::add);
            routing.forEachRoute(RouteFilter.table(table), routes::add);
            return new Actual(routes, routing.rules(), routing);
        }

        Set<InetAddress> ipvsAddresses() throws RoutingException {
            if (ipvsAddresses == null) {
                Set<InetAddress> addrs = new HashSet<>();
                for (Address a : routing.addresses(Family.INET)) {
                    if (KubeIpvs0.DEVICE.equals(a.device())) {
                        addrs.add(a.address());
                    }
                }
                ipvsAddresses = addrs;
            }
            return ipvsAddresses;
        }
    }

    /**
     * Plans from an actual state (reads nothing but, when needed, kube-ipvs0's addresses): the reconciler's plan, with the kernel's local route of a desired OaM LB
     * IP replaced instead of left as a conflict, and an owned local host route whose address is still on kube-ipvs0
     * given back in the kernel's form instead of deleted.
     */
    Plan plan(DesiredState desired, Actual actual) throws RoutingException {
        Map<IpPrefix, Route> wantedLocal = new HashMap<>();
        for (Route d : desired.routes()) {
            if (isHostLocal(d)) {
                wantedLocal.put(d.dst(), d);
            }
        }
        List<Route> seen = new ArrayList<>(actual.routes.size());
        Set<IpPrefix> takeOver = new HashSet<>();
        for (Route a : actual.routes) {
            if (wantedLocal.containsKey(a.dst()) && isKernelForm(a)) {
                takeOver.add(a.dst()); // hidden from the reconciler, which would report it as a conflict
            } else {
                seen.add(a);
            }
        }
        // Rules already in place exactly (but for the kernel-assigned priority) are matched here by hashing, so the
        // reconciler's pairwise rule matching only sees what differs (1 000 OaM rules: O(n) instead of O(n^2)).
        Map<Rule, List<Rule>> ownedRules = new HashMap<>();
        List<Rule> otherRules = new ArrayList<>();
        for (Rule a : actual.rules) {
            if (reconciler.ownership().owns(a)) {
                ownedRules.computeIfAbsent(a.toBuilder().priority(null).build(), x -> new ArrayList<>()).add(a);
            } else {
                otherRules.add(a);
            }
        }
        List<Rule> unmatched = new ArrayList<>();
        for (Rule d : desired.rules()) {
            Rule stamped = d.priority() == null && protocol.equals(d.protocol()) ? d : null;
            List<Rule> same = stamped == null ? null : ownedRules.get(stamped);
            if (same != null && !same.isEmpty()) {
                same.remove(same.size() - 1);
            } else {
                unmatched.add(d);
            }
        }
        for (List<Rule> l : ownedRules.values()) {
            otherRules.addAll(l);
        }
        Plan p = reconciler.plan(DesiredState.of(desired.routes(), unmatched), seen, otherRules);
        List<Change> changes = new ArrayList<>(p.changes().size());
        for (Change c : p.changes()) {
            if (c instanceof Change.RouteChange rc && rc.verb() == RouteVerb.ADD && takeOver.contains(rc.route().dst())
                    && isHostLocal(rc.route())) {
                changes.add(Change.route(RouteVerb.REPLACE, rc.route()));
            } else if (c instanceof Change.RouteDelete rd && isHostLocal(rd.route())
                    && actual.ipvsAddresses().contains(rd.route().dst().address())) {
                changes.add(Change.route(RouteVerb.REPLACE, KubeIpvs0.kernelLocalRoute(rd.route().dst().address())));
            } else {
                changes.add(c);
            }
        }
        return new Plan(changes, p.conflicts());
    }

    /** An IPv4 local /32 in table local (an LB IP's local route, the agent's or the kernel's). */
    private static boolean isHostLocal(Route r) {
        return r.family() == Family.INET && r.type() == RouteType.LOCAL && r.table().equals(RouteTable.LOCAL)
                && r.dst().length() == 32;
    }

    private static boolean isKernelForm(Route a) {
        return isHostLocal(a) && a.protocol().equals(RouteProtocol.KERNEL) && KubeIpvs0.DEVICE.equals(a.device())
                && a.dst().address().equals(a.prefsrc()) && a.priority() == 0 && a.tos() == 0;
    }

    /**
     * One pass: makes sure kube-ipvs0 exists (and is up when an IPv6 CIDR needs it), plans, applies as one batch.
     * When a change fails, everything this pass did is undone (the owned routes and rules are reconciled back to
     * what they were, a link it created is deleted) and the result says what failed.
     *
     * @throws RoutingException when the state cannot be read (nothing has been changed then)
     */
    public PassResult reconcile(Routing routing, ClusterView view) throws RoutingException {
        long t0 = System.nanoTime();
        List<String> notes = new ArrayList<>();
        DesiredState desired = desired(view, notes);
        boolean needUp = desired.routes().stream().anyMatch(r -> r.family() == Family.INET6
                && r.table().equals(RouteTable.LOCAL));
        boolean needDevice = !desired.routes().isEmpty()
                && desired.routes().stream().anyMatch(r -> r.table().equals(RouteTable.LOCAL));
        Actual before = Actual.read(routing, table);
        List<String> deviceSteps = needDevice ? KubeIpvs0.ensureDevice(routing, needUp) : List.of();
        Actual actual = deviceSteps.isEmpty() ? before : Actual.read(routing, table);
        Plan plan = plan(desired, actual);
        List<ChangeResult> results = plan.isEmpty() ? List.of() : routing.apply(plan.changes());
        List<ChangeResult> failed = results.stream().filter(r -> !r.ok()).toList();
        List<String> rollback = new ArrayList<>();
        if (!failed.isEmpty() || plan.changes().size() != results.size()) {
            rollback = rollBack(routing, before, deviceSteps);
        }
        return new PassResult(view, deviceSteps, plan, results, failed, rollback, notes, System.nanoTime() - t0);
    }

    /** Reconciles the owned routes and rules back to {@code before}; undoes the link steps. Returns what failed. */
    private List<String> rollBack(Routing routing, Actual before, List<String> deviceSteps) {
        List<String> problems = new ArrayList<>();
        List<Route> ownedRoutes = new ArrayList<>();
        for (Route r : before.routes) {
            if (reconciler.ownership().owns(r)) {
                ownedRoutes.add(r);
            }
        }
        List<Rule> ownedRules = new ArrayList<>();
        for (Rule r : before.rules) {
            if (reconciler.ownership().owns(r)) {
                ownedRules.add(r);
            }
        }
        try {
            Plan back = plan(DesiredState.of(ownedRoutes, ownedRules), Actual.read(routing, table));
            for (ChangeResult r : routing.apply(back.changes())) {
                if (!r.ok()) {
                    problems.add(r.toString());
                }
            }
        } catch (RoutingException | RuntimeException e) {
            problems.add("rollback: " + e.getMessage());
        }
        try {
            if (deviceSteps.stream().anyMatch(s -> s.startsWith("link add"))) {
                routing.deleteLink(KubeIpvs0.DEVICE);
            } else if (deviceSteps.stream().anyMatch(s -> s.startsWith("link set"))) {
                routing.setLinkUp(KubeIpvs0.DEVICE, false);
            }
        } catch (RoutingException e) {
            problems.add("rollback of " + deviceSteps + ": " + e.getMessage());
        }
        return problems;
    }
}
