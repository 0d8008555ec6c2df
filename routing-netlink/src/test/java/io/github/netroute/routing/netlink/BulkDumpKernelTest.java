package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 100 000 routes installed with one {@link NetlinkRouting#apply} batch into an isolated namespace, then streamed back
 * with {@link NetlinkRouting#forEachRoute}: complete, correct, and timed (printed as {@code bulk: ...}).
 */
@RealKernelTest
class BulkDumpKernelTest {
  static final int N = 100_000;

  @BeforeAll
  static void kernel() {
    Kernel.assumeKernel();
  }

  static Route route(int i, InetAddress gw) {
    byte[] b = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
    b[1] = (byte) (100 + (i >> 16));
    return new Route(Family.INET, io.github.netroute.routing.RouteType.UNICAST, RouteTable.of(100),
        IpPrefix.of(InetAddresses.fromBytes(new byte[] {b[0], b[1], b[2], b[3]}), 32), null, 0, gw, null, 0, null, 0,
        RouteProtocol.STATIC, io.github.netroute.routing.RouteScope.UNIVERSE, null, null, null, null, null);
  }

  /** A client on a new isolated namespace: lo up, bridge br0 up with 192.168.1.2/24 (the gateway's subnet). */
  static NetlinkRouting isolatedWithBr0() throws Exception {
    NetlinkRouting r = NetlinkRouting.openIsolated();
    try {
      r.setLinkUp("lo", true);
      r.addLink("br0", "bridge");
      r.setLinkUp("br0", true);
      r.addAddress(Address.parse("192.168.1.2/24 dev br0"));
      return r;
    } catch (Exception | Error e) {
      r.close();
      throw e;
    }
  }

  @Test
  void hundredThousandRoutesInstallAndDumpCompletely() throws Exception {
    try (NetlinkRouting r = isolatedWithBr0()) {
      InetAddress gw = InetAddresses.parse("192.168.1.1");
      List<Change> changes = new ArrayList<>(N);
      for (int i = 0; i < N; i++) changes.add(Change.route(RouteVerb.ADD, route(i, gw)));

      long t0 = System.nanoTime();
      List<ChangeResult> res = r.apply(changes);
      long t1 = System.nanoTime();
      assertEquals(N, res.size());
      assertTrue(res.stream().allMatch(ChangeResult::ok), () -> res.stream().filter(x -> !x.ok()).findFirst()
          .orElseThrow().toString());

      RouteFilter t100 = RouteFilter.table(RouteTable.of(100)).withFamily(Family.INET);
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        BitSet seen = new BitSet(N);
        int[] count = {0};
        long s = System.nanoTime();
        r.forEachRoute(t100, x -> {
          byte[] a = x.dst().address().getAddress();
          int i = ((a[1] & 0xff) - 100) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
          if (x.dst().length() != 32 || !gw.equals(x.gateway()) || !"br0".equals(x.device())
              || x.protocol().value() != 4 || seen.get(i)) {
            fail("unexpected " + x);
          }
          seen.set(i);
          count[0]++;
        });
        best = Math.min(best, System.nanoTime() - s);
        assertEquals(N, count[0]);
        assertEquals(N, seen.cardinality());
      }
      assertEquals(N, r.routes(t100).size());
      System.out.printf("bulk: install %d routes with apply(): %.1f ms; forEachRoute dump of %d typed routes:"
          + " best of 5 %.1f ms%n", N, (t1 - t0) / 1e6, N, best / 1e6);

      List<Change> deletes = new ArrayList<>(N);
      for (int i = 0; i < N; i++) deletes.add(Change.deleteRoute(route(i, gw)));
      long d0 = System.nanoTime();
      assertTrue(r.apply(deletes).stream().allMatch(ChangeResult::ok));
      System.out.printf("bulk: delete %d routes with apply(): %.1f ms%n", N, (System.nanoTime() - d0) / 1e6);
      assertTrue(r.routes(t100).isEmpty());
    }
  }
}
