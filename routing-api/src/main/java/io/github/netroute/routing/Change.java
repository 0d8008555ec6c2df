package io.github.netroute.routing;

/**
 * One change in a batch given to {@link Routing#apply(java.util.List)}.
 *
 * <pre>{@code
 * List<ChangeResult> results = routing.apply(List.of(
 *     Change.route(RouteVerb.REPLACE, Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2")),
 *     Change.deleteAddress(Address.parse("10.96.0.10/32 dev kube-ipvs0")),
 *     Change.addRule(Rule.parse("from 10.0.0.0/32 table 44"))));
 * results.stream().filter(r -> !r.ok()).forEach(r -> log.warn("{}", r.error().getMessage()));
 * }</pre>
 * <p>Every change is an immutable value, safe to share between threads.
 */
public sealed interface Change {

    /**
     * The one dispatch over change kinds: every consumer (the netlink client, the in-memory kernel, the
     * reconciler, {@link Routing#apply}) implements this, so a new kind of change fails to compile until
     * each of them handles it.
     *
     * <pre>{@code
     * String verb = change.accept(new Change.Visitor<String, RuntimeException>() {
     *     public String route(RouteVerb verb, Route route) { return verb.ipName(); }
     *     public String deleteRoute(Route route) { return "del"; }
     *     ...
     * });
     * }</pre>
     *
     * @param <R> the result type
     * @param <X> what the visitor may throw ({@link RuntimeException} for none, {@link RoutingException}
     *     for a visitor that applies the change)
     */
    interface Visitor<R, X extends Exception> {
        /**
         * RTM_NEWROUTE with the verb's flags.
         *
         * @param verb the verb
         * @param route the route
         * @return the result
         * @throws X whatever the visitor throws
         */
        R route(RouteVerb verb, Route route) throws X;

        /**
         * RTM_DELROUTE.
         *
         * @param route the route
         * @return the result
         * @throws X whatever the visitor throws
         */
        R deleteRoute(Route route) throws X;

        /**
         * RTM_NEWRULE.
         *
         * @param rule the rule
         * @return the result
         * @throws X whatever the visitor throws
         */
        R addRule(Rule rule) throws X;

        /**
         * RTM_DELRULE.
         *
         * @param rule the rule
         * @return the result
         * @throws X whatever the visitor throws
         */
        R deleteRule(Rule rule) throws X;

        /**
         * RTM_NEWADDR.
         *
         * @param address the address
         * @return the result
         * @throws X whatever the visitor throws
         */
        R addAddress(Address address) throws X;

        /**
         * RTM_DELADDR.
         *
         * @param address the address
         * @return the result
         * @throws X whatever the visitor throws
         */
        R deleteAddress(Address address) throws X;

        /**
         * RTM_NEWNEXTHOP: {@code ip nexthop add} (CREATE|EXCL) or {@code replace} (CREATE|REPLACE).
         *
         * @param replace true for replace
         * @param nexthop the nexthop
         * @return the result
         * @throws X whatever the visitor throws
         */
        R nexthop(boolean replace, Nexthop nexthop) throws X;

        /**
         * RTM_DELNEXTHOP.
         *
         * @param id the nexthop id
         * @return the result
         * @throws X whatever the visitor throws
         */
        R deleteNexthop(long id) throws X;
    }

    /**
     * Calls the visitor's method for this kind of change.
     *
     * @param visitor the visitor
     * @param <R> the result type
     * @param <X> what the visitor may throw
     * @return what the visitor returned
     * @throws X what the visitor threw
     */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /**
     * The rtnetlink message type this change is sent as, e.g. {@code RTM_NEWROUTE}.
     *
     * @return the name
     */
    String messageType();

    /**
     * The object this change is about (a {@link Route}, {@link Rule}, {@link Address}, {@link Nexthop} or a nexthop id).
     *
     * @return it
     */
    Object subject();

    /**
     * Whether this change removes something (the {@code del} kinds).
     *
     * @return true for deletes
     */
    default boolean isDelete() {
        return messageType().startsWith("RTM_DEL");
    }

    /**
     * RTM_NEWROUTE with a verb's flags.
     *
     * <pre>{@code
     * Change c = Change.route(RouteVerb.REPLACE, Route.parse("10.0.0.0/8 via 192.168.1.1"));
     * // c instanceof Change.RouteChange rc: rc.verb() == RouteVerb.REPLACE; c.toString(): "route replace 10.0.0.0/8 via 192.168.1.1"
     * }</pre>
     *
     * @param verb the verb
     * @param route the route
     */
    record RouteChange(RouteVerb verb, Route route) implements Change {
        /**
         * Requires both.
         *
         * @param verb the verb
         * @param route the route
         */
        public RouteChange {
            java.util.Objects.requireNonNull(verb, "verb");
            java.util.Objects.requireNonNull(route, "route");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.route(verb, route);
        }

