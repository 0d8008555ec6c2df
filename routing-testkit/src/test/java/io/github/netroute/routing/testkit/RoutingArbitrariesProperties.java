package io.github.netroute.routing.testkit;

import io.github.netroute.routing.testkit.arbitraries.RoutingState;
import io.github.netroute.routing.testkit.arbitraries.RoutingArbitraries;
import io.github.netroute.routing.testkit.arbitraries.RoutingArbitraryProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/** The shipped generators: provider registration, biases, and validity (kernel-accepted rules and states). */
class RoutingArbitrariesProperties {

    // ---- the ArbitraryProvider registered in META-INF/services makes @ForAll work without @Provide

    @Example
    void theProviderIsRegisteredForServiceLoader() {
        List<String> providers = java.util.ServiceLoader.load(net.jqwik.api.providers.ArbitraryProvider.class).stream()
                .map(p -> p.type().getName()).toList();
        assertTrue(providers.contains(RoutingArbitraryProvider.class.getName()), providers::toString);
    }

    /**
     * {@code @ForAll} values come from the shipped generators, not from a constant or a stand-in: both families
     * appear for every family-bearing type, routes of several types and multipath, rules of several actions, links
     * up and down, and the values vary. jqwik checks the coverage after the tries and fails the property if any
     * is missing.
     */
    @Property(tries = 300)
    void providerSuppliesEveryTypeFromTheShippedGenerators(@ForAll IpPrefix p, @ForAll CidrAddress c, @ForAll Route r,
            @ForAll Rule rule, @ForAll Link l, @ForAll Address a, @ForAll RouteLookup flow) {
        Statistics.label("prefix").collect(p.family());
        Statistics.label("cidr").collect(c.family());
        Statistics.label("route").collect(r.family());
        Statistics.label("rule").collect(rule.family());
        Statistics.label("address").collect(a.family());
        Statistics.label("lookup").collect(flow.family());
        for (String label : List.of("prefix", "cidr", "route", "rule", "address", "lookup")) {
            Statistics.label(label).coverage(cov -> {
                cov.check(Family.INET).percentage(pct -> pct > 10);
                cov.check(Family.INET6).percentage(pct -> pct > 10);
            });
        }
        Statistics.label("route type").collect(r.type());
        Statistics.label("route type").coverage(cov -> {
            for (RouteType t : List.of(RouteType.UNICAST, RouteType.LOCAL, RouteType.BLACKHOLE, RouteType.UNREACHABLE)) {
                cov.check(t).count(n -> n > 0);
            }
        });
        Statistics.label("multipath").collect(r.isMultipath());
        Statistics.label("multipath").coverage(cov -> cov.check(true).count(n -> n > 0));
        Statistics.label("rule action").collect(rule.action().getClass().getSimpleName());
        Statistics.label("rule action").coverage(cov -> {
            cov.check("Lookup").count(n -> n > 0);
            cov.checkQuery(v -> !v.get(0).equals("Lookup")).count(n -> n > 0);
        });
        Statistics.label("link up").collect(l.up());
        Statistics.label("link up").coverage(cov -> {
            cov.check(true).count(n -> n > 0);
            cov.check(false).count(n -> n > 0);
        });
        SEEN_PREFIXES.add(p);
        SEEN_ROUTES.add(r);
    }

    private static final Set<IpPrefix> SEEN_PREFIXES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Set<Route> SEEN_ROUTES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @net.jqwik.api.lifecycle.AfterContainer
    static void providedValuesVary() {
        if (!SEEN_ROUTES.isEmpty()) {
            assertTrue(SEEN_PREFIXES.size() > 50, "distinct @ForAll prefixes in 300 tries: " + SEEN_PREFIXES.size());
            assertTrue(SEEN_ROUTES.size() > 100, "distinct @ForAll routes in 300 tries: " + SEEN_ROUTES.size());
        }
    }

    @Property(tries = 10)
    void providerSuppliesStates(@ForAll RoutingState s) {
        assertFalse(s.links().isEmpty());
    }

    // ---- biases

