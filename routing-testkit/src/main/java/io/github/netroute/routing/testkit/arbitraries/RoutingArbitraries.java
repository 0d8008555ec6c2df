package io.github.netroute.routing.testkit.arbitraries;

import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.PortRange;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteMetrics;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.UidRange;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for netroute's value types and for whole routing states, shaped like what real routing code sees:
 * prefixes drawn from a small pool of base networks with varying lengths (so that pairs often overlap or nest),
 * routes of every type for both families with tables above 255, metrics and multipath, rules with random selectors
 * and actions, links, addresses, flows to look up, and {@link RoutingState}s that a fresh namespace accepts without
 * an error.
 *
 * <pre>{@code
 * <p>Stateless: its factories may be called from any thread.
 *
 * @Property
 * void lookupNeverThrowsAnUncheckedException(@ForAll("flows") RouteLookup flow) throws Exception {
 *     try { kernel.lookup(flow); } catch (RoutingException expected) { }
 * }
 *
 * @Provide
 * Arbitrary<RouteLookup> flows() {
 *     return RoutingArbitraries.lookups();
 * }
 *
 * @Property
 * void routesRoundTrip(@ForAll Route r) {                   // through the registered ArbitraryProvider
 *     assertEquals(r, Route.parse(r.toString()));
 * }
 *
 * @Property(tries = 50)
 * void statesApply(@ForAll RoutingState state) throws Exception {
 *     state.applyTo(InMemoryKernel.freshNamespace());       // never throws: valid by construction
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link IpPrefix}, {@link CidrAddress}, {@link Route}, {@link Rule}, {@link Link},
 * {@link Address}, {@link RouteLookup} and {@link RoutingState} annotated {@code @ForAll} get these generators
 * without a {@code @Provide} method: {@link RoutingArbitraryProvider} is registered through
 * {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}.
 *
 * <p>The pools (deliberately small, so that generated objects collide): IPv4 bases {@code 10.0.0.0},
 * {@code 10.1.0.0}, {@code 10.1.2.0}, {@code 10.96.0.0}, {@code 172.16.0.0}, {@code 192.168.1.0}; IPv6 bases
 * {@code 2001:db8::}, {@code 2001:db8:1::}, {@code 2001:db8:1:2::}, {@code fd00:10:96::}; device names
 * {@code eth0}, {@code eth1}, {@code br0}, {@code br1}, {@code kube-ipvs0}; tables main, local, 100, 1000 and a
 * random id above 255.
 */
public final class RoutingArbitraries {
    private RoutingArbitraries() {}

    static final List<String> V4_BASES = List.of("10.0.0.0", "10.1.0.0", "10.1.2.0", "10.96.0.0", "172.16.0.0",
            "192.168.1.0");
    static final List<String> V6_BASES = List.of("2001:db8::", "2001:db8:1::", "2001:db8:1:2::", "fd00:10:96::");
    static final List<String> DEVICES = List.of("eth0", "eth1", "br0", "br1", "kube-ipvs0");

    // ------------------------------------------------------------------ addresses and prefixes

    /**
     * IPv4 and IPv6 prefixes (IPv4 two times in three), biased to overlap and nest.
     *
     * @return the arbitrary of prefixes
     */
    public static Arbitrary<IpPrefix> prefixes() {
        return Arbitraries.frequencyOf(Tuple.of(2, ipv4Prefixes()), Tuple.of(1, ipv6Prefixes()));
    }

    /**
     * IPv4 prefixes: a base network from the pool, often with random bits below /16, masked to a length biased to
     * 8, 12, 16, 24 and 32; now and then the default prefix. Two draws overlap (one contains the other) more often
     * than not.
     *
     * @return the arbitrary of IPv4 prefixes
     */
    public static Arbitrary<IpPrefix> ipv4Prefixes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(IpPrefix.DEFAULT_V4)),
                Tuple.of(19, Combinators.combine(ipv4Addresses(), lengths(32))
                        .as((a, len) -> IpPrefix.masked(a, len))));
    }

    /**
     * IPv6 prefixes, as {@link #ipv4Prefixes()} with lengths biased to 32, 48, 56, 64, 96, 112 and 128.
     *
     * @return the arbitrary of IPv6 prefixes
     */
    public static Arbitrary<IpPrefix> ipv6Prefixes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(IpPrefix.DEFAULT_V6)),
                Tuple.of(19, Combinators.combine(ipv6Addresses(), lengths(128))
                        .as((a, len) -> IpPrefix.masked(a, len))));
    }

    /**
     * Prefixes of one family.
     *
     * @param family the family
     * @return the arbitrary of prefixes
     */
    public static Arbitrary<IpPrefix> prefixes(Family family) {
        return family == Family.INET ? ipv4Prefixes() : ipv6Prefixes();
    }

    /**
     * Addresses with a prefix length, host bits set (interface addresses, rule selectors), both families.
     *
     * @return the arbitrary of addresses with a prefix length
     */
    public static Arbitrary<CidrAddress> cidrAddresses() {
        return Arbitraries.frequencyOf(Tuple.of(2, cidrAddresses(Family.INET)), Tuple.of(1, cidrAddresses(Family.INET6)));
    }

    /**
     * Addresses with a prefix length of one family.
     *
     * @param family the family
     * @return the arbitrary of addresses with a prefix length
     */
    public static Arbitrary<CidrAddress> cidrAddresses(Family family) {
        return family == Family.INET
                ? Combinators.combine(ipv4Addresses(), lengths(32)).as(CidrAddress::of)
                : Combinators.combine(ipv6Addresses(), lengths(128)).as(CidrAddress::of);
    }

    /**
     * IPv4 addresses in the pool's networks: a base, often with random low 16 bits.
     *
     * @return the arbitrary of IPv4 addresses
     */
    public static Arbitrary<InetAddress> ipv4Addresses() {
        return Combinators.combine(Arbitraries.of(V4_BASES),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 255)),
                        Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF))))
                .as((base, low) -> {
                    byte[] b = InetAddresses.parse(base).getAddress();
                    b[2] |= (byte) (low >> 8);
                    b[3] |= (byte) (low & 0xff);
                    return InetAddresses.fromBytes(b);
                });
    }

    /**
     * IPv6 addresses in the pool's networks: a base, often with random bits in the 5th and last 16-bit groups.
     *
     * @return the arbitrary of IPv6 addresses
     */
    public static Arbitrary<InetAddress> ipv6Addresses() {
        return Combinators.combine(Arbitraries.of(V6_BASES),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF))),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF))))
                .as((base, mid, low) -> {
                    byte[] b = InetAddresses.parse(base).getAddress();
                    b[6] |= (byte) (mid >> 8);
                    b[7] |= (byte) (mid & 0xff);
                    b[14] |= (byte) (low >> 8);
                    b[15] |= (byte) (low & 0xff);
                    return InetAddresses.fromBytes(b);
                });
    }

    private static Arbitrary<Integer> lengths(int bits) {
        Arbitrary<Integer> usual = bits == 32 ? Arbitraries.of(8, 12, 16, 24, 32)
                : Arbitraries.of(32, 48, 56, 64, 96, 112, 128);
        return Arbitraries.frequencyOf(Tuple.of(3, usual), Tuple.of(1, Arbitraries.integers().between(0, bits)));
    }

    // ------------------------------------------------------------------ routes

    /**
     * Routes of both families (IPv4 two times in three).
     *
     * @return the arbitrary of routes
     */
    public static Arbitrary<Route> routes() {
        return Arbitraries.frequencyOf(Tuple.of(2, ipv4Routes()), Tuple.of(1, ipv6Routes()));
    }

    /**
     * Routes of one family.
     *
     * @param family the family
     * @return the arbitrary of routes
     */
    public static Arbitrary<Route> routes(Family family) {
        return family == Family.INET ? ipv4Routes() : ipv6Routes();
    }

    /**
     * Valid-looking IPv4 routes of every type: unicast via a gateway, through a device, or multipath; local,
     * broadcast, anycast (table local, the right scope, a device); multicast; blackhole, unreachable, prohibit,
     * throw, nat (no device). Tables main, local, 100, 1000 or any id above 255; metric 0 or not; tos; protocol;
     * prefsrc; an MTU now and then. "Valid-looking" means shaped as the kernel requires (scope per type, no
     * device on error types): whether a namespace accepts one depends on its links and addresses.
     *
     * @return the arbitrary of IPv4 routes
     */
    public static Arbitrary<Route> ipv4Routes() {
        Arbitrary<RouteType> types = Arbitraries.frequency(Tuple.of(12, RouteType.UNICAST), Tuple.of(3, RouteType.LOCAL),
                Tuple.of(1, RouteType.BROADCAST), Tuple.of(1, RouteType.ANYCAST), Tuple.of(1, RouteType.MULTICAST),
                Tuple.of(2, RouteType.BLACKHOLE), Tuple.of(2, RouteType.UNREACHABLE), Tuple.of(1, RouteType.PROHIBIT),
                Tuple.of(1, RouteType.THROW), Tuple.of(1, RouteType.NAT));
        Arbitrary<Integer> tos = Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 0x10), Tuple.of(1, 0x08));
        return Combinators.combine(types, ipv4Prefixes(), tables(), metrics(), tos, protocols(),
                Arbitraries.integers().between(0, 9), ipv4Addresses().list().ofMinSize(3).ofMaxSize(3))
                .as((type, dst, table, metric, t, proto, shape, gws) -> {
                    Route.Builder b = Route.builder().family(Family.INET).type(type).dst(dst).priority(metric).tos(t)
                            .protocol(proto);
                    String dev = DEVICES.get(shape % DEVICES.size());
                    switch (type) {
                        case UNICAST:
                            if (shape < 4) {
                                b.gateway(gws.get(0)).device(shape < 2 ? dev : null);
                            } else if (shape < 7) {
                                b.device(dev);
                            } else {
                                List<NextHop> hops = new ArrayList<>();
                                for (int i = 0; i < 2 + shape % 2; i++) {
                                    hops.add(new NextHop(gws.get(i), DEVICES.get((shape + i) % DEVICES.size()), 0,
                                            1 + i, Set.of()));
                                }
                                b.nextHops(hops);
                            }
                            if (shape == 1) {
                                b.flags(Set.of(NextHopFlag.ONLINK));
                            }
                            if (shape == 3) {
                                b.metrics(RouteMetrics.of(RouteMetric.MTU, 1400));
                            }
                            b.table(table);
                            break;
                        case LOCAL:
                        case BROADCAST:
                        case ANYCAST:
                            b.device(dev).table(shape < 8 ? RouteTable.LOCAL : table);
                            if (type == RouteType.LOCAL && shape % 3 == 0) {
                                b.prefsrc(gws.get(1));
                            }
                            break;
                        case MULTICAST:
                            b.device(dev).table(table);
                            break;
                        case NAT:
                            b.table(shape < 8 ? RouteTable.LOCAL : table).scope(RouteScope.NOWHERE);
                            break;
                        default:
                            b.table(table);
                            break;
                    }
                    if (type == RouteType.UNICAST && shape % 4 == 2) {
                        b.prefsrc(gws.get(2));
                    }
                    return b.build();
                });
    }

    /**
     * Valid-looking IPv6 routes: unicast via a gateway, through a device, or multipath (gateways only, as the kernel
     * requires); local, anycast, multicast; blackhole, unreachable, prohibit, throw. Metric 0 (the kernel's 1024) or
     * not, a source prefix ({@code from}) and a router preference now and then.
     *
     * @return the arbitrary of IPv6 routes
     */
    public static Arbitrary<Route> ipv6Routes() {
        Arbitrary<RouteType> types = Arbitraries.frequency(Tuple.of(12, RouteType.UNICAST), Tuple.of(3, RouteType.LOCAL),
                Tuple.of(1, RouteType.ANYCAST), Tuple.of(1, RouteType.MULTICAST), Tuple.of(2, RouteType.BLACKHOLE),
                Tuple.of(2, RouteType.UNREACHABLE), Tuple.of(1, RouteType.PROHIBIT), Tuple.of(1, RouteType.THROW));
        Arbitrary<RoutePreference> prefs = Arbitraries.frequency(Tuple.of(6, (RoutePreference) null),
                Tuple.of(1, RoutePreference.LOW), Tuple.of(1, RoutePreference.HIGH));
        return Combinators.combine(types, ipv6Prefixes(), tables(), metrics(), protocols(),
                Arbitraries.integers().between(0, 9), ipv6Addresses().list().ofMinSize(3).ofMaxSize(3), prefs)
                .as((type, dst, table, metric, proto, shape, gws, pref) -> {
                    Route.Builder b = Route.builder().family(Family.INET6).type(type).dst(dst).priority(metric)
                            .protocol(proto).scope(RouteScope.UNIVERSE);
                    String dev = DEVICES.get(shape % DEVICES.size());
                    switch (type) {
                        case UNICAST:
                            if (shape < 4) {
                                b.gateway(gws.get(0)).device(shape < 2 ? dev : null);
                            } else if (shape < 7) {
                                b.device(dev);
                            } else {
                                List<NextHop> hops = new ArrayList<>();
                                for (int i = 0; i < 2 + shape % 2; i++) {
                                    hops.add(new NextHop(gws.get(i), DEVICES.get((shape + i) % DEVICES.size()), 0,
                                            1, Set.of()));
                                }
                                b.nextHops(hops);
                            }
                            if (shape == 5) {
                                b.src(IpPrefix.masked(gws.get(1), 64));
                            }
                            b.table(table).preference(pref);
                            break;
                        case LOCAL:
                        case ANYCAST:
                            b.device(dev).table(shape < 8 ? RouteTable.LOCAL : table);
                            break;
                        case MULTICAST:
                            b.device(dev).table(table);
                            break;
                        default:
                            b.table(table);
                            break;
                    }
                    if (type == RouteType.UNICAST && shape % 4 == 2) {
                        b.prefsrc(gws.get(2));
                    }
                    return b.build();
                });
    }

    /**
     * Tables: main (most often), 100, 1000, local, or a random id above 255.
     *
     * @return the arbitrary of tables
     */
    public static Arbitrary<RouteTable> tables() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(RouteTable.MAIN)),
                Tuple.of(2, Arbitraries.of(RouteTable.of(100), RouteTable.of(1000))),
                Tuple.of(1, Arbitraries.just(RouteTable.LOCAL)),
                Tuple.of(1, Arbitraries.longs().between(256, 0xFFFF_FFF0L).map(RouteTable::of)));
    }

    private static Arbitrary<Long> metrics() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0L)), Tuple.of(3, Arbitraries.of(10L, 100L, 1024L)),
                Tuple.of(1, Arbitraries.longs().between(1, 0xFFFF_FFFFL)));
    }

    private static Arbitrary<RouteProtocol> protocols() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(RouteProtocol.BOOT)),
                Tuple.of(2, Arbitraries.just(RouteProtocol.STATIC)),
                Tuple.of(1, Arbitraries.integers().between(5, 255).map(RouteProtocol::of)));
    }

    // ------------------------------------------------------------------ rules

    /**
     * Rules of both families (IPv4 two times in three).
     *
     * @return the arbitrary of rules
     */
    public static Arbitrary<Rule> rules() {
        return Arbitraries.frequencyOf(Tuple.of(2, ipv4Rules()), Tuple.of(1, ipv6Rules()));
    }

    /**
     * Rules of one family.
     *
     * @param family the family
     * @return the arbitrary of rules
     */
    public static Arbitrary<Rule> rules(Family family) {
        return family == Family.INET ? ipv4Rules() : ipv6Rules();
    }

    /**
     * IPv4 rules with random selectors ({@code from}, {@code to}, {@code iif}, {@code oif}, {@code fwmark[/mask]},
     * {@code tos}, {@code ipproto}, ports, uid range, {@code not}, suppressors, protocol) and actions (lookup, goto a
     * higher priority, nop, blackhole, unreachable, prohibit). Every rule passes the kernel's validation.
     *
     * @return the arbitrary of IPv4 rules
     */
    public static Arbitrary<Rule> ipv4Rules() {
        return rules(Family.INET, false);
    }

    /**
     * IPv6 rules, as {@link #ipv4Rules()} without tos and realms.
     *
     * @return the arbitrary of IPv6 rules
     */
    public static Arbitrary<Rule> ipv6Rules() {
        return rules(Family.INET6, false);
    }

    /** Rule priorities: unset (kernel-chosen), small, or any value except the default rules' 0, 32766, 32767. */
    static Arbitrary<Long> priorities() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just((Long) null)),
                Tuple.of(3, Arbitraries.of(100L, 200L, 1000L, 32000L)),
                Tuple.of(2, Arbitraries.longs().between(1, 32765)));
    }

    static Arbitrary<Rule> rules(Family f, boolean forState) {
        Arbitrary<CidrAddress> addr = cidrAddresses(f).injectNull(0.6);
        Arbitrary<String> devs = Arbitraries.of(DEVICES).injectNull(0.8);
        Arbitrary<Long[]> mark = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(new Long[] {null, null})),
                Tuple.of(1, Arbitraries.of(1L, 0x10L, 0xffL).map(m -> new Long[] {m, null})),
                Tuple.of(1, Arbitraries.of(1L, 0x10L).map(m -> new Long[] {m, 0xffL})));
        Arbitrary<Integer> tos = f == Family.INET
                ? Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 0x10), Tuple.of(1, 0x04)) : Arbitraries.just(0);
        Arbitrary<int[]> extra = Arbitraries.integers().between(0, 0xFFFF).array(int[].class).ofSize(5);
        Arbitrary<RuleAction> actions = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(RouteTable.MAIN, RouteTable.LOCAL, RouteTable.of(100), RouteTable.of(1000),
                        RouteTable.of(70000)).map(RuleAction::lookup)),
                Tuple.of(1, Arbitraries.of(RuleAction.nop(), RuleAction.blackhole(), RuleAction.unreachable(),
                        RuleAction.prohibit())));
        return Combinators.combine(priorities(), actions, addr, addr, devs, devs, mark, Combinators.combine(tos, extra)
                .as((t, x) -> new int[] {t, x[0], x[1], x[2], x[3], x[4]}))
                .as((prio, act, from, to, iif, oif, m, x) -> {
                    Rule.Builder b = Rule.builder().family(f).priority(prio).from(from).to(to).iif(iif).oif(oif)
                            .fwmark(m[0]).fwmask(m[1]).tos(x[0]);
                    if (x[5] % 10 == 9) {
                        // one in ten jumps: a goto needs an explicit priority below its target
                        long p = prio == null ? 100 : prio;
                        act = RuleAction.gotoPriority(p + 1 + x[5] % 3000);
                        b.priority(p);
                    }
                    b.action(act);
                    int sel = x[1] % 16;
                    if (sel == 1) {
                        b.ipProto(6).dport(PortRange.of(1 + x[2] % 65000));
                    } else if (sel == 2) {
                        int s = 1 + x[2] % 60000;
                        b.ipProto(17).sport(new PortRange(s, s + x[3] % 1000));
                    } else if (sel == 3) {
                        b.uidRange(new UidRange(x[2], x[2] + x[3]));
                    } else if (sel == 4 && act instanceof RuleAction.Lookup) {
                        b.suppressPrefixLength(x[2] % (f.bits() + 1));
                    } else if (sel == 5 && !forState) {
                        b.invert(true);
                    } else if (sel == 6) {
                        b.protocol(RouteProtocol.STATIC);
                    } else if (sel == 7 && act instanceof RuleAction.Lookup && !forState) {
                        b.suppressIfGroup(x[2] % 4);
                    }
                    return b.build();
                });
    }

    // ------------------------------------------------------------------ links, addresses, flows

    /**
     * Links as {@code ip link} lists them: bridges and dummies, up or down, index 2 and above.
     *
     * @return the arbitrary of links
     */
    public static Arbitrary<Link> links() {
        Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(DEVICES)),
                Tuple.of(1, Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1)
                        .ofMaxLength(8), Arbitraries.integers().between(0, 99)).as((s, n) -> s + n)));
        return Combinators.combine(Arbitraries.integers().between(2, 4096), names, Arbitraries.of("bridge", "dummy"),
                Arbitraries.of(true, false), Arbitraries.of(1500, 1500, 9000, 65535))
                .as(Link::of);
    }

    /**
     * Interface addresses ({@code ip addr add}): IPv4 with a length of 8 to 32, IPv6 of 48 to 128 with
     * {@code nodad} (mostly), on a device of the pool, now and then {@code noprefixroute}.
     *
     * @return the arbitrary of interface addresses
     */
    public static Arbitrary<Address> addresses() {
        Arbitrary<Address> v4 = Combinators.combine(ipv4Addresses(), Arbitraries.integers().between(8, 32),
                Arbitraries.of(DEVICES), Arbitraries.integers().between(0, 9))
                .as((a, len, dev, x) -> new Address(CidrAddress.of(a, len), null, null, dev, 0, RouteScope.UNIVERSE,
                        x == 0 ? Set.of(AddressFlag.NOPREFIXROUTE) : Set.of(), null, x == 1 ? 100 : 0,
                        Address.FOREVER, Address.FOREVER));
        Arbitrary<Address> v6 = Combinators.combine(ipv6Addresses(), Arbitraries.integers().between(48, 128),
                Arbitraries.of(DEVICES), Arbitraries.integers().between(0, 9))
                .as((a, len, dev, x) -> new Address(CidrAddress.of(a, len), null, null, dev, 0, RouteScope.UNIVERSE,
                        x == 0 ? Set.of(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE)
                                : x == 1 ? Set.of() : Set.of(AddressFlag.NODAD),
                        null, 0, Address.FOREVER, Address.FOREVER));
        return Arbitraries.frequencyOf(Tuple.of(2, v4), Tuple.of(1, v6));
    }

    /**
     * Flows to look up ({@code ip route get}): destinations in the pool's networks, now and then with a source, an
     * output device, a mark, a tos, or a protocol and ports.
     *
     * @return the arbitrary of flows
     */
    public static Arbitrary<RouteLookup> lookups() {
        return Arbitraries.frequencyOf(Tuple.of(2, lookups(Family.INET)), Tuple.of(1, lookups(Family.INET6)));
    }

    /**
     * Flows of one family.
     *
     * @param f the family
     * @return the arbitrary of flows
     */
    public static Arbitrary<RouteLookup> lookups(Family f) {
        Arbitrary<InetAddress> addrs = f == Family.INET ? ipv4Addresses() : ipv6Addresses();
        return Combinators.combine(addrs, addrs.injectNull(0.7), Arbitraries.of(DEVICES).injectNull(0.8),
                Arbitraries.of(1L, 0x10L, 0xffL).injectNull(0.7), Arbitraries.integers().between(0, 9))
                .as((to, from, oif, mark, x) -> RouteLookup.builder().to(to).from(from).oif(oif).mark(mark)
                        .tos(f == Family.INET && x == 0 ? 0x10 : 0).ipProto(x == 1 ? 6 : null)
                        .dport(x == 1 ? 80 : null).build());
    }

    // ------------------------------------------------------------------ whole states

    /**
     * Routing states that a fresh network namespace accepts in order without an error: {@code lo} up; one to three
     * bridges {@code nrb0..nrb2} (usually up), each with {@code 100.64.N.1} (and sometimes a secondary
     * {@code 100.64.N.2}) in a /24, /25 or /28 and, when up, {@code fd7e:0:0:N::1/64 nodad}; up to twelve routes of
     * both families (unicast via a gateway in a bridge's subnet, through a bridge, multipath, local, broadcast,
     * blackhole/unreachable/prohibit/throw) in tables main, local, 100, 1000 and 70000 with unique keys; up to six
     * rules of both families with unique explicit priorities (never those of the default rules) or none.
     *
     * <p>Route destinations come from the prefix pool, which never overlaps {@code 100.64.0.0/10} or
     * {@code fd7e::/16}, so no route shadows a gateway; IPv6 metrics avoid the kernel's 256.
     *
     * @return the arbitrary of routing states
     */
    public static Arbitrary<RoutingState> routingStates() {
        Arbitrary<List<Integer>> linkShapes = Arbitraries.integers().between(0, 15).list().ofMinSize(1).ofMaxSize(3);
        return linkShapes.flatMap(shapes -> {
            List<RoutingState.LinkSpec> links = new ArrayList<>();
            links.add(new RoutingState.LinkSpec("lo", null, true));
            List<Address> addrs = new ArrayList<>();
            List<Bridge> bridges = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                int s = shapes.get(i);
                String name = "nrb" + i;
                boolean up = s % 8 != 7;
                links.add(new RoutingState.LinkSpec(name, "bridge", up));
                int len = s % 3 == 0 ? 24 : s % 3 == 1 ? 25 : 28;
                Address a4 = addr("100.64." + (i + 1) + ".1", len, name, false);
                addrs.add(a4);
                boolean secondary = s / 4 % 2 == 1;
                if (secondary) {
                    addrs.add(addr("100.64." + (i + 1) + ".2", len, name, false));
                }
                Address a6 = null;
                if (up && s % 4 != 3) {
                    a6 = addr("fd7e:0:0:" + (i + 1) + "::1", 64, name, true);
                    addrs.add(a6);
                }
                bridges.add(new Bridge(name, up, a4, a6));
            }
            Arbitrary<List<Route>> routes = routeDraft().list().ofMaxSize(12).map(ds -> resolve(ds, bridges));
            Arbitrary<List<Rule>> rules = Arbitraries.frequencyOf(Tuple.of(2, rules(Family.INET, true)),
                    Tuple.of(1, rules(Family.INET6, true))).list().ofMaxSize(6).map(RoutingArbitraries::uniquePrefs);
            Arbitrary<Integer> nexthopShape = Arbitraries.integers().between(0, 47);
            return Combinators.combine(routes, rules, nexthopShape).as((rs, rls, nh) -> {
                List<Nexthop> nhs = nexthops(nh, bridges);
                List<Route> all = new ArrayList<>(rs);
                all.addAll(nhidRoutes(nh, nhs));
                return new RoutingState(links, addrs, all, rls, nhs);
            });
        });
    }

    private record Bridge(String name, boolean up, Address v4, Address v6) {}

    /**
     * A state's nexthop objects, chosen by {@code shape}: none (a quarter of the states), or one single nexthop
     * through a gateway per up bridge (ids 1.. for IPv4, 11.. for IPv6), now and then a blackhole (id 9), and a group
     * over the IPv4 ones (id 20: hash-threshold with weights, or resilient with 8 buckets), added singles first.
     */
    private static List<Nexthop> nexthops(int shape, List<Bridge> bridges) {
        List<Nexthop> out = new ArrayList<>();
        if (shape % 4 == 0) {
            return out;
        }
        List<Long> v4 = new ArrayList<>();
        for (int i = 0; i < bridges.size(); i++) {
            Bridge x = bridges.get(i);
            if (!x.up()) {
                continue;
            }
            out.add(Nexthop.via(1 + i, host(x.v4(), 7 + shape), x.name()));
            v4.add(1L + i);
            if (x.v6() != null && shape % 3 != 0) {
                out.add(Nexthop.via(11 + i, host(x.v6(), 7 + shape), x.name()));
            }
        }
        if (shape % 5 == 1) {
            out.add(Nexthop.parse("id 9 blackhole"));
        }
        if (v4.size() >= 2 || v4.size() == 1 && shape % 2 == 0) {
            List<NexthopGroup.Member> ms = new ArrayList<>();
            for (int i = 0; i < v4.size(); i++) {
                ms.add(new NexthopGroup.Member(v4.get(i), 1 + (shape + i) % 3));
            }
            out.add(Nexthop.group(20, shape % 8 >= 6 ? NexthopGroup.resilient(ms, 8) : NexthopGroup.mpath(ms)));
        }
        return out;
    }

    /**
     * Routes on a state's nexthops, in {@code 100.127.0.0/16} and {@code fd7e:ff::/32} (outside the route pool and
     * the bridges' subnets): IPv4 ones on any of them (an IPv4 route may use an IPv6 nexthop), IPv6 ones only on
     * IPv6 nexthops.
     */
    private static List<Route> nhidRoutes(int shape, List<Nexthop> nhs) {
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < nhs.size(); i++) {
            Nexthop n = nhs.get(i);
            if ((shape + i) % 3 == 2) {
                continue;
            }
            out.add(Route.builder().family(Family.INET).dst(IpPrefix.parse("100.127." + i + ".0/24"))
                    .nhid(n.id()).protocol(RouteProtocol.BOOT).build());
            if (!n.isGroup() && !n.blackhole() && n.family() == Family.INET6) {
                out.add(Route.builder().family(Family.INET6).dst(IpPrefix.parse("fd7e:ff:" + i + "::/64"))
                        .nhid(n.id()).protocol(RouteProtocol.BOOT).scope(RouteScope.UNIVERSE).build());
            }
        }
        return out;
    }

    /** The raw choices for one route of a state, resolved against the state's bridges by {@link #resolve}. */
    private record Draft(int kind, IpPrefix dst4, IpPrefix dst6, int a, int b, int c, int d) {}

    private static Arbitrary<Draft> routeDraft() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 1000);
        return Combinators.combine(Arbitraries.integers().between(0, 19), ipv4Prefixes(), ipv6Prefixes(), small, small,
                small, small).as(Draft::new);
    }

    private static Address addr(String a, int len, String dev, boolean nodad) {
        return new Address(CidrAddress.of(InetAddresses.parse(a), len), null, null, dev, 0, RouteScope.UNIVERSE,
                nodad ? Set.of(AddressFlag.NODAD) : Set.of(), null, 0, Address.FOREVER, Address.FOREVER);
    }

    private static final RouteTable[] STATE_TABLES = {RouteTable.MAIN, RouteTable.MAIN, RouteTable.MAIN,
        RouteTable.of(100), RouteTable.of(1000), RouteTable.of(70000)};

    private static List<Route> resolve(List<Draft> drafts, List<Bridge> bridges) {
        List<Bridge> up4 = bridges.stream().filter(Bridge::up).toList();
        List<Bridge> up6 = bridges.stream().filter(x -> x.up() && x.v6() != null).toList();
        List<InetAddress> own4 = bridges.stream().map(x -> x.v4().address()).toList();
        Set<String> keys = new HashSet<>();
        List<Route> out = new ArrayList<>();
        for (Draft d : drafts) {
            Route r = build(d, bridges, up4, up6, own4);
            if (r == null) {
                continue;
            }
            // unique keys: bump the metric until the key is free
            for (int i = 0; i < 100 && !keys.add(key(r)); i++) {
                long m = (r.family() == Family.INET6 && r.priority() == 0 ? 1024 : r.priority()) + 1;
                if (r.family() == Family.INET6 && m == 256) {
                    m++;
                }
                r = r.toBuilder().priority(m).build();
            }
            out.add(r);
        }
        return out;
    }

    private static String key(Route r) {
        long m = r.family() == Family.INET6 && r.priority() == 0 ? 1024 : r.priority();
        return r.family() + " " + r.table().id() + " " + r.dst() + " " + r.tos() + " " + m;
    }

    private static InetAddress host(Address a, int n) {
        byte[] b = a.local().toPrefix().address().getAddress();
        int len = a.local().length();
        int room = (1 << Math.min(16, b.length * 8 - len)) - 4; // hosts except .0, .1, .2 and broadcast
        int h = 3 + n % Math.max(1, room);
        b[b.length - 1] |= (byte) h;
        b[b.length - 2] |= (byte) (h >> 8);
        return InetAddresses.fromBytes(b);
    }

    private static Route build(Draft d, List<Bridge> all, List<Bridge> up4, List<Bridge> up6, List<InetAddress> own4) {
        boolean v6 = d.kind() >= 13;
        RouteTable table = STATE_TABLES[d.c() % STATE_TABLES.length];
        long[] metrics4 = {0, 0, 10, 100};
        long[] metrics6 = {0, 0, 100, 2048};
        if (!v6) {
            Route.Builder b = Route.builder().family(Family.INET).dst(d.dst4()).table(table)
                    .priority(metrics4[d.d() % 4]).tos(d.d() % 7 == 6 ? 0x10 : 0)
                    .protocol(d.d() % 5 == 4 ? RouteProtocol.STATIC : RouteProtocol.BOOT);
            int k = d.kind();
            if (k < 5) { // unicast via a gateway
                if (up4.isEmpty()) {
                    return null;
                }
                Bridge x = up4.get(d.a() % up4.size());
                b.gateway(host(x.v4(), d.b())).device(d.b() % 3 == 0 ? null : x.name());
                if (d.a() % 4 == 3) {
                    b.prefsrc(own4.get(d.b() % own4.size()));
                }
            } else if (k < 7) { // through a device
                if (up4.isEmpty()) {
                    return null;
                }
                b.device(up4.get(d.a() % up4.size()).name());
            } else if (k < 9) { // local
                b.type(RouteType.LOCAL).device(all.get(d.a() % all.size()).name()).table(RouteTable.LOCAL);
                if (d.b() % 2 == 0) {
                    b.prefsrc(own4.get(d.b() % own4.size()));
                }
            } else if (k < 11) { // error types
                RouteType[] t = {RouteType.BLACKHOLE, RouteType.UNREACHABLE, RouteType.PROHIBIT, RouteType.THROW};
                b.type(t[d.a() % 4]);
            } else if (k == 11) { // multipath
                if (up4.isEmpty()) {
                    return null;
                }
                Bridge x = up4.get(d.a() % up4.size());
                Bridge y = up4.get((d.a() + 1) % up4.size());
                InetAddress gx = host(x.v4(), d.b());
                InetAddress gy = host(y.v4(), d.b() + 1);
                b.nextHops(List.of(new NextHop(gx, x.name(), 0, 1 + d.b() % 3, Set.of()),
                        new NextHop(gy, y.name(), 0, 1, Set.of())));
            } else { // broadcast
                if (up4.isEmpty()) {
                    return null;
                }
                b.type(RouteType.BROADCAST).device(up4.get(d.a() % up4.size()).name()).table(RouteTable.LOCAL);
            }
            return b.build();
        }
        Route.Builder b = Route.builder().family(Family.INET6).dst(d.dst6()).table(table)
                .priority(metrics6[d.d() % 4]).scope(RouteScope.UNIVERSE)
                .protocol(d.d() % 5 == 4 ? RouteProtocol.STATIC : RouteProtocol.BOOT);
        int k = d.kind() - 13;
        if (k < 3) { // via a gateway
            if (up6.isEmpty()) {
                return null;
            }
            Bridge x = up6.get(d.a() % up6.size());
            b.gateway(host(x.v6(), d.b())).device(d.b() % 3 == 0 ? null : x.name());
            if (d.a() % 4 == 3) {
                b.prefsrc(up6.get(d.b() % up6.size()).v6().address());
            }
        } else if (k < 4) { // through a device
            if (up4.isEmpty()) {
                return null;
            }
            b.device(up4.get(d.a() % up4.size()).name());
        } else if (k < 5) { // local
            if (up4.isEmpty()) {
                return null;
            }
            b.type(RouteType.LOCAL).device(up4.get(d.a() % up4.size()).name()).table(RouteTable.LOCAL);
        } else if (k < 6) { // error types
            RouteType[] t = {RouteType.BLACKHOLE, RouteType.UNREACHABLE, RouteType.PROHIBIT, RouteType.THROW};
            b.type(t[d.a() % 4]);
        } else { // multipath over gateways
            if (up6.isEmpty()) {
                return null;
            }
            Bridge x = up6.get(d.a() % up6.size());
            Bridge y = up6.get((d.a() + 1) % up6.size());
            b.nextHops(List.of(new NextHop(host(x.v6(), d.b()), x.name(), 0, 1, Set.of()),
                    new NextHop(host(y.v6(), d.b() + 1), y.name(), 0, 1, Set.of())));
        }
        return b.build();
    }

    /**
     * Drops rules whose priority (explicit, or the one the kernel will choose: the second rule's minus one) repeats
     * one seen before, so that no add is an EXCL duplicate.
     */
    private static List<Rule> uniquePrefs(List<Rule> rules) {
        java.util.Map<Family, java.util.TreeSet<Long>> prefs = new java.util.EnumMap<>(Family.class);
        prefs.put(Family.INET, new java.util.TreeSet<>(List.of(0L, 32766L, 32767L)));
        prefs.put(Family.INET6, new java.util.TreeSet<>(List.of(0L, 32766L)));
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules) {
            java.util.TreeSet<Long> ps = prefs.get(r.family());
            long p;
            if (r.priority() != null) {
                p = r.priority();
            } else {
                // the list holds one rule per priority here, so the second rule's priority is the second smallest
                Long second = ps.higher(ps.first());
                p = second == null || second == 0 ? 0 : second - 1;
            }
            if (ps.add(p)) {
                out.add(r);
            }
        }
        return out;
    }
}
