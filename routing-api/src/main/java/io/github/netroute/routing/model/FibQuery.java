package io.github.netroute.routing.model;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.RouteScope;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A raw FIB lookup (the kernel's {@code flowi4}/{@code flowi6} as used by its own checks): destination, optional
 * source, input device name, output device index, mark, TOS, minimum scope and whether dead/linkdown state is
 * ignored. Immutable; the with-methods return copies.
 *
 * <pre>{@code
 * // how the kernel checks a gateway of a universe-scope route: scope link, the route's oif, via lo
 * FibQuery q = FibQuery.to(gw).scope(RouteScope.LINK).oif(3).ignoreLinkState(true);
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param dst the destination
 * @param src the source, or null
 * @param iif the input device name (local lookups use {@code lo})
 * @param oif the output device index, 0 for any
 * @param oifName the output device name, or null
 * @param mark the mark
 * @param tos the TOS byte
 * @param scope the minimum route scope
 * @param ignoreLinkState FIB_LOOKUP_IGNORE_LINKSTATE
 */
public record FibQuery(InetAddress dst, InetAddress src, String iif, int oif, String oifName, long mark, int tos,
        RouteScope scope, boolean ignoreLinkState) {
    /**
     * Requires dst and scope.
     *
     * @param dst the destination
     * @param src the source, or null
     * @param iif the input device name (local lookups use {@code lo})
     * @param oif the output device index, 0 for any
     * @param oifName the output device name, or null
     * @param mark the mark
     * @param tos the TOS byte
     * @param scope the minimum route scope
     * @param ignoreLinkState FIB_LOOKUP_IGNORE_LINKSTATE
     */
    public FibQuery {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(scope, "scope");
    }

    /**
     * A local lookup of a destination: iif lo, scope universe.
     *
     * @param dst the destination
     * @return a local lookup of a destination: iif lo, scope universe
     */
    public static FibQuery to(InetAddress dst) {
        return new FibQuery(dst, null, "lo", 0, null, 0, 0, RouteScope.UNIVERSE, false);
    }

    /**
     * With a minimum scope.
     *
     * @param s the minimum scope
     * @return a copy with that scope
     */
    public FibQuery scope(RouteScope s) {
        return new FibQuery(dst, src, iif, oif, oifName, mark, tos, s, ignoreLinkState);
    }

    /**
     * With an output device.
     *
     * @param index the output device index
     * @param name the output device name
     * @return a copy with that device
     */
    public FibQuery oif(int index, String name) {
        return new FibQuery(dst, src, iif, index, name, mark, tos, scope, ignoreLinkState);
    }

    /**
     * With FIB_LOOKUP_IGNORE_LINKSTATE.
     *
     * @param v true to set FIB_LOOKUP_IGNORE_LINKSTATE
     * @return a copy with that flag
     */
    public FibQuery ignoreLinkState(boolean v) {
        return new FibQuery(dst, src, iif, oif, oifName, mark, tos, scope, v);
    }

    /**
     * The family.
     *
     * @return the family
     */
    public Family family() {
        return Family.of(dst);
    }

    Flow toFlow() {
        Flow f = Flow.of(family(), dst);
        f.src(src);
        f.iif = iif;
        f.oif = oif;
        f.oifName = oifName;
        f.mark = mark;
        f.tos = tos;
        f.scope = scope.value();
        f.ignoreLinkState = ignoreLinkState;
        return f;
    }
}
