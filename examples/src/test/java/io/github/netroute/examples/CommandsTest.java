package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code netroute} command on the in-memory kernel (no root needed). */
class CommandsTest {

    private static InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    // ------------------------------------------------------------------ kube-ipvs0

    @Test
    void kubeIpvs0Ipv4() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertTrue(out.contains("kube-ipvs0 holds 1000 ClusterIP addresses"), out);
        // the plan
        assertTrue(out.contains("# plan for kube-ipvs0"), out);
        assertTrue(out.contains("- addr del 1000 per-ClusterIP address(es) from kube-ipvs0, e.g. 10.96.0.1/32"), out);
        assertTrue(out.contains("+ route add local 10.96.0.0/12 dev kube-ipvs0 table local proto 200 scope host"
                + " src 192.168.1.2"), out);
        assertTrue(out.contains("# applied 1002 change(s)"), out); // the route, the addresses, the route again (flushed with the last)
        // the local table: the CIDR route with src NODE-IP, no per-ClusterIP local route left
        assertTrue(out.contains("\nlocal 10.96.0.0/12 dev kube-ipvs0 proto 200 scope host src 192.168.1.2\n"), out);
        assertFalse(out.contains("local 10.96.0.1 dev kube-ipvs0"), out);
        // route get from the node: src NODE-IP
        assertTrue(out.contains("# ip route get 10.96.0.1"), out);
        assertTrue(out.contains("\nlocal 10.96.0.1 dev lo src 192.168.1.2 uid 0\n"), out);
        assertTrue(out.contains("# converged"), out);
    }

    @Test
    void kubeIpvs0Ipv6() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "fd00:96::/108", "--node-ip", "fd00:1::2");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertTrue(out.contains("+ link set kube-ipvs0 up"), out);
        assertTrue(out.contains("- addr del 1000 per-ClusterIP address(es) from kube-ipvs0, e.g. fd00:96::"), out);
        assertTrue(out.contains("# ip -6 route show table local"), out);
        assertTrue(out.contains("\nlocal fd00:96::/108 dev kube-ipvs0 proto 200 src fd00:1::2 metric 1024 pref medium\n"),
                out);
        assertFalse(out.contains("local fd00:96::1 dev kube-ipvs0"), out);
        assertTrue(out.contains("# ip route get fd00:96::1"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("local fd00:96::1 ") && l.contains(" src fd00:1::2 ")), out);
        assertTrue(out.contains("# converged"), out);
    }

    @Test
    void kubeIpvs0DualStack() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--service-cidr",
                "fd00:96::/108", "--node-ip", "192.168.1.2", "--node-ip", "fd00:1::2");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertTrue(out.contains("kube-ipvs0 holds 2000 ClusterIP addresses"), out);
        assertTrue(out.contains("# applied 2003 change(s)"), out);
        assertTrue(out.contains("local 10.96.0.0/12 dev kube-ipvs0 proto 200 scope host src 192.168.1.2"), out);
        assertTrue(out.contains("local fd00:96::/108 dev kube-ipvs0 proto 200 src fd00:1::2 metric 1024"), out);
        assertTrue(out.contains("\nlocal 10.96.0.1 dev lo src 192.168.1.2 uid 0\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("local fd00:96::1 ") && l.contains(" src fd00:1::2 ")), out);
    }

    /** The job on one kernel, twice: the second run has nothing to change and says so. */
    @Test
    void kubeIpvs0IsIdempotent() throws Exception {
        List<IpPrefix> cidrs = List.of(IpPrefix.parse("10.96.0.0/12"), IpPrefix.parse("fd00:96::/108"));
        List<InetAddress> nodeIps = List.of(ip("192.168.1.2"), ip("fd00:1::2"));
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            Nodes.ipvsNode(k, nodeIps, cidrs, 1000);
            assertEquals(2000, k.addresses(null).stream().filter(a -> a.device().equals("kube-ipvs0")).count());
            KubeIpvs0 job = new KubeIpvs0(cidrs, nodeIps, RouteProtocol.of(200));
            StringBuilder first = new StringBuilder();
            assertEquals(0, job.run(k, false, printer(first)), first::toString);
            assertTrue(job.strayAddresses(k).isEmpty(), first::toString);
            List<Route> after = k.routes(RouteFilter.ALL);
            StringBuilder second = new StringBuilder();
            assertEquals(0, job.run(k, false, printer(second)));
            assertTrue(second.toString().contains("nothing to change"), second::toString);
            assertFalse(second.toString().contains("+ route"), second::toString);
            assertEquals(after, k.routes(RouteFilter.ALL));
            // route get from the node itself: src NODE-IP for both families
            LookupResult v4 = k.lookup(RouteLookup.to(ip("10.100.1.2")));
            assertEquals(RouteType.LOCAL, v4.type());
            assertEquals(ip("192.168.1.2"), v4.source());
            LookupResult v6 = k.lookup(RouteLookup.to(ip("fd00:96::abc")));
            assertEquals(RouteType.LOCAL, v6.type());
            assertEquals(ip("fd00:1::2"), v6.source());
        }
    }

    @Test
    void kubeIpvs0DryRunChangesNothing() throws Exception {
        List<IpPrefix> cidrs = List.of(IpPrefix.parse("10.96.0.0/12"));
        List<InetAddress> nodeIps = List.of(ip("192.168.1.2"));
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            Nodes.ipvsNode(k, nodeIps, cidrs, 1000);
            List<Route> routes = k.routes(RouteFilter.ALL);
            List<Address> addrs = k.addresses(null);
            StringBuilder out = new StringBuilder();
            assertEquals(0, new KubeIpvs0(cidrs, nodeIps, RouteProtocol.of(200)).run(k, true, printer(out)));
            assertTrue(out.toString().contains("+ route add local 10.96.0.0/12"), out::toString);
            assertTrue(out.toString().contains("# dry run: nothing applied"), out::toString);
            assertEquals(routes, k.routes(RouteFilter.ALL));
            assertEquals(addrs, k.addresses(null));
        }
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2",
                "--dry-run");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("# dry run: nothing applied"), r::toString);
        assertFalse(r.out().contains("# applied"), r::toString);
    }

    @Test
    void kubeIpvs0NeedsANodeIpOfTheCidrsFamily() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "fd00:96::/108", "--node-ip", "192.168.1.2");
        assertNotEquals(0, r.code(), r::toString);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--service-cidr fd00:96::/108 needs a --node-ip of its family (IPv6)"), r::toString);
        assertThrows(IllegalArgumentException.class, () -> new KubeIpvs0(List.of(IpPrefix.parse("10.96.0.0/12")),
                List.of(ip("fd00::1")), RouteProtocol.of(200)));
    }

    @Test
    void kubeIpvs0RejectsBadArguments() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/33", "--node-ip", "192.168.1.2");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("10.96.0.0/33"), r::toString);
        r = Cli.netroute("kube-ipvs0", "--node-ip", "192.168.1.2");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("--service-cidr"), r::toString);
    }

    // ------------------------------------------------------------------ oam-policy

    @Test
    void oamPolicyInstallsRuleAndRoute() {
        Cli.Result r = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--lb-ip", "10.0.0.1", "--gateway",
                "192.168.1.202", "--table", "44");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertTrue(out.contains("+ rule add from 10.0.0.0 lookup 44 proto 200"), out);
        assertTrue(out.contains("+ route add default via 192.168.1.202 table 44 proto 200"), out);
        assertTrue(out.contains("\n32765:\tfrom 10.0.0.0 lookup 44 proto 200\n"), out);
        assertTrue(out.contains("\ndefault via 192.168.1.202 dev eth0 proto 200 \n")
                || out.contains("\ndefault via 192.168.1.202 dev eth0 proto 200\n"), out);
        assertTrue(out.contains("# converged"), out);
    }

    @Test
    void oamPolicyIsIdempotentAndDeletesOnlyWhatItOwns() throws Exception {
        OamPolicy p = new OamPolicy(List.of(ip("10.0.0.0")), ip("192.168.1.202"), RouteTable.of(44),
                RouteProtocol.of(200));
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            Nodes.ipvsNode(k, List.of(ip("192.168.1.2")), List.of(), 0);
            k.addAddress(Address.parse("10.0.0.0/32 dev kube-ipvs0"));
            // foreign state in the same table and for the same source: another protocol
            k.addRoute(Route.parse("10.1.0.0/16 via 192.168.1.1 table 44 proto static"));
            k.addRule(Rule.parse("from 10.0.0.0/32 lookup 44 priority 1000 proto static"));
            List<Rule> rulesBefore = k.rules(Family.INET);
            List<Route> routesBefore = k.routes(RouteFilter.ALL);

            StringBuilder first = new StringBuilder();
            assertEquals(0, p.run(k, false, false, printer(first)), first::toString);
            assertEquals(rulesBefore.size() + 1, k.rules(Family.INET).size());
            assertTrue(k.routes(RouteFilter.table(RouteTable.of(44))).stream()
                    .anyMatch(x -> x.dst().isDefault() && ip("192.168.1.202").equals(x.gateway())));
            // the policy route at work: replies from the LB IP go to the OaM gateway
            LookupResult reply = k.lookup(RouteLookup.builder().to(ip("192.168.2.221")).from(ip("10.0.0.0")).build());
            assertEquals(ip("192.168.1.202"), reply.gateway());

            List<Rule> rulesInstalled = k.rules(Family.INET);
            List<Route> routesInstalled = k.routes(RouteFilter.ALL);
            StringBuilder second = new StringBuilder();
            assertEquals(0, p.run(k, false, false, printer(second)), second::toString);
            assertTrue(second.toString().contains("nothing to change"), second::toString);
            assertEquals(rulesInstalled, k.rules(Family.INET));
            assertEquals(routesInstalled, k.routes(RouteFilter.ALL));

            StringBuilder del = new StringBuilder();
            assertEquals(0, p.run(k, true, false, printer(del)), del::toString);
            assertEquals(rulesBefore, k.rules(Family.INET), del::toString);
            assertEquals(routesBefore, k.routes(RouteFilter.ALL), del::toString);

            StringBuilder again = new StringBuilder();
            assertEquals(0, p.run(k, true, false, printer(again)), again::toString);
            assertTrue(again.toString().contains("nothing to change"), again::toString);
        }
    }

    @Test
    void oamPolicyDryRunAndBadArguments() {
        Cli.Result r = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "192.168.1.202", "--table",
                "44", "--dry-run");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("# dry run: nothing applied"), r::toString);
        r = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "192.168.1.202", "--table", "main");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("reserved table"), r::toString);
        r = Cli.netroute("oam-policy", "--lb-ip", "fd00::1", "--gateway", "192.168.1.202", "--table", "44");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("different families"), r::toString);
    }

    // ------------------------------------------------------------------ asymmetric

    @Test
    void asymmetricTellsEveryStepAsTheSeedDoes() {
        Cli.Result r = Cli.netroute("asymmetric");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertFalse(out.contains("!!"), out);
        assertTrue(out.contains("Every step ended as the seed describes."), out);
        for (String step : List.of("1. An OaM client connects", "2. The fix", "3. But a request", "4. The seed's fix")) {
            assertTrue(out.contains(step), () -> step + "\n" + out);
        }
        // each step prints its lookup trace
        assertTrue(out.lines().filter(l -> l.startsWith("     | ")).count() >= 7, out);
    }

    @Test
    void asymmetricStepsHaveTheirOutcomes() throws Exception {
        StringBuilder out = new StringBuilder();
        assertEquals(0, new Asymmetric().tell(printer(out)), out::toString);
        String s = out.toString();
        // step 1 via the traffic gateway, 2 via the OaM gateway, 4: src 192.168.1.2 then the POD via 192.168.0.3
        int step1 = s.indexOf("1. An OaM client");
        int step2 = s.indexOf("2. The fix");
        int step4 = s.indexOf("4. The seed's fix");
        assertTrue(s.substring(step1, step2).contains("192.168.0.1"), s);
        assertTrue(s.substring(step2, step4).contains("192.168.1.202"), s);
        assertTrue(s.substring(step4).contains("192.168.0.3"), s);
        assertTrue(s.substring(step4).contains("src 192.168.1.2"), s);
    }

    // ------------------------------------------------------------------ --help

    static Stream<Arguments> helps() {
        return Stream.of(
                Arguments.of(List.of("--help"), List.of("kube-ipvs0", "oam-policy", "asymmetric", "ip", "--help")),
                Arguments.of(List.of("kube-ipvs0", "--help"), List.of("--service-cidr", "--node-ip", "--dry-run",
                        "--protocol", "--netns", "--host")),
                Arguments.of(List.of("oam-policy", "--help"), List.of("--lb-ip", "--gateway", "--table", "--delete",
                        "--dry-run", "--protocol", "--netns", "--host")),
                Arguments.of(List.of("asymmetric", "--help"), List.of("asymmetric", "--help")),
                Arguments.of(List.of("ip", "--help"), List.of("-batch", "-force", "--state", "--netns", "--host",
                        "--addr-gen-mode", "link", "addr", "route", "rule")),
                Arguments.of(List.of("bench", "--help"), List.of("--help")),
                Arguments.of(List.of("help", "kube-ipvs0"), List.of("--service-cidr")));
    }

    @ParameterizedTest(name = "netroute {0}")
    @MethodSource("helps")
    void helpOnEveryCommand(List<String> args, List<String> mentions) {
        Cli.Result r = Cli.netroute(args.toArray(String[]::new));
        assertEquals(0, r.code(), r::toString);
        for (String m : mentions) {
            assertTrue(r.out().contains(m), () -> m + " missing in\n" + r.out());
        }
    }

    static PrintStream printer(StringBuilder sink) {
        return new PrintStream(new ByteArrayOutputStream() {
            @Override
            public void flush() {
                sink.append(toString(StandardCharsets.UTF_8));
                reset();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
