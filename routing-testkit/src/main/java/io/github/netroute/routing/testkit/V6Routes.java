package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.model.FibQuery;
import io.github.netroute.routing.model.FibResult;
import io.github.netroute.routing.model.FibTable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * IPv6 routes: owns the fib6 tables (created on first use); RTM_NEWROUTE / RTM_DELROUTE (ip6_route_info_create,
 * fib6_add_rt2node, ip6_route_del), the kernel's own routes and the flushes.
 */
final class V6Routes {
    private final KernelState k;
    /** table id -> table; creation order kept for the dump order within a hash bucket. */
    private final LinkedHashMap<Long, FibTable> tables = new LinkedHashMap<>();
    /**
     * Each IPv6 sibling is its own fib6_info with its own protocol (rt6_fill_node reports it): the protocol of every
     * hop of a group that was appended to, by table, destination, metric, gateway and device.
     */
    private final Map<HopKey, RouteProtocol> hopProtocols = new java.util.HashMap<>();

    private record HopKey(long table, IpPrefix dst, long metric, InetAddress gateway, int dev) {}

    private static HopKey hopKey(Route e, InetAddress gateway, int dev) {
        return new HopKey(e.table() == null ? 254 : e.table().id(), e.dst(), e.priority(), gateway, dev);
    }

    /** {@link #withHops} with the protocol of the first of those siblings. */
    private Route siblings(Route e, List<NextHop> hs) {
        Route r = withHops(e, hs);
        RouteProtocol p = hopProtocols.get(hopKey(e, hs.get(0).gateway(), hs.get(0).deviceIndex()));
        return p == null || p.equals(r.protocol()) ? r : r.toBuilder().protocol(p).build();
    }

    /** A route stored without a join: none of its hops has a protocol of its own (yet). */
    private void forgetHopProtocols(Route stored) {
        if (hopProtocols.isEmpty()) {
            return;
        }
        for (NextHop h : hops(stored)) {
            hopProtocols.remove(hopKey(stored, h.gateway(), h.deviceIndex()));
        }
    }

    V6Routes(KernelState k) {
        this.k = k;
    }

    /** A copy of {@code o}'s tables (each table copied) for the namespace {@code k}. */
    V6Routes(KernelState k, V6Routes o) {
        this.k = k;
        o.tables.forEach((id, t) -> tables.put(id, t.copy()));
    }

    // ---- tables

    /** table id -> table, in creation order. */
    Map<Long, FibTable> tables() {
        return tables;
    }

    FibTable table(long id) {
        return tables.get(id);
    }

    /** The table, created if missing. */
    FibTable newTable(long id) {
        FibTable t = tables.get(id);
        if (t == null) {
            t = new FibTable(Family.INET6, RouteTable.of(id));
            tables.put(id, t);
        }
        return t;
    }

    List<Long> dumpOrder() {
        return KernelState.dumpOrderOf(tables.keySet());
    }

    // ---- RTM_NEWROUTE / RTM_DELROUTE

    static final int CREATE = 0x400;
    static final int EXCL = 0x200;
    static final int REPLACE = 0x100;
    static final int APPEND = 0x800;

    static boolean reject(RouteType t) {
        return t == RouteType.UNREACHABLE || t == RouteType.BLACKHOLE || t == RouteType.PROHIBIT
                || t == RouteType.THROW;
    }

    static long tableId(Route r) {
        return r.table().id() == 0 ? 254 : r.table().id();
    }