    private static double share(Arbitrary<IpPrefix> arb, int n, java.util.function.BiPredicate<IpPrefix, IpPrefix> p) {
        List<IpPrefix> a = arb.sampleStream().limit(n).toList();
        List<IpPrefix> b = arb.sampleStream().limit(n).toList();
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (p.test(a.get(i), b.get(i))) {
                hits++;
            }
        }
        return hits / (double) n;
    }

    private static boolean overlap(IpPrefix x, IpPrefix y) {
        return x.contains(y) || y.contains(x);
    }

    private static boolean strictlyNested(IpPrefix x, IpPrefix y) {
        return !x.equals(y) && overlap(x, y);
    }

    @Example
    void prefixPairsOftenOverlapAndNest() {
        // independent uniform random IPv4 prefixes would overlap in well under 5% of pairs
        double v4 = share(RoutingArbitraries.ipv4Prefixes(), 4000, RoutingArbitrariesProperties::overlap);
        double v4nested = share(RoutingArbitraries.ipv4Prefixes(), 4000, RoutingArbitrariesProperties::strictlyNested);
        double v6 = share(RoutingArbitraries.ipv6Prefixes(), 4000, RoutingArbitrariesProperties::overlap);
        double v6nested = share(RoutingArbitraries.ipv6Prefixes(), 4000, RoutingArbitrariesProperties::strictlyNested);
        assertTrue(v4 > 0.30, "IPv4 overlap share " + v4);
        assertTrue(v4nested > 0.20, "IPv4 strictly nested share " + v4nested);
        assertTrue(v6 > 0.20, "IPv6 overlap share " + v6);
        assertTrue(v6nested > 0.15, "IPv6 strictly nested share " + v6nested);
        // ... and they are not all the same prefix
        Set<IpPrefix> distinct = RoutingArbitraries.ipv4Prefixes().sampleStream().limit(1000)
                .collect(Collectors.toSet());
        assertTrue(distinct.size() > 150, "distinct IPv4 prefixes: " + distinct.size());
    }

    @Property(tries = 1000)
    void prefixesOverlapOftenEnough(@ForAll IpPrefix a, @ForAll IpPrefix b) {
        Statistics.label("overlap").collect(overlap(a, b));
        Statistics.label("overlap").coverage(c -> c.check(true).percentage(pct -> pct > 15));
    }

    @Example
    void routesCoverEveryTypeTableAndShape() {
        List<Route> v4 = RoutingArbitraries.ipv4Routes().sampleStream().limit(3000).toList();
        List<Route> v6 = RoutingArbitraries.ipv6Routes().sampleStream().limit(3000).toList();
        EnumSet<RouteType> t4 = EnumSet.noneOf(RouteType.class);
        v4.forEach(r -> t4.add(r.type()));
        assertEquals(EnumSet.complementOf(EnumSet.of(RouteType.UNSPEC, RouteType.XRESOLVE)), t4);
        EnumSet<RouteType> t6 = EnumSet.noneOf(RouteType.class);
        v6.forEach(r -> t6.add(r.type()));
        assertTrue(t6.containsAll(EnumSet.of(RouteType.UNICAST, RouteType.LOCAL, RouteType.ANYCAST,
                RouteType.MULTICAST, RouteType.BLACKHOLE, RouteType.UNREACHABLE, RouteType.PROHIBIT, RouteType.THROW)),
                t6.toString());
        for (List<Route> rs : List.of(v4, v6)) {
            assertTrue(rs.stream().anyMatch(r -> r.table().id() > 255 && r.table().id() != 1000), "tables > 255");
            assertTrue(rs.stream().anyMatch(r -> r.table().equals(RouteTable.MAIN)));
            assertTrue(rs.stream().anyMatch(r -> r.table().equals(RouteTable.LOCAL)));
            assertTrue(rs.stream().anyMatch(Route::isMultipath), "multipath");
            assertTrue(rs.stream().anyMatch(r -> r.priority() != 0), "metrics");
            assertTrue(rs.stream().anyMatch(r -> r.firstGateway() != null), "gateways");
            assertTrue(rs.stream().anyMatch(r -> r.prefsrc() != null), "prefsrc");
        }
        assertTrue(v4.stream().anyMatch(r -> r.tos() != 0), "tos");
        for (Route r : v4) {
            if (r.type().isError()) {
                assertTrue(r.firstDevice() == null && r.firstGateway() == null, r.toString());
            }
            if (r.type() == RouteType.LOCAL) {
                assertEquals(254, r.scope().value(), r.toString());
            }
        }
    }

    @Property(tries = 500)
    void routesParseBackFromWhatTheyPrint(@ForAll Route r) {
        // ip route prints no "table main", and parsing applies iproute2's default table of the type (local for
        // local/broadcast/anycast/nat): such routes in main print the same as the ones in local
        Assume.that(!(r.table().equals(RouteTable.MAIN) && Route.defaultTable(r.type()).equals(RouteTable.LOCAL)));
        // an IPv6 route without any address in its text ("throw default metric 1024") parses as IPv4 (ip -6 knows)
        Assume.that(r.family() == Family.INET || r.toString().contains(":"));
        assertEquals(r.toString(), Route.parse(r.toString()).toString());
    }

    @Example
    void rulesCoverActionsAndSelectors() {
        List<Rule> rs = RoutingArbitraries.rules().sampleStream().limit(3000).toList();
        Set<Class<?>> actions = rs.stream().map(r -> r.action().getClass()).collect(Collectors.toSet());
        assertEquals(6, actions.size(), actions.toString());
        assertTrue(rs.stream().anyMatch(r -> r.from() != null && !r.from().isPrefix()), "host bits in from");
        assertTrue(rs.stream().anyMatch(r -> r.fwmask() != null));
        assertTrue(rs.stream().anyMatch(r -> r.iif() != null));
        assertTrue(rs.stream().anyMatch(r -> r.priority() == null));
        assertTrue(rs.stream().anyMatch(r -> r.family() == Family.INET6));
        assertTrue(rs.stream().anyMatch(r -> r.dport() != null));
    }

    // ---- validity, checked against the in-memory kernel

    @Property(tries = 500)
    void everyGeneratedRuleIsAcceptedByAFreshNamespace(@ForAll Rule rule) throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.addRule(rule);
        if (rule.action() instanceof RuleAction.Goto) {
            assertNotNull(rule.priority());
        }
    }

    @Property(tries = 300)
    void everyGeneratedStateAppliesToAFreshNamespace(@ForAll RoutingState state) throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setAddrGenMode(AddrGenMode.NONE);
        state.applyTo(k);
        List<Route> listed = k.routes();
        for (Route r : state.routes()) {
            assertTrue(listed.stream().anyMatch(x -> x.family() == r.family() && x.dst().equals(r.dst())
                    && x.table().equals(r.table()) && x.tos() == r.tos()), () -> r + " not listed after\n" + state);
        }
        Statistics.label("routes").collect(state.routes().size() > 5 ? "more than 5" : "up to 5");
        Statistics.label("rules").collect(state.rules().isEmpty() ? "none" : "some");
    }

    @Property(tries = 100)
    void everyGeneratedStateAppliesAsABatchWithEveryChangeOk(@ForAll RoutingState state) throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        assertTrue(state.applyBatchTo(k).stream().allMatch(io.github.netroute.routing.ChangeResult::ok), state::toString);
    }
}
