package io.github.netroute.examples.ip;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RoutingException;
import java.util.List;

/**
 * The selector of {@code ip route show|flush} ({@code [table T|all] [type T] [proto P] [scope S] [dev D]
 * [root|match|exact|to] PREFIX}): what the kernel filters ({@link #filter()}), what iproute2 filters after the
 * dump ({@link #accept}) and which fields it then omits ({@link #shown}).
 */
final class RouteSelector {
    private final Family preference;
    RouteTable table = RouteTable.MAIN;
    boolean allTables;
    RouteType type;
    RouteProtocol protocol;
    RouteScope scope;
    String dev;
    IpPrefix exact;
    IpPrefix root;
    IpPrefix match;

    /** Reads the selector words {@code a}; a {@code dev} must exist. */
    RouteSelector(IpContext ip, List<String> a) throws IpError, RoutingException {
        this.preference = ip.family;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "table":
                case "tab": {
                    String v = IpArgs.next(a, ++i);
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
                    type = RouteType.parse(IpArgs.next(a, ++i));
                    break;
                case "proto":
                case "protocol":
                    protocol = RouteProtocol.parse(IpArgs.next(a, ++i));
                    break;
                case "scope":
                    scope = RouteScope.parse(IpArgs.next(a, ++i));
                    break;
                case "dev":
                case "oif":
                    dev = IpArgs.next(a, ++i);
                    ip.device(dev);
                    break;
                case "root":
                    root = prefix(IpArgs.next(a, ++i));
                    break;
                case "match":
                    match = prefix(IpArgs.next(a, ++i));
                    break;
                case "exact":
                case "to":
                    exact = prefix(IpArgs.next(a, ++i));
                    break;
                default:
                    exact = prefix(w);
                    break;
            }
        }
    }

    Family family() {
        if (preference != null) {
            return preference;
        }
        // iproute2 (iproute_list_flush_or_save): the dump is AF_INET unless -6 or "table all", whatever the family
        // of a selector prefix; an IPv6 prefix then filters every inet route out (filter_nlmsg: rtm_family differs)
        return allTables ? null : Family.INET;
    }

    private IpPrefix prefix(String s) {
        Family f = preference;
        if (s.equals("default") || s.equals("all") || s.equals("any")) {
            return IpPrefix.defaultOf(f == null ? Family.INET : f);
        }
        return CidrAddress.parse(s).toPrefix();
    }

    boolean accept(Route r) {
        IpPrefix p = exact != null ? exact : root != null ? root : match;
        if (p != null && p.family() != r.family()) {
            return false;
        }
        if (dev != null && r.isMultipath()) {
            // iproute2 filter_nlmsg(): "dev" compares RTA_OIF, which a multipath route does not have
            return false;
        }
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

    /** The fields the selector fixed, which iproute2 does not print even with -details (its *mask = -1). */
    java.util.Set<String> hidden() {
        java.util.Set<String> h = new java.util.HashSet<>();
        if (protocol != null) {
            h.add("proto");
        }
        if (scope != null) {
            h.add("scope");
        }
        return h;
    }

    RouteFilter filter() {
        Family f = family();
        // a prefix of the other family matches nothing (accept); the kernel's filter only takes one of its own
        return new RouteFilter(table, f, type, protocol, dev, exact != null && f != null && exact.family() != f
                ? null : exact);
    }
}
