package io.github.netroute.routing.testkit;

/**
 * Where the namespace's nexthop objects (RTM_NEWNEXTHOP, {@code ip nexthop}; net/ipv4/nexthop.c) will sit, next to
 * {@link Links}, {@link V4Addresses}/{@link V6Addresses}, {@link V4Routes}/{@link V6Routes} and {@link Rules}.
 * Not implemented: the in-memory kernel has no nexthop objects (routes carry their nexthops inline), so this holds
 * nothing yet and a snapshot copies nothing.
 */
final class Nexthops {
    Nexthops copy() {
        return new Nexthops();
    }
}
