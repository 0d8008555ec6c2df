package io.github.netroute.routing.model;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.List;

/** The kernel's route lookup: rule walk, table longest-prefix match, result building, source selection. */
final class LookupEngine {
    private LookupEngine() {}

    static final int SCOPE_UNIVERSE = 0;
    static final int SCOPE_LINK = 253;
    static final int SCOPE_HOST = 254;
    static final long MAIN = 254;
    static final long LOCAL = 255;
    static final long DEFAULT = 253;
    /** The kernel's INVALID_UID ((kuid_t){-1}): the uid of an input-path lookup that names none. */
    static final long INVALID_UID = 0xFFFF_FFFFL;

    // ---------------------------------------------------------------- user-facing lookup

    static Decision lookup(RoutingView v, RouteLookup q, boolean traced) {
        Trace.Builder t = traced ? new Trace.Builder() : null;
        Family fam = q.family();
        Flow f = Flow.of(fam, q.to());
        f.src(q.from());
        f.mark = q.mark() == null ? 0 : q.mark();
        f.tos = q.tos();
        f.ipProto = q.ipProto() == null ? 17 : q.ipProto();
        f.sport = q.sport() == null ? 0 : q.sport();
        f.dport = q.dport() == null ? 0 : q.dport();
        // inet_rtm_getroute(): uid = (iif ? INVALID_UID : current_uid()) unless RTA_UID is given; an answer carries
        // RTA_UID only for a valid uid
        f.uid = q.uid() != null ? q.uid() : q.iif() != null ? INVALID_UID : v.defaultUid();
        f.uidShown = q.uid() != null || q.iif() == null;
        f.shownUid = f.uid;
        if (q.iif() != null && fam == Family.INET) {
            // ip_route_input_slow() builds its own flow: flowi4_uid = sock_net_uid(net, NULL), uid 0, whatever
            // RTA_UID said (which only comes back in the answer); IPv6 (ip6_route_input_lookup) keeps the request's
            f.uid = 0;
        }
        Link oif = null;
        if (q.oif() != null) {
            oif = v.link(q.oif());
            if (oif == null) {
                return fail(q, Errno.ENODEV, t, "no device " + q.oif());
            }
            if (q.iif() == null) {
                // an input-path lookup (ip_route_input_rcu) does not look at the output device
                f.oif = oif.index();
                f.oifName = oif.name();
            }
        }
        Link iif = null;
        if (q.iif() != null) {
            iif = v.link(q.iif());
            if (iif == null) {
                return fail(q, Errno.ENODEV, t, "no device " + q.iif());
            }
            f.iif = iif.name();
        } else {
            f.iif = "lo";
        }
        return fam == Family.INET ? lookup4(v, q, f, iif, oif, t) : lookup6(v, q, f, iif, oif, t);
    }

    private static Decision fail(RouteLookup q, Errno e, Trace.Builder t, String why) {
        if (t != null && why != null) {
            t.add(Trace.Kind.NOTE, null, null, null, why);
        }
        return Decision.error(q, e, t == null ? Trace.NONE : t.build());
    }

    private static Decision lookup4(RoutingView v, RouteLookup q, Flow f, Link iif, Link oif, Trace.Builder t) {
        if (iif != null) {
            return input4(v, q, f, iif, (int) (f.srcHi >>> 32), (int) (f.dstHi >>> 32), t);
        }
        Decision d = output4(v, q, f, oif, t);
        LookupResult r = d.result();
        InetAddress src = r == null ? null : r.source() != null ? r.source() : r.from();
        if (src != null && isLoopback(src) && r.deviceIndex() != 1 && !"lo".equals(r.device())) {
            // __mkroute_output(): a loopback source (e.g. a route's src 127.0.0.1) leaving through a device that is
            // not the loopback: -EINVAL
            return fail(q, Errno.EINVAL, t, "loopback source " + InetAddresses.format(src) + " on " + r.device());
        }
        return d;
    }