    /** RTM_NEWROUTE for IPv6 (single or multipath). */
    void add(Route r, int flags) throws KErr {
        if (r.tos() != 0) {
            throw KErr.of(Errno.EINVAL, "Invalid dsfield (tos): option not available for IPv6");
        }
        if (r.nhid() != 0) {
            insert(createWithNexthop(r), flags, 1, -1);
            return;
        }
        if (r.isMultipath()) {
            for (NextHop h : r.nextHops()) {
                if (h.gateway() == null) {
                    throw KErr.of(Errno.EINVAL,
                            "Device only routes can not be added for IPv6 using the multipath API.");
                }
            }
            List<Route> hops = new ArrayList<>();
            for (NextHop h : r.nextHops()) {
                Route single = r.toBuilder().nextHops(List.of()).gateway(h.gateway()).device(h.device())
                        .deviceIndex(h.deviceIndex()).flags(h.flags()).build();
                Route hop = create(single, flags);
                for (Route prev : hops) {
                    // ip6_route_info_append: the same nexthop twice in one request
                    if (prev.deviceIndex() == hop.deviceIndex() && Objects.equals(prev.gateway(), hop.gateway())) {
                        throw KErr.of(Errno.EEXIST);
                    }
                }
                hops.add(hop);
            }
            FibTable tb = tables.get(hops.get(0).table().id());
            List<Route> saved = new ArrayList<>(tb.get(hops.get(0).dst()));
            int events = k.events.size();
            // ip6_route_multipath_add notifies with NLM_F_REPLACE or NLM_F_CREATE, and NLM_F_APPEND if asked
            int nlflags = ((flags & REPLACE) != 0 ? REPLACE : CREATE) | (flags & APPEND);
            try {
                int f = flags;
                for (int i = 0; i < hops.size(); i++) {
                    Route h = hops.get(i);
                    insert(h, f, r.nextHops().get(i).weight(), nlflags);
                    f &= ~(EXCL | REPLACE);
                }
                // ip6_route_multipath_add notifies once, for the first route it inserted, with its siblings
                Route last = ((RoutingEvent.RouteAdded) k.events.get(k.events.size() - 1)).route();
                k.events.subList(events, k.events.size()).clear();
                k.routeAdded(siblingsFrom(last, hops.get(0)), nlflags);
            } catch (KErr e) {
                tb.set(hops.get(0).dst(), saved);
                k.events.subList(events, k.events.size()).clear(); // rolled back: nothing to report
                throw e;
            }
            return;
        }
        insert(create(r, flags), flags, 1, -1);
    }

    /** ip6_route_info_create + fib6_nh_init for one path. */
    Route create(Route r, int flags) throws KErr {
        Links.Dev dev = k.links.resolve(r.device(), r.deviceIndex());
        long tid = tableId(r);
        newTable(tid);
        long metric = r.priority() == 0 ? 1024 : r.priority();
        RouteProtocol proto = r.protocol().value() == 0 ? RouteProtocol.BOOT : r.protocol();
        RouteType type = r.type() == RouteType.UNSPEC ? RouteType.UNICAST : r.type();
        boolean onlink = r.flags().contains(NextHopFlag.ONLINK);
        InetAddress gw = r.gateway();
        if (onlink) {
            if (dev == null) {
                throw KErr.of(Errno.EINVAL, "Nexthop device required for onlink");
            }
            if (!dev.up) {
                throw KErr.of(Errno.ENETDOWN, "Nexthop device is not up");
            }
        }
        boolean rej = reject(type) || (dev != null && dev.loopback() && !r.dst().address().isLoopbackAddress()
                && type != RouteType.LOCAL && type != RouteType.ANYCAST && false);
        if (rej) {
            dev = k.links.device(1);
            gw = null;
        } else {
            if (gw != null) {
                dev = validateGw(gw, dev, onlink, tid);
            }
            if (dev == null) {
                throw KErr.of(Errno.ENODEV);
            }
            if (!dev.up) {
                throw KErr.of(Errno.ENETDOWN, "Nexthop device is not up");
            }
        }
        if (r.prefsrc() != null && !k.addrs6.hasUsable(r.prefsrc())) {
            throw KErr.of(Errno.EINVAL, "Invalid source address");
        }
        EnumSet<NextHopFlag> fl = EnumSet.noneOf(NextHopFlag.class);
        if (onlink) {
            fl.add(NextHopFlag.ONLINK);
        }
        return r.toBuilder().family(Family.INET6).type(type).table(RouteTable.of(tid)).priority(metric).protocol(proto)
                .scope(RouteScope.UNIVERSE).gateway(gw).device(dev == null ? null : dev.name)
                .deviceIndex(dev == null ? 0 : dev.index).flags(fl)
                // a reject route (blackhole, unreachable, prohibit, throw: RTF_REJECT) keeps no router preference:
                // Linux 6.18 dumps it with RTA_PREF medium whatever was asked (observed; differential suite)
                .preference(r.preference() == null || type.isError() ? RoutePreference.MEDIUM : r.preference())
                .build();
    }

