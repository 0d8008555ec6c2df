/**
 * {@link io.github.netroute.routing.Routing} over Linux rtnetlink: the one client type
 * {@link io.github.netroute.routing.netlink.NetlinkRouting}, the package's only public class.
 *
 * <h2>Inside the client</h2>
 * {@code NetlinkRouting} checks each call (closed, not from inside a dump) and hands it to a package-private
 * collaborator with one job each:
 * <ul>
 *   <li>{@code Requests}: the request socket, pooled writers, request → ack, dumps with NLM_F_DUMP_INTR retries;
 *   <li>{@code LinkNameLookups}: the interface-name cache, filled by a preload dump and by lookups on a second
 *       socket;
 *   <li>{@code Routes}, {@code Rules}, {@code Links}, {@code Addresses}: dumps and changes per kind of object;
 *   <li>{@code FlowLookups}: {@code ip route get fibmatch} + {@code ip route get};
 *   <li>{@code BatchApply}: {@code apply}, dispatching over {@link io.github.netroute.routing.Change} only through
 *       its visitor;
 *   <li>{@code Subscriptions}, {@code EventSubscription}, {@code EventDecoder}: one socket and reader thread per
 *       subscription, notifications decoded into events with their nlmsg_flags.
 * </ul>
 *
 * <h2>Layers below</h2>
 * {@code internal.codec} (value objects ↔ messages) over
 * {@code internal.wire} (framing, attributes, numbers, errors), and
 * {@code internal.sys} (system calls, namespaces, the socket). Nothing under
 * {@code internal} is user API.
 */
package io.github.netroute.routing.netlink;
