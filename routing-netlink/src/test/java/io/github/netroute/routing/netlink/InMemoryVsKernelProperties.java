package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernel;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.KnownDifference;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * The stateful differential property: random chains of 30 operations (bridges added, set up and down, deleted;
 * IPv4/IPv6 addresses added and deleted; routes added, replaced, changed, prepended, appended, tested and deleted in
 * tables main, local, 100 and 1000 of both families, also by deleting a listed route; rules added and deleted, also a
 * listed one; lookups of random flows) run on an {@link InMemoryKernel} and on the running kernel in a throwaway
 * namespace {@code nr-nl-<random>} (one per chain, IPv6 link-local generation off in both). Both start from the same
 * base: {@code lo} up, {@code br0}/{@code br1} up with {@code 10.1.0.1/24, 2001:db8:1::1/64} and
 * {@code 10.2.0.1/24, 2001:db8:2::1/64}, {@code br2} down with {@code 10.3.0.1/24}.
 *
 * <p>After every step: the same outcome (success, or the same exception class and errno, and the same extended-ack
 * text when both give one); the same routes, compared as lists in dump order (every table of both families, as
 * {@link Routing#routes()} returns them: the in-memory kernel reproduces the kernel's table and trie order); the
 * same rules (both families, in order); the same links (index, name, kind, up: {@link KnownDifference#LINK_DETAILS});
 * the same addresses (without lifetimes and DAD flags: {@link KnownDifference#ADDRESS_DETAILS}); and for a lookup
 * step the same result type, table, device, gateway and source, or the same errno. IPv6 address routes appear
 * asynchronously in the real kernel ({@link KnownDifference#IPV6_ADDRESS_ROUTES_ASYNC}): the real side is re-read
 * for up to a second until it matches.
 *
 * <p>Exclusions, each a named predicate over the state and standing for a {@link KnownDifference}:
 * {@link #MULTIPATH_CHOICE} (a lookup answered by a multipath route, or by one of several default gateways at one
 * metric: device, gateway and source not compared), {@link #IPV6_SIBLING_GAP} (once an IPv6 multipath route shares its
 * metric with a single-path route of the same prefix, the real kernel's dump can hide the single path; the chain is
 * then no longer compared), {@link #IPV4_DEAD_HOP} (an IPv4 multipath hop through a device that lost its last IPv4
 * address, dead in Linux, alive in memory: the chain stops being compared), {@link #GATEWAY_VIA_MULTIPATH} (an IPv6
 * route change whose gateway resolves through a multipath route: Linux validates the gateway against the sibling the
 * flow hash picks, so the outcome is not predictable; the chain stops being compared before the step).
 *
 * <p>Skipped (with the reason) unless Linux, root and iproute2's {@code ip}.
 */
@net.jqwik.api.Tag(RealKernel.TAG)
class InMemoryVsKernelProperties {

  // ------------------------------------------------------------------------------------------ exclusions

  /** A named exclusion: a known difference and the predicate saying when it applies. */
  record Exclusion(String name, KnownDifference difference, Predicate<Twin> applies) {}

  /** The lookup was answered by a multipath route or one of several equal default routes: the kernel hashes. */
  static final Exclusion MULTIPATH_CHOICE = new Exclusion("multipath-choice", KnownDifference.MULTIPATH_SELECTION,
      t -> t.lastLookupRoute != null && (t.lastLookupRoute.isMultipath() || severalDefaults(t, t.lastLookupRoute)));

  /** An IPv6 multipath route next to a single-path route of the same metric and prefix. */
  static final Exclusion IPV6_SIBLING_GAP = new Exclusion("ipv6-sibling-gap",
      KnownDifference.IPV6_SIBLINGS_HIDE_ROUTES_IN_DUMPS, InMemoryVsKernelProperties::siblingGap);

  /** An IPv4 multipath hop on a device without IPv4 addresses (Linux marks it dead, the in-memory kernel does not). */
  static final Exclusion IPV4_DEAD_HOP = new Exclusion("ipv4-multipath-hop-dead",
      KnownDifference.IPV4_MULTIPATH_HOP_NOT_MARKED_DEAD, t -> {
        try {
          List<Address> v4 = t.mem.addresses(Family.INET);
          return t.mem.routes().stream().anyMatch(x -> x.family() == Family.INET && x.isMultipath()
              && x.nextHops().stream().anyMatch(h -> v4.stream().noneMatch(a -> a.deviceIndex() == h.deviceIndex())));
        } catch (RoutingException e) {
          return false;
        }
      });

  /**
   * An IPv6 route change whose gateway resolves through a multipath route with hops on different devices: Linux
   * validates the gateway with ip6_nh_lookup_table, which picks a sibling by the flow hash (fib6_select_path), so
   * whether "Nexthop has invalid gateway or device mismatch" comes depends on the hash.
   */
  static final String GATEWAY_VIA_MULTIPATH = "ipv6-gateway-via-multipath";

  static boolean gatewayViaMultipath(Twin t, Step s) {
    if (!(s instanceof RouteOp op)) return false;
    try {
      Route r = Route.parse(op.text());
      if (r.family() != Family.INET6) return false;
      List<java.net.InetAddress> gateways = new ArrayList<>();
      if (r.firstGateway() != null) gateways.add(r.firstGateway());
      r.nextHops().stream().map(h -> h.gateway()).filter(Objects::nonNull).forEach(gateways::add);
      for (Route mp : t.mem.routes()) {
        if (mp.family() != Family.INET6 || !mp.isMultipath()) continue;
        long devices = mp.nextHops().stream().map(h -> h.deviceIndex()).distinct().count();
        if (devices > 1 && gateways.stream().anyMatch(g -> mp.dst().contains(g))) return true;
      }
      return false;
    } catch (RoutingException | IllegalArgumentException e) {
      return false;
    }
  }

  static boolean severalDefaults(Twin t, Route r) {
    if (!r.dst().isDefault()) return false;
    try {
      return t.mem.routes().stream().filter(x -> x.family() == r.family() && x.dst().isDefault()
          && x.table().equals(r.table()) && x.type() == RouteType.UNICAST).count() > 1;
    } catch (RoutingException e) {
      return false;
    }
  }

  static boolean siblingGap(Twin t) {
    try {
      List<Route> v6 = t.mem.routes().stream().filter(x -> x.family() == Family.INET6).toList();
      for (Route mp : v6) {
        if (!mp.isMultipath()) continue;
        for (Route x : v6) {
          if (x != mp && x.table().equals(mp.table()) && x.dst().equals(mp.dst())
              && x.priority() == mp.priority() && Objects.equals(x.src(), mp.src())) {
            return true;
          }
        }
      }
      return false;
    } catch (RoutingException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------ the property

  private static final List<Twin> LIVE = new CopyOnWriteArrayList<>();

  @BeforeProperty
  void requireKernel() {
    Kernel.assumeKernel();
  }

  @AfterProperty
  void closeAll() {
    for (Twin t : LIVE) t.close();
    LIVE.clear();
  }

  /**
   * 200 chains of 30 steps with a random seed (jqwik prints it; a failure is retried first on the next run). Every
   * remaining exclusion stands for a named {@link KnownDifference}; a failure is a new divergence: reproduce it with
   * {@code ip} in a throwaway namespace, fix the in-memory kernel and add a test to {@code DifferentialFixesTest}.
   */
  @Property(tries = 200)
  void inMemoryKernelAgreesWithLinux(@ForAll("chains") ActionChain<Twin> chain) {
    try {
      Twin end = chain.run();
      Statistics.label("steps").collect(chain.transformations().size());
      Statistics.label("compared to the end").collect(end.excludedBy == null ? "yes" : end.excludedBy);
    } finally {
      for (Twin t : LIVE) t.close();
      LIVE.clear();
    }
  }

  @Provide
  Arbitrary<ActionChain<Twin>> chains() {
    return ActionChain.<Twin>startWith(Twin::create).withAction(new StepAction()).withMaxTransformations(30);
  }

  static final class StepAction implements Action.Independent<Twin> {
    @Override
    public Arbitrary<Transformer<Twin>> transformer() {
      return steps().map(s -> Transformer.mutate(s.toString(), t -> t.step(s)));
    }
  }

  // ------------------------------------------------------------------------------------------ steps

  /** One operation, applied to each side. */
  interface Step {
    Object apply(Twin t, Routing r) throws RoutingException;
  }

  record LinkAdd(String name) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      return r.addLink(name, "bridge");
    }

    @Override
    public String toString() {
      return "link add " + name + " type bridge";
    }
  }

  record LinkUp(String name, boolean up) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.setLinkUp(name, up);
      return null;
    }

    @Override
    public String toString() {
      return "link set " + name + (up ? " up" : " down");
    }
  }

  record LinkDel(String name) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.deleteLink(name);
      return null;
    }

    @Override
    public String toString() {
      return "link del " + name;
    }
  }

  record AddrAdd(String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.addAddress(Address.parse(text));
      return null;
    }

    @Override
    public String toString() {
      return "addr add " + text;
    }
  }

  record AddrDel(String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.deleteAddress(Address.parse(text));
      return null;
    }

    @Override
    public String toString() {
      return "addr del " + text;
    }
  }

  record RouteOp(RouteVerb verb, String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.modifyRoute(verb, Route.parse(text));
      return null;
    }

    @Override
    public String toString() {
      return (text.contains(":") ? "-6 " : "") + "route " + verb.ipName() + " " + text;
    }
  }

  record RouteDel(String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.deleteRoute(Route.parseSelector(text));
      return null;
    }

    @Override
    public String toString() {
      return (text.contains(":") ? "-6 " : "") + "route del " + text;
    }
  }

  /** Deletes the n-th listed route (of the in-memory dump, which equals the real one so far). */
  record RouteDelListed(int n) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      if (t.victim == null) return null;
      r.deleteRoute(t.victim);
      return null;
    }

    @Override
    public String toString() {
      return "route del <listed route #" + n + ">";
    }
  }

  record RuleAdd(Family family, String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.addRule(Rule.parse(text, family));
      return null;
    }

    @Override
    public String toString() {
      return (family == Family.INET6 ? "-6 " : "") + "rule add " + text;
    }
  }

  record RuleDel(Family family, String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      r.deleteRule(Rule.parseSelector(text, family));
      return null;
    }

    @Override
    public String toString() {
      return (family == Family.INET6 ? "-6 " : "") + "rule del " + text;
    }
  }

  /** Deletes the n-th listed rule. */
  record RuleDelListed(int n) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      if (t.ruleVictim == null) return null;
      r.deleteRule(t.ruleVictim);
      return null;
    }

    @Override
    public String toString() {
      return "rule del <listed rule #" + n + ">";
    }
  }

  record Lookup(String text) implements Step {
    public Object apply(Twin t, Routing r) throws RoutingException {
      return r.lookup(RouteLookup.parse(text));
    }

    @Override
    public String toString() {
      return (text.contains(":") ? "-6 " : "") + "route get " + text;
    }
  }

  // ------------------------------------------------------------------------------------------ generators

  static final List<String> DEVS = List.of("br0", "br1", "br2", "br3");

  static Arbitrary<Step> steps() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, links()),
        Tuple.of(4, addresses()),
        Tuple.of(14, routeOps()),
        Tuple.of(5, routeDeletes()),
        Tuple.of(5, ruleSteps()),
        Tuple.of(6, lookups()));
  }

  static Arbitrary<Step> links() {
    Arbitrary<String> dev = Arbitraries.of(DEVS);
    return Arbitraries.frequencyOf(
        Tuple.of(2, dev.map(LinkAdd::new)),
        Tuple.of(3, Combinators.combine(Arbitraries.of("br0", "br1", "br2", "br3", "lo"), Arbitraries.of(true, false))
            .as(LinkUp::new)),
        Tuple.of(1, dev.map(LinkDel::new)));
  }

  static Arbitrary<Step> addresses() {
    Arbitrary<String> v4 = Arbitraries.of("10.1.0.1/24", "10.1.0.2/24", "10.1.0.9/16", "10.2.0.1/24", "10.3.0.1/24",
        "10.3.0.5/32", "10.5.1.1/31", "10.1.0.3/24 noprefixroute", "10.4.0.1 peer 10.4.0.2", "10.6.0.1/24 metric 50");
    Arbitrary<String> v6 = Arbitraries.of("2001:db8:1::1/64", "2001:db8:1::5/64", "2001:db8:2::1/64",
        "2001:db8:3::1/64", "2001:db8:5:1::1/128", "2001:db8:1::7/64 noprefixroute", "2001:db8:6::1/64 metric 50");
    Arbitrary<String> dev = Arbitraries.of("br0", "br1", "br2", "br3", "lo");
    Arbitrary<String> a4 = Combinators.combine(v4, dev).as((a, d) -> a + " dev " + d);
    Arbitrary<String> a6 = Combinators.combine(v6, dev).as((a, d) -> a + " dev " + d + " nodad");
    Arbitrary<String> any = Arbitraries.frequencyOf(Tuple.of(3, a4), Tuple.of(2, a6));
    return Arbitraries.frequencyOf(Tuple.of(3, any.map(AddrAdd::new)), Tuple.of(2, any.map(AddrDel::new)));
  }

  static final List<String> DST4 = List.of("default", "10.0.0.0/8", "10.1.0.0/24", "10.1.0.0/16", "10.5.0.0/16",
      "10.5.1.0/24", "10.5.1.7", "172.16.0.0/12");
  static final List<String> GW4 = List.of("10.1.0.254", "10.2.0.254", "10.3.0.254", "10.5.1.1", "10.1.0.1",
      "10.9.9.9");
  static final List<String> DST6 = List.of("::/0", "2001:db8::/32", "2001:db8:1::/64", "2001:db8:5::/48",
      "2001:db8:5:1::/64", "2001:db8:5:1::7/128");
  static final List<String> GW6 = List.of("2001:db8:1::fe", "2001:db8:2::fe", "2001:db8:3::fe", "2001:db8:5:1::1",
      "2001:db8:1::1", "fe80::1");

  /** One route in iproute2 syntax, from small pools so that keys collide often. */
  static Arbitrary<String> routeText(boolean v6) {
    List<String> dsts = v6 ? DST6 : DST4;
    List<String> gws = v6 ? GW6 : GW4;
    Arbitrary<String> type = Arbitraries.frequency(Tuple.of(14, ""), Tuple.of(2, "local "), Tuple.of(1, "blackhole "),
        Tuple.of(1, "unreachable "), Tuple.of(1, "prohibit "), Tuple.of(1, "throw "),
        Tuple.of(v6 ? 0 : 1, "broadcast "));
    Arbitrary<String> table = Arbitraries.frequency(Tuple.of(6, ""), Tuple.of(1, " table local"),
        Tuple.of(3, " table 100"), Tuple.of(2, " table 1000"));
    Arbitrary<String> metric = v6
        ? Arbitraries.frequency(Tuple.of(6, ""), Tuple.of(2, " metric 256"), Tuple.of(2, " metric 100"))
        : Arbitraries.frequency(Tuple.of(6, ""), Tuple.of(2, " metric 10"), Tuple.of(1, " metric 100"));
    Arbitrary<String> extra = v6
        ? Arbitraries.frequency(Tuple.of(10, ""), Tuple.of(1, " src 2001:db8:1::1"), Tuple.of(1, " proto static"),
            Tuple.of(1, " onlink"))
        : Arbitraries.frequency(Tuple.of(10, ""), Tuple.of(2, " tos 0x10"), Tuple.of(1, " src 10.1.0.1"),
            Tuple.of(1, " src 10.9.9.9"), Tuple.of(1, " proto static"), Tuple.of(1, " scope link"),
            Tuple.of(1, " onlink"));
    Arbitrary<String> nh = Arbitraries.frequencyOf(
        Tuple.of(5, Combinators.combine(Arbitraries.of(gws), Arbitraries.of("", "", " dev br0", " dev br1", " dev br2"))
            .as((g, d) -> " via " + g + d)),
        Tuple.of(3, Arbitraries.of(DEVS).map(d -> " dev " + d)),
        Tuple.of(1, Combinators.combine(Arbitraries.of(gws), Arbitraries.of(gws))
            .as((a, b) -> " nexthop via " + a + " nexthop via " + b)));
    return Combinators.combine(type, Arbitraries.of(dsts), table, metric, extra, nh)
        .as((ty, d, tb, m, x, n) -> {
          boolean error = !ty.isEmpty() && !ty.equals("local ") && !ty.equals("broadcast ");
          String hop = error ? "" : ty.isEmpty() ? n : n.startsWith(" via") || n.startsWith(" nexthop")
              ? " dev " + (n.contains("br1") ? "br1" : "br0") : n;
          if (x.equals(" onlink") && !hop.startsWith(" via")) x = "";
          if (x.equals(" onlink") && !hop.contains(" dev ")) hop = hop + " dev br0";
          return ty + d + hop + tb + m + x;
        });
  }

  static Arbitrary<Step> routeOps() {
    Arbitrary<RouteVerb> verbs = Arbitraries.frequency(Tuple.of(6, RouteVerb.ADD), Tuple.of(2, RouteVerb.REPLACE),
        Tuple.of(1, RouteVerb.CHANGE), Tuple.of(1, RouteVerb.PREPEND), Tuple.of(2, RouteVerb.APPEND),
        Tuple.of(1, RouteVerb.TEST));
    Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(3, routeText(false)), Tuple.of(2, routeText(true)));
    return Combinators.combine(verbs, text).as(RouteOp::new);
  }

  static Arbitrary<Step> routeDeletes() {
    Arbitrary<String> sel4 = Combinators.combine(Arbitraries.of(DST4),
        Arbitraries.of("", " table 100", " table 1000", " table local"),
        Arbitraries.of("", "", " via 10.1.0.254", " dev br0", " metric 10", " tos 0x10", " proto static",
            " type unreachable", " type local"))
        .as((d, t, x) -> (x.startsWith(" type ") ? x.substring(6) + " " : "") + d + t
            + (x.startsWith(" type ") ? "" : x));
    Arbitrary<String> sel6 = Combinators.combine(Arbitraries.of(DST6),
        Arbitraries.of("", " table 100", " table 1000", " table local"),
        Arbitraries.of("", "", " via 2001:db8:1::fe", " dev br1", " metric 256", " metric 1024", " proto static"))
        .as((d, t, x) -> d + t + x);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(0, 1000).map(RouteDelListed::new)),
        Tuple.of(2, sel4.map(RouteDel::new)),
        Tuple.of(2, sel6.map(RouteDel::new)));
  }

  static Arbitrary<Step> ruleSteps() {
    Arbitrary<String> pref = Arbitraries.frequency(Tuple.of(3, ""), Tuple.of(1, " pref 100"), Tuple.of(1, " pref 200"),
        Tuple.of(1, " pref 32765"));
    Arbitrary<String> sel4 = Arbitraries.of("", "", "from 10.1.0.1", "from 10.5.0.0/16", "to 10.5.1.0/24",
        "iif br0", "iif lo", "oif br1", "fwmark 0x1", "fwmark 0x1/0xff", "tos 0x10", "ipproto tcp dport 80",
        "not from 10.1.0.1", "iif br9", "uidrange 0-999");
    Arbitrary<String> sel6 = Arbitraries.of("", "", "from 2001:db8:1::1", "from 2001:db8:5::/48",
        "to 2001:db8:5:1::/64", "iif br0", "oif br1", "fwmark 0x1", "not from 2001:db8:1::1");
    Arbitrary<String> act = Arbitraries.frequency(Tuple.of(3, "lookup 100"), Tuple.of(2, "lookup 1000"),
        Tuple.of(1, "lookup main"), Tuple.of(1, "lookup local"), Tuple.of(1, "nop"), Tuple.of(1, "unreachable"),
        Tuple.of(1, "prohibit"), Tuple.of(1, "blackhole"), Tuple.of(1, "goto 200"),
        Tuple.of(1, "lookup main suppress_prefixlength 0"));
    Arbitrary<Step> add4 = Combinators.combine(sel4, act, pref)
        .as((s, a, p) -> new RuleAdd(Family.INET, (s + " " + a + p).trim()));
    Arbitrary<Step> add6 = Combinators.combine(sel6, act, pref)
        .as((s, a, p) -> new RuleAdd(Family.INET6, (s + " " + a + p).trim()));
    Arbitrary<Step> del = Combinators.combine(Arbitraries.of(Family.INET, Family.INET6),
        Arbitraries.of("pref 100", "pref 200", "lookup 100", "fwmark 0x1", "fwmark 0x1/0xff", "pref 32765",
            "pref 0", "iif br0 lookup 100"))
        .as(RuleDel::new);
    return Arbitraries.frequencyOf(Tuple.of(4, add4), Tuple.of(2, add6), Tuple.of(2, del),
        Tuple.of(2, Arbitraries.integers().between(0, 1000).map(RuleDelListed::new)));
  }

  static Arbitrary<Step> lookups() {
    Arbitrary<String> to4 = Arbitraries.of("10.1.0.77", "10.1.0.1", "10.1.0.255", "10.5.1.7", "10.5.9.9",
        "172.16.1.1", "8.8.8.8", "10.2.0.1", "10.3.0.9", "127.0.0.1");
    Arbitrary<String> x4 = Arbitraries.of("", "", "", " from 10.1.0.1", " from 10.2.0.1", " from 10.9.9.9",
        " oif br0", " oif br1", " mark 0x1", " tos 0x10", " ipproto tcp dport 80", " from 10.5.0.3 iif br0");
    Arbitrary<String> to6 = Arbitraries.of("2001:db8:1::77", "2001:db8:1::1", "2001:db8:5:1::7", "2001:db8:5:9::9",
        "2001:db8:2::1", "2001:db9::1", "::1");
    Arbitrary<String> x6 = Arbitraries.of("", "", "", " from 2001:db8:1::1", " from 2001:db8:2::1", " oif br0",
        " oif br1", " mark 0x1");
    return Arbitraries.frequencyOf(Tuple.of(3, Combinators.combine(to4, x4).as((a, b) -> new Lookup(a + b))),
        Tuple.of(2, Combinators.combine(to6, x6).as((a, b) -> new Lookup(a + b))));
  }

  // ------------------------------------------------------------------------------------------ the twin

  /** The same namespace twice: in memory and in the running kernel. */
  static final class Twin {
    final InMemoryKernel mem;
    final NetlinkRouting real;
    final String ns;
    final List<String> done = new ArrayList<>();
    String excludedBy;
    Route victim;
    Rule ruleVictim;
    Route lastLookupRoute;
    boolean closed;

    private Twin(InMemoryKernel mem, NetlinkRouting real, String ns) {
      this.mem = mem;
      this.real = real;
      this.ns = ns;
    }

    static Twin create() {
      String ns = null;
      NetlinkRouting real = null;
      try {
        ns = Kernel.newNamespace();
        real = NetlinkRouting.open(ns);
        InMemoryKernel mem = InMemoryKernel.freshNamespace();
        mem.setAddrGenMode(AddrGenMode.NONE);
        mem.setLogCapacity(0);
        Twin t = new Twin(mem, real, ns);
        LIVE.add(t);
        for (Routing r : List.of(mem, real)) {
          r.setLinkUp("lo", true);
          r.addLink("br0", "bridge");
          r.setLinkUp("br0", true);
          r.addLink("br1", "bridge");
          r.setLinkUp("br1", true);
          r.addLink("br2", "bridge");
          r.addAddress(Address.parse("10.1.0.1/24 dev br0"));
          r.addAddress(Address.parse("10.2.0.1/24 dev br1"));
          r.addAddress(Address.parse("10.3.0.1/24 dev br2"));
          r.addAddress(Address.parse("2001:db8:1::1/64 dev br0 nodad"));
          r.addAddress(Address.parse("2001:db8:2::1/64 dev br1 nodad"));
        }
        t.compareState("base state");
        return t;
      } catch (Exception e) {
        String gone = ns;
        LIVE.removeIf(t -> t.ns.equals(gone));
        if (real != null) real.close();
        Kernel.deleteNamespace(ns);
        throw new IllegalStateException("could not build the base state: " + e, e);
      }
    }

    void close() {
      if (closed) return;
      closed = true;
      real.close();
      try {
        Kernel.exec("ip", "netns", "del", ns);
      } catch (Exception e) {
        System.err.println("could not delete namespace " + ns + ": " + e);
      }
    }

    record Outcome(Object value, RoutingException error) {}

    static Outcome attempt(Twin t, Step s, Routing r) {
      try {
        return new Outcome(s.apply(t, r), null);
      } catch (RoutingException e) {
        return new Outcome(null, e);
      }
    }

    void step(Step s) {
      done.add(s.toString());
      if (excludedBy != null) return; // no longer comparable (see the exclusion)
      try {
        victim = null;
        ruleVictim = null;
        lastLookupRoute = null;
        if (s instanceof RouteDelListed d) {
          List<Route> all = mem.routes();
          victim = all.isEmpty() ? null : all.get(d.n() % all.size());
        } else if (s instanceof RuleDelListed d) {
          List<Rule> all = mem.rules(null);
          ruleVictim = all.isEmpty() ? null : all.get(d.n() % all.size()).toBuilder().flags(null).build();
        }
        if (gatewayViaMultipath(this, s)) {
          excludedBy = GATEWAY_VIA_MULTIPATH; // KnownDifference.MULTIPATH_SELECTION: the outcome depends on the hash
          Statistics.label("excluded chains").collect(GATEWAY_VIA_MULTIPATH);
          return;
        }
        Outcome m = attempt(this, s, mem);
        Outcome k = attempt(this, s, real);
        String what = s + (victim != null ? " (" + victim + ")" : ruleVictim != null ? " (" + ruleVictim + ")" : "");
        compareOutcome(what, m, k);
        if (s instanceof Lookup && m.value() instanceof LookupResult lm && k.value() instanceof LookupResult lk) {
          lastLookupRoute = lm.route();
          compareLookup(what, lm, lk);
        }
        for (Exclusion x : List.of(IPV4_DEAD_HOP)) {
          if (x.applies().test(this)) {
            excludedBy = x.name(); // this very step may already show the difference
            return;
          }
        }
        compareState(what);
        for (Exclusion x : List.of(IPV6_SIBLING_GAP, IPV4_DEAD_HOP)) {
          if (excludedBy == null && x.applies().test(this)) {
            excludedBy = x.name();
          }
        }
      } catch (RoutingException e) {
        fail("dump failed after " + s + ": " + e, e);
      }
    }

    private String history() {
      return "\nsteps so far:\n  " + String.join("\n  ", done);
    }

    void compareOutcome(String what, Outcome m, Outcome k) {
      if (m.error() == null && k.error() == null) return;
      if (m.error() == null || k.error() == null) {
        fail(what + ": in-memory " + (m.error() == null ? "ok" : m.error().getMessage()) + " but Linux "
            + (k.error() == null ? "ok" : k.error().getMessage()) + history());
      }
      RoutingException a = m.error();
      RoutingException b = k.error();
      if (!a.errno().equals(b.errno()) || a.getClass() != b.getClass()) {
        fail(what + ": in-memory " + a.getMessage() + " but Linux " + b.getMessage() + history());
      }
      if (a.extack() != null && b.extack() != null && !a.extack().equals(b.extack())) {
        fail(what + ": extack differs: in-memory \"" + a.extack() + "\" but Linux \"" + b.extack() + "\"" + history());
      }
    }

    void compareLookup(String what, LookupResult m, LookupResult k) {
      boolean choice = MULTIPATH_CHOICE.applies().test(this);
      String a = lookupText(m, choice);
      String b = lookupText(k, choice);
      if (!a.equals(b)) {
        fail(what + ": lookup differs:\n  in-memory " + a + "\n  Linux     " + b + "\n  (in-memory " + m + " / Linux " + k
            + ")" + history());
      }
      if (choice) Statistics.label("excluded lookups").collect(MULTIPATH_CHOICE.name());
    }

    static String lookupText(LookupResult r, boolean choice) {
      // the chosen hop decides device, gateway and the source selected on that device
      return r.type() + " table " + r.table() + (choice ? "" : " dev " + r.device() + " via " + fmt(r.gateway())
          + " src " + fmt(r.source()));
    }

    static String fmt(InetAddress a) {
      return a == null ? "-" : InetAddresses.format(a);
    }

    void compareState(String what) throws RoutingException {
      String mine = state(mem);
      String theirs = state(real);
      for (int i = 0; i < 50 && !mine.equals(theirs); i++) {
        // IPv6 address routes are installed from a work queue: give the real kernel time
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        theirs = state(real);
      }
      if (!mine.equals(theirs)) {
        fail("after " + what + " the states differ:\n" + diff(mine, theirs) + history());
      }
    }

    static String diff(String a, String b) {
      List<String> x = List.of(a.split("\n"));
      List<String> y = List.of(b.split("\n"));
      StringBuilder sb = new StringBuilder();
      for (String l : x) if (!y.contains(l)) sb.append("  only in-memory: ").append(l).append('\n');
      for (String l : y) if (!x.contains(l)) sb.append("  only Linux:     ").append(l).append('\n');
      if (sb.length() == 0) sb.append("  (same lines, different order)\n--- in-memory\n").append(a)
          .append("--- Linux\n").append(b);
      return sb.toString();
    }

    private static final Set<AddressFlag> CALLER_FLAGS = EnumSet.of(AddressFlag.SECONDARY, AddressFlag.NODAD,
        AddressFlag.NOPREFIXROUTE, AddressFlag.PERMANENT);

    /** The comparable state as text lines: routes in dump order, rules, links, addresses. */
    static String state(Routing r) throws RoutingException {
      StringBuilder sb = new StringBuilder();
      for (Route x : r.routes()) {
        sb.append("route ").append(x.family() == Family.INET6 ? "-6 " : "").append(routeLine(x)).append('\n');
      }
      for (Rule x : r.rules(null)) {
        sb.append("rule ").append(x.family() == Family.INET6 ? "-6 " : "").append(x.toString().replace('\t', ' '))
            .append('\n');
      }
      for (Link l : r.links()) {
        sb.append("link ").append(l.index()).append(' ').append(l.name()).append(' ').append(l.kind())
            .append(l.up() ? " UP" : " DOWN").append('\n');
      }
      for (Address a : r.addresses(null)) {
        EnumSet<AddressFlag> fl = EnumSet.noneOf(AddressFlag.class);
        fl.addAll(a.flags());
        fl.retainAll(CALLER_FLAGS);
        sb.append("addr ").append(a.local()).append(a.peer() != null ? " peer " + a.peer() : "")
            .append(a.broadcast() != null ? " brd " + fmt(a.broadcast()) : "").append(" dev ").append(a.device())
            .append('#').append(a.deviceIndex()).append(" scope ").append(a.scope()).append(" metric ")
            .append(a.metric()).append(' ').append(fl).append('\n');
      }
      return sb.toString();
    }

    /** A route as text, with the fields {@link Route#toString()} leaves out (device index, hop indexes). */
    static String routeLine(Route x) {
      StringBuilder sb = new StringBuilder(x.toString().replace("\n", " ").replace('\t', ' ').replaceAll(" +", " "));
      sb.append(" [ifindex ").append(x.deviceIndex());
      for (NextHop h : x.nextHops()) sb.append(' ').append(h.deviceIndex());
      sb.append(" type ").append(x.type()).append(" table ").append(x.table()).append(" proto ")
          .append(x.protocol().value()).append(" scope ").append(x.scope().value()).append(" metric ")
          .append(x.priority()).append(']');
      return sb.toString();
    }
  }
}
