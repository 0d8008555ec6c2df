package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kube-ipvs0 and oam-policy leave nothing half-applied: checked first, applied in an order where no step leaves less
 * than before, and rolled back when a change fails. Written once against an abstract fresh namespace and run on the
 * in-memory kernel ({@link InMemoryAllOrNothingTest}) and on a real namespace ({@link RealAllOrNothingTest}). A
 * failure in the middle is made by a wrapper that fails the first matching change of a batch, as the kernel would
 * (the change is not sent).
 */
abstract class AllOrNothingContract {

    /** A fresh, empty network namespace; closed by the caller. */
    protected abstract Routing fresh() throws Exception;

    static final String NODE = "192.168.1.2";

    /** An ipvs-mode node: lo up, eth0 (bridge) up with 192.168.1.2/24 and a default route, kube-ipvs0 with 20 /32s. */
    static void ipvsNode(Routing r) throws RoutingException {
        r.setLinkUp("lo", true);
        r.addLink("eth0", "bridge");
        r.setLinkUp("eth0", true);
        r.addAddress(Address.parse(NODE + "/24 dev eth0"));
        r.addRoute(Route.parse("default via 192.168.1.1"));
        r.addLink("kube-ipvs0", "bridge");
        for (int i = 1; i <= 20; i++) {
            r.addAddress(Address.parse("10.96.0." + i + "/32 dev kube-ipvs0"));
        }
    }

    /** Everything a run could change: routes of every table, rules, addresses, links (name and up). */
    static String state(Routing r) throws RoutingException {
        return r.routes().stream().map(Route::toString).sorted().collect(Collectors.joining("\n")) + "\n--\n"
                + r.rules().stream().map(Rule::toString).collect(Collectors.joining("\n")) + "\n--\n"
                + r.addresses().stream().map(a -> a.local() + " " + a.device()).sorted()
                        .collect(Collectors.joining("\n")) + "\n--\n"
                + r.links().stream().map(l -> l.name() + " " + l.up()).collect(Collectors.joining("\n"));
    }

