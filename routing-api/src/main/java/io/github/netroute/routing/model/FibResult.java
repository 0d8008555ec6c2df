package io.github.netroute.routing.model;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import java.net.InetAddress;

/**
 * A raw FIB lookup result (the kernel's {@code fib_result}): the matching route and the nexthop chosen, the
 * table that answered and the prefix length, or an error. Used by in-memory kernels for gateway and prefsrc
 * checks; {@link RoutingView#lookup} builds the user-facing {@link io.github.netroute.routing.LookupResult}.
 *
 * <pre>{@code
 * FibResult r = view.fib(FibQuery.to(gateway).scope(RouteScope.LINK).ignoreLinkState(true));
 * if (r.ok() && r.route().type() == RouteType.UNICAST) { ... r.deviceIndex() ... }
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param route the matching route, or null
 * @param hop the index of the chosen nexthop (0 for a single path)
 * @param table the table that answered, or null
 * @param prefixLength the prefix length of the match
 * @param error the errno, or null on success ({@link Errno#EAGAIN} means "no route / throw" inside a table)
 */
public record FibResult(Route route, int hop, RouteTable table, int prefixLength, Errno error) {
    static final FibResult NO_MATCH = new FibResult(null, 0, null, 0, Errno.EAGAIN);

    /**
     * True on success.
     *
     * @return true on success
     */
    public boolean ok() {
        return error == null;
    }

    /**
     * The chosen nexthop's device name.
     *
     * @return the chosen nexthop's device name
     */
    public String device() {
        return route.isMultipath() ? route.nextHops().get(hop).device() : route.device();
    }

    /**
     * The chosen nexthop's device index.
     *
     * @return the chosen nexthop's device index
     */
    public int deviceIndex() {
        return route.isMultipath() ? route.nextHops().get(hop).deviceIndex() : route.deviceIndex();
    }

    /**
     * The chosen nexthop's gateway, or null.
     *
     * @return the chosen nexthop's gateway, or null
     */
    public InetAddress gateway() {
        if (route.isMultipath()) {
            NextHop h = route.nextHops().get(hop);
            return h.gateway();
        }
        return route.gateway();
    }
}
