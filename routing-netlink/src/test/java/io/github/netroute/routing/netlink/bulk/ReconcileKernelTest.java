package io.github.netroute.routing.netlink.bulk;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reconciler on the real kernel: a desired state of IPv4 and IPv6 routes (single and multipath) and rules is
 * installed, a second run plans nothing (what the kernel reports back matches what was asked), foreign routes and rules
 * in the same tables are never touched, and a watch repairs drift made by another client — also thousands of changes at
 * once through a subscription whose tiny buffer overflows (ResyncNeeded, full resync) — until it is closed.
 */
@Timeout(120)
@RealKernelTest
class ReconcileKernelTest {
  static final RouteProtocol P = RouteProtocol.of(200);
  static final Reconciler REC = Reconciler.of(Ownership.of(P, Set.of(RouteTable.of(100), RouteTable.of(101))));
  String ns;
  NetlinkRouting r;
  NetlinkRouting other;

  @BeforeEach
  void setUp() throws Exception {
    Namespaces.assumeKernel();
    ns = Namespaces.create();
    r = NetlinkRouting.open(ns);
    other = NetlinkRouting.open(ns);
    Namespaces.shape(other);
  }

  @AfterEach
  void tearDown() {
    if (r != null) r.close();
    if (other != null) other.close();
    Namespaces.delete(ns);
  }

