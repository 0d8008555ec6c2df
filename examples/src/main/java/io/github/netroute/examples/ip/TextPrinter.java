package io.github.netroute.examples.ip;

import io.github.netroute.examples.Format;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.Rule;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * iproute2's text output. Routes, rules and lookup results print as their {@code toString()} (routing-api's
 * iproute2 syntax) with iproute2's trailing spaces; links and addresses are formatted here.
 */
public final class TextPrinter implements Printer {
    private final PrintStream out;
    /** How many {@code -details} were given (iproute2's show_details). */
    private final int details;
    /** {@code -c}: which fields are coloured, and how (off unless asked for). */
    private final Colour colour;

    public TextPrinter(PrintStream out) {
        this(out, 0);
    }

    /** @param details how many {@code -d} were given: routes, rules and nexthops then print what iproute2 adds */
    public TextPrinter(PrintStream out, int details) {
        this(out, details, Colour.OFF);
    }

    /** As {@link #TextPrinter(PrintStream, int)}, colouring what iproute2's {@code -c} colours. */
    TextPrinter(PrintStream out, int details, Colour colour) {
        this.out = out;
        this.details = details;
        this.colour = colour;
    }

    @Override
    public void route(Route r, boolean withTable) {
        route(r, withTable, java.util.Set.of());
    }

    @Override
    public void route(Route r, boolean withTable, java.util.Set<String> hidden) {
        String text = withTable ? r.toString() : Format.withoutTable(r);
        if (details > 0) {
            text = RouteFields.parse(withNhInfo(text, nexthops, details)).details(withTable, false, hidden).text();
        }
        out.print(colour.route(routeText(text)));
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch) {
        lookup(r, family, fibmatch, false);
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch, boolean joined) {
        String text = lookupText(r, family, fibmatch, joined);
        if (details > 0) {
            text = RouteFields.parse(withNhInfo(text, nexthops, details)).details(fibmatch || r.table().id() != 0,
                    !fibmatch && family == Family.INET, java.util.Set.of()).text();
        }
        out.print(colour.route(routeText(text)));
    }

    /**
     * The text of a route get answer without iproute2's trailing spaces: the resolved route (and, for IPv4, its
     * {@code cache} line), or with {@code fibmatch} the FIB entry.
     */
    static String lookupText(LookupResult r, Family family, boolean fibmatch, boolean joined) {
        if (fibmatch && r.route() != null) {
            // inet_rtm_getroute() dumps the FIB entry with the answer's table (main while local and main are one
            // trie) and, for a broadcast or multicast answer, its type
            Route.Builder b = r.route().toBuilder().table(r.table().id() == 0 ? r.route().table() : r.table());
            if (r.type() == RouteType.BROADCAST || r.type() == RouteType.MULTICAST) {
                b.type(r.type());
            }
            String text = b.build().toString();
            if (family == Family.INET6 && r.iif() != null) {
                // rt6_fill_node() puts RTA_IIF in the fibmatch answer too, before RTA_PREF
                text = text.replaceFirst(" pref ", " iif " + r.iif() + " pref ");
            }
            return text;
        }
        String text = r.toString();
        if (family == Family.INET) {
            // the cache flags are the answer's RTCF_LOCAL/BROADCAST/MULTICAST (rtm_flags, not decoded): they follow
            // from the type, and a multicast answer is also local when its device has joined the group
            // (__mkroute_output(): ip_check_mc_rcu())
            String flags = r.type() == RouteType.LOCAL ? " <local>" : r.type() == RouteType.BROADCAST
                    ? " <local,brd>" : r.type() == RouteType.MULTICAST
                    ? (joined ? " <local,mc>" : " <mc>") : r.redirect() ? " <redirect>" : "";
            // iproute2 print_route(): the cache flags, then RTA_IIF (an input-path lookup)
            text += "\n    cache" + flags + (r.iif() != null ? " iif " + r.iif() : "");
        }
        return text;
    }