    /** The routing, with the first change matching {@code fails} failing (EBUSY) instead of being sent. */
    static Routing failingOnce(Routing routing, Predicate<Change> fails) {
        AtomicBoolean armed = new AtomicBoolean(true);
        return (Routing) Proxy.newProxyInstance(Routing.class.getClassLoader(), new Class<?>[] {Routing.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("apply") && args != null && args.length == 1 && armed.get()) {
                        @SuppressWarnings("unchecked")
                        List<Change> cs = new ArrayList<>((List<Change>) args[0]);
                        for (int i = 0; i < cs.size(); i++) {
                            if (fails.test(cs.get(i))) {
                                armed.set(false);
                                List<ChangeResult> out = new ArrayList<>(routing.apply(cs.subList(0, i)));
                                out.add(new ChangeResult(cs.get(i), RoutingException.of("injected",
                                        cs.get(i).toString(), Errno.EBUSY, "failed by the test")));
                                out.addAll(routing.apply(cs.subList(i + 1, cs.size())));
                                return out;
                            }
                        }
                    }
                    try {
                        return m.invoke(routing, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    record Run(int code, String out, String err) {}

    static Run kubeIpvs0(Routing r, List<String> cidrs, List<String> ips) throws RoutingException {
        return run(new KubeIpvs0(cidrs.stream().map(IpPrefix::parse).toList(),
                ips.stream().map(IpAddresses::parse).toList(), RouteProtocol.of(200)), null, r);
    }

    static Run oamPolicy(Routing r, String gateway) throws RoutingException {
        return run(null, new OamPolicy(List.of(IpAddresses.parse("10.0.0.0")), IpAddresses.parse(gateway),
                RouteTable.of(44), RouteProtocol.of(200)), r);
    }

    private static Run run(KubeIpvs0 k, OamPolicy p, Routing r) throws RoutingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = k != null ? k.run(r, false, o, e) : p.run(r, false, false, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- kube-ipvs0

    @Test
    void kubeIpvs0WithANodeIpThatIsNotOnTheNodeChangesNothing() throws Exception {
        try (Routing r = fresh()) {
            ipvsNode(r);
            assertEquals(0, kubeIpvs0(r, List.of("10.96.0.0/12"), List.of(NODE)).code());
            r.addAddress(Address.parse("10.96.0.7/32 dev kube-ipvs0")); // kube-proxy put one back
            String before = state(r);
            Run run = kubeIpvs0(r, List.of("10.96.0.0/12"), List.of("192.168.9.9"));
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("error: --node-ip 192.168.9.9 is not an address of this node"), run::toString);
            assertTrue(run.err().contains("error: nothing was changed"), run::toString);
            assertEquals(before, state(r));
        }
    }

    @Test
    void kubeIpvs0RollsBackWhenAnAddressDeleteFails() throws Exception {
        try (Routing real = fresh()) {
            ipvsNode(real);
            String before = state(real);
            Routing r = failingOnce(real, c -> c.toString().startsWith("addr del inet 10.96.0.9/32 "));
            Run run = kubeIpvs0(r, List.of("10.96.0.0/12"), List.of(NODE));
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("FAILED addr del inet 10.96.0.9/32"), run::toString);
            assertTrue(run.err().contains("rolled back"), run::toString);
            assertEquals(before, state(real));
        }
    }

    @Test
    void kubeIpvs0RollsBackWhenTheRouteAfterTheLastAddressFails() throws Exception {
        try (Routing real = fresh()) {
            ipvsNode(real);
            String before = state(real);
            // the second local route add: after the addresses went (and the kernel flushed the first one with them)
            AtomicBoolean first = new AtomicBoolean(true);
            Routing r = failingOnce(real, c -> c.toString().startsWith("route ") && c.toString().contains("10.96.0.0/12")
                    && !first.getAndSet(false));
            Run run = kubeIpvs0(r, List.of("10.96.0.0/12"), List.of(NODE));
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("rolled back"), run::toString);
            assertEquals(before, state(real));
        }
    }

    @Test
    void kubeIpvs0ReportsAConflictExitsOneAndChangesNothing() throws Exception {
        try (Routing r = fresh()) {
            ipvsNode(r);
            r.addRoute(Route.parse("local 10.96.0.0/12 dev kube-ipvs0 proto static scope host src " + NODE));
            String before = state(r);
            Run run = kubeIpvs0(r, List.of("10.96.0.0/12"), List.of(NODE));
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.out().contains("! "), run::toString);
            assertTrue(run.err().contains("not this command's (not proto 200)"), run::toString);
            assertTrue(run.err().contains("--protocol"), run::toString);
            assertFalse(run.out().contains("nothing to change"), run::toString);
            assertEquals(before, state(r));
        }
    }

    @Test
    void kubeIpvs0SaysItRemovesTheRoutesOfCidrsNoLongerGiven() throws Exception {
        try (Routing r = fresh()) {
            ipvsNode(r);
            r.addAddress(Address.parse("fd00:1::2/64 dev eth0 nodad"));
            assertEquals(0, kubeIpvs0(r, List.of("10.96.0.0/12", "fd00:96::/108"), List.of(NODE, "fd00:1::2")).code());
            Run v4only = kubeIpvs0(r, List.of("10.96.0.0/12"), List.of(NODE));
            assertEquals(0, v4only.code(), v4only::toString);
            assertTrue(v4only.out().contains("# declarative: these CIDRs are the whole set"), v4only::toString);
            assertTrue(v4only.out().lines().anyMatch(l -> l.startsWith("- route del local fd00:96::/108 ")
                    && l.endsWith("(owned: proto 200, and not one of the service CIDRs)")), v4only::toString);
            assertTrue(r.routes().stream().noneMatch(x -> x.dst().equals(IpPrefix.parse("fd00:96::/108"))));
            assertTrue(r.routes().stream().anyMatch(x -> x.dst().equals(IpPrefix.parse("10.96.0.0/12"))));
        }
    }

    // ---------------------------------------------------------------- oam-policy

    @Test
    void oamPolicyWithAGatewayItCannotUseChangesNothing() throws Exception {
        try (Routing r = fresh()) {
            ipvsNode(r);
            String before = state(r);
            Run run = oamPolicy(r, "10.9.9.9");
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("error: --gateway 10.9.9.9 is not on a directly connected network"),
                    run::toString);
            assertEquals(before, state(r));
            r.deleteRoute(Route.parse("default via 192.168.1.1"));
            Run unreachable = oamPolicy(r, "10.9.9.9");
            assertEquals(1, unreachable.code(), unreachable::toString);
            assertTrue(unreachable.err().contains("error: --gateway 10.9.9.9 is unreachable from this node"),
                    unreachable::toString);
            assertTrue(r.rules(Family.INET).stream().noneMatch(x -> x.toString().contains("lookup 44")));
        }
    }

    @Test
    void oamPolicyRollsBackTheRouteWhenTheRuleFails() throws Exception {
        try (Routing real = fresh()) {
            ipvsNode(real);
            String before = state(real);
            Routing r = failingOnce(real, c -> c.toString().startsWith("rule add"));
            Run run = oamPolicy(r, "192.168.1.202");
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.out().indexOf("+ route add default via 192.168.1.202") < run.out().indexOf("+ rule add"),
                    "the route goes before the rule that uses it:\n" + run.out());
            assertTrue(run.err().contains("rolled back"), run::toString);
            assertEquals(before, state(real));
        }
    }

    @Test
    void oamPolicyReportsAConflictExitsOneAndChangesNothing() throws Exception {
        try (Routing r = fresh()) {
            ipvsNode(r);
            r.addRoute(Route.parse("default via 192.168.1.203 table 44 proto static"));
            String before = state(r);
            Run run = oamPolicy(r, "192.168.1.202");
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("not this command's (not proto 200)"), run::toString);
            assertEquals(before, state(r));
            // and it works, exit 0, once the foreign route is gone
            r.deleteRoute(Route.parseSelector("default via 192.168.1.203 table 44"));
            assertEquals(0, oamPolicy(r, "192.168.1.202").code());
        }
    }
}
