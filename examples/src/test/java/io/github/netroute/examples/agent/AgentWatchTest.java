package io.github.netroute.examples.agent;

import static io.github.netroute.examples.agent.Fixtures.EXPECTED_OWNED;
import static io.github.netroute.examples.agent.Fixtures.NODE;
import static io.github.netroute.examples.agent.Fixtures.owned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watch mode on the in-memory kernel against the mock API server (CRUD): informer events, a route deleted by hand,
 * lost routing events (ResyncNeeded), and the HTTP endpoints. Waits are bounded polls of the resulting state; no
 * test asserts how long anything took.
 */
@EnableKubernetesMockClient(crud = true)
class AgentWatchTest {
    static KubernetesClient client;

    static {
        Fixtures.quiet();
    }

    InMemoryKernel kernel;
    EventGateRouting routing;
    AgentMetrics metrics;
    Agent agent;

    @BeforeEach
    void setUp() throws Exception {
        Fixtures.clear(client);
        kernel = Fixtures.ipvsNode();
        routing = new EventGateRouting(kernel);
        metrics = new AgentMetrics();
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        metrics.close();
        kernel.close();
    }

    private Agent start() throws AgentException {
        agent = new Agent(new KubeSource(client, NODE, List.of()), routing, Fixtures.nodeRoutes(), metrics,
                Duration.ofMinutes(10)); // the periodic resync never fires during a test: events must do it all
        agent.start();
        return agent;
    }

    /** Polls until {@code check} holds, at most 20 s; fails with the last value otherwise. */
    static <T> void await(String what, Callable<T> value, java.util.function.Predicate<T> check) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = value.call();
            if (check.test(last)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("timed out waiting for " + what + "; last: " + last);
    }

    /** The agent's pass count once it stayed the same for 300 ms (at most 20 s). */
    private long settledPasses() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long last = agent.passes();
        while (System.nanoTime() < end) {
            Thread.sleep(300);
            long now = agent.passes();
            if (now == last) {
                return now;
            }
            last = now;
        }
        fail("the agent kept running passes for 20 s");
        return last;
    }

    @Test
    void followsTheApiServerAndRepairsTheKernel() throws Exception {
        Fixtures.createScenario(client);
        start();
        await("the scenario's state", () -> owned(kernel), EXPECTED_OWNED::equals);

        // a new annotated Service
        client.services().inNamespace("default").resource(Fixtures.loadBalancer("oam2", true, "10.0.0.5")).create();
        await("oam2's rule", () -> owned(kernel), o -> o.contains("rule from 10.0.0.5 lookup 44 proto 200"));

        // a route deleted by hand is put back (from the routing event)
        Route cidr = kernel.routes().stream().filter(r -> r.dst().toString().equals("10.96.0.0/16")).findFirst()
                .orElseThrow();
        kernel.deleteRoute(cidr);
        await("10.96.0.0/16 back", () -> owned(kernel), o -> o.contains(cidr.toString()));

        // events lost: a rule removed while the stream drops events stays removed until ResyncNeeded arrives
        routing.dropEvents(true);
        Rule rule = kernel.rules(null).stream().filter(r -> r.toString().contains("from 10.0.0.5 lookup 44"))
                .findFirst().orElseThrow();
        // the pass that put the route back (and any pass its own events started) is over before counting
        long passes = settledPasses();
        long lost = routing.dropped();
        kernel.deleteRule(rule);
        // the kernel publishes on its own thread: the gate opens once the rule's event was lost
        await("the rule's event dropped", routing::dropped, n -> n > lost);
        routing.dropEvents(false);
        Thread.sleep(300); // well past the agent's 20 ms coalescing: a pass the lost event started would have run
        assertEquals(passes, agent.passes(), "no pass was triggered by the lost event");
        routing.resyncNeeded("test: ENOBUFS");
        await("the rule back after ResyncNeeded", () -> owned(kernel),
                o -> o.contains("rule from 10.0.0.5 lookup 44 proto 200"));

        // ServiceCIDR and Node changes
        client.network().v1().serviceCIDRs().withName("dual").delete();
        await("the dual-stack CIDR's routes gone", () -> owned(kernel),
                o -> o.stream().noneMatch(x -> x.contains("10.97.0.0") || x.contains("fd00:10:97")));
        client.services().inNamespace("default").withName("oam").delete();
        client.services().inNamespace("default").withName("oam2").delete();
        await("the OaM policy gone", () -> owned(kernel), o -> o.equals(List.of(
                "local 10.96.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2")));

        // close: the routes stay
        agent.close();
        assertEquals(List.of("local 10.96.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2"),
                owned(kernel));
    }

    @Test
    void aMissingNodeFailsPassesUntilItAppears() throws Exception {
        client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("kubernetes", "10.96.0.0/16")).create();
        start();
        await("a failed pass", () -> agent.passes() > 0 && !metrics.healthy(), x -> x);
        assertEquals(List.of(), owned(kernel));
        client.nodes().resource(Fixtures.node("192.168.1.2")).create();
        await("the CIDR route once the Node exists", () -> owned(kernel), o -> o.equals(List.of(
                "local 10.96.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2")));
    }

    @Test
    void healthzAndMetricsOnLoopback() throws Exception {
        int port = metrics.serve(InetAddress.getLoopbackAddress(), 0);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> h = get(http, port, "/healthz");
        assertEquals(503, h.statusCode(), h.body());

        Fixtures.createScenario(client);
        PassResult r = new Agent(new KubeSource(client, NODE, List.of()), routing, Fixtures.nodeRoutes(), metrics,
                Duration.ofMinutes(5)).once();
        h = get(http, port, "/healthz");
        assertEquals(200, h.statusCode(), h.body());
        String m = get(http, port, "/metrics").body();
        assertTrue(m.contains("netroute_agent_reconciles_total 1.0"), m);
        assertTrue(m.contains("netroute_agent_changes_applied_total " + r.writes() + ".0"), m);
        assertTrue(m.contains("netroute_agent_failures_total 0.0"), m);
        double last = Double.parseDouble(m.lines().filter(l -> l.startsWith("netroute_agent_last_success_timestamp"))
                .findFirst().orElseThrow().split(" ")[1]);
        assertTrue(Math.abs(last - System.currentTimeMillis() / 1000.0) < 600, m);

        client.services().inNamespace("default").resource(Fixtures.loadBalancer("oam2", true, "10.0.0.5")).create();
        kernel.inject(io.github.netroute.routing.testkit.InjectedFailure.errno("RTM_NEWRULE",
                io.github.netroute.routing.Errno.ENOBUFS, null));
        try {
            new Agent(new KubeSource(client, NODE, List.of()), routing, Fixtures.nodeRoutes(), metrics,
                    Duration.ofMinutes(5)).once();
            fail("the injected failure");
        } catch (AgentException expected) {
            // counted below
        }
        m = get(http, port, "/metrics").body();
        assertTrue(m.contains("netroute_agent_reconciles_total 2.0"), m);
        assertTrue(m.contains("netroute_agent_failures_total 1.0"), m);
        assertTrue(m.contains("netroute_agent_changes_applied_total " + r.writes() + ".0"), "rolled back: " + m);
        h = get(http, port, "/healthz");
        assertEquals(503, h.statusCode());
        assertTrue(h.body().contains("FAILED"), h.body());
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
