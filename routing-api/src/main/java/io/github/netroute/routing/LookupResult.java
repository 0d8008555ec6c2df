package io.github.netroute.routing;

import io.github.netroute.routing.internal.IpRouteSyntax;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The kernel's answer to a route lookup ({@code ip route get}): the type, output device, gateway and source
 * address it chose, the table that decided, and the matched FIB entry when known.
 *
 * <pre>{@code
 * LookupResult r = routing.lookup(RouteLookup.to(InetAddress.getByName("10.96.0.1")));
 * r.type();       // local
 * r.device();     // "lo"
 * r.source();     // 192.168.1.2, thanks to "src 192.168.1.2" on the local route
 * r.toString();   // "local 10.96.0.1 dev lo table local src 192.168.1.2 uid 0"
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param type the route type of the result ({@code unicast}, {@code local}, {@code broadcast}, …)
 * @param destination the looked-up destination
 * @param from the source address given in the flow, or null
 * @param gateway the chosen gateway, or null when on-link
 * @param device the output device name ({@code lo} for local results)
 * @param deviceIndex the output device index
 * @param source the source address the kernel picked ({@code src}), or null
 * @param table the table of the matching route
 * @param iif the input device of the flow, or null
 * @param mark the flow's mark, or null when 0
 * @param uid the flow's uid, or null
 * @param route the matched FIB entry ({@code ip route get fibmatch}), or null when not known
 * @param redirect the kernel would send an ICMP redirect for this input-path flow ({@code RTCF_DOREDIRECT}),
 *     printed by iproute2 as {@code cache <redirect>}
 * @param tos the answer's TOS ({@code rtm_tos}): the TOS of the IPv4 FIB entry the lookup matched (Linux answers
 *     with the matched entry's DSCP, not the flow's), 0 when it has none and for IPv6; iproute2 prints it after the
 *     destination ({@code 10.4.0.1 tos 0x08 via …})
 */
public record LookupResult(RouteType type, InetAddress destination, InetAddress from, InetAddress gateway,
        String device, int deviceIndex, InetAddress source, RouteTable table, String iif, Long mark, Long uid,
        Route route, boolean redirect, int tos) {

    /**
     * A result without a TOS.
     *
     * @param type the route type of the result
     * @param destination the looked-up destination
     * @param from the source address given in the flow, or null
     * @param gateway the chosen gateway, or null when on-link
     * @param device the output device name
     * @param deviceIndex the output device index
     * @param source the source address the kernel picked, or null
     * @param table the table of the matching route
     * @param iif the input device of the flow, or null
     * @param mark the flow's mark, or null when 0
     * @param uid the flow's uid, or null
     * @param route the matched FIB entry, or null when not known
     * @param redirect the kernel would send an ICMP redirect for this input-path flow
     */
    public LookupResult(RouteType type, InetAddress destination, InetAddress from, InetAddress gateway,
            String device, int deviceIndex, InetAddress source, RouteTable table, String iif, Long mark, Long uid,
            Route route, boolean redirect) {
        this(type, destination, from, gateway, device, deviceIndex, source, table, iif, mark, uid, route, redirect,
                0);
    }

    /**
     * A result without the redirect flag.
     *
     * @param type the route type of the result
     * @param destination the looked-up destination
     * @param from the source address given in the flow, or null
     * @param gateway the chosen gateway, or null when on-link
     * @param device the output device name
     * @param deviceIndex the output device index
     * @param source the source address the kernel picked, or null
     * @param table the table of the matching route
     * @param iif the input device of the flow, or null
     * @param mark the flow's mark, or null when 0
     * @param uid the flow's uid, or null
     * @param route the matched FIB entry, or null when not known
     */
    public LookupResult(RouteType type, InetAddress destination, InetAddress from, InetAddress gateway,
            String device, int deviceIndex, InetAddress source, RouteTable table, String iif, Long mark, Long uid,
            Route route) {
        this(type, destination, from, gateway, device, deviceIndex, source, table, iif, mark, uid, route, false, 0);
    }

    /**
     * Requires the type, destination and table.
     *
     * @param type the route type of the result ({@code unicast}, {@code local}, {@code broadcast}, …)
     * @param destination the looked-up destination
     * @param from the source address given in the flow, or null
     * @param gateway the chosen gateway, or null when on-link
     * @param device the output device name ({@code lo} for local results)
     * @param deviceIndex the output device index
     * @param source the source address the kernel picked ({@code src}), or null
     * @param table the table of the matching route
     * @param iif the input device of the flow, or null
     * @param mark the flow's mark, or null when 0
     * @param uid the flow's uid, or null
     * @param route the matched FIB entry ({@code ip route get fibmatch}), or null when not known
     * @param redirect the kernel would send an ICMP redirect for this input-path flow ({@code RTCF_DOREDIRECT}:
     *     it leaves by the device it came in on, towards a neighbour on the sender's own subnet); iproute2 prints
     *     {@code cache <redirect>}
     * @param tos the answer's TOS: the matched IPv4 FIB entry's, 0 when none
     * @throws IllegalArgumentException when the TOS is not 0..255
     */
    public LookupResult {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(table, "table");
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos " + tos + " is not 0..255");
        }
    }

    /**
     * This result without the matched FIB entry (for comparing what {@code ip route get} prints).
     *
     * @return this result without the matched FIB entry (for comparing what {@code ip route get} prints)
     */
    public LookupResult withoutRoute() {
        return new LookupResult(type, destination, from, gateway, device, deviceIndex, source, table, iif, mark, uid,
                null, redirect, tos);
    }

    /**
     * Prints the first line of {@code ip route get}: {@code 10.96.0.1 dev lo table local src 192.168.1.2 uid 0}. For
     * IPv4 the input device ({@code iif}) is not on it: iproute2 prints it on the second line, after the cache
     * flags ({@code cache <local,brd> iif eth0}).
     */
    @Override
    public String toString() {
        return IpRouteSyntax.formatLookup(this);
    }
}
