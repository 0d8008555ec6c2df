package io.github.netroute.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.netroute.examples.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netroute agent} on the command line (in-memory kernel), against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class AgentCommandTest {
    static KubernetesClient client;

    static {
        Fixtures.quiet();
    }

    @TempDir
    Path dir;

    @BeforeEach
    void clean() {
        Fixtures.clear(client);
    }

    private Cli.Result agent(Path kubeconfig, String node) {
        return Cli.netroute("agent", "--kubeconfig", kubeconfig.toString(), "--node", node, "--once",
                "--oam-table", "44", "--oam-gateway", "192.168.1.202");
    }

    @Test
    void help() {
        Cli.Result r = Cli.netroute("agent", "--help");
        assertEquals(0, r.code(), r::toString);
        for (String flag : new String[] {"--kubeconfig", "--node", "--once", "--oam-table", "--oam-gateway",
            "--service-cidr", "--netns", "--host", "--metrics-port", "--protocol", "--resync"}) {
            assertTrue(r.out().contains(flag), flag + " in\n" + r.out());
        }
    }

    @Test
    void onceOnTheInMemoryKernelPrintsWhatChanged() throws Exception {
        // the in-memory demo starts from InMemoryKernel.typicalNode(): eth0 192.168.1.2/24, default via 192.168.1.1
        client.nodes().resource(Fixtures.node("192.168.1.2")).create();
        client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("kubernetes", "10.96.0.0/16")).create();
        client.services().inNamespace("default").resource(Fixtures.loadBalancer("oam", true, "10.0.0.7")).create();
        Cli.Result r = agent(Fixtures.kubeconfig(client, dir), "node-a");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("+ link add kube-ipvs0 type dummy"), r::toString);
        assertTrue(r.out().contains(
                "+ route add local 10.96.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2"),
                r::toString);
        assertTrue(r.out().contains("+ rule add from 10.0.0.7 lookup 44 proto 200"), r::toString);
        assertTrue(r.out().contains("+ route add default via 192.168.1.202 table 44 proto 200"), r::toString);
        assertTrue(r.out().contains("node node-a: 1 service CIDR(s) (ServiceCIDRs), 1 OaM LB IP(s)"), r::toString);
    }

    @Test
    void missingNodeExitsNonZero() throws Exception {
        Cli.Result r = agent(Fixtures.kubeconfig(client, dir), "nope");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("netroute agent: node \"nope\" does not exist"), r::toString);
    }

    @Test
    void unreachableApiServerExitsNonZero() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path kc = dir.resolve("dead");
        Files.writeString(kc, Files.readString(Fixtures.kubeconfig(client, dir))
                .replaceAll("server: .*", "server: https://127.0.0.1:" + port));
        Cli.Result r = agent(kc, "node-a");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("netroute agent: cannot read from the API server https://127.0.0.1:" + port),
                r::toString);
    }

    @Test
    void badFlagsAreNamed() throws Exception {
        Cli.Result r = Cli.netroute("agent", "--node", "x", "--once", "--oam-table", "254", "--oam-gateway",
                "192.168.1.202");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--oam-table main is a reserved table"), r::toString);
        r = Cli.netroute("agent", "--node", "x", "--once", "--oam-table", "44", "--oam-gateway", "192.168.1.202",
                "--oam-gateway", "192.168.1.203");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("two IPv4 --oam-gateway (192.168.1.202 and 192.168.1.203): give one per family"),
                r::toString);
        r = Cli.netroute("agent", "--node", "x", "--once", "--oam-table", "44", "--oam-gateway",
                "192.168.1.202,fd00:2::202", "--service-cidr", "10.96.0.0");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--service-cidr 10.96.0.0: a CIDR needs its prefix length"), r::toString);
    }
}
