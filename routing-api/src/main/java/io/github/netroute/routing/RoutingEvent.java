package io.github.netroute.routing;

/**
 * A change notification from {@link Routing#subscribe}: the kernel's RTM_NEW/DEL messages on the route,
 * rule, link and address multicast groups, typed, plus an explicit {@link ResyncNeeded} when events were lost.
 *
 * <pre>{@code
 * try (Subscription s = routing.subscribe(event -> {
 *     if (event instanceof RoutingEvent.ResyncNeeded) reconcileFully();
 *     else if (event instanceof RoutingEvent.RouteRemoved r) repair(r.route());
 * })) { ... }
 * }</pre>
 */
public sealed interface RoutingEvent {
    /** A route was added or changed. @param route the route as the kernel reports it */
    record RouteAdded(Route route) implements RoutingEvent {}

    /** A route was removed. @param route the route as the kernel reports it */
    record RouteRemoved(Route route) implements RoutingEvent {}

    /** A rule was added. @param rule the rule */
    record RuleAdded(Rule rule) implements RoutingEvent {}

    /** A rule was removed. @param rule the rule */
    record RuleRemoved(Rule rule) implements RoutingEvent {}

    /** A link was added or changed (up/down, carrier, …). @param link the link */
    record LinkChanged(Link link) implements RoutingEvent {}

    /** A link was removed. @param link the link */
    record LinkRemoved(Link link) implements RoutingEvent {}

    /** An address was added. @param address the address */
    record AddressAdded(Address address) implements RoutingEvent {}

    /** An address was removed. @param address the address */
    record AddressRemoved(Address address) implements RoutingEvent {}

    /**
     * Events were lost (the socket's receive buffer overflowed: ENOBUFS) or could not be decoded; the
     * subscriber must re-read the full state. @param reason why
     */
    record ResyncNeeded(String reason) implements RoutingEvent {}
}
