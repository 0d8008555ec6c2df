package io.github.netroute.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The routing state of one network namespace: routes, policy rules, links and addresses, and route lookup.
 * Implemented by the rtnetlink client ({@code NetlinkRouting.open()}) and by the in-memory kernel
 * ({@code InMemoryKernel}); both give the same results and throw the same exceptions for the same state.
 *
 * <pre>{@code
 * try (Routing routing = NetlinkRouting.open()) {
 *     routing.replaceRoute(Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2"));
 *     for (Route r : routing.routes(RouteFilter.table(RouteTable.LOCAL))) {
 *         System.out.println(r);
 *     }
 *     System.out.println(routing.lookup(RouteLookup.to(InetAddress.getByName("10.96.0.1"))));
 * }
 * }</pre>
 *
 * <p>Every method that talks to the kernel throws {@link RoutingException} (or a subclass chosen by errno)
 * when the kernel refuses; nothing is retried or swallowed silently.
 *
 * <p>Both implementations are safe to call from many threads: {@code NetlinkRouting} serialises requests on its
 * socket and matches every reply to its request by sequence number; {@code InMemoryKernel} takes one lock per call.
 */
public interface Routing extends AutoCloseable {

    // ---- routes ----

    /** The routes that pass the filter, in the kernel's dump order. */
    default List<Route> routes(RouteFilter filter) throws RoutingException {
        List<Route> out = new ArrayList<>();
        forEachRoute(filter, out::add);
        return out;
    }

    /** Every route of every table, both families ({@code ip route show table all; ip -6 route show table all}). */
    default List<Route> routes() throws RoutingException {
        return routes(RouteFilter.ALL);
    }

    /**
     * Streams the routes that pass the filter to {@code action}, without holding them all in memory.
     * A dump interrupted by concurrent changes is retried a bounded number of times (then
     * {@link RoutingException.Interrupted}); routes already delivered by an interrupted attempt may be delivered again.
     */
    void forEachRoute(RouteFilter filter, Consumer<? super Route> action) throws RoutingException;

    /** Sends a route with the NLM_F flags of an iproute2 verb. */
    void modifyRoute(RouteVerb verb, Route route) throws RoutingException;

    /** {@code ip route add}: fails with {@link RoutingException.Exists} when the key exists. */
    default void addRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.ADD, route);
    }

    /** {@code ip route replace}: add, or replace the entry with the same key. */
    default void replaceRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.REPLACE, route);
    }

    /** {@code ip route change}: replace an existing entry; {@link RoutingException.NotFound} when absent. */
    default void changeRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.CHANGE, route);
    }

    /** {@code ip route prepend}. */
    default void prependRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.PREPEND, route);
    }

    /** {@code ip route append}. */
    default void appendRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.APPEND, route);
    }

    /**
     * {@code ip route del}: deletes the first route matching the given one, with the kernel's wildcards for
     * unset fields. A route returned by {@link #routes} deletes exactly itself.
     */
    void deleteRoute(Route route) throws RoutingException;

    // ---- rules ----

    /** The rules of a family in priority order ({@code ip rule show}); null for both families (IPv4 first). */
    List<Rule> rules(Family family) throws RoutingException;

    /** {@code ip rule add} (NLM_F_CREATE|NLM_F_EXCL): EEXIST only for an exact duplicate. */
    void addRule(Rule rule) throws RoutingException;

    /** {@code ip rule del}: deletes the first rule matching, unset selectors being wildcards. */
    void deleteRule(Rule rule) throws RoutingException;

    // ---- links ----

    /** All links in index order. */
    List<Link> links() throws RoutingException;

    /** A link by name. */
    Optional<Link> link(String name) throws RoutingException;

    /** A link by index. */
    Optional<Link> link(int index) throws RoutingException;

    /** {@code ip link add NAME type KIND} (dummy or bridge); returns the new link. */
    Link addLink(String name, String kind) throws RoutingException;

    /** {@code ip link set NAME up|down}. */
    void setLinkUp(String name, boolean up) throws RoutingException;

    /** {@code ip link del NAME}. */
    void deleteLink(String name) throws RoutingException;

    // ---- addresses ----

    /** Addresses of a family (null for both), in the kernel's order. */
    List<Address> addresses(Family family) throws RoutingException;

    /** {@code ip addr add}. */
    void addAddress(Address address) throws RoutingException;

    /** {@code ip addr del}. */
    void deleteAddress(Address address) throws RoutingException;

    // ---- lookup ----

    /**
     * {@code ip route get}: the route the kernel would use for a flow.
     *
     * @throws RoutingException.Unreachable for ENETUNREACH/EHOSTUNREACH; EACCES (prohibit) and EINVAL
     *     (blackhole) come as their errno's exception
     */
    LookupResult lookup(RouteLookup flow) throws RoutingException;

    // ---- batches and events ----

    /**
     * Applies many changes in order and reports each one's outcome; a failure does not stop the batch.
     * The netlink client packs many requests per send and matches acks by sequence number; nothing is
     * lost silently (an ack that cannot be read is reported as that change's error).
     */
    default java.util.List<ChangeResult> apply(java.util.List<? extends Change> changes) {
        java.util.List<ChangeResult> out = new ArrayList<>(changes.size());
        Change.Visitor<Void, RoutingException> applier = new Change.Visitor<>() {
            @Override
            public Void route(RouteVerb verb, Route route) throws RoutingException {
                modifyRoute(verb, route);
                return null;
            }

            @Override
            public Void deleteRoute(Route route) throws RoutingException {
                Routing.this.deleteRoute(route);
                return null;
            }

            @Override
            public Void addRule(Rule rule) throws RoutingException {
                Routing.this.addRule(rule);
                return null;
            }

            @Override
            public Void deleteRule(Rule rule) throws RoutingException {
                Routing.this.deleteRule(rule);
                return null;
            }

            @Override
            public Void addAddress(Address address) throws RoutingException {
                Routing.this.addAddress(address);
                return null;
            }

            @Override
            public Void deleteAddress(Address address) throws RoutingException {
                Routing.this.deleteAddress(address);
                return null;
            }
        };
        for (Change c : changes) {
            try {
                c.accept(applier);
                out.add(ChangeResult.ok(c));
            } catch (RoutingException e) {
                out.add(new ChangeResult(c, e));
            }
        }
        return out;
    }

    /**
     * Delivers route, rule, link and address changes (IPv4 and IPv6) to {@code listener} on a background
     * thread, in the kernel's order, until the subscription is closed. Lost events are reported as
     * {@link RoutingEvent.ResyncNeeded}, never swallowed.
     */
    Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException;

    /** Releases the socket (netlink) or nothing (in-memory). Never throws. */
    @Override
    void close();
}
