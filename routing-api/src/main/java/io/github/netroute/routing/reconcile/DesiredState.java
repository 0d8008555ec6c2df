package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import java.util.List;

/**
 * The routes, rules and nexthop objects a caller wants to exist (and, within its {@link Ownership}, only those).
 *
 * <pre>{@code
 * DesiredState want = DesiredState.of(
 *     List.of(Route.parse("default via 192.168.1.202 table 44")),
 *     List.of(Rule.parse("from 10.0.0.0/32 table 44")));
 * DesiredState shared = DesiredState.of(
 *     List.of(Route.parse("10.9.0.0/16 nhid 10")), List.of(),
 *     List.of(Nexthop.parse("id 1 via 192.168.1.1 dev eth0"), Nexthop.parse("id 10 group 1")));
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param routes desired routes
 * @param rules desired rules
 * @param nexthops desired nexthop objects, each with its id (routes name them with {@code nhid})
 */
public record DesiredState(List<Route> routes, List<Rule> rules, List<Nexthop> nexthops) {
    /**
     * Freezes the lists.
     *
     * @param routes desired routes
     * @param rules desired rules
     * @param nexthops desired nexthop objects
     */
    public DesiredState {
        routes = routes == null ? List.of() : List.copyOf(routes);
        rules = rules == null ? List.of() : List.copyOf(rules);
        nexthops = nexthops == null ? List.of() : List.copyOf(nexthops);
    }

    /**
     * Routes and rules, no nexthop objects.
     *
     * @param routes desired routes
     * @param rules desired rules
     */
    public DesiredState(List<Route> routes, List<Rule> rules) {
        this(routes, rules, List.of());
    }

    /**
     * Routes, rules and nexthop objects.
     *
     * @param routes the desired routes
     * @param rules the desired rules
     * @param nexthops the desired nexthop objects
     * @return the desired state
     */
    public static DesiredState of(List<Route> routes, List<Rule> rules, List<Nexthop> nexthops) {
        return new DesiredState(routes, rules, nexthops);
    }

    /**
     * Routes and rules.
     *
     * @param routes the desired routes
     * @param rules the desired rules
     * @return the desired state
     */
    public static DesiredState of(List<Route> routes, List<Rule> rules) {
        return new DesiredState(routes, rules);
    }

    /**
     * Routes only.
     *
     * @param routes the desired routes
     * @return the desired state, without rules
     */
    public static DesiredState routes(List<Route> routes) {
        return new DesiredState(routes, List.of());
    }
}