    @Override
    public void rule(Rule r) {
        out.println(colour.rule(details > 0 ? RuleFields.details(r.toString(), r.protocol().toString())
                : r.toString()));
    }

    /** As iproute2 prints it: a trailing space after every field but {@code fdb}. */
    @Override
    public void nexthop(io.github.netroute.routing.Nexthop n) {
        String t = nexthopText(n, details);
        out.println(colour.nexthop(n.fdb() ? t : t + " "));
    }

    /**
     * A nexthop's text; with {@code -details} ipnexthop.c's __print_nexthop_entry() also prints the scope when it is
     * global and the protocol when it is unspec.
     */
    static String nexthopText(io.github.netroute.routing.Nexthop n, int details) {
        String t = n.toString();
        if (details == 0) {
            return t;
        }
        if (!t.contains(" scope ")) {
            int at = t.indexOf(" blackhole");
            if (at < 0) {
                at = t.indexOf(" proto ");
            }
            if (at < 0) {
                at = firstFlag(t);
            }
            t = t.substring(0, at) + " scope global" + t.substring(at);
        }
        if (!t.contains(" proto ")) {
            int at = firstFlag(t);
            t = t.substring(0, at) + " proto unspec" + t.substring(at);
        }
        return t;
    }

    /** Where the flag words (and {@code fdb}) of a nexthop's text begin: its end when it has none. */
    private static int firstFlag(String t) {
        int at = t.length();
        for (String f : List.of(" dead", " onlink", " pervasive", " offload", " trap", " notify", " linkdown",
                " unresolved", " fdb")) {
            int i = t.indexOf(f);
            if (i >= 0 && (i + f.length() == t.length() || t.charAt(i + f.length()) == ' ') && i < at) {
                at = i;
            }
        }
        return at;
    }

    @Override
    public void message(String line) {
        out.println(line);
    }

    private java.util.function.LongFunction<io.github.netroute.routing.Nexthop> nexthops = id -> null;

    @Override
    public void nexthopLookup(java.util.function.LongFunction<io.github.netroute.routing.Nexthop> lookup) {
        nexthops = lookup;
    }

    /**
     * iproute2's print_route() under {@code -d}: a route on a nexthop object ({@code nhid N}) is followed by the
     * object, {@code \tnh_info} and the nexthop as {@code ip -d nexthop show} prints it (print_cache_nexthop_id()),
     * before the route's hops; nothing when the object cannot be read.
     *
     * @param text the route's text (its hop lines after its first line)
     * @param lookup the nexthop of an id as the run's cache has it (ipnexthop.c's nh_cache), or null
     */
    static String withNhInfo(String text, java.util.function.LongFunction<io.github.netroute.routing.Nexthop> lookup,
            int details) {
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        java.util.regex.Matcher m = NHID.matcher(first);
        if (!m.find()) {
            return text;
        }
        io.github.netroute.routing.Nexthop n = lookup.apply(Long.parseLong(m.group(1)));
        if (n == null) {
            return text;
        }
        return first + "\n\tnh_info " + nexthopText(n, details) + (nl < 0 ? "" : text.substring(nl));
    }

    private static final java.util.regex.Pattern NHID = java.util.regex.Pattern.compile(" nhid (\\d+)( |$)");

    @Override
    public void routeEvent(Route r, boolean deleted, String banner) {
        out.print(banner + (deleted ? "Deleted " : "") + colour.route(routeText(r.toString())));
    }

    @Override
    public void ruleEvent(Rule r, boolean deleted, String banner) {
        out.println(banner + (deleted ? "Deleted " : "") + colour.rule(r.toString()));
    }

    @Override
    public void linkEvent(Link l, boolean deleted, String banner) {
        out.print(banner + (deleted ? "Deleted " : ""));
        linkHeader(l, false, false, true);
        linkLayer(l);
    }

