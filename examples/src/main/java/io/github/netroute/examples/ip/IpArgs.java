package io.github.netroute.examples.ip;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.IpAddresses;
import java.util.List;
import java.util.Set;

/**
 * iproute2's own argument checks, in its order and with its texts and exit codes, run before netroute parses a
 * command with the library. Only the errors iproute2 reports while reading the arguments are here (they end
 * {@code ip} at once, even in a batch with {@code -force}); what the kernel rejects comes from the library.
 *
 * <ul>
 * <li>a missing value: {@code Command line is not complete. Try option "help"}, exit 255;</li>
 * <li>a bad address or prefix: {@code Error: inet prefix is expected rather than "X".}, exit 1 ({@code any
 *     valid} when the family is still open, {@code inet}/{@code inet6} once -4/-6 or an earlier address fixed
 *     it);</li>
 * <li>a bad value: {@code Error: argument "X" is wrong: "table" value is invalid} (invarg), exit 255;</li>
 * <li>a second destination: {@code Error: either "to" is duplicate, or "X" is a garbage.}, exit 255.</li>
 * </ul>
 */
final class IpArgs {
    private IpArgs() {}

    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");
    /** ip route keywords taking a value that this check does not look at. */
    private static final Set<String> ROUTE_SKIP1 = Set.of("expires", "vrf", "dev", "oif", "iif", "mark", "mtu",
            "advmss", "window", "rtt", "rttvar", "cwnd", "initcwnd", "initrwnd", "realms", "realm", "quickack",
            "congctl", "features", "ssthresh", "hoplimit", "reordering", "rto_min", "fastopen_no_cookie", "nhid",
            "weight", "sport", "dport", "ipproto", "uid", "tos", "dsfield", "pref", "ttl-propagate");
    private static final Set<String> ROUTE_FLAGS = Set.of("onlink", "pervasive", "notify", "fibmatch",
            "connected", "cached", "cloned", "equalize");
    private static final Set<String> ROUTE_METRICS_LOCKABLE = Set.of("mtu", "advmss", "window", "rtt", "rttvar",
            "cwnd", "initcwnd", "initrwnd", "ssthresh", "hoplimit", "reordering", "rto_min");

    /** The family iproute2 parses the next address with: fixed by -4/-6 or by the first address. */
    private static final class Fam {
        Family f;

        Fam(Family f) {
            this.f = f;
        }

        String name() {
            return f == null ? "any valid" : f == Family.INET ? "inet" : "inet6";
        }
    }

    static IpError incomplete() {
        return new IpError("Command line is not complete. Try option \"help\"", 255, true);
    }

    static IpError invarg(String msg, String arg) {
        return new IpError("Error: argument \"" + arg + "\" is wrong: " + msg, 255, true);
    }

    static IpError duparg2(String key, String arg) {
        return new IpError("Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.",
                255, true);
    }

    /** The value at {@code i} (a keyword's argument), or iproute2's incomplete-command error. */
    static String next(List<String> a, int i) throws IpError {
        if (i >= a.size()) {
            throw incomplete();
        }
        return a.get(i);
    }

    /** get_prefix(): ADDR[/LEN], default, all, any. */
    static void prefix(String s, Fam fam) throws IpError {
        Family got;
        if (s.equals("default") || s.equals("all") || s.equals("any")) {
            return;
        }
        try {
            got = CidrAddress.parse(s).family();
        } catch (IllegalArgumentException e) {
            got = null;
        }
        if (got == null || (fam.f != null && fam.f != got)) {
            throw new IpError("Error: " + fam.name() + " prefix is expected rather than \"" + s + "\".", 1,
                    true);
        }
        if (fam.f == null) {
            fam.f = got;
        }
    }

    /** get_addr(): an address (no length). */
    static void address(String s, Fam fam) throws IpError {
        Family got;
        try {
            got = s.indexOf('/') >= 0 ? null : Family.of(IpAddresses.parse(s));
        } catch (IllegalArgumentException e) {
            got = null;
        }
        if (got == null || (fam.f != null && fam.f != got)) {
            throw new IpError("Error: " + fam.name() + " address is expected rather than \"" + s + "\".", 1,
                    true);
        }
        if (fam.f == null) {
            fam.f = got;
        }
    }

