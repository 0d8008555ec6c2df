package io.github.netroute.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netroute agent} in watch mode as its own process (in-memory kernel) against the mock API server: it serves
 * /healthz on the loopback, reconciles, and ends on SIGTERM through its shutdown hook.
 */
@EnableKubernetesMockClient(crud = true)
class AgentSigtermTest {
    static KubernetesClient client;

    static {
        Fixtures.quiet();
    }

    @TempDir
    Path dir;

    @Test
    void watchesThenStopsCleanlyOnSigterm() throws Exception {
        client.nodes().resource(Fixtures.node("192.168.1.2")).create();
        client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("kubernetes", "10.96.0.0/16")).create();
        Path kc = Fixtures.kubeconfig(client, dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("agent.log"); // a file, not a pipe: a pipe read while the process exits can lose lines
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.github.netroute.examples.Netroute", "agent", "--kubeconfig", kc.toString(), "--node", "node-a",
                "--oam-table", "44", "--oam-gateway", "192.168.1.202", "--metrics-port", "0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Pattern bound = Pattern.compile("/healthz and /metrics on 127\\.0\\.0\\.1:(\\d+)");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int port = -1;
            while (System.nanoTime() < end && p.isAlive()) {
                String out = Files.readString(log);
                Matcher m = bound.matcher(out);
                if (m.find() && out.contains("node node-a: 1 service CIDR(s) (ServiceCIDRs)")) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
                Thread.sleep(50);
            }
            if (port < 0) {
                fail("the agent did not start and reconcile:\n" + Files.readString(log));
            }
            HttpResponse<String> h = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, h.statusCode(), h.body());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended after SIGTERM");
            String all = Files.readString(log);
            assertTrue(all.contains("netroute agent: stopped after "), all);
            assertTrue(all.contains("routes and rules left in place"), all);
        } finally {
            p.destroyForcibly();
        }
    }
}
