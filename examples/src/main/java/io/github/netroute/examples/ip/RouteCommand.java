package io.github.netroute.examples.ip;

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
        String text = String.join(" ", args);
        if (cmd.equals("add") || cmd.equals("replace") || cmd.equals("change") || cmd.equals("prepend")
                || cmd.equals("append") || cmd.equals("test")) {
            IpArgs.route(args, ip.family);
            Route r = withFamily(ip.family, Route.parse(text));
            checkDevices(ip, r);
            ip.routing.modifyRoute(RouteVerb.parse(cmd), r);
        } else if (cmd.equals("delete")) {
            IpArgs.route(args, ip.family);
            Route r = withFamily(ip.family, Route.parseSelector(text));
            checkDevices(ip, r);
            ip.routing.deleteRoute(r);
        } else if (cmd.equals("get")) {
            get(ip, args);
        } else if (cmd.equals("flush")) {
            flush(ip, args);
        } else {
            throw unknown(cmd);
        }
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
            if (h.device() != null) {
                ip.device(h.device());
            }
        }
    }

    private static void show(IpContext ip, List<String> a) throws IpError, RoutingException {
        RouteSelector s = new RouteSelector(ip, a);
        List<Route> shown = new ArrayList<>();
        ip.routing.forEachRoute(s.filter(), r -> {
            if (s.accept(r)) {
                shown.add(s.shown(r));
            }
        });
        for (Route r : shown) {
            ip.printer.route(r, s.allTables);
        }
    }

    private static void flush(IpContext ip, List<String> a) throws IpError, RoutingException {
        if (a.isEmpty()) {
            throw new IpError("\"ip route flush\" requires arguments.");
        }
        RouteSelector s = new RouteSelector(ip, a);
        List<Route> victims = new ArrayList<>();
        ip.routing.forEachRoute(s.filter(), r -> {
            if (s.accept(r)) {
                victims.add(r);
            }
        });
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
        ip.printer.lookup(r, flow.family(), a.contains("fibmatch"));
    }
}