    private static Decision output4(RoutingView v, RouteLookup q, Flow f, Link oif, Trace.Builder t) {
        int saddr = (int) (f.srcHi >>> 32);
        int daddr = (int) (f.dstHi >>> 32);
        if (saddr != 0) {
            if (isMulticast4(saddr) || saddr == -1 || (saddr >>> 24) == 0) {
                return fail(q, Errno.EINVAL, t, "invalid source address");
            }
            if (!v.isLocalAddress(q.from()) && addressType(v, q.from(), LOCAL) != RouteType.LOCAL) {
                return fail(q, Errno.ENETUNREACH, t, "source " + InetAddresses.format(q.from()) + " is not a local address");
            }
        }
        // net/ipv4/route.c ip_route_output_key_hash_rcu() and __mkroute_output(): a limited broadcast or multicast
        // destination makes a broadcast or multicast answer whatever route led to its device
        boolean lbcast = daddr == -1;
        boolean mcast = isMulticast4(daddr);
        RouteType special = lbcast ? RouteType.BROADCAST : mcast ? RouteType.MULTICAST : null;
        if (saddr != 0 && oif == null && special != null) {
            // "special hack": the device of the source address, no FIB lookup
            Link dev = deviceOf(v, q.from());
            if (dev == null) {
                return fail(q, Errno.ENETUNREACH, t, "source " + InetAddresses.format(q.from()) + " is on no device");
            }
            note(t, special.ipName() + " destination: sent from the source's device " + dev.name());
            return ok(q, t, new LookupResult(special, q.to(), q.from(), null, dev.name(), dev.index(), null,
                    RouteTable.UNSPEC, null, markOf(f), uidOf(f), null));
        }
        InetAddress chosen = null; // fl4->saddr chosen before the FIB lookup (with an output device)
        if (oif != null && !oif.up()) {
            return fail(q, Errno.ENETUNREACH, t, "output device " + oif.name() + " is down");
        }
        if (oif != null && (lbcast || (daddr >>> 8) == 0xE00000)) {
            // limited broadcast or local multicast (224.0.0.0/24) through a given device: no FIB lookup
            InetAddress src = saddr != 0 ? null : selectAddr4(v, oif.index(), null, SCOPE_LINK);
            note(t, special.ipName() + " destination through " + oif.name() + ": no FIB lookup");
            return ok(q, t, new LookupResult(special, q.to(), q.from(), null, oif.name(), oif.index(), src,
                    RouteTable.UNSPEC, null, markOf(f), uidOf(f), null));
        }
        if (oif != null && saddr == 0 && (mcast || daddr == 0)) {
            // a multicast destination takes a source of the flow's scope, 0.0.0.0 one of host scope
            chosen = selectAddr4(v, oif.index(), null, mcast ? SCOPE_UNIVERSE : SCOPE_HOST);
            f.src(chosen);
        }
        if (daddr == 0) {
            // the destination becomes the source, or 127.0.0.1; the answer still names the destination asked for
            InetAddress src = saddr != 0 ? null : chosen != null ? chosen
                    : Bits.toAddress(Family.INET, 0x7F000001L << 32, 0);
            Link lo = v.link(1);
            note(t, "destination 0.0.0.0: local, dev lo");
            return ok(q, t, new LookupResult(RouteType.LOCAL, q.to(), q.from(), null, lo == null ? "lo" : lo.name(), 1, src,
                    RouteTable.UNSPEC, null, markOf(f), uidOf(f), null));
        }
        FibResult res = fibLookup(v, f, t);
        if (!res.ok()) {
            if (oif != null) {
                InetAddress src = saddr != 0 ? null : chosen != null ? chosen
                        : selectAddr4(v, oif.index(), null, SCOPE_LINK);
                note(t, "no route: destination assumed on-link on " + oif.name());
                return ok(q, t, new LookupResult(special != null ? special : RouteType.UNICAST, q.to(), q.from(), null,
                        oif.name(), oif.index(), src, RouteTable.UNSPEC, null, markOf(f), uidOf(f), null));
            }
            return fail(q, res.error(), t, null);
        }
        Route r = res.route();
        if (r.type() == RouteType.LOCAL) {
            InetAddress src = saddr != 0 ? null : chosen != null ? chosen : r.prefsrc() != null ? r.prefsrc() : q.to();
            if (t != null) {
                note(t, "local route: delivered through lo" + (src == null ? "" : ", source " + InetAddresses.format(src)));
            }
            Link lo = v.link(1);
            return ok(q, t, new LookupResult(special != null ? special : RouteType.LOCAL, q.to(), q.from(), null,
                    lo == null ? "lo" : lo.name(), 1, src, res.table(), null, markOf(f), uidOf(f), r));
        }
        int hop = res.hop();
        if (oif == null && r.isMultipath()) {
            note(t, "multipath: first alive nexthop taken (the kernel hashes the flow)");
        }
        InetAddress gw = res.gateway();
        if (gw != null) {
            // fib_check_nh_v4_gw gave the nexthop scope host when its gateway resolved to a local route at creation:
            // the result then does not use the gateway (the view remembers it, or it is re-resolved as of now)
            Boolean host = v.ipv4NexthopHostScope(r, hop);
            if (host == null ? gatewayResolvesLocal(v, gw, res.deviceIndex(), res.table(), f.uid) : host) {
                gw = null;
            }
        }
        InetAddress nhGw = res.gateway(); // fib_info_update_nhc_saddr selects with the nexthop's gateway, used or not
        RouteType type = r.type();
        if (special != null) {
            // __mkroute_output(): the destination decides the type; a broadcast answer has no fib_info, a multicast
            // one keeps it only through a route of length 4 or more ("if (fi && res->prefixlen < 4) fi = NULL"):
            // without it, no gateway
            type = special;
            if (lbcast || res.prefixLength() < 4) {
                gw = null;
            }
        } else if (type == RouteType.BROADCAST) {
            gw = null; // a broadcast route's answer has no fib_info either
        }
        InetAddress src;
        if (saddr != 0) {
            src = null; // the kernel reports RTA_PREFSRC only for a source it chose
        } else if (chosen != null) {
            src = chosen;
        } else if (r.prefsrc() != null) {
            src = r.prefsrc();
            if (t != null) {
                note(t, "source " + InetAddresses.format(src) + " (route prefsrc)");
            }
        } else {
            // an untraced lookup in a model asks its memo of the last selection (a property compares the two paths)
            src = t == null && v instanceof RoutingModel m ? m.selectAddr4(res.deviceIndex(), nhGw, r.scope().value())
                    : selectAddr4(v, res.deviceIndex(), nhGw, r.scope().value());
            if (t != null) {
                note(t, "source " + (src == null ? "none" : InetAddresses.format(src)) + " (address selection on "
                        + res.device() + ")");
            }
        }
        return ok(q, t, new LookupResult(type, q.to(), q.from(), gw, res.device(), res.deviceIndex(), src,
                res.table(), null, markOf(f), uidOf(f), r));
    }

