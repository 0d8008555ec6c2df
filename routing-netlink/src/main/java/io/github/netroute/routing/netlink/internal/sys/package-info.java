/**
 * Layer 1, the operating system: system calls and the netlink socket. Nothing here is user API.
 *
 * <ul>
 *   <li>{@code LibC} (package-private): JNA direct mapping, pointers as {@code long} addresses of direct buffers,
 *       errno via {@code Native.getLastError()}. Loaded only after {@code Os.requireLinux()} passed, so other
 *       systems get a clear {@link java.lang.UnsupportedOperationException}.
 *   <li>{@link io.github.netroute.routing.netlink.internal.sys.Namespace}: the network namespace sockets are opened in
 *       (the caller's, a named one, or a new isolated one); switches happen on short-lived dedicated threads.
 *   <li>{@code SocketSetup} (package-private): socket(2), options, bind(2), and the setns(2) thread that creates a
 *       socket inside another namespace.
 *   <li>{@link io.github.netroute.routing.netlink.internal.sys.NetlinkSocket}: open, sequence numbers, {@code exchange}
 *       (one request → replies until ack/DONE), {@code batch} (many requests pipelined, per-request errno in a
 *       {@link io.github.netroute.routing.netlink.internal.sys.BatchResult}), multicast membership, raw send/receive.
 *   <li>{@code PipelinedBatch} (package-private): the body of {@code batch}, packing datagrams and draining their
 *       acks under the socket's lock.
 *   <li>{@link io.github.netroute.routing.netlink.internal.sys.RtnlChannel}: what the client needs of a socket
 *       (exchange, batch), so tests can script a kernel; replies are handed to a
 *       {@link io.github.netroute.routing.netlink.internal.sys.ReplyHandler} one message at a time, straight from the
 *       receive buffer.
 * </ul>
 *
 * <p>Depends on {@link io.github.netroute.routing.netlink.internal.wire} for framing, errors and errno values.
 */
package io.github.netroute.routing.netlink.internal.sys;