        @Override
        public String messageType() {
            return "RTM_NEWROUTE";
        }

        @Override
        public Object subject() {
            return route;
        }

        @Override
        public String toString() {
            return "route " + verb.ipName() + " " + route;
        }
    }

    /**
     * RTM_DELROUTE.
     *
     * <pre>{@code
     * Change c = Change.deleteRoute(Route.parseSelector("10.0.0.0/8"));   // type, scope and protocol are wildcards
     * // c instanceof Change.RouteDelete d: d.route().dst() is 10.0.0.0/8; c.isDelete() is true
     * }</pre>
     *
     * @param route the route (unset fields are wildcards)
     */
    record RouteDelete(Route route) implements Change {
        /**
         * Requires the route.
         *
         * @param route the route (unset fields are wildcards)
         */
        public RouteDelete {
            java.util.Objects.requireNonNull(route, "route");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.deleteRoute(route);
        }

        @Override
        public String messageType() {
            return "RTM_DELROUTE";
        }

        @Override
        public Object subject() {
            return route;
        }

        @Override
        public String toString() {
            return "route del " + route;
        }
    }

    /**
     * RTM_NEWRULE (CREATE|EXCL).
     *
     * <pre>{@code
     * Change c = Change.addRule(Rule.parse("from 10.0.0.0/32 table 44"));
     * // c instanceof Change.RuleAdd a: a.rule().priority(); c.messageType() is "RTM_NEWRULE"
     * }</pre>
     *
     * @param rule the rule
     */
    record RuleAdd(Rule rule) implements Change {
        /**
         * Requires the rule.
         *
         * @param rule the rule
         */
        public RuleAdd {
            java.util.Objects.requireNonNull(rule, "rule");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.addRule(rule);
        }

        @Override
        public String messageType() {
            return "RTM_NEWRULE";
        }

        @Override
        public Object subject() {
            return rule;
        }

        @Override
        public String toString() {
            return "rule add " + rule;
        }
    }

    /**
     * RTM_DELRULE.
     *
     * <pre>{@code
     * Change c = Change.deleteRule(Rule.parseSelector("pref 100", Family.INET));   // any action
     * // c instanceof Change.RuleDelete d: d.rule(); c.isDelete() is true
     * }</pre>
     *
     * @param rule the rule (unset selectors are wildcards)
     */
    record RuleDelete(Rule rule) implements Change {
        /**
         * Requires the rule.
         *
         * @param rule the rule (unset selectors are wildcards)
         */
        public RuleDelete {
            java.util.Objects.requireNonNull(rule, "rule");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.deleteRule(rule);
        }

        @Override
        public String messageType() {
            return "RTM_DELRULE";
        }

        @Override
        public Object subject() {
            return rule;
        }

        @Override
        public String toString() {
            return "rule del " + rule;
        }
    }

    /**
     * RTM_NEWADDR.
     *
     * <pre>{@code
     * Change c = Change.addAddress(Address.parse("192.168.1.2/24 dev eth0"));
     * // c instanceof Change.AddressAdd a: a.address().device() is "eth0"; c.toString() starts "addr add "
     * }</pre>
     *
     * @param address the address
     */
    record AddressAdd(Address address) implements Change {
        /**
         * Requires the address.
         *
         * @param address the address
         */
        public AddressAdd {
            java.util.Objects.requireNonNull(address, "address");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.addAddress(address);
        }

        @Override
        public String messageType() {
            return "RTM_NEWADDR";
        }

        @Override
        public Object subject() {
            return address;
        }

        @Override
        public String toString() {
            return "addr add " + address;
        }
    }

    /**
     * RTM_DELADDR.
     *
     * <pre>{@code
     * Change c = Change.deleteAddress(Address.parse("10.96.0.10/32 dev kube-ipvs0"));
     * // c instanceof Change.AddressDelete d: d.address(); c.messageType() is "RTM_DELADDR"
     * }</pre>
     *
     * @param address the address
     */
    record AddressDelete(Address address) implements Change {
        /**
         * Requires the address.
         *
         * @param address the address
         */
        public AddressDelete {
            java.util.Objects.requireNonNull(address, "address");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.deleteAddress(address);
        }