    /**
     * __ip_dev_find(): the device an IPv4 address is configured on; else, "so that communication over loopback subnets
     * work", the device of the local route the local table gives it (a {@code local 127.0.0.0/8 dev lo}, or a
     * {@code local} route added by hand, on a device up or down); else null.
     */
    private static Link deviceOf(RoutingView v, InetAddress a) {
        int newest = v.ipv4AddressDevice(a);
        Link known = newest > 0 ? v.link(newest) : null;
        if (known != null) {
            return known;
        }
        for (Link l : v.links()) {
            for (Address x : v.addresses(l.index(), Family.INET)) {
                if (x.address().equals(a)) {
                    return l;
                }
            }
        }
        // net/ipv4/devinet.c __ip_dev_find(): local = fib_get_table(net, RT_TABLE_LOCAL); if (local &&
        // !fib_table_lookup(local, &fl4, &res, FIB_LOOKUP_NOREF) && res.type == RTN_LOCAL) result = FIB_RES_DEV(res)
        // (while no rule was changed the local table is main's trie)
        FibTable local = v.table(Family.INET, LOCAL);
        if (local == null) {
            return null;
        }
        Flow f = Flow.of(Family.INET, a);
        FibResult r = v.ipv4TablesMerged() ? mergedLookup(v, f, null) : tableLookup(v, local, f, null);
        return r.ok() && r.route().type() == RouteType.LOCAL ? v.link(r.deviceIndex()) : null;
    }

    /**
     * fib_check_nh_v4_gw's resolution of an IPv4 gateway (scope link, through the nexthop's device, in the route's
     * own table first unless main, then through the rules): true when it gives a local route, that is when the
     * nexthop gets scope host and lookups do not report the gateway.
     */
    static boolean gatewayResolvesLocal(RoutingView v, InetAddress gw, int ifindex, RouteTable table, long uid) {
        Flow g = Flow.of(Family.INET, gw);
        g.iif = "lo";
        g.scope = 253;
        g.uid = uid;
        g.oif = ifindex;
        FibTable own = table == null || table.id() == MAIN ? null : v.table(Family.INET, table.id());
        FibResult gr = own == null ? null : tableLookup(v, own, g, null);
        if (gr == null || !gr.ok()) {
            gr = fibLookup(v, g, null);
        }
        return gr.ok() && gr.route().type() == RouteType.LOCAL;
    }

    /** fib_validate_source()'s full check: the flow back from the source to the destination, in on {@code iif}. */
    private static FibResult lookupBack(RoutingView v, RouteLookup q, Flow f, String iif) {
        Flow back = Flow.of(Family.INET, q.from());
        back.src(q.to());
        back.iif = iif;
        back.tos = f.tos;
        return fibLookup(v, back, null);
    }

    private static Decision input4(RoutingView v, RouteLookup q, Flow f, Link iif, int saddr, int daddr,
            Trace.Builder t) {
        if (isMulticast4(saddr) || saddr == -1) {
            return fail(q, Errno.EINVAL, t, "martian source");
        }
        if (isMulticast4(daddr)) {
            // ip_route_input_rcu(): a group the input device has not joined (an up device joins only 224.0.0.1,
            // all-hosts, in a namespace without sockets) and no multicast forwarding: -EINVAL; else
            // ip_route_input_mc(), whose ip_mc_validate_source() refuses a local source (fib_validate_source)
            if (daddr != 0xE0000001 || !iif.up()) {
                return fail(q, Errno.EINVAL, t, "multicast destination not joined on " + iif.name());
            }
            if (saddr == 0 || (saddr >>> 24) == 127 || v.isLocalAddress(q.from())) {
                return fail(q, Errno.EINVAL, t, "martian multicast source");
            }
            return ok(q, t, new LookupResult(RouteType.MULTICAST, q.to(), q.from(), null, "lo", 1, null,
                    RouteTable.UNSPEC, iif.name(), markOf(f), uidOf(f), null));
        }
        if (daddr == -1 && saddr != 0) {
            // brd_input: fib_validate_source(skb, saddr, 0, dscp, 0, ...): no destination in the flow back
            String martian = martianSource(v, q, f, false);
            if (martian != null) {
                return fail(q, Errno.EINVAL, t, martian);
            }
        }
        if (daddr == -1 || (saddr == 0 && daddr == 0)) {
            // rt_fill_info(): no RTA_PREFSRC for an input route; ip_route_input_slow() goes to brd_input before any
            // FIB lookup, so res->table stays NULL and inet_rtm_getroute() reports table 0 (ip -d prints none)
            return ok(q, t, new LookupResult(RouteType.BROADCAST, q.to(), q.from(), null, "lo", 1, null,
                    RouteTable.UNSPEC, iif.name(), markOf(f), uidOf(f), null));
        }
        if ((saddr >>> 24) == 0 || (daddr >>> 24) == 0) {
            return fail(q, Errno.EINVAL, t, "martian source or destination");
        }
        if ((daddr >>> 24) == 127 || (saddr >>> 24) == 127) {
            // route_localnet off: a loopback address arriving on a device is martian
            return fail(q, Errno.EINVAL, t, "martian source or destination (loopback)");
        }
        // an input device that is down is no error (ip_route_input_slow does not look at IFF_UP)
        FibResult res = fibLookup(v, f, t);
        if (!res.ok()) {
            // ip_route_input_slow: any failed lookup is EHOSTUNREACH when forwarding is off
            Errno e;
            if (!v.forwarding(Family.INET)) {
                e = Errno.EHOSTUNREACH;
            } else if (res.error().equals(Errno.ENETUNREACH) || res.error().equals(Errno.EAGAIN)) {
                e = Errno.ENETUNREACH;
            } else {
                e = res.error();
            }
            return fail(q, e, t, null);
        }
        Route r = res.route();
        boolean localSource = v.isLocalAddress(q.from());
        if ((r.type() == RouteType.LOCAL || r.type() == RouteType.BROADCAST) && q.from() != null) {
            // local_input: fib_validate_source(skb, saddr, daddr, dscp, 0, ...); brd_input: (saddr, 0, ...)
            String martian = martianSource(v, q, f, r.type() == RouteType.LOCAL);
            if (martian != null) {
                return fail(q, Errno.EINVAL, t, martian);
            }
        }
        if (r.type() == RouteType.LOCAL || r.type() == RouteType.BROADCAST) {
            InetAddress src = null; // rt_fill_info: no RTA_PREFSRC for an input route
            return ok(q, t, new LookupResult(r.type(), q.to(), q.from(), null, "lo", 1, src, res.table(), iif.name(),
                    markOf(f), uidOf(f), r));
        }
        // ip_route_input_slow(): forwarding first, then the route type, then (ip_mkroute_input) the source
        if (!v.forwarding(Family.INET)) {
            return fail(q, Errno.EHOSTUNREACH, t, "forwarding is off");
        }
        if (r.type() != RouteType.UNICAST) {
            return fail(q, Errno.EINVAL, t, "not a unicast route");
        }
        boolean sameDevice = res.deviceIndex() == iif.index();
        if (localSource && !sameDevice && !fullSourceCheck(v)) {
            // __mkroute_input() -> fib_validate_source()'s fast path: inet_lookup_ifaddr_rcu(net, src)
            return fail(q, Errno.EINVAL, t, "martian source: the source is a local address");
        }
        if (!sameDevice && q.from() != null && fullSourceCheck(v)) {
            // the full check with oif = the output device: the flow back comes in on it (flowi4_iif = oif)
            FibResult rev = lookupBack(v, q, f, res.device());
            if (rev.ok() && rev.route().type() != RouteType.UNICAST) {
                return fail(q, Errno.EINVAL, t, "martian source: the route back to it is " + rev.route().type());
            }
        }
        boolean redirect = false;
        if (sameDevice && q.from() != null) {
            // fib_validate_source(): out device == in device (send_redirects on) takes the full check, whose
            // reverse lookup (iif = the device, saddr/daddr swapped) must be unicast; a nexthop of scope host
            // through the device (a connected route) makes it return 1, and __mkroute_input() then sets
            // RTCF_DOREDIRECT when the source (and the gateway) are on-link on one of the device's addresses
            FibResult rev = lookupBack(v, q, f, iif.name());
            if (rev.ok() && rev.route().type() != RouteType.UNICAST) {
                return fail(q, Errno.EINVAL, t, "martian source: the route back to it is " + rev.route().type());
            }
            redirect = rev.ok() && rev.deviceIndex() == iif.index() && rev.gateway() == null
                    && onlink(v, iif.index(), q.from(), res.gateway());
        }
        return ok(q, t, new LookupResult(r.type(), q.to(), q.from(), res.gateway(), res.device(), res.deviceIndex(),
                null, res.table(), iif.name(), markOf(f), uidOf(f), r, redirect));
    }

