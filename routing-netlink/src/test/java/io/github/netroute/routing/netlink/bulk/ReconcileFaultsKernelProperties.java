package io.github.netroute.routing.netlink.bulk;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import io.github.netroute.routing.testsupport.RealKernel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The reconciler under faults on a real namespace: a random desired state (IPv4 and IPv6, single and multipath
 * routes in tables 100 and 101), a random start (foreign routes in the owned tables, owned routes from an earlier
 * desired state), then, between planning and applying, another client injects a conflicting foreign route at one
 * change of the plan picked at random:
 * <ul>
 *   <li>before an <b>add</b>: a foreign route with the same key (other gateway, {@code proto static}) takes the key,
 *       so the add fails: the report has exactly that change failed (EEXIST), every other change went through;
 *   <li>before a <b>delete</b> or <b>replace</b> of an IPv4 route: a foreign route appended under the same key (an
 *       IPv4 key can hold several routes): the reconciler's change reaches the owned route only.
 * </ul>
 * In every case no foreign route changes (the injected one included); the next run plans no change and reports the
 * key held by the foreign route as a conflict; and once the foreign route is removed, a run converges to exactly the
 * desired owned routes. Routes only: the in-memory property ({@code ReconcileConvergenceProperties}) covers rules and
 * every errno.
 */
@net.jqwik.api.Tag(RealKernel.TAG)
class ReconcileFaultsKernelProperties {
  static final RouteProtocol P = RouteProtocol.of(200);
  static final Reconciler REC = Reconciler.of(Ownership.of(P, Set.of(RouteTable.of(100), RouteTable.of(101))));
  static final RouteProtocol FOREIGN = RouteProtocol.of(4); // static
  private static String ns;
  private static NetlinkRouting mine;
  private static NetlinkRouting other;
  private static int injected;

  @BeforeContainer
  static void setUp() throws Exception {
    if (RealKernel.skipReason() != null) return; // each try skips itself, saying why
    ns = Namespaces.create();
    mine = NetlinkRouting.open(ns);
    other = NetlinkRouting.open(ns);
    Namespaces.shape(other);
  }

  @AfterContainer
  static void tearDown() {
    if (mine != null) mine.close();
    if (other != null) other.close();
    Namespaces.delete(ns);
    if (ns != null) System.out.printf("reconcile faults: %d conflicting foreign routes injected on a real namespace%n",
        injected);
  }

