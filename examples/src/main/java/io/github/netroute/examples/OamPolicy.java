package io.github.netroute.examples;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The seed's fix for asymmetric routing on a node with a traffic and an OaM network: replies from OaM
 * loadBalancerIPs go to the OaM gateway through a source-based policy route.
 *
 * <pre>{@code
 * OamPolicy p = new OamPolicy(List.of(InetAddress.getByName("10.0.0.0")),
 *     InetAddress.getByName("192.168.1.202"), RouteTable.of(44), RouteProtocol.of(200));
 * p.run(routing, false, false, System.out);   // rule from 10.0.0.0/32 lookup 44; default via 192.168.1.202 table 44
 * }</pre>
 */
public final class OamPolicy {
    private final List<InetAddress> lbIps;
    private final InetAddress gateway;
    private final RouteTable table;
    private final RouteProtocol protocol;

    /**
     * @param lbIps the OaM services' loadBalancerIPs
     * @param gateway the OaM gateway
     * @param table the policy table
     * @param protocol the protocol number marking what this job owns
     */
    public OamPolicy(List<InetAddress> lbIps, InetAddress gateway, RouteTable table, RouteProtocol protocol) {
        if (lbIps.isEmpty()) {
            throw new IllegalArgumentException("at least one --lb-ip is needed");
        }
        checkTable(table, "--table");
        for (InetAddress a : lbIps) {
            if (Family.of(a) != Family.of(gateway)) {
                throw new IllegalArgumentException("--lb-ip " + IpAddresses.format(a) + " and --gateway "
                        + IpAddresses.format(gateway) + " are of different families");
            }
        }
        this.lbIps = List.copyOf(lbIps);
        this.gateway = gateway;
        this.table = table;
        this.protocol = protocol;
    }

    /** The desired state: one rule per loadBalancerIP and the default route of the policy table. */
    public DesiredState desired() {
        List<Rule> rules = new ArrayList<>();
        for (InetAddress a : lbIps) {
            rules.add(rule(a, table, protocol));
        }
        return DesiredState.of(List.of(defaultRoute(gateway, table, protocol)), rules);
    }

    /** {@code from LB-IP lookup TABLE proto PROTOCOL}. */
    public static Rule rule(InetAddress lbIp, RouteTable table, RouteProtocol protocol) {
        return Rule.builder().family(Family.of(lbIp)).from(CidrAddress.host(lbIp))
                .action(RuleAction.lookup(table)).protocol(protocol).build();
    }

    /** {@code default via GATEWAY table TABLE proto PROTOCOL}. */
    public static Route defaultRoute(InetAddress gateway, RouteTable table, RouteProtocol protocol) {
        return Route.builder().dst(IpPrefix.defaultOf(Family.of(gateway))).gateway(gateway).table(table)
                .protocol(protocol).build();
    }

    /**
     * Refuses the tables a policy table must not be (unspec, main, local, default), naming the flag.
     *
     * @throws IllegalArgumentException for a reserved table
     */
    public static void checkTable(RouteTable table, String flag) {
        if (table.id() == 0 || table.equals(RouteTable.MAIN) || table.equals(RouteTable.LOCAL)
                || table.equals(RouteTable.DEFAULT)) {
            throw new IllegalArgumentException(flag + " " + table + " is a reserved table; use a table of its own (1..252, 256..)");
        }
    }

    /** The reconciler: owns routes and rules of {@link #protocol} in (and looking up) the policy table. */
    public Reconciler reconciler() {
        return Reconciler.of(Ownership.of(protocol, Set.of(table)));
    }

    /**
     * Plans, prints and applies; with {@code delete} removes everything it owns instead.
     *
     * @return exit code: 0 converged, 1 failures
     */
    public int run(Routing routing, boolean delete, boolean dryRun, PrintStream out) throws RoutingException {
        Reconciler r = reconciler();
        DesiredState want = delete ? DesiredState.of(List.of(), List.of()) : desired();
        Plan plan = r.plan(routing, want);
        out.println("# plan for OaM policy routing (table " + table + ", gateway " + IpAddresses.format(gateway)
                + (delete ? ", delete" : "") + ")");
        if (plan.isEmpty()) {
            out.println("nothing to change");
        } else {
            out.print(plan);
        }
        if (!dryRun && !plan.isEmpty()) {
            Report report = r.apply(routing, plan);
            out.print("# " + report);
            if (!report.ok()) {
                return 1;
            }
        } else if (dryRun) {
            out.println("# dry run: nothing applied");
            return 0;
        }
        Family f = Family.of(gateway);
        out.println("# ip " + (f == Family.INET6 ? "-6 " : "") + "rule show");
        for (Rule rule : routing.rules(f)) {
            out.println(rule);
        }
        out.println("# ip " + (f == Family.INET6 ? "-6 " : "") + "route show table " + table);
        for (Route route : routing.routes(RouteFilter.table(table).withFamily(f))) {
            out.println(Format.withoutTable(route));
        }
        Plan again = r.plan(routing, want);
        out.println(again.isEmpty() ? "# converged: a second run would change nothing" : "# NOT converged:\n" + again);
        return again.isEmpty() ? 0 : 1;
    }
}
