package io.github.netroute.examples;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;

/** Small printing helpers shared by the commands. */
public final class Format {
    private Format() {}

    /** What {@code ip route show table T} prints for a route of table T (iproute2 omits the table then). */
    public static String withoutTable(Route r) {
        return r.toBuilder().table(RouteTable.MAIN).build().toString();
    }
}
