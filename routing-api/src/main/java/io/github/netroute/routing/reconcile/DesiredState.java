package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import java.util.List;

/**
 * The routes and rules a caller wants to exist (and, within its {@link Ownership}, only those).
 *
 * <pre>{@code
 * DesiredState want = DesiredState.of(
 *     List.of(Route.parse("default via 192.168.1.202 table 44")),
 *     List.of(Rule.parse("from 10.0.0.0/32 table 44")));
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param routes desired routes
 * @param rules desired rules
 */
public record DesiredState(List<Route> routes, List<Rule> rules) {
    /**
     * Freezes the lists.
     *
     * @param routes desired routes
     * @param rules desired rules
     */
    public DesiredState {
        routes = routes == null ? List.of() : List.copyOf(routes);
        rules = rules == null ? List.of() : List.copyOf(rules);
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
