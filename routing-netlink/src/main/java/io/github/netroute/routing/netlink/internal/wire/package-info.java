/**
 * Layer 2, the wire format: netlink framing, attributes, fixed headers, numbers and errors. Pure Java over
 * {@link java.nio.ByteBuffer}s; no system calls, no routing value types. Nothing here is user API.
 *
 * <h2>Framing</h2>
 * {@link NlMsgHeader}, {@link NlMsgCursor} (messages in a buffer), {@link NlError} (NLMSG_ERROR / NLMSG_DONE with
 * extended ack); constants in {@link Netlink}.
 *
 * <h2>Attributes</h2>
 * {@link AttrWriter} and {@link AttrReader}: allocation-free, first-error-wins, nests and RTA_MULTIPATH nexthops.
 * Message types, groups and most attribute numbers are int constants in {@link Rtnl}. Route and nexthop attributes
 * are closed types, {@link RouteAttr} and {@link NexthopAttr} (both {@link AttrType}s, which the writer accepts):
 * their {@code of(int)} never allocates and maps a number it does not know to {@code UNKNOWN}, the reader keeping
 * the raw number in {@link AttrReader#type()}.
 *
 * <h2>Fixed headers</h2>
 * {@link FixedHeader} and its kinds {@link RtMsg}, {@link FibRuleHdr}, {@link IfInfoMsg}, {@link IfAddrMsg}.
 *
 * <h2>Errors</h2>
 * Everything fails with the checked {@link NetlinkException} (an {@link java.io.IOException}) or a subclass:
 * {@link NetlinkErrorException} (the kernel said no: errno + extended ack), {@link NetlinkOverrunException} (ENOBUFS:
 * messages lost, resync needed), {@link NetlinkDecodeException} (malformed bytes), {@link UnknownDeviceException} (a
 * device name that does not exist). Decoders throw nothing else for any input. Errno numbers and names are in
 * {@link Errno}.
 *
 * <h2>Byte order</h2>
 * Buffers are in native order; attributes are host order except where the kernel says big-endian (RTA_SPORT,
 * RTA_DPORT, FRA_TUN_ID, FRA_FLOWLABEL(_MASK), addresses). FRA_SPORT_RANGE/FRA_DPORT_RANGE are two host-order u16.
 */
package io.github.netroute.routing.netlink.internal.wire;
