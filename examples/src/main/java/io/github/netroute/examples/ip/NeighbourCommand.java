package io.github.netroute.examples.ip;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Neighbour;
import io.github.netroute.routing.NeighbourState;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.IpAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip neigh}: add, change, replace, delete, get, show, flush, as iproute2 6.1's {@code ipneigh.c} parses and
 * prints them ({@code lladdr}, {@code nud STATE}, {@code proxy}, {@code router}, {@code extern_learn},
 * {@code protocol}; show/flush by {@code dev}, {@code nud}, {@code proxy}, prefix).
 */
final class NeighbourCommand extends IpObject {

    NeighbourCommand() {
        // do_ipneigh's order
        super("neighbor", true, "add", "change", "replace", "delete", "get", "show", "lst", "list", "flush",
                "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        String cmd = command(a, "add", "change", "replace", "delete", "get", "flush");
        List<String> args = a.isEmpty() ? a : a.subList(1, a.size());
        switch (cmd) {
            case "add" -> modify(ip, RouteVerb.ADD, args);
            case "change" -> modify(ip, RouteVerb.CHANGE, args);
            case "replace" -> modify(ip, RouteVerb.REPLACE, args);
            case "delete" -> modify(ip, null, args);
            case "get" -> get(ip, args);
            case "show" -> showOrFlush(ip, args, false);
            case "flush" -> showOrFlush(ip, args, true);
            default -> throw unknown(cmd);
        }
    }

    /** ipneigh_modify(); {@code verb} null: RTM_DELNEIGH. */
    private static void modify(IpContext ip, RouteVerb verb, List<String> args) throws IpError, RoutingException {
        String lla = null;
        NeighbourState state = NeighbourState.PERMANENT;
        InetAddress dst = null;
        String dev = null;
        boolean proxy = false;
        boolean router = false;
        boolean ext = false;
        RouteProtocol proto = null;
        boolean devOk = false;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (IpTool.matches(w, "lladdr")) {
                String v = IpArgs.next(args, ++i);
                if (lla != null) {
                    throw new IpError("Error: duplicate \"lladdr\": \"" + v + "\" is the second value.", 255, true);
                }
                lla = v;
            } else if (w.equals("nud")) {
                String v = IpArgs.next(args, ++i);
                try {
                    state = NeighbourState.parse(v);
                } catch (IllegalArgumentException e) {
                    throw IpArgs.invarg("nud state is bad", v);
                }
            } else if (IpTool.matches(w, "proxy")) {
                String v = IpArgs.next(args, ++i);
                if (dst != null) {
                    throw new IpError("Error: duplicate \"address\": \"" + v + "\" is the second value.", 255, true);
                }
                dst = address(ip, v);
                devOk = true;
                proxy = true;
            } else if (w.equals("router")) {
                router = true;
            } else if (IpTool.matches(w, "extern_learn")) {
                ext = true;
            } else if (w.equals("dev")) {
                dev = IpArgs.next(args, ++i);
                devOk = true;
            } else if (IpTool.matches(w, "protocol")) {
                String v = IpArgs.next(args, ++i);
                try {
                    proto = RouteProtocol.parse(v);
                } catch (IllegalArgumentException e) {
                    throw IpArgs.invarg("\"protocol\" value is invalid\n", v);
                }
            } else {
                if (w.equals("to")) {
                    w = IpArgs.next(args, ++i);
                }
                if (dst != null) {
                    throw IpArgs.duparg2("to", w);
                }
                dst = address(ip, w);
            }
        }
        if (!devOk || dst == null) {
            throw new IpError("Device and destination are required arguments.", 255, true);
        }
        String ll = null;
        if (lla != null && !lla.equals("null")) {
            ll = lladdr(lla);
        }
        if (dev != null) {
            ip.device(dev);
        } else {
            // a proxy entry without a device: the kernel's pneigh for any device (not modelled)
            throw new IpError("netroute ip: a proxy entry needs \"dev\"", 1, false);
        }
        Neighbour n = new Neighbour(dst, dev, 0, ll, proxy ? NeighbourState.NONE : state, router, proxy, ext,
                proto);
        try {
            if (verb == null) {
                ip.routing.deleteNeighbour(n);
            } else {
                ip.routing.modifyNeighbour(verb, n);
            }
        } catch (RoutingException e) {
            // ipneigh_modify(): "if (rtnl_talk(...) < 0) exit(2);" — a batch ends there, -force or not
            throw new IpError(IpTool.kernelError(e), 2, true);
        }
    }

    /** get_addr(): an address of the -4/-6 family, or iproute2's error. */
    private static InetAddress address(IpContext ip, String v) throws IpError {
        InetAddress a = IpAddresses.parseOrNull(v);
        Family f = a == null ? null : a.getAddress().length == 4 ? Family.INET : Family.INET6;
        if (a == null || (ip.family != null && ip.family != f)) {
            String fam = ip.family == null ? "any valid" : ip.family == Family.INET ? "inet" : "inet6";
            throw new IpError("Error: " + fam + " address is expected rather than \"" + v + "\".", 1, true);
        }
        return a;
    }

