package io.github.netroute.routing.netlink.bulk;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.netlink.NamespaceFixture;
import io.github.netroute.routing.netlink.NetlinkRouting;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches on the real kernel ({@link NetlinkRouting#apply}): one result per change, in order, with the kernel's typed
 * error for the failing ones wherever they sit (also across datagram boundaries: the client packs 256 requests per
 * send), and nothing reported OK that the kernel does not have when the acks overflow a tiny receive buffer.
 */
@RealKernelTest
class BatchKernelTest extends NamespaceFixture {
  private static final InetAddress GW = InetAddresses.parse("192.168.1.1");
  @BeforeAll
  static void setUp() throws Exception {
    Namespaces.shape(r);
  }

  private static Route v4(int table, int i) {
    byte[] b = {10, (byte) (table & 255), (byte) (i >> 8), (byte) i};
    return Route.builder().dst(IpPrefix.of(InetAddresses.fromBytes(b), 32)).gateway(GW).table(table).build();
  }

  private static Set<String> table(int id) throws RoutingException {
    Set<String> out = new HashSet<>();
    for (Route x : r.routes(RouteFilter.table(RouteTable.of(id)))) out.add(x.dst().toString());
    return out;
  }

  private static String outcome(ChangeResult c) {
    return c.ok() ? "ok" : c.error().errno().name();
  }

  @Test
  void resultsComeInOrderWithTheTypedErrorOfEachFailureAcrossDatagrams() throws Exception {
    // 700 adds, with failures at the first index, both sides of the 256-request datagram boundaries and the last
    Map<Integer, Change> special = new LinkedHashMap<>();
    Map<Integer, String> expected = new LinkedHashMap<>();
    special.put(0, Change.deleteRoute(Route.parse("10.61.0.0/24 table 60")));                      // nothing to delete
    expected.put(0, "ESRCH");
    special.put(255, Change.addRoute(v4(60, 3)));                                                   // dup of index 3
    expected.put(255, "EEXIST");
    special.put(256, Change.addRoute(Route.parse("10.62.0.0/24 via 10.200.0.1 table 60")));        // gateway unreachable
    expected.put(256, "ENETUNREACH");
    special.put(257, Change.addRoute(Route.parse("2001:db8:5::/64 via 2001:db8:1::1 table 60")));
    expected.put(257, "ok");
    special.put(400, Change.addRoute(Route.parse("2001:db8:5::/64 via 2001:db8:1::1 table 60")));  // v6 dup
    expected.put(400, "EEXIST");
    special.put(511, Change.addRoute(Route.parse("2001:db8:99::/64 via 2001:db8:77::1 table 60")));
    expected.put(511, "EHOSTUNREACH");
    special.put(512, Change.deleteRoute(Route.parse("2001:db8:6::/64 table 60")));
    expected.put(512, "ESRCH");
    special.put(600, Change.deleteRoute(v4(60, 10)));                                               // added at 10
    expected.put(600, "ok");
    special.put(699, Change.addRoute(v4(60, 600)));  // index 600 deleted a route; this adds another one
    expected.put(699, "ok");
    List<Change> changes = new ArrayList<>();
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      changes.add(special.getOrDefault(i, Change.addRoute(v4(60, i))));
      want.add(expected.getOrDefault(i, "ok"));
    }
    List<ChangeResult> res = r.apply(changes);
    assertEquals(changes.size(), res.size());
    List<String> got = new ArrayList<>();
    for (int i = 0; i < res.size(); i++) {
      assertSame(changes.get(i), res.get(i).change(), "result " + i + " is for another change");
      got.add(outcome(res.get(i)));
    }
    assertEquals(want, got);
    assertInstanceOf(RoutingException.NotFound.class, res.get(0).error());
    assertInstanceOf(RoutingException.Exists.class, res.get(255).error());
    assertInstanceOf(RoutingException.Unreachable.class, res.get(256).error());
    assertInstanceOf(RoutingException.Exists.class, res.get(400).error());
    assertInstanceOf(RoutingException.Unreachable.class, res.get(511).error());
    assertEquals("RTM_NEWROUTE", res.get(256).error().operation());
    assertEquals("Nexthop has invalid gateway", res.get(256).error().extack());
    assertEquals("RTM_DELROUTE", res.get(512).error().operation());
    assertTrue(res.get(255).error().getMessage().startsWith("RTM_NEWROUTE " + v4(60, 3)), res.get(255).error()
        .getMessage());

    // the kernel has exactly the successful adds
    Set<String> v4 = new HashSet<>();
    for (int i = 0; i < 700; i++) {
      if (!special.containsKey(i) && i != 10) v4.add(v4(60, i).dst().toString());
    }
    v4.add(v4(60, 600).dst().toString());
    v4.add("2001:db8:5::/64");
    assertEquals(v4, table(60));
    r.apply(r.routes(RouteFilter.table(RouteTable.of(60))).stream().map(Change::deleteRoute).toList());
    assertEquals(Set.of(), table(60));
  }

  @Test
  void rulesAndAddressesFailInPlaceToo() throws Exception {
    List<Change> changes = List.of(
        Change.addRule(Rule.parse("from 10.1.0.0/16 table 61 pref 61")),
        Change.addRule(Rule.parse("from 10.1.0.0/16 table 61 pref 61")),             // exact duplicate
        Change.deleteRule(Rule.parse("from 10.9.0.0/16 table 61 pref 62")),           // no such rule
        Change.addAddress(Address.parse("10.5.0.1/24 dev eth0")),
        Change.addAddress(Address.parse("10.5.0.1/24 dev eth0")),
        Change.deleteAddress(Address.parse("10.6.0.1/24 dev eth0")),
        Change.addRoute(Route.parse("10.66.0.0/16 via 10.5.0.254 table 61")),          // via the new address's subnet
        Change.deleteRule(Rule.parse("from 10.1.0.0/16 table 61 pref 61")),
        Change.deleteAddress(Address.parse("10.5.0.1/24 dev eth0")),
        Change.addRule(Rule.parse("from 10.1.0.0/16 table 61 pref 61")));
    List<String> got = r.apply(changes).stream().map(BatchKernelTest::outcome).toList();
    assertEquals(List.of("ok", "EEXIST", "ENOENT", "ok", "EEXIST", "EADDRNOTAVAIL", "ok", "ok", "ok", "ok"), got);
    assertTrue(r.rules(Family.INET).stream().anyMatch(x -> x.priority() == 61));
    // the route added while the address existed stays (its gateway's device is still up)
    assertEquals(Set.of("10.66.0.0/16"), table(61));
    r.deleteRoute(Route.parse("10.66.0.0/16 via 10.5.0.254 table 61"));
    r.deleteRule(Rule.parse("from 10.1.0.0/16 table 61 pref 61"));
  }

  @Test
  void whenAcksOverflowATinyReceiveBufferNothingIsReportedOkThatTheKernelDoesNotHave() throws Exception {
    int n = 20_000;
    try (NetlinkRouting tiny = NetlinkRouting.open(ns, NetlinkRouting.Options.defaults().withReceiveBufferBytes(4096))) {
      // adds, some of them duplicates (an EEXIST ack may be lost too: then it is ENOBUFS, never OK)
      List<Change> adds = new ArrayList<>(n);
      for (int i = 0; i < n; i++) adds.add(Change.addRoute(v4(62, i % 7 == 6 ? i - 1 : i)));
      List<ChangeResult> res = tiny.apply(adds);
      assertEquals(n, res.size());
      Set<String> present = table(62);
      int ok = 0;
      int lost = 0;
      for (int i = 0; i < n; i++) {
        ChangeResult c = res.get(i);
        assertSame(adds.get(i), c.change());
        Route route = ((Change.RouteChange) c.change()).route();
        if (c.ok()) {
          ok++;
          assertTrue(present.contains(route.dst().toString()), "reported OK but absent: " + c);
          assertNotEquals(6, i % 7, "a duplicate add reported OK: " + c);
        } else if (c.error().errno().equals(Errno.ENOBUFS)) {
          lost++;
          assertTrue(c.error().getMessage().contains("ack lost"), c.error().getMessage());
        } else {
          assertEquals(Errno.EEXIST, c.error().errno(), c.toString());
          assertEquals(6, i % 7, "only duplicates can fail with EEXIST: " + c);
        }
      }
      assertTrue(lost > 0, "the receive buffer never overflowed; the test proves nothing (ok=" + ok + ")");
      assertTrue(ok > 0, "no ack was ever seen");
      // every route that is absent was reported failed (nothing lost silently)
      Set<String> reportedOk = new HashSet<>();
      for (ChangeResult c : res) {
        if (c.ok()) reportedOk.add(((Change.RouteChange) c.change()).route().dst().toString());
      }
      assertTrue(present.containsAll(reportedOk));

      // deletes of everything in the table plus as many of routes that do not exist (their errors flood the
      // buffer): OK means gone, ESRCH only for those that never existed
      List<Change> deletes = new ArrayList<>();
      for (Route x : r.routes(RouteFilter.table(RouteTable.of(62)))) {
        deletes.add(Change.deleteRoute(x));
        deletes.add(Change.deleteRoute(v4(64, deletes.size())));
      }
      List<ChangeResult> del = tiny.apply(deletes);
      Set<String> left = table(62);
      int delLost = 0;
      for (ChangeResult c : del) {
        Route x = ((Change.RouteDelete) c.change()).route();
        String dst = x.dst().toString();
        if (c.ok()) {
          assertEquals(RouteTable.of(62), x.table(), "a delete of a route that never existed reported OK: " + c);
          assertFalse(left.contains(dst), "delete reported OK but the route is still there: " + c);
        } else if (c.error().errno().equals(Errno.ENOBUFS)) {
          delLost++;
        } else {
          assertEquals(Errno.ESRCH, c.error().errno(), c.toString());
          assertEquals(RouteTable.of(64), x.table(), c.toString());
        }
      }
      assertTrue(delLost > 0, "the deletes' answers never overflowed");
      // what was left (acks lost but the deletes did happen) is cleaned up by a client with a normal buffer
      r.apply(r.routes(RouteFilter.table(RouteTable.of(62))).stream().map(Change::deleteRoute).toList());
      assertEquals(Set.of(), table(62));
    }
  }

  @Test
  void aBatchOfSuccessesCannotOverflowEvenATinyBuffer() throws Exception {
    // only failures and one ack per datagram are answered: 30 000 successful adds on a 4 KiB buffer lose nothing
    int n = 30_000;
    try (NetlinkRouting tiny = NetlinkRouting.open(ns, NetlinkRouting.Options.defaults().withReceiveBufferBytes(4096))) {
      List<Change> adds = new ArrayList<>(n);
      for (int i = 0; i < n; i++) adds.add(Change.addRoute(v4(65, i)));
      List<ChangeResult> res = tiny.apply(adds);
      assertTrue(res.stream().allMatch(ChangeResult::ok), () -> res.stream().filter(c -> !c.ok()).findFirst()
          .orElseThrow().toString());
      assertEquals(n, table(65).size());
      assertTrue(tiny.apply(adds.stream().map(c -> Change.deleteRoute(((Change.RouteChange) c).route())).toList())
          .stream().allMatch(ChangeResult::ok));
      assertEquals(Set.of(), table(65));
    }
  }

  @Test
  void aClientWithANormalBufferLosesNoAckOnABigBatch() throws Exception {
    int n = 50_000;
    List<Change> adds = new ArrayList<>(n);
    for (int i = 0; i < n; i++) adds.add(Change.addRoute(v4(63, i)));
    List<ChangeResult> res = r.apply(adds);
    assertTrue(res.stream().allMatch(ChangeResult::ok), () -> res.stream().filter(c -> !c.ok()).findFirst()
        .orElseThrow().toString());
    assertEquals(n, table(63).size());
    List<ChangeResult> del = r.apply(adds.stream().map(c -> Change.deleteRoute(((Change.RouteChange) c).route()))
        .toList());
    assertTrue(del.stream().allMatch(ChangeResult::ok));
    assertEquals(Set.of(), table(63));
  }
}
