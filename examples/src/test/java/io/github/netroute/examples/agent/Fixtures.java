package io.github.netroute.examples.agent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The "Done when" scenario: an ipvs-mode node with two networks, and its API objects. */
final class Fixtures {
    private Fixtures() {}

    /** The mock web server logs every request through java.util.logging at INFO; kept (strongly) at WARNING. */
    static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** Loads the class (and so quiets the mock server's log); call from a test class's static initializer. */
    static void quiet() {}

    static final String NODE = "node-a";
    static final RouteTable TABLE = RouteTable.of(44);
    static final RouteProtocol PROTO = RouteProtocol.of(200);
    static final String GW4 = "192.168.2.202";
    static final String GW6 = "2001:db8:2::202";
    static final String OAM_IP = "10.0.0.0";
    static final String PLAIN_IP = "10.0.0.1";
    /** A rule in the OaM table's range that is not the agent's ({@code ip rule add} gives proto boot). */
    static final String FOREIGN_RULE = "from 10.0.0.99 lookup 44";

    static NodeRoutes nodeRoutes() {
        return new NodeRoutes(TABLE, List.of(IpAddresses.parse(GW4), IpAddresses.parse(GW6)), PROTO);
    }

    /**
     * The node on the in-memory kernel: eth0 (traffic, 192.168.1.2/24, 2001:db8:1::2/64, default via .1), eth1 (OaM,
     * 192.168.2.2/24, 2001:db8:2::2/64), kube-ipvs0 down holding ClusterIPs 10.96.0.1, 10.96.0.10, 10.97.0.1 and the
     * LB IPs, and the foreign rule.
     */
    static InMemoryKernel ipvsNode() throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setLinkUp("lo", true);
        for (String dev : List.of("eth0", "eth1")) {
            k.addLink(dev, "dummy");
            k.setLinkUp(dev, true);
        }
        k.addAddress(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0"));
        k.addAddress(Address.of(CidrAddress.parse("2001:db8:1::2/64"), "eth0"));
        k.addAddress(Address.of(CidrAddress.parse("192.168.2.2/24"), "eth1"));
        k.addAddress(Address.of(CidrAddress.parse("2001:db8:2::2/64"), "eth1"));
        k.addRoute(Route.parse("default via 192.168.1.1 dev eth0"));
        k.addLink("kube-ipvs0", "dummy");
        for (String ip : List.of("10.96.0.1", "10.96.0.10", "10.97.0.1", OAM_IP, PLAIN_IP)) {
            k.addAddress(Address.of(CidrAddress.parse(ip + "/32"), "kube-ipvs0"));
        }
        k.addRule(Rule.parse(FOREIGN_RULE));
        k.clearLog();
        return k;
    }

    static Node node(String... internalIps) {
        List<NodeAddress> addrs = new ArrayList<>();
        addrs.add(new NodeAddress(NODE, "Hostname"));
        for (String ip : internalIps) {
            addrs.add(new NodeAddress(ip, "InternalIP"));
        }
        return new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().withNewStatus()
                .withAddresses(addrs).endStatus().build();
    }

    static ServiceCIDR serviceCidr(String name, String... cidrs) {
        return new ServiceCIDRBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withCidrs(cidrs).endSpec().build();
    }

    static Service loadBalancer(String name, boolean oam, String... ips) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default")
                .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(5001).endPort().endSpec();
        if (oam) {
            b = b.editMetadata().addToAnnotations(ClusterView.OAM_ANNOTATION, "true").endMetadata();
        }
        b = b.withNewStatus().withNewLoadBalancer().endLoadBalancer().endStatus();
        for (String ip : ips) {
            b = b.editStatus().editLoadBalancer().addNewIngress().withIp(ip).withIpMode("VIP").endIngress()
                    .endLoadBalancer().endStatus();
        }
        return b.build();
    }

    /** Deletes what the tests create on the mock API server: Nodes, ServiceCIDRs and Services of every namespace. */
    static void clear(KubernetesClient c) {
        c.nodes().delete();
        c.network().v1().serviceCIDRs().delete();
        c.services().inAnyNamespace().delete();
    }

    /** The scenario's objects: the Node, two ServiceCIDRs (one dual-stack), an annotated and a plain LB Service. */
    static void createScenario(KubernetesClient c) {
        c.nodes().resource(node("192.168.1.2", "2001:db8:1::2")).create();
        c.network().v1().serviceCIDRs().resource(serviceCidr("kubernetes", "10.96.0.0/16")).create();
        c.network().v1().serviceCIDRs().resource(serviceCidr("dual", "10.97.0.0/16", "fd00:10:97::/108")).create();
        c.services().inNamespace("default").resource(loadBalancer("oam", true, OAM_IP)).create();
        c.services().inNamespace("default").resource(loadBalancer("traffic", false, PLAIN_IP)).create();
    }

    /** What the agent owns after a run on the scenario, as the kernel prints it (routes, then rules). */
    static final List<String> EXPECTED_OWNED = List.of(
            "default via 192.168.2.202 dev eth1 table 44 proto 200",
            "local 10.0.0.0 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2",
            "local 10.96.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2",
            "local 10.97.0.0/16 dev kube-ipvs0 table local proto 200 scope host src 192.168.1.2",
            "local fd00:10:97::/108 dev kube-ipvs0 table local proto 200 src 2001:db8:1::2 metric 1024 pref medium",
            "rule from 10.0.0.0 lookup 44 proto 200");

    /** The owned routes and rules (proto 200), printed, sorted within routes (IPv4 first) and rules. */
    static List<String> owned(Routing r) throws RoutingException {
        List<String> out = new ArrayList<>();
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (Route route : r.routes()) {
            if (route.protocol().equals(PROTO)) {
                (route.family() == io.github.netroute.routing.Family.INET ? v4 : v6).add(route.toString());
            }
        }
        v4.sort(null);
        v6.sort(null);
        out.addAll(v4);
        out.addAll(v6);
        for (Rule rule : r.rules(null)) {
            if (rule.protocol().equals(PROTO)) {
                out.add("rule " + rule.toString().replaceFirst("^\\d+:\\s*", ""));
            }
        }
        return out;
    }

    /** Every route and rule, printed: the whole routing state to compare before and after. */
    static List<String> everything(Routing r) throws RoutingException {
        List<String> out = new ArrayList<>();
        for (Route route : r.routes()) {
            out.add(route.toString());
        }
        for (Rule rule : r.rules(null)) {
            out.add(rule.toString());
        }
        return out;
    }

    /** A kubeconfig file for a client's API server (no TLS verification: the mock server's certificate). */
    static Path kubeconfig(KubernetesClient c, Path dir) throws IOException {
        String url = c.getMasterUrl().toString().replaceAll("/$", "");
        Path f = dir.resolve("kubeconfig");
        Files.writeString(f, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url
                + "\n    insecure-skip-tls-verify: true\ncontexts:\n- name: mock\n  context:\n    cluster: mock\n"
                + "    user: mock\ncurrent-context: mock\nusers:\n- name: mock\n  user:\n    token: secret\n");
        return f;
    }
}
