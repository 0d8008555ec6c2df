package io.github.netroute.examples.scenario;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The seed's two claims with real packets: the lab of {@link Lab}, six steps applied through the library, each
 * asserted by TCP connections and by the routers' packet counters.
 *
 * <pre>{@code
 * Scenario.Result r = new Scenario(Family.INET, EnumSet.noneOf(Scenario.Fix.class), 4, false).run(System.out);
 * r.firstFailedStep();   // 0: every step behaved as the seed says
 * }</pre>
 */
final class Scenario {
    static final RouteTable TABLE = RouteTable.of(44);
    static final String KUBE_IPVS0 = "kube-ipvs0";

    /** The three fixes the seed's claims rest on; a run can leave one out to show the step that needs it. */
    enum Fix {
        /** Step 1: {@code local <ClusterIP-CIDR> dev kube-ipvs0 scope host src <node-ip>}. */
        LOCAL_ROUTE("local-route", 1),
        /** Step 3: {@code rule from <lbIP> table 44} and {@code default via <OaM-GW> table 44}. */
        POLICY_ROUTE("policy-route", 3),
        /** Step 5: {@code local <lbIP> dev kube-ipvs0 scope host src <node-ip>}. */
        NODE_SRC("node-src", 5);

        final String cliName;
        final int step;

        Fix(String cliName, int step) {
            this.cliName = cliName;
            this.step = step;
        }

        /** The step that needs this fix. */
        int step() {
            return step;
        }

