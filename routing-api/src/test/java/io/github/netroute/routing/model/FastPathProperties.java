package io.github.netroute.routing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The fast paths of the routing model equal the plain ones, on random tables:
 * <ul>
 * <li>{@link FibTable} stores a one-entry destination as a shared template when its route differs from the one
 * stored before it only in the destination; what it gives back (get, routes, prefixes, copies) is what was set, in
 * the kernel's dump order, as a plain map of lists gives it;</li>
 * <li>its /24 stride index (a dense IPv4 table of many /24s) gives what its slots give, through adds, replacements,
 * removals and copies;</li>
 * <li>its first-octet filter turns away only addresses that no destination of the table contains;</li>
 * <li>its longest-prefix match is the longest prefix containing the address (brute force over the prefixes);</li>
 * <li>an untraced lookup ({@code decide}: runs of source-only rules jumped in one probe, templates scanned as
 * stored, tables passed over by the first-octet filter, the model's memo of its last source selection) gives exactly
 * the result of a traced one ({@code lookup}: every rule tested, every table probed, every entry materialized, every
 * source selected).</li>
 * </ul>
 */
class FastPathProperties {

    private static final String[] GATEWAYS = {"192.168.1.1", "192.168.1.7", "192.168.2.1"};
    private static final String[] V6_GATEWAYS = {"fe80::1", "2001:db8:ff::1"};

    /** A prefix from a small space, so that prefixes nest and repeat. */
    private static IpPrefix prefix4(Random rnd) {
        int len = new int[] {0, 8, 16, 20, 24, 24, 24, 28, 32}[rnd.nextInt(9)];
        int a = (10 << 24) | (rnd.nextInt(4) << 16) | (rnd.nextInt(4) << 8) | rnd.nextInt(4) << 4;
        return IpPrefix.masked(InetAddresses.fromBytes(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16),
            (byte) (a >>> 8), (byte) a}), len);
    }

    private static IpPrefix prefix6(Random rnd) {
        int len = new int[] {0, 32, 48, 64, 64, 96, 128}[rnd.nextInt(7)];
        return IpPrefix.masked(InetAddresses.parse("2001:db8:" + rnd.nextInt(3) + ":" + rnd.nextInt(3) + "::"
                + Integer.toHexString(rnd.nextInt(3))), len);
    }

    /** A route of {@code dst} with attributes from a few variants (so that many share all but the destination). */
    private static Route route(Random rnd, IpPrefix dst, long table) {
        boolean v4 = dst.family() == Family.INET;
        StringBuilder b = new StringBuilder();
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            b.append(new String[] {"unreachable ", "blackhole ", "prohibit ", "throw "}[rnd.nextInt(4)]).append(dst);
        } else {
            b.append(dst);
            if (rnd.nextInt(3) > 0) {
                b.append(" via ").append(v4 ? GATEWAYS[rnd.nextInt(GATEWAYS.length)]
                        : V6_GATEWAYS[rnd.nextInt(V6_GATEWAYS.length)]);
            }
            boolean via = b.indexOf(" via ") > 0;
            b.append(" dev ").append(rnd.nextInt(4) == 0 ? "down0" : rnd.nextBoolean() ? "eth0"
                    : v4 && !via && rnd.nextInt(3) == 0 ? "eth2" : "eth1");
            if (v4 && !via && rnd.nextInt(3) == 0) {
                // a device route's scope is link unless given: global makes the source selection pass over eth2's
                // link-scope address
                b.append(" scope global");
            }
        }
        b.append(" table ").append(table);
        if (rnd.nextInt(4) == 0) {
            b.append(" metric ").append(rnd.nextInt(3) * 100);
        }
        if (v4 && rnd.nextInt(8) == 0) {
            b.append(" tos 0x10");
        }
        if (rnd.nextInt(5) == 0) {
            b.append(" proto ").append(new String[] {"boot", "static", "bird"}[rnd.nextInt(3)]);
        }
        return Route.parse(b.toString());
    }

    /** The kernel's order of one destination's entries is not modelled here: a list is stored as given. */
    private static Map<IpPrefix, List<Route>> randomSets(Random rnd, Family fam, FibTable t, int ops) {
        Map<IpPrefix, List<Route>> ref = new LinkedHashMap<>();
        for (int i = 0; i < ops; i++) {
            IpPrefix p = fam == Family.INET ? prefix4(rnd) : prefix6(rnd);
            int n = rnd.nextInt(10) < 2 ? 0 : rnd.nextInt(10) < 8 ? 1 : 2 + rnd.nextInt(2);
            List<Route> list = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                list.add(route(rnd, p, t.id().id()));
            }
            t.set(p, list);
            if (list.isEmpty()) {
                ref.remove(p);
            } else {
                ref.put(p, List.copyOf(list));
            }
        }
        return ref;
    }

    private static void assertHolds(FibTable t, Map<IpPrefix, List<Route>> ref) {
        int size = 0;
        for (Map.Entry<IpPrefix, List<Route>> e : ref.entrySet()) {
            assertEquals(e.getValue(), t.get(e.getKey()), "entries of " + e.getKey());
            size += e.getValue().size();
        }
        assertEquals(size, t.size());
        List<IpPrefix> order = new ArrayList<>(ref.keySet());
        if (t.family() == Family.INET) {
            // IPv4 dump order: address ascending, the longer prefix first for the same address
            order.sort(Comparator.comparingLong((IpPrefix p) -> Bits.hi(p.address()) >>> 32)
                    .thenComparing(Comparator.comparingInt(IpPrefix::length).reversed()));
            assertEquals(order, t.prefixes());
        } else {
            assertEquals(new java.util.HashSet<>(order), new java.util.HashSet<>(t.prefixes()));
            order = t.prefixes();
        }
        List<Route> all = new ArrayList<>();
        for (IpPrefix p : order) {
            all.addAll(ref.get(p));
        }
        assertEquals(all, t.routes());
    }

    @Property(tries = 150)
    void aTableGivesBackWhatWasSetInDumpOrder(@ForAll long seed) {
        Random rnd = new Random(seed);
        for (Family fam : Family.values()) {
            FibTable t = new FibTable(fam, RouteTable.of(100));
            Map<IpPrefix, List<Route>> ref = randomSets(rnd, fam, t, 1 + rnd.nextInt(200));
            assertHolds(t, ref);
            FibTable c = t.copy();
            Map<IpPrefix, List<Route>> before = new LinkedHashMap<>(ref);
            Map<IpPrefix, List<Route>> more = randomSets(rnd, fam, c, 1 + rnd.nextInt(50));
            assertHolds(t, before); // the copy's changes do not reach the original
            Map<IpPrefix, List<Route>> merged = new LinkedHashMap<>(before);
            more.forEach(merged::put);
            for (IpPrefix p : before.keySet()) {
                if (c.get(p).isEmpty()) {
                    merged.remove(p);
                }
            }
            assertHolds(c, merged);
        }
    }

    private static IpPrefix prefix24(int blocks, Random rnd) {
        return IpPrefix.masked(InetAddresses.fromBytes(new byte[] {10, (byte) rnd.nextInt(blocks),
            (byte) rnd.nextInt(256), 0}), 24);
    }

    /** Every /24 (and a few other lengths) of 10.0.0.0/8's first {@code blocks} /16s: the stride index, the slots. */
    private static void assertStrideAgrees(FibTable t, int blocks) {
        for (int b = 0; b < blocks + 1; b++) {
            for (int c = 0; c < 256; c++) {
                long hi = ((10L << 24 | b << 16 | c << 8 | 77) & 0xFFFF_FFFFL) << 32;
                for (int len : new int[] {8, 16, 24, 32}) {
                    Object fast = t.probe(hi, 0, len);
                    Object plain = t.probeSlots(hi, 0, len);
                    if (fast != plain) {
                        throw new AssertionError("probe /" + len + " of 10." + b + "." + c + ".77: " + fast + " but "
                                + plain + " in the slots");
                    }
                }
            }
        }
    }

    @Property(tries = 30)
    void theStrideIndexGivesWhatTheSlotsGive(@ForAll long seed) {
        Random rnd = new Random(seed);
        int blocks = 24 + rnd.nextInt(8); // room for S24_MIN + 512 /24s at most 3/4 full
        FibTable t = new FibTable(Family.INET, RouteTable.of(100));
        Route shared = route(rnd, IpPrefix.parse("10.0.0.0/24"), 100);
        int target = FibTable.S24_MIN + rnd.nextInt(512);
        java.util.Set<IpPrefix> dsts = new java.util.HashSet<>();
        while (dsts.size() < target) {
            IpPrefix p = prefix24(blocks, rnd);
            dsts.add(p);
            // mostly one template (a bulk add), sometimes a route of its own or two entries
            Route r = rnd.nextInt(20) > 0 ? shared.toBuilder().dst(p).build() : route(rnd, p, 100);
            t.set(p, rnd.nextInt(30) == 0 ? List.of(r, route(rnd, p, 100)) : List.of(r));
        }
        assertEquals(true, t.hasStride24(), "stride index of " + t.size() + " routes in " + blocks + " blocks");
        if (rnd.nextBoolean()) {
            t.set(IpPrefix.parse("10.0.0.0/8"), List.of(route(rnd, IpPrefix.parse("10.0.0.0/8"), 100)));
            t.set(IpPrefix.parse("10.1.2.3/32"), List.of(route(rnd, IpPrefix.parse("10.1.2.3/32"), 100)));
        }
        assertStrideAgrees(t, blocks);
        FibTable c = t.copy();
        int ops = rnd.nextInt(3000);
        for (int i = 0; i < ops; i++) {
            IpPrefix p = rnd.nextInt(10) == 0 ? prefix4(rnd) : prefix24(blocks + 2, rnd);
            int n = rnd.nextInt(3);
            t.set(p, n == 0 ? List.of() : n == 1 ? List.of(shared.toBuilder().dst(p).build())
                    : List.of(route(rnd, p, 100)));
        }
        assertStrideAgrees(t, blocks + 2);
        assertStrideAgrees(c, blocks); // the copy's index is its own
        // a block emptied and filled again: its first /24 brings a value of its own, the next ones another
        int k = rnd.nextInt(blocks);
        for (int x = 0; x < 256; x++) {
            t.set(IpPrefix.masked(InetAddresses.fromBytes(new byte[] {10, (byte) k, (byte) x, 0}), 24), List.of());
        }
        for (int x = 0, n = 1 + rnd.nextInt(3); x < n; x++) {
            IpPrefix p = IpPrefix.masked(InetAddresses.fromBytes(new byte[] {10, (byte) k, (byte) rnd.nextInt(256), 0}),
                    24);
            t.set(p, List.of(x == 0 ? route(rnd, p, 100) : shared.toBuilder().dst(p).build()));
            assertStrideAgrees(t, blocks + 2);
        }
        if (rnd.nextInt(4) == 0) {
            for (IpPrefix p : t.prefixes()) {
                t.set(p, List.of());
            }
            assertStrideAgrees(t, blocks + 2);
        }
    }

    /** An IPv4 prefix whose first octet is one of a few (lengths below 8 too, so that a short one covers several). */
    private static IpPrefix prefixAnyOctet(Random rnd) {
        int[] octets = {0, 10, 11, 127, 192, 224};
        int a = octets[rnd.nextInt(octets.length)] << 24 | rnd.nextInt(1 << 24);
        int len = new int[] {4, 7, 8, 8, 16, 24, 32, 32}[rnd.nextInt(12) == 0 ? rnd.nextInt(2) : 2 + rnd.nextInt(6)];
        return IpPrefix.masked(InetAddresses.fromBytes(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16),
            (byte) (a >>> 8), (byte) a}), len);
    }

    /** The first-octet filter never turns away an address that a destination of the table contains. */
    private static void assertFilterAgrees(FibTable t, Random rnd) {
        List<IpPrefix> dsts = t.prefixes();
        for (int i = 0; i < 300; i++) {
            int a = rnd.nextInt(4) == 0 ? rnd.nextInt() : new int[] {0, 10, 11, 127, 192, 224, 8}[rnd.nextInt(7)] << 24
                    | rnd.nextInt(1 << 24);
            InetAddress addr = InetAddresses.fromBytes(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16),
                (byte) (a >>> 8), (byte) a});
            boolean held = dsts.stream().anyMatch(p -> p.contains(addr));
            boolean may = t.mayContain(Bits.hi(addr));
            if (held && !may) {
                throw new AssertionError("the filter turns away " + InetAddresses.format(addr) + " but " + dsts.stream()
                        .filter(p -> p.contains(addr)).findFirst().orElseThrow() + " contains it");
            }
            if (!held && may && dsts.stream().noneMatch(p -> p.length() < 8
                    || (Bits.hi(p.address()) >>> 56) == (Bits.hi(addr) >>> 56))) {
                throw new AssertionError("the filter lets " + InetAddresses.format(addr) + " through, but no "
                        + "destination has its first octet: " + dsts);
            }
        }
    }

    @Property(tries = 100)
    void theFirstOctetFilterTurnsAwayOnlyAddressesNoDestinationContains(@ForAll long seed) {
        Random rnd = new Random(seed);
        FibTable t = new FibTable(Family.INET, RouteTable.of(100));
        List<IpPrefix> added = new ArrayList<>();
        for (int i = 0, n = rnd.nextInt(60); i < n; i++) {
            IpPrefix p = rnd.nextInt(4) == 0 && !added.isEmpty() ? added.get(rnd.nextInt(added.size()))
                    : prefixAnyOctet(rnd);
            // removals (an empty list) and replacements as well as adds
            t.set(p, rnd.nextInt(4) == 0 ? List.of() : List.of(route(rnd, p, 100)));
            added.add(p);
            if (rnd.nextInt(8) == 0) {
                assertFilterAgrees(t, rnd);
            }
        }
        assertFilterAgrees(t, rnd);
        FibTable c = t.copy();
        for (IpPrefix p : added) {
            if (rnd.nextInt(3) == 0) {
                c.set(p, List.of());
            }
        }
        assertFilterAgrees(c, rnd);
        assertFilterAgrees(t, rnd); // the copy's filter is its own
        t.clear();
        assertFilterAgrees(t, rnd);
    }

    @Property(tries = 10)
    void aDenseTableOfSlash24sUsesTheStrideIndexAndASparseOneDoesNot(@ForAll long seed) {
        Random rnd = new Random(seed);
        FibTable dense = new FibTable(Family.INET, RouteTable.of(100));
        FibTable sparse = new FibTable(Family.INET, RouteTable.of(100));
        Route shared = route(rnd, IpPrefix.parse("10.0.0.0/24"), 100);
        for (int i = 0; i < 2 * FibTable.S24_MIN; i++) {
            IpPrefix d = IpPrefix.masked(InetAddresses.fromBytes(new byte[] {10, (byte) (i >>> 8), (byte) i, 0}), 24);
            dense.set(d, List.of(shared.toBuilder().dst(d).build()));
            IpPrefix s = IpPrefix.masked(InetAddresses.fromBytes(new byte[] {(byte) (1 + (i >>> 8)), (byte) i,
                (byte) rnd.nextInt(256), 0}), 24);
            sparse.set(s, List.of(shared.toBuilder().dst(s).build()));
        }
        assertEquals(true, dense.hasStride24(), "dense");
        assertEquals(false, sparse.hasStride24(), "sparse");
        assertStrideAgrees(dense, 2 * FibTable.S24_MIN / 256);
    }

    /**
     * {@link RoutingModelTest#links()} (lo, eth0, eth1, down0; no rules) with eth2 (5, a link-scope address only), a
     * second subnet on eth0 and 2001:db8:ff::2/64 on eth0 with its prefix route.
     */
    private static RoutingModel.Builder node() {
        return RoutingModelTest.links()
                .link(Link.of(5, "eth2", "dummy", true, 1500))
                // a second subnet on eth0: its source depends on the gateway (192.168.2.1 selects 192.168.2.3)
                .address(Address.of(CidrAddress.parse("192.168.2.3/24"), "eth0"))
                .address(Address.parse("169.254.9.9/16 scope link dev eth2"))
                .address(Address.of(CidrAddress.parse("2001:db8:ff::2/64"), "eth0"))
                .route(Route.parse("local 192.168.2.3 dev eth0 table local proto kernel scope host src 192.168.2.3"))
                .route(Route.parse("2001:db8:ff::/64 dev eth0 proto kernel metric 256"));
    }

    private static InetAddress address4(Random rnd) {
        int a = rnd.nextInt(8) == 0 ? (192 << 24 | 168 << 16 | (1 + rnd.nextInt(2)) << 8 | rnd.nextInt(8))
                : rnd.nextInt(16) == 0 ? (new int[] {11, 127, 172, 8}[rnd.nextInt(4)] << 24 | rnd.nextInt(1 << 24))
                : (10 << 24) | (rnd.nextInt(4) << 16) | (rnd.nextInt(4) << 8) | rnd.nextInt(64);
        return InetAddresses.fromBytes(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    }

    @Property(tries = 150)
    void theLongestMatchIsTheLongestPrefixContainingTheAddress(@ForAll long seed) {
        Random rnd = new Random(seed);
        RoutingModel.Builder b = node();
        Map<IpPrefix, List<Route>> ref = new LinkedHashMap<>();
        for (int i = 0, n = 1 + rnd.nextInt(300); i < n; i++) {
            IpPrefix p = prefix4(rnd);
            // usable unicast routes only (eth0 and eth1 are up), so that the first entry of a prefix is the answer
            Route r = Route.parse(p + " dev " + (rnd.nextBoolean() ? "eth0" : "eth1") + " table 100"
                    + (rnd.nextBoolean() ? " via " + GATEWAYS[rnd.nextInt(2)] : "")
                    + (rnd.nextInt(3) == 0 ? " proto static" : ""));
            if (ref.putIfAbsent(p, List.of(r)) == null) {
                b.route(r);
            }
        }
        RoutingModel m = b.build();
        FibTable t = m.table(Family.INET, 100);
        for (int i = 0; i < 200; i++) {
            InetAddress a = address4(rnd);
            IpPrefix best = null;
            for (IpPrefix p : ref.keySet()) {
                if (p.contains(a) && (best == null || p.length() > best.length())) {
                    best = p;
                }
            }
            FibResult res = m.fibTable(t, FibQuery.to(a));
            if (best == null) {
                assertEquals(false, res.ok(), a + ": " + res);
            } else {
                assertEquals(true, res.ok(), a + ": " + res);
                assertEquals(best.length(), res.prefixLength(), a.toString());
                assertEquals(t.get(best).get(0), res.route(), a.toString());
            }
        }
    }

    @Property(tries = 100)
    void anUntracedLookupGivesWhatATracedOneGives(@ForAll long seed) {
        Random rnd = new Random(seed);
        RoutingModel.Builder b = node();
        long[] tables = {254, 100, 101, 102};
        for (int i = 0, n = rnd.nextInt(200); i < n; i++) {
            boolean v4 = rnd.nextInt(4) > 0;
            IpPrefix p = v4 ? prefix4(rnd) : prefix6(rnd);
            b.route(route(rnd, p, tables[rnd.nextInt(tables.length)]));
        }
        // rules: runs of source-only rules (some long enough to be indexed), broken by other selectors, gotos,
        // inverted and suppressing rules; the default rules last
        List<Rule> rules = new ArrayList<>();
        long pref = 10;
        int groups = rnd.nextInt(5);
        for (int g = 0; g < groups; g++) {
            int run = rnd.nextInt(3) == 0 ? rnd.nextInt(4) : PolicyRules.MIN_RUN + rnd.nextInt(20);
            for (int i = 0; i < run; i++) {
                String from = rnd.nextInt(6) == 0 ? "192.168.1.2/32" : prefix4(rnd).toString();
                if (from.endsWith("/0")) {
                    from = "10.0.0.0/8";
                }
                rules.add(Rule.parse("pref " + pref++ + " from " + from + " lookup " + tables[rnd.nextInt(4)]));
            }
            switch (rnd.nextInt(6)) {
                case 0 -> rules.add(Rule.parse("pref " + pref++ + " fwmark 0x" + (1 + rnd.nextInt(2)) + " lookup 101"));
                case 1 -> rules.add(Rule.parse("pref " + pref++ + " not from " + prefix4(rnd) + " lookup 102"));
                case 2 -> rules.add(Rule.parse("pref " + pref++ + " from " + prefix4(rnd) + " goto "
                        + (pref + rnd.nextInt(10))));
                case 3 -> rules.add(Rule.parse("pref " + pref++ + " lookup main suppress_prefixlength 0"));
                case 4 -> rules.add(Rule.parse("pref " + pref++ + " to " + prefix4(rnd) + " lookup 100"));
                default -> rules.add(Rule.parse("pref " + pref++ + " iif eth1 lookup 101"));
            }
        }
        rules.add(Rule.parse("pref 32766 lookup main"));
        rules.add(Rule.parse("pref 32767 lookup default"));
        rules.add(Rule.parse("pref 0 lookup local"));
        for (Rule r : rules) {
            b.rule(r);
        }
        b.rule(Rule.parse("pref 0 lookup local").toBuilder().family(Family.INET6).build());
        b.rule(Rule.parse("pref 32766 lookup main").toBuilder().family(Family.INET6).build());
        RoutingModel m = b.ipv4TablesMerged(groups == 0 && rnd.nextBoolean()).build();
        for (int i = 0; i < 200; i++) {
            boolean v4 = rnd.nextInt(5) > 0;
            RouteLookup.Builder q = RouteLookup.builder();
            if (v4) {
                q.to(address4(rnd));
                if (rnd.nextBoolean()) {
                    q.from(rnd.nextInt(4) == 0 ? InetAddresses.parse("192.168.1.2") : address4(rnd));
                    if (rnd.nextInt(3) == 0) {
                        q.iif(rnd.nextBoolean() ? "eth0" : "eth1");
                    }
                }
                if (rnd.nextInt(4) == 0) {
                    q.tos(0x10);
                }
            } else {
                q.to(prefix6(rnd).address());
            }
            if (rnd.nextInt(4) == 0) {
                q.mark((long) rnd.nextInt(3));
            }
            if (rnd.nextInt(6) == 0) {
                q.oif(rnd.nextBoolean() ? "eth0" : "eth1");
            }
            RouteLookup flow = q.build();
            Decision plain = m.lookup(flow);
            Decision fast = m.decide(flow);
            assertEquals(plain.ok(), fast.ok(), () -> flow + "\n" + plain.explain());
            assertEquals(plain.errno(), fast.errno(), () -> flow + "\n" + plain.explain());
            assertEquals(plain.result(), fast.result(), () -> flow + "\n" + plain.explain());
        }
    }
}
