package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.testkit.contract.RoutingContract;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link NetlinkRouting} against the running kernel in a throwaway namespace {@code nr-nl-<random>} with the golden
 * fixtures' base state (lo up; bridges br0, br1 up with 192.168.1.2/24, 2001:db8:1::2/64 and 192.168.2.2/24,
 * 2001:db8:2::2/64; bridge brdown down with 172.16.5.1/24), built through the client itself. Every error path the
 * kernel has for each operation, with the typed exception, errno and extended-ack text.
 */
@RealKernelTest
class NetlinkRoutingKernelTest extends NamespaceFixture {
  /** The base state, as the contract suite builds it ({@link RoutingContract}'s {@code node()}), on {@link #r}. */
  @BeforeAll
  static void setUp() throws Exception {
    class BaseState extends RoutingContract {
      @Override
      protected Routing newSubject() {
        return r;
      }

      void build() throws Exception {
        node(); // waits for the IPv6 local routes, which the kernel installs asynchronously
      }
    }
    new BaseState().build();
  }

  private static <T extends RoutingException> T fails(Class<T> type, String errno, String extack, Executable e) {
    T x = assertThrows(type, e);
    assertEquals(errno, x.errno().name(), x.getMessage());
    if (extack != null) {
      // written as iproute2 prints it ("Error: <kernel text>."); the kernel's own text has no final period
      if (!extack.equals(x.extack()) && extack.endsWith(".")) extack = extack.substring(0, extack.length() - 1);
      assertEquals(extack, x.extack(), x.getMessage());
      assertTrue(x.getMessage().endsWith(": " + extack), x.getMessage());
    }
    return x;
  }

  private static InetAddress ip(String s) {
    return InetAddresses.parse(s);
  }

  // ------------------------------------------------------------------------------------------ links, addresses

  @Test
  void links() throws Exception {
    List<Link> links = r.links();
    assertEquals(List.of("lo", "br0", "br1", "brdown"), links.stream().map(Link::name).toList());
    Link br0 = r.link("br0").orElseThrow();
    assertEquals("bridge", br0.kind());
    assertTrue(br0.up());
    // by index the same link; its details aside: a running bridge's gc_timer counts down between two reads
    assertEquals(br0.withDetails(io.github.netroute.routing.LinkDetails.NONE),
        r.link(br0.index()).orElseThrow().withDetails(io.github.netroute.routing.LinkDetails.NONE));
    assertFalse(r.link("brdown").orElseThrow().up());
    assertTrue(r.link("nosuch0").isEmpty());
    assertTrue(r.link(9999).isEmpty());
    assertTrue(r.link("much-too-long-name-for-a-device").isEmpty());

    fails(RoutingException.NotSupported.class, "EOPNOTSUPP", "Unknown device type", () -> r.addLink("dummy0", "dummy"));
    fails(RoutingException.Exists.class, "EEXIST", null, () -> r.addLink("br0", "bridge"));
    fails(RoutingException.NotFound.class, "ENODEV", "Cannot find device \"nosuch0\"",
        () -> r.setLinkUp("nosuch0", true));
    fails(RoutingException.NotFound.class, "ENODEV", "Cannot find device \"nosuch0\"", () -> r.deleteLink("nosuch0"));

    Link br9 = r.addLink("br9", "bridge");
    assertFalse(br9.up());
    r.setLinkUp("br9", true);
    assertTrue(r.link("br9").orElseThrow().up());
    r.setLinkUp("br9", false);
    assertFalse(r.link("br9").orElseThrow().up());
    r.deleteLink("br9");
    assertTrue(r.link("br9").isEmpty());
    // a new device of the same name gets a new index; the name cache must not hand out the old one
    Link again = r.addLink("br9", "bridge");
    assertNotEquals(br9.index(), again.index());
    r.addAddress(Address.parse("10.99.9.1/24 dev br9"));
    assertTrue(r.addresses(Family.INET).stream().anyMatch(a -> a.deviceIndex() == again.index()));
    r.deleteLink("br9");
  }