        @Override
        public String messageType() {
            return "RTM_DELADDR";
        }

        @Override
        public Object subject() {
            return address;
        }

        @Override
        public String toString() {
            return "addr del " + address;
        }
    }

    /**
     * RTM_NEWNEXTHOP.
     *
     * <pre>{@code
     * Change add = Change.addNexthop(Nexthop.parse("id 10 via 192.168.1.1 dev eth0"));       // replace() false
     * Change replace = Change.replaceNexthop(Nexthop.parse("id 10 via 192.168.1.254 dev eth0")); // replace() true
     * }</pre>
     *
     * @param replace replace (CREATE|REPLACE) rather than add (CREATE|EXCL)
     * @param nexthop it
     */
    record NexthopChange(boolean replace, Nexthop nexthop) implements Change {
        /**
         * Requires the nexthop.
         *
         * @param replace replace (CREATE|REPLACE) rather than add (CREATE|EXCL)
         * @param nexthop it
         */
        public NexthopChange {
            java.util.Objects.requireNonNull(nexthop, "nexthop");
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.nexthop(replace, nexthop);
        }

        @Override
        public String messageType() {
            return "RTM_NEWNEXTHOP";
        }

        @Override
        public Object subject() {
            return nexthop;
        }

        @Override
        public String toString() {
            return "nexthop " + (replace ? "replace " : "add ") + nexthop;
        }
    }

    /**
     * RTM_DELNEXTHOP.
     *
     * <pre>{@code
     * Change c = Change.deleteNexthop(10);   // ip nexthop del id 10
     * // c instanceof Change.NexthopDelete d: d.id() is 10; c.subject() is 10L
     * }</pre>
     *
     * @param id the nexthop id (1..4294967295)
     */
    record NexthopDelete(long id) implements Change {
        /**
         * Checks the id.
         *
         * @param id the nexthop id (1..4294967295)
         */
        public NexthopDelete {
            if (id < 1 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("nexthop id " + id + " out of range 1..4294967295");
            }
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.deleteNexthop(id);
        }

        @Override
        public String messageType() {
            return "RTM_DELNEXTHOP";
        }

        @Override
        public Object subject() {
            return id;
        }

        @Override
        public String toString() {
            return "nexthop del id " + id;
        }
    }

    /**
     * {@code ip nexthop add}.
     *
     * @param nexthop it
     * @return the change
     */
    static Change addNexthop(Nexthop nexthop) {
        return new NexthopChange(false, nexthop);
    }

    /**
     * {@code ip nexthop replace}.
     *
     * @param nexthop it
     * @return the change
     */
    static Change replaceNexthop(Nexthop nexthop) {
        return new NexthopChange(true, nexthop);
    }

    /**
     * {@code ip nexthop del id N}.
     *
     * @param id the id
     * @return the change
     */
    static Change deleteNexthop(long id) {
        return new NexthopDelete(id);
    }

    /**
     * A route change with a verb.
     *
     * @param verb the iproute2 verb (its NLM_F flags)
     * @param route the route
     * @return a route change with a verb
     */
    static Change route(RouteVerb verb, Route route) {
        return new RouteChange(verb, route);
    }

    /**
     * {@code ip route add}.
     *
     * @param route the route
     * @return the change
     */
    static Change addRoute(Route route) {
        return new RouteChange(RouteVerb.ADD, route);
    }

    /**
     * {@code ip route replace}.
     *
     * @param route the route
     * @return the change
     */
    static Change replaceRoute(Route route) {
        return new RouteChange(RouteVerb.REPLACE, route);
    }

    /**
     * {@code ip route del}.
     *
     * @param route the route
     * @return the change
     */
    static Change deleteRoute(Route route) {
        return new RouteDelete(route);
    }

    /**
     * {@code ip rule add}.
     *
     * @param rule the rule
     * @return the change
     */
    static Change addRule(Rule rule) {
        return new RuleAdd(rule);
    }

    /**
     * {@code ip rule del}.
     *
     * @param rule the rule
     * @return the change
     */
    static Change deleteRule(Rule rule) {
        return new RuleDelete(rule);
    }

    /**
     * {@code ip addr add}.
     *
     * @param address the address
     * @return the change
     */
    static Change addAddress(Address address) {
        return new AddressAdd(address);
    }

    /**
     * {@code ip addr del}.
     *
     * @param address the address
     * @return the change
     */
    static Change deleteAddress(Address address) {
        return new AddressDelete(address);
    }
}
