package io.github.netroute.examples.differential;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The differences between iproute2 on Linux and {@code netroute ip} that the generated differential suite
 * accepts, each with its reason and the kernel or iproute2 source line that explains it. A difference of one
 * generated line is accepted only when an entry matches the line (a regular expression over the command) and
 * the side it was seen on; everything else fails the suite.
 *
 * <pre>{@code
 * KnownDifference.match(Side.MEMORY, "route get 10.0.0.1 uid 5")   // the entry, or null
 * }</pre>
 */
enum KnownDifference {
    /** fibmatch answers from the FIB entry; a result the FIB did not make has none. */
    FIBMATCH_WITHOUT_FIB_ENTRY(List.of(Side.NETLINK, Side.MEMORY), "^route get fibmatch ",
            "with fibmatch the kernel answers with the FIB entry (fib_dump_info); a result made without one (local,"
            + " broadcast or multicast answers of the output path) is an error, EHOSTUNREACH unless the route type"
            + " has its own; netroute ip prints the lookup result instead",
            "net/ipv4/route.c inet_rtm_getroute(): if (fibmatch && !res.fi) { err = fib_props[res.type].error;"
            + " if (!err) err = -EHOSTUNREACH; }", false),
    /** 224.0.0.1 is joined on every up device: the answer is local and multicast. */
    MULTICAST_MEMBERSHIP(List.of(Side.NETLINK, Side.MEMORY), "^route get (fibmatch )?224\\.0\\.0\\.1",
            "the host is a member of 224.0.0.1 on an up device, so the output route gets RTCF_LOCAL besides"
            + " RTCF_MULTICAST and iproute2 prints 'cache <local,mc>'; netroute derives the cache flags from the route"
            + " type (the decoder does not keep rtm_flags)",
            "net/ipv4/route.c __mkroute_output(): if (!ip_check_mc_rcu(in_dev, fl4->daddr, fl4->saddr, ...))"
            + " flags &= ~RTCF_LOCAL; iproute2 ip/iproute.c print_cache_flags()", false),
    /** The in-memory kernel's output lookups do not type limited broadcast and multicast destinations. */
    MEMORY_BROADCAST_MULTICAST_OUTPUT(List.of(Side.MEMORY),
            "^route get (fibmatch )?(255\\.255\\.255\\.255|22[4-9]\\.|23[0-9]\\.|ff0)",
            "open: the in-memory kernel looks 255.255.255.255 and 224.0.0.0/4 up in the tables like unicast; Linux"
            + " answers RTN_BROADCAST / RTN_MULTICAST before the FIB (limited broadcast, multicast with oif or a"
            + " matching route), and picks an IPv6 multicast source with ipv6_dev_get_saddr()",
            "net/ipv4/route.c ip_route_output_key_hash_rcu(): ipv4_is_lbcast(fl4->daddr) / ipv4_is_multicast();"
            + " __mkroute_output(): type = RTN_BROADCAST / RTN_MULTICAST", false),
    /** The in-memory kernel's input-path answers. */
    MEMORY_INPUT_PATH(List.of(Side.MEMORY), "^route get .* iif ",
            "open: an input-path lookup (iif) has no uid unless one is given (INVALID_UID) and a local or broadcast"
            + " input answer carries no prefsrc; the in-memory kernel prints uid 0 and src",
            "net/ipv4/route.c inet_rtm_getroute(): uid = (iif ? INVALID_UID : current_uid()); rt_fill_info():"
            + " RTA_PREFSRC only if (rt->rt_is_input == 0 ... fl4->saddr != src)", false),
    /** ip route get 0.0.0.0: routed as 127.0.0.1, printed as asked. */
    MEMORY_UNSPECIFIED_DESTINATION(List.of(Side.MEMORY), "^route get 0\\.0\\.0\\.0",
            "open: Linux routes an unspecified destination to the source or 127.0.0.1 but rt_fill_info() prints the"
            + " requested 0.0.0.0 (inet_rtm_getroute passes the request's dst); the in-memory kernel prints 127.0.0.1",
            "net/ipv4/route.c ip_route_output_key_hash_rcu(): if (!fl4->daddr) fl4->daddr = fl4->saddr or"
            + " htonl(INADDR_LOOPBACK); inet_rtm_getroute(): rt_fill_info(net, dst, src, ...)", false),
    /** IPv6 lookups take only ipv6-icmp, tcp, udp as ipproto. */
    MEMORY_IPV6_IPPROTO(List.of(Side.MEMORY), "^route get [0-9a-f]*:[0-9a-f:]*.* ipproto (icmp|1)\\b",
            "open: for an IPv6 lookup the kernel accepts RTA_IP_PROTO tcp, udp and ipv6-icmp only (icmp is"
            + " 'Unsupported ip proto'); the in-memory kernel accepts icmp",
            "net/ipv4/netlink.c rtm_getroute_parse_ip_proto(): case IPPROTO_ICMP: if (family != AF_INET) break;"
            + " ... NL_SET_ERR_MSG(extack, \"Unsupported ip proto\")", false),
    /** Backward goto is refused on delete as well. */
    MEMORY_RULE_DEL_BACKWARD_GOTO(List.of(Side.MEMORY), "^rule del .*goto ",
            "open: fib_nl2rule() checks the goto target for RTM_DELRULE too ('Backward goto not supported');"
            + " the in-memory kernel checks it on add only and may delete a rule Linux keeps",
            "net/core/fib_rules.c fib_nl2rule(): if (rule->action == FR_ACT_GOTO && rule->target <= rule->pref)"
            + " NL_SET_ERR_MSG(extack, \"Backward goto not supported\")", true);

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

    KnownDifference(List<Side> sides, String command, String reason, String source, boolean divergesState) {
        this.sides = sides;
        this.command = Pattern.compile(command);
        this.reason = reason;
        this.source = source;
        this.divergesState = divergesState;
    }

    /** The entry that names this difference, or null. */
    static KnownDifference match(Side side, String line) {
        for (KnownDifference k : values()) {
            if (k.sides.contains(side) && k.command.matcher(line).find()) {
                return k;
            }
        }
        return null;
    }
}
