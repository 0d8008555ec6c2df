package io.github.netroute.routing.netlink.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.NetlinkRouting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Throwaway network namespaces {@code nr-b-<random>} for the real-kernel tests of this package: skipped with a reason
 * unless this is Linux, we are root and iproute2's {@code ip} exists (it creates and deletes the namespaces only).
 * The standard shape is what {@code compare.sh} builds: {@code lo} up, bridge {@code eth0} up with 192.168.1.2/24 and
 * 2001:db8:1::2/64.
 */
final class Namespaces {
  private Namespaces() {}

  static void assumeKernel() {
    Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "needs Linux rtnetlink");
    Assumptions.assumeTrue(isRoot(), "needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN for namespaces): skipped");
    Assumptions.assumeTrue(canRun("ip", "-V"), "needs iproute2's ip to create throwaway namespaces: skipped");
  }

  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static boolean canRun(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A new empty namespace with deterministic IPv6 (no link-local addresses generated). */
  static String create() throws Exception {
    String ns = "nr-b-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL);
    run("ip", "netns", "add", ns);
    run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.addr_gen_mode=1");
    run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.addr_gen_mode=1");
    return ns;
  }

  static void delete(String ns) {
    if (ns == null) return;
    try {
      run("ip", "netns", "del", ns);
    } catch (Exception | AssertionError e) {
      System.err.println("could not delete namespace " + ns + ": " + e);
    }
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

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout: " + String.join(" ", cmd));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    return out;
  }
}
