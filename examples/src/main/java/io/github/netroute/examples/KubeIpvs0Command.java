package io.github.netroute.examples;

import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netroute kube-ipvs0}: local routes for service CIDRs instead of per-ClusterIP addresses. */
@Command(name = "kube-ipvs0", mixinStandardHelpOptions = true,
        description = {"Install 'local CIDR dev kube-ipvs0 table local scope host src NODE-IP' for each service CIDR,",
            "make sure kube-ipvs0 exists, and remove the per-ClusterIP /32 and /128 addresses inside those CIDRs.",
            "Idempotent. On the in-memory kernel it starts from a typical ipvs-mode node (lo, eth0 with the node IP,",
            "a default route, kube-ipvs0 down holding 1000 ClusterIP addresses)."})
final class KubeIpvs0Command implements Callable<Integer> {
    @Option(names = "--service-cidr", required = true, paramLabel = "CIDR",
            description = "A service CIDR (IPv4 or IPv6); repeatable.")
    List<String> cidrs = new ArrayList<>();

    @Option(names = "--node-ip", required = true, paramLabel = "IP",
            description = "The node IP used as src (one per family); repeatable.")
    List<String> nodeIps = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;

    @Option(names = "--protocol", paramLabel = "N", defaultValue = "200",
            description = "Protocol number marking the routes this command owns (default: ${DEFAULT-VALUE}).")
    int protocol;

    @Option(names = "--cluster-ips", paramLabel = "N", defaultValue = "1000", hidden = true,
            description = "ClusterIP addresses on kube-ipvs0 in the in-memory starting state.")
    int clusterIps;

    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        List<IpPrefix> prefixes = new ArrayList<>();
        for (String c : cidrs) {
            prefixes.add(IpPrefix.parse(c));
        }
        List<InetAddress> ips = new ArrayList<>();
        for (String ip : nodeIps) {
            ips.add(IpAddresses.parse(ip));
        }
        KubeIpvs0 job = new KubeIpvs0(prefixes, ips, RouteProtocol.of(protocol));
        if (target.real()) {
            try (Routing r = target.openReal()) {
                System.out.println("# on " + target.describe());
                return job.run(r, dryRun, System.out);
            }
        }
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            Nodes.ipvsNode(k, ips, prefixes, clusterIps);
            System.out.println("# on the in-memory kernel: a typical ipvs-mode node (kube-ipvs0 holds "
                    + k.addresses().stream().filter(a -> KubeIpvs0.DEVICE.equals(a.device())).count()
                    + " ClusterIP addresses)");
            return job.run(k, dryRun, System.out);
        }
    }
}
