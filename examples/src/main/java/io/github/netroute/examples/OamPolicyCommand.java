package io.github.netroute.examples;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
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

/** {@code netroute oam-policy}: source-based policy routing for OaM loadBalancerIPs. */
@Command(name = "oam-policy", mixinStandardHelpOptions = true,
        description = {"Route replies from OaM loadBalancerIPs to the OaM gateway:",
            "'rule from LB-IP/32 lookup N' per LB IP and 'default via GW table N'. Idempotent; --delete removes them.",
            "On the in-memory kernel it starts from a node with eth0 192.168.1.2/24, default via 192.168.1.1,",
            "and the LB IPs on kube-ipvs0."})
final class OamPolicyCommand implements Callable<Integer> {
    @Option(names = "--lb-ip", required = true, paramLabel = "IP", description = "An OaM loadBalancerIP; repeatable.")
    List<String> lbIps = new ArrayList<>();

    @Option(names = "--gateway", required = true, paramLabel = "GW", description = "The OaM gateway.")
    String gateway;

    @Option(names = "--table", required = true, paramLabel = "N", description = "The policy routing table.")
    String table;

    @Option(names = "--delete", description = "Remove the rules and the route instead.")
    boolean delete;

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;

    @Option(names = "--protocol", paramLabel = "N", defaultValue = "200",
            description = "Protocol number marking what this command owns (default: ${DEFAULT-VALUE}).")
    int protocol;

    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        List<InetAddress> ips = new ArrayList<>();
        for (String s : lbIps) {
            ips.add(IpAddresses.parse(s));
        }
        OamPolicy job = new OamPolicy(ips, IpAddresses.parse(gateway), RouteTable.parse(table),
                RouteProtocol.of(protocol));
        if (target.real()) {
            try (Routing r = target.openReal()) {
                System.out.println("# on " + target.describe());
                return job.run(r, delete, dryRun, System.out);
            }
        }
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            Nodes.ipvsNode(k, List.of(IpAddresses.parse("192.168.1.2")), List.of(), 0);
            for (InetAddress ip : ips) {
                k.addAddress(io.github.netroute.routing.Address.of(CidrAddress.host(ip), KubeIpvs0.DEVICE));
            }
            System.out.println("# on the in-memory kernel: eth0 192.168.1.2/24, LB IPs on kube-ipvs0");
            return job.run(k, delete, dryRun, System.out);
        }
    }
}
