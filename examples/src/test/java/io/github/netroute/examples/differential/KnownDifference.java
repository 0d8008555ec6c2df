package io.github.netroute.examples.differential;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The differences between iproute2 on Linux and {@code netroute ip} that the generated differential suite
 * accepts, each with its reason and the kernel or iproute2 source line that explains it. A difference of one
 * generated line is accepted only when an entry matches the line (a regular expression over the command) and
 * the side it was seen on, and the pair of answers is the kind it names; everything else fails the suite. An entry
 * that begins "open" is a difference not fixed yet.
 *
 * <pre>{@code
 * KnownDifference.match(Side.MEMORY, "route get 10.0.0.1 uid 5", ipPiece, netroutePiece)   // the entry, or null
 * }</pre>
 */
enum KnownDifference {
    /** Multipath: Linux hashes the flow over the nexthops; the in-memory kernel takes the first alive one. */
    MEMORY_MULTIPATH_HASH(List.of(Side.MEMORY), "^route get ",
            "the in-memory kernel does not model multipath hashing (its Javadoc says so): it answers with the first"
            + " alive nexthop where Linux hashes the flow (addresses, ports, uid for IPv6 output). Accepted only when"
            + " the two answers differ in nothing but the path (via, dev, src)",
            "net/ipv4/fib_semantics.c fib_select_multipath(); net/ipv6/route.c fib6_select_path() with"
            + " rt6_multipath_hash()", false, (want, have) -> withoutPath(want).equals(withoutPath(have))),
    /** A multipath FIB entry answered with fibmatch. */
    MEMORY_FIBMATCH_MULTIPATH(List.of(Side.MEMORY), "^route get fibmatch ",
            "open: the in-memory kernel's fibmatch answer for a multipath route is the path it took, without the"
            + " other nexthops and without the nexthop flags a dump computes (dead, linkdown); Linux dumps the whole"
            + " fib_info. Accepted only when iproute2 printed nexthop lines",
            "net/ipv4/route.c inet_rtm_getroute() -> fib_dump_info(); net/ipv4/fib_semantics.c fib_add_multipath(),"
            + " fib_nexthop_info() (RTNH_F_DEAD, RTNH_F_LINKDOWN)", false, (want, have) -> want.contains("\tnexthop")),
    /** An IPv6 output lookup with both a source and an output device. */
    MEMORY_IPV6_OIF_WITH_SOURCE(List.of(Side.MEMORY), "^route get (fibmatch )?[0-9a-f]*:[0-9a-f:]* from [0-9a-f:]+ .*oif ",
            "the in-memory kernel keeps an IPv6 output device strict; Linux makes it strict (RT6_LOOKUP_F_IFACE)"
            + " only without a source, for link-local or multicast destinations, or a bound socket: with a source"
            + " the device is only preferred (rt6_score_route) and the answer may leave through another one",
            "net/ipv6/route.c ip6_route_output_flags(): if ((sk && sk->sk_bound_dev_if) ||"
            + " rt6_need_strict(&fl6->daddr) || (fl6->flowi6_oif && any_src)) flags |= RT6_LOOKUP_F_IFACE", false,
            (want, have) -> true),
    /** {@code ip -d link show}: the countdown of a running bridge's or port's STP and garbage-collection timers. */
    BRIDGE_TIMERS(List.of(Side.NETLINK, Side.MEMORY), "^(link|addr) show",
            "a running bridge's gc_timer (and a port's forward_delay_timer after it came up) counts down from when the"
            + " timer was armed: no two runs share the value (iproute2 against netroute over netlink, on two"
            + " namespaces made apart in time), and the in-memory kernel keeps no clock and reports 0.00. Accepted"
            + " only when the answers are equal with every timer's value masked (with -s also the counters, as"
            + " LINK_COUNTERS masks them)",
            "net/bridge/br_netlink.c br_fill_info(): clockval = br_timer_value(&br->gc_work.timer);"
            + " nla_put_u64_64bit(skb, IFLA_BR_GC_TIMER, clockval, IFLA_BR_PAD); iproute2 ip/iplink_bridge.c"
            + " _bridge_print_timer()", false, (want, have) -> !withoutCounters(want).equals(withoutCounters(have))
                    && withoutTimers(withoutCounters(want)).equals(withoutTimers(withoutCounters(have)))),
    /** The counters {@code ip -s link/addr} prints for links that are up. */
    LINK_COUNTERS(List.of(Side.NETLINK, Side.MEMORY), "^(link|addr) show",
            "a link that is up counts the packets the kernel sends on it by itself (MLD reports for its IPv6"
            + " addresses' groups, IGMP), on timers: the three runs' counters differ by when they were read, and the"
            + " in-memory kernel, which passes no packets, has 0. Accepted only when the answers differ in nothing but"
            + " the counter numbers (and the column widths they size); links that carry no traffic are compared in"
            + " ip-batches 74-76",
            "net/ipv6/mcast.c igmp6_join_group() -> mld_ifc_event(), mld_ifc_work(); net/ipv4/igmp.c"
            + " igmp_ifc_event(); iproute2 ip/ipaddress.c print_stats64(): size_columns(), print_num()", false,
            (want, have) -> withoutCounters(want).equals(withoutCounters(have))),
    /**
     * After iproute2 printed "Failed to send flush request", its later lines may print the replies of earlier
     * requests. Not matched by {@link #match}: the suite applies it to every later line of a batch once iproute2's
     * answer to a {@code route flush} was that line.
     */
    IPROUTE2_FLUSH_LEFTOVER_REPLIES(List.of(Side.NETLINK, Side.MEMORY), "(?!)",
            "iproute2 checks a flush buffer's answers with MSG_PEEK and stops at the first error (a route on a"
            + " nexthop object echoed with its filled-in gateway: EINVAL), leaving that error and the acks of the"
            + " rest of the buffer queued on its socket; the next requests of the batch read them as their own"
            + " answers, so from there on iproute2 prints each command's answer one or more lines late (the kernel"
            + " did the same things). netroute ip reads each answer of its own request",
            "iproute2 lib/libnetlink.c rtnl_send_check(): recv(rth->fd, resp, sizeof(resp), MSG_DONTWAIT | MSG_PEEK);"
            + " ip/iproute.c flush_update(): 'Failed to send flush request'", true, (want, have) -> true);

