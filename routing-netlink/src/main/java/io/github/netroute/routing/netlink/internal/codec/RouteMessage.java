package io.github.netroute.routing.netlink.internal.codec;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A decoded route message: the {@link Route} and, kept raw, the attributes its decoder does not know at each level
 * where they can appear — the message itself, inside RTA_METRICS (RTAX_* numbers without a {@code RouteMetric}) and
 * inside each RTA_MULTIPATH nexthop (after its {@code struct rtnexthop}). {@link RouteCodec#writeNew(
 * io.github.netroute.routing.netlink.internal.wire.AttrWriter, int, RouteMessage)} re-emits each list byte for byte
 * at the end of its container. See {@link Decoded} for why the public values do not carry them.
 *
 * <pre>{@code
 * RouteMessage m = new RouteCodec(names).decodeMessage(cursor);
 * m.unknownPerNextHop().get(1); // the raw attributes inside the second path of RTA_MULTIPATH
 * }</pre>
 *
 * Immutable and safe to share between threads.
 *
 * @param unknownPerNextHop one list per nexthop of {@code route.nextHops()}, or empty when none has any
 */
public record RouteMessage(Route route, RawAttributes unknown, RawAttributes unknownMetrics,
    List<RawAttributes> unknownPerNextHop) {
  public RouteMessage {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(unknown, "unknown");
    Objects.requireNonNull(unknownMetrics, "unknownMetrics");
    unknownPerNextHop = List.copyOf(unknownPerNextHop);
    if (!unknownPerNextHop.isEmpty() && unknownPerNextHop.size() != route.nextHops().size()) {
      throw new IllegalArgumentException(unknownPerNextHop.size() + " unknown-attribute lists for "
          + route.nextHops().size() + " nexthops");
    }
  }

  /** A route without unknown attributes. */
  public static RouteMessage of(Route route) {
    return new RouteMessage(route, RawAttributes.NONE, RawAttributes.NONE, List.of());
  }

  /** The unknown attributes of nexthop {@code i} (none when the list is empty). */
  public RawAttributes unknownOfNextHop(int i) {
    return unknownPerNextHop.isEmpty() ? RawAttributes.NONE : unknownPerNextHop.get(i);
  }

  /** The same unknown attributes with another route; the per-nexthop lists go when its nexthops differ in number. */
  public RouteMessage with(Route other) {
    boolean keepHops = other.nextHops().size() == route.nextHops().size();
    return new RouteMessage(other, unknown, unknownMetrics, keepHops ? unknownPerNextHop : List.of());
  }
}
