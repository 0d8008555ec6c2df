package io.github.netroute.examples;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The seed's change: one {@code local CIDR dev kube-ipvs0 table local scope host src NODE-IP} route per service
 * CIDR instead of one address per ClusterIP on kube-ipvs0.
 *
 * <pre>{@code
 * KubeIpvs0 job = new KubeIpvs0(List.of(IpPrefix.parse("10.96.0.0/12")),
 *     List.of(InetAddress.getByName("192.168.1.2")), RouteProtocol.of(200));
 * int exit = job.run(routing, false, System.out);
 * }</pre>
 */
public final class KubeIpvs0 {
    /** The device kube-proxy (ipvs mode) uses. */
    public static final String DEVICE = "kube-ipvs0";

    private final List<IpPrefix> cidrs;
    private final List<InetAddress> nodeIps;
    private final RouteProtocol protocol;

    /**
     * @param cidrs service CIDRs (IPv4 and/or IPv6)
     * @param nodeIps node IPs; each CIDR needs one of its family
     * @param protocol the protocol number marking the routes this job owns
     */
    public KubeIpvs0(List<IpPrefix> cidrs, List<InetAddress> nodeIps, RouteProtocol protocol) {
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException("at least one --service-cidr is needed");
        }
        for (IpPrefix c : cidrs) {
            if (nodeIp(nodeIps, c.family()) == null) {
                throw new IllegalArgumentException("service CIDR " + c + " needs a --node-ip of family "
                        + c.family().ipName());
            }
        }
        this.cidrs = List.copyOf(cidrs);
        this.nodeIps = List.copyOf(nodeIps);
        this.protocol = protocol;
    }

    static InetAddress nodeIp(List<InetAddress> ips, Family f) {
        for (InetAddress a : ips) {
            if (Family.of(a) == f) {
                return a;
            }
        }
        return null;
    }

    /** The desired local routes. */
    public List<Route> desiredRoutes() {
        List<Route> out = new ArrayList<>();
        for (IpPrefix c : cidrs) {
            out.add(localRoute(c, nodeIp(nodeIps, c.family()), protocol));
        }
        return out;
    }

    /**
     * {@code local PREFIX dev kube-ipvs0 table local scope host src SRC proto PROTOCOL} (IPv6: no scope, metric
     * 1024, as the kernel stores a user's IPv6 route).
     */
    public static Route localRoute(IpPrefix prefix, InetAddress src, RouteProtocol protocol) {
        return Route.builder().type(RouteType.LOCAL).dst(prefix).device(DEVICE).table(RouteTable.LOCAL)
                .scope(prefix.family() == Family.INET ? RouteScope.HOST : RouteScope.UNIVERSE)
                .prefsrc(src).protocol(protocol)
                .priority(prefix.family() == Family.INET6 ? 1024 : 0).build();
    }

    /**
     * The local route the kernel itself makes for an IPv4 address on kube-ipvs0:
     * {@code local IP dev kube-ipvs0 table local proto kernel scope host src IP}.
     */
    public static Route kernelLocalRoute(InetAddress ip) {
        return Route.builder().type(RouteType.LOCAL).dst(IpPrefix.host(ip)).device(DEVICE).table(RouteTable.LOCAL)
                .scope(RouteScope.HOST).prefsrc(ip).protocol(RouteProtocol.KERNEL).build();
    }

    /**
     * Makes kube-ipvs0 exist (a dummy link) and, when {@code up}, be up; returns what it did, e.g.
     * {@code ["link add kube-ipvs0 type dummy", "link set kube-ipvs0 up"]}.
     *
     * @throws RoutingException when the link cannot be made; a kernel without the dummy link type gets a message
     *     saying so
     */
    public static List<String> ensureDevice(Routing routing, boolean up) throws RoutingException {
        List<String> done = new ArrayList<>(2);
        Link link = routing.link(DEVICE).orElse(null);
        if (link == null) {
            try {
                routing.addLink(DEVICE, "dummy");
            } catch (RoutingException e) {
                if (noDummyType(e)) {
                    throw new IllegalStateException(noDummyMessage(e), e);
                }
                throw e;
            }
            done.add("link add " + DEVICE + " type dummy");
        }
        if (up && (link == null || !link.up())) {
            routing.setLinkUp(DEVICE, true);
            done.add("link set " + DEVICE + " up");
        }
        return done;
    }

    static boolean noDummyType(RoutingException e) {
        return e.errno().equals(Errno.EOPNOTSUPP) || e.errno().equals(Errno.ENODEV);
    }

    static String noDummyMessage(RoutingException e) {
        return "cannot create " + DEVICE + ": this kernel has no 'dummy' link type"
                + " (CONFIG_DUMMY is off or the dummy module is missing): " + e.getMessage();
    }

    /** The reconciler: it owns routes of {@link #protocol} in table local. */
    public Reconciler reconciler() {
        return Reconciler.of(Ownership.of(protocol, Set.of(RouteTable.LOCAL)));
    }

    /** Per-ClusterIP /32 and /128 addresses on kube-ipvs0 that lie inside a service CIDR. */
    public List<Address> strayAddresses(Routing routing) throws RoutingException {
        List<Address> out = new ArrayList<>();
        for (Address a : routing.addresses()) {
            if (DEVICE.equals(a.device()) && a.local().length() == a.family().bits()
                    && cidrs.stream().anyMatch(c -> c.contains(a.address()))) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * As {@link #run(Routing, boolean, PrintStream, PrintStream)} with errors printed to {@code out} too.
     *
     * @return the process exit code: 0 converged (or a dry run), 1 refused or failed
     */
    public int run(Routing routing, boolean dryRun, PrintStream out) throws RoutingException {
        return run(routing, dryRun, out, out);
    }

    /**
     * Checks, plans, prints the plan, applies it (unless a dry run) and shows the result. Nothing is changed when a
     * check fails (a node IP that is not an address of this node) or something not owned stands in the way of a
     * desired route (a conflict). The changes go in stages so that a failure never leaves less than before: the
     * local routes first, then the per-ClusterIP addresses (the kernel flushes kube-ipvs0's routes with its last
     * IPv4 address, so they are put back right after), then the removals; when a change fails, everything the run
     * did is rolled back.
     *
     * <p>The command is declarative: the service CIDRs given are the whole set. A route it owns ({@code proto
     * PROTOCOL} in table local) for a CIDR that is not given is removed, whatever its family, and the plan says so.
     *
     * @return the process exit code: 0 converged (or a dry run, or nothing to change), 1 refused or failed (rolled
     *     back)
     */
    public int run(Routing routing, boolean dryRun, PrintStream out, PrintStream err) throws RoutingException {
        boolean needV6 = cidrs.stream().anyMatch(c -> c.family() == Family.INET6);
        Link link = routing.link(DEVICE).orElse(null);
        List<String> linkSteps = new ArrayList<>();
        if (link == null) {
            linkSteps.add("link add " + DEVICE + " type dummy");
        }
        if (needV6 && (link == null || !link.up())) {
            linkSteps.add("link set " + DEVICE + " up");
        }
        Reconciler reconciler = reconciler();
        DesiredState desired = DesiredState.routes(desiredRoutes());
        List<Address> stray = strayAddresses(routing);
        Plan plan = link == null ? reconciler.plan(desired, List.of(), routing.rules())
                : reconciler.plan(routing, desired);
        List<String> problems = checks(routing);

        out.println("# plan for " + DEVICE + ": " + cidrs.size() + " service CIDR(s) " + cidrs + ", node IP(s) "
                + ips());
        out.println("# declarative: these CIDRs are the whole set; a route with proto " + protocol.value()
                + " in table local for any other CIDR, of either family, is removed");
        for (String s : linkSteps) {
            out.println("+ " + s + (s.endsWith("up") ? "    (IPv6 local routes need their device up)" : ""));
        }
        for (Change c : plan.changes()) {
            if (!c.isDelete()) {
                out.println(line(c, ""));
            }
        }
        if (!stray.isEmpty()) {
            out.println("- addr del " + stray.size() + " per-ClusterIP address(es) from " + DEVICE + ", e.g. "
                    + stray.get(0).local() + " (each one makes a more specific local route with the wrong src)");
            for (Route r : flushedWithLastAddress(routing, stray)) {
                out.println("~ route replace " + r.toString().replace("\n\t", " ") + "    (again: the kernel flushes "
                        + DEVICE + "'s routes with its last IPv4 address)");
            }
        }
        for (Change c : plan.changes()) {
            if (c.isDelete()) {
                out.println(line(c, "    (owned: proto " + protocol.value() + ", and not one of the service CIDRs)"));
            }
        }
        for (String c : plan.conflicts()) {
            out.println("! " + c);
        }
        boolean nothing = linkSteps.isEmpty() && plan.isEmpty() && stray.isEmpty();
        if (!problems.isEmpty() || !plan.conflicts().isEmpty()) {
            for (String p : problems) {
                err.println("error: " + p);
            }
            for (String c : plan.conflicts()) {
                err.println("error: " + c + ": that route is not this command's (not proto " + protocol.value()
                        + "), so it is left alone; delete it, or pass --protocol with its protocol to take it over");
            }
            err.println("error: nothing was changed");
            return 1;
        }
        if (nothing) {
            out.println("nothing to change: every service CIDR already has its local route and " + DEVICE
                    + " holds no per-ClusterIP addresses");
            showResult(routing, out);
            return 0;
        }
        if (dryRun) {
            out.println("# dry run: nothing applied");
            return 0;
        }

        Staged.Snapshot before = Staged.snapshot(routing, reconciler);
        List<String> linkDone = new ArrayList<>();
        try {
            if (link == null) {
                routing.addLink(DEVICE, "dummy");
                linkDone.add("link add " + DEVICE + " type dummy");
            }
            if (needV6 && !routing.link(DEVICE).map(Link::up).orElse(false)) {
                routing.setLinkUp(DEVICE, true);
                linkDone.add("link set " + DEVICE + " up");
            }
        } catch (RoutingException e) {
            List<String> left = Staged.rollBack(routing, before, reconciler, linkDone);
            err.println("error: " + (noDummyType(e) ? noDummyMessage(e) : e.getMessage())
                    + (left.isEmpty() ? "; nothing was changed" : "; rollback incomplete: " + left));
            return 1;
        }
        // 1. the local routes (adds and replaces): with them in place the ClusterIPs keep answering
        // 2. the per-ClusterIP addresses
        // 3. the local routes the kernel flushed with kube-ipvs0's last IPv4 address, put back
        // 4. the removals
        Staged.Outcome o;
        try (Progress p = Progress.phase("applying " + (plan.changes().size() + stray.size()) + " change(s)")) {
            o = Staged.apply(routing, List.of(
                    () -> nonDeletes(reconciler.plan(routing, desired)),
                    () -> stray.stream().map(Change::deleteAddress).toList(),
                    () -> nonDeletes(reconciler.plan(routing, desired)),
                    () -> reconciler.plan(routing, desired).changes()), before, reconciler, linkDone);
        }
        out.println("# " + o);
        if (!o.ok()) {
            err.println("error: " + o);
        }
        showResult(routing, out);
        Plan again = reconciler.plan(routing, desired);
        boolean converged = again.isEmpty() && strayAddresses(routing).isEmpty();
        if (o.ok()) {
            out.println(converged ? "# converged: a second run would change nothing"
                    : "# NOT converged; still to do:\n" + again);
        }
        return o.ok() && converged ? 0 : 1;
    }

    private static String line(Change c, String note) {
        return new Plan(List.of(c), List.of()).toString().stripTrailing() + note;
    }

    private static List<Change> nonDeletes(Plan p) {
        return p.changes().stream().filter(c -> !c.isDelete()).toList();
    }

    /** The desired IPv4 routes the kernel would flush when {@code stray} takes kube-ipvs0's last IPv4 addresses. */
    private List<Route> flushedWithLastAddress(Routing routing, List<Address> stray) throws RoutingException {
        boolean last = routing.addresses(Family.INET).stream().filter(a -> DEVICE.equals(a.device()))
                .allMatch(stray::contains);
        boolean any = stray.stream().anyMatch(a -> a.family() == Family.INET);
        return last && any ? desiredRoutes().stream().filter(r -> r.family() == Family.INET).toList() : List.of();
    }

    /**
     * What must hold before anything is changed: each node IP is an address of this node (the kernel refuses a
     * local route whose src is not, and kube-ipvs0's addresses would be gone by then).
     */
    List<String> checks(Routing routing) throws RoutingException {
        List<String> problems = new ArrayList<>();
        for (InetAddress ip : nodeIps) {
            if (cidrs.stream().noneMatch(c -> c.family() == Family.of(ip))) {
                continue;
            }
            List<Address> own = routing.addresses(Family.of(ip));
            if (own.stream().noneMatch(a -> a.address().equals(ip))) {
                problems.add("--node-ip " + IpAddresses.format(ip) + " is not an address of this node"
                        + (own.isEmpty() ? "" : " (its " + Family.of(ip).ipName() + " addresses: " + own.stream()
                                .filter(a -> !DEVICE.equals(a.device())).limit(5)
                                .map(a -> a.local() + " dev " + a.device()).reduce((a, b) -> a + ", " + b)
                                .orElse("none") + ")")
                        + "; the local routes need it as their src");
            }
        }
        return problems;
    }

    private String ips() {
        return nodeIps.stream().map(IpAddresses::format).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private void showResult(Routing routing, PrintStream out) throws RoutingException {
        for (Family f : Family.values()) {
            if (cidrs.stream().noneMatch(c -> c.family() == f)) {
                continue;
            }
            out.println("# ip " + (f == Family.INET6 ? "-6 " : "") + "route show table local");
            for (Route r : routing.routes(RouteFilter.table(RouteTable.LOCAL).withFamily(f))) {
                out.println(Format.withoutTable(r));
            }
        }
        for (IpPrefix c : cidrs) {
            InetAddress clusterIp = firstHost(c);
            out.println("# ip route get " + IpAddresses.format(clusterIp) + "    (from the node itself)");
            try {
                LookupResult res = routing.lookup(RouteLookup.to(clusterIp));
                out.println(res);
            } catch (RoutingException e) {
                out.println("RTNETLINK answers: " + e.errno().description());
            }
        }
    }

    /** The first address after the network address (the kubernetes service's usual ClusterIP). */
    static InetAddress firstHost(IpPrefix p) {
        return Nodes.offset(p.address(), 1);
    }
}
