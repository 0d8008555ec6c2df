/**
 * The rtnetlink client's lower layers; nothing here is user API.
 *
 * <h2>Layers</h2>
 * <ol>
 *   <li><b>System calls</b> — {@link io.github.netroute.routing.netlink.internal.LibC}: JNA direct mapping, pointers
 *       as {@code long} addresses of direct buffers, errno via {@code Native.getLastError()}. Loaded only after
 *       {@code Os.requireLinux()} passed, so other systems get a clear {@link java.lang.UnsupportedOperationException}.
 *   <li><b>Socket</b> — {@link io.github.netroute.routing.netlink.internal.NetlinkSocket}: open (optionally in
 *       another network namespace), sequence numbers, {@code exchange} (one request → replies until ack/DONE),
 *       {@code batch} (many requests pipelined, per-request errno), multicast membership, raw send/receive.
 *   <li><b>Framing</b> — {@link io.github.netroute.routing.netlink.internal.NlMsgHeader},
 *       {@link io.github.netroute.routing.netlink.internal.NlMsgCursor} (messages in a buffer),
 *       {@link io.github.netroute.routing.netlink.internal.NlError} (NLMSG_ERROR / NLMSG_DONE with extended ack),
 *       constants in {@link io.github.netroute.routing.netlink.internal.Netlink}.
 *   <li><b>Attributes</b> — {@link io.github.netroute.routing.netlink.internal.AttrWriter} and
 *       {@link io.github.netroute.routing.netlink.internal.AttrReader}: allocation-free, first-error-wins, nests and
 *       RTA_MULTIPATH nexthops; constants in {@link io.github.netroute.routing.netlink.internal.Rtnl}.
 *   <li><b>Wire model</b> — fixed headers {@link io.github.netroute.routing.netlink.internal.RtMsg},
 *       {@link io.github.netroute.routing.netlink.internal.FibRuleHdr},
 *       {@link io.github.netroute.routing.netlink.internal.IfInfoMsg},
 *       {@link io.github.netroute.routing.netlink.internal.IfAddrMsg}, (the generic decoded form {@code NlMessage}/{@code Attr}/{@code AttrSchema} used
 *       by the tests lives in the test sources).
 *   <li><b>Mapping</b> — {@link io.github.netroute.routing.netlink.internal.RouteCodec},
 *       {@link io.github.netroute.routing.netlink.internal.RuleCodec},
 *       {@link io.github.netroute.routing.netlink.internal.LinkCodec},
 *       {@link io.github.netroute.routing.netlink.internal.AddressCodec},
 *       {@link io.github.netroute.routing.netlink.internal.LookupCodec}: value objects ↔ requests byte-identical to
 *       iproute2 6.1, replies decoded straight from the receive buffer; interface names through
 *       {@link io.github.netroute.routing.netlink.internal.LinkNames}.
 *   <li><b>Client</b> — {@link io.github.netroute.routing.netlink.internal.RtnlClient} (the {@code Routing}
 *       implementation behind the public {@code NetlinkRouting}) over an
 *       {@link io.github.netroute.routing.netlink.internal.RtnlChannel}, sockets opened in a
 *       {@link io.github.netroute.routing.netlink.internal.Namespace}, events from
 *       {@link io.github.netroute.routing.netlink.internal.EventSubscription}.
 * </ol>
 *
 * <h2>Errors</h2>
 * Everything fails with the checked {@link io.github.netroute.routing.netlink.internal.NetlinkException} (an
 * {@link java.io.IOException}) or a subclass: {@code NetlinkErrorException} (the kernel said no: errno + extended
 * ack), {@code NetlinkOverrunException} (ENOBUFS: messages lost, resync needed), {@code NetlinkDecodeException}
 * (malformed bytes). Decoders throw nothing else for any input.
 *
 * <h2>Byte order</h2>
 * Buffers are in native order; attributes are host order except where the kernel says big-endian (RTA_SPORT,
 * RTA_DPORT, FRA_TUN_ID, FRA_FLOWLABEL(_MASK), addresses). FRA_SPORT_RANGE/FRA_DPORT_RANGE are two host-order u16.
 */
package io.github.netroute.routing.netlink.internal;
