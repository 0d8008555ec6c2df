package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.internal.InetAddresses;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link NetlinkRouting}'s nexthop objects against the running kernel in a throwaway namespace {@code nr-nl-<random>}
 * (lo up; bridges br0, br1 up with 10.1.0.1/24, 2001:db8:1::1/64 and 10.2.0.1/24): add (given and kernel-picked
 * ids), get, dumps with the kernel's filters (each compared with what {@code ip nexthop show} prints for the same
 * filter), replace, delete with its effect on groups and routes, routes with {@code nhid} and lookups through them,
 * and the typed errors with errno and extended ack. Each test uses its own ids and routes.
 */
@RealKernelTest
class NexthopKernelTest extends NamespaceFixture {
  @BeforeAll
  static void setUp() throws Exception {
    r.setLinkUp("lo", true);
    r.addLink("br0", "bridge");
    r.setLinkUp("br0", true);
    r.addAddress(Address.parse("10.1.0.1/24 dev br0"));
    r.addAddress(Address.parse("2001:db8:1::1/64 dev br0 nodad"));
    r.addLink("br1", "bridge");
    r.setLinkUp("br1", true);
    r.addAddress(Address.parse("10.2.0.1/24 dev br1"));
  }

  private static <T extends RoutingException> T fails(Class<T> type, String errno, String extack, Executable e) {
    T x = assertThrows(type, e);
    assertEquals(errno, x.errno().name(), x.getMessage());
    // some of the kernel's texts end with a period, most do not: compared without it
    String got = x.extack() == null ? null : x.extack().replaceAll("\\.$", "");
    assertEquals(extack, got, x.getMessage());
    return x;
  }

  /** What {@code ip -n NS nexthop show ARGS} prints, one normalised line per nexthop. */
  private static List<String> ipShow(String... args) throws Exception {
    String[] a = new String[args.length + 2];
    a[0] = "nexthop";
    a[1] = "show";
    System.arraycopy(args, 0, a, 2, args.length);
    return Kernel.entries(Kernel.ip(ns, a));
  }

  private static List<String> ours(NexthopFilter f) throws RoutingException {
    return Kernel.norm(r.nexthops(f));
  }

  @Test
  void addGetAndDumpAsIproute2Shows() throws Exception {
    r.addNexthop(Nexthop.parse("id 101 via 10.1.0.2 dev br0"));
    r.addNexthop(Nexthop.parse("id 102 via 10.2.0.3 dev br1 onlink proto static"));
    r.addNexthop(Nexthop.parse("id 103 dev br1"));
    r.addNexthop(Nexthop.parse("id 104 via 2001:db8:1::4 dev br0"));
    r.addNexthop(Nexthop.parse("id 105 blackhole"));
    r.addNexthop(Nexthop.parse("id 106 via 10.1.0.9 fdb"));
    r.addNexthop(Nexthop.parse("id 110 group 101/102,5"));
    r.addNexthop(Nexthop.parse("id 111 group 101/103 type resilient buckets 8 idle_timer 10"));
    try {
      assertEquals("id 101 via 10.1.0.2 dev br0 scope link", r.nexthop(101).orElseThrow().toString());
      assertEquals(ipShow("id", "111"), Kernel.norm(List.of(r.nexthop(111).orElseThrow())));
      assertTrue(r.nexthop(199).isEmpty());
      assertEquals(ipShow(), ours(NexthopFilter.ALL));
      assertEquals(ipShow("dev", "br1"), ours(NexthopFilter.ALL.withDevice("br1")));
      assertEquals(List.of("id 102 via 10.2.0.3 dev br1 scope link proto static onlink", "id 103 dev br1 scope host"),
          ours(NexthopFilter.ALL.withDevice("br1")));
      assertEquals(ipShow("groups"), ours(NexthopFilter.ALL.withGroups()));
      assertEquals(2, r.nexthops(NexthopFilter.ALL.withGroups()).size());
      assertEquals(Kernel.entries(Kernel.ip(ns, "-6", "nexthop", "show")),
          ours(NexthopFilter.ALL.withFamily(Family.INET6)));
      // the fdb flag is sent, and the kernel (6.18) does not apply it: every nexthop comes back
      assertEquals(ipShow("fdb"), ours(NexthopFilter.ALL.withFdb()));
      assertEquals(List.of("id 102 via 10.2.0.3 dev br1 scope link proto static onlink"),
          ours(NexthopFilter.ALL.withProtocol(RouteProtocol.STATIC)));
    } finally {
      for (long id : new long[] {110, 111, 101, 102, 103, 104, 105, 106}) r.deleteNexthop(id);
    }
  }

  @Test
  void theKernelPicksAnIdWhenNoneIsGiven() throws Exception {
    r.addNexthop(Nexthop.parse("via 10.1.0.77 dev br0"));
    Nexthop n = r.nexthops(NexthopFilter.ALL).stream()
        .filter(x -> InetAddresses.parse("10.1.0.77").equals(x.gateway())).findFirst().orElseThrow();
    assertTrue(n.id() > 0);
    assertEquals(ipShow("id", Long.toString(n.id())), Kernel.norm(List.of(n)));
    r.deleteNexthop(n.id());
    assertTrue(r.nexthop(n.id()).isEmpty());
  }

