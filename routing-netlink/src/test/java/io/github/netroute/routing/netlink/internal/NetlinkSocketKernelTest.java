package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.testsupport.RealKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import static io.github.netroute.routing.netlink.internal.wire.Netlink.*;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.sys.BatchResult;
import io.github.netroute.routing.netlink.internal.sys.ExchangeResult;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Against the running kernel, inside a throwaway network namespace {@code nr-sock-<random>} (never the host's).
 * Needs Linux, root and iproute2's {@code ip} (used only here, to set the namespace up); skipped otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RealKernelTest
class NetlinkSocketKernelTest {
  private static String ns;
  private static Path nsFile;

  @BeforeAll
  static void createNamespace() throws Exception {
    RealKernel.assumeAvailable();
    ns = "nr-sock-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL);
    run("ip", "netns", "add", ns);
    nsFile = Path.of("/run/netns", ns);
  }

  @AfterAll
  static void deleteNamespace() throws Exception {
    if (ns != null) run("ip", "netns", "del", ns);
  }


  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timeout: " + String.join(" ", cmd));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  private static String threadNetns() throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
  }

  private static List<String> dumpLinkNames(NetlinkSocket s) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
    new IfInfoMsg(AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
    w.endMessage();
    List<String> names = new ArrayList<>();
    AttrReader r = new AttrReader();
    ExchangeResult res = s.exchange(w, m -> {
      assertEquals(RTM_NEWLINK, m.type());
      AttrReader a = m.attributes(IfInfoMsg.SIZE, r);
      while (a.next()) {
        if (a.type() == IFLA_IFNAME) names.add(a.string());
      }
      a.check();
    });
    assertEquals(names.size(), res.messages());
    return names;
  }

  /** 10.x.y.0/24 via 192.168.1.1 table 100, exactly as nlfloor.c builds request {@code i}. */
  private static void writeRoute(AttrWriter w, int i, int type, int flags) {
    w.beginMessage(type, flags);
    new RtMsg(AF_INET, 24, 0, 0, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0).writeTo(w);
    w.ipv4(RouteAttr.DST.number(), ((10 + (i >> 16)) << 24) | (((i >> 8) & 255) << 16) | ((i & 255) << 8));
    w.ipv4(RouteAttr.GATEWAY.number(), 0xC0A80101);
    w.endMessage();
  }

  private static int countRoutesInTable(NetlinkSocket s, int table) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP);
    new RtMsg(AF_INET, 0, 0, 0, 0, 0, 0, 0, 0).writeTo(w);
    w.endMessage();
    int[] count = {0};
    AttrReader r = new AttrReader();
    s.exchange(w, m -> {
      int t = RtMsg.decode(m.buffer(), m.payloadOffset(), m.messageEnd()).table();
      AttrReader a = m.attributes(RtMsg.SIZE, r);
      while (a.next()) {
        if (a.type() == RouteAttr.TABLE.number()) t = a.u32();
      }
      a.check();
      if (t == table) count[0]++;
    });
    return count[0];
  }

  @Test
  @Order(1)
  void opensInTheNamespaceAndSeesOnlyLo() throws Exception {
    String before = threadNetns();
    try (NetlinkSocket s = NetlinkSocket.open(nsFile)) {
      assertEquals(before, threadNetns(), "the calling thread's netns changed");
      assertNotEquals(0, s.portId());
      assertTrue(s.extendedAck(), "NETLINK_EXT_ACK");
      assertTrue(s.strictCheck(), "NETLINK_GET_STRICT_CHK");
      assertTrue(s.capAck(), "NETLINK_CAP_ACK");
      assertTrue(s.receiveBufferSize() >= 1 << 20, "rcvbuf " + s.receiveBufferSize());
      assertEquals(List.of("lo"), dumpLinkNames(s));
    }
    assertEquals(before, threadNetns(), "the calling thread's netns changed");
  }

  @Test
  @Order(2)
  void badRequestIsEinvalWithTheKernelsMessage() throws Exception {
    try (NetlinkSocket s = NetlinkSocket.open(nsFile)) {
      AttrWriter w = new AttrWriter();
      w.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
      new RtMsg(AF_INET, 33, 0, 0, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0).writeTo(w);
      w.ipv4(RouteAttr.DST.number(), 0x0A000000);
      w.endMessage();
      NetlinkErrorException e = assertThrows(NetlinkErrorException.class, () -> s.exchange(w, ReplyHandler.IGNORE));
      assertEquals(Errno.EINVAL, e.errno());
      assertNotNull(e.extackMessage(), "no extended ack: " + e.getMessage());
      assertFalse(e.extackMessage().isEmpty());
      assertEquals(RTM_NEWROUTE, e.failedRequest().type());
      System.out.println("kernel says: " + e.getMessage());
      // the socket stays usable
      assertEquals(List.of("lo"), dumpLinkNames(s));
    }
  }

  @Test
  @Order(3)
  void openingAMissingNamespaceFileFails() {
    NetlinkException e = assertThrows(NetlinkException.class,
        () -> NetlinkSocket.open(Path.of("/run/netns/nr-sock-does-not-exist")));
    assertEquals(Errno.ENOENT, e.errno());
  }

  @Test
  @Order(4)
  void batchOf1000RoutesAllAckedThenDuplicatesReportEexistAtTheirIndex() throws Exception {
    run("ip", "-n", ns, "link", "set", "lo", "up");
    run("ip", "-n", ns, "link", "add", "eth0", "type", "bridge");
    run("ip", "-n", ns, "link", "set", "eth0", "up");
    run("ip", "-n", ns, "addr", "add", "192.168.1.2/24", "dev", "eth0");
    try (NetlinkSocket s = NetlinkSocket.open(nsFile);
        NetlinkSocket listener = NetlinkSocket.open(nsFile)) {
      listener.joinGroup(RTNLGRP_IPV4_ROUTE);
      AttrWriter w = new AttrWriter(64 << 10);
      for (int i = 0; i < 1000; i++) writeRoute(w, i, RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
      long t0 = System.nanoTime();
      BatchResult r = s.batch(w);
      long t1 = System.nanoTime();
      System.out.printf("batch of 1000 routes: %.2f ms%n", (t1 - t0) / 1e6);
      assertEquals(1000, r.size());
      assertTrue(r.allSucceeded(), r.toString());
      assertEquals(1000, countRoutesInTable(s, 100));
      assertEquals(1000, run("ip", "-n", ns, "route", "show", "table", "100").lines().count());

      // the listener saw them as RTM_NEWROUTE notifications
      ByteBuffer b = listener.receive(2000);
      assertNotNull(b, "no notification");
      NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
      assertTrue(c.next());
      assertEquals(RTM_NEWROUTE, c.type());

      // again, interleaved with new ones: odd indexes are new, even ones exist
      w.reset();
      for (int i = 0; i < 200; i++) {
        writeRoute(w, i % 2 == 0 ? i : 5000 + i, RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
      }
      BatchResult r2 = s.batch(w);
      assertEquals(100, r2.failures());
      for (int i = 0; i < 200; i++) assertEquals(i % 2 == 0 ? Errno.EEXIST : 0, r2.errno(i), "request " + i);
      assertEquals(0, r2.firstFailure());
    }
  }

  @Test
  @Order(6)
  void aListenerThatFallsBehindGetsOverrunAndExchangeRejectsTwoMessages() throws Exception {
    try (NetlinkSocket s = NetlinkSocket.open(nsFile);
        NetlinkSocket slow = NetlinkSocket.open(nsFile, NetlinkSocket.Options.defaults().withReceiveBufferBytes(4096))) {
      slow.joinGroup(RTNLGRP_IPV4_ROUTE);
      AttrWriter w = new AttrWriter();
      for (int i = 0; i < 500; i++) writeRoute(w, 20000 + i, RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
      assertTrue(s.batch(w).allSucceeded());
      assertThrows(NetlinkOverrunException.class, () -> {
        while (slow.receive(1000) != null) { }
      });
      NetlinkException two = assertThrows(NetlinkException.class, () -> s.exchange(w, ReplyHandler.IGNORE));
      assertEquals(Errno.EINVAL, two.errno());
    }
  }

  @Test
  @Order(5)
  void batchDeletesAndSmallDatagrams() throws Exception {
    // tiny batches (8 requests per sendto) exercise the chunking and the seq-to-index mapping
    try (NetlinkSocket s = NetlinkSocket.open(nsFile, NetlinkSocket.Options.defaults().withBatch(1024, 8))) {
      AttrWriter w = new AttrWriter();
      for (int i = 0; i < 1000; i++) {
        w.beginMessage(RTM_DELROUTE, NLM_F_REQUEST);
        new RtMsg(AF_INET, 24, 0, 0, 100, 0, RT_SCOPE_NOWHERE, 0, 0).writeTo(w); // as `ip route del` sends
        w.ipv4(RouteAttr.DST.number(), ((10 + (i >> 16)) << 24) | (((i >> 8) & 255) << 16) | ((i & 255) << 8));
        w.endMessage();
      }
      BatchResult r = s.batch(w);
      assertTrue(r.allSucceeded(), r.toString());
      assertEquals(100, countRoutesInTable(s, 100)); // the 100 added at odd indexes above remain
      BatchResult again = s.batch(w);
      assertEquals(1000, again.failures());
      assertEquals(Errno.ESRCH, again.errno(999));
    }
  }
}