    /** A route naming a nexthop object: fib6_check_nexthop, the nexthop's paths filled in. */
    private Route createWithNexthop(Route r) throws KErr {
        // rtm_to_fib6_config and the config checks first; then ip6_route_info_create creates the table (Linux 6.18)
        // before it looks the nexthop up, so a route naming a missing nexthop still leaves its table behind
        if (r.gateway() != null || r.device() != null || r.deviceIndex() != 0 || r.isMultipath()
                || r.src() != null && r.src().length() > 0) {
            k.nexthops.forRoute(r); // throws the kernel's error
        }
        long tid = tableId(r);
        newTable(tid);
        Route filled = k.nexthops.forRoute(r);
        if (r.prefsrc() != null && !k.addrs6.hasUsable(r.prefsrc())) {
            throw KErr.of(Errno.EINVAL, "Invalid source address");
        }
        RouteType type = filled.type() == RouteType.UNSPEC ? RouteType.UNICAST : filled.type();
        return filled.toBuilder().family(Family.INET6).type(type).table(RouteTable.of(tid))
                .priority(r.priority() == 0 ? 1024 : r.priority())
                .protocol(r.protocol().value() == 0 ? RouteProtocol.BOOT : r.protocol()).scope(RouteScope.UNIVERSE)
                .preference(r.preference() == null ? RoutePreference.MEDIUM : r.preference()).build();
    }

    static boolean linkLocal(InetAddress a) {
        return a instanceof Inet6Address && a.isLinkLocalAddress();
    }

    /** ip6_validate_gw: returns the (possibly resolved) device. */
    Links.Dev validateGw(InetAddress gw, Links.Dev dev, boolean onlink, long tid) throws KErr {
        boolean ll = linkLocal(gw);
        boolean needAddrCheck = dev == null;
        if (dev != null && k.addrs6.isOn(gw, ll ? dev : null)) {
            throw KErr.of(Errno.EINVAL, "Gateway can not be a local address");
        }
        if (!ll) {
            if (gw.isMulticastAddress() || gw.isAnyLocalAddress()) {
                throw KErr.of(Errno.EINVAL, "Invalid gateway address");
            }
            if (onlink) {
                FibTable main = tables.get(254L);
                if (main != null) {
                    FibResult res = k.fibTable(main, FibQuery.to(gw).ignoreLinkState(true));
                    // ip6_nh_lookup_table passes the oif without RT6_LOOKUP_F_IFACE: rt6_score_route prefers a route
                    // of the chosen metric through that device over the first one
                    boolean onDev = res.ok() && dev != null && dev.index == res.deviceIndex();
                    if (res.ok() && dev != null && !onDev && !res.route().isMultipath()) {
                        for (Route x : main.get(res.route().dst())) {
                            if (x.priority() == res.route().priority() && x.deviceIndex() == dev.index
                                    && x.type() == RouteType.UNICAST && sameSrc(x, res.route())) {
                                onDev = true;
                                break;
                            }
                        }
                    }
                    if (res.ok() && !reject(res.route().type()) && !loopbackReject(res)
                            && !res.route().dst().address().isAnyLocalAddress()
                            && (res.route().type() != RouteType.UNICAST || !onDev)) {
                        throw KErr.of(Errno.EINVAL, "Nexthop has invalid gateway or device mismatch");
                    }
                }
            } else {
                FibQuery q = FibQuery.to(gw).oif(dev == null ? 0 : dev.index, dev == null ? null : dev.name)
                        .ignoreLinkState(true);
                FibResult res = null;
                FibTable tb = tables.get(tid);
                if (tb != null) {
                    res = k.fibTable(tb, q);
                    if (!res.ok() || res.gateway() != null || loopbackReject(res)
                            || (dev != null && dev.index != res.deviceIndex())) {
                        res = null;
                    }
                }
                if (res == null) {
                    res = k.fib6Lookup(FibQuery.to(gw).oif(dev == null ? 0 : dev.index, dev == null ? null : dev.name));
                    if (!res.ok() || res.gateway() != null || loopbackReject(res)) {
                        throw KErr.of(Errno.EHOSTUNREACH);
                    }
                }
                Links.Dev rd = k.links.device(res.deviceIndex());
                if (dev != null) {
                    if (rd != dev) {
                        throw KErr.of(Errno.EHOSTUNREACH);
                    }
                } else {
                    dev = rd;
                }
            }
        }
        if (dev == null) {
            throw KErr.of(Errno.EINVAL, "Egress device not specified");
        }
        if (dev.loopback()) {
            throw KErr.of(Errno.EINVAL, "Egress device can not be loopback device for this route");
        }
        if (needAddrCheck && k.addrs6.isOn(gw, ll ? dev : null)) {
            throw KErr.of(Errno.EINVAL, "Gateway can not be a local address");
        }
        return dev;
    }

