package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.internal.IpRouteSyntax;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A route, as {@code ip route} shows and adds it. Immutable; build with {@link #parse(String)} or
 * {@link #builder()}; {@link #toString()} prints exactly what {@code ip route show table all} prints.
 *
 * <pre>{@code
 * Route r = Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2");
 * r.table();        // local (iproute2's default for local routes)
 * r.protocol();     // boot  (iproute2's default for ip route add)
 * r.toString();     // "local 10.96.0.0/12 dev kube-ipvs0 table local scope host src 192.168.1.2"
 *
 * Route viaOam = Route.builder()
 *     .dst(IpPrefix.parse("default"))
 *     .gateway(InetAddress.getByName("192.168.1.202"))
 *     .table(RouteTable.of(44))
 *     .build();     // "default via 192.168.1.202 table 44"
 * }</pre>
 *
 * <p>Fields at their "unset" value ({@code type} UNSPEC, {@code scope} NOWHERE, {@code protocol} UNSPEC,
 * {@code priority} 0, no gateway/device/prefsrc) are wildcards when the route is given to
 * {@link Routing#deleteRoute(Route)}, exactly as for the kernel's RTM_DELROUTE.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param family address family of dst, gateway and prefsrc
 * @param type route type
 * @param table routing table
 * @param dst destination prefix
 * @param src IPv6 source prefix ({@code from}), or null
 * @param tos IPv4 TOS (part of the IPv4 route key), 0..255
 * @param gateway the gateway of a single-path route, or null
 * @param device the output device name, or null
 * @param deviceIndex the output device index, 0 when unknown
 * @param prefsrc the preferred source address ({@code src}), or null
 * @param priority the metric ({@code metric}), 0..4294967295; 0 = unset
 * @param protocol who installed the route ({@code proto})
 * @param scope the scope
 * @param flags nexthop flags of a single-path route (onlink; linkdown and dead as reported)
 * @param nextHops the paths of a multipath route (empty for a single path)
 * @param metrics route metrics ({@code mtu}, {@code advmss}, …)
 * @param preference IPv6 router preference, or null when not given/reported
 * @param expires IPv6 expiry in seconds, or null
 * @param realms the route realms ({@code RTA_FLOW}: from-realm in the high 16 bits, to-realm in the low 16 bits;
 *     0 = none), printed {@code realm TO} or {@code realms FROM/TO}
 * @param nhid the nexthop object the route uses ({@code nhid N}, RTA_NH_ID; 0 = none). A route read from the kernel
 *     carries both the id and the nexthop's gateway/device or the group's paths, as {@code ip route show} prints
 *     them; a route to add names only the id. An IPv4 route may then have an IPv6 gateway ({@code via inet6}).
 */
public record Route(
        Family family,
        RouteType type,
        RouteTable table,
        IpPrefix dst,
        IpPrefix src,
        int tos,
        InetAddress gateway,
        String device,
        int deviceIndex,
        InetAddress prefsrc,
        long priority,
        RouteProtocol protocol,
        RouteScope scope,
        Set<NextHopFlag> flags,
        List<NextHop> nextHops,
        RouteMetrics metrics,
        RoutePreference preference,
        Integer expires,
        long realms,
        long nhid) {

    /**
     * Validates that the parts agree with each other and freezes the collections.
     *
     * @param family address family of dst, gateway and prefsrc
     * @param type route type
     * @param table routing table
     * @param dst destination prefix
     * @param src IPv6 source prefix ({@code from}), or null
     * @param tos IPv4 TOS (part of the IPv4 route key), 0..255
     * @param gateway the gateway of a single-path route, or null
     * @param device the output device name, or null
     * @param deviceIndex the output device index, 0 when unknown
     * @param prefsrc the preferred source address ({@code src}), or null
     * @param priority the metric ({@code metric}), 0..4294967295; 0 = unset
     * @param protocol who installed the route ({@code proto})
     * @param scope the scope
     * @param flags nexthop flags of a single-path route (onlink; linkdown and dead as reported)
     * @param nextHops the paths of a multipath route (empty for a single path)
     * @param metrics route metrics ({@code mtu}, {@code advmss}, …)
     * @param preference IPv6 router preference, or null when not given/reported
     * @param expires IPv6 expiry in seconds, or null
     * @param realms the route realms ({@code RTA_FLOW}: from-realm in the high 16 bits, to-realm in the low 16 bits;
     *     0 = none), printed {@code realm TO} or {@code realms FROM/TO}
     * @param nhid the nexthop object the route uses ({@code nhid N}, RTA_NH_ID; 0 = none). A route read from the kernel
     *     carries both the id and the nexthop's gateway/device or the group's paths, as {@code ip route show} prints
     *     them; a route to add names only the id. An IPv4 route may then have an IPv6 gateway ({@code via inet6}).
     */
    public Route {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scope, "scope");
        checkFamily(family, dst.address(), "dst ", dst);
        if (src != null) {
            if (family != Family.INET6) {
                throw new IllegalArgumentException("a source prefix (from " + src + ") is only for IPv6 routes");
            }
            checkFamily(family, src.address(), "from ", src);
        }
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos " + tos + " out of range 0..255");
        }
        if (nhid < 0 || nhid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nhid " + nhid + " out of range 0..4294967295");
        }
        if (gateway != null && !(nhid != 0 && family == Family.INET)) {
            checkFamily(family, gateway, "gateway ", gateway);
        }
        if (prefsrc != null) {
            checkFamily(family, prefsrc, "src ", prefsrc);
        }
        if (device != null && (device.isEmpty() || device.length() > 15 || device.indexOf(' ') >= 0
                || device.indexOf('/') >= 0)) {
            throw new IllegalArgumentException("invalid device name \"" + device + "\"");
        }
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("device index " + deviceIndex + " is negative");
        }
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("metric " + priority + " out of range 0..4294967295");
        }
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        nextHops = nextHops == null ? List.of() : List.copyOf(nextHops);
        if (!nextHops.isEmpty() && (gateway != null || device != null || deviceIndex != 0)) {
            throw new IllegalArgumentException("a multipath route has its gateways and devices in its nexthops");
        }
        for (NextHop h : nextHops) {
            if (h.gateway() != null && !(nhid != 0 && family == Family.INET)) {
                checkFamily(family, h.gateway(), "nexthop via ", h.gateway());
            }
        }
        metrics = metrics == null ? RouteMetrics.NONE : metrics;
        if (expires != null && expires < 0) {
            throw new IllegalArgumentException("expires " + expires + " is negative");
        }
        if (realms < 0 || realms > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("realms " + realms + " out of range 0..4294967295");
        }
    }

    /**
     * A route without a nexthop object (the constructor before {@code nhid} was added).
     *
     * @param family address family of dst, gateway and prefsrc
     * @param type route type
     * @param table routing table
     * @param dst destination prefix
     * @param src IPv6 source prefix ({@code from}), or null
     * @param tos IPv4 TOS (part of the IPv4 route key), 0..255
     * @param gateway the gateway of a single-path route, or null
     * @param device the output device name, or null
     * @param deviceIndex the output device index, 0 when unknown
     * @param prefsrc the preferred source address ({@code src}), or null
     * @param priority the metric ({@code metric}), 0..4294967295; 0 = unset
     * @param protocol who installed the route ({@code proto})
     * @param scope the scope
     * @param flags nexthop flags of a single-path route (onlink; linkdown and dead as reported)
     * @param nextHops the paths of a multipath route (empty for a single path)
     * @param metrics route metrics ({@code mtu}, {@code advmss}, …)
     * @param preference IPv6 router preference, or null when not given/reported
     * @param expires IPv6 expiry in seconds, or null
     * @param realms the route realms ({@code RTA_FLOW}: from-realm in the high 16 bits, to-realm in the low 16 bits;
     *     0 = none), printed {@code realm TO} or {@code realms FROM/TO}
     */
    public Route(Family family, RouteType type, RouteTable table, IpPrefix dst, IpPrefix src, int tos,
            InetAddress gateway, String device, int deviceIndex, InetAddress prefsrc, long priority,
            RouteProtocol protocol, RouteScope scope, Set<NextHopFlag> flags, List<NextHop> nextHops,
            RouteMetrics metrics, RoutePreference preference, Integer expires, long realms) {
        this(family, type, table, dst, src, tos, gateway, device, deviceIndex, prefsrc, priority, protocol, scope,
                flags, nextHops, metrics, preference, expires, realms, 0L);
    }

    /**
     * A route without realms (the constructor before {@code realms} was added).
     *
     * @param family address family of dst, gateway and prefsrc
     * @param type route type
     * @param table routing table
     * @param dst destination prefix
     * @param src IPv6 source prefix ({@code from}), or null
     * @param tos IPv4 TOS (part of the IPv4 route key), 0..255
     * @param gateway the gateway of a single-path route, or null
     * @param device the output device name, or null
     * @param deviceIndex the output device index, 0 when unknown
     * @param prefsrc the preferred source address ({@code src}), or null
     * @param priority the metric ({@code metric}), 0..4294967295; 0 = unset
     * @param protocol who installed the route ({@code proto})
     * @param scope the scope
     * @param flags nexthop flags of a single-path route (onlink; linkdown and dead as reported)
     * @param nextHops the paths of a multipath route (empty for a single path)
     * @param metrics route metrics ({@code mtu}, {@code advmss}, …)
     * @param preference IPv6 router preference, or null when not given/reported
     * @param expires IPv6 expiry in seconds, or null
     */
    public Route(Family family, RouteType type, RouteTable table, IpPrefix dst, IpPrefix src, int tos,
            InetAddress gateway, String device, int deviceIndex, InetAddress prefsrc, long priority,
            RouteProtocol protocol, RouteScope scope, Set<NextHopFlag> flags, List<NextHop> nextHops,
            RouteMetrics metrics, RoutePreference preference, Integer expires) {
        this(family, type, table, dst, src, tos, gateway, device, deviceIndex, prefsrc, priority, protocol, scope,
                flags, nextHops, metrics, preference, expires, 0L, 0L);
    }

    /** Checks an address's family; the message is built only on failure (this runs for every decoded route). */
    private static void checkFamily(Family family, InetAddress a, String what, Object value) {
        if (Family.of(a) != family) {
            String v = value instanceof InetAddress x ? InetAddresses.format(x) : String.valueOf(value);
            throw new IllegalArgumentException(what + v + " is not " + family.ipName() + " like the route");
        }
    }

    /**
     * Parses what {@code ip route add} accepts (for the modelled attributes) and every line
     * {@code ip route show table all} / {@code ip -6 route show table all} prints. iproute2's defaults
     * apply: local/broadcast/anycast/nat go to table local, protocol boot, scope host for local and nat,
     * link for device-only unicast (IPv4) and broadcast/anycast/multicast, else global.
     *
     * @param text the route, in iproute2 syntax
     * @return the route
     * @throws IllegalArgumentException naming the bad token and its position
     */
    public static Route parse(String text) {
        return IpRouteSyntax.parseRoute(text);
    }

    /**
     * Parses the arguments of {@code ip route del} as iproute2 sends them: what is not given is a wildcard
     * (type unspec, scope nowhere, protocol unspec, metric 0), so {@code parseSelector("10.0.0.0/8")} deletes
     * the first {@code 10.0.0.0/8} route of table main whatever its type, scope and protocol.
     *
     * <pre>{@code
     * routing.deleteRoute(Route.parseSelector("10.96.0.0/12 table local"));
     * }</pre>
     *
     * @param text the arguments of {@code ip route del}
     * @return the route selector
     * @throws IllegalArgumentException naming the bad token and its position
     */
    public static Route parseSelector(String text) {
        return IpRouteSyntax.parseRouteSelector(text);
    }

    /**
     * A new builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this route's values.
     *
     * @return a builder holding this route's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * True for a multipath route.
     *
     * @return true for a multipath route
     */
    public boolean isMultipath() {
        return !nextHops.isEmpty();
    }

    /**
     * The device of the first path (single-path device, or the first nexthop's).
     *
     * @return the device of the first path (single-path device, or the first nexthop's)
     */
    public String firstDevice() {
        return nextHops.isEmpty() ? device : nextHops.get(0).device();
    }

    /**
     * The gateway of the first path.
     *
     * @return the gateway of the first path
     */
    public InetAddress firstGateway() {
        return nextHops.isEmpty() ? gateway : nextHops.get(0).gateway();
    }

    /**
     * This route with a device name and index (e.g. after resolving a name).
     *
     * @param name the device name
     * @param index the device index
     * @return this route with a device name and index (e.g. after resolving a name)
     */
    public Route withDevice(String name, int index) {
        return toBuilder().device(name).deviceIndex(index).build();
    }

    /**
     * Equal routes: every component equal, except that the device is compared by name when this route names one and
     * by index only when it has no name. The index is the kernel's handle for the name, filled in when the route is
     * read back, so {@code Route.parse("10.0.0.0/8 dev eth0")} equals the same route as
     * {@link Routing#routes(RouteFilter)} returns it ({@code deviceIndex} 2): a test can compare the routes it
     * expects, written as {@code ip route show} prints them, with the routes the kernel holds. Two routes with the
     * same device name in different namespaces (different indexes) are equal too; compare {@link #deviceIndex()}
     * when that matters. Nexthops compare the same way ({@link NextHop#equals}).
     *
     * <pre>{@code
     * kernel.addRoute(Route.parse("10.0.0.0/8 dev eth0"));
     * Route read = kernel.routes(RouteFilter.builder().dst(IpPrefix.parse("10.0.0.0/8")).build()).get(0);
     * read.deviceIndex();                                  // 2, the kernel's index of eth0
     * read.equals(Route.parse("10.0.0.0/8 dev eth0"));     // true
     * }</pre>
     *
     * @param o the other object
     * @return true for a route with the same components, devices compared as above
     */
    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Route r && family == r.family && type == r.type && table.equals(r.table)
                && dst.equals(r.dst) && Objects.equals(src, r.src) && tos == r.tos
                && Objects.equals(gateway, r.gateway) && Objects.equals(device, r.device)
                && (device != null || deviceIndex == r.deviceIndex) && Objects.equals(prefsrc, r.prefsrc)
                && priority == r.priority && protocol.equals(r.protocol) && scope.equals(r.scope)
                && flags.equals(r.flags) && nextHops.equals(r.nextHops) && metrics.equals(r.metrics)
                && Objects.equals(preference, r.preference) && Objects.equals(expires, r.expires)
                && realms == r.realms && nhid == r.nhid;
    }

    /**
     * Consistent with {@link #equals}: the device index counts only for a route without a device name.
     *
     * @return the hash code
     */
    @Override
    public final int hashCode() {
        int h = family.hashCode();
        h = 31 * h + type.hashCode();
        h = 31 * h + table.hashCode();
        h = 31 * h + dst.hashCode();
        h = 31 * h + Objects.hashCode(src);
        h = 31 * h + tos;
        h = 31 * h + Objects.hashCode(gateway);
        h = 31 * h + (device != null ? device.hashCode() : deviceIndex);
        h = 31 * h + Objects.hashCode(prefsrc);
        h = 31 * h + Long.hashCode(priority);
        h = 31 * h + protocol.hashCode();
        h = 31 * h + scope.hashCode();
        h = 31 * h + flags.hashCode();
        h = 31 * h + nextHops.hashCode();
        h = 31 * h + metrics.hashCode();
        h = 31 * h + Objects.hashCode(preference);
        h = 31 * h + Objects.hashCode(expires);
        h = 31 * h + Long.hashCode(realms);
        return 31 * h + Long.hashCode(nhid);
    }

    /** Prints exactly what {@code ip route show table all} prints for this route (one line, or several for multipath). */
    @Override
    public String toString() {
        return IpRouteSyntax.formatRoute(this);
    }

    /**
     * Builder for {@link Route}. Unset values get iproute2's {@code ip route add} defaults in {@link #build()}:
     * type unicast, protocol boot, table local for local/broadcast/anycast/nat and main otherwise, scope host
     * for local/nat, link for broadcast/anycast/multicast and IPv4 device-only unicast, else global;
     * family from dst or gateway (IPv4 if nothing says), dst the default prefix.
     *
     * <pre>{@code
     * Route r = Route.builder().dst("10.0.0.0/8").gateway(InetAddress.getByName("192.168.1.1")).device("eth0").build();
     * r.toString();                                        // "10.0.0.0/8 via 192.168.1.1 dev eth0"
     * Route metric = r.toBuilder().priority(100).build();  // the same route with "metric 100"
     * }</pre>
     *
     * <p>Not thread-safe: a builder is filled by one thread; what it builds is immutable and safe to share.
     */
    public static final class Builder {
        private Family family;
        private RouteType type;
        private RouteTable table;
        private IpPrefix dst;
        private IpPrefix src;
        private int tos;
        private InetAddress gateway;
        private String device;
        private int deviceIndex;
        private InetAddress prefsrc;
        private long priority;
        private RouteProtocol protocol;
        private RouteScope scope;
        private Set<NextHopFlag> flags = Set.of();
        private List<NextHop> nextHops = List.of();
        private RouteMetrics metrics = RouteMetrics.NONE;
        private RoutePreference preference;
        private Integer expires;
        private long realms;
        private long nhid;

        Builder() {}

        Builder(Route r) {
            family = r.family;
            type = r.type;
            table = r.table;
            dst = r.dst;
            src = r.src;
            tos = r.tos;
            gateway = r.gateway;
            device = r.device;
            deviceIndex = r.deviceIndex;
            prefsrc = r.prefsrc;
            priority = r.priority;
            protocol = r.protocol;
            scope = r.scope;
            flags = r.flags;
            nextHops = r.nextHops;
            metrics = r.metrics;
            preference = r.preference;
            expires = r.expires;
            realms = r.realms;
            nhid = r.nhid;
        }

        /**
         * Address family (derived from dst or gateway when unset).
         *
         * @param v address family of dst, gateway and prefsrc
         * @return this builder
         */
        public Builder family(Family v) { family = v; return this; }
        /**
         * Route type (default unicast).
         *
         * @param v route type
         * @return this builder
         */
        public Builder type(RouteType v) { type = v; return this; }
        /**
         * Table (default main, or local for local/broadcast/anycast/nat).
         *
         * @param v routing table
         * @return this builder
         */
        public Builder table(RouteTable v) { table = v; return this; }
        /**
         * Table by id.
         *
         * @param id routing table
         * @return this builder
         */
        public Builder table(long id) { table = RouteTable.of(id); return this; }
        /**
         * Destination prefix.
         *
         * @param v destination prefix
         * @return this builder
         */
        public Builder dst(IpPrefix v) { dst = v; return this; }
        /**
         * Destination prefix, parsed.
         *
         * @param v destination prefix
         * @return this builder
         */
        public Builder dst(String v) { dst = IpPrefix.parse(v, family); return this; }
        /**
         * IPv6 source prefix ({@code from}).
         *
         * @param v IPv6 source prefix ({@code from}), or null
         * @return this builder
         */
        public Builder src(IpPrefix v) { src = v; return this; }
        /**
         * IPv4 TOS.
         *
         * @param v IPv4 TOS (part of the IPv4 route key), 0..255
         * @return this builder
         */
        public Builder tos(int v) { tos = v; return this; }
        /**
         * Gateway of a single-path route.
         *
         * @param v the gateway of a single-path route, or null
         * @return this builder
         */
        public Builder gateway(InetAddress v) { gateway = v; return this; }
        /**
         * Output device name.
         *
         * @param v the output device name, or null
         * @return this builder
         */
        public Builder device(String v) { device = v; return this; }
        /**
         * Output device index.
         *
         * @param v the output device index, 0 when unknown
         * @return this builder
         */
        public Builder deviceIndex(int v) { deviceIndex = v; return this; }
        /**
         * Preferred source address.
         *
         * @param v the preferred source address ({@code src}), or null
         * @return this builder
         */
        public Builder prefsrc(InetAddress v) { prefsrc = v; return this; }
        /**
         * Metric.
         *
         * @param v the metric ({@code metric}), 0..4294967295; 0 = unset
         * @return this builder
         */
        public Builder priority(long v) { priority = v; return this; }
        /**
         * Protocol (default boot).
         *
         * @param v who installed the route ({@code proto})
         * @return this builder
         */
        public Builder protocol(RouteProtocol v) { protocol = v; return this; }
        /**
         * Scope (default per iproute2).
         *
         * @param v the scope
         * @return this builder
         */
        public Builder scope(RouteScope v) { scope = v; return this; }
        /**
         * Nexthop flags.
         *
         * @param v nexthop flags of a single-path route (onlink; linkdown and dead as reported)
         * @return this builder
         */
        public Builder flags(Set<NextHopFlag> v) { flags = v; return this; }
        /**
         * Multipath nexthops.
         *
         * @param v the paths of a multipath route (empty for a single path)
         * @return this builder
         */
        public Builder nextHops(List<NextHop> v) { nextHops = v; return this; }
        /**
         * Metrics.
         *
         * @param v route metrics ({@code mtu}, {@code advmss}, …)
         * @return this builder
         */
        public Builder metrics(RouteMetrics v) { metrics = v; return this; }
        /**
         * IPv6 preference.
         *
         * @param v IPv6 router preference, or null when not given/reported
         * @return this builder
         */
        public Builder preference(RoutePreference v) { preference = v; return this; }
        /**
         * IPv6 expiry in seconds.
         *
         * @param v IPv6 expiry in seconds, or null
         * @return this builder
         */
        public Builder expires(Integer v) { expires = v; return this; }
        /**
         * Realms ({@code RTA_FLOW}, from-realm {@code << 16 |} to-realm; 0 = none).
         *
         * @param v the route realms ({@code RTA_FLOW}: from-realm in the high 16 bits, to-realm in the low 16 bits;
         *     0 = none), printed {@code realm TO} or {@code realms FROM/TO}
         * @return this builder
         */
        public Builder realms(long v) { realms = v; return this; }
        /**
         * The nexthop object ({@code nhid}; 0 = none).
         *
         * @param v the nexthop object the route uses ({@code nhid N}, RTA_NH_ID; 0 = none). A route read from the kernel
         *     carries both the id and the nexthop's gateway/device or the group's paths, as {@code ip route show} prints
         *     them; a route to add names only the id. An IPv4 route may then have an IPv6 gateway ({@code via inet6}).
         * @return this builder
         */
        public Builder nhid(long v) { nhid = v; return this; }

        /**
         * Builds the route, filling iproute2's defaults for unset values.
         *
         * @return the route
         */
        public Route build() {
            Family f = family;
            if (f == null) {
                if (dst != null) {
                    f = dst.family();
                } else if (gateway != null) {
                    f = Family.of(gateway);
                } else if (!nextHops.isEmpty() && nextHops.get(0).gateway() != null) {
                    f = Family.of(nextHops.get(0).gateway());
                } else if (prefsrc != null) {
                    f = Family.of(prefsrc);
                } else {
                    f = Family.INET;
                }
            }
            RouteType t = type == null ? RouteType.UNICAST : type;
            RouteTable tb = table != null ? table : defaultTable(t);
            RouteScope sc = scope != null ? scope
                    : defaultScope(f, t, gateway != null || !nextHops.isEmpty() || nhid != 0);
            return new Route(f, t, tb, dst != null ? dst : IpPrefix.defaultOf(f), src, tos, gateway, device,
                    deviceIndex, prefsrc, priority, protocol != null ? protocol : RouteProtocol.BOOT, sc, flags,
                    nextHops, metrics, preference, expires, realms, nhid);
        }
    }

    /**
     * iproute2's default table for a route type: local for local, broadcast, anycast and nat; else main.
     *
     * @param t the route type
     * @return the table
     */
    public static RouteTable defaultTable(RouteType t) {
        return t == RouteType.LOCAL || t == RouteType.BROADCAST || t == RouteType.ANYCAST || t == RouteType.NAT
                ? RouteTable.LOCAL : RouteTable.MAIN;
    }

    /**
     * iproute2's default scope for IPv4: host for local and nat; link for broadcast, anycast, multicast and
     * unicast without a gateway; else global. IPv6 routes have no scope (the kernel ignores what is sent and
     * reports global), so for IPv6 this is always global.
     *
     * @param f the family
     * @param t the route type
     * @param hasGateway whether the route has a gateway (or nexthops)
     * @return the scope
     */
    public static RouteScope defaultScope(Family f, RouteType t, boolean hasGateway) {
        if (f == Family.INET6) {
            return RouteScope.UNIVERSE;
        }
        switch (t) {
            case LOCAL:
            case NAT:
                return RouteScope.HOST;
            case BROADCAST:
            case ANYCAST:
            case MULTICAST:
                return RouteScope.LINK;
            case UNICAST:
                return hasGateway ? RouteScope.UNIVERSE : RouteScope.LINK;
            default:
                return RouteScope.UNIVERSE;
        }
    }
}