    /** inet_addr_onlink(): an IPv4 address of the device whose subnet holds {@code a} and, if given, {@code b}. */
    private static boolean onlink(RoutingView v, int ifindex, InetAddress a, InetAddress b) {
        for (Address x : v.addresses(ifindex, Family.INET)) {
            IpPrefix net = IpPrefix.masked(x.address(), x.local().length());
            if (net.contains(a) && (b == null || net.contains(b))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether fib_validate_source() (net/ipv4/fib_frontend.c) takes its full check for a packet that is not sent
     * back out of the device it came in on: with custom rules ({@code fib4_has_custom_rules()}) or user local routes
     * ({@code fib_has_custom_local_routes}); rp_filter is off and no route has a realm.
     */
    private static boolean fullSourceCheck(RoutingView v) {
        return !v.ipv4TablesMerged() || v.ipv4CustomLocalRoutes();
    }

    /**
     * fib_validate_source() for a packet delivered locally (oif 0): without custom rules and user local routes, the
     * fast path refuses a source that is one of the namespace's addresses ({@code inet_lookup_ifaddr_rcu()});
     * otherwise the full check (__fib_validate_source()) looks the route back up — destination the source, source
     * the destination ({@code withDestination}; brd_input passes 0), coming in on lo — and refuses it only when that
     * route is not unicast (accept_local off); a failed lookup back is no error (last_resort without rp_filter), so
     * rules that steer the lookup back away from table local let a local source through. Null when the source
     * passes.
     */
    private static String martianSource(RoutingView v, RouteLookup q, Flow f, boolean withDestination) {
        if (!fullSourceCheck(v)) {
            return v.isLocalAddress(q.from()) ? "martian source: the source is a local address" : null;
        }
        Flow back = Flow.of(Family.INET, q.from());
        if (withDestination) {
            back.src(q.to());
        }
        back.iif = "lo";
        back.tos = f.tos;
        back.uid = f.uid;
        back.ipProto = f.ipProto;
        FibResult rev = fibLookup(v, back, null);
        if (rev.ok() && rev.route().type() != RouteType.UNICAST) {
            return "martian source: the route back to it is " + rev.route().type();
        }
        return null;
    }

    /** net->ipv4.fib_has_custom_local_routes, approximated: a local route not made by the kernel in local or main. */
    static boolean customLocalRoutes(RoutingView v) {
        boolean[] found = {false};
        for (long id : new long[] {LOCAL, MAIN}) {
            FibTable tb = v.table(Family.INET, id);
            if (tb != null && !found[0]) {
                tb.forEach(x -> found[0] |= x.type() == RouteType.LOCAL && x.protocol().value() != 2);
            }
        }
        return found[0];
    }

    private static Decision lookup6(RoutingView v, RouteLookup q, Flow f, Link iif, Link oif, Trace.Builder t) {
        if (iif != null && q.to().isMulticastAddress()) {
            // inet6_rtm_getroute(): a multicast destination is looked up strictly on the input device
            // (rt6_need_strict: RT6_LOOKUP_F_IFACE); without a multicast route there, ip6_null_entry (-ENETUNREACH).
            // With one, rt6_fill_node() hands the reply to ip6mr_get_route(), which has no multicast cache entry to
            // put in it: -EMSGSIZE ("Message too long"; observed on 6.18)
            boolean[] route = {false};
            FibTable local = v.table(Family.INET6, LOCAL);
            if (local != null) {
                local.forEach(x -> route[0] |= x.type() == RouteType.MULTICAST && x.deviceIndex() == iif.index()
                        && x.dst().contains(q.to()));
            }
            return route[0] ? fail(q, Errno.EMSGSIZE, t, "IPv6 multicast destination on the input path")
                    : fail(q, Errno.ENETUNREACH, t, "no multicast route on " + iif.name());
        }
        if (iif != null && iif.index() != 1 && q.to().isLoopbackAddress()) {
            // ip6_route_input(): ::1 arriving on another device than lo is dropped (ip6_null_entry: -ENETUNREACH)
            return fail(q, Errno.ENETUNREACH, t, "::1 on the input path of " + iif.name());
        }
        if (iif != null && q.to().isLinkLocalAddress()) {
            // ip6_route_input_lookup(): rt6_need_strict() (a link-local destination) makes the lookup strict on the
            // input device (RT6_LOOKUP_F_IFACE, with ip6_pol_route()'s oif the iif): a route through another device,
            // a reject route on lo included, does not match, and without one there the answer is ip6_null_entry
            f.strictDev = iif.index();
        }
        FibResult res = fibLookup(v, f, t);
        if (!res.ok()) {
            Errno e = res.error().equals(Errno.EAGAIN) ? Errno.ENETUNREACH : res.error();
            return fail(q, e, t, null);
        }
        Route r = res.route();
        Link lo = v.link(1);
        String loName = lo == null ? "lo" : lo.name();
        InetAddress src; // rt6_fill_node reports ip6_route_get_saddr: prefsrc or a selection, whatever the flow's source
        if (r.prefsrc() != null) {
            src = r.prefsrc();
        } else if (iif != null) {
            src = null; // rt6_fill_node(): RTA_IIF instead of a selected RTA_PREFSRC on the input path
        } else {
            // ip6_route_get_saddr selects on the nexthop device (rt6i_idev), also for local routes
            src = selectAddr6(v, q.to(), res.deviceIndex());
        }
        if (r.type() == RouteType.LOCAL) {
            // (an anycast answer keeps its route's device: observed on 6.18)
            return ok(q, t, new LookupResult(r.type(), q.to(), q.from(), null, loName, 1, src, res.table(),
                    iif == null ? null : iif.name(), markOf(f), uidOf(f), r));
        }
        return ok(q, t, new LookupResult(r.type(), q.to(), q.from(), res.gateway(), res.device(), res.deviceIndex(),
                src, res.table(), iif == null ? null : iif.name(), markOf(f), uidOf(f), r));
    }

    private static Decision ok(RouteLookup q, Trace.Builder t, LookupResult r) {
        if (r.route() != null && r.route().tos() != 0 && r.tos() == 0 && Family.of(r.destination()) == Family.INET) {
            // inet_rtm_getroute() -> rt_fill_info(..., res.dscp, ...): the answer's rtm_tos is the DSCP of the FIB
            // alias that matched (fib_table_lookup(): res->dscp = fa->fa_dscp), not the flow's TOS
            Route m = r.route();
            r = new LookupResult(r.type(), r.destination(), r.from(), r.gateway(), r.device(), r.deviceIndex(),
                    r.source(), r.table(), r.iif(), r.mark(), r.uid(), m, r.redirect(), m.tos());
        }
        if (r.from() != null && r.from() instanceof java.net.Inet4Address && r.from().isAnyLocalAddress()) {
            // net/ipv4/route.c rt_fill_info(): RTA_SRC only "if (src)": a source of 0.0.0.0 is not in the answer
            r = new LookupResult(r.type(), r.destination(), null, r.gateway(), r.device(), r.deviceIndex(), r.source(),
                    r.table(), r.iif(), r.mark(), r.uid(), r.route(), r.redirect(), r.tos());
        }
        return Decision.of(q, r, t == null ? Trace.NONE : t.build());
    }

    /** The kernel answers an IPv4 route get with RTA_UID, an IPv6 one without (rt6_fill_node has none). */
    private static Long uidOf(Flow f) {
        return f.family == Family.INET6 || !f.uidShown ? null : f.shownUid;
    }

    private static Long markOf(Flow f) {
        return f.mark == 0 ? null : f.mark;
    }

    private static void note(Trace.Builder t, String s) {
        if (t != null) {
            t.add(Trace.Kind.NOTE, null, null, null, s);
        }
    }

    /** {@link InetAddress#isLoopbackAddress()}, without the copy of an IPv4 address's bytes. */
    static boolean isLoopback(InetAddress a) {
        return a instanceof java.net.Inet4Address ? (a.hashCode() >>> 24) == 127 : a.isLoopbackAddress();
    }

    static boolean isMulticast4(int a) {
        return (a >>> 28) == 0xE;
    }

    // ---------------------------------------------------------------- FIB lookup (fib_lookup / fib6_rule_lookup)

    static FibResult fibLookup(RoutingView v, Flow f, Trace.Builder t) {
        if (f.family == Family.INET && v.ipv4TablesMerged()) {
            if (t != null) {
                t.add(Trace.Kind.NOTE, null, null, null,
                        "no IPv4 rule was ever changed: local and main are one trie, looked up without the rules");
            }
            FibResult res = mergedLookup(v, f, t);
            if (res.ok() || !res.error().equals(Errno.EAGAIN)) {
                // fib_lookup() without custom rules: only main's "no match" (-EAGAIN, a throw too) goes on to table
                // default; an error route in main answers (observed on 6.18: blackhole EINVAL, unreachable
                // EHOSTUNREACH with a table default present)
                return res;
            }
            FibTable def = v.table(Family.INET, DEFAULT);
            if (def != null) {
                res = tableLookup(v, def, f, t);
            }
            if (!res.ok() && res.error().equals(Errno.EAGAIN)) {
                return new FibResult(null, 0, null, 0, Errno.ENETUNREACH);
            }
            return res;
        }
        PolicyRules pr = v.rules(f.family);
        PolicyRules.C[] cs = pr.compiled;
        PolicyRules.SourceRun[] runs = t == null ? pr.runOf : null; // a trace names every rule it skips
        for (int i = 0; i < cs.length; i++) {
            if (runs != null && runs[i] != null) {
                int j = PolicyRules.firstMatchInRun(runs[i], i, f);
                if (j != i) {
                    i = j - 1; // rules i..j-1 do not match: go on at j
                    continue;
                }
            }
            PolicyRules.C c = cs[i];
            while (true) { // "jumped:" — a goto re-evaluates its target
                if (!PolicyRules.matches(c, f)) {
                    if (t != null) {
                        t.add(Trace.Kind.RULE_SKIPPED, c.rule, null, null, PolicyRules.mismatch(c, f));
                    }
                    c = null;
                    break;
                }
                if (t != null) {
                    t.add(Trace.Kind.RULE_MATCHED, c.rule, null, null, "");
                }
                if (c.action == PolicyRules.A_GOTO) {
                    if (c.gotoIndex < 0) {
                        if (t != null) {
                            t.add(Trace.Kind.GOTO_UNRESOLVED, c.rule, null, null, "");
                        }
                        c = null;
                        break;
                    }
                    i = c.gotoIndex;
                    c = cs[i];
                    if (t != null) {
                        t.add(Trace.Kind.GOTO, c.rule, null, null, "rule " + c.pref);
                    }
                    continue;
                }
                break;
            }
            if (c == null) {
                continue;
            }
            FibResult res;
            switch (c.action) {
                case PolicyRules.A_NOP:
                    if (t != null) {
                        t.add(Trace.Kind.NOP, c.rule, null, null, "");
                    }
                    continue;
                case PolicyRules.A_TO_TBL: {
                    FibTable tb = v.table(f.family, c.table);
                    if (tb == null) {
                        if (t != null) {
                            t.add(Trace.Kind.TABLE_MISSING, c.rule, RouteTable.of(c.table), null, "");
                        }
                        continue;
                    }
                    res = tableLookup(v, tb, f, t);
                    break;
                }
                case PolicyRules.A_UNREACHABLE:
                    res = ruleError(t, c, Errno.ENETUNREACH);
                    break;
                case PolicyRules.A_PROHIBIT:
                    res = ruleError(t, c, Errno.EACCES);
                    break;
                default:
                    res = ruleError(t, c, Errno.EINVAL);
                    break;
            }
            if (res.ok() && suppressed(v, c, res, t)) {
                continue;
            }
            if (res.error() == null || !res.error().equals(Errno.EAGAIN) || (f.rejectEnds && res.route() != null)) {
                return res; // fib6_lookup: a throw route is a result (RTF_REJECT), not "try the next rule"
            }
        }
        if (t != null) {
            t.add(Trace.Kind.NOTE, null, null, null, "no rule gave a route");
        }
        return new FibResult(null, 0, null, 0, Errno.ENETUNREACH);
    }

    private static FibResult ruleError(Trace.Builder t, PolicyRules.C c, Errno e) {
        if (t != null) {
            t.add(Trace.Kind.RULE_ERROR, c.rule, null, null, c.rule.action() + ": " + e);
        }
        return new FibResult(null, 0, null, 0, e);
    }

    private static boolean suppressed(RoutingView v, PolicyRules.C c, FibResult res, Trace.Builder t) {
        if (c.suppressPrefixLength >= 0 && res.prefixLength() <= c.suppressPrefixLength) {
            if (t != null) {
                t.add(Trace.Kind.SUPPRESSED, c.rule, res.table(), res.route(),
                        "prefix length " + res.prefixLength() + " <= suppress_prefixlength " + c.suppressPrefixLength);
            }
            return true;
        }
        if (c.suppressIfGroup >= 0) {
            Link l = v.link(res.route().isMultipath() ? res.route().nextHops().get(0).deviceIndex()
                    : res.route().deviceIndex());
            if (l != null && (l.group() & 0xFFFF_FFFFL) == c.suppressIfGroup) {
                if (t != null) {
                    t.add(Trace.Kind.SUPPRESSED, c.rule, res.table(), res.route(), "device group " + l.group());
                }
                return true;
            }
        }
        return false;
    }

    private static FibResult mergedLookup(RoutingView v, Flow f, Trace.Builder t) {
        FibTable local = v.table(Family.INET, LOCAL);
        FibTable main = v.table(Family.INET, MAIN);
        int lenL = local == null || (t == null && !local.mayContain(f.dstHi)) ? -1 : local.lengthAtMost(32);
        int lenM = main == null ? -1 : main.lengthAtMost(32);
        while (lenL >= 0 || lenM >= 0) {
            int len = Math.max(lenL, lenM);
            if (lenL == len) {
                Object rs = local.probe(f.dstHi, f.dstLo, len);
                if (rs != null) {
                    // the merged trie belongs to main: results report table main
                    FibResult r = scan(v, rs, f, len, RouteTable.MAIN, t);
                    if (r != null) {
                        return r;
                    }
                }
                lenL = local.lengthAtMost(len - 1);
            }
            if (lenM == len) {
                Object rs = main.probe(f.dstHi, f.dstLo, len);
                if (rs != null) {
                    FibResult r = scan(v, rs, f, len, RouteTable.MAIN, t);
                    if (r != null) {
                        return r;
                    }
                }
                lenM = main.lengthAtMost(len - 1);
            }
        }
        if (t != null) {
            t.add(Trace.Kind.TABLE_NO_MATCH, null, RouteTable.MAIN, null, "local+main");
        }
        return FibResult.NO_MATCH;
    }

    static FibResult tableLookup(RoutingView v, FibTable tb, Flow f, Trace.Builder t) {
        if (t == null && !tb.mayContain(f.dstHi)) {
            return FibResult.NO_MATCH; // the first-octet filter (a trace shows every probe)
        }
        int max = f.family.bits();
        for (int len = tb.lengthAtMost(max); len >= 0; len = tb.lengthAtMost(len - 1)) {
            Object rs = tb.probe(f.dstHi, f.dstLo, len);
            if (rs == null) {
                continue;
            }
            FibResult r = scan(v, rs, f, len, tb.id(), t);
            if (r != null) {
                return r;
            }
        }
        if (t != null) {
            t.add(Trace.Kind.TABLE_NO_MATCH, null, tb.id(), null, "");
        }
        return FibResult.NO_MATCH;
    }

    /** The entries of one prefix in order; null when none is usable (backtrack). */
    private static FibResult scan(RoutingView v, Object entries, Flow f, int len, RouteTable table, Trace.Builder t) {
        if (entries instanceof Route one) {
            // one entry, possibly a template stored for another destination (FibTable): it is read as is, and
            // given its destination only where it leaves the scan (a result, or a trace line)
            return scan1(v, t == null ? one : FibTable.materialize(one, f.dstHi, f.dstLo, len), f, len, table, t);
        }
        for (Route r : (Route[]) entries) {
            FibResult res = scan1(v, r, f, len, table, t);
            if (res != null) {
                return res;
            }
        }
        return null;
    }

    /** One entry; null when it is not usable (the scan goes on). */
    private static FibResult scan1(RoutingView v, Route r, Flow f, int len, RouteTable table, Trace.Builder t) {
        boolean v4 = f.family == Family.INET;
        if (v4) {
            if (r.tos() != 0 && r.tos() != (f.tos & 0x1C)) {
                skip(t, r, "tos 0x" + Integer.toHexString(r.tos()) + " does not match the flow");
                return null;
            }
            if (r.scope().value() < f.scope) {
                skip(t, r, "scope " + r.scope() + " below the required " + RouteScope.of(f.scope));
                return null;
            }
        } else if (r.src() != null && r.src().length() > 0
                && !(f.hasSrc && Bits.contains(r.src(), f.srcHi, f.srcLo))) {
            skip(t, r, "source prefix from " + r.src() + " does not match");
            return null;
        }
        Errno err = errorOf(r.type(), v4);
        if (err != null && !v4 && f.strictDev != 0 && r.deviceIndex() != f.strictDev) {
            skip(t, r, "reject route not on the input device (strict)");
            return null;
        }
        if (err != null && !v4 && f.oif != 0 && !f.hasSrc && r.deviceIndex() != 0 && r.deviceIndex() != f.oif) {
            // RT6_LOOKUP_F_IFACE (an oif without a source): a reject route's nexthop (lo) is not the oif
            skip(t, r, "reject route not on the output device");
            return null;
        }
        if (err != null) {
            if (err.equals(Errno.EAGAIN)) {
                if (t != null) {
                    t.add(Trace.Kind.THROW, null, table, r, "");
                }
            } else if (t != null) {
                t.add(Trace.Kind.ROUTE_ERROR, null, table, r, err.toString());
            }
            return new FibResult(FibTable.materialize(r, f.dstHi, f.dstLo, len), 0, table, len, err);
        }
        if (!r.isMultipath()) {
            if (usable(v, r, r.deviceIndex(), f)) {
                chosen(t, table, r, len);
                return new FibResult(FibTable.materialize(r, f.dstHi, f.dstLo, len), 0, table, len, null);
            }
        } else {
            List<NextHop> hops = r.nextHops();
            for (int i = 0; i < hops.size(); i++) {
                // fib_table_lookup(): a hop marked RTNH_F_DEAD (its device lost its last IPv4 address) is skipped
                if (!hops.get(i).flags().contains(io.github.netroute.routing.NextHopFlag.DEAD)
                        && usable(v, r, hops.get(i).deviceIndex(), f)) {
                    chosen(t, table, r, len);
                    return new FibResult(FibTable.materialize(r, f.dstHi, f.dstLo, len), i, table, len, null);
                }
            }
        }
        skip(t, r, f.oif != 0 ? "no alive nexthop on the output device" : "nexthop dead");
        return null;
    }

    private static void chosen(Trace.Builder t, RouteTable table, Route r, int len) {
        if (t != null) {
            t.add(Trace.Kind.ROUTE_CHOSEN, null, table, r, "/" + len);
        }
    }

    private static void skip(Trace.Builder t, Route r, String why) {
        if (t != null) {
            t.add(Trace.Kind.ROUTE_SKIPPED, null, null, r, why);
        }
    }

    private static boolean usable(RoutingView v, Route r, int ifindex, Flow f) {
        if (f.oif != 0 && f.oif != ifindex) {
            return false;
        }
        if (f.strictDev != 0 && f.strictDev != ifindex) {
            return false;
        }
        if (r.scope().value() >= SCOPE_HOST && f.family == Family.INET) {
            return true; // host-scope nexthops are never marked dead
        }
        if (f.family == Family.INET6 && (r.type() == RouteType.LOCAL || r.type() == RouteType.ANYCAST)) {
            return true; // an address's local route is not marked dead, also on a device that is down
        }
        if (ifindex == 0) {
            return true; // a model route whose device is unknown
        }
        Link l = v.link(ifindex);
        return l != null && l.up();
    }

    /** The errno of an error-type route; EAGAIN for throw; null for types that give a result. */
    static Errno errorOf(RouteType type, boolean v4) {
        switch (type) {
            case UNREACHABLE:
                return Errno.EHOSTUNREACH;
            case PROHIBIT:
                return Errno.EACCES;
            case BLACKHOLE:
                return Errno.EINVAL;
            case THROW:
                return Errno.EAGAIN;
            case NAT:
            case XRESOLVE:
                return v4 ? Errno.EINVAL : null;
            default:
                return null;
        }
    }

    static RouteType addressType(RoutingView v, InetAddress a, long tableId) {
        Family fam = Family.of(a);
        if (fam == Family.INET) {
            int x = (int) (Bits.hi(a) >>> 32);
            if (x == 0 || x == -1) {
                return RouteType.BROADCAST;
            }
            if (isMulticast4(x)) {
                return RouteType.MULTICAST;
            }
        }
        FibTable tb = v.table(fam, tableId);
        if (tb == null) {
            return RouteType.UNICAST; // kernel: RTN_UNICAST when the table exists; callers treat both the same
        }
        Flow f = Flow.of(fam, a);
        // inet_addr_type_table: while no IPv4 rule was changed, local and main are one trie (fib_get_table of either)
        FibResult r = fam == Family.INET && (tableId == LOCAL || tableId == MAIN) && v.ipv4TablesMerged()
                ? mergedLookup(v, f, null) : tableLookup(v, tb, f, null);
        return r.ok() ? r.route().type() : RouteType.UNICAST;
    }

    // ---------------------------------------------------------------- source address selection

    /** inet_select_addr: on the device, then any device in index order. */
    static InetAddress selectAddr4(RoutingView v, int ifindex, InetAddress dst, int scope) {
        InetAddress first = null;
        for (Address a : v.addresses(ifindex, Family.INET)) {
            if (a.flags().contains(AddressFlag.SECONDARY)) {
                continue;
            }
            if (Math.min(a.scope().value(), SCOPE_HOST) > scope) {
                continue;
            }
            if (dst == null || a.local().contains(dst) || (a.peer() != null && a.peer().contains(dst))) {
                return a.address();
            }
            if (first == null) {
                first = a.address();
            }
        }
        if (first != null) {
            return first;
        }
        for (Link l : v.links()) {
            for (Address a : v.addresses(l.index(), Family.INET)) {
                if (a.flags().contains(AddressFlag.SECONDARY)) {
                    continue;
                }
                if (a.scope().value() != SCOPE_LINK && a.scope().value() <= scope) {
                    return a.address();
                }
            }
        }
        return null;
    }

    /** A simplified RFC 6724 selection: same address, scope, outgoing interface, longest matching prefix. */
    static InetAddress selectAddr6(RoutingView v, InetAddress dst, int ifindex) {
        long dhi = Bits.hi(dst);
        long dlo = Bits.lo(dst);
        int dscope = scope6(dhi);
        InetAddress best = null;
        long bestScore = Long.MIN_VALUE;
        int dlabel = label6(dhi, dlo);
        // ipv6_dev_get_saddr: a multicast destination or one of link-local scope or smaller (::1, fe80::/10) takes its
        // source from the outgoing device only
        boolean oifOnly = ifindex != 0 && (dst.isMulticastAddress() || dscope <= 0x2);
        for (Link l : v.links()) {
            if (oifOnly && l.index() != ifindex) {
                continue;
            }
            for (Address a : v.addresses(l.index(), Family.INET6)) {
                if (a.flags().contains(AddressFlag.TENTATIVE) || a.flags().contains(AddressFlag.DADFAILED)) {
                    continue;
                }
                long ahi = Bits.hi(a.address());
                long alo = Bits.lo(a.address());
                if (ahi == dhi && alo == dlo) {
                    return a.address();
                }
                int ascope = scope6(ahi);
                // tiers, most significant first: the outgoing device, not deprecated, scope, label, prefix
                long score = 0;
                if (l.index() == ifindex) {
                    score += 1_000_000_000L;
                }
                if (a.flags().contains(AddressFlag.DEPRECATED)) {
                    score -= 100_000_000L;
                }
                // ::1 is a candidate too (its host scope ranks it last by rule 2): with no other address Linux
                // answers src ::1 for a global destination
                // rule 2: prefer scope >= destination scope, the smallest such
                score += 10L * (ascope >= dscope ? 100_000 - ascope * 100 : ascope * 100 - 100_000);
                // rule 6: prefer the destination's label (net/ipv6/addrlabel.c, the default policy table)
                if (label6(ahi, alo) == dlabel) {
                    score += 500;
                }
                // rule 8: longest matching prefix
                score += Bits.commonPrefix(ahi, alo, dhi, dlo, 128);
                if (score > bestScore) {
                    bestScore = score;
                    best = a.address();
                }
            }
        }
        return best;
    }

    /** The default address label of Linux (net/ipv6/addrlabel.c ip6addrlbl_init_table), longest prefix first. */
    static int label6(long hi, long lo) {
        if (hi == 0 && lo == 1) {
            return 0; // ::1/128
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return 4; // ::ffff:0:0/96
        }
        if (hi == 0 && (lo >>> 32) == 0) {
            return 3; // ::/96
        }
        if ((hi >>> 36) == 0x2001001L) {
            return 7; // 2001:10::/28
        }
        if ((hi >>> 32) == 0x20010000L) {
            return 6; // 2001::/32
        }
        if ((hi >>> 48) == 0x2002L) {
            return 2; // 2002::/16
        }
        if ((hi >>> 48) == 0x3FFEL) {
            return 12; // 3ffe::/16
        }
        if ((hi >>> 54) == (0xFEC0L >>> 6)) {
            return 11; // fec0::/10
        }
        if ((hi >>> 57) == (0xFC00L >>> 9)) {
            return 5; // fc00::/7
        }
        return 1; // ::/0
    }

    private static int scope6(long hi) {
        if ((hi >>> 56) == 0xFF) {
            return (int) ((hi >>> 48) & 0xF);
        }
        if ((hi >>> 54) == (0xFE80L >>> 6)) {
            return 0x2;
        }
        if (hi == 0) {
            return 0x1; // ::1 (and ::) — loopback scope
        }
        return 0xE;
    }
}
