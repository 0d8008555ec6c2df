package io.github.netroute.examples.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.netroute.examples.Flags;
import io.github.netroute.examples.Target;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netroute agent}: the Kubernetes node agent (see {@link Agent}).
 *
 * <pre>{@code
 * java -jar netroute.jar agent --kubeconfig ~/.kube/config --node node-a --once --oam-table 44 --oam-gateway 192.168.2.202
 * }</pre>
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the Kubernetes node agent.",
            "It keeps 'local CIDR dev kube-ipvs0 table local scope host src NODE-IP' for every ServiceCIDR and, for"
                + " every LoadBalancer Service annotated netroute.io/oam=\"true\", a rule 'from LB-IP lookup TABLE',"
                + " 'default via GW table TABLE' and the LB IP's local route with src NODE-IP.",
            "It owns only what carries --protocol (in table local and the OaM table). It runs on the in-memory kernel"
                + " (a demo) unless --netns or --host is given. Without --once it keeps watching; SIGTERM stops it and"
                + " leaves the routes in place."})
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: in-cluster service account, $KUBECONFIG, ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--node", paramLabel = "NAME", defaultValue = "${env:NODE_NAME}",
            description = "This node's name (default: $NODE_NAME, from the downward API).")
    String node;

    @Option(names = "--once", description = "Read, reconcile, print what changed, exit (0 ok, 1 on any failure).")
    boolean once;

    @Option(names = "--oam-table", required = true, paramLabel = "N", description = "The OaM policy table.")
    long oamTable;

    @Option(names = "--oam-gateway", required = true, paramLabel = "IP",
            description = "The OaM gateway, one per family. Repeat the flag or separate the two with a comma.")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--service-cidr", paramLabel = "CIDR",
            description = "A service CIDR with its prefix length, used when the cluster has no ServiceCIDR objects."
                    + " Repeat the flag or separate CIDRs with commas.")
    List<String> serviceCidrs = new ArrayList<>();

    @Option(names = "--protocol", paramLabel = "N", defaultValue = "200",
            description = "Protocol number marking the routes and rules the agent owns (default: ${DEFAULT-VALUE}).")
    int protocol;

    @Option(names = "--resync", paramLabel = "SECONDS", defaultValue = "300",
            description = "Full reconcile (and informer resync) period in watch mode (default: ${DEFAULT-VALUE}).")
    long resyncSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve /healthz and Prometheus /metrics on this port (default: off).")
    Integer metricsPort;

    @Option(names = "--metrics-address", paramLabel = "IP", defaultValue = "127.0.0.1",
            description = "Address for --metrics-port (default: ${DEFAULT-VALUE}).")
    String metricsAddress;

    @Mixin
    Target target;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (node == null || node.isBlank()) {
            throw Flags.error(spec, "no node name: give --node NAME or set NODE_NAME");
        }
        List<InetAddress> gws = Flags.onePerFamily(spec, "--oam-gateway", Flags.addresses(spec, "--oam-gateway",
                gateways));
        List<IpPrefix> fallback = Flags.prefixes(spec, "--service-cidr", serviceCidrs);
        NodeRoutes routes;
        try {
            routes = new NodeRoutes(RouteTable.of(oamTable), gws, RouteProtocol.of(protocol));
        } catch (IllegalArgumentException e) {
            throw Flags.error(spec, e.getMessage());
        }
        try (Routing routing = target.real() ? target.openReal() : InMemoryKernel.typicalNode()) {
            return once ? runOnce(routing, routes, fallback, System.out) : watch(routing, routes, fallback);
        } catch (AgentException e) {
            System.err.println("netroute agent: " + e.getMessage());
            return 1;
        }
    }

    private int runOnce(Routing routing, NodeRoutes routes, List<IpPrefix> fallback, PrintStream out)
            throws AgentException {
        try (KubernetesClient client = KubeSource.client(kubeconfig, true);
                AgentMetrics metrics = new AgentMetrics();
                KubeSource source = new KubeSource(client, node, fallback)) {
            out.println("# netroute agent --once on " + target.describe() + ", node " + node + ", API server "
                    + client.getMasterUrl());
            PassResult r = new Agent(source, routing, routes, metrics, Duration.ofMinutes(5)).once();
            for (String s : r.deviceSteps()) {
                out.println("+ " + s);
            }
            out.print(r.plan());
            r.notes().forEach(n -> out.println("# note: " + n));
            out.println("# " + r.summary());
            if (!target.real()) {
                show(routing, routes, out);
            }
            return 0;
        }
    }

    /** On the in-memory kernel the result is printed (it is gone when the command exits). */
    private static void show(Routing routing, NodeRoutes routes, PrintStream out) {
        try {
            out.println("# ip route show table local proto " + routes.protocol() + "; table " + routes.table()
                    + "; ip rule show (both families)");
            routing.forEachRoute(RouteFilter.table(RouteTable.LOCAL), r -> {
                if (r.protocol().equals(routes.protocol())) {
                    out.println(r);
                }
            });
            routing.forEachRoute(RouteFilter.table(routes.table()), out::println);
            for (Rule r : routing.rules()) {
                out.println(r);
            }
        } catch (RoutingException e) {
            out.println("# cannot show the result: " + e.getMessage());
        }
    }

    private int watch(Routing routing, NodeRoutes routes, List<IpPrefix> fallback) throws Exception {
        KubernetesClient client = KubeSource.client(kubeconfig, false);
        AgentMetrics metrics = new AgentMetrics();
        KubeSource source = new KubeSource(client, node, fallback);
        Agent agent = new Agent(source, routing, routes, metrics, Duration.ofSeconds(resyncSeconds));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // SIGTERM/SIGINT: stop watching and leave the routes and rules in place
            agent.close();
            metrics.close();
            client.close();
            System.err.println("netroute agent: stopped after " + agent.passes() + " pass(es); routes and rules left"
                    + " in place");
            System.err.flush();
            stopped.countDown();
        }, "netroute-agent-shutdown");
        try {
            if (metricsPort != null) {
                int port = metrics.serve(IpAddresses.parse(metricsAddress), metricsPort);
                System.err.println("netroute agent: /healthz and /metrics on " + metricsAddress + ":" + port);
            }
            agent.start();
        } catch (AgentException | java.io.IOException e) {
            hook.run();
            throw e instanceof AgentException ae ? ae : new AgentException("--metrics-port: " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("netroute agent: watching node " + node + " on " + target.describe()
                + "; SIGTERM stops it (routes stay)");
        stopped.await();
        return 0;
    }
}
