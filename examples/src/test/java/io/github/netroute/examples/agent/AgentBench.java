package io.github.netroute.examples.agent;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent at scale, on fabric8's mock API server (CRUD) and the in-memory kernel: 10 000 Services (2 000 of type
 * LoadBalancer with one ingress IP each, 1 000 of those annotated) and 3 ServiceCIDRs (one dual-stack); kube-ipvs0
 * holds every ClusterIP and LB IP, as kube-proxy leaves it. A program that prints figures, not a test:
 *
 * <pre>{@code
 * mvn -B -q -DskipTests package
 * java -cp "$(cat examples/target/test-classpath.txt):examples/target/test-classes:examples/target/classes" \
 *     io.github.netroute.examples.agent.AgentBench [services] [rounds]
 * }</pre>
 *
 * <p>Figures: the first reconcile ({@code --once}: list everything from the API server, then one pass; and the pass
 * alone), the latency of one Service change in watch mode (annotation toggled through the API server until the
 * rule's kernel event arrives; median over rounds), and the heap the running agent holds per Service (informer caches
 * and the kernel's extra state; the mock server's own copy is measured out).
 */
public final class AgentBench {
    private AgentBench() {}

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        int lbs = services / 5;
        int annotated = lbs / 2;
        Fixtures.quiet();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            long t0 = System.nanoTime();
            client.nodes().resource(Fixtures.node("192.168.1.2", "2001:db8:1::2")).create();
            client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("kubernetes", "10.96.0.0/16")).create();
            client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("dual", "10.97.0.0/16",
                    "fd00:10:97::/108")).create();
            client.network().v1().serviceCIDRs().resource(Fixtures.serviceCidr("extra", "10.98.0.0/16")).create();
            InMemoryKernel kernel = Fixtures.ipvsNode();
            List<Address> addrs = new ArrayList<>();
            List<Service> objects = new ArrayList<>();
            for (int i = 0; i < services; i++) {
                String clusterIp = ip(10, 96, 256 + i); // above the fixture's own ClusterIPs
                Service s;
                if (i < lbs) {
                    String lbIp = ip(10, 1, i);
                    s = Fixtures.loadBalancer("svc-" + i, i < annotated, lbIp);
                    addrs.add(Address.of(CidrAddress.parse(lbIp + "/32"), "kube-ipvs0"));
                } else {
                    s = new ServiceBuilder().withNewMetadata().withName("svc-" + i).withNamespace("default")
                            .endMetadata().withNewSpec().withType("ClusterIP").addNewPort().withPort(80).endPort()
                            .endSpec().build();
                }
                s.getSpec().setClusterIP(clusterIp);
                objects.add(s);
                addrs.add(Address.of(CidrAddress.parse(clusterIp + "/32"), "kube-ipvs0"));
            }
            objects.parallelStream().forEach(s -> client.services().inNamespace("default").resource(s).create());
            for (Address a : addrs) {
                kernel.addAddress(a);
            }
            kernel.setLogCapacity(0);
            System.out.printf(Locale.ROOT, "setup: %d Services (%d LoadBalancer, %d annotated), 3 ServiceCIDRs, "
                    + "%d addresses on kube-ipvs0, in %.1f s%n", services, lbs, annotated, addrs.size(),
                    (System.nanoTime() - t0) / 1e9);

            // first reconcile, as --once: list from the API server and one pass (a fresh kernel state each round)
            var snapshot = kernel.snapshot();
            List<Double> onceTotal = new ArrayList<>();
            List<Double> onePass = new ArrayList<>();
            PassResult first = null;
            for (int r = 0; r < 5; r++) {
                kernel.restore(snapshot);
                long s = System.nanoTime();
                first = new Agent(new KubeSource(client, Fixtures.NODE, List.of()), kernel, Fixtures.nodeRoutes(),
                        new AgentMetrics(), Duration.ofMinutes(5)).once();
                onceTotal.add((System.nanoTime() - s) / 1e6);
                onePass.add(first.nanos() / 1e6);
            }
            System.out.printf(Locale.ROOT, "first reconcile (--once: API list + pass), %d changes: median %.0f ms "
                    + "(runs %s); the pass alone: median %.0f ms%n", first.writes(), median(onceTotal),
                    fmt(onceTotal), median(onePass));

            // watch mode: one Service change, API update -> the rule's kernel event
            kernel.restore(snapshot);
            Runtime rt = Runtime.getRuntime();
            long heap0 = usedHeap(rt);
            AgentMetrics metrics = new AgentMetrics();
            Agent agent = new Agent(new KubeSource(client, Fixtures.NODE, List.of()), kernel, Fixtures.nodeRoutes(),
                    metrics, Duration.ofMinutes(10));
            long s0 = System.nanoTime();
            agent.start();
            while (agent.last() == null || !agent.last().ok()) {
                Thread.sleep(1);
            }
            System.out.printf(Locale.ROOT, "watch mode: informers listed and first pass done in %.0f ms%n",
                    (System.nanoTime() - s0) / 1e6);
            long heap1 = usedHeap(rt);
            List<Double> lat = new ArrayList<>();
            List<Double> passes = new ArrayList<>();
            String target = "svc-" + annotated; // a LoadBalancer without the annotation, toggled each round
            InetAddress targetIp = IpAddresses.parse(ip(10, 1, annotated));
            for (int r = 0; r < rounds; r++) {
                boolean on = r % 2 == 0;
                CountDownLatch seen = new CountDownLatch(1);
                try (Subscription sub = kernel.subscribe(ev -> {
                    if (on && ev instanceof RoutingEvent.RuleAdded a && a.rule().from() != null
                            && a.rule().from().address().equals(targetIp)
                            || !on && ev instanceof RoutingEvent.RuleRemoved d && d.rule().from() != null
                            && d.rule().from().address().equals(targetIp)) {
                        seen.countDown();
                    }
                })) {
                    Service s = client.services().inNamespace("default").withName(target).get();
                    if (on) {
                        s.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of(ClusterView.OAM_ANNOTATION,
                                "true")));
                    } else {
                        s.getMetadata().setAnnotations(new HashMap<>());
                    }
                    PassResult prev = agent.last();
                    long s1 = System.nanoTime();
                    client.services().inNamespace("default").resource(s).update();
                    if (!seen.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("round " + r + ": the change never reached the kernel");
                    }
                    lat.add((System.nanoTime() - s1) / 1e6);
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while ((agent.last() == prev || agent.last().writes() == 0) && System.nanoTime() < end) {
                        Thread.sleep(1);
                    }
                    passes.add(agent.last().nanos() / 1e6);
                }
            }
            System.out.printf(Locale.ROOT, "one Service change (API update -> rule in the kernel), %d rounds: "
                    + "median %.0f ms, min %.0f, max %.0f; of which the agent's pass: median %.0f ms%n", rounds,
                    median(lat), min(lat), max(lat), median(passes));
            System.out.printf(Locale.ROOT, "heap held by the running agent: %.1f MiB, %.0f bytes per Service "
                    + "(informer caches + state)%n", (heap1 - heap0) / 1048576.0, (heap1 - heap0) / (double) services);
            agent.close();
            metrics.close();
            kernel.close();
        } finally {
            server.destroy();
        }
    }

    private static String ip(int a, int b, int n) {
        return a + "." + (b + n / 65536) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    private static long usedHeap(Runtime rt) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    private static double median(List<Double> l) {
        List<Double> s = new ArrayList<>(l);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String fmt(List<Double> l) {
        return l.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList().toString();
    }
}