  @Test
  void addresses() throws Exception {
    Address a = Address.parse("10.5.0.1/24 brd + dev br0");
    r.addAddress(a);
    Address listed = r.addresses(Family.INET).stream().filter(x -> x.address().equals(a.address())).findFirst()
        .orElseThrow();
    assertEquals("inet 10.5.0.1/24 brd 10.5.0.255 scope global br0", listed.toString());
    fails(RoutingException.Exists.class, "EEXIST", "ipv4: Address already assigned.", () -> r.addAddress(a));
    Address peer = Address.parse("10.253.0.1 peer 10.253.0.2 dev br0");
    r.addAddress(peer);
    Address six = Address.parse("2001:db8:6::1/64 dev br0 nodad valid_lft 600 preferred_lft 300");
    r.addAddress(six);
    Address sixListed = r.addresses(Family.INET6).stream().filter(x -> x.address().equals(six.address()))
        .findFirst().orElseThrow();
    assertTrue(sixListed.validLifetime() <= 600 && sixListed.validLifetime() > 590, sixListed.toString());
    assertTrue(r.addresses(Family.INET).stream().anyMatch(x -> x.toString().equals(
        "inet 10.253.0.1 peer 10.253.0.2/32 scope global br0")));
    Address label = Address.parse("10.6.0.1/24 dev br0 scope link label br0:1");
    r.addAddress(label);
    assertTrue(r.addresses(null).stream().anyMatch(x -> x.toString().equals(
        "inet 10.6.0.1/24 scope link br0:1")), r.addresses(null).toString());
    for (Address x : List.of(listed, peer, sixListed, label)) {
      Address found = r.addresses(null).stream().filter(y -> y.address().equals(x.address())).findFirst()
          .orElseThrow();
      r.deleteAddress(found);
    }
    fails(RoutingException.NotFound.class, "EADDRNOTAVAIL", "ipv4: Address not found.", () -> r.deleteAddress(a));
    fails(RoutingException.NotFound.class, "ENODEV", "Cannot find device \"nosuch0\"",
        () -> r.addAddress(Address.parse("10.7.0.1/24 dev nosuch0")));
  }

  // ------------------------------------------------------------------------------------------ routes

