package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.model.FibTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The namespace's nexthop objects (RTM_NEWNEXTHOP, {@code ip nexthop}; net/ipv4/nexthop.c), next to {@link Links},
 * {@link V4Addresses}/{@link V6Addresses}, {@link V4Routes}/{@link V6Routes} and {@link Rules}.
 *
 * <p>What is modelled: ids (auto-assigned from the last allocated id when 0), the attribute checks of
 * {@code rtm_to_nh_config} and {@code nh_check_attr_group} with their errnos and extack texts, gateway validation
 * as for routes (IPv4 {@code fib_check_nh} in main, IPv6 {@code ip6_validate_gw}), replace rules
 * ({@code replace_nexthop}: single vs group, group type, resilient bucket count, the routes and groups already using
 * it), deletion (its routes go, the groups holding it shrink, a group losing its last member goes with its routes),
 * a blackhole needs {@code lo} up, link down/delete ({@code nexthop_flush_dev}: nexthops on the device go with their routes, silently; blackholes stay
 * on link down). Routes that name a nexthop ({@code nhid}) are stored with its gateway/device or the group's paths
 * filled in, as the kernel reports them, and are refreshed when the nexthop or group changes. Not modelled:
 * resilient bucket tables and their timers (the unbalanced time is always 0), hardware flags, encap.
 *
 * <p>Notifications as Linux 6.18 sends them with {@code nexthop_compat_mode} 1: RTM_NEWNEXTHOP/RTM_DELNEXTHOP with
 * the request's nlmsg_flags; after a replace, RTM_NEWROUTE (NLM_F_REPLACE) for the routes on it and on the groups
 * holding it ({@code grp_list} order); after a delete, RTM_DELROUTE for its IPv6 routes only, then the groups it
 * leaves; nothing but those IPv6 route deletions for the nexthops a device takes with it.
 */
final class Nexthops {
    private final KernelState k;
    /** nexthop id -> nexthop as a dump shows it. */
    private final TreeMap<Long, Nexthop> byId = new TreeMap<>();
    /** net->nexthop.last_id_allocated. */
    private long lastId;
    /**
     * Each single nexthop's {@code grp_list}: the groups holding it, head first. A group's entry goes to the head
     * of each member's list when the group is created or replaced, and again for every remaining member when the
     * group loses one (remove_nh_grp_entry list_adds the surviving entries anew), so it is the order in which a
     * member's groups are notified and shrunk.
     */
    private final Map<Long, List<Long>> grpList = new HashMap<>();
    /**
     * When each single nexthop with a device last got its {@code nh_info} (creation or replace): the devhash
     * bucket is an hlist filled at the head, so nexthop_flush_dev removes the newest first.
     */
    private final Map<Long, Long> devStamp = new HashMap<>();
    /**
     * When each IPv6 route on a nexthop object was inserted (table, destination, metric): a nexthop's
     * {@code f6i_list} is filled at the head, so its IPv6 routes are notified newest first.
     */
    private final Map<V6Key, Long> v6Stamp = new HashMap<>();
    private long clock;
    /**
     * The IPv4 routes on a nexthop object whose own type (fib_alias fa_type) is blackhole. fib_dump_info() reports
     * RTN_BLACKHOLE for any route on a blackhole nexthop too, and the in-memory route holds the type it reports: a
     * nexthop replaced away from blackhole brings back the own type, which this set remembers. Kept up to date by
     * every route add or replace on a nexthop object ({@link #forRoute}), so a stale entry names no route.
     */
    private final Set<V4Key> ownBlackhole = new HashSet<>();

    /** An IPv4 route's place on a nexthop object: table, destination, tos, priority. */
    private record V4Key(long table, IpPrefix dst, int tos, long priority) {
        static V4Key of(Route r) {
            return new V4Key(V4Routes.tableId(r), r.dst(), r.tos(), r.priority());
        }
    }

    /** An IPv6 route's place: one route on a nexthop object per table, destination, source and metric. */
    private record V6Key(long table, IpPrefix dst, IpPrefix src, long metric) {
        static V6Key of(Route r) {
            return new V6Key(V6Routes.tableId(r), r.dst(), r.src(), r.priority());
        }
    }

    Nexthops(KernelState k) {
        this.k = k;
    }

