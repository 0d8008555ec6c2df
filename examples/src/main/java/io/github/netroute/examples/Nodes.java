package io.github.netroute.examples;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.IpAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Builds the starting states the commands use on the in-memory kernel, through the public Routing API only. */
final class Nodes {
    private Nodes() {}

    /**
     * A typical ipvs-mode node: lo up, eth0 up with each node IP (/24 for IPv4, /64 for IPv6) and a default
     * route via the .1 / ::1 of that subnet, and kube-ipvs0 (dummy, down) holding {@code clusterIps} ClusterIP
     * addresses of the first service CIDR of each family, as kube-proxy leaves them.
     */
    static void ipvsNode(Routing k, List<InetAddress> nodeIps, List<IpPrefix> serviceCidrs, int clusterIps)
            throws RoutingException {
        k.setLinkUp("lo", true);
        k.addLink("eth0", "dummy");
        k.setLinkUp("eth0", true);
        for (InetAddress ip : nodeIps) {
            Family f = Family.of(ip);
            int len = f == Family.INET ? 24 : 64;
            k.addAddress(Address.of(CidrAddress.of(ip, len), "eth0"));
            IpPrefix subnet = IpPrefix.masked(ip, len);
            k.addRoute(Route.builder().dst(IpPrefix.defaultOf(f)).gateway(offset(subnet.address(), 1)).build());
        }
        k.addLink(KubeIpvs0.DEVICE, "dummy");
        for (IpPrefix cidr : serviceCidrs) {
            List<Address> addrs = new ArrayList<>();
            long room = cidr.family() == Family.INET ? (1L << (32 - cidr.length())) - 2 : Long.MAX_VALUE;
            int n = (int) Math.min(clusterIps, Math.max(0, room));
            for (int i = 1; i <= n; i++) {
                addrs.add(Address.of(CidrAddress.host(offset(cidr.address(), i)), KubeIpvs0.DEVICE));
            }
            for (Address a : addrs) {
                k.addAddress(a);
            }
        }
    }

    /** {@code base + n} as an address of the same family. */
    static InetAddress offset(InetAddress base, long n) {
        byte[] b = new BigInteger(1, base.getAddress()).add(BigInteger.valueOf(n)).toByteArray();
        byte[] out = new byte[base.getAddress().length];
        int len = Math.min(b.length, out.length);
        System.arraycopy(b, b.length - len, out, out.length - len, len);
        return IpAddresses.fromBytes(out);
    }
}