    /**
     * ip6_route_info_create promotes a route through the loopback device (not to a loopback address, not local or
     * anycast) to a reject route (RTF_REJECT) while dumps still show its type: such a route cannot resolve a gateway.
     */
    boolean loopbackReject(FibResult res) {
        Route r = res.route();
        Links.Dev d = k.links.device(res.deviceIndex());
        return r != null && d != null && d.loopback() && r.type() != RouteType.LOCAL && r.type() != RouteType.ANYCAST
                && !r.dst().address().isLoopbackAddress();
    }

    static boolean canEcmp(Route r) {
        // rt6_qualify_for_ecmp: never a route on a nexthop object (even a group's paths are the object's)
        if (r.nhid() != 0) {
            return false;
        }
        return r.isMultipath() || (r.gateway() != null && !reject(r.type()));
    }

    static List<NextHop> hops(Route r) {
        if (r.isMultipath()) {
            return r.nextHops();
        }
        return List.of(new NextHop(r.gateway(), r.device(), r.deviceIndex(), 1, r.flags(), r.realms()));
    }

    static boolean duplicateNexthop(Route e, Route r) {
        if (e.nhid() != 0 || r.nhid() != 0) {
            return e.nhid() == r.nhid(); // rt6_duplicate_nexthop: nexthop_cmp, the same object
        }
        for (NextHop h : hops(e)) {
            if (h.deviceIndex() == r.deviceIndex() && Objects.equals(h.gateway(), r.gateway())) {
                return true;
            }
        }
        return false;
    }

    /**
     * fib6_add_1()'s walk down the table's tree for {@code p} (a prefix no route has): false when it finds a node of
     * exactly that prefix (an intermediate one), true when it would insert one (above a node, or a new leaf).
     * The tree is the compressed binary trie of the table's prefixes (fib6_repair_tree() removes a node that holds
     * no route and has fewer than two children), with the root at length 0.
     */
    static boolean insertsAbove(FibTable tb, IpPrefix p) {
        List<IpPrefix> keys = new ArrayList<>();
        tb.forEach(x -> {
            if (!keys.contains(x.dst())) {
                keys.add(x.dst());
            }
        });
        byte[] a = p.address().getAddress();
        int plen = p.length();
        int bit = 0; // the root
        while (true) {
            if (plen == bit) {
                return false; // the exact node (no route of it matched)
            }
            int dir = bitAt(a, bit);
            // the child on that side: the common prefix of every key below it
            byte[] child = null;
            int childLen = 129;
            int common = 128;
            for (IpPrefix k : keys) {
                byte[] kb = k.address().getAddress();
                if (k.length() <= bit || commonBits(kb, a, bit) < bit || bitAt(kb, bit) != dir) {
                    continue;
                }
                if (child == null) {
                    child = kb;
                    childLen = k.length();
                    common = k.length();
                } else {
                    common = Math.min(common, Math.min(k.length(), commonBits(child, kb, 128)));
                }
            }
            if (child == null) {
                return true; // the bottom: a new leaf (the same extack on 6.18, observed)
            }
            int fnBit = Math.min(common, childLen);
            if (plen < fnBit || commonBits(a, child, fnBit) < fnBit) {
                return true;
            }
            bit = fnBit;
        }
    }

