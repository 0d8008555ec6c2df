package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nexthop notifications in order and with their nlmsg_flags: one scripted sequence of nexthop changes (adds with and
 * without an id, groups of both kinds, routes of both families on them, replaces of a nexthop and of groups,
 * deletes that shrink and remove groups, a link going down under nexthops and a link deleted) through
 * {@link NetlinkRouting} in a throwaway namespace and through {@link InMemoryKernel}; the nexthop and route events
 * (links and addresses are compared elsewhere) must be the same sequence: RTM_NEWNEXTHOP/RTM_DELNEXTHOP with the
 * request's flags (nexthop_notify), none for the nexthops a device takes with it (nexthop_flush_dev), RTM_NEWROUTE
 * with NLM_F_REPLACE for the routes on a replaced nexthop and on the groups holding it (nexthop_replace_notify, in
 * grp_list order), RTM_DELROUTE for IPv6 routes removed with their nexthop and none for IPv4 ones.
 */
@RealKernelTest
class NexthopEventsKernelTest {

  static void base(Routing r) throws Exception {
    r.setLinkUp("lo", true);
    for (String d : List.of("br0", "br1")) {
      r.addLink(d, "bridge");
      r.setLinkUp(d, true);
    }
    r.addAddress(Address.parse("10.1.0.1/24 dev br0"));
    r.addAddress(Address.parse("10.2.0.1/24 dev br1"));
    r.addAddress(Address.parse("2001:db8:1::1/64 dev br0 nodad"));
    r.addAddress(Address.parse("2001:db8:2::1/64 dev br1 nodad"));
  }

  static void script(Routing r) throws Exception {
    r.addNexthop(Nexthop.parse("id 1 via 10.1.0.254 dev br0"));
    r.addNexthop(Nexthop.parse("id 2 via 10.2.0.254 dev br1"));
    r.addNexthop(Nexthop.parse("id 3 via 2001:db8:1::fe dev br0"));
    r.addNexthop(Nexthop.parse("id 4 via 2001:db8:2::fe dev br1"));
    r.addNexthop(Nexthop.parse("via 2001:db8:2::fd dev br1"));       // id 5, picked by the kernel
    r.addNexthop(Nexthop.parse("id 6 blackhole"));
    r.addNexthop(Nexthop.parse("id 10 group 1/2,3"));
    r.addNexthop(Nexthop.parse("id 11 group 3/4/5"));
    r.addNexthop(Nexthop.parse("id 12 group 4,2/3 type resilient buckets 16"));
    r.addNexthop(Nexthop.parse("id 13 group 2/1"));
    r.addRoute(Route.parse("10.10.0.0/16 nhid 10"));
    r.addRoute(Route.parse("10.11.0.0/16 nhid 1"));
    r.addRoute(Route.parse("10.9.0.0/16 nhid 1"));
    r.addRoute(Route.parse("10.12.0.0/16 nhid 13 table 100"));
    r.addRoute(Route.parse("10.13.0.0/16 nhid 3"));
    r.addRoute(Route.parse("2001:db8:11::/64 nhid 11"));
    r.addRoute(Route.parse("2001:db8:12::/64 nhid 12"));
    r.addRoute(Route.parse("2001:db8:13::/64 nhid 4"));
    r.addRoute(Route.parse("2001:db8:14::/64 nhid 4 table 100"));
    r.addRoute(Route.parse("2001:db8:15::/64 nhid 5"));
    r.replaceNexthop(Nexthop.parse("id 1 via 10.1.0.253 dev br0"));
    r.replaceNexthop(Nexthop.parse("id 4 via 2001:db8:2::fc dev br1"));
    r.replaceNexthop(Nexthop.parse("id 11 group 5/4"));
    r.replaceNexthop(Nexthop.parse("id 7 via 10.2.0.7 dev br1"));     // replace that creates
    r.deleteNexthop(1);
    r.deleteNexthop(3);
    r.setLinkUp("br1", false);
    r.deleteLink("br0");
  }

  static String text(RoutingEvent e) {
    String flags = String.format("[0x%x] ", e.flags());
    if (e instanceof RoutingEvent.NexthopAdded a) return "nh+ " + flags + a.nexthop();
    if (e instanceof RoutingEvent.NexthopRemoved a) return "nh- " + flags + a.nexthop();
    if (e instanceof RoutingEvent.RouteAdded a) return "route+ " + flags + InMemoryEventsKernelTest.route(a.route());
    if (e instanceof RoutingEvent.RouteRemoved a) return "route- " + flags + InMemoryEventsKernelTest.route(a.route());
    return null;
  }

  @Test
  void nexthopAndRouteNotificationsComeInLinuxsOrderWithItsFlags() throws Exception {
    InMemoryEventsKernelTest.Events events = InMemoryEventsKernelTest.eventsOf(NexthopEventsKernelTest::base,
        "2001:db8:2::1/128", 300, NexthopEventsKernelTest::script);
    List<String> r = events.linux().stream().map(NexthopEventsKernelTest::text)
        .filter(java.util.Objects::nonNull).filter(t -> !t.contains(" fe80::") && !t.contains("ff00::/8")).toList();
    List<String> m = events.memory().stream().map(NexthopEventsKernelTest::text)
        .filter(java.util.Objects::nonNull).filter(t -> !t.contains(" fe80::") && !t.contains("ff00::/8")).toList();
    assertTrue(r.stream().filter(t -> t.startsWith("nh")).count() >= 15, () -> String.join("\n", r));
    assertEquals(String.join("\n", r), String.join("\n", m));
  }
}
