package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.LookupCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel's captured replies decode into the value objects {@code ip} printed: dumps line for line
 * ({@code toString} against the fixture's stdout, whitespace-normalised), lookups, and every error reply into the
 * {@link RoutingException} subclass for its errno with the kernel's extended-ack text.
 */
class GoldenRepliesTest {
  @BeforeAll
  static void littleEndian() {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are x86-64 captures");
  }

  /** Every message of every reply buffer of a fixture. */
  private static void forEachReplyMessage(Golden g, ReplyHandler h) throws NetlinkException {
    for (byte[] r : g.replies()) {
      ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.nativeOrder());
      NlMsgCursor c = new NlMsgCursor(b, 0, r.length);
      while (c.next()) h.onMessage(c);
    }
  }

  /** stdout entries: continuation lines (starting with a tab) joined to their entry, trailing blanks dropped. */
  private static List<String> entries(List<String> stdout) {
    List<String> out = new ArrayList<>();
    for (String l : stdout) {
      if (l.startsWith("\t") && !out.isEmpty()) out.set(out.size() - 1, out.get(out.size() - 1) + "\n" + l.strip());
      else out.add(l.strip());
    }
    return out;
  }

  private static String norm(String s) {
    return s.replace("\t", " ").replaceAll(" +", " ").replaceAll(" ?\n ?", "\n").strip();
  }

  private static List<String> norm(List<String> l) {
    return l.stream().map(GoldenRepliesTest::norm).toList();
  }

  @TestFactory
  Stream<DynamicTest> routeDumpsPrintLikeIp() {
    return Stream.of("dump-route-v4", "dump-route-v6", "dump-route-unspec", "dump-route-main")
        .map(n -> DynamicTest.dynamicTest(n, () -> {
          Golden g = Golden.load(n);
          RouteCodec codec = new RouteCodec(new LinkNames(Golden.BASE_LINKS));
          List<String> got = new ArrayList<>();
          forEachReplyMessage(g, c -> {
            if (c.type() != Rtnl.RTM_NEWROUTE) return;
            Route r = codec.decode(c);
            if (r == null) return;
            if (n.equals("dump-route-main") && !r.table().equals(RouteTable.MAIN)) return;
            got.add(r.toString());
          });
          assertFalse(got.isEmpty());
          assertEquals(norm(entries(g.stdout())), norm(got), n);
        }));
  }

  @TestFactory
  Stream<DynamicTest> ruleDumpsPrintLikeIp() {
    return Stream.of("dump-rule-v4", "dump-rule-v6").map(n -> DynamicTest.dynamicTest(n, () -> {
      Golden g = Golden.load(n);
      RuleCodec codec = new RuleCodec();
      List<String> got = new ArrayList<>();
      forEachReplyMessage(g, c -> {
        if (c.type() == Rtnl.RTM_NEWRULE) got.add(codec.decode(c).toString());
      });
      assertEquals(norm(g.stdout()), norm(got), n);
    }));
  }

  @Test
  void addressDumpPrintsTheInetLinesOfIpAddrShow() throws Exception {
    Golden g = Golden.load("dump-addr");
    AddressCodec codec = new AddressCodec(new LinkNames(Golden.BASE_LINKS));
    List<String> got = new ArrayList<>();
    forEachReplyMessage(g, c -> {
      if (c.type() != Rtnl.RTM_NEWADDR) return;
      Address a = codec.decode(c);
      if (a != null) got.add(a.toString());
    });
    List<String> want = g.stdout().stream().map(String::strip).filter(l -> l.startsWith("inet")).toList();
    // ip groups addresses by link; the kernel's AF_UNSPEC dump sends all IPv4 ones, then all IPv6 ones
    assertEquals(norm(want).stream().sorted().toList(), norm(got).stream().sorted().toList());
  }

  @Test
  void linkDumpHasTheIndexesNamesAndStatesIpShows() throws Exception {
    Golden g = Golden.load("dump-link");
    LinkCodec codec = new LinkCodec();
    List<String> got = new ArrayList<>();
    forEachReplyMessage(g, c -> {
      if (c.type() != Rtnl.RTM_NEWLINK) return;
      Link l = codec.decode(c);
      got.add(l.index() + ": " + l.name() + ": " + l.mtu() + " " + l.operState() + " " + l.up());
    });
    List<String> want = new ArrayList<>();
    for (String l : g.stdout()) {
      if (!Character.isDigit(l.charAt(0))) continue;
      String[] w = l.split("\\s+");
      want.add(w[0] + " " + w[1] + " " + w[4] + " " + w[8] + " " + w[2].contains(",UP"));
    }
    assertEquals(want, got);
  }

  /**
   * The neighbour dumps and the get answer decode to what {@code ip neigh show|get} printed; the dump's multicast
   * NOARP entries (224.0.0.22, ff02::...) are the ones ip's default filter hides.
   */
  @Test
  void neighbourRepliesPrintLikeIpNeigh() throws Exception {
    for (String name : List.of("dump-neigh", "dump-neigh-proxy", "neigh-get")) {
      Golden g = Golden.load(name);
      io.github.netroute.routing.netlink.internal.codec.NeighbourCodec codec =
          new io.github.netroute.routing.netlink.internal.codec.NeighbourCodec(new LinkNames(Golden.BASE_LINKS));
      List<String> got = new ArrayList<>();
      forEachReplyMessage(g, c -> {
        if (c.type() != Rtnl.RTM_NEWNEIGH) return;
        io.github.netroute.routing.Neighbour n = codec.decode(c);
        if (n != null && n.state() != io.github.netroute.routing.NeighbourState.NOARP) got.add(n.toString());
      });
      assertFalse(got.isEmpty(), name);
      assertEquals(norm(g.stdout()), norm(got), name);
    }
  }

  @TestFactory
  Stream<DynamicTest> lookupsPrintLikeIpRouteGet() {
    return Stream.of("route-get-v4", "route-get-v4-full", "route-get-v4-iif", "route-get-v6", "route-get-v6-full",
        "route-get-v4-fibmatch").map(n -> DynamicTest.dynamicTest(n, () -> {
          Golden g = Golden.load(n);
          LinkNames names = new LinkNames(Golden.BASE_LINKS);
          String args = g.args(2);
          boolean fib = args.startsWith("fibmatch ");
          RouteLookup flow = RouteLookup.parse(fib ? args.substring(9) : args);
          List<String> got = new ArrayList<>();
          forEachReplyMessage(g, c -> {
            if (c.type() != Rtnl.RTM_NEWROUTE) return;
            if (fib) {
              got.add(new RouteCodec(names).decode(c).toString());
            } else {
              // the answer itself as a route carries the metric and preference ip -6 route get prints
              Route asRoute = flow.family() == Family.INET6 ? new RouteCodec(names).decode(c) : null;
              LookupResult r = new LookupCodec(names).decode(c, flow, asRoute);
              // an IPv4 answer's iif is printed after the cache flags, not by LookupResult#toString
              got.add(r.toString() + (flow.family() == Family.INET && r.iif() != null ? " iif " + r.iif() : ""));
            }
          });
          assertEquals(1, got.size());
          // ip prints IPv4 cache details on a second line ("cache <local> iif br1"): compared without the flags
          String want = String.join(" ", g.stdout()).replace("cache", "").replace("<local>", "");
          assertEquals(norm(want), norm(got.get(0)), n);
        }));
  }

  @TestFactory
  Stream<DynamicTest> errorRepliesBecomeTypedRoutingExceptions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String n : Golden.all()) {
      Golden g = Golden.load(n);
      if (g.replies().isEmpty()) continue;
      byte[] last = g.replies().get(g.replies().size() - 1);
      ByteBuffer b = ByteBuffer.wrap(last).order(ByteOrder.nativeOrder());
      if ((b.getShort(4) & 0xFFFF) != Netlink.NLMSG_ERROR || b.getInt(16) == 0) continue;
      tests.add(DynamicTest.dynamicTest(n, () -> {
        NlMsgCursor c = new NlMsgCursor(b, 0, last.length);
        assertTrue(c.next());
        NlError e = NlError.decodeError(c);
        String op = Netlink.typeName(e.request().type());
        RoutingException x = RoutingErrors.of(op, "subject", e.toException(op));
        assertEquals(e.errno(), x.errno().number());
        Class<?> want = switch (x.errno().name()) {
          case "EEXIST" -> RoutingException.Exists.class;
          case "ENOENT", "ESRCH", "ENODEV", "ENXIO", "EADDRNOTAVAIL" -> RoutingException.NotFound.class;
          case "EINVAL", "ERANGE", "E2BIG", "EMSGSIZE" -> RoutingException.InvalidArgument.class;
          case "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN" -> RoutingException.Unreachable.class;
          case "EPERM", "EACCES" -> RoutingException.Permission.class;
          case "EBUSY", "EAGAIN" -> RoutingException.Busy.class;
          case "ENOBUFS", "ENOMEM", "ENOSPC" -> RoutingException.NoBufferSpace.class;
          case "EOPNOTSUPP", "ENOTSUPP", "EAFNOSUPPORT", "EPROTONOSUPPORT" -> RoutingException.NotSupported.class;
          default -> RoutingException.class;
        };
        assertEquals(want, x.getClass(), n);
        assertTrue(x.getMessage().startsWith(op + " subject: "), x.getMessage());
        if (e.extackMessage() != null) {
          assertEquals(e.extackMessage(), x.extack());
          assertTrue(x.getMessage().endsWith(": " + e.extackMessage()), x.getMessage());
          assertTrue(g.stderr().stream().anyMatch(s -> s.contains(e.extackMessage())), n + " " + g.stderr());
        }
        // iproute2 prints strerror when the kernel gave no message
        if (e.extackMessage() == null) {
          assertTrue(g.stderr().stream().anyMatch(s -> s.contains(x.errno().description())), n + " " + g.stderr());
        }
      }));
    }
    assertTrue(tests.size() >= 25, "only " + tests.size() + " error fixtures");
    return tests.stream();
  }

  @Test
  void familiesOtherThanIpDecodeToNull() throws Exception {
    AttrWriter w = new AttrWriter();
    w.beginMessage(Rtnl.RTM_NEWROUTE, 0);
    new RtMsg(128, 32, 0, 0, 254, 0, 0, 1, 0).writeTo(w); // RTNL_FAMILY_IPMR
    w.endMessage();
    NlMsgCursor c = new NlMsgCursor(w.view(), 0, w.size());
    assertTrue(c.next());
    assertNull(new RouteCodec(new LinkNames(Golden.BASE_LINKS)).decode(c));
    assertEquals(Family.INET, Family.ofNumber(2));
  }
}
