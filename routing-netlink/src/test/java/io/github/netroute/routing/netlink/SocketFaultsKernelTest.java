package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.TestLibc.LIBC;
import static io.github.netroute.routing.netlink.TestLibc.foreignSocket;
import static io.github.netroute.routing.netlink.TestLibc.sockaddrNl;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.sys.BatchResult;
import io.github.netroute.routing.netlink.internal.sys.ExchangeResult;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.sys.RtnlChannel;
import io.github.netroute.routing.netlink.internal.sys.SocketSeams;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Socket faults provoked on a real namespace {@code nr-nl-<random>}, each ending in a typed error or a retry, never
 * a hang (every test has a {@link Timeout}):
 * <ul>
 *   <li><b>MSG_TRUNC</b>: a datagram larger than the receive buffer (the buffer shrunk through a test seam, since the
 *       kernel's datagrams are far below the usual 1 MiB) is EMSGSIZE; a larger datagram from another socket is
 *       dropped as not the kernel's; the socket and the client work again at once;
 *   <li><b>a reply that never comes</b>: the client's socket is made to lose the kernel's answer silently (its queue
 *       full, NETLINK_NO_ENOBUFS), so the call waits for nothing: the reply timeout ends it with ETIMEDOUT;
 *   <li><b>ENOBUFS on a dump</b>: the queue overflowed before a dump; the socket reports a typed overrun after
 *       reading that dump to its end, the client dumps again and returns the complete table;
 *   <li><b>EINTR</b>: a thread blocked in {@code recvfrom} gets real signals (a handler installed without
 *       SA_RESTART), the receive is retried each time and ends with the datagram it was waiting for.
 * </ul>
 * The forged sender, the ignored foreign sequence numbers and the closed client are in {@link ReliabilityKernelTest}.
 */
@RealKernelTest
class SocketFaultsKernelTest {
  private static final int SIGURG = 23;

  private static String ns;
  private static Path nsFile;

  @BeforeAll
  static void setUp() throws Exception {
    Kernel.assumeKernel();
    ns = Kernel.newNamespace();
    nsFile = Path.of("/run/netns", ns);
    Kernel.ip(ns, "link", "set", "lo", "up");
  }

  @AfterAll
  static void tearDown() {
    Kernel.deleteNamespace(ns);
  }

  // ------------------------------------------------------------------------------------------------ MSG_TRUNC

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aTruncatedDatagramIsEmsgsizeAndTheSocketWorksAgain() throws Exception {
    int foreign = foreignSocket(ns);
    try (NetlinkSocket s = NetlinkSocket.open(nsFile)) {
      SocketSeams.useReceiveBuffer(s, 256);
      // another socket's 4 KiB datagram, truncated too, is dropped as not the kernel's: it must not count
      byte[] big = new byte[4096];
      ByteBuffer.wrap(big).order(ByteOrder.nativeOrder()).putInt(0, big.length).putShort(4, (short) Rtnl.RTM_NEWLINK);
      byte[] to = sockaddrNl(s.portId());
      assertEquals(big.length, LIBC.sendto(foreign, big, big.length, 0, to, to.length));
      AttrWriter dump = new AttrWriter();
      LinkCodec.writeDump(dump);
      NetlinkException e = assertThrows(NetlinkException.class, () -> s.exchange(dump, ReplyHandler.IGNORE));
      assertEquals(io.github.netroute.routing.netlink.internal.wire.Errno.EMSGSIZE, e.errno(), e.getMessage());
      assertTrue(e.getMessage().contains("did not fit the 256-byte receive buffer"), e.getMessage());
      // the buffer grew back; the rest of the truncated dump carries the old sequence number and is skipped
      int[] links = {0};
      s.exchange(dump, m -> links[0]++);
      assertEquals(1, links[0], "lo");
      // through the client: the same failure is a RoutingException naming EMSGSIZE, and the next call works
      SocketSeams.useReceiveBuffer(s, 256);
      NetlinkRouting client = NetlinkRouting.over(s, 10);
      RoutingException re = assertThrows(RoutingException.class, client::links);
      assertEquals(Errno.EMSGSIZE, re.errno());
      assertEquals(List.of("lo"), client.links().stream().map(Link::name).toList());
      System.out.println("faults: MSG_TRUNC: a foreign 4096-byte datagram dropped, the kernel's truncated datagram "
          + "→ " + e.getMessage() + "; socket and client usable again");
    } finally {
      LIBC.close(foreign);
    }
  }

  // ------------------------------------------------------------------------------------------------ timeout

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aReplyThatNeverComesEndsByTheReplyTimeout() throws Exception {
    int timeout = 300;
    try (NetlinkSocket s = NetlinkSocket.open(nsFile, NetlinkSocket.Options.defaults().withReceiveBufferBytes(4096)
        .withReplyTimeoutMillis(timeout))) {
      NetlinkRouting client = NetlinkRouting.over(s, 10);
      SocketSeams.dropSilentlyWhenFull(s);
      int queued = fillWithAbandonedReplies(s);
      Route r = Route.parse("blackhole 10.77.0.0/24");
      long t0 = System.nanoTime();
      RoutingException e = assertThrows(RoutingException.class, () -> client.modifyRoute(RouteVerb.ADD, r));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(Errno.ETIMEDOUT, e.errno(), e.getMessage());
      assertTrue(e.getMessage().contains("no answer from the kernel within " + timeout + " ms"), e.getMessage());
      assertTrue(ms >= timeout - 20, "ended after " + ms + " ms, before the timeout");
      // the queue was drained by the failed call: the client works again, and the change had been made
      // (table main holds no device routes here: a client made with over() would look device names up on this socket)
      assertEquals(List.of(r), client.routes(RouteFilter.table(RouteTable.MAIN).withFamily(Family.INET)),
          "the route was applied");
      client.deleteRoute(r);
      System.out.printf("faults: reply never came (queue of %d abandoned replies, NETLINK_NO_ENOBUFS): %s after "
          + "%d ms; client usable again%n", queued, e.errno().name(), ms);
    }
    NetlinkRouting.Options o = NetlinkRouting.Options.defaults();
    assertEquals(Duration.ofSeconds(30), o.replyTimeout());
    assertEquals(Duration.ofSeconds(30), new NetlinkRouting.Options(1 << 20, 10).replyTimeout());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> o.withReplyTimeout(Duration.ofMillis(-5)));
    assertTrue(bad.getMessage().contains("PT-0.005S"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> o.withReplyTimeout(Duration.ofNanos(10)));
    assertEquals(Duration.ZERO, o.withReplyTimeout(Duration.ZERO).replyTimeout());
    try (NetlinkRouting forever = NetlinkRouting.open(ns, o.withReplyTimeout(Duration.ZERO));
        NetlinkRouting shortOne = NetlinkRouting.open(ns, o.withReplyTimeout(Duration.ofMillis(250)))) {
      assertEquals(forever.links(), shortOne.links()); // a kernel that answers is never cut short
    }
  }

  /** Abandoned GET requests (no one reads their answers) until the queue is full; returns how many were sent. */
  private static int fillWithAbandonedReplies(NetlinkSocket s) throws NetlinkException {
    AttrWriter get = new AttrWriter();
    LinkCodec.writeGet(get, 1, null);
    ByteBuffer b = get.view().order(ByteOrder.nativeOrder());
    int n = 200; // each answer is over 1 KiB; the queue holds 8 KiB: the rest is dropped, silently
    for (int i = 0; i < n; i++) {
      b.putInt(8, 0x7000_0000 + i);
      s.send(b.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(get.size()));
    }
    return n;
  }

  // ------------------------------------------------------------------------------------------------ ENOBUFS

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void enobufsOnADumpIsATypedOverrunAndTheClientDumpsAgain() throws Exception {
    int routes = 300;
    Kernel.ip(ns, "route", "flush", "table", "main");
    try (NetlinkSocket s = NetlinkSocket.open(nsFile, NetlinkSocket.Options.defaults().withReceiveBufferBytes(4096))) {
      // the socket level: the overrun is typed, and the socket can dump again at once (no EBUSY)
      s.joinGroup(Rtnl.RTNLGRP_IPV4_ROUTE);
      addBlackholes(0, routes);
      AttrWriter dump = new AttrWriter();
      LinkCodec.writeDump(dump);
      assertThrows(NetlinkOverrunException.class, () -> s.exchange(dump, ReplyHandler.IGNORE));
      int[] links = {0};
      s.exchange(dump, m -> links[0]++);
      assertEquals(1, links[0]);
      // the client level: the overrun is retried and the list is complete
      AtomicInteger overruns = new AtomicInteger();
      AtomicInteger exchanges = new AtomicInteger();
      RtnlChannel counting = new RtnlChannel() {
        @Override
        public ExchangeResult exchange(AttrWriter request, ReplyHandler handler) throws NetlinkException {
          exchanges.incrementAndGet();
          try {
            return s.exchange(request, handler);
          } catch (NetlinkOverrunException e) {
            overruns.incrementAndGet();
            throw e;
          }
        }

        @Override
        public BatchResult batch(AttrWriter requests) throws NetlinkException {
          return s.batch(requests);
        }

        @Override
        public boolean strictCheck() {
          return s.strictCheck();
        }

        @Override
        public void close() {
          s.close();
        }
      };
      NetlinkRouting client = NetlinkRouting.over(counting, 10);
      drainSilently(s);
      addBlackholes(routes, routes); // notifications overflow the queue again
      List<Route> table = client.routes(RouteFilter.table(RouteTable.MAIN).withFamily(Family.INET));
      assertEquals(2 * routes, table.size(), "the retried dump lost or duplicated routes");
      assertTrue(overruns.get() >= 1, "no overrun was provoked");
      System.out.printf("faults: ENOBUFS on a dump: typed overrun (socket), %d overrun(s) retried by the client in %d "
          + "exchange(s), %d routes listed%n", overruns.get(), exchanges.get(), table.size());
    } finally {
      Kernel.ip(ns, "route", "flush", "table", "main", "type", "blackhole");
    }
  }

  private static void addBlackholes(int from, int count) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + count; i++) sb.append("route add blackhole 10.66.").append(i / 250).append('.')
        .append(i % 250).append("/32\n");
    Process p = new ProcessBuilder("ip", "-n", ns, "-batch", "-").redirectErrorStream(true).start();
    p.getOutputStream().write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  /** Reads whatever is queued (notifications, an overrun) without blocking. */
  private static void drainSilently(NetlinkSocket s) throws NetlinkException {
    while (true) {
      try {
        if (s.receive(0) == null) return;
      } catch (NetlinkOverrunException e) {
        // reported once; keep draining
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ EINTR

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aReceiveInterruptedBySignalsIsRetriedAndGetsItsDatagram() throws Exception {
    int signals = 5;
    // a handler that does nothing (libc's getpid), installed without SA_RESTART: a blocked recvfrom returns EINTR
    Memory act = new Memory(152); // struct sigaction on x86_64/aarch64 glibc: handler, mask[128], flags, restorer
    act.clear();
    act.setPointer(0, NativeLibrary.getInstance("c").getFunction("getpid"));
    Memory old = new Memory(152);
    assertEquals(0, LIBC.sigaction(SIGURG, act, old), "sigaction: errno " + Native.getLastError());
    try (NetlinkSocket s = NetlinkSocket.open(nsFile)) {
      s.joinGroup(Rtnl.RTNLGRP_LINK);
      int[] tid = {0};
      ByteBuffer[] got = new ByteBuffer[1];
      Throwable[] failure = new Throwable[1];
      Thread t = new Thread(() -> {
        tid[0] = LIBC.gettid();
        try {
          got[0] = s.receive(); // blocks in recvfrom (no poll, no timeout) until a link notification
        } catch (Throwable e) {
          failure[0] = e;
        }
      }, "nr-test-eintr");
      t.start();
      while (tid[0] == 0 || !blockedInSyscall(tid[0])) Thread.sleep(10);
      long before = s.interruptedCalls();
      for (int i = 0; i < signals; i++) {
        assertEquals(0, LIBC.tgkill(LIBC.getpid(), tid[0], SIGURG), "tgkill: errno " + Native.getLastError());
        Thread.sleep(50); // the receive is retried and blocks again before the next signal
        assertTrue(t.isAlive(), "the receive ended on signal " + (i + 1) + ": " + failure[0]);
      }
      long retried = s.interruptedCalls() - before;
      Kernel.ip(ns, "link", "add", "nr-eintr", "type", "bridge"); // the datagram the receive waits for
      t.join(10_000);
      assertFalse(t.isAlive(), "the receive did not end");
      assertNull(failure[0], () -> "receive failed: " + failure[0]);
      assertNotNull(got[0]);
      assertEquals(Rtnl.RTM_NEWLINK, got[0].getShort(4) & 0xFFFF);
      assertEquals(signals, retried, "recvfrom interrupted and retried once per signal");
      System.out.printf("faults: EINTR: %d signals to a thread blocked in recvfrom, %d interrupted calls retried, the "
          + "receive then got its RTM_NEWLINK%n", signals, retried);
    } finally {
      LIBC.sigaction(SIGURG, old, null);
      Kernel.exec("ip", "-n", ns, "link", "del", "nr-eintr");
    }
  }

  /** Whether the thread sleeps in the kernel (state S in {@code /proc/self/task/TID/stat}). */
  private static boolean blockedInSyscall(int tid) {
    try {
      String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("S");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
