package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code forEachRoute} streams: a child JVM with {@code -Xmx64m} installs 1 000 000 routes (in batches of 20 000)
 * into an isolated namespace and streams all of them back — which only works if no list of all messages or routes
 * is ever held.
 */
@RealKernelTest
class MillionRoutesKernelTest {
  static final int N = 1_000_000;

  @BeforeAll
  static void kernel() {
    Kernel.assumeKernel();
  }

  @Test
  void aMillionRoutesStreamThroughA64MiBHeap() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Kernel.Result r = Kernel.exec(java, "-Xmx64m", "-cp", cp, MillionRoutesKernelTest.class.getName());
    System.out.print(r.out());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("streamed " + N + " routes"), r.out());
  }

  /** The child: exits 0 when every route came back exactly once. */
  public static void main(String[] args) throws Exception {
    try (NetlinkRouting r = BulkDumpKernelTest.isolatedWithBr0()) {
      InetAddress gw = InetAddresses.parse("192.168.1.1");
      long t0 = System.nanoTime();
      for (int base = 0; base < N; base += 20_000) {
        List<Change> chunk = new ArrayList<>(20_000);
        for (int i = base; i < base + 20_000; i++) chunk.add(Change.route(RouteVerb.ADD, BulkDumpKernelTest.route(i, gw)));
        for (ChangeResult c : r.apply(chunk)) {
          if (!c.ok()) throw new AssertionError(c.toString());
        }
      }
      long t1 = System.nanoTime();
      long[] count = {0};
      java.util.BitSet seen = new java.util.BitSet(N);
      r.forEachRoute(RouteFilter.table(RouteTable.of(100)).withFamily(Family.INET), x -> {
        byte[] a = x.dst().address().getAddress();
        int i = ((a[1] & 0xff) - 100) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
        if (seen.get(i)) throw new AssertionError("twice: " + x);
        seen.set(i);
        count[0]++;
      });
      long t2 = System.nanoTime();
      System.out.printf("million: installed %d routes in %.2f s, streamed %d routes in %.2f s with max heap %d MiB%n",
          N, (t1 - t0) / 1e9, count[0], (t2 - t1) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
      if (count[0] != N || seen.cardinality() != N) System.exit(1);
      System.out.println("streamed " + count[0] + " routes");
    }
  }
}