    /** ll_addr_a2n(): colon-separated hex octets. */
    private static String lladdr(String v) throws IpError {
        String[] p = v.split(":", -1);
        StringBuilder sb = new StringBuilder();
        for (String x : p) {
            if (x.isEmpty() || x.length() > 2 || !x.matches("[0-9a-fA-F]+")) {
                throw new IpError("\"" + v + "\" is invalid lladdr.", 1, false);
            }
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", Integer.parseInt(x, 16)));
        }
        return sb.toString();
    }

    /** ipneigh_get(). */
    private static void get(IpContext ip, List<String> args) throws IpError, RoutingException {
        String dev = null;
        InetAddress dst = null;
        boolean proxy = false;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                dev = IpArgs.next(args, ++i);
            } else if (IpTool.matches(w, "proxy")) {
                String v = IpArgs.next(args, ++i);
                if (dst != null) {
                    throw new IpError("Error: duplicate \"address\": \"" + v + "\" is the second value.", 255, true);
                }
                dst = address(ip, v);
                proxy = true;
            } else {
                if (w.equals("to")) {
                    w = IpArgs.next(args, ++i);
                }
                if (dst != null) {
                    throw IpArgs.duparg2("to", w);
                }
                dst = address(ip, w);
            }
        }
        if (dev == null || dst == null) {
            throw new IpError("Device and address are required arguments.", 1, false);
        }
        if (ip.routing.link(dev).isEmpty()) {
            throw new IpError("Cannot find device \"" + dev + "\"");
        }
        Optional<Neighbour> n = ip.routing.neighbour(dst, dev, proxy);
        if (n.isEmpty()) {
            throw new IpError(proxy ? "Error: Proxy neighbour entry not found." : "Error: Neighbour entry not found.",
                    2, false);
        }
        ip.printer.neighbour(n.get(), true);
    }

    /** do_show_or_flush(). */
    private static void showOrFlush(IpContext ip, List<String> args, boolean flush)
            throws IpError, RoutingException {
        if (flush && args.isEmpty()) {
            throw new IpError("Flush requires arguments.");
        }
        int stateMask = flush ? ~(NeighbourState.PERMANENT.value() | NeighbourState.NOARP.value())
                : 0xFF & ~NeighbourState.NOARP.value();
        boolean stateGiven = false;
        String dev = null;
        boolean proxy = false;
        io.github.netroute.routing.IpPrefix pfx = null;
        Family family = ip.family;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                String v = IpArgs.next(args, ++i);
                if (dev != null) {
                    throw new IpError("Error: duplicate \"dev\": \"" + v + "\" is the second value.", 255, true);
                }
                dev = v;
            } else if (w.equals("nud")) {
                String v = IpArgs.next(args, ++i);
                if (!stateGiven) {
                    stateGiven = true;
                    stateMask = 0;
                }
                int st;
                try {
                    st = NeighbourState.parse(v).value();
                } catch (IllegalArgumentException e) {
                    if (!v.equals("all")) {
                        throw IpArgs.invarg("nud state is bad", v);
                    }
                    st = ~0;
                    if (flush) {
                        st &= ~NeighbourState.NOARP.value();
                    }
                }
                if (st == 0) {
                    st = 0x100;
                }
                stateMask |= st;
            } else if (w.equals("proxy")) {
                proxy = true;
            } else {
                if (w.equals("to")) {
                    w = IpArgs.next(args, ++i);
                }
                try {
                    pfx = w.equals("all") || w.equals("default") || w.equals("any") ? null
                            : w.contains("/") ? io.github.netroute.routing.IpPrefix.parse(w)
                            : io.github.netroute.routing.IpPrefix.host(IpAddresses.parse(w));
                } catch (IllegalArgumentException e) {
                    throw IpArgs.invarg("to value is invalid\n", w);
                }
                if (family == null && pfx != null) {
                    family = pfx.family();
                }
            }
        }
        int index = 0;
        if (dev != null) {
            Optional<Link> l = ip.routing.link(dev);
            if (l.isEmpty()) {
                throw new IpError("Cannot find device \"" + dev + "\"");
            }
            index = l.get().index();
        }
        if (!flush) {
            ip.printer.begin();
        }
        for (Neighbour n : ip.routing.neighbours(family, proxy)) {
            if (index != 0 && n.deviceIndex() != index) {
                continue;
            }
            int st = n.state().value();
            if ((stateMask & st) == 0 && !n.proxy() && !n.externLearn() && (st != 0 || (stateMask & 0x100) == 0)) {
                continue;
            }
            if (pfx != null && (pfx.family() != n.family() || !pfx.contains(n.address()))) {
                continue;
            }
            if (flush) {
                ip.routing.deleteNeighbour(n);
            } else {
                ip.printer.neighbour(n, index == 0);
            }
        }
        if (!flush) {
            ip.printer.end();
        }
    }
}