    private static boolean u32(String s) {
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16)
                    : Long.parseLong(s);
            return v >= 0 && v <= 0xFFFF_FFFFL;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean table(String s) {
        try {
            RouteTable.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * ip route add/change/replace/prepend/append/del/test ARGS (iproute_modify).
     *
     * @return the index in {@code a} of the destination word, or -1 (none before a {@code nexthop})
     */
    static int route(List<String> a, Family family) throws IpError {
        Fam fam = new Fam(family);
        boolean dst = false;
        int dstIndex = -1;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "src" -> address(next(a, ++i), fam);
                case "as" -> {
                    String v = next(a, ++i);
                    if (v.equals("to")) {
                        v = next(a, ++i);
                    }
                    address(v, fam);
                }
                case "via" -> {
                    String v = next(a, ++i);
                    if (v.equals("inet") || v.equals("inet6")) {
                        v = next(a, ++i);
                    }
                    address(v, fam);
                }
                case "from" -> prefix(next(a, ++i), fam);
                case "metric", "priority", "preference" -> {
                    String v = next(a, ++i);
                    if (!u32(v)) {
                        throw invarg("\"metric\" value is invalid\n", v);
                    }
                }
                case "table" -> {
                    String v = next(a, ++i);
                    if (!table(v)) {
                        throw invarg("\"table\" value is invalid\n", v);
                    }
                }
                case "proto", "protocol" -> {
                    String v = next(a, ++i);
                    try {
                        RouteProtocol.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw invarg("\"protocol\" value is invalid\n", v);
                    }
                }
                case "scope" -> {
                    String v = next(a, ++i);
                    try {
                        RouteScope.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw invarg("invalid \"scope\" value\n", v);
                    }
                }
                case "nexthop" -> {
                    return dstIndex; // multipath: left to the library
                }
                case "encap" -> {
                    return dstIndex;
                }
                default -> {
                    if (ROUTE_FLAGS.contains(w)) {
                        break;
                    }
                    if (ROUTE_SKIP1.contains(w)) {
                        String v = next(a, ++i);
                        if (v.equals("lock") && ROUTE_METRICS_LOCKABLE.contains(w)) {
                            next(a, ++i);
                        }
                        break;
                    }
                    String v = w;
                    if (w.equals("to")) {
                        v = next(a, ++i);
                    } else if (ROUTE_TYPES.contains(w)) {
                        v = next(a, ++i);
                    }
                    if (dst) {
                        throw duparg2("to", v);
                    }
                    prefix(v, fam);
                    dst = true;
                    dstIndex = i;
                }
            }
        }
        return dstIndex;
    }

    /** ip route get ARGS (iproute_get): the destination and from are checked. */
    static void routeGet(List<String> a, Family family) throws IpError {
        Fam fam = new Fam(family);
        boolean dst = false;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "from" -> prefix(next(a, ++i), fam);
                case "tos", "dsfield", "iif", "oif", "dev", "mark", "sport", "dport", "ipproto", "vrf", "uid",
                        "as", "nhid" -> next(a, ++i);
                case "fibmatch", "connected" -> { }
                default -> {
                    String v = w.equals("to") ? next(a, ++i) : w;
                    if (dst) {
                        throw duparg2("to", v);
                    }
                    prefix(v, fam);
                    dst = true;
                }
            }
        }
    }

    /** ip rule add/del ARGS (iprule_modify). */
    static void rule(List<String> a, Family family) throws IpError {
        Fam fam = new Fam(family);
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "not", "l3mdev", "nop" -> { }
                case "from", "to" -> {
                    String v = next(a, ++i);
                    // the rule's family stays -4/-6 or inet: the kernel judges a prefix of the other family
                    prefix(v, new Fam(fam.f));
                }
                case "preference", "order", "priority", "pref", "prio" -> {
                    String v = next(a, ++i);
                    if (!u32(v)) {
                        throw invarg("preference value is invalid\n", v);
                    }
                }
                case "table", "lookup" -> {
                    String v = next(a, ++i);
                    if (!table(v)) {
                        throw invarg("invalid table ID\n", v);
                    }
                }
                case "tos", "dsfield", "fwmark", "realms", "suppress_prefixlength", "suppress_ifgroup", "dev", "iif",
                        "oif", "uidrange", "sport", "dport", "ipproto", "protocol", "nat", "map-to", "goto" ->
                        next(a, ++i);
                default -> {
                    String v = w;
                    if (w.equals("type")) {
                        v = next(a, ++i);
                    }
                    // iprule_modify(): "nop" (also after "type") before rtnl_rtntype_a2n()
                    if (!v.equals("help") && !v.equals("nop") && !ruleType(v)) {
                        throw invarg("Failed to parse rule type", v);
                    }
                }
            }
        }
    }

    private static boolean ruleType(String s) {
        try {
            RouteType.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** ip addr add/del ARGS (ipaddr_modify). */
    static void address(List<String> a, Family family) throws IpError {
        Fam fam = new Fam(family);
        boolean local = false;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "peer", "remote" -> prefix(next(a, ++i), fam);
                case "broadcast", "brd" -> {
                    String v = next(a, ++i);
                    if (!v.equals("+") && !v.equals("-")) {
                        address(v, fam);
                    }
                }
                case "anycast" -> address(next(a, ++i), fam);
                case "scope", "dev", "label", "metric", "priority", "preference", "valid_lft", "preferred_lft",
                        "proto" -> next(a, ++i);
                case "mngtmpaddr", "noprefixroute", "nodad", "optimistic", "home", "autojoin", "secondary",
                        "temporary", "dynamic", "permanent", "deprecated", "tentative", "dadfailed",
                        "stable-privacy" -> { }
                default -> {
                    String v = w.equals("local") ? next(a, ++i) : w;
                    if (local) {
                        throw duparg2("local", v);
                    }
                    prefix(v, fam);
                    local = true;
                }
            }
        }
    }
}
