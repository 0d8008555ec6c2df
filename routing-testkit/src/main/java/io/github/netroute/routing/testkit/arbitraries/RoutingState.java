package io.github.netroute.routing.testkit.arbitraries;

import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A routing state to build in a fresh network namespace: links, then addresses, then nexthop objects (single ones
 * before the groups that hold them), then routes (some naming a nexthop with {@code nhid}), then rules, applied in
 * that order. {@link RoutingArbitraries#routingStates()} generates states that a fresh namespace accepts without a
 * single error; {@link #applyTo(Routing)} builds one.
 *
 * <pre>{@code
 * <p>Immutable and safe to share between threads.
 *
 * @Property
 * void everyUserRouteIsListed(@ForAll RoutingState state) throws Exception {
 *     try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
 *         state.applyTo(k);                       // throws on the first change the kernel refuses
 *         assertTrue(k.routes().containsAll(...));
 *     }
 * }
 * }</pre>
 *
 * @param links the links to create (or, for {@code lo}, only to set up), in order
 * @param addresses the addresses to add, in order
 * @param routes the routes to add ({@code ip route add}, NLM_F_CREATE|NLM_F_EXCL), in order, after the nexthops
 * @param rules the rules to add ({@code ip rule add}), in order
 * @param nexthops the nexthop objects to add ({@code ip nexthop add}) before the routes, in order
 */
public record RoutingState(List<LinkSpec> links, List<Address> addresses, List<Route> routes, List<Rule> rules,
        List<Nexthop> nexthops) {

    /**
     * A link of a {@link RoutingState}.
     *
     * <pre>{@code
     * RoutingState state = new RoutingState(
     *     List.of(new RoutingState.LinkSpec("lo", null, true), new RoutingState.LinkSpec("br0", "bridge", true)),
     *     List.of(Address.parse("10.1.0.1/24 dev br0")), List.of(Route.parse("10.2.0.0/16 via 10.1.0.2")), List.of());
     * state.applyTo(InMemoryKernel.freshNamespace());        // ip link add br0 type bridge; ip link set br0 up; ...
     * }</pre>
     *
     * <p>Immutable and safe to share between threads.
     *
     * @param name the device name
     * @param kind the link kind ({@code bridge}, {@code dummy}), or null for an existing device such as {@code lo}
     *     that is only set up or down
     * @param up whether to set it up
     */
    public record LinkSpec(String name, String kind, boolean up) {
        /**
         * Requires a name.
         *
         * @param name the device name
         * @param kind the link kind ({@code bridge}, {@code dummy}), or null for an existing device such as {@code lo}
         *     that is only set up or down
         * @param up whether to set it up
         */
        public LinkSpec {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return kind == null ? "link set " + name + (up ? " up" : " down")
                    : "link add " + name + " type " + kind + (up ? "; link set " + name + " up" : "");
        }
    }

    /**
     * Freezes the lists.
     *
     * @param links the links to create (or, for {@code lo}, only to set up), in order
     * @param addresses the addresses to add, in order
     * @param routes the routes to add ({@code ip route add}, NLM_F_CREATE|NLM_F_EXCL), in order
     * @param rules the rules to add ({@code ip rule add}), in order
     * @param nexthops the nexthop objects to add before the routes, in order
     */
    public RoutingState {
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        nexthops = nexthops == null ? List.of() : List.copyOf(nexthops);
    }

    /**
     * A state without nexthop objects.
     *
     * @param links the links to create (or, for {@code lo}, only to set up), in order
     * @param addresses the addresses to add, in order
     * @param routes the routes to add, in order
     * @param rules the rules to add, in order
     */
    public RoutingState(List<LinkSpec> links, List<Address> addresses, List<Route> routes, List<Rule> rules) {
        this(links, addresses, routes, rules, List.of());
    }

    /**
     * The address, nexthop, route and rule additions of this state, in order (links are not changes of a batch).
     *
     * @return the additions of this state, in order (links are not changes of a batch)
     */
    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        addresses.forEach(a -> out.add(Change.addAddress(a)));
        nexthops.forEach(n -> out.add(Change.addNexthop(n)));
        routes.forEach(r -> out.add(Change.addRoute(r)));
        rules.forEach(r -> out.add(Change.addRule(r)));
        return out;
    }

    /**
     * Builds this state: creates and sets up the links, then adds addresses, routes and rules one by one.
     *
     * @param routing where to build it
     * @throws RoutingException the first change the kernel refused (the state is then partly applied)
     */
    public void applyTo(Routing routing) throws RoutingException {
        for (LinkSpec l : links) {
            if (l.kind() != null) {
                routing.addLink(l.name(), l.kind());
            }
            if (l.up() || l.kind() == null) {
                routing.setLinkUp(l.name(), l.up());
            }
        }
        for (Address a : addresses) {
            routing.addAddress(a);
        }
        for (Nexthop n : nexthops) {
            routing.addNexthop(n);
        }
        for (Route r : routes) {
            routing.addRoute(r);
        }
        for (Rule r : rules) {
            routing.addRule(r);
        }
    }

    /**
     * Builds this state, links one by one and everything else through {@link Routing#apply}; returns the results of
     * the batch (all ok for a generated state).
     *
     * @param routing where to build it
     * @return the results of the batch
     * @throws RoutingException when a link cannot be made or set up
     */
    public List<ChangeResult> applyBatchTo(Routing routing) throws RoutingException {
        for (LinkSpec l : links) {
            if (l.kind() != null) {
                routing.addLink(l.name(), l.kind());
            }
            if (l.up() || l.kind() == null) {
                routing.setLinkUp(l.name(), l.up());
            }
        }
        return routing.apply(changes());
    }

    /**
     * The names of the links this state creates (not {@code lo}).
     *
     * @return the names of the links this state creates (not {@code lo})
     */
    public List<String> createdLinks() {
        return links.stream().filter(l -> l.kind() != null).map(LinkSpec::name).toList();
    }

    /**
     * Whether a link of this state is set up.
     *
     * @param name the link name
     * @return whether a link of this state is set up
     */
    public boolean isUp(String name) {
        return links.stream().anyMatch(l -> l.name().equals(name) && l.up());
    }

    /** The state as {@code ip -batch} lines (IPv6 lines start with {@code -6}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (LinkSpec l : links) {
            sb.append(l).append('\n');
        }
        for (Address a : addresses) {
            sb.append(a.family() == io.github.netroute.routing.Family.INET6 ? "-6 " : "").append("addr add ")
                    .append(a.local()).append(" dev ").append(a.device())
                    .append(a.flags().contains(io.github.netroute.routing.AddressFlag.NODAD) ? " nodad" : "")
                    .append('\n');
        }
        for (Nexthop n : nexthops) {
            sb.append("nexthop add ").append(n).append('\n');
        }
        for (Route r : routes) {
            sb.append(r.family() == io.github.netroute.routing.Family.INET6 ? "-6 " : "").append("route add ")
                    .append(r.toString().replace("\n", " ")).append('\n');
        }
        for (Rule r : rules) {
            sb.append(r.family() == io.github.netroute.routing.Family.INET6 ? "-6 " : "").append("rule add ")
                    .append(r.toBuilder().priority(null).build())
                    .append(r.priority() == null ? "" : " pref " + r.priority()).append('\n');
        }
        return sb.toString();
    }
}
