package io.github.netroute.examples;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.model.Decision;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.PrintStream;
import java.net.InetAddress;

/**
 * The seed's asymmetric-routing story, told step by step by the routing model on the in-memory kernel.
 *
 * <pre>{@code
 * int failures = new Asymmetric().tell(System.out);   // 0 when every step ends as the story says
 * }</pre>
 *
 * <p>The node has a traffic network (eth0 192.168.0.2/24, default via the traffic gateway 192.168.0.1) and an
 * OaM network (eth1 192.168.1.2/24, OaM gateway 192.168.1.202). The OaM service's loadBalancerIP 10.0.0.0 is on
 * kube-ipvs0 (kube-proxy, ipvs mode); its backend POD runs at 10.244.1.5 on another node (via 192.168.0.3); the
 * OaM client is 192.168.2.221, behind the OaM gateway.
 */
public final class Asymmetric {
    static final InetAddress LB = ip("10.0.0.0");
    static final InetAddress NODE = ip("192.168.1.2");
    static final InetAddress CLIENT = ip("192.168.2.221");
    static final InetAddress POD = ip("10.244.1.5");
    static final InetAddress TRAFFIC_GW = ip("192.168.0.1");
    static final InetAddress OAM_GW = ip("192.168.1.202");

    private static InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    private int failures;

    /** Prints the story; returns the number of steps whose outcome differed from the story's expectation. */
    public int tell(PrintStream out) throws RoutingException {
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            k.setLinkUp("lo", true);
            for (String dev : new String[] {"eth0", "eth1"}) {
                k.addLink(dev, "dummy");
                k.setLinkUp(dev, true);
            }
            k.addAddress(Address.parse("192.168.0.2/24 dev eth0"));
            k.addAddress(Address.parse("192.168.1.2/24 dev eth1"));
            k.addRoute(Route.parse("default via 192.168.0.1 dev eth0"));
            k.addRoute(Route.parse("10.244.1.0/24 via 192.168.0.3 dev eth0"));
            k.addLink(KubeIpvs0.DEVICE, "dummy");
            k.addAddress(Address.of(CidrAddress.host(LB), KubeIpvs0.DEVICE));

            out.println("A node on two networks: traffic (eth0 192.168.0.2/24, default via 192.168.0.1) and OaM");
            out.println("(eth1 192.168.1.2/24, OaM gateway 192.168.1.202). kube-proxy (ipvs) put the OaM service's");
            out.println("loadBalancerIP 10.0.0.0 on kube-ipvs0. The OaM client 192.168.2.221 sits behind the OaM gateway.");
            out.println();

            step(out, "1. An OaM client connects to 10.0.0.0:5001 through the OaM gateway. Where does the reply go?",
                    k, RouteLookup.builder().to(CLIENT).from(LB).build(), TRAFFIC_GW,
                    "The reply leaves via the traffic gateway: asymmetric routing. The OaM network's firewall never"
                    + " sees it, the traffic network should never carry it.");

            Rule rule = Rule.parse("from 10.0.0.0/32 table 44");
            Route oam = Route.parse("default via 192.168.1.202 table 44");
            out.println("2. The fix: a source-based policy route (the seed's 'ip rule add from 10.0.0.0/32 table 44'");
            out.println("   and 'ip route add default via 192.168.1.202 table 44'):");
            k.addRule(rule);
            k.addRoute(oam);
            out.println("   + rule " + rule);
            out.println("   + route " + oam);
            step(out, "   The reply again:", k, RouteLookup.builder().to(CLIENT).from(LB).build(), OAM_GW,
                    "Replies from the loadBalancerIP now go back through the OaM gateway.");

            out.println("3. But a request from the node's own network namespace to 10.0.0.0 now fails. First the");
            out.println("   kernel picks the source address for the connection:");
            LookupResult first = step(out, "", k, RouteLookup.to(LB), null,
                    "The local route that the address on kube-ipvs0 created has src 10.0.0.0, so the connection"
                    + " gets the loadBalancerIP as its source.");
            InetAddress src = first == null ? LB : first.source();
            step(out, "   IPVS then DNATs 10.0.0.0 to the POD 10.244.1.5, keeping the source " + fmt(src) + ":", k,
                    RouteLookup.builder().to(POD).from(src).build(), OAM_GW,
                    "The source matches 'from 10.0.0.0/32': the request to the POD is sent to the OaM gateway"
                    + " instead of the POD network. It never arrives.");

            Route fix = Route.parse("local 10.0.0.0 dev kube-ipvs0 scope host src 192.168.1.2");
            out.println("4. The seed's fix: 'ip route replace local 10.0.0.0 dev kube-ipvs0 scope host src 192.168.1.2'");
            k.replaceRoute(fix);
            out.println("   ~ route " + fix);
            LookupResult again = step(out, "   The node's connection to 10.0.0.0 now gets the node IP as source:", k,
                    RouteLookup.to(LB), null, "src 192.168.1.2: the route's prefsrc wins.");
            InetAddress src2 = again == null ? NODE : again.source();
            if (!NODE.equals(src2)) {
                failures++;
                out.println("   !! expected src 192.168.1.2, got " + fmt(src2));
            }
            step(out, "   After DNAT the request to the POD no longer matches the rule:", k,
                    RouteLookup.builder().to(POD).from(src2).build(), ip("192.168.0.3"),
                    "It follows the main table to the POD network. Requests from the node work again.");
            step(out, "   And the OaM client's replies still use the OaM gateway:", k,
                    RouteLookup.builder().to(CLIENT).from(LB).build(), OAM_GW,
                    "This is what 'netroute kube-ipvs0' installs for whole service CIDRs:"
                    + " local CIDR dev kube-ipvs0 table local scope host src NODE-IP.");
            out.println(failures == 0 ? "Every step ended as the seed describes."
                    : failures + " step(s) did not end as the seed describes.");
            return failures;
        }
    }

    private LookupResult step(PrintStream out, String title, InMemoryKernel k, RouteLookup flow,
            InetAddress expectedGateway, String moral) {
        if (!title.isEmpty()) {
            out.println(title);
        }
        Decision d = k.explain(flow);
        for (String line : d.explain().split("\n")) {
            out.println("     | " + line);
        }
        if (expectedGateway != null && (!d.ok() || !expectedGateway.equals(d.result().gateway()))) {
            failures++;
            out.println("   !! expected the route via " + fmt(expectedGateway));
        }
        out.println("   " + moral);
        out.println();
        return d.ok() ? d.result() : null;
    }

    private static String fmt(InetAddress a) {
        return a == null ? "none" : IpAddresses.format(a);
    }
}
