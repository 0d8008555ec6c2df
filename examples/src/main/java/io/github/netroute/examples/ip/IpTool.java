package io.github.netroute.examples.ip;

import io.github.netroute.examples.Format;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An iproute2-compatible subset of {@code ip}, run through a {@link Routing}: same output, same error lines,
 * same exit codes for the same state. One instance runs many commands (a batch).
 *
 * <pre>{@code
 * IpTool ip = new IpTool(routing, System.out, System.err);
 * int rc = ip.exec(List.of("route", "add", "10.0.0.0/8", "via", "192.168.1.1"));   // 0, or 2 with "RTNETLINK answers: …"
 * }</pre>
 */
public final class IpTool {
    private final Routing routing;
    private final PrintStream out;
    private final PrintStream err;
    private Family family;
    /** iproute2's do_link: set by the first 'link show' of a run and never reset (ip addr show then shows link mode). */
    private boolean doLink;
    /** Whether the last {@link #exec} ended with an error after which iproute2 exits (even in a -force batch). */
    private boolean fatal;

    IpTool(Routing routing, PrintStream out, PrintStream err) {
        this.routing = routing;
        this.out = out;
        this.err = err;
    }

    /** The {@code -4}/{@code -6} preference (null: unspecified). */
    void family(Family f) {
        this.family = f;
    }

    /**
     * An iproute2 usage/argument error: printed as is, with iproute2's exit code. Fatal ones are those iproute2
     * reports with exit(): they end a batch at once, -force or not, without a {@code Command failed} line.
     */
    static final class IpError extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;
        final boolean fatal;

        IpError(String message, int exit, boolean fatal) {
            super(message);
            this.exit = exit;
            this.fatal = fatal;
        }

