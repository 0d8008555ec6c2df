package io.github.netroute.routing.netlink.bulk;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.Kernel;
import io.github.netroute.routing.netlink.NetlinkRouting;

/**
 * Throwaway network namespaces for the real-kernel tests of this package, through {@link Kernel}: skipped with a
 * reason unless this is Linux, we are root and iproute2's {@code ip} exists (it creates and deletes the namespaces).
 * The standard shape is what {@code compare.sh} builds: {@code lo} up, bridge {@code eth0} up with 192.168.1.2/24 and
 * 2001:db8:1::2/64.
 */
final class Namespaces {
  private Namespaces() {}

  static void assumeKernel() {
    Kernel.assumeKernel();
  }

  /** A new empty namespace with deterministic IPv6 (no link-local addresses generated). */
  static String create() throws Exception {
    return Kernel.newNamespace();
  }

  static void delete(String ns) {
    Kernel.deleteNamespace(ns);
  }

  /** lo up; bridge eth0 up with 192.168.1.2/24 and 2001:db8:1::2/64 (and its IPv6 routes installed). */
  static void shape(NetlinkRouting r) throws Exception {
    r.setLinkUp("lo", true);
    r.addLink("eth0", "bridge");
    r.setLinkUp("eth0", true);
    r.addAddress(Address.parse("192.168.1.2/24 dev eth0"));
    r.addAddress(Address.parse("2001:db8:1::2/64 dev eth0 nodad"));
    awaitV6Routes(r);
  }

  /** IPv6 address routes appear asynchronously; waits for the prefix route of 2001:db8:1::/64. */
  static void awaitV6Routes(NetlinkRouting r) throws RoutingException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (r.routes(RouteFilter.table(RouteTable.MAIN).withFamily(Family.INET6)).stream()
          .anyMatch(x -> x.dst().toString().equals("2001:db8:1::/64"))) {
        return;
      }
      Thread.sleep(20);
    }
  }
}
