package io.github.netroute.examples.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The agent's counters (Prometheus Java client) and its HTTP endpoints: {@code /metrics} (Prometheus exposition by
 * the client's own handler) and {@code /healthz} (200 once a pass has succeeded and the last one did, else 503).
 *
 * <pre>{@code
 * AgentMetrics m = new AgentMetrics();
 * m.serve(InetAddress.getLoopbackAddress(), 9464);   // curl 127.0.0.1:9464/metrics
 * m.passed(result);
 * }</pre>
 */
public final class AgentMetrics implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter reconciles = Counter.builder().name("netroute_agent_reconciles_total")
            .help("Reconcile passes run (successful or not).").register(registry);
    private final Counter changes = Counter.builder().name("netroute_agent_changes_applied_total")
            .help("Route, rule and link changes applied and kept.").register(registry);
    private final Counter failures = Counter.builder().name("netroute_agent_failures_total")
            .help("Reconcile passes that failed (a change failed and was rolled back, or the state could not be read).")
            .register(registry);
    private final Gauge lastSuccess = Gauge.builder().name("netroute_agent_last_success_timestamp_seconds")
            .help("Unix time of the last successful reconcile pass.").register(registry);
    private volatile boolean healthy;
    private volatile String lastError = "no reconcile pass has completed yet";
    private HttpServer server;

    /** Counts a pass. */
    public void passed(PassResult r) {
        reconciles.inc();
        changes.inc(r.writes());
        if (r.ok()) {
            succeeded();
        } else {
            failed(r.summary());
        }
    }

    /** Counts a pass that could not run (state or API unreadable). */
    public void failedPass(String why) {
        reconciles.inc();
        failed(why);
    }

    private void succeeded() {
        lastSuccess.set(System.currentTimeMillis() / 1000.0);
        healthy = true;
    }

    private void failed(String why) {
        failures.inc();
        healthy = false;
        lastError = why;
    }

    /** Passes counted. */
    public long reconciles() {
        return (long) reconciles.get();
    }

    /** Whether the last pass succeeded. */
    public boolean healthy() {
        return healthy;
    }

    /**
     * Serves {@code /metrics} and {@code /healthz} on {@code address:port} (port 0: any free port).
     *
     * @return the port bound
     */
    public int serve(InetAddress address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 8);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", this::health);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netroute-agent-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        boolean ok = healthy;
        byte[] body = (ok ? "ok\n" : "unhealthy: " + lastError + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(ok ? 200 : 503, body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }

    /** Stops the HTTP server. */
    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
