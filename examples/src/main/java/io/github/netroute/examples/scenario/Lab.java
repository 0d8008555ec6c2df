package io.github.netroute.examples.scenario;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.NetlinkRouting;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's xcluster lab in throwaway network namespaces joined by veth pairs, for one address family.
 *
 * <pre>
 *   vm-231 (traffic client) --eth2-- vm-201 (traffic router, the node's default gateway) --+
 *                                                                                          |  net1: 192.168.1.0/24
 *   vm-221 (OaM client) -----eth2-- vm-202 (OaM router) ------------------------------------+  (a bridge in its own
 *                                                                                          |   namespace)
 *                                   POD --pod0-- vm-002 (the node; kube-ipvs0) --eth1-------+
 * </pre>
 *
 * Every address, route and link state is set through {@link NetlinkRouting}; {@link IpSetup} only creates the
 * namespaces, the veth pairs, the bridge ports and the DNAT. {@link #close()} deletes every namespace.
 */
final class Lab implements AutoCloseable {
    static final int PORT = 5001;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The addresses of one family; IPv6 mirrors IPv4 (192.168.1.x is fd00:1::x, 10.244.0.x is fd00:244::x). */
    record Plan(Family family, String net1, String node, String r201, String r202, String r201Traffic,
            String trafficClient, String r202Oam, String oamClient, String podGw, String pod, String clusterCidr,
            List<String> clusterIps, String nodeClusterIp, String lb, int len) {

        static Plan of(Family f) {
            return f == Family.INET
                    ? new Plan(f, "192.168.1.0/24", "192.168.1.2", "192.168.1.201", "192.168.1.202",
                            "192.168.3.201", "192.168.3.231", "192.168.2.202", "192.168.2.221", "10.244.0.1",
                            "10.244.0.5", "10.96.0.0/12", List.of("10.96.0.1", "10.111.255.254"), "10.96.0.10",
                            "10.0.0.0", 24)
                    : new Plan(f, "fd00:1::/64", "fd00:1::2", "fd00:1::201", "fd00:1::202", "fd00:3::201",
                            "fd00:3::231", "fd00:2::202", "fd00:2::221", "fd00:244::1", "fd00:244::5",
                            "fd00:10:96::/108", List.of("fd00:10:96::1", "fd00:10:96::f:fffe"), "fd00:10:96::a",
                            "fd00:10::", 64);
        }

        String host() {
            return family == Family.INET ? "/32" : "/128";
        }

        String ip() {
            return family == Family.INET ? "ip" : "ip -6";
        }
    }

    final Plan plan;
    final String prefix;
    final Map<String, Netns> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<Tcp.Server> servers = new ArrayList<>();
    private final boolean keep;
    private NetlinkRouting node;

    private final Thread onExit;
    private boolean deleted;

    Lab(Family family, boolean keep) {
        this.plan = Plan.of(family);
        this.prefix = "nr-sc-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        this.keep = keep;
        // an interrupted run (Ctrl-C, SIGTERM) removes its namespaces too
        this.onExit = new Thread(this::deleteNamespaces, prefix + "-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    Netns host(String name) {
        return hosts.get(name);
    }

    /** The node's routing client (vm-002). */
    Routing node() {
        return node;
    }

    /** Builds the topology; on failure the caller still calls {@link #close()}. */
    void build(int nconn, PrintStream out) throws RoutingException {
        Plan p = plan;
        boolean v6 = p.family == Family.INET6;
        // namespaces: one per host, one for net1's bridge
        for (String h : List.of("vm-002", "vm-201", "vm-202", "vm-221", "vm-231", "pod", "net1")) {
            String ns = prefix + "-" + h.replace("vm-", "");
            synchronized (this) {
                if (deleted) {
                    throw new IllegalStateException("the lab is being removed");
                }
                IpSetup.addNetns(ns);
                namespaces.add(ns);
            }
            Netns n = new Netns(ns, Math.max(1, nconn));
            hosts.put(h, n);
            // before any link exists, so every device inherits it: no link-local addresses (no DAD waits) and no
            // reverse-path filter (a new namespace's default, set explicitly in case the kernel inherits another)
            n.sysctl("net/ipv6/conf/all/addr_gen_mode", "1");
            n.sysctl("net/ipv6/conf/default/addr_gen_mode", "1");
            n.sysctl("net/ipv4/conf/all/rp_filter", "0");
            n.sysctl("net/ipv4/conf/default/rp_filter", "0");
            // keep IPv6's own chatter out of the routers' counters: no router solicitations, multicast listener
            // reports sent at once rather than repeated over the next seconds; no IPv6 at all in the IPv4 lab
            for (String conf : List.of("all", "default")) {
                n.sysctl("net/ipv6/conf/" + conf + "/router_solicitations", "0");
                n.sysctl("net/ipv6/conf/" + conf + "/mldv1_unsolicited_report_interval", "0");
                n.sysctl("net/ipv6/conf/" + conf + "/mldv2_unsolicited_report_interval", "0");
                if (!v6 || h.equals("net1")) {
                    n.sysctl("net/ipv6/conf/" + conf + "/disable_ipv6", "1");
                }
            }
        }
        for (String r : List.of("vm-201", "vm-202")) {
            host(r).sysctl(v6 ? "net/ipv6/conf/all/forwarding" : "net/ipv4/ip_forward", "1");
        }
        Netns n002 = host("vm-002");
        // servers start before any route covers their address; the routes decide whether packets reach them
        n002.sysctl(v6 ? "net/ipv6/ip_nonlocal_bind" : "net/ipv4/ip_nonlocal_bind", "1");
        // a handshake whose SYN-ACK went the wrong way is not retried, so it cannot blur a later step's counters
        n002.sysctl("net/ipv4/tcp_synack_retries", "0");

        // links: veth pairs (ip link), net1 is a bridge made by the library
        String net1 = host("net1").name;
        try (NetlinkRouting sw = NetlinkRouting.open(net1)) {
            sw.addLink("br0", "bridge");
            sw.setLinkUp("br0", true);
        }
        IpSetup.veth(host("vm-002").name, "eth1", net1, "p002");
        IpSetup.veth(host("vm-201").name, "eth1", net1, "p201");
        IpSetup.veth(host("vm-202").name, "eth1", net1, "p202");
        IpSetup.veth(host("vm-231").name, "eth1", host("vm-201").name, "eth2");
        IpSetup.veth(host("vm-221").name, "eth1", host("vm-202").name, "eth2");
        IpSetup.veth(host("pod").name, "eth0", host("vm-002").name, "pod0");
        try (NetlinkRouting sw = NetlinkRouting.open(net1)) {
            for (String port : List.of("p002", "p201", "p202")) {
                IpSetup.master(net1, port, "br0");
                sw.setLinkUp(port, true);
            }
        }

        // addresses and routes through the library
        setUp("vm-201", List.of("eth1 " + p.r201 + "/" + p.len, "eth2 " + p.r201Traffic + "/" + p.len),
                List.of(p.clusterCidr + " via " + p.node, p.lb + p.host() + " via " + p.node));
        setUp("vm-202", List.of("eth1 " + p.r202 + "/" + p.len, "eth2 " + p.r202Oam + "/" + p.len),
                List.of(p.lb + p.host() + " via " + p.node));
        setUp("vm-231", List.of("eth1 " + p.trafficClient + "/" + p.len), List.of("default via " + p.r201Traffic));
        setUp("vm-221", List.of("eth1 " + p.oamClient + "/" + p.len), List.of("default via " + p.r202Oam));
        setUp("pod", List.of("eth0 " + p.pod + "/" + p.len), List.of("default via " + p.podGw));
        setUp("vm-002", List.of("eth1 " + p.node + "/" + p.len, "pod0 " + p.podGw + "/" + p.len),
                List.of("default via " + p.r201));
        node = NetlinkRouting.open(n002.name);
        node.addLink("kube-ipvs0", "bridge");
        if (v6) {
            node.setLinkUp("kube-ipvs0", true); // IPv6 local routes need their device up
        }

        // the service proxy's stand-in: DNAT of the node's own connections to the LB IP, to the POD
        String t = v6 ? "ip6" : "ip";
        IpSetup.nft(n002.name, "table " + t + " netroute-scenario {\n"
                + "  chain output {\n    type nat hook output priority -100; policy accept;\n"
                + "    " + t + " daddr " + p.lb + " tcp dport " + PORT + " dnat to " + p.pod + "\n  }\n}\n");

        // servers
        for (String ip : p.clusterIps) {
            servers.add(Tcp.listen(n002, "vm-002", Addresses.parse(ip), PORT));
        }
        servers.add(Tcp.listen(n002, "vm-002", Addresses.parse(p.nodeClusterIp), PORT));
        servers.add(Tcp.listen(n002, "vm-002", Addresses.parse(p.lb), PORT));
        servers.add(Tcp.listen(host("pod"), "pod", Addresses.parse(p.pod), PORT));
    }

    /**
     * Makes the counters start quiet: neighbours on net1 and to the POD resolved in both directions (a refused
     * connection to port 9 each way), then waits until the routers' counters stop moving (IPv6 multicast listener
     * reports after setup), at most 3 s.
     */
    void settle() {
        Plan p = plan;
        knock("vm-002", p.r201, p.r202, p.pod);
        knock("vm-201", p.node);
        knock("vm-202", p.node);
        knock("pod", p.podGw);
        knock("vm-231", p.r201Traffic);
        knock("vm-221", p.r202Oam);
        long last = -1;
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            Netns.Counters a = host("vm-201").counters("eth1");
            Netns.Counters b = host("vm-202").counters("eth1");
            long now = a.rxPackets() + a.txPackets() + b.rxPackets() + b.txPackets();
            if (now == last) {
                return;
            }
            last = now;
            sleep(300);
        }
    }

    /** A TCP connection from {@code from} to port 9 of each address; refused or not, neighbours get resolved. */
    private void knock(String from, String... to) {
        for (String a : to) {
            host(from).call(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(ip(a), 9), 300);
                } catch (IOException e) {
                    // refused: that is the point
                }
                return null;
            }, 5000);
        }
    }

    /** Links up, addresses ({@code "DEV ADDR/LEN"}, nodad for IPv6) and routes, through the library. */
    private void setUp(String hostName, List<String> addresses, List<String> routes) throws RoutingException {
        try (NetlinkRouting r = NetlinkRouting.open(host(hostName).name)) {
            r.setLinkUp("lo", true);
            for (String a : addresses) {
                String[] f = a.split(" ");
                r.setLinkUp(f[0], true);
                if (plan.family == Family.INET6) {
                    // with addr_gen_mode 1 there is no automatic link-local address, and without one the kernel
                    // sends no neighbour solicitation for packets it forwards: give each device a fixed one
                    String global = f[1].substring(0, f[1].indexOf('/'));
                    String id = global.substring(global.lastIndexOf(':') + 1);
                    r.addAddress(Address.parse("fe80::" + id + "/64 dev " + f[0] + " nodad"));
                    r.addAddress(Address.parse(f[1] + " dev " + f[0] + " nodad"));
                } else {
                    r.addAddress(Address.parse(f[1] + " dev " + f[0]));
                }
            }
            for (String route : routes) {
                // IPv6 address routes come from a work queue: a gateway route may have to wait for its prefix route
                addWhenReachable(r, Route.parse(route));
            }
        }
    }

    static void addWhenReachable(Routing r, Route route) throws RoutingException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                r.addRoute(route);
                return;
            } catch (RoutingException.Unreachable e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(10);
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The topology, for the screen. */
    void describe(PrintStream out) {
        Plan p = plan;
        String fam = p.family == Family.INET ? "IPv4" : "IPv6";
        out.println("== " + fam + " lab in network namespaces " + prefix + "-{002,201,202,221,231,pod,net1}");
        out.printf("  %-24s eth1 %s/%d on net1 (%s), default via %s; pod0 %s/%d to the POD%n", "vm-002 (the node)",
                p.node, p.len, p.net1, p.r201, p.podGw, p.len);
        out.printf("  %-24s kube-ipvs0 is a bridge standing in for a dummy device (this kernel has no dummy link"
                + " type), %s%n", "", p.family == Family.INET ? "down" : "up (IPv6 local routes need it up)");
        out.printf("  %-24s eth1 %s, eth2 %s/%d; routes %s and %s%s via %s%n", "vm-201 (traffic router)",
                p.r201, p.r201Traffic, p.len, p.clusterCidr, p.lb, p.host(), p.node);
        out.printf("  %-24s eth1 %s, eth2 %s/%d; route %s%s via %s%n", "vm-202 (OaM router)", p.r202, p.r202Oam,
                p.len, p.lb, p.host(), p.node);
        out.printf("  %-24s %s, default via %s (OaM network, behind vm-202)%n", "vm-221 (OaM client)", p.oamClient,
                p.r202Oam);
        out.printf("  %-24s %s, default via %s (traffic network, behind vm-201)%n", "vm-231 (traffic client)",
                p.trafficClient, p.r201Traffic);
        out.printf("  %-24s %s, default via %s%n", "pod (a POD on the node)", p.pod, p.podGw);
        out.printf("  servers (port %d): vm-002 on %s, %s and the LB IP %s; pod on %s%n", PORT,
                String.join(", ", p.clusterIps), p.nodeClusterIp, p.lb, p.pod);
        out.println("  setup outside the library, which has no API for these:");
        out.println("    ip netns add/del; veth pairs and bridge ports with ip link");
        out.println("    sysctls written to /proc/sys from a thread inside each namespace: forwarding on the routers;"
                + " rp_filter 0;");
        out.println("      IPv6 addr_gen_mode 1 with fixed fe80::HOST addresses (no DAD), no router solicitations,"
                + " MLD reports at once;");
        out.println("      on the node ip_nonlocal_bind 1 (servers start before the routes exist) and"
                + " tcp_synack_retries 0");
        out.println("      (a failed handshake leaves no retransmissions in later counters)");
        String lb = p.family == Family.INET ? p.lb : "[" + p.lb + "]";
        out.println("    no IPVS in this kernel: an nftables DNAT " + lb + ":" + PORT + " -> " + p.pod
                + " in the node's output hook (nft)");
        out.println("      stands in for the service proxy; kube-proxy's nftables mode does the same");
        out.println("  counters: packets the node's network delivered to each router (rx_packets of vm-201 eth1 and"
                + " vm-202 eth1,");
        out.println("    read from /proc/thread-self/net/dev inside their namespaces)");
    }

    @Override
    public void close() {
        for (Tcp.Server s : servers) {
            s.close();
        }
        if (node != null) {
            node.close();
        }
        for (Netns n : hosts.values()) {
            n.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
        deleteNamespaces();
    }

    private synchronized void deleteNamespaces() {
        deleted = true;
        if (!keep) {
            for (String ns : namespaces) {
                IpSetup.deleteNetns(ns);
            }
            namespaces.clear();
        }
    }

    /** Namespaces created so far (and not yet deleted). */
    synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    static InetAddress ip(String literal) {
        return Addresses.parse(literal);
    }
}