  @Test
  void routeErrors() {
    fails(RoutingException.Unreachable.class, "ENETUNREACH", "Nexthop has invalid gateway.",
        () -> r.addRoute(Route.parse("10.22.0.0/16 via 10.200.0.1")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid dsfield (tos): ECN bits must be 0.",
        () -> r.addRoute(Route.parse("10.22.0.0/16 via 192.168.1.1 tos 0x01")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid prefsrc address.",
        () -> r.addRoute(Route.parse("10.22.0.0/16 via 192.168.1.1 src 10.9.9.9")));
    fails(RoutingException.NotFound.class, "ENODEV", null, () -> r.addRoute(Route.parse("local 10.23.0.0/16")));
    fails(RoutingException.Unreachable.class, "ENETDOWN", "Device for nexthop is not up.",
        () -> r.addRoute(Route.parse("10.23.0.0/16 dev brdown")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid scope.",
        () -> r.addRoute(Route.parse("nat 10.50.0.2")));
    fails(RoutingException.NotFound.class, "ENOENT", null,
        () -> r.changeRoute(Route.parse("10.24.0.0/16 via 192.168.2.1")));
    fails(RoutingException.NotFound.class, "ENOENT", null,
        () -> r.modifyRoute(RouteVerb.TEST, Route.parse("10.25.0.0/16 via 192.168.1.1")));
    fails(RoutingException.NotFound.class, "ESRCH", null, () -> r.deleteRoute(Route.parse("10.99.0.0/16 dev br0")));
    fails(RoutingException.NotFound.class, "ESRCH", "FIB table does not exist.",
        () -> r.deleteRoute(Route.parse("10.10.0.0/16 via 192.168.1.1 table 77")));
    fails(RoutingException.NotFound.class, "ENODEV", "Cannot find device \"nosuch0\"",
        () -> r.addRoute(Route.parse("10.26.0.0/16 dev nosuch0")));
    fails(RoutingException.Unreachable.class, "EHOSTUNREACH", null,
        () -> r.addRoute(Route.parse("2001:db8:16::/48 via 2001:db8:99::1")));
    fails(RoutingException.NotFound.class, "ENODEV", null, () -> r.addRoute(Route.parse("2001:db8:16::/48")));
    fails(RoutingException.Unreachable.class, "ENETDOWN", "Nexthop device is not up.",
        () -> r.addRoute(Route.parse("2001:db8:16::/48 dev brdown")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid source address.",
        () -> r.addRoute(Route.parse("2001:db8:16::/48 via 2001:db8:1::1 src 2001:db8:99::9")));
    fails(RoutingException.InvalidArgument.class, "EINVAL",
        "Device only routes can not be added for IPv6 using the multipath API.",
        () -> r.addRoute(Route.parse("2001:db8:16::/48 nexthop dev br0 nexthop via 2001:db8:1::1")));
    fails(RoutingException.NotFound.class, "ENOENT", "Can not replace route - no match found.",
        () -> r.changeRoute(Route.parse("2001:db8:12::/48 via 2001:db8:1::1")));
    fails(RoutingException.NotFound.class, "ESRCH", null, () -> r.deleteRoute(Route.parse("2001:db8:99::/48 dev br0")));
  }

  @Test
  void eexistMessageNamesTheRouteInIproute2Syntax() throws Exception {
    Route kube = Route.parse("local 10.96.0.0/12 dev br0 scope host src 192.168.1.2");
    r.addRoute(kube);
    RoutingException.Exists e = assertThrows(RoutingException.Exists.class, () -> r.addRoute(kube));
    assertEquals("RTM_NEWROUTE local 10.96.0.0/12 dev br0 table local scope host src 192.168.1.2: File exists"
        + " (EEXIST)", e.getMessage());
    assertEquals("RTM_NEWROUTE", e.operation());
    r.replaceRoute(kube); // idempotent
    r.deleteRoute(kube);
  }

  @Test
  void verbsAndFiltersAndTables() throws Exception {
    Route a = Route.parse("10.10.0.0/16 via 192.168.1.1 table 1000 proto static");
    Route b = Route.parse("10.10.0.0/16 via 192.168.2.1 table 1000 proto static");
    r.addRoute(a);
    r.appendRoute(b);
    RouteFilter t1000 = RouteFilter.table(RouteTable.of(1000));
    assertEquals(List.of(a.withDevice("br0", r.link("br0").orElseThrow().index()).toString(),
        b.withDevice("br1", r.link("br1").orElseThrow().index()).toString()),
        r.routes(t1000).stream().map(Route::toString).toList());
    r.replaceRoute(Route.parse("10.10.0.0/16 via 192.168.2.3 dev br1 table 1000 proto static"));
    assertEquals(2, r.routes(t1000).size()); // replace took the first entry: now both via br1
    assertTrue(r.routes(RouteFilter.builder().table(RouteTable.of(1000)).device("br0").build()).isEmpty());
    assertEquals(2, r.routes(RouteFilter.builder().table(RouteTable.of(1000)).device("br1").build()).size());
    assertEquals(2, r.routes(RouteFilter.builder().protocol(RouteProtocol.STATIC).build()).size());
    assertTrue(r.routes(RouteFilter.builder().device("nosuch0").build()).isEmpty());
    assertTrue(r.routes(RouteFilter.table(RouteTable.of(4242))).isEmpty(), "missing table: empty, not ENOENT");
    assertTrue(r.routes(RouteFilter.table(RouteTable.of(4242)).withFamily(Family.INET6)).isEmpty());
    assertEquals(1, r.routes(RouteFilter.builder().type(RouteType.BROADCAST).device("br0").build()).size());
    for (Route x : r.routes(t1000)) r.deleteRoute(x);
    assertTrue(r.routes(t1000).isEmpty());
  }

  @Test
  void ipv4TosIsPartOfTheKeyAlsoOnDelete() throws Exception {
    Route plain = Route.parse("10.16.0.0/16 via 192.168.1.12");
    Route tos = Route.parse("10.16.0.0/16 via 192.168.1.10 tos 0x10");
    r.addRoute(plain);
    r.addRoute(tos);
    Route listedTos = r.routes(RouteFilter.builder().dst(tos.dst()).build()).stream().filter(x -> x.tos() == 0x10)
        .findFirst().orElseThrow();
    r.deleteRoute(listedTos);
    List<Route> left = r.routes(RouteFilter.builder().dst(tos.dst()).build());
    assertEquals(1, left.size());
    assertEquals(0, left.get(0).tos());
    r.deleteRoute(left.get(0));
  }

  // ------------------------------------------------------------------------------------------ rules

  @Test
  void rules() throws Exception {
    Rule seed = Rule.parse("from 10.0.0.0/32 table 44");
    r.addRule(seed);
    r.addRule(seed); // no pref: auto-assigned, never a duplicate
    Rule exact = Rule.parse("pref 500 from 10.0.0.0/8 table 5");
    r.addRule(exact);
    fails(RoutingException.Exists.class, "EEXIST", null, () -> r.addRule(exact));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Backward goto not supported.",
        () -> r.addRule(Rule.parse("pref 600 goto 400")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid tos.",
        () -> r.addRule(Rule.parse("tos 0x20 table 5")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid table.",
        () -> r.addRule(Rule.parse("fwmark 1 table 0", Family.INET6)));
    fails(RoutingException.NotFound.class, "ENOENT", null, () -> r.deleteRule(Rule.parse("pref 501 table 5")));
    Rule mark = Rule.parse("fwmark 0x10/0xff table 107 pref 107");
    r.addRule(mark);
    fails(RoutingException.NotFound.class, "ENOENT", null,
        () -> r.deleteRule(Rule.parse("fwmark 0x10 table 107"))); // no mask = mask 0xffffffff
    Rule dscp = Rule.builder().dscp(10).priority(108L).table(RouteTable.of(108)).build();
    r.addRule(dscp); // FRA_DSCP (Linux 6.13+)
    assertTrue(r.rules(Family.INET).stream().anyMatch(x -> Integer.valueOf(10).equals(x.dscp())),
        r.rules(Family.INET).toString());
    int before = r.rules(null).size();
    for (Rule x : r.rules(Family.INET)) {
      if (x.priority() != null && x.priority() > 0 && x.priority() < 32766) r.deleteRule(x);
    }
    assertEquals(before - 5, r.rules(null).size());
  }

  // ------------------------------------------------------------------------------------------ lookup

  @Test
  void lookups() throws Exception {
    r.addRoute(Route.parse("10.10.0.0/16 via 192.168.1.1"));
    LookupResult hit = r.lookup(RouteLookup.to(ip("10.10.0.1")));
    assertEquals("10.10.0.1 via 192.168.1.1 dev br0 src 192.168.1.2 uid 0", hit.toString());
    assertEquals("10.10.0.0/16 via 192.168.1.1 dev br0", hit.route().toString());
    assertEquals(RouteTable.MAIN, hit.table());
    LookupResult full = r.lookup(RouteLookup.parse(
        "10.10.0.1 from 192.168.1.2 oif br0 mark 0x10 uid 1000 tos 0x10 ipproto tcp sport 1000 dport 80"));
    assertEquals("10.10.0.1 from 192.168.1.2 via 192.168.1.1 dev br0 mark 0x10 uid 1000", full.toString());
    LookupResult local = r.lookup(RouteLookup.parse("192.168.1.2 from 192.168.2.50 iif br1"));
    assertEquals(RouteType.LOCAL, local.type());
    assertEquals("br1", local.iif());
    fails(RoutingException.Unreachable.class, "ENETUNREACH", null, () -> r.lookup(RouteLookup.to(ip("8.8.8.8"))));
    fails(RoutingException.Unreachable.class, "EHOSTUNREACH", null,
        () -> r.lookup(RouteLookup.parse("10.10.0.1 from 192.168.2.50 iif br1")));
    r.addRoute(Route.parse("2001:db8:10::/48 via 2001:db8:1::1"));
    assertEquals("2001:db8:10::1 from :: via 2001:db8:1::1 dev br0 src 2001:db8:1::2 metric 1024 pref medium",
        r.lookup(RouteLookup.to(ip("2001:db8:10::1"))).toString());
    r.addRoute(Route.parse("unreachable 2001:db8:41::/48"));
    fails(RoutingException.Unreachable.class, "EHOSTUNREACH", null,
        () -> r.lookup(RouteLookup.to(ip("2001:db8:41::1"))));
    fails(RoutingException.NotFound.class, "ENODEV", "Cannot find device \"nosuch0\"",
        () -> r.lookup(RouteLookup.parse("10.10.0.1 oif nosuch0")));
    r.deleteRoute(Route.parse("10.10.0.0/16 via 192.168.1.1"));
    r.deleteRoute(Route.parse("2001:db8:10::/48 via 2001:db8:1::1"));
    r.deleteRoute(Route.parse("unreachable 2001:db8:41::/48"));
  }

  // ------------------------------------------------------------------------------------------ batches

  @Test
  void batchReportsEachChangeAtItsIndex() throws Exception {
    List<Change> changes = List.of(
        Change.route(RouteVerb.ADD, Route.parse("10.80.0.0/16 via 192.168.1.1")),
        Change.route(RouteVerb.ADD, Route.parse("10.80.0.0/16 via 192.168.1.1")),
        Change.route(RouteVerb.ADD, Route.parse("10.81.0.0/16 dev nosuch0")),
        Change.addRule(Rule.parse("from 10.80.0.0/16 table 80 pref 80")),
        Change.deleteRoute(Route.parse("10.80.0.0/16 via 192.168.1.1")),
        Change.deleteRule(Rule.parse("from 10.80.0.0/16 table 80 pref 80")),
        Change.addAddress(Address.parse("10.82.0.1/24 dev br1")),
        Change.deleteAddress(Address.parse("10.82.0.1/24 dev br1")),
        Change.deleteRoute(Route.parse("10.80.0.0/16 via 192.168.1.1")));
    List<ChangeResult> res = r.apply(changes);
    assertEquals(changes.size(), res.size());
    List<String> errs = new ArrayList<>();
    for (ChangeResult c : res) errs.add(c.ok() ? "ok" : c.error().errno().name());
    assertEquals(List.of("ok", "EEXIST", "ENODEV", "ok", "ok", "ok", "ok", "ok", "ESRCH"), errs);
    assertInstanceOf(RoutingException.Exists.class, res.get(1).error());
    assertEquals("RTM_NEWROUTE 10.80.0.0/16 via 192.168.1.1: File exists (EEXIST)", res.get(1).error().getMessage());
    assertTrue(res.get(2).error().getMessage().contains("Cannot find device \"nosuch0\""));
  }

  // ------------------------------------------------------------------------------------------ events

  @Test
  void eventsForRoutesRulesLinksAndAddresses() throws Exception {
    BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
    try (Subscription s = r.subscribe(q::add)) {
      Route route = Route.parse("10.90.0.0/16 via 192.168.1.1 table 90");
      Rule rule = Rule.parse("from 10.90.0.0/16 table 90 pref 90");
      r.addRoute(route);
      r.addRule(rule);
      r.deleteRoute(route);
      r.deleteRule(rule);
      r.addLink("brev", "bridge");
      r.addAddress(Address.parse("10.91.0.1/24 dev brev"));
      r.deleteLink("brev");
      String routeText = "10.90.0.0/16 via 192.168.1.1 dev br0 table 90";
      await(q, e -> e instanceof RoutingEvent.RouteAdded a && a.route().toString().equals(routeText));
      await(q, e -> e instanceof RoutingEvent.RuleAdded a && a.rule().toString().equals(
          "90:\tfrom 10.90.0.0/16 lookup 90"));
      await(q, e -> e instanceof RoutingEvent.RouteRemoved a && a.route().toString().equals(routeText));
      await(q, e -> e instanceof RoutingEvent.RuleRemoved a && a.rule().priority() == 90);
      await(q, e -> e instanceof RoutingEvent.LinkChanged l && l.link().name().equals("brev"));
      await(q, e -> e instanceof RoutingEvent.AddressAdded a && a.address().toString().equals(
          "inet 10.91.0.1/24 scope global brev"));
      await(q, e -> e instanceof RoutingEvent.LinkRemoved l && l.link().name().equals("brev"));
    }
    r.addRoute(Route.parse("10.92.0.0/16 via 192.168.1.1"));
    r.deleteRoute(Route.parse("10.92.0.0/16 via 192.168.1.1"));
    Thread.sleep(200);
    assertTrue(q.stream().noneMatch(e -> e.toString().contains("10.92.0.0")), "delivered after close");
  }

  private static void await(BlockingQueue<RoutingEvent> q, Predicate<RoutingEvent> p) throws InterruptedException {
    List<RoutingEvent> seen = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < end) {
      RoutingEvent e = q.poll(100, TimeUnit.MILLISECONDS);
      if (e == null) continue;
      if (p.test(e)) return;
      seen.add(e);
    }
    fail("event not seen; got " + seen);
  }

  @Test
  void aSubscriberThatFallsBehindGetsResyncNeeded() throws Exception {
    try (NetlinkRouting small = NetlinkRouting.open(ns, NetlinkRouting.Options.defaults()
        .withReceiveBufferBytes(4096))) {
      CountDownLatch release = new CountDownLatch(1);
      BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
      try (Subscription s = small.subscribe(e -> {
        q.add(e);
        try {
          release.await(); // a slow listener: the socket's tiny queue overflows meanwhile
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      })) {
        List<Change> adds = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
          adds.add(Change.route(RouteVerb.ADD, Route.builder().dst("10.95." + (i >> 8) + "." + (i & 255) + "/32")
              .gateway(ip("192.168.1.1")).table(95).build()));
        }
        assertTrue(r.apply(adds).stream().allMatch(ChangeResult::ok));
        release.countDown();
        await(q, e -> e instanceof RoutingEvent.ResyncNeeded x && x.reason().contains("ENOBUFS"));
      }
      for (Route x : r.routes(RouteFilter.table(RouteTable.of(95)))) r.deleteRoute(x);
    }
  }

  // ------------------------------------------------------------------------------------------ namespaces

  @Test
  void isolatedNamespacesAreFreshAndPrivate() throws Exception {
    String before = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self/ns/net"))
        .toString();
    try (NetlinkRouting a = NetlinkRouting.openIsolated(); NetlinkRouting b = NetlinkRouting.openIsolated()) {
      assertEquals(List.of("lo"), a.links().stream().map(Link::name).toList());
      a.addLink("br0", "bridge");
      assertEquals(List.of("lo"), b.links().stream().map(Link::name).toList());
      BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
      try (Subscription s = a.subscribe(q::add)) { // a subscription socket lands in the same namespace
        a.setLinkUp("br0", true);
        await(q, e -> e instanceof RoutingEvent.LinkChanged l && l.link().name().equals("br0") && l.link().up());
      }
    }
    assertEquals(before, java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self/ns/net"))
        .toString(), "the caller's namespace changed");
    RoutingException e = assertThrows(RoutingException.NotFound.class, () -> NetlinkRouting.open("nr-nl-missing"));
    assertEquals("ENOENT", e.errno().name());
  }

  @Test
  void callingBackFromInsideADumpIsRefused() throws Exception {
    assertThrows(IllegalStateException.class, () -> r.forEachRoute(RouteFilter.ALL, x -> {
      try {
        r.links();
      } catch (RoutingException ex) {
        fail(ex);
      }
    }));
    assertFalse(r.links().isEmpty(), "the client still works");
  }
}
