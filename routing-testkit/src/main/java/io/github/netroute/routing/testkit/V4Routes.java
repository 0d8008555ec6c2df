package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.model.FibQuery;
import io.github.netroute.routing.model.FibResult;
import io.github.netroute.routing.model.FibTable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * IPv4 routes: owns the FIB tables (created on first use) and the namespace's IPv4 FIB flags (local and main merged
 * until a rule changes, fib_has_custom_local_routes, the nexthop scopes gateways got when added); RTM_NEWROUTE /
 * RTM_DELROUTE (fib_create_info, fib_table_insert, fib_table_delete), fib_magic and the flushes.
 */
final class V4Routes {
    private final KernelState k;
    /** table id -> table; creation order kept for the dump order within a hash bucket. */
    private final LinkedHashMap<Long, FibTable> tables = new LinkedHashMap<>();
    /** Local and main are one trie until an IPv4 rule is added or deleted (fib_unmerge). */
    private boolean merged = true;
    /** net->ipv4.fib_has_custom_local_routes: set by any successful RTM_NEWROUTE of type local, never cleared. */
    private boolean customLocal;
    /**
     * The nexthop scopes fib_check_nh_v4_gw gave IPv4 routes with gateways when they were added (true: scope host,
     * the gateway resolved to a local route), by route and hop; kept as of creation, as the kernel keeps them (the
     * last add of an equal route wins). Held per route without its destination, with the destinations whose scopes
     * differ from the first ones apart: a million routes through one gateway are one entry, not a million.
     */
    private final Map<ButDst, HostScopes> hostScopeHops = new HashMap<>();

