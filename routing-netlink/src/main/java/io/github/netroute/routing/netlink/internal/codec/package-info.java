/**
 * Layer 3, mapping: one codec per kind of object between the routing value types and rtnetlink messages.
 * Nothing here is user API.
 *
 * <p>{@link RouteCodec}, {@link RuleCodec}, {@link LinkCodec}, {@link AddressCodec} and {@link LookupCodec} write
 * requests byte-identical to iproute2 6.1 into an {@link io.github.netroute.routing.netlink.internal.wire.AttrWriter}
 * and decode replies and notifications straight from the receive buffer (an
 * {@link io.github.netroute.routing.netlink.internal.wire.NlMsgCursor}), without an intermediate message object.
 * Interface indexes and names go through the {@link LinkNames} cache, whose misses the client resolves. Shared value
 * instances (scopes, protocols, small tables, flag sets) come from the package-private {@code Values}.
 * {@link RoutingErrors} turns a netlink failure into the {@link io.github.netroute.routing.RoutingException} the API
 * promises.
 *
 * <p>Attributes a decoder does not know (a newer kernel's) are skipped by {@code decode} and kept raw by
 * {@code decodeMessage}: a {@link RouteMessage} (top level, RTA_METRICS, each RTA_MULTIPATH nexthop) or a
 * {@link Decoded} (rule, link, address, nexthop: top level), holding
 * {@link io.github.netroute.routing.netlink.internal.wire.RawAttributes}. Writing such a message re-emits them byte for
 * byte at the end of their container, so decode → encode → decode loses nothing. The public values do not carry
 * them (see {@link Decoded} for why).
 *
 * <p>Depends on {@link io.github.netroute.routing.netlink.internal.wire} only; never on a socket.
 */
package io.github.netroute.routing.netlink.internal.codec;
