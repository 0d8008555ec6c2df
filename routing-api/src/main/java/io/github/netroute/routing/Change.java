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
 */
public sealed interface Change {

    /** RTM_NEWROUTE with a verb's flags. @param verb the verb @param route the route */
    record RouteChange(RouteVerb verb, Route route) implements Change {
        /** Requires both. */
        public RouteChange {
            java.util.Objects.requireNonNull(verb, "verb");
            java.util.Objects.requireNonNull(route, "route");
        }

        @Override
        public String toString() {
            return "route " + verb.ipName() + " " + route;
        }
    }

    /** RTM_DELROUTE. @param route the route (unset fields are wildcards) */
    record RouteDelete(Route route) implements Change {
        /** Requires the route. */
        public RouteDelete {
            java.util.Objects.requireNonNull(route, "route");
        }

        @Override
        public String toString() {
            return "route del " + route;
        }
    }

    /** RTM_NEWRULE (CREATE|EXCL). @param rule the rule */
    record RuleAdd(Rule rule) implements Change {
        /** Requires the rule. */
        public RuleAdd {
            java.util.Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String toString() {
            return "rule add " + rule;
        }
    }

    /** RTM_DELRULE. @param rule the rule (unset selectors are wildcards) */
    record RuleDelete(Rule rule) implements Change {
        /** Requires the rule. */
        public RuleDelete {
            java.util.Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String toString() {
            return "rule del " + rule;
        }
    }

    /** RTM_NEWADDR. @param address the address */
    record AddressAdd(Address address) implements Change {
        /** Requires the address. */
        public AddressAdd {
            java.util.Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "addr add " + address;
        }
    }

    /** RTM_DELADDR. @param address the address */
    record AddressDelete(Address address) implements Change {
        /** Requires the address. */
        public AddressDelete {
            java.util.Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "addr del " + address;
        }
    }

    /** A route change with a verb. */
    static Change route(RouteVerb verb, Route route) {
        return new RouteChange(verb, route);
    }

    /** {@code ip route add}. */
    static Change addRoute(Route route) {
        return new RouteChange(RouteVerb.ADD, route);
    }

    /** {@code ip route replace}. */
    static Change replaceRoute(Route route) {
        return new RouteChange(RouteVerb.REPLACE, route);
    }

    /** {@code ip route del}. */
    static Change deleteRoute(Route route) {
        return new RouteDelete(route);
    }

    /** {@code ip rule add}. */
    static Change addRule(Rule rule) {
        return new RuleAdd(rule);
    }

    /** {@code ip rule del}. */
    static Change deleteRule(Rule rule) {
        return new RuleDelete(rule);
    }

    /** {@code ip addr add}. */
    static Change addAddress(Address address) {
        return new AddressAdd(address);
    }

    /** {@code ip addr del}. */
    static Change deleteAddress(Address address) {
        return new AddressDelete(address);
    }
}