    /** A route compared and hashed on everything but its destination. */
    private record ButDst(Route r) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ButDst b && sameButDst(r, b.r);
        }

        @Override
        public int hashCode() {
            int h = r.table().hashCode();
            h = h * 31 + r.tos();
            h = h * 31 + r.type().hashCode();
            h = h * 31 + Objects.hashCode(r.gateway());
            h = h * 31 + r.deviceIndex();
            h = h * 31 + Long.hashCode(r.priority());
            h = h * 31 + (r.nextHops().isEmpty() ? 0 : r.nextHops().hashCode());
            return h * 31 + Long.hashCode(r.nhid());
        }
    }

    /** Everything but the destination is equal. */
    static boolean sameButDst(Route a, Route b) {
        return a.family() == b.family() && a.type() == b.type() && a.tos() == b.tos()
                && a.deviceIndex() == b.deviceIndex() && a.priority() == b.priority() && a.realms() == b.realms()
                && a.nhid() == b.nhid() && a.table().equals(b.table()) && Objects.equals(a.gateway(), b.gateway())
                && Objects.equals(a.device(), b.device()) && Objects.equals(a.prefsrc(), b.prefsrc())
                && a.protocol().equals(b.protocol()) && a.scope().equals(b.scope()) && a.flags().equals(b.flags())
                && a.nextHops().equals(b.nextHops()) && a.metrics().equals(b.metrics())
                && Objects.equals(a.preference(), b.preference()) && Objects.equals(a.expires(), b.expires())
                && Objects.equals(a.src(), b.src());
    }

    /** The scopes of the first route of a kind, and those of destinations that got other ones. */
    private static final class HostScopes {
        final boolean[] first;
        Map<IpPrefix, boolean[]> others;

        HostScopes(boolean[] first) {
            this.first = first;
        }

        HostScopes copy() {
            HostScopes c = new HostScopes(first);
            c.others = others == null ? null : new HashMap<>(others);
            return c;
        }
    }

    V4Routes(KernelState k) {
        this.k = k;
    }

    /** A copy of {@code o}'s tables (each table copied) and flags for the namespace {@code k}. */
    V4Routes(KernelState k, V4Routes o) {
        this.k = k;
        o.tables.forEach((id, t) -> put(id, t.copy()));
        merged = o.merged;
        customLocal = o.customLocal;
        o.hostScopeHops.forEach((key, h) -> hostScopeHops.put(key, h.copy()));
    }

    // ---- tables and flags

    /** table id -> table, in creation order. */
    Map<Long, FibTable> tables() {
        return tables;
    }

    FibTable table(long id) {
        return id >= 0 && id < 256 ? small[(int) id] : tables.get(id);
    }

    /** The tables with ids below 256 by id, as in {@link #tables} (tables are added, never removed). */
    private final FibTable[] small = new FibTable[256];

    private void put(long id, FibTable t) {
        tables.put(id, t);
        if (id >= 0 && id < 256) {
            small[(int) id] = t;
        }
    }

    boolean hasTable(long id) {
        return tables.containsKey(id);
    }

    /** The table, created if missing (creating local creates main first while the tables are merged). */
    FibTable newTable(long id) {
        FibTable t = tables.get(id);
        if (t == null) {
            if (id == 255 && merged && !tables.containsKey(254L)) {
                put(254L, new FibTable(Family.INET, RouteTable.MAIN));
            }
            t = new FibTable(Family.INET, RouteTable.of(id));
            put(id, t);
        }
        return t;
    }

    List<Long> dumpOrder() {
        return KernelState.dumpOrderOf(tables.keySet());
    }

    boolean merged() {
        return merged;
    }

    /** An IPv4 rule was added or deleted: local and main are separate from now on (fib_unmerge). */
    void unmerge() {
        merged = false;
    }

    boolean customLocalRoutes() {
        return customLocal;
    }

    Boolean hostScope(Route route, int hop) {
        HostScopes s = hostScopeHops.get(new ButDst(route));
        if (s == null) {
            return null;
        }
        boolean[] h = s.others == null ? null : s.others.get(route.dst());
        if (h == null) {
            h = s.first;
        }
        return hop < 0 || hop >= h.length ? null : h[hop];
    }

    private void rememberHostScopes(Route r, boolean[] host) {
        HostScopes s = hostScopeHops.get(new ButDst(r));
        if (s == null) {
            hostScopeHops.put(new ButDst(r), new HostScopes(host));
        } else if (Arrays.equals(s.first, host)) {
            if (s.others != null) {
                s.others.remove(r.dst());
            }
        } else {
            if (s.others == null) {
                s.others = new HashMap<>();
            }
            s.others.put(r.dst(), host);
        }
    }

    // ---- RTM_NEWROUTE / RTM_DELROUTE

    static final int CREATE = 0x400;
    static final int EXCL = 0x200;
    static final int REPLACE = 0x100;
    static final int APPEND = 0x800;
    static final int SCOPE_LINK = 253;
    static final int SCOPE_HOST = 254;

    static int minScope(RouteType t) {
        switch (t) {
            case LOCAL:
                return SCOPE_HOST;
            case BROADCAST:
            case ANYCAST:
                return SCOPE_LINK;
            case NAT:
            case XRESOLVE:
            case UNSPEC:
                return 255;
            default:
                return 0;
        }
    }

    static long tableId(Route r) {
        return r.table().id() == 0 ? 254 : r.table().id();
    }

    /** RTM_NEWROUTE for IPv4 (inet_rtm_newroute): fib_create_info, then fib_table_insert. */
    void add(Route route, int nlmFlags) throws KErr {
        Route r = create(route);
        // the nexthop scopes fib_check_nh_v4_gw gave while create() checked the gateways (routes on a nexthop
        // object ask again)
        boolean[] host = r.nhid() != 0 ? hostScopeHops(r) : r.type() == RouteType.UNICAST ? createdHostHops : null;
        insert(r, nlmFlags);
        if (r.nhid() != 0) {
            k.nexthops.v4RouteInserted(r.toBuilder().type(route.type()).build());
        }
        if (host != null) {
            rememberHostScopes(r, host);
        }
        if (r.type() == RouteType.LOCAL) {
            customLocal = true; // inet_rtm_newroute: sticky, any table, never cleared
        }
    }

    /**
     * For each hop of the route {@link #create} made last, whether its gateway's lookup gave scope host
     * (fib_check_nh_v4_gw: nh->fib_nh_scope = res.scope; an onlink hop keeps scope link), or null when it has no
     * gateway: what {@link #hostScopeHops} would ask the tables again, from the one lookup the kernel makes.
     */
    private boolean[] createdHostHops;

    /** Validates and normalises a new route (fib_create_info); creates the table first, as the kernel does. */
    Route create(Route r) throws KErr {
        createdHostHops = null;
        if ((r.tos() & 3) != 0) {
            throw KErr.of(Errno.EINVAL, "Invalid dsfield (tos): ECN bits must be 0");
        }
        if (r.nhid() != 0) {
            return createWithNexthop(r);
        }
        Links.Dev dev = k.links.resolve(r.device(), r.deviceIndex());
        List<Links.Dev> hopDevs = new ArrayList<>();
        for (NextHop h : r.nextHops()) {
            hopDevs.add(k.links.resolve(h.device(), h.deviceIndex()));
        }
        long tid = tableId(r);
        newTable(tid);
        RouteType type = r.type();
        int scope = r.scope().value();
        if (minScope(type) > scope) {
            throw KErr.of(Errno.EINVAL, "Invalid scope");
        }
        if (r.flags().contains(NextHopFlag.DEAD) || r.flags().contains(NextHopFlag.LINKDOWN)) {
            throw KErr.of(Errno.EINVAL, "Invalid rtm_flags - can not contain DEAD or LINKDOWN");
        }
        boolean mp = r.isMultipath();
        Route.Builder b = r.toBuilder().table(RouteTable.of(tid)).preference(null).expires(null)
                .flags(keep(r.flags()));
        if (type.isError()) {
            if (r.gateway() != null || dev != null || mp) {
                throw KErr.of(Errno.EINVAL, "Gateway, device and multipath can not be specified for this route type");
            }
            b.device(null).deviceIndex(0);
            return b.build(); // fib_create_info jumps to link_it: no prefsrc check for error types
        }
        switch (type) {
            case UNICAST:
            case LOCAL:
            case BROADCAST:
            case ANYCAST:
            case MULTICAST:
                break;
            default:
                throw KErr.of(Errno.EINVAL, "Invalid route type");
        }
        if (scope > SCOPE_HOST) {
            throw KErr.of(Errno.EINVAL, "Invalid scope");
        }
        if (mp && r.nextHops().size() == 1) {
            // a one-hop RTA_MULTIPATH is an ordinary single-path fib_info
            NextHop h = r.nextHops().get(0);
            r = r.toBuilder().nextHops(List.of()).gateway(h.gateway()).device(h.device()).deviceIndex(h.deviceIndex())
                    .flags(h.flags()).realms(h.realms() != 0 ? h.realms() : r.realms()).build();
            b = r.toBuilder().table(RouteTable.of(tid)).preference(null).expires(null).flags(keep(r.flags()));
            dev = hopDevs.get(0);
            mp = false;
        }
        if (scope == SCOPE_HOST) {
            if (mp) {
                throw KErr.of(Errno.EINVAL, "Route with host scope can not have multiple nexthops");
            }
            if (r.gateway() != null) {
                throw KErr.of(Errno.EINVAL, "Route with host scope can not have a gateway");
            }
            if (dev == null) {
                throw KErr.of(Errno.ENODEV);
            }
            b.device(dev.name).deviceIndex(dev.index);
        } else if (!mp) {
            boolean onlink = r.flags().contains(NextHopFlag.ONLINK);
            Links.Dev d = checkNh(r.gateway(), dev, onlink, tid, scope);
            if (r.gateway() != null) {
                createdHostHops = !onlink && gatewayScope == RouteScope.HOST ? HOST : NOT_HOST;
            }
            b.device(d.name).deviceIndex(d.index);
        } else {
            List<NextHop> hops = new ArrayList<>();
            boolean[] host = new boolean[r.nextHops().size()];
            boolean any = false;
            for (int i = 0; i < r.nextHops().size(); i++) {
                NextHop h = r.nextHops().get(i);
                boolean onlink = h.flags().contains(NextHopFlag.ONLINK);
                Links.Dev d = checkNh(h.gateway(), hopDevs.get(i), onlink, tid, scope);
                if (h.gateway() != null) {
                    any = true;
                    host[i] = !onlink && gatewayScope == RouteScope.HOST;
                }
                hops.add(new NextHop(h.gateway(), d.name, d.index, h.weight(), keep(h.flags()), h.realms()));
            }
            b.nextHops(hops);
            createdHostHops = any ? host : null;
        }
        return validPrefsrc(b.build(), tid);
    }

    /** fib_create_info for a route naming a nexthop object (fib_check_nexthop instead of fib_check_nh). */
    private Route createWithNexthop(Route r) throws KErr {
        long tid = tableId(r);
        newTable(tid);
        if (minScope(r.type()) > r.scope().value()) {
            throw KErr.of(Errno.EINVAL, "Invalid scope");
        }
        if (!r.type().isError() && r.scope().value() > RouteScope.HOST.value() && k.nexthops.get(r.nhid()) != null
                && r.gateway() == null && r.device() == null && r.deviceIndex() == 0 && !r.isMultipath()) {
            // fib_create_info: cfg->fc_scope > RT_SCOPE_HOST comes before fib_check_nexthop
            throw KErr.of(Errno.EINVAL, "Invalid scope");
        }
        Route filled = k.nexthops.forRoute(r);
        Route b = filled.toBuilder().table(RouteTable.of(tid)).preference(null).expires(null).build();
        // fib_create_info checks the prefsrc by the route's own type (cfg->fc_type): a unicast route on a blackhole
        // nexthop, reported as blackhole, still needs a local prefsrc
        if (!r.type().isError()) {
            validPrefsrc(b.toBuilder().type(r.type()).build(), tid);
        }
        return b;
    }

    private static Set<NextHopFlag> keep(Set<NextHopFlag> f) {
        if (f.isEmpty()) {
            return Set.of();
        }
        EnumSet<NextHopFlag> s = EnumSet.noneOf(NextHopFlag.class);
        for (NextHopFlag x : f) {
            if (x == NextHopFlag.ONLINK || x == NextHopFlag.PERVASIVE) {
                s.add(x);
            }
        }
        return s;
    }

    private static final boolean[] HOST = {true};
    private static final boolean[] NOT_HOST = {false};

    /** The nexthop scopes fib_check_nh_v4_gw gives a new route's gateways (true: host), or null without gateways. */
    boolean[] hostScopeHops(Route r) {
        if (r.type() != RouteType.UNICAST) {
            return null;
        }
        if (!r.isMultipath()) {
            // the common case without a NextHop for it; the arrays are shared, never written
            if (r.gateway() == null) {
                return null;
            }
            return !r.flags().contains(NextHopFlag.ONLINK)
                    && k.ipv4GatewayResolvesLocal(r.gateway(), r.deviceIndex(), r.table()) ? HOST : NOT_HOST;
        }
        List<NextHop> hops = r.isMultipath() ? r.nextHops()
                : List.of(new NextHop(r.gateway(), r.device(), r.deviceIndex(), 1, r.flags(), r.realms()));
        boolean[] out = new boolean[hops.size()];
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            NextHop h = hops.get(i);
            if (h.gateway() != null) {
                any = true;
                // an onlink gateway is not resolved: fib_check_nh_v4_gw gives it scope link for good
                out[i] = !h.flags().contains(NextHopFlag.ONLINK)
                        && k.ipv4GatewayResolvesLocal(h.gateway(), h.deviceIndex(), r.table());
            }
        }
        return any ? out : null;
    }

    private Route validPrefsrc(Route r, long tid) throws KErr {
        InetAddress p = r.prefsrc();
        if (p == null) {
            return r;
        }
        if (r.type() == RouteType.LOCAL && !r.dst().isDefault() && p.equals(r.dst().address())) {
            return r;
        }
        long t = tid == 254 ? 255 : tid;
        RouteType at = k.addressType(p, RouteTable.of(t));
        if (at != RouteType.LOCAL && t != 255) {
            at = k.addressType(p, RouteTable.LOCAL);
        }
        if (at != RouteType.LOCAL) {
            throw KErr.of(Errno.EINVAL, "Invalid prefsrc address");
        }
        return r;
    }

    /**
     * The scope of the route the last gateway {@link #checkNh} resolved went through (link, or host for a local
     * address or a host-scope route), which a nexthop object reports as its own scope.
     */
    RouteScope gatewayScope = RouteScope.LINK;

    /** fib_check_nh: returns the nexthop device. */
    Links.Dev checkNh(InetAddress gw, Links.Dev dev, boolean onlink, long tid, int scope) throws KErr {
        if (gw == null) {
            if (onlink) {
                throw KErr.of(Errno.EINVAL, "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
            }
            if (dev == null) {
                throw KErr.of(Errno.ENODEV);
            }
            if (!dev.up) {
                throw KErr.of(Errno.ENETDOWN, "Device for nexthop is not up");
            }
            return dev;
        }
        if (onlink) {
            if (scope >= SCOPE_LINK) {
                throw KErr.of(Errno.EINVAL, "Nexthop has invalid scope");
            }
            if (dev == null) {
                throw KErr.of(Errno.ENODEV, "Nexthop device required for onlink");
            }
            if (!dev.up) {
                throw KErr.of(Errno.ENETDOWN, "Nexthop device is not up");
            }
            if (addrTypeDev(dev, gw) != RouteType.UNICAST) {
                throw KErr.of(Errno.EINVAL, "Nexthop has invalid gateway");
            }
            return dev;
        }
        FibQuery q = FibQuery.to(gw).scope(RouteScope.of(Math.max(scope + 1, SCOPE_LINK)))
                .oif(dev == null ? 0 : dev.index, dev == null ? null : dev.name).ignoreLinkState(true);
        FibResult res = null;
        if (tid != 254) {
            FibTable tb = tables.get(tid);
            if (tb != null) {
                res = k.fibTable(tb, q);
                FibTable main = tid == 255 && merged ? tables.get(254L) : null;
                if (main != null) {
                    // local is one trie with main until a rule changes: the longest prefix of both wins
                    FibResult m = k.fibTable(main, q);
                    if (m.ok() && (!res.ok() || m.prefixLength() > res.prefixLength())) {
                        res = m;
                    }
                }
            }
        }
        if (res == null || !res.ok()) {
            res = k.fib(q);
        }
        if (!res.ok()) {
            Errno e = res.error().equals(Errno.EAGAIN) ? Errno.ENETUNREACH : res.error();
            throw KErr.of(e, "Nexthop has invalid gateway");
        }
        RouteType t = res.route().type();
        if (t != RouteType.UNICAST && t != RouteType.LOCAL) {
            throw KErr.of(Errno.EINVAL, "Nexthop has invalid gateway");
        }
        gatewayScope = res.route().scope(); // fib_check_nh_v4_gw: nh->fib_nh_scope = res.scope
        Links.Dev d = k.links.device(res.deviceIndex());
        if (d == null) {
            throw KErr.of(Errno.EINVAL, "No egress device for nexthop gateway");
        }
        if (!d.up) {
            throw KErr.of(Errno.ENETDOWN);
        }
        return d;
    }

    /** inet_addr_type_dev_table: the address's type in the local table (the device only picks a VRF's table). */
    RouteType addrTypeDev(Links.Dev dev, InetAddress a) {
        int x = (int) (((long) a.hashCode()));
        if (x == 0 || x == -1) {
            return RouteType.BROADCAST;
        }
        if ((x >>> 28) == 0xE) {
            return RouteType.MULTICAST;
        }
        FibTable local = tables.get(255L);
        if (local == null) {
            return RouteType.UNICAST;
        }
        FibResult r = k.fibTable(local, FibQuery.to(a));
        FibTable main = merged ? tables.get(254L) : null;
        if (main != null) {
            // while the rules were never changed local and main are one trie: the longest prefix of both wins
            // (an error route, throw included, matches as well: fib_table_lookup() then fails and
            // __inet_dev_addr_type() keeps RTN_UNICAST)
            FibResult m = k.fibTable(main, FibQuery.to(a));
            boolean rMatched = r.ok() || r.route() != null;
            if ((m.ok() || m.route() != null) && (!rMatched || m.prefixLength() > r.prefixLength())) {
                r = m;
            }
        }
        if (!r.ok()) {
            return RouteType.UNICAST;
        }
        // inet_addr_type_dev_table passes no device to __inet_dev_addr_type: a local address on any device is local
        return r.route().type();
    }

    /** Same fib_info (everything but the key and the type). */
    static boolean sameInfo(Route a, Route b) {
        return a.protocol().equals(b.protocol()) && a.scope().equals(b.scope())
                && Objects.equals(a.prefsrc(), b.prefsrc()) && a.priority() == b.priority()
                && a.metrics().equals(b.metrics()) && a.flags().equals(b.flags()) && a.realms() == b.realms()
                && Objects.equals(a.gateway(), b.gateway()) && a.deviceIndex() == b.deviceIndex()
                && liveHops(a).equals(liveHops(b)) && a.nhid() == b.nhid(); // fib_find_info: another nexthop object, another fib_info
    }

    /** The hops without RTNH_F_DEAD and RTNH_F_LINKDOWN, which nh_comp() ignores (RTNH_COMPARE_MASK). */
    private static List<NextHop> liveHops(Route r) {
        List<NextHop> out = new ArrayList<>(r.nextHops().size());
        for (NextHop h : r.nextHops()) {
            if (h.flags().contains(NextHopFlag.DEAD) || h.flags().contains(NextHopFlag.LINKDOWN)) {
                EnumSet<NextHopFlag> fl = EnumSet.copyOf(h.flags());
                fl.remove(NextHopFlag.DEAD);
                fl.remove(NextHopFlag.LINKDOWN);
                h = new NextHop(h.gateway(), h.device(), h.deviceIndex(), h.weight(), fl, h.realms());
            }
            out.add(h);
        }
        return out;
    }

    /**
     * fib_table_insert after fib_create_info. The notification's nlmsg_flags are the kernel's: NLM_F_EXCL unless a
     * route with the same tos and priority exists, NLM_F_REPLACE for a replace, NLM_F_APPEND when appended after
     * such routes, NLM_F_CREATE for every insertion that is not a replace.
     */
    void insert(Route r, int flags) throws KErr {
        FibTable tb = newTable(r.table().id());
        List<Route> list = new ArrayList<>(tb.get(r.dst()));
        int first = -1;
        int end = -1;
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (e.tos() == r.tos() && e.priority() == r.priority()) {
                if (first < 0) {
                    first = i;
                }
                end = i + 1;
            }
        }
        int at;
        int nlflags = EXCL;
        if (first >= 0) {
            if ((flags & EXCL) != 0) {
                throw KErr.of(Errno.EEXIST);
            }
            nlflags &= ~EXCL;
            int match = -1;
            for (int i = first; i < end; i++) {
                Route e = list.get(i);
                if (e.type() == r.type() && sameInfo(e, r)) {
                    match = i;
                    break;
                }
            }
            if ((flags & REPLACE) != 0) {
                if (match >= 0) {
                    if (match == first) {
                        return;
                    }
                    throw KErr.of(Errno.EEXIST);
                }
                list.set(first, r);
                tb.set(r.dst(), list);
                k.routeAdded(r, nlflags | REPLACE); // the replaced route is not reported as removed
                return;
            }
            if (match >= 0) {
                throw KErr.of(Errno.EEXIST);
            }
            if ((flags & APPEND) != 0) {
                nlflags |= APPEND;
                at = end;
            } else {
                at = first;
            }
        } else {
            at = list.size();
            for (int i = 0; i < list.size(); i++) {
                Route e = list.get(i);
                if (e.tos() > r.tos()) {
                    continue;
                }
                if (e.priority() >= r.priority() || e.tos() < r.tos()) {
                    at = i;
                    break;
                }
            }
        }
        if ((flags & CREATE) == 0) {
            throw KErr.of(Errno.ENOENT);
        }
        nlflags |= CREATE;
        list.add(at, r);
        tb.set(r.dst(), list);
        k.routeAdded(r, nlflags);
    }

    /** fib_table_delete. */
    Route delete(Route r) throws KErr {
        long tid = tableId(r);
        Links.Dev dev = k.links.resolve(r.device(), r.deviceIndex());
        List<Links.Dev> hopDevs = new ArrayList<>();
        for (NextHop h : r.nextHops()) {
            hopDevs.add(k.links.resolve(h.device(), h.deviceIndex()));
        }
        FibTable tb = tables.get(tid);
        if (tb == null) {
            throw KErr.of(Errno.ESRCH, "FIB table does not exist");
        }
        if ((r.tos() & 3) != 0) {
            throw KErr.of(Errno.EINVAL, "Invalid dsfield (tos): ECN bits must be 0");
        }
        List<Route> list = new ArrayList<>(tb.get(r.dst()));
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (e.tos() != r.tos()) {
                continue;
            }
            if (matches(e, r, dev, hopDevs)) {
                list.remove(i);
                tb.set(r.dst(), list);
                k.routeRemoved(e);
                return e;
            }
        }
        throw KErr.of(Errno.ESRCH);
    }

    static boolean matches(Route e, Route r, Links.Dev dev, List<Links.Dev> hopDevs) {
        if (r.type() != RouteType.UNSPEC && e.type() != r.type()) {
            return false;
        }
        if (r.scope().value() != 255 && e.scope().value() != r.scope().value()) {
            return false;
        }
        if (r.prefsrc() != null && !r.prefsrc().equals(e.prefsrc())) {
            return false;
        }
        if (r.protocol().value() != 0 && !r.protocol().equals(e.protocol())) {
            return false;
        }
        if (r.priority() != 0 && r.priority() != e.priority()) {
            return false;
        }
        for (var m : r.metrics().values().entrySet()) {
            if (!m.getValue().equals(e.metrics().get(m.getKey()))) {
                return false;
            }
        }
        // fib_nh_match: an nhid matches the route's nexthop object only; a route on a nexthop object matches no
        // device, gateway or multipath given
        if (r.nhid() != 0) {
            return e.nhid() == r.nhid();
        }
        if (e.nhid() != 0) {
            return dev == null && r.gateway() == null && !r.isMultipath();
        }
        if (dev != null || r.gateway() != null) {
            int eIdx = e.isMultipath() ? e.nextHops().get(0).deviceIndex() : e.deviceIndex();
            InetAddress eGw = e.firstGateway();
            if (dev != null && dev.index != eIdx) {
                return false;
            }
            if (r.gateway() != null && !r.gateway().equals(eGw)) {
                return false;
            }
            return true;
        }
        if (!r.isMultipath()) {
            return true;
        }
        List<NextHop> eh = e.isMultipath() ? e.nextHops()
                : List.of(new NextHop(e.gateway(), e.device(), e.deviceIndex(), 1, Set.of(), 0));
        for (int i = 0; i < r.nextHops().size() && i < eh.size(); i++) {
            NextHop h = r.nextHops().get(i);
            Links.Dev d = hopDevs.get(i);
            if (d != null && d.index != eh.get(i).deviceIndex()) {
                return false;
            }
            if (h.gateway() != null && !h.gateway().equals(eh.get(i).gateway())) {
                return false;
            }
        }
        return true;
    }

    // ---- kernel-generated routes (fib_magic)

    static Route magic(RouteType type, InetAddress dst, int len, InetAddress prefsrc, Links.Dev dev, long metric) {
        return Route.builder().family(Family.INET).type(type).table(type == RouteType.UNICAST ? RouteTable.MAIN
                : RouteTable.LOCAL).dst(IpPrefix.masked(dst, len)).device(dev.name).deviceIndex(dev.index)
                .prefsrc(prefsrc).protocol(RouteProtocol.KERNEL)
                .scope(type == RouteType.LOCAL ? RouteScope.HOST : RouteScope.LINK).priority(metric).build();
    }

    void magicAdd(Route r) {
        try {
            // fib_magic goes through fib_create_info: a prefsrc that is no longer local (its local route was
            // deleted) makes the route invalid, and fib_magic ignores the error
            newTable(r.table().id());
            validPrefsrc(r, r.table().id());
            insert(r, CREATE | APPEND);
        } catch (KErr e) {
            // EEXIST: the kernel ignores it
        }
    }

    void magicDelete(Route r) {
        FibTable tb = tables.get(r.table().id());
        if (tb == null) {
            return;
        }
        List<Route> list = new ArrayList<>(tb.get(r.dst()));
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (e.tos() == 0 && e.type() == r.type() && e.scope().equals(r.scope())
                    && Objects.equals(e.prefsrc(), r.prefsrc()) && e.protocol().equals(RouteProtocol.KERNEL)
                    && !e.isMultipath() && e.deviceIndex() == r.deviceIndex()) {
                list.remove(i);
                tb.set(r.dst(), list);
                k.routeRemoved(e); // fib_magic(RTM_DELROUTE) notifies like a user delete
                return;
            }
        }
    }

    /** Unused metric keys are kept as given; this tells whether a metric set looks like the kernel's. */
    static boolean hasMetric(Route r, RouteMetric m) {
        return r.metrics().get(m) != null;
    }

    // ---- flushes (a link going down or away, the last address gone)

    /** Removes IPv4 routes (all tables) for which {@code gone} holds; {@code force} includes host scope. */
    void flush4(Predicate<Route> gone, boolean force) {
        for (FibTable t : tables.values()) {
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> keep = new ArrayList<>(list.size());
                for (Route r : list) {
                    if (!gone.test(r)) {
                        keep.add(r);
                    }
                }
                if (keep.size() != list.size()) {
                    t.set(p, keep);
                }
            }
        }
    }

    /**
     * What fib_disable_ip() leaves of the multipath routes through a device that lost its last IPv4 address:
     * fib_sync_down_dev(dev, NETDEV_DOWN, force) marks their hops on it RTNH_F_DEAD and RTNH_F_LINKDOWN (stored in the
     * fib_info, so dumped and skipped by lookups until fib_sync_up() revives them); routes on nexthop objects are not
     * in the fib_info device hash it walks.
     */
    void markHopsDead(int idx) {
        rewriteHops(idx, h -> {
            EnumSet<NextHopFlag> fl = h.flags().isEmpty() ? EnumSet.noneOf(NextHopFlag.class) : EnumSet.copyOf(h.flags());
            fl.add(NextHopFlag.DEAD);
            fl.add(NextHopFlag.LINKDOWN);
            return fl;
        });
    }

    /**
     * fib_sync_up(dev, RTNH_F_DEAD) (an IPv4 address added, the device brought up): hops on an up device lose
     * RTNH_F_DEAD, and RTNH_F_LINKDOWN too when the device has carrier.
     */
    void reviveHops(Links.Dev d) {
        if (!d.up) {
            return;
        }
        rewriteHops(d.index, h -> {
            EnumSet<NextHopFlag> fl = h.flags().isEmpty() ? EnumSet.noneOf(NextHopFlag.class) : EnumSet.copyOf(h.flags());
            fl.remove(NextHopFlag.DEAD);
            if (d.lowerUp()) {
                fl.remove(NextHopFlag.LINKDOWN);
            }
            return fl;
        });
    }

    private void rewriteHops(int idx, java.util.function.Function<NextHop, Set<NextHopFlag>> flags) {
        for (FibTable t : tables.values()) {
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> out = null;
                for (int i = 0; i < list.size(); i++) {
                    Route r = list.get(i);
                    if (!r.isMultipath() || r.nhid() != 0 || r.type().isError()) {
                        continue;
                    }
                    List<NextHop> hs = null;
                    for (int j = 0; j < r.nextHops().size(); j++) {
                        NextHop h = r.nextHops().get(j);
                        if (h.deviceIndex() != idx) {
                            continue;
                        }
                        Set<NextHopFlag> fl = flags.apply(h);
                        if (fl.equals(h.flags())) {
                            continue;
                        }
                        if (hs == null) {
                            hs = new ArrayList<>(r.nextHops());
                        }
                        hs.set(j, new NextHop(h.gateway(), h.device(), h.deviceIndex(), h.weight(), fl, h.realms()));
                    }
                    if (hs != null) {
                        if (out == null) {
                            out = new ArrayList<>(list);
                        }
                        out.set(i, r.toBuilder().nextHops(hs).build());
                    }
                }
                if (out != null) {
                    t.set(p, out);
                }
            }
        }
    }

    /**
     * fib_del_ifaddr when a local address finally disappeared: main's routes with it as prefsrc go, each with an
     * RTM_DELROUTE (unlike the silent fib_flush of a link going down). fib_sync_down_addr() marks their fib_info
     * RTNH_F_DEAD and pfsrc_removed, then fib_flush() -> fib_table_flush() walks the trie in reverse: keys from the
     * highest down, a key's routes in the leaf's order (longer prefix first, then as dumped). The notification is
     * fib_dump_info()'s: a multipath route's rtm_flags are the fib_info's (so "dead"), a single path's its nexthop's.
     */
    void flushPrefsrcInMain(InetAddress gone) {
        FibTable main = tables.get(254L);
        if (main == null) {
            return;
        }
        List<IpPrefix> order = main.prefixes(); // dump order: keys ascending, a key's prefixes longest first
        List<IpPrefix> reversed = new ArrayList<>(order.size());
        for (int end = order.size(); end > 0;) {
            int start = end - 1;
            while (start > 0 && order.get(start - 1).address().equals(order.get(end - 1).address())) {
                start--;
            }
            reversed.addAll(order.subList(start, end));
            end = start;
        }
        for (IpPrefix p : reversed) {
            List<Route> list = main.get(p);
            List<Route> keep = new ArrayList<>(list.size());
            for (Route r : list) {
                if (!gone.equals(r.prefsrc())) {
                    keep.add(r);
                } else if (r.isMultipath()) {
                    EnumSet<NextHopFlag> fl = EnumSet.of(NextHopFlag.DEAD);
                    fl.addAll(r.flags());
                    k.routeRemoved(r.toBuilder().flags(fl).build());
                } else {
                    k.routeRemoved(r);
                }
            }
            if (keep.size() != list.size()) {
                main.set(p, keep);
            }
        }
    }
}
