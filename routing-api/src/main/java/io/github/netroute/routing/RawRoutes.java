package io.github.netroute.routing;

/** The checks and the Linux answer shared by the raw route paths of {@link Routing} (package-private). */
final class RawRoutes {
    private RawRoutes() {}

    static void check(Route route, CidrAddress destination) {
        if (!destination.toPrefix().equals(route.dst())) {
            throw new IllegalArgumentException("destination " + destination + " is not the route's " + route.dst()
                    + " with host bits");
        }
    }

    /** Linux's answer to an IPv4 destination with host bits (net/ipv4/fib_frontend.c rtm_to_fib_config()). */
    static RoutingException invalidPrefix(String op, Route route, CidrAddress destination) {
        return RoutingException.of(op, route.toString().replaceFirst(java.util.regex.Pattern.quote(
                route.dst().toString()), destination.toString()), Errno.EINVAL,
                "Invalid prefix for given prefix length");
    }
}