  static DesiredState desired(int n) {
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = {10, 100, (byte) (i >> 8), (byte) i};
      routes.add(Route.builder().dst(IpPrefix.of(InetAddresses.fromBytes(b), 32))
          .gateway(InetAddresses.parse("192.168.1." + (1 + i % 3))).table(100 + i % 2).build());
    }
    routes.add(Route.parse("10.200.0.0/16 table 100 nexthop via 192.168.1.1 weight 2 nexthop via 192.168.1.3"));
    routes.add(Route.parse("2001:db8:100::/48 via 2001:db8:1::1 table 100"));
    routes.add(Route.parse("2001:db8:101::/48 via 2001:db8:1::1 table 101 metric 100 pref high"));
    routes.add(Route.parse("2001:db8:102::/48 table 100 nexthop via 2001:db8:1::1 nexthop via 2001:db8:1::3"));
    routes.add(Route.parse("unreachable 10.201.0.0/16 table 101"));
    routes.add(Route.parse("10.202.0.0/16 dev eth0 table 100 src 192.168.1.2"));
    List<Rule> rules = List.of(Rule.parse("from 10.100.0.0/16 table 100 pref 100"),
        Rule.parse("fwmark 0x10 table 101 pref 101"), Rule.parse("from 2001:db8:100::/48 table 100"),
        Rule.parse("from 10.101.0.0/16 table 101"));
    return DesiredState.of(routes, rules);
  }

  List<String> foreign() throws RoutingException {
    List<String> out = new ArrayList<>();
    for (Route x : other.routes()) if (!REC.ownership().owns(x)) out.add(x.toString());
    for (Rule x : other.rules(null)) if (!REC.ownership().owns(x)) out.add(x.toString());
    out.sort(null);
    return out;
  }

  long owned() throws RoutingException {
    return other.routes(RouteFilter.table(RouteTable.of(100))).stream().filter(REC.ownership()::owns).count()
        + other.routes(RouteFilter.table(RouteTable.of(101))).stream().filter(REC.ownership()::owns).count();
  }

  @Test
  void installsThenPlansNothingAndNeverTouchesForeignEntries() throws Exception {
    other.addRoute(Route.parse("10.100.0.5/32 via 192.168.1.9 table 100 proto static metric 5"));  // other key
    other.addRoute(Route.parse("10.99.0.0/16 via 192.168.1.9 table 100"));                          // proto boot
    other.addRoute(Route.parse("2001:db8:100::/48 via 2001:db8:1::9 table 100 metric 7"));           // other metric
    other.addRule(Rule.parse("from 10.100.0.0/16 table 100 pref 99"));                               // no protocol
    other.addRoute(Route.parse("10.201.0.0/16 via 192.168.1.9 table 101 proto static"));             // desired key!
    List<String> foreignBefore = foreign();
    DesiredState want = desired(2000);

    Report first = REC.reconcile(r, want);
    assertTrue(first.ok(), first::toString);
    assertEquals(1, first.plan().conflicts().size(), first.plan()::toString);
    assertTrue(first.plan().conflicts().get(0).contains("10.201.0.0/16"), first.plan().conflicts().get(0));
    assertEquals(want.routes().size() - 1 + want.rules().size(), first.results().size());
    Plan second = REC.plan(r, want);
    assertTrue(second.isEmpty(), second::toString);
    assertEquals(1, second.conflicts().size());
    assertEquals(foreignBefore, foreign());
    assertEquals(want.routes().size() - 1, owned());

    // the caller removes the conflicting route: the desired one can go in now
    other.deleteRoute(Route.parse("10.201.0.0/16 via 192.168.1.9 table 101 proto static"));
    Report third = REC.reconcile(r, want);
    assertEquals(1, third.results().size(), third::toString);
    assertTrue(third.ok());
    assertTrue(REC.plan(r, want).isEmpty());

    // an empty desired state removes exactly the owned entries
    Report gone = REC.reconcile(r, DesiredState.of(List.of(), List.of()));
    assertTrue(gone.ok(), gone::toString);
    assertEquals(0, owned());
    assertEquals(foreignBefore.size() - 1, foreign().size());
    assertTrue(other.rules(null).stream().noneMatch(REC.ownership()::owns));
  }

  @Test
  void aWatchRepairsDriftByAnotherClientAlsoWhenItsEventsOverflow() throws Exception {
    DesiredState want = desired(3000);
    AtomicReference<Report> last = new AtomicReference<>();
    AtomicReference<RoutingException> failed = new AtomicReference<>();
    // the watch's requests go through r; its subscription through a client with a 4 KiB receive buffer
    NetlinkRouting small = NetlinkRouting.open(ns, NetlinkRouting.Options.defaults().withReceiveBufferBytes(4096));
    Routing watched = (Routing) Proxy.newProxyInstance(Routing.class.getClassLoader(), new Class<?>[] {Routing.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(method.getName().equals("subscribe") ? small : r, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Reconciler.Watch watch = REC.watch(watched, () -> want, Duration.ofHours(1), new Reconciler.Listener() {
      @Override
      public void reconciled(Report report) {
        last.set(report);
      }

      @Override
      public void failed(RoutingException e) {
        failed.set(e);
      }
    });
    try {
      eventually(() -> last.get() != null && REC.plan(other, want).isEmpty());
      List<String> foreignBefore = foreign();
      // a few changes by another client: repaired through their events
      other.deleteRoute(Route.parse("2001:db8:100::/48 via 2001:db8:1::1 table 100 proto 200"));
      other.replaceRoute(Route.parse("10.200.0.0/16 via 192.168.1.3 table 100 proto 200"));
      other.deleteRule(Rule.parse("from 10.100.0.0/16 table 100 pref 100 proto 200"));
      other.addRoute(Route.parse("10.77.0.0/16 via 192.168.1.1 table 101 proto 200"));   // stale owned
      other.addRoute(Route.parse("10.78.0.0/16 via 192.168.1.1 table 101 proto static")); // foreign
      eventually(() -> REC.plan(other, want).isEmpty());
      assertTrue(other.routes(RouteFilter.table(RouteTable.of(101))).stream()
          .anyMatch(x -> x.dst().toString().equals("10.78.0.0/16")), "the foreign route was removed");
      // thousands of changes at once: the watch's 4 KiB subscription buffer overflows; the resync repairs all
      List<Change> wipe = new ArrayList<>();
      for (Route x : other.routes(RouteFilter.table(RouteTable.of(100)))) {
        if (REC.ownership().owns(x)) wipe.add(Change.deleteRoute(x));
      }
      assertTrue(wipe.size() > 1000);
      assertTrue(other.apply(wipe).stream().allMatch(ChangeResult::ok));
      eventually(() -> REC.plan(other, want).isEmpty());
      List<String> foreignAfter = foreign();
      foreignAfter.remove("10.78.0.0/16 via 192.168.1.1 dev eth0 table 101 proto static");
      assertEquals(foreignBefore, foreignAfter);
      assertNull(failed.get());
    } finally {
      watch.close();
      small.close();
    }
    // closed: drift stays
    other.deleteRoute(Route.parse("10.202.0.0/16 dev eth0 table 100 proto 200 scope link src 192.168.1.2"));
    Thread.sleep(500);
    assertEquals(1, REC.plan(other, want).changes().size());
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void eventually(Check c) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!c.ok()) {
      assertTrue(System.nanoTime() < end, "timed out");
      Thread.sleep(20);
    }
  }
  static List<String> v4Rules(Routing k) throws RoutingException {
    return k.rules(Family.INET).stream().map(Rule::toString).toList();
  }

  /**
   * Linux deletes a rule by selector, the first in its list that matches, and a mark of 0 matches any mark: the
   * selector of {@code 103: fwmark 0} (mark 0, mask 0xffffffff, as the client and iproute2 send it) removes an earlier
   * {@code 103: fwmark 0x2} — as the in-memory kernel does. The reconciler still converges in one pass.
   */
  @Test
  void aMarkZeroRuleBehindAKeptRuleOfTheSamePriorityIsReconciledInOnePass() throws Exception {
    Rule kept = Rule.parse("pref 103 from 10.2.0.0/16 fwmark 0x2 table 100 proto 200");
    Rule markZero = Rule.builder().priority(103L).from(kept.from()).fwmark(0L).fwmask(0xFFFF_FFFFL)
        .action(RuleAction.lookup(RouteTable.of(100))).protocol(P).build();
    String keptLine = "103:\tfrom 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200";
    String zeroLine = "103:\tfrom 10.2.0.0/16 fwmark 0 lookup 100 proto 200";
    r.addRule(kept);
    r.addRule(markZero);
    assertTrue(v4Rules(r).containsAll(List.of(keptLine, zeroLine)), v4Rules(r)::toString);
    assertTrue(v4Rules(r).indexOf(keptLine) < v4Rules(r).indexOf(zeroLine), v4Rules(r)::toString);
    r.deleteRule(markZero);
    assertTrue(v4Rules(r).contains(zeroLine), v4Rules(r)::toString);
    assertFalse(v4Rules(r).contains(keptLine), v4Rules(r)::toString);

    r.deleteRule(markZero); // the only rule of priority 103 left: its own selector's first match
    assertFalse(v4Rules(r).contains(zeroLine), v4Rules(r)::toString);
    r.addRule(kept); // back in the order of the failing case
    r.addRule(markZero);
    assertTrue(v4Rules(r).indexOf(keptLine) < v4Rules(r).indexOf(zeroLine), v4Rules(r)::toString);

    DesiredState desired = DesiredState.of(List.of(), List.of(Rule.parse("from 10.2.0.0/16 fwmark 0x2 table 100")));
    Report first = REC.reconcile(r, desired);
    assertTrue(first.ok(), first::toString);
    Plan second = REC.plan(r, desired);
    assertTrue(second.isEmpty(), () -> "second plan:\n" + second + "first:\n" + first.plan());
    List<String> owned = r.rules(Family.INET).stream().filter(x -> P.equals(x.protocol())).map(Rule::toString).toList();
    assertEquals(1, owned.size(), owned::toString);
    assertTrue(owned.get(0).endsWith("from 10.2.0.0/16 fwmark 0x2 lookup 100 proto 200"), owned::toString);
  }
}
