package io.github.netroute.examples.agent;

import static io.github.netroute.examples.agent.Fixtures.EXPECTED_OWNED;
import static io.github.netroute.examples.agent.Fixtures.NODE;
import static io.github.netroute.examples.agent.Fixtures.OAM_IP;
import static io.github.netroute.examples.agent.Fixtures.PLAIN_IP;
import static io.github.netroute.examples.agent.Fixtures.owned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.InjectedFailure;
import io.github.netroute.routing.testkit.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code agent --once} on the in-memory kernel against fabric8's mock API server in CRUD mode: objects are created,
 * updated and deleted, and the kernel state is checked after each run.
 */
@EnableKubernetesMockClient(crud = true)
class AgentOnceTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    static {
        Fixtures.quiet();
    }

    InMemoryKernel kernel;

    @BeforeEach
    void setUp() throws Exception {
        Fixtures.clear(client);
        kernel = Fixtures.ipvsNode();
    }

    @AfterEach
    void tearDown() {
        kernel.close();
    }

    private PassResult once() throws AgentException {
        return new Agent(new KubeSource(client, NODE, List.of()), kernel, Fixtures.nodeRoutes(), new AgentMetrics(),
                Duration.ofMinutes(5)).once();
    }

    /** The kernel's mutating operations since the last clearLog (route, rule, link and address changes). */
    private List<String> writes() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : kernel.log()) {
            if (e.operation().startsWith("RTM_NEW") || e.operation().startsWith("RTM_DEL")
                    || e.operation().equals("RTM_SETLINK")) {
                out.add(e.operation() + " " + e.subject());
            }
        }
        return out;
    }

    private Route localRouteOf(String ip) throws RoutingException {
        for (Route r : kernel.routes(RouteFilter.table(RouteTable.LOCAL))) {
            if (r.dst().toString().equals(ip + "/32") || r.dst().toString().equals(ip)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void scenarioConvergesThenWritesNothingThenGivesBack() throws Exception {
        Fixtures.createScenario(client);
        List<String> before = Fixtures.everything(kernel);
        String plainBefore = localRouteOf(PLAIN_IP).toString();
        String oamBefore = localRouteOf(OAM_IP).toString();
        assertEquals("local 10.0.0.0 dev kube-ipvs0 table local proto kernel scope host src 10.0.0.0", oamBefore);

        PassResult first = once();
        assertEquals(EXPECTED_OWNED, owned(kernel), first.summary());
        assertEquals(plainBefore, localRouteOf(PLAIN_IP).toString(), "the unannotated Service's route is untouched");
        assertTrue(kernel.rules(null).stream().anyMatch(r -> r.toString().contains("from 10.0.0.99 lookup 44")),
                "the foreign rule stays");
        assertTrue(kernel.link("kube-ipvs0").orElseThrow().up(), "up for the IPv6 local route");
        assertTrue(first.writes() > 0);

        kernel.clearLog();
        PassResult second = once();
        assertEquals(0, second.writes(), second.summary());
        assertEquals(List.of(), writes(), "a second run writes nothing");

        client.services().inNamespace("default").withName("oam").delete();
        PassResult third = once();
        assertTrue(third.ok(), third.summary());
        assertEquals(oamBefore, localRouteOf(OAM_IP).toString(), "the LB IP's local route is the kernel's again");
        List<String> after = Fixtures.everything(kernel);
        List<String> rulesAndTable = new ArrayList<>();
        for (String s : after) {
            if (s.contains("table 44") || s.contains("lookup") || s.contains(" 10.0.0.")) {
                rulesAndTable.add(s);
            }
        }
        List<String> rulesAndTableBefore = new ArrayList<>();
        for (String s : before) {
            if (s.contains("table 44") || s.contains("lookup") || s.contains(" 10.0.0.")) {
                rulesAndTableBefore.add(s);
            }
        }
        assertEquals(rulesAndTableBefore, rulesAndTable, "rules, table 44 and the LB IPs' local routes as before");
    }

    @Test
    void losingTheAnnotationGivesTheRouteBackAndAnotherOaMServiceKeepsTheDefault() throws Exception {
        Fixtures.createScenario(client);
        client.services().inNamespace("default").resource(Fixtures.loadBalancer("oam2", true, "10.0.0.5")).create();
        once();
        assertTrue(owned(kernel).contains("rule from 10.0.0.5 lookup 44 proto 200"), owned(kernel)::toString);
        // 10.0.0.5 is not on kube-ipvs0: the agent adds its local route (there was none)
        assertEquals("local 10.0.0.5 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2",
                localRouteOf("10.0.0.5").toString());

        Service s = client.services().inNamespace("default").withName("oam").get();
        s.getMetadata().getAnnotations().remove(ClusterView.OAM_ANNOTATION);
        client.services().inNamespace("default").resource(s).update();
        once();
        List<String> o = owned(kernel);
        assertFalse(o.contains("rule from 10.0.0.0 lookup 44 proto 200"), o::toString);
        assertTrue(o.contains("default via 192.168.2.202 dev eth1 table 44 proto 200"), "oam2 still needs it");
        assertEquals("local 10.0.0.0 dev kube-ipvs0 table local proto kernel scope host src 10.0.0.0",
                localRouteOf(OAM_IP).toString());

        client.services().inNamespace("default").withName("oam2").delete();
        once();
        o = owned(kernel);
        assertFalse(o.stream().anyMatch(x -> x.contains("table 44") || x.contains("lookup 44")), o::toString);
        assertEquals(null, localRouteOf("10.0.0.5"), "not on kube-ipvs0: deleted, not given back");
    }

    @Test
    void serviceCidrsAndTheNodeDriveTheLocalRoutes() throws Exception {
        Fixtures.createScenario(client);
        once();
        client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("extra", "10.98.0.0/16")).create();
        once();
        assertTrue(owned(kernel).contains(
                "local 10.98.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2"));
        client.network().v1().serviceCIDRs().withName("dual").delete();
        once();
        List<String> o = owned(kernel);
        assertFalse(o.stream().anyMatch(x -> x.contains("10.97.0.0") || x.contains("fd00:10:97")), o::toString);

        // the node's InternalIP changes: every src follows (routes replaced, not duplicated)
        kernel.addAddress(io.github.netroute.routing.Address.of(
                io.github.netroute.routing.CidrAddress.parse("192.168.1.3/24"), "eth0"));
        client.nodes().resource(Fixtures.node("192.168.1.3", "2001:db8:1::2")).update();
        once();
        o = owned(kernel);
        assertTrue(o.contains("local 10.96.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.3"),
                o::toString);
        assertFalse(o.stream().anyMatch(x -> x.contains("src 192.168.1.2")), o::toString);

        client.nodes().withName(NODE).delete();
        AgentException e = assertThrows(AgentException.class, this::once);
        assertTrue(e.getMessage().contains("node \"node-a\" does not exist"), e.getMessage());
    }

    @Test
    void withoutServiceCidrsTheFlagsAreTheFallback() throws Exception {
        client.nodes().resource(Fixtures.node("192.168.1.2")).create();
        PassResult r = new Agent(new KubeSource(client, NODE, List.of(io.github.netroute.routing.IpPrefix.parse(
                "10.96.0.0/12"))), kernel, Fixtures.nodeRoutes(), new AgentMetrics(), Duration.ofMinutes(5)).once();
        assertEquals("--service-cidr", r.view().cidrSource());
        assertEquals(List.of("local 10.96.0.0/12 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2"),
                owned(kernel));
    }

    @Test
    void aFailingChangeIsRolledBackAndReported() throws Exception {
        Fixtures.createScenario(client);
        List<String> before = Fixtures.everything(kernel);
        // the rule comes after the routes in the plan: the routes are applied, then undone
        kernel.inject(InjectedFailure.errno("RTM_NEWRULE", Errno.ENOBUFS, null));
        AgentException e = assertThrows(AgentException.class, this::once);
        assertTrue(e.getMessage().contains("FAILED, everything rolled back"), e.getMessage());
        assertTrue(e.getMessage().contains("No buffer space available"), e.getMessage());
        assertEquals(before, Fixtures.everything(kernel), "nothing half-applied");
        assertFalse(kernel.link("kube-ipvs0").orElseThrow().up(), "the link step is undone too");

        // and a failure while already converged partly: a new Service's rule fails, the old state stays
        once();
        List<String> converged = Fixtures.everything(kernel);
        client.services().inNamespace("default").resource(Fixtures.loadBalancer("oam2", true, "10.0.0.5")).create();
        kernel.inject(InjectedFailure.errno("RTM_NEWRULE", Errno.ENOBUFS, null));
        assertThrows(AgentException.class, this::once);
        assertEquals(converged, Fixtures.everything(kernel));
    }

    @Test
    void unreachableApiServerFailsWithoutTouchingTheKernel() throws Exception {
        List<String> before = Fixtures.everything(kernel);
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = s.getLocalPort();
            s.close(); // nothing listens there now
            io.fabric8.kubernetes.client.Config cfg = new io.fabric8.kubernetes.client.ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + port).withRequestRetryBackoffLimit(0).build();
            try (KubernetesClient dead = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(cfg)
                    .build()) {
                AgentException e = assertThrows(AgentException.class, () -> new Agent(
                        new KubeSource(dead, NODE, List.of()), kernel, Fixtures.nodeRoutes(), new AgentMetrics(),
                        Duration.ofMinutes(5)).once());
                assertTrue(e.getMessage().startsWith("cannot read from the API server http://127.0.0.1:" + port),
                        e.getMessage());
            }
        }
        assertEquals(before, Fixtures.everything(kernel));
        assertEquals(List.of(), writes());
    }
}
