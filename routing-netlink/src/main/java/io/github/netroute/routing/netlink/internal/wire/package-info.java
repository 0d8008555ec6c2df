/**
 * Layer 2, the wire format: netlink framing, attributes, fixed headers, numbers and errors. Pure Java over
 * {@link java.nio.ByteBuffer}s; no system calls, no routing value types. Nothing here is user API.
 *
 * <h2>Framing</h2>
 * {@link io.github.netroute.routing.netlink.internal.wire.NlMsgHeader}, {@link io.github.netroute.routing.netlink.internal.wire.NlMsgCursor}
 * (messages in a buffer), {@link io.github.netroute.routing.netlink.internal.wire.NlError} (NLMSG_ERROR / NLMSG_DONE with
 * extended ack); constants in {@link io.github.netroute.routing.netlink.internal.wire.Netlink}.
 *
 * <h2>Attributes</h2>
 * {@link io.github.netroute.routing.netlink.internal.wire.AttrWriter} and {@link io.github.netroute.routing.netlink.internal.wire.AttrReader}:
 * allocation-free, first-error-wins, nests and RTA_MULTIPATH nexthops. Message types, groups and most attribute
 * numbers are int constants in {@link io.github.netroute.routing.netlink.internal.wire.Rtnl}; route and nexthop
 * attributes are closed types ({@link io.github.netroute.routing.netlink.internal.wire.RouteAttr},
 * {@link io.github.netroute.routing.netlink.internal.wire.NexthopAttr}, both {@link
 * io.github.netroute.routing.netlink.internal.wire.AttrType}s the writer accepts) whose {@code of(int)} never
 * allocates and maps numbers it does not know to {@code UNKNOWN}, the reader keeping the raw number.
 *
 * <h2>Fixed headers</h2>
 * {@link io.github.netroute.routing.netlink.internal.wire.FixedHeader} and its kinds
 * {@link io.github.netroute.routing.netlink.internal.wire.RtMsg}, {@link io.github.netroute.routing.netlink.internal.wire.FibRuleHdr},
 * {@link io.github.netroute.routing.netlink.internal.wire.IfInfoMsg}, {@link io.github.netroute.routing.netlink.internal.wire.IfAddrMsg}.
 *
 * <h2>Errors</h2>
 * Everything fails with the checked {@link io.github.netroute.routing.netlink.internal.wire.NetlinkException} (an
 * {@link java.io.IOException}) or a subclass: {@code NetlinkErrorException} (the kernel said no: errno + extended
 * ack), {@code NetlinkOverrunException} (ENOBUFS: messages lost, resync needed), {@code NetlinkDecodeException}
 * (malformed bytes), {@code UnknownDeviceException} (a device name that does not exist). Decoders throw nothing
 * else for any input. Errno numbers and names are in {@link io.github.netroute.routing.netlink.internal.wire.Errno}.
 *
 * <h2>Byte order</h2>
 * Buffers are in native order; attributes are host order except where the kernel says big-endian (RTA_SPORT,
 * RTA_DPORT, FRA_TUN_ID, FRA_FLOWLABEL(_MASK), addresses). FRA_SPORT_RANGE/FRA_DPORT_RANGE are two host-order u16.
 */
package io.github.netroute.routing.netlink.internal.wire;