    private static int bitAt(byte[] a, int i) {
        return (a[i >>> 3] >>> (7 - (i & 7))) & 1;
    }

    private static int commonBits(byte[] a, byte[] b, int max) {
        int n = 0;
        while (n < max && bitAt(a, n) == bitAt(b, n)) {
            n++;
        }
        return n;
    }

    static Route join(Route group, Route hop, int weight) {
        List<NextHop> hs = new ArrayList<>(hops(group));
        hs.add(new NextHop(hop.gateway(), hop.device(), hop.deviceIndex(), weight, hop.flags(), hop.realms()));
        return group.toBuilder().gateway(null).device(null).deviceIndex(0).flags(Set.of()).nextHops(hs).build();
    }

    /**
     * The group as the kernel notifies it for one of its siblings: that sibling's path first, then the others in
     * the (circular) sibling list's order, with that sibling's protocol and prefsrc.
     */
    static Route siblingsFrom(Route group, Route sibling) {
        List<NextHop> hs = hops(group);
        int at = 0;
        for (int i = 0; i < hs.size(); i++) {
            if (hs.get(i).deviceIndex() == sibling.deviceIndex()
                    && Objects.equals(hs.get(i).gateway(), sibling.gateway())) {
                at = i;
                break;
            }
        }
        if (!group.isMultipath()) {
            return group;
        }
        // each sibling is its own fib6_info: rt6_fill_node reports the notified one's protocol and prefsrc
        Route.Builder b = group.toBuilder().protocol(sibling.protocol()).prefsrc(sibling.prefsrc());
        if (at == 0) {
            return b.build();
        }
        List<NextHop> rotated = new ArrayList<>(hs.subList(at, hs.size()));
        rotated.addAll(hs.subList(0, at));
        return b.nextHops(rotated).build();
    }

    static boolean sameSrc(Route a, Route b) {
        return Objects.equals(a.src() == null || a.src().length() == 0 ? null : a.src(),
                b.src() == null || b.src().length() == 0 ? null : b.src());
    }

