package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.testkit.contract.RoutingContract;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@link RoutingContract} against the running kernel: every subject is a throwaway namespace {@code nr-nl-<random>}
 * with IPv6 link-local address generation off, deleted after its test or try. Skipped (with the reason) unless this is
 * Linux, we are root and iproute2's {@code ip} exists.
 */
@RealKernelTest
@net.jqwik.api.Tag(RealKernel.TAG)
class NetlinkRoutingContractTest extends RoutingContract {
  private final Map<Routing, String> namespaces = new IdentityHashMap<>();

  @Override
  protected Routing newSubject() throws Exception {
    RealKernel.assumeAvailable();
    String ns = Kernel.newNamespace();
    try {
      NetlinkRouting r = NetlinkRouting.open(ns);
      namespaces.put(r, ns);
      return r;
    } catch (Exception | Error e) {
      Kernel.deleteNamespace(ns);
      throw e;
    }
  }

  @Override
  protected void release(Routing subject) {
    subject.close();
    Kernel.deleteNamespace(namespaces.remove(subject));
  }
}
