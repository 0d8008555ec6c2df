package io.github.netroute.examples.ip;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import java.util.ArrayList;
import java.util.List;

/** {@code ip route}: add, change, replace, prepend, append, test, delete, show, get, flush. */
final class RouteCommand extends IpObject {
    RouteCommand() {
        // do_iproute's order
        super("route", true, "add", "change", "replace", "prepend", "append", "test", "delete", "list", "show",
                "lst", "get", "flush", "restore", "showdump", "save", "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        String cmd = command(a, "add", "change", "replace", "prepend", "append", "test", "delete", "get", "flush");
        if (cmd.equals("show")) {
            show(ip, a.isEmpty() ? a : a.subList(1, a.size()));
            return;
        }
        List<String> args = a.subList(1, a.size());
        if (cmd.equals("add") || cmd.equals("replace") || cmd.equals("change") || cmd.equals("prepend")
                || cmd.equals("append") || cmd.equals("test")) {
            CidrAddress raw = hostBits(args, IpArgs.route(args, ip.family));
            Route r = withFamily(ip.family, Route.parse(String.join(" ", masked(inetPref(ip.family, args)))));
            checkDevices(ip, r);
            if (raw != null) {
                // the raw path: the destination as written goes to the kernel, which answers (IPv4: EINVAL)
                ip.routing.modifyRoute(RouteVerb.parse(cmd), r, raw);
            } else {
                ip.routing.modifyRoute(RouteVerb.parse(cmd), r);
            }
        } else if (cmd.equals("delete")) {
            CidrAddress raw = hostBits(args, IpArgs.route(args, ip.family));
            Route r = withFamily(ip.family, Route.parseSelector(String.join(" ", masked(inetPref(ip.family, args)))));
            checkDevices(ip, r);
            if (raw != null) {
                ip.routing.deleteRoute(r, raw);
            } else {
                ip.routing.deleteRoute(r);
            }
        } else if (cmd.equals("get")) {
            get(ip, args);
        } else if (cmd.equals("flush")) {
            flush(ip, args);
        } else {
            throw unknown(cmd);
        }
    }

    /**
     * The destination word at {@code i} when it has host bits set ({@code 10.1.2.3/24}, {@code 2001:db8::1/64}), else
     * null. iproute2 sends it as it is, and so does netroute ip, through the library's raw path
     * ({@link io.github.netroute.routing.Routing#modifyRoute(RouteVerb, Route, CidrAddress)}): Linux refuses an IPv4
     * one before anything else it checks in the request (net/ipv4/fib_frontend.c rtm_to_fib_config(), "Invalid
     * prefix for given prefix length") and masks an IPv6 one silently (net/ipv6/route.c ip6_route_info_create(),
     * {@code ipv6_addr_prefix()}).
     */
    private static CidrAddress hostBits(List<String> args, int i) {
        CidrAddress c = cidr(args, i);
        return c != null && !c.isPrefix() ? c : null;
    }

    /** The words with a destination's host bits cleared (the value types hold networks, as the kernel stores them). */
    private static List<String> masked(List<String> args) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String w = out.get(i);
            if (w.indexOf('/') > 0 && (i == 0 || !out.get(i - 1).equals("from"))) {
                CidrAddress c = cidr(out, i);
                if (c != null && !c.isPrefix()) {
                    out.set(i, c.toPrefix().toString());
                }
            }
        }
        return out;
    }

    /**
     * Without -6 and without an IPv6 address, iproute2 sends an inet route (iproute_modify: AF_UNSPEC becomes
     * AF_INET) even with {@code pref}, which only IPv6 reads: the IPv4 side ignores RTA_PREF. So "pref X" is dropped
     * there, rather than letting it make the route IPv6.
     */
    private static List<String> inetPref(Family family, List<String> args) {
        if (family != null || !args.contains("pref")) {
            return args;
        }
        for (String w : args) {
            if (w.indexOf(':') >= 0) {
                return args;
            }
        }
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("pref") && (i == 0 || !out.get(i - 1).equals("nexthop"))) {
                out.remove(i + 1);
                out.remove(i);
                i--;
            }
        }
        return out;
    }

    private static CidrAddress cidr(List<String> args, int i) {
        if (i < 0 || i >= args.size() || args.get(i).indexOf('/') < 0) {
            return null;
        }
        try {
            return CidrAddress.parse(args.get(i));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether the answer's device (the input device on the input path) has joined the answer's multicast group. In a
     * namespace without sockets that is 224.0.0.1 (all-hosts), which a device joins when it comes up (ip_mc_up()) and
     * leaves when it goes down (ip_mc_down()), lo included.
     */
    private static boolean joined(IpContext ip, LookupResult r) throws RoutingException {
        if (r.type() != io.github.netroute.routing.RouteType.MULTICAST
                || !io.github.netroute.routing.IpAddresses.format(r.destination()).equals("224.0.0.1")) {
            return false;
        }
        String dev = r.iif() != null ? r.iif() : r.device();
        return dev != null && ip.routing.link(dev).map(l -> (l.flags() & io.github.netroute.routing.Link.IFF_UP) != 0)
                .orElse(false);
    }

    /** A route whose text had no address takes the -6 preference (e.g. {@code ip -6 route add unreachable default}). */
    private static Route withFamily(Family family, Route r) {
        if (family == Family.INET6 && r.family() == Family.INET && r.dst().isDefault() && r.gateway() == null
                && r.prefsrc() == null && r.nextHops().isEmpty()) {
            return r.toBuilder().family(Family.INET6).dst(IpPrefix.DEFAULT_V6)
                    .scope(r.scope().equals(RouteScope.NOWHERE) ? RouteScope.NOWHERE : RouteScope.UNIVERSE).build();
        }
        if (family != null && r.family() != family) {
            throw new IllegalArgumentException("the route is " + r.family().ipName() + " but -"
                    + (family == Family.INET ? "4" : "6") + " was given");
        }
        return r;
    }

    private static void checkDevices(IpContext ip, Route r) throws IpError, RoutingException {
        if (r.device() != null) {
            ip.device(r.device());
        }
        for (var h : r.nextHops()) {
            if (h.device() != null && ip.routing.link(h.device()).isEmpty()) {
                // parse_nexthops(): a nexthop that does not parse ends ip, -force or not
                throw new IpError("Cannot find device \"" + h.device() + "\"\nError: cannot parse nexthop", 255, true);
            }
        }
    }

    private static void show(IpContext ip, List<String> a) throws IpError, RoutingException {
        RouteSelector s = new RouteSelector(ip, a);
        List<Route> shown = new ArrayList<>();
        ip.printer.begin();
        ip.routing.forEachRoute(s.filter(), r -> {
            if (s.accept(r)) {
                shown.add(s.shown(r));
            }
        });
        java.util.Set<String> hidden = s.hidden();
        for (Route r : shown) {
            ip.printer.route(r, s.allTables, hidden);
        }
        ip.printer.end();
    }

    private static void flush(IpContext ip, List<String> a) throws IpError, RoutingException {
        if (a.isEmpty()) {
            throw new IpError("\"ip route flush\" requires arguments.");
        }
        RouteSelector s = new RouteSelector(ip, a);
        // iproute_flush(): dump, delete what matched, dump again until nothing matches; with -s it reports each round
        for (int round = 0; ; round++) {
            List<Route> victims = new ArrayList<>();
            ip.routing.forEachRoute(s.filter(), r -> {
                if (s.accept(r)) {
                    victims.add(r);
                }
            });
            if (victims.isEmpty() || round == 10) {
                if (ip.stats > 0) {
                    ip.printer.message(round == 0 ? "Nothing to flush." : "*** Flush is complete after " + round
                            + " round" + (round > 1 ? "s" : "") + " ***");
                }
                return;
            }
            flushRound(ip, victims);
            if (ip.stats > 0) {
                ip.printer.message("\n*** Round " + (round + 1) + ", deleting " + victims.size() + " entries ***");
            }
        }
    }

    private static void flushRound(IpContext ip, List<Route> victims) throws IpError, RoutingException {
        boolean refused = false;
        for (Route r : victims) {
            if (r.nhid() != 0) {
                // iproute2 echoes the dumped route as the delete: RTA_NH_ID with the gateway/device the kernel filled
                // in, which rtm_to_fib_config / rtm_to_fib6_config refuse (EINVAL); the other deletes of the batch
                // go through, then the flush stops
                refused = true;
                continue;
            }
            try {
                ip.routing.deleteRoute(r);
            } catch (RoutingException.NotFound e) {
                // already gone with an earlier one (e.g. a multipath sibling): iproute2 ignores ESRCH while flushing
            }
        }
        if (refused) {
            throw new IpError("Failed to send flush request: Invalid argument", 254, false);
        }
    }

    private static void get(IpContext ip, List<String> a) throws IpError, RoutingException {
        IpArgs.routeGet(a, ip.family);
        List<String> args = new ArrayList<>(a);
        args.removeIf(w -> w.equals("fibmatch"));
        RouteLookup flow = RouteLookup.parse(String.join(" ", args));
        if (flow.iif() != null) {
            ip.device(flow.iif());
        }
        if (flow.oif() != null) {
            ip.device(flow.oif());
        }
        if (ip.family != null && flow.family() != ip.family) {
            throw new IllegalArgumentException("the destination is not " + ip.family.ipName());
        }
        LookupResult r = ip.routing.lookup(flow);
        if (a.contains("fibmatch") && r.route() == null) {
            // net/ipv4/route.c inet_rtm_getroute(): with RTM_F_FIB_MATCH and no fib_info behind the answer (0.0.0.0,
            // broadcast and local multicast answers, a destination assumed on-link) the error of the route type,
            // which is none for these: -EHOSTUNREACH
            throw RoutingException.of("RTM_GETROUTE", String.join(" ", a), Errno.EHOSTUNREACH, null);
        }
        boolean joined = joined(ip, r);
        ip.printer.begin();
        ip.printer.lookup(r, flow.family(), a.contains("fibmatch"), joined);
        ip.printer.end();
    }
}