    @Override
    public void addressEvent(Address a, boolean deleted, String banner) {
        // print_addrinfo: "%d: %s" and the label column padded like ip addr's, then the address
        String dev = a.device() == null ? "if" + a.deviceIndex() : a.device();
        out.println(banner + (deleted ? "Deleted " : "") + a.deviceIndex() + ": " + dev + "    "
                + colour.address(a + (a.family() == Family.INET6 ? " " : "")));
        out.println("       valid_lft " + lifetime(a.validLifetime()) + " preferred_lft "
                + lifetime(a.preferredLifetime()));
    }

    @Override
    public void nexthopEvent(io.github.netroute.routing.Nexthop n, boolean deleted, String banner) {
        out.print(banner + (deleted ? "Deleted " : ""));
        nexthop(n);
    }

    @Override
    public void resync(String reason) {
        out.println("netroute: notifications lost (" + reason + "); resynchronising: the current state follows");
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void link(Link l) {
        linkHeader(l, true, false, false);
        linkLayer(l, true);
        stats(l);
    }

    private final LinkStatsFormat.Request statsRequest = new LinkStatsFormat.Request();

    @Override
    public void statistics(int level,
            java.util.function.IntFunction<io.github.netroute.routing.LinkStatistics> lookup) {
        statsRequest.set(level, lookup);
    }

    /** {@code -s}: the link's counter lines (print_stats64()), when the kernel reported them. */
    private void stats(Link l) {
        io.github.netroute.routing.LinkStatistics s = statsRequest.of(l);
        if (s != null) {
            out.println(LinkStatsFormat.text(s, statsRequest.level()));
        }
    }

    private java.util.function.IntFunction<Link> links = i -> null;

    @Override
    public void linkLookup(java.util.function.IntFunction<Link> lookup) {
        links = lookup;
    }

    /** print_neigh(): every field is printed as "%s ", the state in capitals. */
    @Override
    public void neighbour(io.github.netroute.routing.Neighbour n, boolean withDevice) {
        out.println(colour.neighbour(n.text(withDevice) + " "));
    }

    @Override
    public void addresses(Link l, List<Address> addrs, boolean showMode, boolean inet6Dump, boolean linkLayer) {
        linkHeader(l, showMode, inet6Dump, false);
        if (details > 0 && inet6Dump) {
            // the IPv6 link dump has IFLA_ADDRESS only: -details prints its link/ line without brd
            out.println("    link/" + (l.loopback() ? "loopback" : "ether") + " "
                    + (l.address() == null ? "00:00:00:00:00:00" : l.address()));
        } else if (linkLayer || details > 0) {
            linkLayer(l, showMode); // print_linkinfo(): -details prints the link/ line with -4/-6 too
        }
        // print_linkinfo() prints the counters with do_link (an earlier link show); ipaddr_list_flush_or_save()
        // after the addresses otherwise; the IPv6 link dump has none
        if (showMode && !inet6Dump) {
            stats(l);
        }
        for (Address x : addrs) {
            out.println("    " + colour.address(x + (x.family() == Family.INET6 ? " " : "")));
            out.println("       valid_lft " + lifetime(x.validLifetime()) + " preferred_lft "
                    + lifetime(x.preferredLifetime()));
        }
        if (!showMode && !inet6Dump) {
            stats(l);
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

    private static final String[] FLAG_NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER", "SLAVE",
        "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO",
    };
    private static final int[] FLAG_BITS = {
        0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800,
        0x4, 0x8000, 0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000,
    };

    /** The words between {@code <} and {@code >} of a link's first line (print_link_flags()). */
    static List<String> linkFlags(Link l) {
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
        return fl;
    }

    /**
     * The first line {@code ip link show} (mode shown) or {@code ip addr show} (mode omitted) prints for a link;
     * {@code monitor}: as {@code ip monitor} prints it (no qlen: filter.showqueue is off; every field ends with a
     * space).
     */
    private void linkHeader(Link l, boolean showMode, boolean inet6Dump, boolean monitor) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.index()).append(": ");
        String name = l.name();
        List<String> fl = new ArrayList<>(linkFlags(l));
        if (l.parent() > 0) {
            // print_linkinfo(): IFLA_LINK as @NAME (or @ifN in another namespace); a parent that is down: M-DOWN
            Link p = l.parentNetnsId() >= 0 ? null : links.apply(l.parent());
            name += "@" + (p == null ? "if" + l.parent() : p.name());
            if (p != null && !p.up()) {
                fl.add("M-DOWN");
            }
        }
        // print_name_and_link("%s: "): the name, its '@' part, ": " in the interface colour
        sb.append(colour.wrap(Colour.Attr.IFNAME, name + ": ")).append("<").append(String.join(",", fl)).append("> mtu ").append(l.mtu());
        if (inet6Dump) {
            sb.append(" state ").append(state(l));
            if (l.txQueueLength() != 0) {
                sb.append(" qlen ").append(l.txQueueLength());
            } else {
                sb.append(' '); // print_queuelen() prints nothing for 0; the field before ends with its space
            }
            out.println(colouredState(l, sb));
            return;
        }
        if (l.qdisc() != null) {
            sb.append(" qdisc ").append(l.qdisc());
        }
        if (l.master() > 0) {
            Link m = links.apply(l.master());
            sb.append(" master ").append(m == null ? "if" + l.master() : m.name());
        }
        sb.append(" state ").append(state(l));
        if (showMode) {
            sb.append(" mode DEFAULT");
        }
        sb.append(" group ").append(l.group() == 0 ? "default" : Integer.toString(l.group()));
        if (monitor) {
            out.println(colouredState(l, sb.append(' ')));
            return;
        }
        if (l.txQueueLength() != 0) {
            sb.append(" qlen ").append(l.txQueueLength());
        } else {
            sb.append(' '); // print_queuelen() prints nothing for 0; the field before ends with its space
        }
        out.println(colouredState(l, sb));
    }

