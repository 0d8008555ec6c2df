package io.github.netroute.routing;

/**
 * A change notification from {@link Routing#subscribe}: the kernel's RTM_NEW/DEL messages on the route,
 * rule, link, address and nexthop multicast groups, typed, plus an explicit {@link ResyncNeeded} when events were lost.
 *
 * <p>Each event carries what the netlink notification carried: its message type ({@link #messageType()}),
 * the notification's {@code nlmsg_flags} ({@link #flags()}: {@link #NLM_F_REPLACE} on a replaced route,
 * {@link #NLM_F_APPEND}, {@link #NLM_F_CREATE}, {@link #NLM_F_EXCL} as the kernel set them) and the object.
 * The netlink client and the in-memory kernel deliver the same type, so one printer (an {@code ip monitor})
 * serves both.
 *
 * <pre>{@code
 * try (Subscription s = routing.subscribe(event -> {
 *     if (event instanceof RoutingEvent.ResyncNeeded) reconcileFully();
 *     else if (event instanceof RoutingEvent.RouteRemoved r) repair(r.route());
 * })) { ... }
 * }</pre>
 * <p>Every event is an immutable value, safe to hand to another thread.
 */
public sealed interface RoutingEvent {
    /** {@code NLM_F_REQUEST}: set on a nexthop notification, which carries its request's flags. */
    int NLM_F_REQUEST = 0x1;
    /** {@code NLM_F_ACK}: set on a nexthop notification whose request asked for an acknowledgement. */
    int NLM_F_ACK = 0x4;
    /** {@code NLM_F_REPLACE}: a NEWROUTE notification for a route that replaced another. */
    int NLM_F_REPLACE = 0x100;
    /** {@code NLM_F_EXCL}. */
    int NLM_F_EXCL = 0x200;
    /** {@code NLM_F_CREATE}. */
    int NLM_F_CREATE = 0x400;
    /** {@code NLM_F_APPEND}: a NEWROUTE notification for a route appended after its siblings. */
    int NLM_F_APPEND = 0x800;

    /**
     * The rtnetlink message type of the notification, e.g. {@code RTM_NEWROUTE}; {@code NLMSG_ERROR} for {@link ResyncNeeded}.
     *
     * @return the name
     */
    String messageType();

    /**
     * The notification's {@code nlmsg_flags} (0 where the source sets none).
     *
     * @return the flags
     */
    int flags();

    /**
     * The route, rule, link, address or nexthop; the reason text for {@link ResyncNeeded}.
     *
     * @return the object
     */
    Object subject();

    /**
     * Whether this is a {@code RTM_DEL*} notification ({@code ip monitor} prints {@code Deleted }).
     *
     * @return true if so
     */
    default boolean isDelete() {
        return messageType().startsWith("RTM_DEL");
    }

    /**
     * A route was added or changed.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.RouteAdded a && (a.flags() & RoutingEvent.NLM_F_REPLACE) != 0) {
     *         System.out.println("replaced: " + a.route());
     *     }
     * });
     * }</pre>
     *
     * @param route the route as the kernel reports it
     * @param flags the notification's {@code nlmsg_flags}
     */
    record RouteAdded(Route route, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param route the route as the kernel reports it
         */
        public RouteAdded {
            java.util.Objects.requireNonNull(route, "route");
        }

        /**
         * Without flags.
         *
         * @param route the object
         */
        public RouteAdded(Route route) {
            this(route, 0);
        }

        @Override
        public String messageType() {
            return "RTM_NEWROUTE";
        }

        @Override
        public Object subject() {
            return route;
        }
    }

    /**
     * A route was removed.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.RouteRemoved r && r.route().protocol().equals(RouteProtocol.of(200))) {
     *         repair(r.route());                           // someone deleted one of ours
     *     }
     * });
     * }</pre>
     *
     * @param route the route as the kernel reports it
     * @param flags the notification's {@code nlmsg_flags}
     */
    record RouteRemoved(Route route, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param route the route as the kernel reports it
         */
        public RouteRemoved {
            java.util.Objects.requireNonNull(route, "route");
        }

        /**
         * Without flags.
         *
         * @param route the object
         */
        public RouteRemoved(Route route) {
            this(route, 0);
        }

        @Override
        public String messageType() {
            return "RTM_DELROUTE";
        }

        @Override
        public Object subject() {
            return route;
        }
    }

    /**
     * A rule was added.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.RuleAdded a) System.out.println("rule added: " + a.rule());
     * });
     * }</pre>
     *
     * @param rule the rule
     * @param flags the notification's {@code nlmsg_flags}
     */
    record RuleAdded(Rule rule, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param rule the rule
         */
        public RuleAdded {
            java.util.Objects.requireNonNull(rule, "rule");
        }

        /**
         * Without flags.
         *
         * @param rule the object
         */
        public RuleAdded(Rule rule) {
            this(rule, 0);
        }

        @Override
        public String messageType() {
            return "RTM_NEWRULE";
        }

        @Override
        public Object subject() {
            return rule;
        }
    }

    /**
     * A rule was removed.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.RuleRemoved r) System.out.println("Deleted " + r.rule());
     * });
     * }</pre>
     *
     * @param rule the rule
     * @param flags the notification's {@code nlmsg_flags}
     */
    record RuleRemoved(Rule rule, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param rule the rule
         */
        public RuleRemoved {
            java.util.Objects.requireNonNull(rule, "rule");
        }

        /**
         * Without flags.
         *
         * @param rule the object
         */
        public RuleRemoved(Rule rule) {
            this(rule, 0);
        }

        @Override
        public String messageType() {
            return "RTM_DELRULE";
        }

        @Override
        public Object subject() {
            return rule;
        }
    }