        /** A failure of one command (ip returns -1: exit 1, or 'Command failed' in a batch). */
        IpError(String message) {
            this(message, 1, false);
        }
    }

    /** Whether the last {@link #exec} ended ip (an argument error): a batch stops there, -force or not. */
    boolean fatal() {
        return fatal;
    }

    /** Whether a command (OBJECT COMMAND ...) changes state (for the --state journal). */
    static boolean mutates(List<String> argv) {
        if (argv.size() < 2) {
            return false;
        }
        String obj = object(argv.get(0));
        String cmd = argv.get(1);
        if (obj == null) {
            return false;
        }
        return switch (obj) {
            case "route", "rule", "address", "link" -> {
                String c = command(obj, cmd);
                yield c != null && !c.equals("show") && !c.equals("get");
            }
            default -> false;
        };
    }

    private static boolean isShow(String cmd) {
        return matches(cmd, "show") || matches(cmd, "list") || cmd.equals("lst");
    }

    /** Each object's commands in iproute2's matching order (do_ipaddr, do_iproute, do_iprule, do_iplink). */
    private static final java.util.Map<String, String[]> COMMANDS = java.util.Map.of(
            "address", new String[] {"add", "change", "replace", "delete", "list", "show", "lst", "flush", "save",
                "showdump", "restore", "help"},
            "route", new String[] {"add", "change", "replace", "prepend", "append", "test", "delete", "list", "show",
                "lst", "get", "flush", "restore", "showdump", "save", "help"},
            "rule", new String[] {"list", "lst", "show", "save", "restore", "add", "delete", "flush", "help"},
            "link", new String[] {"add", "set", "change", "replace", "delete", "show", "lst", "list", "xstats",
                "afstats", "property", "help"});

    /**
     * The command an abbreviation means for an object, as iproute2 resolves it (the first of the object's commands
     * it is a prefix of; {@code chg} is change): {@code ip r a} is route add, {@code ip l s} link set, {@code ip ru s}
     * rule show. list/lst come back as show. Null when unknown.
     */
    static String command(String object, String cmd) {
        if (cmd.equals("chg") && !object.equals("rule") && !object.equals("link")) {
            return "change";
        }
        for (String c : COMMANDS.get(object)) {
            if (matches(cmd, c)) {
                return c.equals("list") || c.equals("lst") ? "show" : c;
            }
        }
        return null;
    }

    /** The canonical command, or iproute2's error for an unknown one (netroute's for one it does not do). */
    private static String command(String object, List<String> a, String... supported) throws IpError {
        if (a.isEmpty()) {
            return "show";
        }
        String c = command(object, a.get(0));
        if (c == null) {
            throw new IpError("Command \"" + a.get(0) + "\" is unknown, try \"ip " + object + " help\".", 255,
                    true);
        }
        if (!c.equals("show") && !List.of(supported).contains(c)) {
            throw new IpError("netroute ip: \"ip " + object + " " + c + "\" is not supported", 255, true);
        }
        return c;
    }

    /** iproute2's {@code matches()}: {@code s} is a non-empty prefix of {@code word}. */
    static boolean matches(String s, String word) {
        return !s.isEmpty() && word.startsWith(s);
    }

    /** iproute2's object table order decides abbreviations: address, route, rule, link. */
    static String object(String s) {
        for (String o : new String[] {"address", "route", "rule", "link"}) {
            if (matches(s, o)) {
                return o;
            }
        }
        return null;
    }

    /**
     * Runs one command line (without the leading {@code ip}); prints to out/err as iproute2 does.
     *
     * @return iproute2's exit code (0 ok, 1 usage/lookup failure, 2 kernel error, 255 bad argument)
     */
    int exec(List<String> argv) {
        return exec(argv, true);
    }

    /**
     * One batch line: as {@link #exec(List)}, but a line starting with {@code -6} is what iproute2 makes of it
     * (an unknown object) unless {@code options} (the --state journal keeps the family of its lines).
     */
    int exec(List<String> argv, boolean options) {
        List<String> a = new ArrayList<>(argv);
        Family saved = family;
        fatal = false;
        try {
            while (options && !a.isEmpty() && (a.get(0).equals("-4") || a.get(0).equals("-6"))) {
                family = a.remove(0).equals("-4") ? Family.INET : Family.INET6;
            }
            if (a.isEmpty()) {
                err.println("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
                return 255;
            }
            String obj = object(a.get(0));
            if (obj == null) {
                err.println("Object \"" + a.get(0) + "\" is unknown, try \"ip help\".");
                return 1;
            }
            List<String> rest = a.subList(1, a.size());
            switch (obj) {
                case "route":
                    route(rest);
                    break;
                case "rule":
                    rule(rest);
                    break;
                case "link":
                    link(rest);
                    break;
                default:
                    address(rest);
                    break;
            }
            return 0;
        } catch (IpError e) {
            err.println(e.getMessage());
            fatal = e.fatal;
            return e.exit;
        } catch (RoutingException e) {
            err.println(kernelError(e));
            return 2;
        } catch (IllegalArgumentException e) {
            // what iproute2's own checks (IpArgs) let through but the library refuses: an argument error
            err.println("Error: " + e.getMessage() + ".");
            fatal = true;
            return 255;
        } finally {
            family = saved;
        }
    }

    /** What iproute2 prints for a kernel error: the extended ack, else strerror. */
    static String kernelError(RoutingException e) {
        if (e.extack() != null) {
            String m = e.extack();
            return "Error: " + m + (m.endsWith(".") ? "" : ".");
        }
        return "RTNETLINK answers: " + e.errno().description();
    }

    // ------------------------------------------------------------------ route

    private void route(List<String> a) throws IpError, RoutingException {
        String cmd = command("route", a, "add", "change", "replace", "prepend", "append", "test", "delete", "get",
                "flush");
        if (cmd.equals("show")) {
            routeShow(a.isEmpty() ? a : a.subList(1, a.size()));
            return;
        }
        List<String> args = a.subList(1, a.size());
        String text = String.join(" ", args);
        if (cmd.equals("add") || cmd.equals("replace") || cmd.equals("change") || cmd.equals("prepend")
                || cmd.equals("append") || cmd.equals("test")) {
            IpArgs.route(args, family);
            Route r = withFamily(Route.parse(text), args);
            checkDevices(r);
            routing.modifyRoute(RouteVerb.parse(cmd), r);
        } else if (cmd.equals("delete")) {
            IpArgs.route(args, family);
            Route r = withFamily(Route.parseSelector(text), args);
            checkDevices(r);
            routing.deleteRoute(r);
        } else if (cmd.equals("get")) {
            routeGet(args);
        } else if (cmd.equals("flush")) {
            routeFlush(args);
        } else {
            throw new IpError("Command \"" + cmd + "\" is unknown, try \"ip route help\".", 255, true);
        }
    }

    /** A route whose text had no address takes the -6 preference (e.g. {@code ip -6 route add unreachable default}). */
    private Route withFamily(Route r, List<String> args) {
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

    private void checkDevices(Route r) throws IpError, RoutingException {
        if (r.device() != null) {
            device(r.device());
        }
        for (var h : r.nextHops()) {
            if (h.device() != null) {
                device(h.device());
            }
        }
    }

    private Link device(String name) throws IpError, RoutingException {
        Optional<Link> l = routing.link(name);
        if (l.isEmpty()) {
            throw new IpError("Cannot find device \"" + name + "\"");
        }
        return l.get();
    }

    /** Parsed {@code ip route show|flush} selector. */
    private final class RouteSelector {
        RouteTable table = RouteTable.MAIN;
        boolean allTables;
        RouteType type;
        RouteProtocol protocol;
        RouteScope scope;
        String dev;
        IpPrefix exact;
        IpPrefix root;
        IpPrefix match;

        RouteSelector(List<String> a) throws IpError, RoutingException {
            for (int i = 0; i < a.size(); i++) {
                String w = a.get(i);
                switch (w) {
                    case "table":
                    case "tab": {
                        String v = arg(a, ++i, w);
                        if (v.equals("all")) {
                            allTables = true;
                            table = null;
                        } else if (v.equals("cache")) {
                            throw new IpError("Route cache is not supported by netroute", 255, true);
                        } else {
                            try {
                                table = RouteTable.parse(v);
                            } catch (IllegalArgumentException e) {
                                throw IpArgs.invarg("table id value is invalid\n", v);
                            }
                        }
                        break;
                    }
                    case "type":
                        type = RouteType.parse(arg(a, ++i, w));
                        break;
                    case "proto":
                    case "protocol":
                        protocol = RouteProtocol.parse(arg(a, ++i, w));
                        break;
                    case "scope":
                        scope = RouteScope.parse(arg(a, ++i, w));
                        break;
                    case "dev":
                    case "oif":
                        dev = arg(a, ++i, w);
                        device(dev);
                        break;
                    case "root":
                        root = prefix(arg(a, ++i, w));
                        break;
                    case "match":
                        match = prefix(arg(a, ++i, w));
                        break;
                    case "exact":
                    case "to":
                        exact = prefix(arg(a, ++i, w));
                        break;
                    default:
                        exact = prefix(w);
                        break;
                }
            }
        }

        Family family() {
            if (family != null) {
                return family;
            }
            Family f = exact != null ? exact.family() : root != null ? root.family() : match != null
                    ? match.family() : null;
            if (f != null) {
                return f;
            }
            return allTables ? null : Family.INET; // iproute2: AF_UNSPEC with "table all", else AF_INET
        }

        IpPrefix prefix(String s) {
            Family f = IpTool.this.family;
            if (s.equals("default") || s.equals("all") || s.equals("any")) {
                return IpPrefix.defaultOf(f == null ? Family.INET : f);
            }
            return io.github.netroute.routing.CidrAddress.parse(s).toPrefix();
        }

        boolean accept(Route r) {
            if (scope != null && !scope.equals(r.scope())) {
                return false;
            }
            if (root != null && !root.contains(r.dst())) {
                return false;
            }
            if (match != null && !r.dst().contains(match)) {
                return false;
            }
            return true;
        }

        /** iproute2 does not print what the selector fixed: proto, dev, scope. */
        Route shown(Route r) {
            if (protocol == null && dev == null && scope == null) {
                return r;
            }
            Route.Builder b = r.toBuilder();
            if (protocol != null) {
                b.protocol(RouteProtocol.BOOT);
            }
            if (dev != null) {
                b.device(null).deviceIndex(0);
            }
            if (scope != null) {
                b.scope(RouteScope.UNIVERSE);
            }
            return b.build();
        }

        RouteFilter filter() {
            return new RouteFilter(table, family(), type, protocol, dev, exact);
        }
    }

    private static String arg(List<String> a, int i, String after) throws IpError {
        if (i >= a.size()) {
            throw IpArgs.incomplete();
        }
        return a.get(i);
    }

    private void routeShow(List<String> a) throws IpError, RoutingException {
        RouteSelector s = new RouteSelector(a);
        List<String> lines = new ArrayList<>();
        routing.forEachRoute(s.filter(), r -> {
            if (s.accept(r)) {
                Route shown = s.shown(r);
                lines.add(routeText(s.allTables ? shown.toString() : Format.withoutTable(shown)));
            }
        });
        for (String l : lines) {
            out.print(l);
        }
    }

    /**
     * A route as iproute2 prints it: each line ends with a space (every field is printed as "%s "), except a line
     * that ends with the IPv6 "pref" field, which is printed without one.
     */
    static String routeText(String route) {
        StringBuilder sb = new StringBuilder();
        for (String line : route.split("\n")) {
            sb.append(line);
            if (!line.matches(".* pref (low|medium|high|\\d+)$")) {
                sb.append(' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void routeFlush(List<String> a) throws IpError, RoutingException {
        if (a.isEmpty()) {
            throw new IpError("\"ip route flush\" requires arguments.");
        }
        RouteSelector s = new RouteSelector(a);
        List<Route> victims = new ArrayList<>();
        routing.forEachRoute(s.filter(), r -> {
            if (s.accept(r)) {
                victims.add(r);
            }
        });
        for (Route r : victims) {
            try {
                routing.deleteRoute(r);
            } catch (RoutingException.NotFound e) {
                // already gone with an earlier one (e.g. a multipath sibling): iproute2 ignores ESRCH while flushing
            }
        }
    }

    private void routeGet(List<String> a) throws IpError, RoutingException {
        IpArgs.routeGet(a, family);
        List<String> args = new ArrayList<>(a);
        args.removeIf(w -> w.equals("fibmatch"));
        RouteLookup flow = RouteLookup.parse(String.join(" ", args));
        if (flow.iif() != null) {
            device(flow.iif());
        }
        if (flow.oif() != null) {
            device(flow.oif());
        }
        if (family != null && flow.family() != family) {
            throw new IllegalArgumentException("the destination is not " + family.ipName());
        }
        boolean fibmatch = a.contains("fibmatch");
        LookupResult r = routing.lookup(flow);
        if (fibmatch && r.route() != null) {
            out.print(routeText(r.route().toString()));
            return;
        }
        out.print(routeText(r.toString()));
        if (flow.family() == Family.INET) {
            String flags = r.type() == RouteType.LOCAL ? "<local> " : r.type() == RouteType.BROADCAST
                    ? "<local,brd> " : r.type() == RouteType.MULTICAST ? "<mc> " : "";
            out.println("    cache " + flags);
        }
    }

    // ------------------------------------------------------------------ rule

    private void rule(List<String> a) throws IpError, RoutingException {
        Family f = family == null ? Family.INET : family;
        String cmd = command("rule", a, "add", "delete", "flush");
        if (cmd.equals("show")) {
            for (Rule r : routing.rules(f)) {
                out.println(r);
            }
            return;
        }
        String text = String.join(" ", a.subList(1, a.size()));
        List<String> args = a.subList(1, a.size());
        if (cmd.equals("add")) {
            IpArgs.rule(args, family);
            text = ruleText(args);
            Rule r = Rule.parse(text.isEmpty() ? "from all" : text, f);
            checkRuleFamily(r, f);
            routing.addRule(r);
        } else if (cmd.equals("delete")) {
            IpArgs.rule(args, family);
            text = ruleText(args);
            Rule r = Rule.parseSelector(text.isEmpty() ? "from all" : text, f);
            checkRuleFamily(r, f);
            routing.deleteRule(r);
        } else if (cmd.equals("flush")) {
            for (Rule r : routing.rules(f)) {
                if (r.priority() != null && r.priority() != 0) {
                    routing.deleteRule(r);
                }
            }
        } else {
            throw new IpError("Command \"" + cmd + "\" is unknown, try \"ip rule help\".", 255, true);
        }
    }

    /** The rule's words for the library: iproute2's optional {@code type} before a rule type is dropped. */
    private static String ruleText(List<String> args) {
        List<String> w = new ArrayList<>(args);
        for (int i = 0; i + 1 < w.size(); i++) {
            if (w.get(i).equals("type")) {
                w.remove(i);
            }
        }
        return String.join(" ", w);
    }

    /**
     * Without -6 iproute2 sends every rule as inet: an IPv6 prefix then reaches the kernel with the wrong length
     * and the kernel refuses it with an extended ack.
     */
    private void checkRuleFamily(Rule r, Family f) throws IpError {
        if (r.family() != f) {
            String which = r.from() != null && r.from().family() != f ? "source" : "destination";
            throw new IpError("Error: Invalid " + which + " address.", 2, false);
        }
    }

    // ------------------------------------------------------------------ link

    private void link(List<String> a) throws IpError, RoutingException {
        String cmd = command("link", a, "add", "set", "change", "delete");
        if (cmd.equals("show")) {
            doLink = true;
            List<String> rest = a.isEmpty() ? a : a.subList(1, a.size());
            String name = rest.isEmpty() ? null : rest.get(rest.get(0).equals("dev") && rest.size() > 1 ? 1 : 0);
            List<Link> links;
            if (name != null) {
                Optional<Link> l = routing.link(name);
                if (l.isEmpty()) {
                    throw new IpError("Device \"" + name + "\" does not exist.");
                }
                links = List.of(l.get());
            } else {
                links = routing.links();
            }
            for (Link l : links) {
                printLink(l, true, false);
                linkLine(l);
            }
            return;
        }
        // cmd resolved above
        List<String> args = a.subList(1, a.size());
        if (cmd.equals("add")) {
            String name = null;
            String kind = null;
            for (int i = 0; i < args.size(); i++) {
                String w = args.get(i);
                if (w.equals("type")) {
                    kind = arg(args, ++i, w);
                } else if (w.equals("name") || w.equals("dev")) {
                    name = arg(args, ++i, w);
                } else if (name == null) {
                    name = w;
                } else {
                    throw IpArgs.duparg2("dev", w);
                }
            }
            if (kind == null) {
                throw new IpError("Not enough information: \"type\" argument is required");
            }
            if (name == null) {
                throw new IpError("Not enough information: \"dev\" argument is required.", 255, true);
            }
            routing.addLink(name, kind);
        } else if (cmd.equals("set") || cmd.equals("change")) {
            String name = null;
            Boolean up = null;
            for (int i = 0; i < args.size(); i++) {
                String w = args.get(i);
                if (w.equals("dev")) {
                    name = arg(args, ++i, w);
                } else if (w.equals("up") || w.equals("down")) {
                    up = w.equals("up");
                } else if (name == null) {
                    name = w;
                } else {
                    throw IpArgs.duparg2("dev", w);
                }
            }
            if (name == null) {
                throw new IpError("Not enough information: \"dev\" argument is required.", 255, true);
            }
            device(name);
            if (up != null) {
                routing.setLinkUp(name, up);
            }
        } else if (cmd.equals("delete")) {
            String name = args.isEmpty() ? null : args.get(args.get(0).equals("dev") && args.size() > 1 ? 1 : 0);
            if (name == null) {
                throw new IpError("Not enough information: \"dev\" argument is required.", 255, true);
            }
            device(name);
            routing.deleteLink(name);
        } else {
            throw new IpError("Command \"" + cmd + "\" is unknown, try \"ip link help\".", 255, true);
        }
    }

    private static final String[] FLAG_NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER", "SLAVE",
        "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO",
    };
    private static final int[] FLAG_BITS = {
        0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800,
        0x4, 0x8000, 0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000,
    };

    /** The two lines {@code ip link show} (mode shown) or {@code ip addr show} (mode omitted) print for a link. */
    private void printLink(Link l, boolean showMode, boolean inet6Dump) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.index()).append(": ").append(l.name()).append(": <");
        List<String> fl = new ArrayList<>();
        int flags = l.flags();
        if ((flags & Link.IFF_UP) != 0 && (flags & 0x40) == 0) {
            fl.add("NO-CARRIER");
        }
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                fl.add(FLAG_NAMES[i]);
            }
        }
        sb.append(String.join(",", fl)).append("> mtu ").append(l.mtu());
        if (inet6Dump) {
            sb.append(" state ").append(l.operState() == null ? "UNKNOWN" : l.operState());
            sb.append(" qlen ").append(l.txQueueLength());
            out.println(sb);
            return;
        }
        if (l.qdisc() != null) {
            sb.append(" qdisc ").append(l.qdisc());
        }
        sb.append(" state ").append(l.operState() == null ? "UNKNOWN" : l.operState());
        if (showMode) {
            sb.append(" mode DEFAULT");
        }
        sb.append(" group ").append(l.group() == 0 ? "default" : Integer.toString(l.group()));
        sb.append(" qlen ").append(l.txQueueLength());
        out.println(sb);
    }

    /** The {@code link/ether …} line. */
    private void linkLine(Link l) {
        String type = l.loopback() ? "loopback" : "ether";
        out.println("    link/" + type + " " + (l.address() == null ? "00:00:00:00:00:00" : l.address()) + " brd "
                + (l.broadcast() == null ? (l.loopback() ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff") : l.broadcast()));
    }

    // ------------------------------------------------------------------ address

    private void address(List<String> a) throws IpError, RoutingException {
        String cmd = command("address", a, "add", "change", "replace", "delete");
        if (cmd.equals("show")) {
            List<String> rest = a.isEmpty() ? a : a.subList(1, a.size());
            String name = rest.isEmpty() ? null : rest.get(rest.get(0).equals("dev") && rest.size() > 1 ? 1 : 0);
            List<Link> links;
            if (name != null) {
                Optional<Link> l = routing.link(name);
                if (l.isEmpty()) {
                    throw new IpError("Device \"" + name + "\" does not exist.");
                }
                links = List.of(l.get());
                if (doLink) {
                    // iproute2: with do_link set (an earlier 'link show' in this run) 'addr show dev X' only gets
                    // the link (iplink_get), without addresses
                    printLink(l.get(), true, false);
                    linkLine(l.get());
                    return;
                }
            } else {
                links = routing.links();
            }
            List<Address> addrs = routing.addresses(family);
            for (Link l : links) {
                List<Address> mine = addrs.stream().filter(x -> x.deviceIndex() == l.index()
                        || (x.deviceIndex() == 0 && l.name().equals(x.device()))).toList();
                if (family != null && mine.isEmpty()) {
                    continue;
                }
                // 'ip -6 addr' gets the links from the IPv6 link dump (inet6_fill_ifinfo): no qdisc, mode, group
                // or link/ line
                // and with -4/-6 iproute2 prints no link/ line
                printLink(l, doLink, family == Family.INET6 && name == null);
                if (family == null) {
                    linkLine(l);
                }
                for (Address x : mine) {
                    out.println("    " + x + (x.family() == Family.INET6 ? " " : ""));
                    out.println("       valid_lft " + lifetime(x.validLifetime()) + " preferred_lft "
                            + lifetime(x.preferredLifetime()));
                }
            }
            return;
        }
        boolean add = !cmd.equals("delete");
        List<String> args = a.subList(1, a.size());
        IpArgs.address(args, family);
        if (!args.contains("dev")) {
            throw new IpError("Not enough information: \"dev\" argument is required.");
        }
        Address addr = Address.parse(String.join(" ", args));
        device(addr.device());
        if (add) {
            routing.addAddress(addr);
        } else {
            routing.deleteAddress(addr);
        }
    }

    private static String lifetime(long v) {
        return v == Address.FOREVER ? "forever" : v + "sec";
    }

    /** Splits a batch line like iproute2's makeargs: whitespace, with '"' and '\'' quoting; '#' starts a comment. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (c == '#' && cur == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
