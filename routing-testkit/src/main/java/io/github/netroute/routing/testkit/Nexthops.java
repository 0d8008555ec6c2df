package io.github.netroute.routing.testkit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace's nexthop objects (RTM_NEWNEXTHOP, {@code ip nexthop}; net/ipv4/nexthop.c), next to {@link Links},
 * {@link V4Addresses}/{@link V6Addresses}, {@link V4Routes}/{@link V6Routes} and {@link Rules}.
 * Not implemented: the in-memory kernel has no nexthop objects (routes carry their nexthops inline), so the table
 * stays empty and a snapshot copies nothing.
 */
final class Nexthops {
    /** nexthop id -> nexthop object; always empty for now. */
    private final Map<Integer, Object> byId = new TreeMap<>();

    Nexthops() {}

    /** A copy of {@code o}'s table (empty). */
    Nexthops(Nexthops o) {
        byId.putAll(o.byId);
    }
}
