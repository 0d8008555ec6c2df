package io.github.netroute.routing.netlink.internal.codec;

import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import java.util.Objects;

/**
 * A decoded rule, link, address or nexthop message: the value and the top-level attributes its decoder does not
 * know, kept raw so that encoding the message again re-emits them byte for byte (after the attributes the value
 * holds). Routes, which nest unknown attributes in RTA_METRICS and RTA_MULTIPATH too, use {@link RouteMessage}.
 *
 * <p>Why here and not on the public values: an attribute the library does not understand has no meaning a caller
 * could act on, copying one from a dump into a request can be refused by the kernel (it may be kernel state), and a
 * field on {@code Route}, {@code Rule}, … would enter their equality and every constructor. The codec keeps them so
 * that no decoder drops bytes: {@code RuleCodec.decodeMessage} → {@code RuleCodec.writeAdd(w, Decoded)} →
 * {@code decodeMessage} gives the same value and the same raw attributes.
 *
 * <pre>{@code
 * Decoded<Rule> m = new RuleCodec().decodeMessage(cursor);
 * m.value();    // the Rule
 * m.unknown();  // e.g. [type 27: 0a000000] from a newer kernel
 * }</pre>
 *
 * Immutable; safe to share between threads when the value is.
 */
public record Decoded<V>(V value, RawAttributes unknown) {
  public Decoded {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unknown, "unknown");
  }

  /** The same unknown attributes with another value (e.g. the value reduced to what a request carries). */
  public <W> Decoded<W> with(W other) {
    return new Decoded<>(other, unknown);
  }
}