    /**
     * fib6_add_rt2node for one (single-path) route. The notification's nlmsg_flags are the kernel's: NLM_F_EXCL
     * unless a route with the same metric exists, NLM_F_APPEND if asked, NLM_F_CREATE on an insertion, only
     * NLM_F_REPLACE on a replacement; {@code notifyFlags} >= 0 overrides them (a multipath request notifies once
     * with its own flags).
     */
    void insert(Route r, int flags, int weight, int notifyFlags) throws KErr {
        FibTable tb = newTable(r.table().id());
        List<Route> list = new ArrayList<>(tb.get(r.dst()));
        boolean replace = (flags & REPLACE) != 0;
        boolean add = (flags & CREATE) != 0;
        boolean ecmp = canEcmp(r);
        int ins = list.size();
        int found = -1;
        int fallback = -1;
        int sibling = -1;
        int nlflags = EXCL | (flags & APPEND);
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (!sameSrc(e, r)) {
                continue;
            }
            if (e.priority() == r.priority()) {
                if ((flags & EXCL) != 0) {
                    throw KErr.of(Errno.EEXIST);
                }
                nlflags &= ~EXCL;
                if (replace) {
                    if (ecmp == canEcmp(e)) {
                        found = i;
                        ins = i;
                        break;
                    }
                    if (fallback < 0) {
                        fallback = i;
                    }
                    continue;
                }
                if (duplicateNexthop(e, r)) {
                    throw KErr.of(Errno.EEXIST);
                }
                if (ecmp && canEcmp(e) && sibling < 0) {
                    sibling = i;
                }
            }
            if (e.priority() > r.priority()) {
                ins = i;
                break;
            }
        }
        if (fallback >= 0 && found < 0) {
            found = fallback;
            ins = fallback;
        }
        Route stored;
        if (!replace || found < 0) {
            if (replace && !add) {
                // net/ipv6/ip6_fib.c: fib6_add_1() that finds no node for the prefix (it would insert one) sets the
                // extack; finding the node without a matching route (fib6_add_rt2node: "NLM_F_REPLACE set, but no
                // existing node found!") is a bare -ENOENT
                if (list.isEmpty() && insertsAbove(tb, r.dst())) {
                    throw KErr.of(Errno.ENOENT, "Can not replace route - no match found");
                }
                throw KErr.of(Errno.ENOENT);
            }
            nlflags |= CREATE;
            if (!replace && sibling >= 0) {
                Route g = list.get(sibling);
                for (NextHop h : hops(g)) {
                    hopProtocols.putIfAbsent(hopKey(g, h.gateway(), h.deviceIndex()), g.protocol());
                }
                hopProtocols.put(hopKey(g, r.gateway(), r.deviceIndex()), r.protocol());
                stored = join(g, r, weight);
                list.set(sibling, stored);
                tb.set(r.dst(), list);
                // rt6_fill_node for the new sibling: its own path, then the others in sibling-list order (the
                // list is circular, so those before it come after)
                k.routeAdded(siblingsFrom(stored, r), notifyFlags >= 0 ? notifyFlags : nlflags);
                return;
            } else {
                stored = weight == 1 ? r : asGroup(r, weight);
                forgetHopProtocols(stored);
                list.add(ins, stored);
            }
        } else {
            stored = weight == 1 ? r : asGroup(r, weight);
            forgetHopProtocols(stored);
            list.set(found, stored);
            nlflags = REPLACE;
        }
        tb.set(r.dst(), list);
        k.routeAdded(stored, notifyFlags >= 0 ? notifyFlags : nlflags);
    }

    /** ip6_route_del (and the multipath variant: one deletion per hop). */
    void delete(Route r) throws KErr {
        Links.Dev dev = k.links.resolve(r.device(), r.deviceIndex());
        List<Links.Dev> hopDevs = new ArrayList<>();
        for (NextHop h : r.nextHops()) {
            hopDevs.add(k.links.resolve(h.device(), h.deviceIndex()));
        }
        FibTable tb = tables.get(tableId(r));
        if (tb == null) {
            throw KErr.of(Errno.ESRCH, "FIB table does not exist");
        }
        if (!r.isMultipath()) {
            deleteOne(tb, r, dev, r.gateway());
            return;
        }
        KErr last = null;
        for (int i = 0; i < r.nextHops().size(); i++) {
            try {
                deleteOne(tb, r, hopDevs.get(i), r.nextHops().get(i).gateway());
            } catch (KErr e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
    }

    private void deleteOne(FibTable tb, Route r, Links.Dev dev, InetAddress gw) throws KErr {
        List<Route> list = new ArrayList<>(tb.get(r.dst()));
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (!sameSrc(e, r)) {
                continue;
            }
            if (r.priority() != 0 && r.priority() != e.priority()) {
                continue;
            }
            if (e.nhid() != 0 && r.nhid() != 0 && e.nhid() != r.nhid()) {
                continue;
            }
            if (r.protocol().value() != 0 && !r.protocol().equals(e.protocol())) {
                continue;
            }
            // ip6_route_del: a route on a nexthop object goes whatever device or gateway was given; with an nhid
            // only such routes match
            if (e.nhid() != 0) {
                list.remove(i);
                k.routeRemoved(e);
                tb.set(r.dst(), list);
                return;
            }
            if (r.nhid() != 0) {
                continue;
            }
            List<NextHop> hs = hops(e);
            for (int j = 0; j < hs.size(); j++) {
                NextHop h = hs.get(j);
                if (dev != null && h.deviceIndex() != dev.index) {
                    continue;
                }
                if (gw != null && !gw.equals(h.gateway())) {
                    continue;
                }
                if (gw != null && hs.size() > 1) {
                    List<NextHop> rest = new ArrayList<>(hs);
                    rest.remove(j);
                    list.set(i, siblings(e, rest));
                    k.routeRemoved(siblings(e, List.of(h)));
                } else {
                    list.remove(i);
                    k.routeRemoved(e);
                }
                tb.set(r.dst(), list);
                return;
            }
        }
        if (r.dst().isDefault() && (r.src() == null || r.src().length() == 0) && list.isEmpty()
                && r.priority() == 0 && r.protocol().value() == 0 && gw == null && (dev == null || dev.loopback())) {
            // the root of an empty tree holds fib6_null_entry, which the wildcards match: fib6_del refuses it
            throw KErr.of(Errno.ENOENT);
        }
        throw KErr.of(Errno.ESRCH);
    }

    /** A single path that must remember a weight other than 1 is kept as a one-hop group. */
    static Route asGroup(Route r, int weight) {
        return r.toBuilder().gateway(null).device(null).deviceIndex(0).flags(Set.of())
                .nextHops(List.of(new NextHop(r.gateway(), r.device(), r.deviceIndex(), weight, r.flags(), r.realms())))
                .build();
    }

    static Route withHops(Route e, List<NextHop> hs) {
        if (hs.size() == 1) {
            NextHop h = hs.get(0);
            return e.toBuilder().nextHops(List.of()).gateway(h.gateway()).device(h.device())
                    .deviceIndex(h.deviceIndex()).flags(h.flags()).build();
        }
        return e.toBuilder().nextHops(hs).build();
    }

    // ---- kernel routes

    static Route kernelRoute(RouteType type, long table, IpPrefix dst, Links.Dev dev, long metric) {
        return Route.builder().family(Family.INET6).type(type).table(RouteTable.of(table)).dst(dst).device(dev.name)
                .deviceIndex(dev.index).protocol(RouteProtocol.KERNEL).scope(RouteScope.UNIVERSE).priority(metric)
                .preference(RoutePreference.MEDIUM).build();
    }

    /** Adds a kernel route unless one with the same key and device exists. */
    void kernelAdd(Route r) {
        FibTable tb = newTable(r.table().id());
        List<Route> list = new ArrayList<>(tb.get(r.dst()));
        int ins = list.size();
        int nlflags = EXCL; // the kernel's own routes: no request header, so no APPEND
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (e.priority() == r.priority() && sameSrc(e, r)) {
                nlflags &= ~EXCL;
            }
            if (e.priority() == r.priority() && duplicateNexthop(e, r)) {
                return;
            }
            if (e.priority() > r.priority()) {
                ins = i;
                break;
            }
        }
        list.add(ins, r);
        tb.set(r.dst(), list);
        k.routeAdded(r, nlflags | CREATE);
    }

    void kernelDelete(long table, IpPrefix dst, int ifindex, RouteType type) {
        FibTable tb = tables.get(table);
        if (tb == null) {
            return;
        }
        List<Route> list = new ArrayList<>(tb.get(dst));
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (e.type() == type && e.protocol().equals(RouteProtocol.KERNEL) && !e.isMultipath()
                    && e.deviceIndex() == ifindex) {
                list.remove(i);
                tb.set(dst, list);
                k.routeRemoved(e);
                return;
            }
        }
    }

    /**
     * An address's prefix route goes with the address (cleanup_prefix_route): Linux deletes the first route for the
     * prefix in main on that device without a gateway (addrconf_get_prefix_route checks neither protocol nor
     * metric), so a user route with a lower metric goes instead of the kernel's.
     */
    void prefixRouteDelete(IpPrefix dst, int ifindex) {
        FibTable tb = tables.get(254L);
        if (tb == null) {
            return;
        }
        List<Route> list = new ArrayList<>(tb.get(dst));
        for (int i = 0; i < list.size(); i++) {
            Route e = list.get(i);
            if (!e.isMultipath() && e.nhid() == 0 && e.deviceIndex() == ifindex && e.firstGateway() == null) {
                list.remove(i);
                tb.set(dst, list);
                k.routeRemoved(e);
                return;
            }
        }
    }

    // ---- flushes (a link going down or away, the last address gone)

    /** Removes IPv6 routes through a device (multipath: the route goes when no hop is alive, or on unregister). */
    void flush6(int idx, boolean unregister) {
        // fib6_clean_all walks the tables in hash order (as a dump does) and deletes each fib6_info, siblings one by
        // one, each with its own RTM_DELROUTE
        for (long id : dumpOrder()) {
            FibTable t = tables.get(id);
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> keep = new ArrayList<>(list.size());
                for (Route r : list) {
                    boolean gone;
                    if (!r.isMultipath()) {
                        gone = r.deviceIndex() == idx;
                    } else if (unregister) {
                        // the siblings through the device go; the others stay (as a single path if one is left).
                        // A device is taken down before it is unregistered (NETDEV_DOWN, fib6_ifdown): when every
                        // other sibling is dead already (its device down), rt6_multipath_dead_count flushes the
                        // whole route first.
                        List<NextHop> rest = new ArrayList<>();
                        boolean anyAlive = false;
                        for (NextHop h : r.nextHops()) {
                            if (h.deviceIndex() != idx) {
                                rest.add(h);
                                anyAlive |= k.links.isUp(h.deviceIndex());
                            }
                        }
                        gone = rest.isEmpty() || !anyAlive;
                        if (!gone && rest.size() != r.nextHops().size()) {
                            for (NextHop h : r.nextHops()) {
                                if (h.deviceIndex() == idx) {
                                    Route gone1 = siblings(r, List.of(h));
                                    if (!k.links.isUp(idx)) {
                                        // the device went down first: fib6_ifdown marked this sibling dead and
                                        // linkdown, and its RTM_DELROUTE says so (observed, Linux 6.18)
                                        EnumSet<NextHopFlag> fl = EnumSet.of(NextHopFlag.DEAD, NextHopFlag.LINKDOWN);
                                        fl.addAll(h.flags());
                                        gone1 = gone1.toBuilder().flags(fl).build();
                                    }
                                    k.routeRemoved(gone1);
                                }
                            }
                            r = siblings(r, rest);
                        }
                    } else {
                        gone = true;
                        for (NextHop h : r.nextHops()) {
                            if (k.links.isUp(h.deviceIndex())) {
                                gone = false;
                            }
                        }
                    }
                    if (!gone) {
                        keep.add(r);
                    } else if (r.isMultipath()) {
                        for (NextHop h : r.nextHops()) {
                            Route one = siblings(r, List.of(h));
                            if (h.deviceIndex() != idx && !k.links.isUp(h.deviceIndex())) {
                                // a sibling whose device went down before was marked dead and linkdown then
                                // (fib6_ifdown); rt6_multipath_dead_count flushes the whole route now and each
                                // sibling's RTM_DELROUTE carries its flags (observed, Linux 6.18)
                                EnumSet<NextHopFlag> fl = EnumSet.of(NextHopFlag.DEAD, NextHopFlag.LINKDOWN);
                                fl.addAll(h.flags());
                                one = one.toBuilder().flags(fl).build();
                            }
                            k.routeRemoved(one);
                        }
                    } else {
                        k.routeRemoved(r); // fib6 deletes notify (IPv4's fib_flush does not)
                    }
                }
                if (!keep.equals(list)) {
                    t.set(p, keep);
                }
            }
        }
    }

    /**
     * An IPv6 address went: routes with it as prefsrc keep going without one (silently, as the kernel does), unless
     * the address is still usable for the route's device (fib6_remove_prefsrc in Linux 6.18: {@code
     * !ipv6_chk_addr(net, addr, route's device, 0)}, i.e. the address on that device or, with a scope wider than
     * link, on any device). Which device lost the address does not matter.
     */
    void clearPrefsrc(InetAddress gone, java.util.function.BiPredicate<InetAddress, Integer> usable) {
        for (FibTable t : tables.values()) {
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> upd = new ArrayList<>(list.size());
                boolean changed = false;
                for (Route r : list) {
                    int dev = r.isMultipath() ? r.nextHops().get(0).deviceIndex() : r.deviceIndex();
                    if (gone.equals(r.prefsrc()) && r.nhid() == 0 && !usable.test(gone, dev)) {
                        upd.add(r.toBuilder().prefsrc(null).build());
                        changed = true;
                    } else {
                        upd.add(r);
                    }
                }
                if (changed) {
                    t.set(p, upd);
                }
            }
        }
    }
}
