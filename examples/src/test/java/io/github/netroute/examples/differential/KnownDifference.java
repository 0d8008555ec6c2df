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
    /** An IPv4 route get answer through a route that has a TOS: Linux prints the TOS in the answer. */
    LOOKUP_ANSWER_TOS(List.of(Side.NETLINK, Side.MEMORY), "^route get (?!fibmatch)[0-9.]+ .*tos ",
            "open: an IPv4 route get answer carries rtm_tos, which iproute2 prints after the destination (tos 0x08, or"
            + " \"tos\":\"0x08\"); Linux 6.18 fills it when the route the lookup matched has a TOS. LookupResult has no"
            + " TOS (a record component is an API change), so neither the decoder nor the in-memory kernel carries it."
            + " Accepted only when iproute2's answer is netroute's with the TOS field added",
            "net/ipv4/route.c rt_fill_info(): r->rtm_tos = fl4->flowi4_tos; iproute2 ip/iproute.c print_route():"
            + " if (r->rtm_tos && filter.tosmask != -1) print_string(PRINT_ANY, \"tos\", \"tos %s \", ...)", false,
            (want, have) -> want.replaceAll(" tos 0x[0-9a-f]+", "").replaceAll("\\s*\"tos\": ?\"0x[0-9a-f]+\",", "")
                    .equals(have)),
    /** An IPv6 output lookup with both a source and an output device. */
    MEMORY_IPV6_OIF_WITH_SOURCE(List.of(Side.MEMORY), "^route get (fibmatch )?[0-9a-f]*:[0-9a-f:]* from [0-9a-f:]+ .*oif ",
            "the in-memory kernel keeps an IPv6 output device strict; Linux makes it strict (RT6_LOOKUP_F_IFACE)"
            + " only without a source, for link-local or multicast destinations, or a bound socket: with a source"
            + " the device is only preferred (rt6_score_route) and the answer may leave through another one",
            "net/ipv6/route.c ip6_route_output_flags(): if ((sk && sk->sk_bound_dev_if) ||"
            + " rt6_need_strict(&fl6->daddr) || (fl6->flowi6_oif && any_src)) flags |= RT6_LOOKUP_F_IFACE", false,
            (want, have) -> true),
    /** An IPv4 input-path lookup from one of the namespace's own addresses that Linux answers with a local route. */
    MEMORY_INPUT_FROM_LOCAL_SOURCE(List.of(Side.MEMORY), "^route get [0-9.]+ from [0-9.]+ iif ",
            "open, cause not pinned down: seen once in 40 000 commands (seed 5417645638799334997): Linux delivered"
            + " locally an input-path lookup whose source is one of its own addresses where the in-memory kernel"
            + " answered EINVAL (a martian source). Whether the source is validated depends on rp_filter, custom"
            + " rules and the reverse lookup's result; accepted only for exactly that pair of answers",
            "net/ipv4/fib_frontend.c fib_validate_source() (the fast path without rp_filter and custom rules),"
            + " __fib_validate_source(): if (res.type != RTN_UNICAST && (res.type != RTN_LOCAL ||"
            + " !IN_DEV_ACCEPT_LOCAL(idev))) goto e_inval", false,
            (want, have) -> want.startsWith("local ") && have.startsWith("RTNETLINK answers: Invalid argument")),
    /** {@code ip -d link show}: the countdown of a running bridge's or port's STP and garbage-collection timers. */
    BRIDGE_TIMERS(List.of(Side.NETLINK, Side.MEMORY), "^(link|addr) show",
            "a running bridge's gc_timer (and a port's forward_delay_timer after it came up) counts down from when the"
            + " timer was armed: no two runs share the value (iproute2 against netroute over netlink, on two"
            + " namespaces made apart in time), and the in-memory kernel keeps no clock and reports 0.00. Accepted"
            + " only when the answers are equal with every timer's value masked",
            "net/bridge/br_netlink.c br_fill_info(): clockval = br_timer_value(&br->gc_work.timer);"
            + " nla_put_u64_64bit(skb, IFLA_BR_GC_TIMER, clockval, IFLA_BR_PAD); iproute2 ip/iplink_bridge.c"
            + " _bridge_print_timer()", false, (want, have) -> withoutTimers(want).equals(withoutTimers(have))),
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

    /** The path of an answer: text {@code via}/{@code dev}/{@code src}, or their JSON keys (-j, -j -p). */
    private static final Pattern PATH = Pattern.compile(" (via|dev|src) \\S+|\"(gateway|dev|prefsrc)\": ?\"[^\"]*\"");

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