    /** A copy of {@code o}'s table for {@code k}. */
    Nexthops(KernelState k, Nexthops o) {
        this.k = k;
        byId.putAll(o.byId);
        lastId = o.lastId;
        o.grpList.forEach((id, l) -> grpList.put(id, new ArrayList<>(l)));
        devStamp.putAll(o.devStamp);
        v6Stamp.putAll(o.v6Stamp);
        ownBlackhole.addAll(o.ownBlackhole);
        clock = o.clock;
    }

    /** Called for every IPv6 route notified as added: a route on a nexthop object joins its f6i_list's head. */
    void v6RouteInserted(Route r) {
        if (r.nhid() != 0) {
            v6Stamp.put(V6Key.of(r), ++clock);
        }
    }

    Nexthop get(long id) {
        return byId.get(id);
    }

    List<Nexthop> dump(NexthopFilter f, int deviceIndex) {
        List<Nexthop> out = new ArrayList<>();
        for (Nexthop n : byId.values()) {
            if (f.matches(n, deviceIndex)) {
                out.add(n);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ RTM_NEWNEXTHOP

    /** The nlmsg_flags of netroute's (and iproute2's) requests, which nexthop_notify copies into the notification. */
    static final int ADD_FLAGS = 0x1 | 0x4 | 0x400 | 0x200;
    static final int REPLACE_FLAGS = 0x1 | 0x4 | 0x400 | 0x100;
    static final int DELETE_FLAGS = 0x1 | 0x4;

    void add(Nexthop req, boolean replace) throws KErr {
        // rtm_to_nh_config's checks, then nexthop_add picks the id (nh_find_unused_id advances last_id_allocated)
        // before nexthop_create validates the gateway and device: a failed add can use up an id
        long[] picked = {req.id()};
        Nexthop n = req.isGroup() ? checkGroup(req) : checkSingle(req, () -> {
            if (replace && req.id() == 0) {
                throw KErr.of(Errno.EINVAL, "Replace requires nexthop id");
            }
            if (req.id() == 0) {
                picked[0] = unusedId();
                if (picked[0] == 0) {
                    throw KErr.of(Errno.EINVAL, "No unused id");
                }
            }
        });
        long id = req.isGroup() ? n.id() : picked[0];
        if (replace && id == 0) {
            throw KErr.of(Errno.EINVAL, "Replace requires nexthop id");
        }
        if (id == 0) {
            id = unusedId();
            if (id == 0) {
                throw KErr.of(Errno.EINVAL, "No unused id");
            }
        }
        n = n.withId(id);
        Nexthop old = byId.get(id);
        if (old != null) {
            if (!replace) {
                throw KErr.of(Errno.EEXIST);
            }
            replace(old, n);
            return;
        }
        if (n.isGroup() && n.group().type() == NexthopGroup.Type.RESILIENT && n.group().buckets() == 0) {
            throw KErr.of(Errno.EINVAL, "Number of buckets not specified for nexthop group insertion");
        }
        byId.put(id, n);
        if (n.isGroup()) {
            joinGroups(n);
        } else if (n.deviceIndex() != 0) {
            devStamp.put(id, ++clock);
        }
        k.nexthopAdded(n, replace ? REPLACE_FLAGS : ADD_FLAGS); // insert_nexthop: nexthop_notify
    }

    /** nexthop_create_group: the group's entry goes to the head of each member's grp_list, in member order. */
    private void joinGroups(Nexthop g) {
        for (NexthopGroup.Member m : g.group().members()) {
            grpList.computeIfAbsent(m.id(), x -> new ArrayList<>()).add(0, g.id());
        }
    }

    /** remove_nexthop_group: the group's entries leave its members' grp_lists. */
    private void leaveGroups(Nexthop g) {
        for (NexthopGroup.Member m : g.group().members()) {
            List<Long> l = grpList.get(m.id());
            if (l != null) {
                l.remove(g.id());
            }
        }
    }

    /** A member's groups, head first (a copy). */
    private List<Long> groupsOf(long id) {
        List<Long> l = grpList.get(id);
        return l == null ? List.of() : new ArrayList<>(l);
    }

    private long unusedId() {
        long start = lastId;
        while (true) {
            lastId = (lastId + 1) & 0xFFFF_FFFFL;
            if (lastId == start) {
                return 0;
            }
            if (lastId != 0 && !byId.containsKey(lastId)) {
                return lastId;
            }
        }
    }

    /** The step of nexthop_add between rtm_to_nh_config and nexthop_create. */
    private interface Step {
        void run() throws KErr;
    }

    /** rtm_to_nh_config for a single nexthop, then ({@code create}) nh_create_ipv4/ipv6. */
    private Nexthop checkSingle(Nexthop n, Step create) throws KErr {
        boolean onlink = n.flags().contains(NextHopFlag.ONLINK);
        if (n.fdb()) {
            if (n.device() != null || n.deviceIndex() != 0 || n.blackhole()) {
                throw KErr.of(Errno.EINVAL, "Fdb attribute can not be used with encap, oif or blackhole");
            }
            if (!n.flags().isEmpty()) {
                throw KErr.of(Errno.EINVAL, "Unsupported nexthop flags in ancillary header");
            }
        }
        if (n.blackhole()) {
            if (n.gateway() != null || n.device() != null || n.deviceIndex() != 0 || n.fdb()) {
                throw KErr.of(Errno.EINVAL, "Blackhole attribute can not be used with gateway, oif, encap or fdb");
            }
            create.run();
            // nexthop_create puts a blackhole on the loopback device, which must be up: fib_check_nh_nongw (IPv4),
            // fib6_nh_init (IPv6)
            Links.Dev lo = k.links.device("lo");
            if (lo == null || !lo.up) {
                throw KErr.of(Errno.ENETDOWN,
                        n.family() == Family.INET6 ? "Nexthop device is not up" : "Device for nexthop is not up");
            }
            return new Nexthop(n.id(), n.family(), null, null, 0, Set.of(), true, false, n.protocol(),
                    RouteScope.UNIVERSE, null);
        }
        Links.Dev dev = null;
        if (!n.fdb()) {
            if (n.device() == null && n.deviceIndex() == 0) {
                throw KErr.of(Errno.EINVAL, "Device attribute required for non-blackhole and non-fdb nexthops");
            }
            dev = n.deviceIndex() != 0 ? k.links.device(n.deviceIndex()) : k.links.device(n.device());
            if (dev == null) {
                if (n.deviceIndex() != 0) {
                    throw KErr.of(Errno.EINVAL, "Invalid device index");
                }
                throw KErr.of(Errno.ENODEV);
            }
            if (!dev.up) {
                throw KErr.of(Errno.ENETDOWN, "Nexthop device is not up");
            }
            if (!dev.lowerUp()) {
                throw KErr.of(Errno.ENETDOWN, "Carrier for nexthop device is down");
            }
        }
        if (n.gateway() == null && onlink) {
            throw KErr.of(Errno.EINVAL, "ONLINK flag can not be set for nexthop without a gateway");
        }
        create.run();
        RouteScope gwScope = RouteScope.LINK;
        if (!n.fdb()) {
            if (n.family() == Family.INET) {
                k.routes4.gatewayScope = RouteScope.LINK;
                dev = k.routes4.checkNh(n.gateway(), dev, onlink, 254, 0);
                gwScope = k.routes4.gatewayScope;
            } else if (n.gateway() != null) {
                // nh_create_ipv6(): fc_table = l3mdev_fib_table(dev), 0 without a VRF, so ip6_route_check_nh() skips
                // the table lookup a route add makes in its own table and resolves the gateway with rt6_lookup()
                // through the rules (table local first): table 0 here
                dev = k.routes6.validateGw(n.gateway(), dev, onlink, 0);
            }
        }
        EnumSet<NextHopFlag> fl = EnumSet.noneOf(NextHopFlag.class);
        if (onlink) {
            fl.add(NextHopFlag.ONLINK);
        }
        // nh_fill_node reports an IPv4 nexthop's fib_nh_scope; an IPv6 one is always RT_SCOPE_LINK
        RouteScope scope = n.gateway() != null || n.fdb() || n.family() == Family.INET6 ? RouteScope.LINK
                : RouteScope.HOST;
        if (n.family() == Family.INET && n.gateway() != null && !n.fdb() && !onlink) {
            scope = gwScope; // fib_check_nh_v4_gw: nh->fib_nh_scope = res.scope (host through a local address)
        }
        return new Nexthop(n.id(), n.family(), n.gateway(), dev == null ? null : dev.name, dev == null ? 0 : dev.index,
                fl, false, n.fdb(), n.protocol(), scope, null);
    }

    /** nh_check_attr_group. */
    private Nexthop checkGroup(Nexthop n) throws KErr {
        if (n.family() != null) {
            throw KErr.of(Errno.EINVAL, "Invalid family for group"); // rtm_to_nh_config: a group is AF_UNSPEC
        }
        NexthopGroup g = n.group();
        int paths = g.members().size();
        for (int i = 0; i < paths; i++) {
            for (int j = i + 1; j < paths; j++) {
                if (g.members().get(i).id() == g.members().get(j).id()) {
                    throw KErr.of(Errno.EINVAL, "Nexthop id can not be used twice in a group");
                }
            }
        }
        Family fdbFamily = null;
        for (NexthopGroup.Member m : g.members()) {
            Nexthop member = byId.get(m.id());
            if (member == null) {
                throw KErr.of(Errno.EINVAL, "Invalid nexthop id");
            }
            boolean memberFdb;
            if (member.isGroup()) {
                if (member.group().type() == NexthopGroup.Type.MPATH) {
                    throw KErr.of(Errno.EINVAL, "Hash-threshold group can not be a nexthop within a group");
                }
                throw KErr.of(Errno.EINVAL, "Resilient group can not be a nexthop within a group");
            }
            if (member.blackhole() && paths > 1) {
                throw KErr.of(Errno.EINVAL, "Blackhole nexthop can not be used in a group with more than 1 path");
            }
            memberFdb = member.fdb();
            if (n.fdb()) {
                if (!memberFdb) {
                    throw KErr.of(Errno.EINVAL, "FDB nexthop group can only have fdb nexthops");
                }
                if (fdbFamily == null) {
                    fdbFamily = member.family();
                } else if (fdbFamily != member.family()) {
                    throw KErr.of(Errno.EINVAL, "FDB nexthop group cannot have mixed family nexthops");
                }
            }
            if (!n.fdb() && memberFdb) {
                throw KErr.of(Errno.EINVAL, "Non FDB nexthop group cannot have fdb nexthops");
            }
        }
        if (g.type() == NexthopGroup.Type.RESILIENT) {
            // the kernel reports the defaults it applied: idle_timer 120 s, unbalanced_timer 0
            g = new NexthopGroup(g.members(), g.type(), g.buckets(), g.idleTimer() == null ? 120L : g.idleTimer(),
                    g.unbalancedTimer() == null ? 0L : g.unbalancedTimer(), 0L);
        }
        return new Nexthop(n.id(), null, null, null, 0, n.flags(), false, n.fdb(), n.protocol(), RouteScope.UNIVERSE, g);
    }

    /** replace_nexthop: checks against the routes and groups using {@code old}, then swaps and refreshes routes. */
    private void replace(Nexthop old, Nexthop n) throws KErr {
        checkRoutesAccept(old.id(), n);
        for (long gid : groupsOf(old.id())) {
            Nexthop g = byId.get(gid);
            if (n.blackhole() && g.group().members().size() > 1) {
                throw KErr.of(Errno.EINVAL,
                        "Blackhole nexthop can not be a member of a group with more than one path");
            }
            checkRoutesAccept(g.id(), n);
        }
        if (old.isGroup()) {
            if (!n.isGroup()) {
                throw KErr.of(Errno.EINVAL, "Can not replace a nexthop group with a nexthop.");
            }
            if (old.group().type() != n.group().type()) {
                throw KErr.of(Errno.EINVAL, "Can not replace a nexthop group with one of a different type.");
            }
            NexthopGroup og = old.group();
            NexthopGroup ng = n.group();
            if (ng.type() == NexthopGroup.Type.RESILIENT) {
                Nexthop req = n;
                if (req.group().buckets() != 0 && req.group().buckets() != og.buckets()) {
                    throw KErr.of(Errno.EINVAL, "Can not change number of buckets of a resilient nexthop group.");
                }
                // timers not given keep their values; the bucket count stays
                ng = new NexthopGroup(ng.members(), ng.type(), og.buckets(), ng.idleTimer(), ng.unbalancedTimer(), 0L);
                n = n.withGroup(ng);
            }
            // the group keeps its own fdb flag and protocol comes from the request
            n = new Nexthop(old.id(), null, null, null, 0, n.flags(), false, old.fdb(), n.protocol(),
                    RouteScope.UNIVERSE, ng);
        } else if (n.isGroup()) {
            throw KErr.of(Errno.EINVAL, "Can not replace a nexthop with a nexthop group.");
        } else if (!groupsOf(old.id()).isEmpty() && n.fdb() != old.fdb()) {
            // replace_nexthop_single (Linux 6.18; the fix of an FDB nexthop reached through a group's route)
            throw KErr.of(Errno.EINVAL, "Cannot change nexthop FDB status while in a group");
        }
        if (old.isGroup()) {
            leaveGroups(old);
            byId.put(old.id(), n);
            joinGroups(n);
        } else {
            byId.put(old.id(), n);
            devStamp.remove(old.id());
            if (n.deviceIndex() != 0) {
                devStamp.put(old.id(), ++clock);
            }
        }
        Set<Long> touched = new HashSet<>();
        touched.add(old.id());
        touched.addAll(groupsOf(old.id()));
        refreshRoutes(touched);
        // insert_nexthop: RTM_NEWNEXTHOP, then (nexthop_compat_mode, 1 by default) nexthop_replace_notify: RTM_NEWROUTE
        // with NLM_F_REPLACE for the routes on it, then for those on each group holding it, grp_list order
        k.nexthopAdded(n, REPLACE_FLAGS);
        replaceNotify(old.id());
        for (long g : groupsOf(old.id())) {
            replaceNotify(g);
        }
    }

    /**
     * __nexthop_replace_notify: the IPv4 routes on {@code id} (fib_info_notify_update: tables in hash order, each
     * trie walked from its highest key down), then its IPv6 routes (fib6_rt_update, f6i_list order: newest first).
     */
    private void replaceNotify(long id) {
        for (long t : k.dumpOrder(Family.INET)) {
            FibTable table = k.tables(Family.INET).get(t);
            if (table == null) {
                continue;
            }
            List<IpPrefix> ps = new ArrayList<>(table.prefixes());
            ps.sort(DESCENDING_KEY);
            for (IpPrefix p : ps) {
                for (Route r : table.get(p)) {
                    if (r.nhid() == id) {
                        k.events.add(new RoutingEvent.RouteAdded(r, RoutingEvent.NLM_F_REPLACE));
                    }
                }
            }
        }
        for (Route r : v6Routes(id)) {
            k.events.add(new RoutingEvent.RouteAdded(r, RoutingEvent.NLM_F_REPLACE)); // not an insertion
        }
    }

    /** The trie walk of __fib_info_notify_update: leaves by key, highest first; within a leaf, longest first. */
    private static final java.util.Comparator<IpPrefix> DESCENDING_KEY = (a, b) -> {
        int c = java.util.Arrays.compare(b.address().getAddress(), a.address().getAddress());
        return c != 0 ? c : Integer.compare(b.length(), a.length());
    };

    /** The IPv6 routes on nexthop {@code id}, in its f6i_list's order (newest first). */
    private List<Route> v6Routes(long id) {
        List<Route> out = new ArrayList<>();
        for (FibTable t : k.tables(Family.INET6).values()) {
            for (IpPrefix p : t.prefixes()) {
                for (Route r : t.get(p)) {
                    if (r.nhid() == id) {
                        out.add(r);
                    }
                }
            }
        }
        out.sort((a, b) -> Long.compare(v6Stamp.getOrDefault(V6Key.of(b), 0L),
                v6Stamp.getOrDefault(V6Key.of(a), 0L)));
        return out;
    }

    /** fib_check_nh_list / fib6_check_nh_list: the routes using {@code id} must accept {@code n}. */
    private void checkRoutesAccept(long id, Nexthop n) throws KErr {
        for (Family f : Family.values()) {
            for (FibTable t : k.tables(f).values()) {
                for (IpPrefix p : t.prefixes()) {
                    for (Route r : t.get(p)) {
                        if (r.nhid() == id) {
                            checkForRoute(r, n);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ RTM_DELNEXTHOP, link events

    void delete(long id) throws KErr {
        if (!byId.containsKey(id)) {
            throw KErr.of(Errno.ENOENT);
        }
        remove(id, true);
    }

    /**
     * remove_nexthop: RTM_DELNEXTHOP (only for a request: {@code notify}), its routes go (IPv4 silently by
     * fib_flush, IPv6 one RTM_DELROUTE each, newest first, as nexthop_compat_mode is 1), then a single nexthop leaves
     * the groups holding it in grp_list order: a group losing its last member is removed the same way, another is
     * notified as it is now (RTM_NEWNEXTHOP, again only for a request).
     */
    private void remove(long id, boolean notify) {
        Nexthop n = byId.remove(id);
        if (n == null) {
            return;
        }
        devStamp.remove(id);
        if (notify) {
            k.nexthopRemoved(n, DELETE_FLAGS);
        }
        removeRoutes(id);
        if (n.isGroup()) {
            leaveGroups(n);
            return;
        }
        for (long gid : groupsOf(id)) {
            Nexthop g = byId.get(gid);
            if (g == null) {
                continue;
            }
            if (g.group().members().size() == 1) {
                remove(gid, notify);
                continue;
            }
            List<NexthopGroup.Member> rest = new ArrayList<>();
            for (NexthopGroup.Member m : g.group().members()) {
                if (m.id() != id) {
                    rest.add(m);
                    List<Long> l = grpList.get(m.id());
                    l.remove(gid);
                    l.add(0, gid);
                }
            }
            Nexthop shrunk = g.withGroup(g.group().withMembers(rest));
            byId.put(gid, shrunk);
            refreshRoutes(Set.of(gid));
            if (notify) {
                k.nexthopAdded(shrunk, DELETE_FLAGS);
            }
        }
        grpList.remove(id);
    }

    /**
     * nexthop_flush_dev: a device going down (blackholes stay) or away; newest nexthop first (the devhash bucket),
     * without RTM_DELNEXTHOP or RTM_NEWNEXTHOP (no request), but the IPv6 routes on them are notified as deleted.
     */
    void deviceGone(int ifindex, boolean unregister) {
        List<Long> ids = new ArrayList<>();
        for (Nexthop n : byId.values()) {
            if (!n.isGroup() && !n.blackhole() && n.deviceIndex() == ifindex) {
                ids.add(n.id());
            }
        }
        ids.sort((a, b) -> Long.compare(devStamp.getOrDefault(b, 0L), devStamp.getOrDefault(a, 0L)));
        for (long id : ids) {
            remove(id, false);
        }
    }

    // ------------------------------------------------------------------ routes that name a nexthop

    /**
     * Checks a new route's {@code nhid} (fib_check_nexthop / fib6_check_nexthop) and returns the route with the
     * nexthop's gateway, device or paths filled in, as the kernel reports it.
     */
    Route forRoute(Route r) throws KErr {
        if (r.gateway() != null || r.device() != null || r.deviceIndex() != 0 || r.isMultipath()) {
            throw KErr.of(Errno.EINVAL, "Nexthop specification and nexthop id are mutually exclusive");
        }
        if (r.family() == Family.INET6 && r.src() != null && r.src().length() > 0) {
            throw KErr.of(Errno.EINVAL, "Nexthops can not be used with source routing");
        }
        Nexthop n = byId.get(r.nhid());
        if (n == null) {
            throw KErr.of(Errno.EINVAL, "Nexthop id does not exist");
        }
        // fib_create_info(): a route of an error type (blackhole, unreachable, prohibit, throw) jumps to link_it before
        // fib_check_nexthop() (checkForRoute): any nexthop object is taken, an fdb one too, and the route keeps its
        // type (fib_dump_info() reports the nexthop's gateway and device beside it)
        checkForRoute(r, n);
        return resolve(r, n, r.family() == Family.INET && r.type() == RouteType.BLACKHOLE);
    }

    /** An IPv4 route on a nexthop object was inserted with this own type: remembered for {@link #refreshRoutes}. */
    void v4RouteInserted(Route own) {
        if (own.type() == RouteType.BLACKHOLE) {
            ownBlackhole.add(V4Key.of(own));
        } else {
            ownBlackhole.remove(V4Key.of(own));
        }
    }

    private void checkForRoute(Route r, Nexthop n) throws KErr {
        if (r.family() == Family.INET6) {
            boolean v4 = false;
            if (n.isGroup()) {
                for (NexthopGroup.Member m : n.group().members()) {
                    Nexthop x = byId.get(m.id());
                    v4 |= x != null && x.family() == Family.INET;
                }
            } else {
                v4 = n.family() == Family.INET;
            }
            if (v4) {
                throw KErr.of(Errno.EINVAL, "IPv6 routes can not use an IPv4 nexthop");
            }
            if (n.fdb()) {
                throw KErr.of(Errno.EINVAL, "Route cannot point to a fdb nexthop");
            }
            return;
        }
        if (r.type().isError()) {
            // net/ipv4/fib_semantics.c fib_create_info(): "if (fib_props[cfg->fc_type].error) { ... goto link_it; }"
            // comes before fib_check_nexthop(): a blackhole, unreachable, prohibit or throw route takes any nexthop
            return;
        }
        int scope = r.scope().value();
        if (n.fdb()) {
            throw KErr.of(Errno.EINVAL, "Route cannot point to a fdb nexthop");
        }
        Nexthop first = n;
        if (n.isGroup()) {
            if (scope == RouteScope.HOST.value()) {
                throw KErr.of(Errno.EINVAL, "Route with host scope can not have multiple nexthops");
            }
            first = byId.get(n.group().members().get(0).id());
        }
        if (first != null) {
            if (scope == RouteScope.HOST.value() && first.gateway() != null) {
                throw KErr.of(Errno.EINVAL, "Route with host scope can not have a gateway");
            }
            if (first.flags().contains(NextHopFlag.ONLINK) && scope >= RouteScope.LINK.value()) {
                throw KErr.of(Errno.EINVAL, "Scope mismatch with nexthop");
            }
        }
    }

    /** The route with the nexthop's gateway/device (or the group's paths) in place. */
    private Route resolve(Route r, Nexthop n, boolean ownBlackholeType) {
        Route.Builder b = r.toBuilder().gateway(null).device(null).deviceIndex(0).nextHops(List.of())
                .flags(Set.of());
        if (r.type() == RouteType.BLACKHOLE && !ownBlackholeType) {
            // fib_dump_info reports RTN_BLACKHOLE for a route on a blackhole nexthop: a replace away from it brings
            // the route's own type (unicast) back; an IPv4 route added as blackhole stays one on any nexthop
            b.type(RouteType.UNICAST);
        }
        Nexthop single = n;
        if (n.isGroup() && n.group().members().size() == 1) {
            single = byId.get(n.group().members().get(0).id());
        }
        // rt6_fill_node reports any group as RTA_MULTIPATH (nexthop_is_multipath), fib_dump_info a group of one path
        // as that path (fib_info_num_path)
        if (n.isGroup() && (single == n || n.group().members().size() > 1 || r.family() == Family.INET6)) {
            List<NextHop> hops = new ArrayList<>();
            for (NexthopGroup.Member m : n.group().members()) {
                Nexthop x = byId.get(m.id());
                hops.add(new NextHop(x.gateway(), x.device(), x.deviceIndex(), m.weight(), x.flags()));
            }
            return b.nextHops(hops).build();
        }
        if (single.blackhole()) {
            Links.Dev lo = k.links.device(1);
            return b.type(RouteType.BLACKHOLE).device(lo.name).deviceIndex(lo.index).build();
        }
        return b.gateway(single.gateway()).device(single.device()).deviceIndex(single.deviceIndex())
                .flags(single.flags()).build();
    }

    /** Re-fills the routes naming one of {@code ids} after a replace or a group change. */
    private void refreshRoutes(Set<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (Family f : Family.values()) {
            for (FibTable t : k.tables(f).values()) {
                for (IpPrefix p : t.prefixes()) {
                    List<Route> list = t.get(p);
                    List<Route> next = null;
                    for (int i = 0; i < list.size(); i++) {
                        Route r = list.get(i);
                        Nexthop n = r.nhid() != 0 && ids.contains(r.nhid()) ? byId.get(r.nhid()) : null;
                        if (n == null) {
                            continue;
                        }
                        if (next == null) {
                            next = new ArrayList<>(list);
                        }
                        next.set(i, resolve(r, n, r.family() == Family.INET && ownBlackhole.contains(V4Key.of(r))));
                    }
                    if (next != null) {
                        t.set(p, next);
                    }
                }
            }
        }
    }

    /** Removes the routes naming {@code id}: IPv4 silently (fib_flush), IPv6 notified (ip6_del_rt), newest first. */
    private void removeRoutes(long id) {
        for (Route r : v6Routes(id)) {
            k.routeRemoved(r);
        }
        for (Family f : Family.values()) {
            for (FibTable t : k.tables(f).values()) {
                for (IpPrefix p : t.prefixes()) {
                    List<Route> list = t.get(p);
                    List<Route> keep = new ArrayList<>(list.size());
                    for (Route r : list) {
                        if (r.nhid() != id) {
                            keep.add(r);
                        }
                    }
                    if (keep.size() != list.size()) {
                        t.set(p, keep);
                    }
                }
            }
        }
    }

    int count() {
        return byId.size();
    }

    Map<Long, Nexthop> all() {
        return byId;
    }
}
