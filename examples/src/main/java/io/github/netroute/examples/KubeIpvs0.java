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
     * Plans, prints, applies (unless a dry run) and shows the result.
     *
     * @return the process exit code: 0 converged, 1 failed
     */
    public int run(Routing routing, boolean dryRun, PrintStream out) throws RoutingException {
        boolean needV6 = cidrs.stream().anyMatch(c -> c.family() == Family.INET6);
        Link link = routing.link(DEVICE).orElse(null);
        List<String> linkSteps = new ArrayList<>();
        if (link == null) {
            linkSteps.add("link add " + DEVICE + " type dummy");
        }
        if (needV6 && (link == null || !link.up())) {
            linkSteps.add("link set " + DEVICE + " up    (IPv6 local routes need their device up)");
        }
        Reconciler reconciler = reconciler();
        DesiredState desired = DesiredState.routes(desiredRoutes());
        List<Address> stray = strayAddresses(routing);
        Plan plan = link == null ? reconciler.plan(desired, List.of(), routing.rules())
                : reconciler.plan(routing, desired);

        out.println("# plan for " + DEVICE + ": " + cidrs.size() + " service CIDR(s), node IP(s) " + ips());
        if (linkSteps.isEmpty() && plan.isEmpty() && stray.isEmpty()) {
            out.println("nothing to change: every service CIDR already has its local route and " + DEVICE
                    + " holds no per-ClusterIP addresses");
            showResult(routing, out);
            return plan.conflicts().isEmpty() ? 0 : 1;
        }
        for (String s : linkSteps) {
            out.println("+ " + s);
        }
        if (!stray.isEmpty()) {
            out.println("- addr del " + stray.size() + " per-ClusterIP address(es) from " + DEVICE + ", e.g. "
                    + stray.get(0).local() + " (each one makes a more specific local route with the wrong src)");
        }
        out.print(plan);
        if (dryRun) {
            out.println("# dry run: nothing applied");
            return 0;
        }

        // apply: the link first
        if (link == null) {
            try {
                routing.addLink(DEVICE, "dummy");
            } catch (RoutingException e) {
                if (noDummyType(e)) {
                    out.println("error: " + noDummyMessage(e));
                    return 1;
                }
                throw e;
            }
            plan = reconciler.plan(routing, desired);
        }
        if (needV6 && !routing.link(DEVICE).map(Link::up).orElse(false)) {
            routing.setLinkUp(DEVICE, true);
        }
        // Addresses first: removing the last IPv4 address of a device makes the kernel flush every route through
        // it (host scope included), so the local routes must come after. The gap is one batch, microseconds.
        List<Change> changes = new ArrayList<>(stray.size() + plan.changes().size());
        for (Address a : stray) {
            changes.add(Change.deleteAddress(a));
        }
        changes.addAll(plan.changes());
        List<ChangeResult> results = routing.apply(changes);
        long failed = results.stream().filter(r -> !r.ok()).count();
        out.println("# applied " + (results.size() - failed) + " change(s), " + failed + " failed");
        results.stream().filter(r -> !r.ok()).limit(20).forEach(r -> out.println("  " + r));
        showResult(routing, out);
        Plan again = reconciler.plan(routing, desired);
        boolean converged = again.isEmpty() && strayAddresses(routing).isEmpty();
        out.println(converged ? "# converged: a second run would change nothing"
                : "# NOT converged; still to do:\n" + again);
        return failed == 0 && converged && plan.conflicts().isEmpty() ? 0 : 1;
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
