package io.github.netroute.examples;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteType;
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
     * As {@link #run(Routing, boolean, boolean, PrintStream, PrintStream)} with errors printed to {@code out} too.
     *
     * @return exit code: 0 converged (or a dry run), 1 refused or failed
     */
    public int run(Routing routing, boolean delete, boolean dryRun, PrintStream out) throws RoutingException {
        return run(routing, delete, dryRun, out, out);
    }

    /**
     * Checks, plans, prints and applies; with {@code delete} removes everything it owns instead. Nothing is changed
     * when the gateway cannot be a gateway here (no directly connected route to it: the kernel would refuse the
     * default route) or something not owned stands in the way (a conflict). Routes go before the rules that send
     * traffic to them, and rules go before the routes they use are removed, so no step leaves less than before;
     * when a change fails, everything the run did is rolled back.
     *
     * <p>The command is declarative: the LB IPs given are the whole set. A rule it owns ({@code proto PROTOCOL},
     * looking up the table) for another address is removed, and the plan says so.
     *
     * @return exit code: 0 converged (or a dry run), 1 refused or failed (rolled back)
     */
    public int run(Routing routing, boolean delete, boolean dryRun, PrintStream out, PrintStream err)
            throws RoutingException {
        Reconciler r = reconciler();
        DesiredState want = delete ? DesiredState.of(List.of(), List.of()) : desired();
        Plan plan = r.plan(routing, want);
        List<Change> routeAdds = new ArrayList<>();
        List<Change> ruleChanges = new ArrayList<>();
        List<Change> routeDeletes = new ArrayList<>();
        for (Change c : plan.changes()) {
            (c instanceof Change.RouteChange ? (c.isDelete() ? routeDeletes : routeAdds) : ruleChanges).add(c);
        }
        out.println("# plan for OaM policy routing (table " + table + ", gateway " + IpAddresses.format(gateway)
                + (delete ? ", delete" : "") + ")");
        out.println("# declarative: these LB IPs are the whole set; a rule with proto " + protocol.value()
                + " that looks up table " + table + " for any other address is removed, and so are the routes with"
                + " proto " + protocol.value() + " in table " + table + " that are not wanted");
        List<Change> ordered = new ArrayList<>(routeAdds);
        ordered.addAll(ruleChanges);
        ordered.addAll(routeDeletes);
        out.print(new Plan(ordered, plan.conflicts()));
        if (plan.isEmpty() && plan.conflicts().isEmpty()) {
            out.println("nothing to change");
        }
        List<String> problems = new ArrayList<>();
        if (!delete && !routeAdds.isEmpty()) {
            String why = gatewayProblem(routing);
            if (why != null) {
                problems.add(why);
            }
        }
        if (!problems.isEmpty() || !plan.conflicts().isEmpty()) {
            for (String p : problems) {
                err.println("error: " + p);
            }
            for (String c : plan.conflicts()) {
                err.println("error: " + c + ": that is not this command's (not proto " + protocol.value()
                        + "), so it is left alone; delete it, or pass --protocol with its protocol to take it over");
            }
            err.println("error: nothing was changed");
            return 1;
        }
        if (dryRun) {
            out.println("# dry run: nothing applied");
            return 0;
        }
        if (!plan.isEmpty()) {
            Staged.Snapshot before = Staged.snapshot(routing, r);
            Staged.Outcome o = Staged.apply(routing, List.of(() -> routeAdds, () -> ruleChanges, () -> routeDeletes),
                    before, r, List.of());
            out.println("# " + o);
            if (!o.ok()) {
                err.println("error: " + o);
                return 1;
            }
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

    /**
     * Why the gateway cannot carry the default route, or null: the kernel accepts a gateway only on a directly
     * connected network (a link-scope route to it, not through another gateway, not a local address).
     */
    String gatewayProblem(Routing routing) throws RoutingException {
        String gw = IpAddresses.format(gateway);
        try {
            LookupResult res = routing.lookup(RouteLookup.to(gateway));
            if (res.type() == RouteType.LOCAL) {
                return "--gateway " + gw + " is an address of this node, not a gateway";
            }
            if (res.type() != RouteType.UNICAST) {
                return "--gateway " + gw + " is not reachable: the route to it is " + res.type().ipName();
            }
            if (res.gateway() != null) {
                return "--gateway " + gw + " is not on a directly connected network (this node reaches it via "
                        + IpAddresses.format(res.gateway()) + "); the kernel needs a gateway it reaches directly";
            }
            return null;
        } catch (RoutingException.Unreachable | RoutingException.InvalidArgument e) {
            return "--gateway " + gw + " is unreachable from this node: " + e.errno().description();
        }
    }
}
