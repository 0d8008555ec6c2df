package io.github.netroute.examples;

import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.RouteProtocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netroute kube-ipvs0}: local routes for service CIDRs instead of per-ClusterIP addresses. */
@Command(name = "kube-ipvs0", mixinStandardHelpOptions = true,
        description = {"Replaces kube-proxy's per-ClusterIP addresses on kube-ipvs0 with one local route per service"
                + " CIDR.",
            "For each service CIDR it installs 'local CIDR dev kube-ipvs0 table local scope host src NODE-IP', makes"
                + " sure kube-ipvs0 exists, and then removes the /32 and /128 addresses inside those CIDRs from"
                + " kube-ipvs0.",
            "It is declarative and idempotent: the CIDRs given are the whole set, so a route it owns (marked with"
                + " --protocol) for any other CIDR is removed, whatever its family. It prints every planned change,"
                + " removals included, before it applies them.",
            "It changes nothing when a node IP is not an address of the node or a route it does not own is in the"
                + " way. When a change fails, it rolls back what it did. Exit status: 0 when done, 1 when refused or"
                + " failed, 2 for a bad command line.",
            "On the in-memory kernel it starts from a typical ipvs-mode node: lo, eth0 with the node IPs, a default"
                + " route, and kube-ipvs0 down with 1000 ClusterIP addresses."})
final class KubeIpvs0Command implements Callable<Integer> {
    @Option(names = "--service-cidr", required = true, paramLabel = "CIDR",
            description = "A service CIDR with its prefix length, IPv4 or IPv6. Repeat the flag or separate CIDRs with"
                    + " commas, as kube-proxy takes them (10.96.0.0/12,fd00:10:96::/108).")
    List<String> cidrs = new ArrayList<>();

    @Option(names = "--node-ip", required = true, paramLabel = "IP",
            description = "The node IP that the routes use as their src, at most one per family. Repeat the flag or"
                    + " separate the two with a comma.")
    List<String> nodeIps = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--protocol", paramLabel = "N", defaultValue = "200",
            description = "The protocol number that marks the routes this command owns (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--cluster-ips", paramLabel = "N", defaultValue = "1000", hidden = true,
            description = "ClusterIP addresses on kube-ipvs0 in the in-memory starting state.")
    int clusterIps;

    @Mixin
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<IpPrefix> prefixes = Flags.prefixes(spec, "--service-cidr", cidrs);
        List<InetAddress> ips = Flags.onePerFamily(spec, "--node-ip", Flags.addresses(spec, "--node-ip", nodeIps));
        RouteProtocol proto = Flags.protocol(spec, "--protocol", protocol);
        for (IpPrefix c : prefixes) {
            if (KubeIpvs0.nodeIp(ips, c.family()) == null) {
                throw Flags.error(spec, "--service-cidr " + c + " needs a --node-ip of its family ("
                        + (c.family() == io.github.netroute.routing.Family.INET ? "IPv4" : "IPv6") + ")");
            }
        }
        KubeIpvs0 job = new KubeIpvs0(prefixes, ips, proto);
        return target.run(r -> job.run(r, dryRun, System.out, System.err), k -> {
            Nodes.ipvsNode(k, ips, prefixes, clusterIps);
            return "a typical ipvs-mode node (kube-ipvs0 holds "
                    + k.addresses().stream().filter(a -> KubeIpvs0.DEVICE.equals(a.device())).count()
                    + " ClusterIP addresses)";
        });
    }
}