        /** {@code local-route}, {@code policy-route}, {@code node-src}. */
        static Fix parse(String s) {
            for (Fix f : values()) {
                if (f.cliName.equals(s.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown fix '" + s + "' (local-route, policy-route, node-src)");
        }

        @Override
        public String toString() {
            return cliName;
        }
    }

    /** A client opening {@code nconn} connections and what the seed says should happen. */
    record Check(String client, String target, boolean expectOk, String expectVia, String expectAnswer,
            String expectSource) {}

    /** A check's connections and counter deltas, and what differed from the expectation. */
    record Outcome(Check check, Tcp.Result result, long toVm201, long toVm202, List<String> problems) {}

    /** One step: what was applied, the checks, and what differed. */
    record Step(int number, String title, List<String> applied, List<Outcome> outcomes, List<String> problems) {
        /** Every check and assertion as expected. */
        boolean ok() {
            return problems.isEmpty() && outcomes.stream().allMatch(o -> o.problems().isEmpty());
        }
    }

    /** A run of one family. */
    record Result(Family family, Set<Fix> without, String namespacePrefix, List<Step> steps, long millis) {
        /** The first step that did not behave as expected, 0 if none. */
        int firstFailedStep() {
            return steps.stream().filter(s -> !s.ok()).mapToInt(Step::number).findFirst().orElse(0);
        }
    }

    private final Family family;
    private final Set<Fix> without;
    private final int nconn;
    private final boolean keep;
    private Lab lab;
    private Lab.Plan p;
    private Routing node;
    private PrintStream out;

    /**
     * @param family the address family
     * @param without fixes to leave out
     * @param nconn connections per check (the seed: {@code mconnect -nconn 4})
     * @param keep keep the namespaces (for a look with {@code ip netns exec}); they are deleted otherwise
     */
    Scenario(Family family, Set<Fix> without, int nconn, boolean keep) {
        if (nconn < 2) {
            throw new IllegalArgumentException("--nconn must be at least 2");
        }
        this.family = family;
        this.without = without.isEmpty() ? EnumSet.noneOf(Fix.class) : EnumSet.copyOf(without);
        this.nconn = nconn;
        this.keep = keep;
    }

    /** Why the scenario cannot run here (not Linux, not root, no ip or nft), or null. */
    static String unusableReason() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "needs Linux (network namespaces)";
        }
        if (!isRoot()) {
            return "needs root (creates network namespaces)";
        }
        if (!IpSetup.available("ip", "-V")) {
            return "needs iproute2's ip on the PATH (namespaces and veth pairs)";
        }
        if (!IpSetup.available("nft", "--version")) {
            return "needs nft (nftables) on the PATH (the DNAT that stands in for the service proxy)";
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return false;
    }

    /** Builds the lab, runs the six steps, removes the lab (also on failure). */
    Result run(PrintStream out) throws RoutingException {
        this.out = out;
        long t0 = System.nanoTime();
        List<Step> steps = new ArrayList<>();
        String prefix;
        try (Lab l = new Lab(family, keep)) {
            prefix = l.prefix;
            lab = l;
            p = l.plan;
            l.build(nconn, out);
            l.describe(out);
            if (!without.isEmpty()) {
                out.println("  left out: " + without);
            }
            node = l.node();
            l.settle();
            List<String> start = snapshot();
            steps.add(print(step1()));
            steps.add(print(step2()));
            steps.add(print(step3()));
            steps.add(print(step4()));
            steps.add(print(step5()));
            steps.add(print(step6(start)));
            if (keep) {
                out.println("  kept: " + String.join(" ", l.namespaces()) + " (delete with ip netns del)");
            }
        }
        Result r = new Result(family, without, prefix, steps, (System.nanoTime() - t0) / 1_000_000);
        int failed = r.firstFailedStep();
        out.println(failed == 0 ? "  every step behaved as the seed says (" + r.millis() + " ms)"
                : "  first failed step: " + failed + (without.isEmpty() ? "" : " (left out: " + without + ")")
                        + " (" + r.millis() + " ms)");
        out.println();
        return r;
    }

    private Step step1() throws RoutingException {
        List<String> applied = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (without.contains(Fix.LOCAL_ROUTE)) {
            applied.add("(left out: --without local-route)");
        } else {
            Route r = Route.parse("local " + p.clusterCidr() + " dev " + KUBE_IPVS0
                    + (family == Family.INET ? " scope host" : "") + " src " + p.node() + metric());
            node.addRoute(r);
            applied.add(p.ip() + " route add " + r);
        }
        for (Address a : node.addresses()) {
            if (KUBE_IPVS0.equals(a.device())) {
                problems.add("kube-ipvs0 has an address: " + a);
            }
        }
        List<Outcome> o = new ArrayList<>();
        for (String ip : p.clusterIps()) {
            o.add(check(new Check("vm-231", ip, true, "vm-201", "vm-002", p.trafficClient())));
        }
        o.add(check(new Check("vm-002", p.nodeClusterIp(), true, null, "vm-002", p.node())));
        return new Step(1, "ClusterIPs answered with only the CIDR local route (no address on kube-ipvs0)", applied,
                o, problems);
    }

    private Step step2() throws RoutingException {
        List<String> applied = new ArrayList<>();
        Address lbAddr = Address.parse(p.lb() + p.host() + " dev " + KUBE_IPVS0
                + (family == Family.INET6 ? " nodad" : ""));
        node.addAddress(lbAddr);
        applied.add(p.ip() + " addr add " + addr(lbAddr) + "    (kube-proxy puts the OaM service's LB IP on kube-ipvs0)");
        Route kernel = waitForLbRoute(RouteProtocol.KERNEL);
        applied.add("  kernel's route: " + kernel);
        List<Outcome> o = new ArrayList<>();
        o.add(check(new Check("vm-231", p.lb(), true, "vm-201", "vm-002", p.trafficClient())));
        o.add(check(new Check("vm-221", p.lb(), false, "vm-201", null, null)));
        return new Step(2, "asymmetric routing: OaM requests come via vm-202, replies leave via vm-201 and fail",
                applied, o, List.of());
    }

    private Step step3() throws RoutingException {
        List<String> applied = new ArrayList<>();
        if (without.contains(Fix.POLICY_ROUTE)) {
            applied.add("(left out: --without policy-route)");
        } else {
            Rule rule = Rule.parse("from " + p.lb() + p.host() + " table " + TABLE, family);
            Route def = Route.parse("default via " + p.r202() + " table " + TABLE + metric());
            node.addRule(rule);
            node.addRoute(def);
            applied.add(p.ip() + " rule add " + rule(rule));
            applied.add(p.ip() + " route add " + def);
        }
        List<Outcome> o = new ArrayList<>();
        o.add(check(new Check("vm-221", p.lb(), true, "vm-202", "vm-002", p.oamClient())));
        o.add(check(new Check("vm-231", p.lb(), false, "vm-202", null, null)));
        return new Step(3, "policy route: OaM replies leave via vm-202; traffic-network requests to the LB IP get"
                + " their replies sent to the OaM gateway (dropped there)", applied, o, List.of());
    }

    private Step step4() throws RoutingException {
        List<String> applied = new ArrayList<>();
        for (Route r : lbRoutes()) {
            applied.add("nothing applied; the LB IP's local route: " + r);
        }
        applied.add("  and the DNAT " + (family == Family.INET ? p.lb() : "[" + p.lb() + "]") + ":" + Lab.PORT + " -> "
                + p.pod() + " (nftables output hook, the service proxy's stand-in)");
        List<String> problems = new ArrayList<>();
        sourceFor(p.lb(), applied, problems);
        List<Outcome> o = new ArrayList<>();
        o.add(check(new Check("vm-002", p.lb(), false, "vm-202", null, null)));
        return new Step(4, "the drawback: the node's own connection to the LB IP gets the LB IP as source; after"
                + " DNAT to the POD the rule sends it to the OaM gateway", applied, o, problems);
    }

    private Step step5() throws RoutingException {
        List<String> applied = new ArrayList<>();
        if (without.contains(Fix.NODE_SRC)) {
            applied.add("(left out: --without node-src)");
        } else if (family == Family.INET) {
            Route fix = Route.parse("local " + p.lb() + " dev " + KUBE_IPVS0 + " scope host src " + p.node());
            node.replaceRoute(fix);
            applied.add(p.ip() + " route replace " + fix);
        } else {
            // The address's own IPv6 local route has metric 0, which no route from user space can have (0 means
            // 1024): it cannot be replaced, so the route with src goes in and the address goes out.
            Route fix = Route.parse("local " + p.lb() + " dev " + KUBE_IPVS0 + " src " + p.node() + metric());
            node.addRoute(fix);
            applied.add(p.ip() + " route add " + fix);
            Address a = Address.parse(p.lb() + p.host() + " dev " + KUBE_IPVS0);
            node.deleteAddress(a);
            applied.add(p.ip() + " addr del " + addr(a) + "    (IPv6: the address's own local route has metric 0, which a"
                    + " route from user space cannot have, so it cannot be replaced)");
            waitForLbRouteGone(RouteProtocol.KERNEL);
        }
        List<String> problems = new ArrayList<>();
        sourceFor(p.node(), applied, problems);
        List<Outcome> o = new ArrayList<>();
        o.add(check(new Check("vm-002", p.lb(), true, null, "pod", p.node())));
        o.add(check(new Check("vm-221", p.lb(), true, "vm-202", "vm-002", p.oamClient())));
        return new Step(5, "the fix: the LB IP's local route with src " + p.node() + "; the node's connection"
                + " reaches the POD, the OaM client's still works", applied, o, problems);
    }

    private Step step6(List<String> start) throws RoutingException {
        List<String> applied = new ArrayList<>();
        for (Rule r : node.rules(family)) {
            if (r.action().equals(RuleAction.lookup(TABLE))) {
                node.deleteRule(r);
                applied.add(p.ip() + " rule del " + rule(r));
            }
        }
        for (Route r : node.routes(RouteFilter.table(TABLE).withFamily(family))) {
            node.deleteRoute(r);
            applied.add(p.ip() + " route del " + r);
        }
        List<Route> before = ownLocalRoutes();
        for (Address a : node.addresses(family)) {
            if (KUBE_IPVS0.equals(a.device())) {
                node.deleteAddress(a);
                applied.add(p.ip() + " addr del " + addr(a));
            }
        }
        List<Route> after = ownLocalRoutes();
        for (Route r : before) {
            if (!after.contains(r)) {
                applied.add("  the kernel flushed with it (kube-ipvs0's last address): " + r);
            }
        }
        waitForLbRouteGone(RouteProtocol.KERNEL);
        for (Route r : ownLocalRoutes()) {
            node.deleteRoute(r);
            applied.add(p.ip() + " route del " + r);
        }
        List<String> problems = new ArrayList<>();
        List<String> now = snapshot();
        if (!now.equals(start)) {
            for (String s : now) {
                if (!start.contains(s)) {
                    problems.add("left behind: " + s);
                }
            }
            for (String s : start) {
                if (!now.contains(s)) {
                    problems.add("missing: " + s);
                }
            }
            if (problems.isEmpty()) {
                problems.add("same routes, rules and addresses in another order");
            }
        }
        List<Outcome> o = new ArrayList<>();
        o.add(check(new Check("vm-231", p.clusterIps().get(0), false, null, null, null)));
        return new Step(6, "clean removal: the node's routes, rules and addresses are exactly those of the start"
                + " (" + start.size() + " entries)", applied, o, problems);
    }

    /** {@code ip route get LB-IP} on the node through the library: the source a connection gets. */
    private void sourceFor(String expected, List<String> applied, List<String> problems) throws RoutingException {
        LookupResult r = node.lookup(RouteLookup.to(Lab.ip(p.lb())));
        String src = r.source() == null ? "none" : Addresses.format(r.source());
        applied.add("  " + p.ip() + " route get " + p.lb() + "  ->  src " + src + "    (the source the connection gets)");
        if (!expected.equals(src)) {
            problems.add("ip route get " + p.lb() + " gives src " + src + ", expected " + expected);
        }
    }

    /** IPv6 routes from user space get metric 1024 when they ask for 0: say so in the value. */
    private String metric() {
        return family == Family.INET6 ? " metric 1024" : "";
    }

    private static String addr(Address a) {
        return a.local() + " dev " + a.device() + (a.flags().contains(AddressFlag.NODAD)
                ? " nodad" : "");
    }

    private static String rule(Rule r) {
        return r.toString().replaceFirst("^(\\d+):\\s+", "pref $1 ");
    }

    /** The node's routes (all tables, both families), rules and addresses, as iproute2 prints them. */
    private List<String> snapshot() throws RoutingException {
        List<String> s = new ArrayList<>();
        for (Route r : node.routes()) {
            s.add("route " + r);
        }
        for (Rule r : node.rules()) {
            s.add("rule " + r);
        }
        for (Address a : node.addresses()) {
            s.add("addr " + a);
        }
        return s;
    }

    /** The local routes through kube-ipvs0 that the scenario added (not the kernel's). */
    private List<Route> ownLocalRoutes() throws RoutingException {
        List<Route> out = new ArrayList<>();
        for (Route r : node.routes(RouteFilter.table(RouteTable.LOCAL).withFamily(family))) {
            if (KUBE_IPVS0.equals(r.device()) && !RouteProtocol.KERNEL.equals(r.protocol())) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Route> lbRoutes() throws RoutingException {
        IpPrefix lb = IpPrefix.host(Lab.ip(p.lb()));
        List<Route> out = new ArrayList<>();
        for (Route r : node.routes(RouteFilter.table(RouteTable.LOCAL).withFamily(family))) {
            if (r.dst().equals(lb) && KUBE_IPVS0.equals(r.device())) {
                out.add(r);
            }
        }
        return out;
    }

    /** IPv6 address routes come from a work queue: wait (bounded) for the LB IP's route of {@code protocol}. */
    private Route waitForLbRoute(RouteProtocol protocol) throws RoutingException {
        for (int i = 0; i < 200; i++) {
            for (Route r : lbRoutes()) {
                if (protocol.equals(r.protocol())) {
                    return r;
                }
            }
            Lab.sleep(10);
        }
        throw new IllegalStateException("no " + protocol + " local route for " + p.lb() + " after 2 s");
    }

    private void waitForLbRouteGone(RouteProtocol protocol) throws RoutingException {
        for (int i = 0; i < 200; i++) {
            if (lbRoutes().stream().noneMatch(r -> protocol.equals(r.protocol()))) {
                return;
            }
            Lab.sleep(10);
        }
        throw new IllegalStateException("the " + protocol + " local route for " + p.lb() + " is still there after 2 s");
    }

    private Outcome check(Check c) {
        Netns from = lab.host(c.client());
        Netns.Counters a201 = lab.host("vm-201").counters("eth1");
        Netns.Counters a202 = lab.host("vm-202").counters("eth1");
        Tcp.Result r = Tcp.connect(from, Lab.ip(c.target()), Lab.PORT, nconn);
        long d201 = lab.host("vm-201").counters("eth1").minus(a201).rxPackets();
        long d202 = lab.host("vm-202").counters("eth1").minus(a202).rxPackets();
        List<String> problems = new ArrayList<>();
        if (c.expectOk() && r.ok() != r.total()) {
            problems.add(r.ok() + "/" + r.total() + " connected, expected all: " + r.errors());
        } else if (!c.expectOk() && r.ok() != 0) {
            problems.add(r.ok() + "/" + r.total() + " connected, expected none");
        }
        if (c.expectAnswer() != null && r.ok() > 0 && !r.answeredBy().equals(Set.of(c.expectAnswer()))) {
            problems.add("answered by " + r.answeredBy() + ", expected " + c.expectAnswer());
        }
        if (c.expectSource() != null && r.ok() > 0 && !r.sources().equals(Set.of(c.expectSource()))) {
            problems.add("source " + r.sources() + ", expected " + c.expectSource());
        }
        // the router the packets should reach sees at least one per connection; the other fewer than that (ARP/ND)
        boolean via201 = "vm-201".equals(c.expectVia());
        boolean via202 = "vm-202".equals(c.expectVia());
        if (via201 != (d201 >= nconn)) {
            problems.add("node->vm-201 +" + d201 + ", expected " + (via201 ? ">= " : "< ") + nconn);
        }
        if (via202 != (d202 >= nconn)) {
            problems.add("node->vm-202 +" + d202 + ", expected " + (via202 ? ">= " : "< ") + nconn);
        }
        return new Outcome(c, r, d201, d202, problems);
    }

    private Step print(Step s) {
        out.println();
        out.println("step " + s.number() + "  " + s.title());
        for (String a : s.applied()) {
            out.println("        " + a);
        }
        out.printf("        %-8s %-24s %-6s %-16s %13s %13s  %s%n", "client", "target", "conns", "expected",
                "node->vm-201", "node->vm-202", "");
        for (Outcome o : s.outcomes()) {
            Check c = o.check();
            String target = (c.target().contains(":") ? "[" + c.target() + "]" : c.target()) + ":" + Lab.PORT;
            String expected = (c.expectOk() ? "all" : "none") + (c.expectVia() != null ? " via " + c.expectVia() : "");
            String answered = o.result().ok() > 0 ? " by " + String.join(",", o.result().answeredBy())
                    + (c.client().equals("vm-002") ? " src " + String.join(",", o.result().sources()) : "") : "";
            out.printf("        %-8s %-24s %-6s %-16s %13s %13s  %s%s%n", c.client(), target, o.result(), expected,
                    "+" + o.toVm201(), "+" + o.toVm202(), o.problems().isEmpty() ? "ok" : "FAILED", answered);
            for (String pr : o.problems()) {
                out.println("          !! " + pr);
            }
        }
        for (String pr : s.problems()) {
            out.println("          !! " + pr);
        }
        return s;
    }
}