  @Test
  void routesOnNexthopsFollowReplaceAndGoWithDelete() throws Exception {
    r.addNexthop(Nexthop.parse("id 201 via 10.1.0.21 dev br0"));
    r.addNexthop(Nexthop.parse("id 202 via 10.2.0.22 dev br1"));
    r.addNexthop(Nexthop.parse("id 210 group 201/202"));
    r.addNexthop(Nexthop.parse("id 211 group 202"));
    r.addRoute(Route.parse("10.201.0.0/16 nhid 201"));
    r.addRoute(Route.parse("10.210.0.0/16 nhid 210"));
    r.addRoute(Route.parse("10.211.0.0/16 nhid 211"));
    RouteFilter main = RouteFilter.builder().family(Family.INET).table(RouteTable.MAIN).build();
    assertEquals(Kernel.entries(Kernel.ip(ns, "route", "show")), Kernel.norm(r.routes(main)));
    LookupResult l = r.lookup(RouteLookup.to(InetAddresses.parse("10.211.1.1")));
    assertEquals("10.211.1.1 via 10.2.0.22 dev br1 src 10.2.0.1 uid 0", l.toString());

    // replace moves every route on the nexthop at once
    r.replaceNexthop(Nexthop.parse("id 202 via 10.2.0.99 dev br1"));
    assertEquals("10.211.1.1 via 10.2.0.99 dev br1 src 10.2.0.1 uid 0",
        r.lookup(RouteLookup.to(InetAddresses.parse("10.211.1.1"))).toString());
    assertEquals(Kernel.entries(Kernel.ip(ns, "route", "show")), Kernel.norm(r.routes(main)));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Can not replace a nexthop with a nexthop group",
        () -> r.replaceNexthop(Nexthop.parse("id 201 group 202")));
    fails(RoutingException.InvalidArgument.class, "EINVAL", "Can not replace a nexthop group with a nexthop",
        () -> r.replaceNexthop(Nexthop.parse("id 210 via 10.1.0.5 dev br0")));

    // deleting 202: 211 loses its last member and goes with its route; 210 shrinks
    r.deleteNexthop(202);
    assertTrue(r.nexthop(211).isEmpty());
    assertEquals("id 210 group 201", r.nexthop(210).orElseThrow().toString());
    assertEquals(Kernel.entries(Kernel.ip(ns, "route", "show")), Kernel.norm(r.routes(main)));
    assertTrue(r.routes(main).stream().noneMatch(x -> x.nhid() == 211));
    // a route delete matches on the id
    fails(RoutingException.NotFound.class, "ESRCH", null, () -> r.deleteRoute(Route.parse("10.201.0.0/16 nhid 210")));
    r.deleteRoute(Route.parse("10.201.0.0/16 nhid 201"));
    r.deleteNexthop(201);
    assertTrue(r.nexthop(210).isEmpty());
    assertTrue(r.routes(main).stream().noneMatch(x -> x.nhid() != 0));
  }

  @Test
  void typedErrorsWithTheKernelsText() throws Exception {
    r.addNexthop(Nexthop.parse("id 301 via 10.1.0.31 dev br0"));
    r.addNexthop(Nexthop.parse("id 302 via 10.1.0.32 fdb"));
    try {
      fails(RoutingException.Exists.class, "EEXIST", null, () -> r.addNexthop(Nexthop.parse("id 301 dev br0")));
      fails(RoutingException.Unreachable.class, "ENETUNREACH", "Nexthop has invalid gateway",
          () -> r.addNexthop(Nexthop.parse("id 303 via 10.9.0.1 dev br0")));
      fails(RoutingException.InvalidArgument.class, "EINVAL",
          "Device attribute required for non-blackhole and non-fdb nexthops",
          () -> r.addNexthop(Nexthop.parse("id 303 via 10.1.0.33")));
      fails(RoutingException.InvalidArgument.class, "EINVAL",
          "Blackhole attribute can not be used with gateway, oif, encap or fdb",
          () -> r.addNexthop(Nexthop.parse("id 303 blackhole dev br0")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid nexthop id",
          () -> r.addNexthop(Nexthop.parse("id 303 group 301/399")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "Nexthop id can not be used twice in a group",
          () -> r.addNexthop(Nexthop.parse("id 303 group 301/301")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "Non FDB nexthop group cannot have fdb nexthops",
          () -> r.addNexthop(Nexthop.parse("id 303 group 301/302")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "Invalid family for group",
          () -> r.addNexthop(Nexthop.parse("id 303 group 301", Family.INET6)));
      fails(RoutingException.InvalidArgument.class, "EINVAL",
          "Number of buckets not specified for nexthop group insertion",
          () -> r.addNexthop(Nexthop.parse("id 303 group 301 type resilient")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "Nexthop id does not exist",
          () -> r.addRoute(Route.parse("10.30.0.0/16 nhid 399")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "Route cannot point to a fdb nexthop",
          () -> r.addRoute(Route.parse("10.30.0.0/16 nhid 302")));
      fails(RoutingException.InvalidArgument.class, "EINVAL",
          "Nexthop specification and nexthop id are mutually exclusive",
          () -> r.addRoute(Route.parse("10.30.0.0/16 nhid 301 via 10.1.0.31")));
      fails(RoutingException.InvalidArgument.class, "EINVAL", "IPv6 routes can not use an IPv4 nexthop",
          () -> r.addRoute(Route.parse("2001:db8:30::/64 nhid 301")));
      fails(RoutingException.NotFound.class, "ENOENT", null, () -> r.deleteNexthop(399));
      assertTrue(r.nexthop(303).isEmpty());
    } finally {
      r.deleteNexthop(301);
      r.deleteNexthop(302);
    }
  }
}
