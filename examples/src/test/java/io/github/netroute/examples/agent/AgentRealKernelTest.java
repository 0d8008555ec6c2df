package io.github.netroute.examples.agent;

import static io.github.netroute.examples.agent.Fixtures.EXPECTED_OWNED;
import static io.github.netroute.examples.agent.Fixtures.GW4;
import static io.github.netroute.examples.agent.Fixtures.GW6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.netroute.examples.Cli;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testsupport.RealKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Done when", on the real kernel in a throwaway namespace: {@code netroute agent --once --netns NS}
 * against fabric8's mock API server. The namespace is shaped like an ipvs-mode node: eth0 (traffic) and eth1 (OaM),
 * kube-ipvs0 down holding ClusterIP and LB addresses, and a foreign rule in table 44's range. This VM's kernel has
 * no {@code dummy} link type, so the three links are bridges (without ports) standing in for the node's dummies.
 */
@RealKernelTest
@EnableKubernetesMockClient(crud = true)
class AgentRealKernelTest {
    static KubernetesClient client;

    static {
        Fixtures.quiet();
    }

    @TempDir
    Path dir;

    String ns;

    @BeforeEach
    void namespace() {
        RealKernel.assumeAvailable();
        ns = "nr-agent-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        Run.exec("ip", "netns", "add", ns);
        Run.exec("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.addr_gen_mode=1",
                "net.ipv6.conf.default.addr_gen_mode=1");
        Fixtures.clear(client);
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            Run.exec("ip", "netns", "del", ns);
        }
    }

    private void ipvsNode() {
        Run.ip(ns, "link", "set", "lo", "up");
        String[][] nets = {{"eth0", "192.168.1.2/24", "2001:db8:1::2/64"}, {"eth1", "192.168.2.2/24", "2001:db8:2::2/64"}};
        for (String[] n : nets) {
            Run.ip(ns, "link", "add", n[0], "type", "bridge");
            Run.ip(ns, "link", "set", n[0], "up");
            Run.ip(ns, "addr", "add", n[1], "dev", n[0]);
            Run.ip(ns, "addr", "add", n[2], "dev", n[0], "nodad");
        }
        Run.ip(ns, "route", "add", "default", "via", "192.168.1.1");
        Run.ip(ns, "link", "add", "kube-ipvs0", "type", "bridge");
        for (String a : List.of("10.96.0.1", "10.96.0.10", "10.97.0.1", Fixtures.OAM_IP, Fixtures.PLAIN_IP)) {
            Run.ip(ns, "addr", "add", a + "/32", "dev", "kube-ipvs0");
        }
        Run.ip(ns, "rule", "add", "from", "10.0.0.99", "lookup", "44");
    }

    /** The rules (both families), table 44 and the LB IPs' local routes, as {@code ip} prints them. */
    private String policyState() {
        return Run.ip(ns, "rule", "show") + Run.ip(ns, "-6", "rule", "show")
                + table44(Run.ip(ns, "route", "show", "table", "all"))
                + table44(Run.ip(ns, "-6", "route", "show", "table", "all"))
                + Run.ip(ns, "route", "show", "table", "local", "root", "10.0.0.0/31");
    }

    /** The lines of table 44 ({@code ip route show table 44} fails while the table does not exist). */
    private static String table44(String all) {
        StringBuilder sb = new StringBuilder();
        all.lines().filter(l -> l.contains(" table 44 ") || l.endsWith(" table 44")).forEach(l -> sb.append(l)
                .append('\n'));
        return sb.toString();
    }

    private Cli.Result agentOnce(Path kubeconfig) {
        return Cli.netroute("agent", "--kubeconfig", kubeconfig.toString(), "--node", Fixtures.NODE, "--netns", ns,
                "--once", "--oam-table", "44", "--oam-gateway", GW4, "--oam-gateway", GW6);
    }

    @Test
    void doneWhen() throws Exception {
        ipvsNode();
        String before = policyState();
        assertTrue(before.contains("local 10.0.0.0 dev kube-ipvs0 proto kernel scope host src 10.0.0.0"), before);
        assertTrue(before.contains("from 10.0.0.99 lookup 44"), before);
        Fixtures.createScenario(client);
        Path kc = Fixtures.kubeconfig(client, dir);

        Cli.Result first = agentOnce(kc);
        assertEquals(0, first.code(), first::toString);
        try (Routing real = NetlinkRouting.open(ns)) {
            assertEquals(EXPECTED_OWNED, Fixtures.owned(real), first::toString);
        }
        String mid = policyState();
        assertTrue(mid.contains("local 10.0.0.0 dev kube-ipvs0 proto 200 scope host src 192.168.1.2"), mid);
        assertTrue(mid.contains("local 10.0.0.1 dev kube-ipvs0 proto kernel scope host src 10.0.0.1"),
                "the unannotated Service's LB IP is untouched: " + mid);
        assertTrue(mid.contains("from 10.0.0.99 lookup 44"), mid);
        String reply = Run.ip(ns, "route", "get", "192.168.5.221", "from", "10.0.0.0");
        assertTrue(reply.contains("via 192.168.2.202 dev eth1 table 44"), "replies from the OaM LB IP: " + reply);
        String plain = Run.ip(ns, "route", "get", "192.168.5.221", "from", "10.0.0.1");
        assertTrue(plain.contains("via 192.168.1.1 dev eth0"), "the unannotated LB IP uses main: " + plain);
        String fromNode = Run.ip(ns, "route", "get", "10.0.0.0");
        assertTrue(fromNode.startsWith("local 10.0.0.0 dev lo table local src 192.168.1.2 "),
                "requests from the node get the node IP as source: " + fromNode);

        // the second run writes nothing: no routing event arrives between its start and a marker route added after
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        try (Routing watcher = NetlinkRouting.open(ns); Subscription sub = watcher.subscribe(events::add)) {
            Cli.Result second = agentOnce(kc);
            assertEquals(0, second.code(), second::toString);
            assertTrue(second.out().contains(": nothing to change in "), second::toString);
            Run.ip(ns, "route", "add", "203.0.113.0/24", "dev", "eth0", "table", "99");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.stream().noneMatch(AgentRealKernelTest::marker) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            List<RoutingEvent> others = new ArrayList<>();
            for (RoutingEvent e : events) {
                if (!marker(e)) {
                    others.add(e);
                }
            }
            if (events.stream().noneMatch(AgentRealKernelTest::marker)) {
                fail("the marker route's event never came: " + events);
            }
            assertEquals(List.of(), others, "the second run wrote something");
        }
        Run.ip(ns, "route", "del", "203.0.113.0/24", "dev", "eth0", "table", "99");

        client.services().inNamespace("default").withName("oam").delete();
        Cli.Result third = agentOnce(kc);
        assertEquals(0, third.code(), third::toString);
        assertEquals(before, policyState(), "rules, table 44 and the LB IPs' local routes as before the first run");
    }

    private static boolean marker(RoutingEvent e) {
        return e instanceof RoutingEvent.RouteAdded a && a.route().table().equals(RouteTable.of(99))
                && a.route().dst().toString().equals("203.0.113.0/24");
    }

    @SuppressWarnings("unused")
    private static String show(List<Route> routes) {
        return String.join("\n", routes.stream().map(Route::toString).toList());
    }
}
