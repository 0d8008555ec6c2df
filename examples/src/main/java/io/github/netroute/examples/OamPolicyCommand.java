package io.github.netroute.examples;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netroute oam-policy}: source-based policy routing for OaM loadBalancerIPs. */
@Command(name = "oam-policy", mixinStandardHelpOptions = true,
        description = {"Routes the replies from OaM loadBalancerIPs to the OaM gateway.",
            "It installs 'rule from LB-IP/32 lookup N' for each LB IP and 'default via GW table N', the route before"
                + " the rules. It is declarative and idempotent: the LB IPs given are the whole set, so a rule it owns"
                + " (marked with --protocol) for any other address is removed. It prints every planned change before it"
                + " applies them, and --delete removes all of it.",
            "It changes nothing when the gateway is not on a directly connected network or a rule or route it does"
                + " not own is in the way. When a change fails, it rolls back what it did. Exit status: 0 when done, 1"
                + " when refused or failed, 2 for a bad command line.",
            "On the in-memory kernel it starts from a node with eth0 192.168.1.2/24, a default route via 192.168.1.1,"
                + " and the LB IPs on kube-ipvs0."})
final class OamPolicyCommand implements Callable<Integer> {
    @Option(names = "--lb-ip", required = true, paramLabel = "IP",
            description = "An OaM loadBalancerIP. Repeat the flag or separate the addresses with commas.")
    List<String> lbIps = new ArrayList<>();

    @Option(names = "--gateway", required = true, paramLabel = "GW", description = "The OaM gateway.")
    String gateway;

    @Option(names = "--table", required = true, paramLabel = "N",
            description = "The policy routing table, a number or a name (not main, local or default).")
    String table;

    @Option(names = "--delete", description = "Remove the rules and the route instead of installing them.")
    boolean delete;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--protocol", paramLabel = "N", defaultValue = "200",
            description = "The protocol number that marks what this command owns (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Mixin
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<InetAddress> ips = Flags.addresses(spec, "--lb-ip", lbIps);
        InetAddress gw = Flags.address(spec, "--gateway", gateway);
        RouteTable t = Flags.table(spec, "--table", table);
        RouteProtocol proto = Flags.protocol(spec, "--protocol", protocol);
        for (InetAddress a : ips) {
            if (Family.of(a) != Family.of(gw)) {
                throw Flags.error(spec, "--lb-ip " + IpAddresses.format(a) + " and --gateway " + IpAddresses.format(gw)
                        + " are of different families");
            }
        }
        try {
            OamPolicy.checkTable(t, "--table");
        } catch (IllegalArgumentException e) {
            throw Flags.error(spec, e.getMessage());
        }
        OamPolicy job = new OamPolicy(ips, gw, t, proto);
        return target.run(r -> job.run(r, delete, dryRun, System.out, System.err), k -> {
            Nodes.ipvsNode(k, List.of(IpAddresses.parse("192.168.1.2")), List.of(), 0);
            for (InetAddress ip : ips) {
                k.addAddress(io.github.netroute.routing.Address.of(CidrAddress.host(ip), KubeIpvs0.DEVICE));
            }
            return "eth0 192.168.1.2/24, LB IPs on kube-ipvs0";
        });
    }
}
