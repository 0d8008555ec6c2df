package io.github.netroute.routing.internal;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.Rule;

/**
 * iproute2 text syntax for routes, rules, addresses and lookups, both ways, as iproute2 6.1 reads and prints
 * them. Not API: {@link Route#parse}, {@link Route#toString} and friends call it.
 *
 * <p>Parsing accepts what {@code ip ... add} accepts for the modelled attributes and every line
 * {@code ip ... show} prints for them; errors are {@link IllegalArgumentException}s naming the bad token, its
 * 0-based word position and character offset. Printing gives exactly what {@code ip ... show} prints, with
 * single spaces, no trailing space, and multipath {@code nexthop} lines joined with {@code "\n\t"}.
 * See {@link RouteSyntax}, {@link RuleSyntax} and {@link AddressSyntax} for the details and the known
 * differences.
 */
public final class IpRouteSyntax {
    private IpRouteSyntax() {}

    /** {@code ip route add} arguments or an {@code ip route show} line (multipath continuation lines included). */
    public static Route parseRoute(String text) {
        return RouteSyntax.parse(text);
    }

    /**
     * {@code ip route del} arguments: a type, scope or protocol that is not given is sent as the kernel's
     * wildcard (unspec, nowhere, unspec), as iproute2 does for RTM_DELROUTE.
     */
    public static Route parseRouteSelector(String text) {
        Route r = RouteSyntax.parse(text);
        String[] w = text.trim().split("\\s+");
        int i = w.length > 0 && w[0].equals("to") ? 1 : 0;
        boolean typeGiven = false;
        if (i < w.length) {
            for (io.github.netroute.routing.RouteType t : io.github.netroute.routing.RouteType.values()) {
                typeGiven |= t.ipName().equals(w[i]);
            }
        }
        boolean scopeGiven = false;
        boolean protoGiven = false;
        for (String s : w) {
            scopeGiven |= s.equals("scope");
            protoGiven |= s.equals("proto") || s.equals("protocol");
        }
        Route.Builder b = r.toBuilder();
        if (!typeGiven) {
            b.type(io.github.netroute.routing.RouteType.UNSPEC);
        }
        if (!scopeGiven) {
            b.scope(io.github.netroute.routing.RouteScope.NOWHERE);
        }
        if (!protoGiven) {
            b.protocol(io.github.netroute.routing.RouteProtocol.UNSPEC);
        }
        return b.build();
    }

    /** What {@code ip route show table all} / {@code ip -6 route show table all} prints for the route. */
    public static String formatRoute(Route r) {
        return RouteSyntax.format(r);
    }

    /** {@code nexthop via GW [realm R] dev DEV weight W [flags]}, one multipath line without its tab. */
    public static String formatNextHop(NextHop h) {
        return RouteSyntax.formatHop(h);
    }

    /** {@code ip rule add} arguments or an {@code ip rule show} line; {@code family} for address-less rules. */
    public static Rule parseRule(String text, Family family) {
        return RuleSyntax.parse(text, family);
    }

    /** {@code ip rule del} arguments: without an action or table the rule matches any action. */
    public static Rule parseRuleSelector(String text, Family family) {
        return RuleSyntax.parse(text, family, true);
    }

    /** What {@code ip rule show} prints ({@code PRIO:\tSELECTORS ACTION}; no prefix without a priority). */
    public static String formatRule(Rule r) {
        return RuleSyntax.format(r);
    }

    /** {@code ip addr add} arguments or an {@code ip addr show} {@code inet}/{@code inet6} line. */
    public static Address parseAddress(String text) {
        return AddressSyntax.parseAddress(text);
    }

    /** The {@code inet}/{@code inet6} line of {@code ip addr show}. */
    public static String formatAddress(Address a) {
        return AddressSyntax.formatAddress(a);
    }

    /** {@code ip route get} arguments. */
    public static RouteLookup parseLookup(String text) {
        return AddressSyntax.parseLookup(text);
    }

    /** The first line {@code ip route get} prints. */
    public static String formatLookup(LookupResult r) {
        return AddressSyntax.formatLookup(r);
    }
}