    /**
     * A link was added or changed (up/down, carrier, …).
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.LinkChanged c && c.link().name().equals("eth0")) refresh(c.link());
     * });
     * }</pre>
     *
     * @param link the link
     * @param flags the notification's {@code nlmsg_flags}
     */
    record LinkChanged(Link link, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param link the link
         */
        public LinkChanged {
            java.util.Objects.requireNonNull(link, "link");
        }

        /**
         * Without flags.
         *
         * @param link the object
         */
        public LinkChanged(Link link) {
            this(link, 0);
        }

        @Override
        public String messageType() {
            return "RTM_NEWLINK";
        }

        @Override
        public Object subject() {
            return link;
        }
    }

    /**
     * A link was removed.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.LinkRemoved r) forget(r.link().index());
     * });
     * }</pre>
     *
     * @param link the link
     * @param flags the notification's {@code nlmsg_flags}
     */
    record LinkRemoved(Link link, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param link the link
         */
        public LinkRemoved {
            java.util.Objects.requireNonNull(link, "link");
        }

        /**
         * Without flags.
         *
         * @param link the object
         */
        public LinkRemoved(Link link) {
            this(link, 0);
        }

        @Override
        public String messageType() {
            return "RTM_DELLINK";
        }

        @Override
        public Object subject() {
            return link;
        }
    }

    /**
     * An address was added.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.AddressAdded a && "kube-ipvs0".equals(a.address().device())) check(a.address());
     * });
     * }</pre>
     *
     * @param address the address
     * @param flags the notification's {@code nlmsg_flags}
     */
    record AddressAdded(Address address, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param address the address
         */
        public AddressAdded {
            java.util.Objects.requireNonNull(address, "address");
        }

        /**
         * Without flags.
         *
         * @param address the object
         */
        public AddressAdded(Address address) {
            this(address, 0);
        }

        @Override
        public String messageType() {
            return "RTM_NEWADDR";
        }

        @Override
        public Object subject() {
            return address;
        }
    }

    /**
     * An address was removed.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.AddressRemoved r) System.out.println("Deleted " + r.address());
     * });
     * }</pre>
     *
     * @param address the address
     * @param flags the notification's {@code nlmsg_flags}
     */
    record AddressRemoved(Address address, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param flags the notification's {@code nlmsg_flags}
         * @param address the address
         */
        public AddressRemoved {
            java.util.Objects.requireNonNull(address, "address");
        }

        /**
         * Without flags.
         *
         * @param address the object
         */
        public AddressRemoved(Address address) {
            this(address, 0);
        }

        @Override
        public String messageType() {
            return "RTM_DELADDR";
        }

        @Override
        public Object subject() {
            return address;
        }
    }

    /**
     * A nexthop object was added or changed (RTM_NEWNEXTHOP on RTNLGRP_NEXTHOP): an {@code ip nexthop add} or
     * {@code replace}, or a group that lost a member (the group as it is now). As on Linux, the flags are the
     * request's own {@code nlmsg_flags} (NLM_F_REQUEST, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL or NLM_F_REPLACE).
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.NexthopAdded a && a.nexthop().isGroup()) refresh(a.nexthop());
     * });
     * }</pre>
     *
     * @param nexthop the nexthop as the kernel reports it
     * @param flags the notification's {@code nlmsg_flags}
     */
    record NexthopAdded(Nexthop nexthop, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param nexthop the nexthop as the kernel reports it
         * @param flags the notification's {@code nlmsg_flags}
         */
        public NexthopAdded {
            java.util.Objects.requireNonNull(nexthop, "nexthop");
        }

        /**
         * Without flags.
         *
         * @param nexthop the object
         */
        public NexthopAdded(Nexthop nexthop) {
            this(nexthop, 0);
        }

        @Override
        public String messageType() {
            return "RTM_NEWNEXTHOP";
        }

        @Override
        public Object subject() {
            return nexthop;
        }
    }

    /**
     * A nexthop object was removed (RTM_DELNEXTHOP): deleted by a request, or a group whose last member went.
     * Linux sends nothing for the nexthops it flushes itself when their device goes down or away, and nothing for
     * the IPv4 routes that go with a nexthop (IPv6 ones are reported one by one while
     * {@code net.ipv4.nexthop_compat_mode} is 1, the default).
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.NexthopRemoved r) forget(r.nexthop().id());
     * });
     * }</pre>
     *
     * @param nexthop the nexthop as it was
     * @param flags the notification's {@code nlmsg_flags} (the delete request's)
     */
    record NexthopRemoved(Nexthop nexthop, int flags) implements RoutingEvent {
        /**
         * Requires the object.
         *
         * @param nexthop the nexthop as it was
         * @param flags the notification's {@code nlmsg_flags}
         */
        public NexthopRemoved {
            java.util.Objects.requireNonNull(nexthop, "nexthop");
        }

        /**
         * Without flags.
         *
         * @param nexthop the object
         */
        public NexthopRemoved(Nexthop nexthop) {
            this(nexthop, 0);
        }

        @Override
        public String messageType() {
            return "RTM_DELNEXTHOP";
        }

        @Override
        public Object subject() {
            return nexthop;
        }
    }

    /**
     * Events were lost (the socket's receive buffer overflowed: ENOBUFS) or could not be decoded; the subscriber must re-read the full state.
     *
     * <pre>{@code
     * routing.subscribe(event -> {
     *     if (event instanceof RoutingEvent.ResyncNeeded lost) reconcileFully(lost.reason());   // events were dropped
     * });
     * }</pre>
     *
     * @param reason why
     */
    record ResyncNeeded(String reason) implements RoutingEvent {
        @Override
        public String messageType() {
            return "NLMSG_ERROR";
        }

        @Override
        public int flags() {
            return 0;
        }

        @Override
        public Object subject() {
            return reason;
        }
    }
}