  @Property(tries = 60)
  void aForeignRouteInjectedAtAnyChangeIsNeverTouchedAndTheNextRunsConverge(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 10_000) int pick) throws Exception {
    RealKernel.assumeAvailable();
    Random rnd = new Random(seed);
    clear();
    // the start: some foreign routes in the owned tables, maybe an earlier desired state installed and drifted
    for (int i = rnd.nextInt(4); i > 0; i--) tryAdd(route(rnd, FOREIGN));
    if (rnd.nextBoolean()) assertTrue(REC.reconcile(mine, desired(rnd)).ok());
    DesiredState want = desired(rnd);
    Plan plan = REC.plan(mine, want);
    List<Integer> injectable = new ArrayList<>();
    for (int i = 0; i < plan.changes().size(); i++) if (conflicting(plan.changes().get(i)) != null) injectable.add(i);
    Statistics.label("plan").collect(plan.changes().isEmpty() ? "empty" : plan.changes().size() < 8 ? "1-7" : "8+");
    if (injectable.isEmpty()) {
      Statistics.label("injected").collect("none possible");
      Report r = REC.reconcile(mine, want);
      assertTrue(r.ok(), r::toString);
      assertTrue(REC.plan(mine, want).isEmpty());
      return;
    }
    // a kind of change first (add, replace, delete: adds are the most frequent), then one change of that kind
    Map<String, List<Integer>> byKind = new java.util.TreeMap<>();
    for (int i : injectable) byKind.computeIfAbsent(kind(plan.changes().get(i)), k -> new ArrayList<>()).add(i);
    List<List<Integer>> kinds = new ArrayList<>(byKind.values());
    List<Integer> ofKind = kinds.get(pick % kinds.size());
    int at = ofKind.get((pick / kinds.size()) % ofKind.size());
    Change target = plan.changes().get(at);
    Route foreign = conflicting(target);
    RouteVerb verb = target instanceof Change.RouteChange rc && rc.verb() == RouteVerb.ADD ? RouteVerb.ADD
        : RouteVerb.APPEND;
    Statistics.label("injected before").collect(kind(target));
    List<String> foreignBefore = foreignRoutes();

    Report first = REC.apply(injecting(mine, () -> {
      other.modifyRoute(verb, foreign);
      injected++;
    }), plan);

    List<String> foreignAfter = foreignRoutes();
    List<String> expected = new ArrayList<>(foreignBefore);
    expected.addAll(foreignOf(foreign));
    expected.sort(null);
    assertEquals(expected, foreignAfter, "a foreign route was touched");
    if (verb == RouteVerb.ADD) {
      List<ChangeResult> failures = first.failures();
      assertEquals(1, failures.size(), first::toString);
      assertSame(first.results().get(at), failures.get(0), "the failure is reported at its change");
      assertEquals("EEXIST", failures.get(0).error().errno().name());
    } else {
      assertTrue(first.ok(), first::toString);
    }

    Report second = REC.reconcile(mine, want);
    assertTrue(second.ok(), second::toString);
    assertEquals(expected, foreignRoutes(), "the second run touched a foreign route");
    Plan settled = REC.plan(mine, want);
    assertTrue(settled.isEmpty(), settled::toString);
    if (verb == RouteVerb.ADD) {
      assertTrue(settled.conflicts().stream().anyMatch(c -> heldBy(c, foreign)),
          () -> "the held key is not reported: " + settled.conflicts());
    }

    other.deleteRoute(foreign);
    Report third = REC.reconcile(mine, want);
    assertTrue(third.ok(), third::toString);
    Plan last = REC.plan(mine, want);
    assertTrue(last.isEmpty() && last.conflicts().stream().noneMatch(c -> heldBy(c, foreign)),
        last::toString);
  }

  private static String kind(Change c) {
    return c instanceof Change.RouteChange rc ? rc.verb().toString() : "delete";
  }

  /** Whether a conflict names the injected route as the holder of a key. */
  private static boolean heldBy(String conflict, Route foreign) {
    String held = conflict.substring(conflict.indexOf("held by"));
    return held.contains(foreign.dst() + " via " + gatewayText(foreign.family()) + " ");
  }

  /** The foreign route that conflicts with {@code c}, or null when none can be injected before it. */
  private static Route conflicting(Change c) {
    Route r;
    if (c instanceof Change.RouteChange rc) {
      r = rc.route();
      if (rc.verb() != RouteVerb.ADD && r.family() != Family.INET) return null;
    } else if (c instanceof Change.RouteDelete d) {
      r = d.route();
      if (r.family() != Family.INET) return null;
    } else {
      return null;
    }
    return Route.builder().family(r.family()).dst(r.dst()).table(r.table()).tos(r.tos()).priority(r.priority())
        .protocol(FOREIGN).gateway(InetAddresses.parse(gatewayText(r.family()))).build();
  }

  /** The injected routes' gateway. */
  private static String gatewayText(Family f) {
    return f == Family.INET ? "192.168.1.77" : "2001:db8:1::77";
  }

  /** The injected route as a dump shows it (its device filled in). */
  private static List<String> foreignOf(Route f) throws RoutingException {
    return other.routes(RouteFilter.table(f.table()).withFamily(f.family())).stream()
        .filter(x -> x.protocol().equals(FOREIGN) && x.dst().equals(f.dst()) && f.gateway().equals(x.gateway()))
        .map(Route::toString).toList();
  }

  /** {@code routing} whose {@code apply} runs {@code injection} first. */
  private static Routing injecting(Routing routing, Injection injection) {
    return (Routing) Proxy.newProxyInstance(Routing.class.getClassLoader(), new Class<?>[] {Routing.class},
        (proxy, method, args) -> {
          if (method.getName().equals("apply")) injection.run();
          try {
            return method.invoke(routing, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  interface Injection {
    void run() throws Exception;
  }

  private static DesiredState desired(Random rnd) {
    Map<String, Route> routes = new LinkedHashMap<>();
    for (int i = 3 + rnd.nextInt(15); i > 0; i--) {
      Route r = route(rnd, P);
      routes.putIfAbsent(r.table() + " " + r.dst() + " " + r.priority(), r);
    }
    return DesiredState.of(new ArrayList<>(routes.values()), List.of());
  }

  private static Route route(Random rnd, RouteProtocol proto) {
    boolean v6 = rnd.nextInt(3) == 0;
    Route.Builder b = Route.builder().table(100 + rnd.nextInt(2)).protocol(proto);
    if (v6) {
      b.dst(IpPrefix.parse("2001:db8:" + (100 + rnd.nextInt(12)) + "::/48")).priority(rnd.nextBoolean() ? 1024 : 7);
      b.gateway(InetAddresses.parse("2001:db8:1::" + (3 + rnd.nextInt(3))));
    } else {
      b.dst(IpPrefix.parse("10." + (100 + rnd.nextInt(12)) + ".0.0/16")).priority(rnd.nextInt(3) == 0 ? 7 : 0);
      if (rnd.nextInt(4) == 0) {
        b.nextHops(List.of(NextHop.via(InetAddresses.parse("192.168.1." + (3 + rnd.nextInt(2)))),
            NextHop.via(InetAddresses.parse("192.168.1." + (5 + rnd.nextInt(2))))));
      } else {
        b.gateway(InetAddresses.parse("192.168.1." + (3 + rnd.nextInt(4))));
      }
    }
    return b.build();
  }

  private static void tryAdd(Route r) {
    try {
      other.addRoute(r);
    } catch (RoutingException e) {
      // the key is taken: that foreign route does not exist then
    }
  }

  private static List<String> foreignRoutes() throws RoutingException {
    List<String> out = new ArrayList<>();
    for (long t : new long[] {100, 101}) {
      for (Route r : other.routes(RouteFilter.table(RouteTable.of(t)))) if (!REC.ownership().owns(r)) out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  private static void clear() throws RoutingException {
    for (long t : new long[] {100, 101}) {
      for (Route r : other.routes(RouteFilter.table(RouteTable.of(t)))) {
        try {
          other.deleteRoute(r);
        } catch (RoutingException e) {
          // an IPv6 route gone with its sibling
        }
      }
    }
  }
}
