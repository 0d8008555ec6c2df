package io.github.netroute.examples.ip;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import java.util.Optional;

/** What the object commands of one {@code ip} run share: the routing, the printer and iproute2's run state. */
final class IpContext {
    final Routing routing;
    final Printer printer;
    /** The {@code -4}/{@code -6} preference (null: unspecified). */
    Family family;
    /** A family other than IPv4/IPv6 asked for ({@code -0}: "link", {@code -M}: "mpls", {@code -B}: "bridge"), or null. */
    String otherFamily;
    /** How many {@code -s}/{@code -stats} were given (iproute2's show_stats): route flush then reports its rounds. */
    int stats;
    /** iproute2's do_link: set by the first 'link show' of a run and never reset (ip addr show then shows link mode). */
    boolean doLink;
    /**
     * ipnexthop.c's static {@code filter}: set by {@code ip nexthop show/flush} arguments and never reset within a
     * run (a batch), as iproute2 6.1 keeps it; {@code flushed} keeps counting across flushes.
     */
    final NexthopFilterState nexthopFilter = new NexthopFilterState();
    /** Where iproute2 prints errors that do not end the command (a flush's failed delete). */
    java.io.PrintStream err = System.err;

    IpContext(Routing routing, Printer printer) {
        this.routing = routing;
        this.printer = printer;
        printer.linkLookup(i -> {
            try {
                return routing.link(i).orElse(null);
            } catch (RoutingException e) {
                return null;
            }
        });
        printer.nexthopLookup(this::cachedNexthop);
    }

    /**
     * ipnexthop.c's nh_cache: a nexthop object read once (RTM_GETNEXTHOP) on its first print under a route and kept
     * for the rest of the run, unchanged by later replaces; a failed read is not kept.
     */
    private final java.util.Map<Long, io.github.netroute.routing.Nexthop> nexthopCache = new java.util.HashMap<>();

    private io.github.netroute.routing.Nexthop cachedNexthop(long id) {
        io.github.netroute.routing.Nexthop n = nexthopCache.get(id);
        if (n == null) {
            try {
                n = routing.nexthop(id).orElse(null);
            } catch (RoutingException e) {
                return null;
            }
            if (n != null) {
                nexthopCache.put(id, n);
            }
        }
        return n;
    }

    /** iproute2 6.1's {@code static struct filter} of ipnexthop.c. */
    static final class NexthopFilterState {
        boolean groups;
        /** The device's ifindex as resolved when given (it stays when the device goes). */
        int ifindex;
        int proto;
        boolean fdb;
        int flushed;
    }

    /** The link called {@code name}, or iproute2's {@code Cannot find device} failure. */
    Link device(String name) throws IpError, RoutingException {
        Optional<Link> l = routing.link(name);
        if (l.isEmpty()) {
            throw new IpError("Cannot find device \"" + name + "\"");
        }
        return l.get();
    }
}