    /** Which netroute run differed from iproute2. */
    enum Side { NETLINK, MEMORY }

    private final List<Side> sides;
    private final Pattern command;
    final String reason;
    final String source;
    /**
     * Whether the difference can leave that side's state apart from the kernel's (a change that succeeded on one
     * side only): later differences of the same batch on that side are then counted as its consequences, not
     * failed.
     */
    final boolean divergesState;
    /** Which pairs of answers (iproute2's, netroute's) the entry accepts for a matching line. */
    private final BiPredicate<String, String> answers;

    KnownDifference(List<Side> sides, String command, String reason, String source, boolean divergesState,
            BiPredicate<String, String> answers) {
        this.sides = sides;
        this.command = Pattern.compile(command);
        this.reason = reason;
        this.source = source;
        this.divergesState = divergesState;
        this.answers = answers;
    }

    /** Counter lines (numbers only) and the padding of their headers; in JSON the stats64 numbers. */
    private static final Pattern COUNTER_LINE = Pattern.compile("(?m)^ +[0-9][0-9 ]*$");
    private static final Pattern COUNTER_HEADER = Pattern.compile("(?m)^(    [RT]X( errors)?:) .*$");
    private static final Pattern JSON_STATS = Pattern.compile("\"stats64\": ?\\{.*?\\}\\s*\\}",
            Pattern.DOTALL);

    private static String withoutCounters(String piece) {
        String p = COUNTER_LINE.matcher(piece).replaceAll("<n>");
        p = COUNTER_HEADER.matcher(p).replaceAll("$1");
        return JSON_STATS.matcher(p).replaceAll("\"stats64\":{}");
    }

    /**
     * The path of an answer: text {@code via}/{@code dev}/{@code src}, or their JSON keys (-j, -j -p) with the space
     * before and the comma after them (so an answer without a gateway compares equal in pretty JSON too).
     */
    private static final Pattern PATH = Pattern.compile(
            " (via|dev|src) \\S+|\\s*\"(gateway|dev|prefsrc)\": ?\"[^\"]*\",?");

    /** A bridge timer's value: text {@code gc_timer  299.50}, JSON {@code "gc_timer":299.50}. */
    private static final Pattern TIMER = Pattern.compile("(_timer\"?:? ?) *[0-9]+\\.[0-9]{2}");

    private static String withoutTimers(String piece) {
        return TIMER.matcher(piece).replaceAll("$1<t>");
    }

    private static String withoutPath(String piece) {
        return PATH.matcher(piece).replaceAll("");
    }

    /** The entry that names this difference ({@code ip} printed {@code want}, netroute {@code have}), or null. */
    static KnownDifference match(Side side, String line, String want, String have) {
        for (KnownDifference k : values()) {
            if (k.sides.contains(side) && k.command.matcher(line).find()
                    && k.answers.test(want, have)) {
                return k;
            }
        }
        return null;
    }
}
