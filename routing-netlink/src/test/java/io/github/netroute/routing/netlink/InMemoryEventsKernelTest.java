package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.KnownDifference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The events of {@link InMemoryKernel#subscribe} against those of {@link NetlinkRouting#subscribe} for one scripted
 * sequence (a bridge added and set up; IPv4 primary and secondary and IPv6 addresses; routes added, replaced and
 * deleted in main and table 100; a rule added and deleted; the bridge set down and up; the primary deleted; the
 * bridge deleted), run on the same base state in a throwaway namespace and in memory. The two must report the same
 * <em>set</em> of events, each reduced to what both model: routes as {@code ip route} prints them with their table
 * and ifindex, addresses with device, scope and the caller's flags ({@link KnownDifference#ADDRESS_DETAILS}), links
 * as index, name and up ({@link KnownDifference#LINK_DETAILS}: Linux sends several RTM_NEWLINK per change, so sets
 * and not sequences are compared), rules as {@code ip rule} prints them.
 */
@RealKernelTest
class InMemoryEventsKernelTest {

  static void base(Routing r) throws Exception {
    r.setLinkUp("lo", true);
    r.addLink("br0", "bridge");
    r.setLinkUp("br0", true);
    r.addAddress(Address.parse("10.1.0.1/24 dev br0"));
    r.addAddress(Address.parse("2001:db8:1::1/64 dev br0 nodad"));
  }

  static void script(Routing r) throws Exception {
    r.addLink("br5", "bridge");
    r.setLinkUp("br5", true);
    r.addAddress(Address.parse("10.50.0.1/24 dev br5"));
    r.addAddress(Address.parse("10.50.0.2/24 dev br5"));
    r.addAddress(Address.parse("2001:db8:50::1/64 dev br5 nodad"));
    awaitLocal6(r, "2001:db8:50::1/128");
    r.addRoute(Route.parse("10.51.0.0/16 via 10.50.0.254"));
    r.addRoute(Route.parse("10.52.0.0/16 via 10.50.0.254 table 100"));
    r.addRoute(Route.parse("2001:db8:51::/48 via 2001:db8:50::fe"));
    r.addRoute(Route.parse("2001:db8:52::/48 dev br5 table 100"));
    r.replaceRoute(Route.parse("10.51.0.0/16 via 10.50.0.253"));
    r.modifyRoute(io.github.netroute.routing.RouteVerb.APPEND, Route.parse("10.51.0.0/16 via 10.50.0.252"));
    r.modifyRoute(io.github.netroute.routing.RouteVerb.PREPEND, Route.parse("10.51.0.0/16 via 10.50.0.251"));
    r.modifyRoute(io.github.netroute.routing.RouteVerb.APPEND, Route.parse("2001:db8:51::/48 via 2001:db8:50::fd"));
    r.replaceRoute(Route.parse("2001:db8:52::/48 dev br5 table 100 metric 1024"));
    r.deleteRoute(Route.parseSelector("10.52.0.0/16 table 100"));
    r.addRule(Rule.parse("from 10.50.0.0/24 table 100 pref 100"));
    r.deleteRule(Rule.parseSelector("pref 100", io.github.netroute.routing.Family.INET));
    r.setLinkUp("br5", false);
    r.setLinkUp("br5", true);
    r.addAddress(Address.parse("2001:db8:53::1/64 dev br5 nodad"));
    awaitLocal6(r, "2001:db8:53::1/128");
    r.deleteAddress(Address.parse("10.50.0.1/24 dev br5"));
    r.deleteLink("br5");
  }

  static void awaitLocal6(Routing r, String dst) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (r.routes().stream().anyMatch(x -> x.dst().toString().equals(dst))) return;
      Thread.sleep(10);
    }
  }

  private static final Set<AddressFlag> CALLER_FLAGS = EnumSet.of(AddressFlag.SECONDARY, AddressFlag.NODAD,
      AddressFlag.NOPREFIXROUTE, AddressFlag.PERMANENT);

  static String text(RoutingEvent e) {
    // NEWROUTE notifications carry the kernel's nlmsg_flags (NLM_F_EXCL|CREATE, REPLACE, APPEND): compared too
    if (e instanceof RoutingEvent.RouteAdded a) return "route+ " + String.format("[0x%x] ", a.flags()) + route(a.route());
    if (e instanceof RoutingEvent.RouteRemoved a) return "route- " + route(a.route());
    if (e instanceof RoutingEvent.AddressAdded a) return "addr+  " + address(a.address());
    if (e instanceof RoutingEvent.AddressRemoved a) return "addr-  " + address(a.address());
    if (e instanceof RoutingEvent.LinkChanged l) return "link~  " + l.link().index() + " " + l.link().name()
        + (l.link().up() ? " UP" : " DOWN");
    if (e instanceof RoutingEvent.LinkRemoved l) return "link-  " + l.link().index() + " " + l.link().name();
    if (e instanceof RoutingEvent.RuleAdded r) return "rule+  " + r.rule().toString().replace('\t', ' ');
    if (e instanceof RoutingEvent.RuleRemoved r) return "rule-  " + r.rule().toString().replace('\t', ' ');
    return e.toString();
  }

  static String route(Route r) {
    return r.toString().replace("\n", " ").replace('\t', ' ').replaceAll(" +", " ") + " [" + r.family() + " table "
        + r.table() + " ifindex " + r.deviceIndex() + "]";
  }

  static String address(Address a) {
    EnumSet<AddressFlag> fl = EnumSet.noneOf(AddressFlag.class);
    fl.addAll(a.flags());
    fl.retainAll(CALLER_FLAGS);
    return a.local() + " dev " + a.device() + "#" + a.deviceIndex() + " scope " + a.scope() + " " + fl;
  }

  /** Collects events until none came for {@code quietMillis}. */
  static List<RoutingEvent> drain(BlockingQueue<RoutingEvent> q, long quietMillis) throws InterruptedException {
    List<RoutingEvent> out = new ArrayList<>();
    while (true) {
      RoutingEvent e = q.poll(quietMillis, TimeUnit.MILLISECONDS);
      if (e == null) return out;
      out.add(e);
    }
  }

  /** A sequence of calls, run on the real client and on the in-memory kernel alike. */
  interface Script {
    void run(Routing r) throws Exception;
  }

  /** The events Linux and the in-memory kernel reported for one script, in the order each delivered them. */
  record Events(List<RoutingEvent> linux, List<RoutingEvent> memory) {}

  /**
   * Builds {@code base} in a throwaway namespace and in memory (addr_gen_mode none in both), waits for the IPv6 local
   * route {@code local6} and {@code quietMillis} more, then subscribes to both, runs {@code script} on both and
   * collects their events (Linux's without a resync).
   */
  static Events eventsOf(Script base, String local6, long quietMillis, Script script) throws Exception {
    Kernel.assumeKernel();
    String ns = Kernel.newNamespace();
    try (NetlinkRouting real = NetlinkRouting.open(ns)) {
      InMemoryKernel mem = InMemoryKernel.freshNamespace();
      mem.setAddrGenMode(AddrGenMode.NONE);
      base.run(real);
      base.run(mem);
      awaitLocal6(real, local6);
      Thread.sleep(quietMillis);
      BlockingQueue<RoutingEvent> qr = new LinkedBlockingQueue<>();
      BlockingQueue<RoutingEvent> qm = new LinkedBlockingQueue<>();
      List<RoutingEvent> realEvents;
      List<RoutingEvent> memEvents;
      try (Subscription sr = real.subscribe(qr::add); Subscription sm = mem.subscribe(qm::add)) {
        script.run(real);
        script.run(mem);
        realEvents = drain(qr, 1000);
        memEvents = drain(qm, 300);
      }
      assertTrue(realEvents.stream().noneMatch(e -> e instanceof RoutingEvent.ResyncNeeded), realEvents::toString);
      return new Events(realEvents, memEvents);
    } finally {
      Kernel.deleteNamespace(ns);
    }
  }

  @Test
  void theInMemoryKernelReportsTheSameSetOfEventsAsLinux() throws Exception {
    Events events = eventsOf(InMemoryEventsKernelTest::base, "2001:db8:1::1/128", 200, InMemoryEventsKernelTest::script);
    List<RoutingEvent> realEvents = events.linux();
    List<RoutingEvent> memEvents = events.memory();
    TreeSet<String> r = new TreeSet<>();
    realEvents.forEach(e -> r.add(text(e)));
    TreeSet<String> m = new TreeSet<>();
    memEvents.forEach(e -> m.add(text(e)));
    StringBuilder diff = new StringBuilder();
    for (String x : r) if (!m.contains(x)) diff.append("  only Linux:     ").append(x).append('\n');
    for (String x : m) if (!r.contains(x)) diff.append("  only in-memory: ").append(x).append('\n');
    assertEquals("", diff.toString(), () -> "event sets differ (Linux sent " + realEvents.size()
        + " events, in-memory " + memEvents.size() + "):\n" + diff + "all Linux events:\n  "
        + String.join("\n  ", realEvents.stream().map(InMemoryEventsKernelTest::text).toList()));
  }
}