    /** The state word of a link's line. */
    private static String state(Link l) {
        return l.operState() == null ? "UNKNOWN" : l.operState().toString();
    }

    /**
     * print_operstate(): "state " and the state's "%s " in UP's or DOWN's colour (the space after the state
     * inside it).
     */
    private String colouredState(Link l, StringBuilder line) {
        String s = state(l);
        Colour.Attr a = Colour.operState(s);
        String plain = " state " + s + " ";
        int at = line.indexOf(plain);
        if (a == null || !colour.on() || at < 0) {
            return line.toString();
        }
        return line.substring(0, at) + " state " + colour.wrap(a, s + " ") + line.substring(at + plain.length());
    }

    /** The {@code link/ether …} line, and the alias after it. */
    private void linkLayer(Link l) {
        linkLayer(l, false);
    }

    /**
     * The {@code link/ether …} line (with -details what print_linkinfo() adds, the addrgenmode when
     * {@code doLink}), and the alias after it.
     */
    private void linkLayer(Link l, boolean doLink) {
        String type = l.loopback() ? "loopback" : "ether";
        String more = "";
        if (details > 0) {
            LinkDetailsFormat.Text t = new LinkDetailsFormat.Text();
            LinkDetailsFormat.details(t, l, doLink, links);
            more = t.sb.toString();
        }
        out.println("    link/" + type + " " + colour.wrap(Colour.Attr.MAC, l.address() == null ? "00:00:00:00:00:00"
                : l.address()) + " brd " + colour.wrap(Colour.Attr.MAC, l.broadcast() == null
                ? (l.loopback() ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff") : l.broadcast()) + more);
        if (l.alias() != null) {
            out.println("    alias " + l.alias());
        }
    }

    private static String lifetime(long v) {
        return v == Address.FOREVER ? "forever" : v + "sec";
    }
}
