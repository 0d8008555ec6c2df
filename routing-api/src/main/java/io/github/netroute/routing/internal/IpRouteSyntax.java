package io.github.netroute.routing.internal;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.Rule;

/** iproute2 text syntax for routes, rules, addresses and lookups, both ways. Not API. (Being written.) */
public final class IpRouteSyntax {
    private IpRouteSyntax() {}

    public static Route parseRoute(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    public static String formatRoute(Route r) {
        return r.type() + " " + r.dst() + " table " + r.table();
    }

    public static Rule parseRule(String text, Family family) {
        throw new UnsupportedOperationException("not yet");
    }

    public static String formatRule(Rule r) {
        return r.priority() + ": " + r.action();
    }

    public static Address parseAddress(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    public static String formatAddress(Address a) {
        return a.local() + " dev " + a.device();
    }

    public static RouteLookup parseLookup(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    public static String formatLookup(LookupResult r) {
        return r.type() + " " + r.destination();
    }
}
