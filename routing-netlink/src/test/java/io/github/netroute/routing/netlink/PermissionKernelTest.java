package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Without CAP_NET_ADMIN a change fails with {@code RoutingException.Permission} (EPERM) and the message says that
 * CAP_NET_ADMIN is needed. The probe runs as root with CAP_NET_ADMIN dropped from its bounding set (so the
 * filesystem, the JNA jar included, stays readable), inside a throwaway namespace.
 */
@RealKernelTest
class PermissionKernelTest {
  @Test
  void aChangeWithoutCapNetAdminIsAPermissionErrorThatSaysSo() throws Exception {
    Kernel.assumeKernel();
    Assumptions.assumeTrue(Kernel.canRun("setpriv", "--version"), "needs util-linux setpriv to drop a capability");
    String ns = Kernel.newNamespace();
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Kernel.Result r = Kernel.exec("ip", "netns", "exec", ns, "setpriv", "--inh-caps=-net_admin",
          "--bounding-set=-net_admin", "--", java, "-cp", System.getProperty("java.class.path"),
          PermissionProbe.class.getName());
      assertEquals(0, r.exit(), r.out());
      assertTrue(r.out().contains("read OK"), r.out());
      assertTrue(r.out().contains("change io.github.netroute.routing.RoutingException$Permission: RTM_NEWROUTE"
          + " blackhole 10.99.0.0/16: Operation not permitted (EPERM)"), r.out());
      assertTrue(r.out().contains("needs CAP_NET_ADMIN"), r.out());
      String routes = Kernel.run("ip", "-n", ns, "route", "show", "table", "all");
      assertTrue(!routes.contains("10.99.0.0"), "nothing was changed: " + routes);
    } finally {
      Kernel.deleteNamespace(ns);
    }
  }
}
