package io.github.netroute.examples.ip;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import java.util.List;

/**
 * Everything {@code netroute ip} prints on stdout, one call per entry of a listing. The object commands decide
 * what is shown (selection, iproute2's quirks about which fields a command omits); a printer decides how.
 * {@link TextPrinter} prints iproute2's text; a JSON printer ({@code ip -json}) would be a second implementation
 * (see the package documentation). Error lines are not printed here: iproute2 writes them to stderr as text in
 * every output mode.
 */
public interface Printer {
    /**
     * One route of {@code ip route show}.
     *
     * @param withTable whether its table is printed ({@code table all}); otherwise the listing is of one table
     *     and iproute2 omits it
     */
    void route(Route r, boolean withTable);

    /**
     * As {@link #route(Route, boolean)}, knowing which fields the command's selector fixed: {@code proto} and
     * {@code scope}, which iproute2 never prints then, not even with {@code -details}.
     */
    default void route(Route r, boolean withTable, java.util.Set<String> hidden) {
        route(r, withTable);
    }

    /**
     * A listing or an answer begins (iproute2's {@code new_json_obj()}: {@code ip -j} opens its array here, even when
     * nothing follows). Text prints nothing.
     */
    default void begin() {}

    /** The listing or answer is complete (iproute2's {@code delete_json_obj()}). */
    default void end() {}

    /**
     * The answer of {@code ip route get}.
     *
     * @param family the family of the looked-up flow (an IPv4 answer has a {@code cache} line)
     * @param fibmatch whether the matching FIB entry is printed instead of the resolved route
     */
    void lookup(LookupResult r, Family family, boolean fibmatch);

    /**
     * As {@link #lookup(LookupResult, Family, boolean)}, knowing whether the answer's device has joined its multicast
     * group (the kernel then marks a multicast answer local: {@code cache <local,mc>}).
     */
    default void lookup(LookupResult r, Family family, boolean fibmatch, boolean joined) {
        lookup(r, family, fibmatch);
    }

    /** One rule of {@code ip rule show}. */
    void rule(Rule r);

    /** One nexthop of {@code ip nexthop show}. @param n the nexthop */
    void nexthop(io.github.netroute.routing.Nexthop n);

    /** A status line such as {@code ip nexthop flush}'s {@code Flushed 3 nexthops}. @param line the line */
    void message(String line);

    /** One link of {@code ip link show} (also what {@code ip addr show dev X} prints after a {@code link show}). */
    void link(Link l);

    /**
     * How links are looked up by index while printing (a veth's {@code @peer} and its {@code M-DOWN}, a port's
     * {@code master}): set once per run.
     *
     * @param lookup the link with an index, or null when there is none
     */
    void linkLookup(java.util.function.IntFunction<Link> lookup);

    /**
     * {@code -s}: links print their counters (print_stats64(); {@code -s -s} adds the error lines), read through
     * {@code lookup}: set once per run. @param level how many -s were given @param lookup a link's counters, or null
     */
    default void statistics(int level,
            java.util.function.IntFunction<io.github.netroute.routing.LinkStatistics> lookup) {}

    /**
     * How nexthop objects are read while printing ({@code -d} prints an nhid route's object under it): set once per
     * run. @param lookup the nexthop with an id, or null when there is none
     */
    default void nexthopLookup(java.util.function.LongFunction<io.github.netroute.routing.Nexthop> lookup) {}

    /**
     * One entry of {@code ip neigh show} / {@code get}.
     *
     * @param withDevice whether {@code dev NAME} is printed (not with {@code show dev NAME})
     */
    void neighbour(io.github.netroute.routing.Neighbour n, boolean withDevice);

    /**
     * One link of {@code ip addr show} with its addresses.
     *
     * @param showMode whether the link line has {@code mode} (iproute2's do_link, set by an earlier link show)
     * @param inet6Dump whether the link comes from the IPv6 link dump ({@code ip -6 addr}): no qdisc, mode or
     *     group
     * @param linkLayer whether the {@code link/ether ...} line is printed (not with -4/-6)
     */
    void addresses(Link l, List<Address> addrs, boolean showMode, boolean inet6Dump, boolean linkLayer);

    /**
     * A route notification as {@code ip monitor} prints it ({@code Deleted } before a removed one; its table unless
     * main; multipath hops on their own lines).
     *
     * @param banner what {@code ip monitor all}/{@code label} puts first ({@code [ROUTE]}), or ""
     */
    void routeEvent(Route r, boolean deleted, String banner);

    /** A rule notification as {@code ip monitor} prints it. @param banner {@code [RULE]} or "" */
    void ruleEvent(Rule r, boolean deleted, String banner);

    /**
     * A link notification as {@code ip monitor} prints it: the {@code ip link} lines without {@code mode} and
     * {@code qlen}. @param banner {@code [LINK]} or ""
     */
    void linkEvent(Link l, boolean deleted, String banner);

    /**
     * An address notification as {@code ip monitor} prints it: {@code INDEX: NAME    inet …} and its
     * {@code valid_lft} line. @param banner {@code [ADDR]} or ""
     */
    void addressEvent(Address a, boolean deleted, String banner);

    /**
     * A nexthop notification as {@code ip monitor} prints it: the {@code ip nexthop show} line, after
     * {@code Deleted } for a removed one. @param banner {@code [NEXTHOP]} or ""
     */
    void nexthopEvent(io.github.netroute.routing.Nexthop n, boolean deleted, String banner);

    /**
     * The line {@code netroute ip monitor} prints when notifications were lost (the socket overflowed: ENOBUFS,
     * where iproute2 prints {@code netlink receive error} on stderr and goes on with a gap), before it prints the
     * state read afresh. @param reason why, as the event source says it
     */
    void resync(String reason);

    /** Flushes what was printed (a monitor prints each notification as it comes). */
    void flush();
}
