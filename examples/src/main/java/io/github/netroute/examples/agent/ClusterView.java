package io.github.netroute.examples.agent;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.IpAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent reads from the API server, boiled down to what it programs: the node's InternalIPs (one per
 * family), the service CIDRs, and the ingress IPs of the LoadBalancer Services annotated {@code netroute.io/oam:
 * "true"}.
 *
 * <pre>{@code
 * ClusterView v = ClusterView.of(node, serviceCidrs, services, List.of());
 * v.nodeIp(Family.INET);   // 192.168.1.2
 * v.oamIps();              // [10.0.0.0]
 * }</pre>
 *
 * @param node the node's name
 * @param nodeIps the node's InternalIP addresses, at most one per family (the first of each)
 * @param serviceCidrs every {@code spec.cidrs} entry of every ServiceCIDR, or the fallback CIDRs
 * @param cidrSource where the CIDRs came from ("ServiceCIDRs" or "--service-cidr")
 * @param oamIps the ingress IPs of annotated LoadBalancer Services (ipMode Proxy skipped), sorted, distinct
 * @param services how many Services were read
 * @param loadBalancers how many of them are of type LoadBalancer
 */
public record ClusterView(String node, List<InetAddress> nodeIps, List<IpPrefix> serviceCidrs, String cidrSource,
        List<InetAddress> oamIps, int services, int loadBalancers) {
    /** The annotation that marks a Service whose LB IPs answer through the OaM gateway. */
    public static final String OAM_ANNOTATION = "netroute.io/oam";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);

    /** Freezes the lists. */
    public ClusterView {
        nodeIps = List.copyOf(nodeIps);
        serviceCidrs = List.copyOf(serviceCidrs);
        oamIps = List.copyOf(oamIps);
    }

    /**
     * Boils the objects down.
     *
     * @param node the Node
     * @param serviceCidrs the ServiceCIDRs, or null when the cluster does not serve networking.k8s.io/v1
     *     ServiceCIDR
     * @param services every Service
     * @param fallbackCidrs used when there is no ServiceCIDR (resource absent or none defined)
     */
    public static ClusterView of(Node node, Collection<ServiceCIDR> serviceCidrs, Collection<Service> services,
            List<IpPrefix> fallbackCidrs) {
        String name = node.getMetadata().getName();
        List<InetAddress> ips = new ArrayList<>(2);
        if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress a : node.getStatus().getAddresses()) {
                if ("InternalIP".equals(a.getType())) {
                    InetAddress ip = address(a.getAddress(), "node " + name + " InternalIP");
                    if (ip != null && ips.stream().noneMatch(x -> Family.of(x) == Family.of(ip))) {
                        ips.add(ip);
                    }
                }
            }
        }
        Set<IpPrefix> cidrs = new LinkedHashSet<>();
        if (serviceCidrs != null) {
            List<ServiceCIDR> sorted = new ArrayList<>(serviceCidrs);
            sorted.sort(Comparator.comparing(s -> s.getMetadata().getName()));
            for (ServiceCIDR sc : sorted) {
                if (sc.getSpec() == null || sc.getSpec().getCidrs() == null) {
                    continue;
                }
                for (String c : sc.getSpec().getCidrs()) {
                    try {
                        cidrs.add(IpPrefix.parse(c));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("ServiceCIDR {}: skipping cidr \"{}\": {}", sc.getMetadata().getName(), c,
                                e.getMessage());
                    }
                }
            }
        }
        String source = "ServiceCIDRs";
        if (cidrs.isEmpty()) {
            cidrs.addAll(fallbackCidrs);
            source = "--service-cidr";
        }
        Set<InetAddress> oam = new LinkedHashSet<>();
        int lbs = 0;
        for (Service s : services) {
            if (s.getSpec() == null || !"LoadBalancer".equals(s.getSpec().getType())) {
                continue;
            }
            lbs++;
            Map<String, String> ann = s.getMetadata().getAnnotations();
            if (ann == null || !"true".equals(ann.get(OAM_ANNOTATION))) {
                continue;
            }
            if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                    || s.getStatus().getLoadBalancer().getIngress() == null) {
                continue;
            }
            for (LoadBalancerIngress in : s.getStatus().getLoadBalancer().getIngress()) {
                if (in.getIp() == null || "Proxy".equals(in.getIpMode())) {
                    continue;
                }
                InetAddress ip = address(in.getIp(), "Service " + s.getMetadata().getNamespace() + "/"
                        + s.getMetadata().getName() + " ingress ip");
                if (ip != null) {
                    oam.add(ip);
                }
            }
        }
        List<InetAddress> oamIps = new ArrayList<>(oam);
        oamIps.sort(ClusterView::compare);
        return new ClusterView(name, ips, new ArrayList<>(cidrs), source, oamIps, services.size(), lbs);
    }

    /** The node IP of a family, or null. */
    public InetAddress nodeIp(Family f) {
        for (InetAddress a : nodeIps) {
            if (Family.of(a) == f) {
                return a;
            }
        }
        return null;
    }

    private static InetAddress address(String text, String what) {
        InetAddress ip = text == null ? null : IpAddresses.parseOrNull(text);
        if (ip == null) {
            LOG.warn("{}: \"{}\" is not an IP address; skipped", what, text);
        }
        return ip;
    }

    static int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }
}
