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

    /**
     * The routes that pass the filter, in the kernel's dump order.
     *
     * @param filter which routes
     * @return the routes that pass the filter, in the kernel's dump order
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default List<Route> routes(RouteFilter filter) throws RoutingException {
        List<Route> out = new ArrayList<>();
        forEachRoute(filter, out::add);
        return out;
    }

    /**
     * Every route of every table, both families ({@code ip route show table all; ip -6 route show table all}).
     *
     * @return every route of every table, both families ({@code ip route show table all; ip -6 route show table all})
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default List<Route> routes() throws RoutingException {
        return routes(RouteFilter.ALL);
    }

    /**
     * Streams the routes that pass the filter to {@code action}, without holding them all in memory.
     * A dump interrupted by concurrent changes is retried a bounded number of times (then
     * {@link RoutingException.Interrupted}); routes already delivered by an interrupted attempt may be delivered again.
     *
     * @param filter which routes
     * @param action called with each route, on the calling thread
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void forEachRoute(RouteFilter filter, Consumer<? super Route> action) throws RoutingException;

    /**
     * Sends a route with the NLM_F flags of an iproute2 verb.
     *
     * @param verb the iproute2 verb
     * @param route the route
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void modifyRoute(RouteVerb verb, Route route) throws RoutingException;

    /**
     * {@code ip route add}: fails with {@link RoutingException.Exists} when the key exists.
     *
     * @param route the route
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default void addRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.ADD, route);
    }

    /**
     * {@code ip route replace}: add, or replace the entry with the same key.
     *
     * @param route the route
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default void replaceRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.REPLACE, route);
    }

    /**
     * {@code ip route change}: replace an existing entry; {@link RoutingException.NotFound} when absent.
     *
     * @param route the route
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default void changeRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.CHANGE, route);
    }

    /**
     * {@code ip route prepend}.
     *
     * @param route the route
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default void prependRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.PREPEND, route);
    }

    /**
     * {@code ip route append}.
     *
     * @param route the route
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default void appendRoute(Route route) throws RoutingException {
        modifyRoute(RouteVerb.APPEND, route);
    }

    /**
     * {@code ip route del}: deletes the first route matching the given one, with the kernel's wildcards for
     * unset fields. A route returned by {@link #routes} deletes exactly itself.
     *
     * @param route the route to delete; unset fields are wildcards
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void deleteRoute(Route route) throws RoutingException;

    /**
     * The raw path of a route change: {@link #modifyRoute(RouteVerb, Route)} with the destination written exactly as
     * given, host bits included, as iproute2 hands {@code ip route add 10.1.2.3/24 …} to the kernel.
     *
     * <p>Design: {@link IpPrefix} (and so {@link Route}) stays strict — a route's destination is a network, and a
     * value with host bits cannot be built — so that every route read back, compared or reconciled is one the kernel
     * can hold. What a user <em>typed</em> may still carry host bits; this method sends it, and the kernel answers:
     * Linux refuses an IPv4 destination with host bits with EINVAL and the extack "Invalid prefix for given prefix
     * length" before any other check ({@code net/ipv4/fib_frontend.c rtm_to_fib_config()}), and masks an IPv6 one
     * silently ({@code net/ipv6/route.c ip6_route_info_create()}, {@code ipv6_addr_prefix()}). The netlink client
     * sends the bytes; this default, used by the in-memory kernel, answers as Linux does.
     *
     * <pre>{@code
     * Route r = Route.parse("10.1.2.0/24 dev eth0");
     * routing.modifyRoute(RouteVerb.ADD, r, CidrAddress.parse("10.1.2.3/24"));
     * // RoutingException.InvalidArgument: ... Invalid prefix for given prefix length (EINVAL)
     * }</pre>
     *
     * @param verb the iproute2 verb
     * @param route the route; its destination must be {@code destination} without its host bits
     * @param destination the destination as written, host bits and all
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     * @throws IllegalArgumentException when {@code destination}, masked, is not the route's destination
     */
    default void modifyRoute(RouteVerb verb, Route route, CidrAddress destination) throws RoutingException {
        RawRoutes.check(route, destination);
        if (!destination.isPrefix() && destination.family() == Family.INET) {
            throw RawRoutes.invalidPrefix("RTM_NEWROUTE", route, destination);
        }
        modifyRoute(verb, route);
    }

    /**
     * The raw path of {@link #deleteRoute(Route)}: the destination written as given, host bits included (see
     * {@link #modifyRoute(RouteVerb, Route, CidrAddress)}).
     *
     * <pre>{@code
     * routing.deleteRoute(Route.parseSelector("2001:db8::/64"), CidrAddress.parse("2001:db8::1/64"));  // masked: deleted
     * }</pre>
     *
     * @param route the route to delete; unset fields are wildcards
     * @param destination the destination as written, host bits and all
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     * @throws IllegalArgumentException when {@code destination}, masked, is not the route's destination
     */
    default void deleteRoute(Route route, CidrAddress destination) throws RoutingException {
        RawRoutes.check(route, destination);
        if (!destination.isPrefix() && destination.family() == Family.INET) {
            throw RawRoutes.invalidPrefix("RTM_DELROUTE", route, destination);
        }
        deleteRoute(route);
    }

    // ---- rules ----

    /**
     * The rules of one family in priority order ({@code ip rule show} / {@code ip -6 rule show}). For both
     * families call {@link #rules()}; null is still accepted here and means both, for callers written before it.
     *
     * @param family the family ({@code null}: both, as {@link #rules()})
     * @return the rules in priority order
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    List<Rule> rules(Family family) throws RoutingException;

    /**
     * The rules of both families, IPv4 first, each in priority order ({@code ip rule show; ip -6 rule show}): the
     * explicit "both families" call, like {@link #routes()} and {@link #addresses()}.
     *
     * <pre>{@code
     * List<Rule> all = routing.rules();              // IPv4 and IPv6
     * List<Rule> v6 = routing.rules(Family.INET6);   // one family
     * }</pre>
     *
     * @return the rules of both families
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default List<Rule> rules() throws RoutingException {
        return rules(null);
    }

    /**
     * {@code ip rule add} (NLM_F_CREATE|NLM_F_EXCL): EEXIST only for an exact duplicate.
     *
     * @param rule the rule
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void addRule(Rule rule) throws RoutingException;

    /**
     * {@code ip rule del}: deletes the first rule matching, unset selectors being wildcards.
     *
     * @param rule the rule to delete; unset selectors are wildcards
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void deleteRule(Rule rule) throws RoutingException;

    // ---- links ----

    /**
     * All links in index order.
     *
     * @return all links in index order
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    List<Link> links() throws RoutingException;

    /**
     * A link by name.
     *
     * @param name the device name
     * @return the link, or empty when there is none
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    Optional<Link> link(String name) throws RoutingException;

    /**
     * A link by index.
     *
     * @param index the device index
     * @return the link, or empty when there is none
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    Optional<Link> link(int index) throws RoutingException;

    /**
     * A link's counters ({@code ip -s link}: IFLA_STATS64 and IFLA_CARRIER_CHANGES).
     *
     * @param index the device index
     * @return the counters, or empty when there is no such link (or the implementation keeps none)
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default Optional<LinkStatistics> linkStatistics(int index) throws RoutingException {
        return Optional.empty();
    }

    /**
     * {@code ip link add NAME type KIND}; returns the new link.
     *
     * @param name the device name
     * @param kind the link kind's name ({@code dummy}, {@code bridge}, …)
     * @return the new link
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     * @deprecated use {@link #addLink(LinkSpec)} with a {@link LinkKind}
     */
    @Deprecated
    default Link addLink(String name, String kind) throws RoutingException {
        return addLink(LinkSpec.of(name, LinkKind.of(kind)));
    }

    /**
     * {@code ip link add NAME type KIND}, a link without options.
     *
     * @param name the device name
     * @param kind the link kind
     * @return the new link
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default Link addLink(String name, LinkKind kind) throws RoutingException {
        return addLink(LinkSpec.of(name, kind));
    }

    /**
     * {@code ip link add ...} (RTM_NEWLINK with NLM_F_CREATE|NLM_F_EXCL): a bridge, dummy, veth pair (both ends, the
     * peer possibly in another namespace), vxlan, macvlan or any other kind; returns the new link.
     *
     * @param spec what to create
     * @return the new link
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno; EOPNOTSUPP "Unknown device type"
     *     for a kind the kernel has no driver for)
     */
    Link addLink(LinkSpec spec) throws RoutingException;

    /**
     * {@code ip link set NAME ...}: one RTM_NEWLINK with every given setting (up/down, mtu, address, name, alias,
     * master/nomaster, netns).
     *
     * @param name the device name
     * @param settings what to change
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void setLink(String name, LinkSettings settings) throws RoutingException;

    /**
     * {@code ip link set NAME up|down}.
     *
     * @param name the device name
     * @param up true for up, false for down
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void setLinkUp(String name, boolean up) throws RoutingException;

    /**
     * {@code ip link del NAME}.
     *
     * @param name the device name
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void deleteLink(String name) throws RoutingException;

    // ---- addresses ----

    /**
     * The addresses of one family, in the kernel's order. For both families call {@link #addresses()}; null is still
     * accepted here and means both, for callers written before it.
     *
     * @param family the family ({@code null}: both, as {@link #addresses()})
     * @return the addresses
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    List<Address> addresses(Family family) throws RoutingException;

    /**
     * The addresses of both families, IPv4 first, in the kernel's order ({@code ip addr show}): the explicit "both
     * families" call.
     *
     * <pre>{@code
     * for (Address a : routing.addresses()) {
     *     System.out.println(a.local() + " dev " + a.device());
     * }
     * }</pre>
     *
     * @return the addresses of both families
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default List<Address> addresses() throws RoutingException {
        return addresses(null);
    }

    /**
     * {@code ip addr add}.
     *
     * @param address the address
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void addAddress(Address address) throws RoutingException;

    /**
     * {@code ip addr del}.
     *
     * @param address the address
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    void deleteAddress(Address address) throws RoutingException;

    // ---- neighbours ----

    /**
     * The neighbour entries of a family ({@code ip neigh show}; null: both), or the proxy entries
     * ({@code ip neigh show proxy}), in the kernel's dump order.
     *
     * @param family the family, or null for both
     * @param proxy the proxy entries instead of the neighbour cache
     * @return the entries
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    List<Neighbour> neighbours(Family family, boolean proxy) throws RoutingException;

    /**
     * {@code ip neigh get ADDR dev DEV} (or {@code proxy ADDR dev DEV}).
     *
     * @param address the IP address
     * @param device the device name
     * @param proxy look up the proxy entry
     * @return the entry, or empty when there is none
     * @throws RoutingException when the kernel refuses otherwise
     */
    Optional<Neighbour> neighbour(java.net.InetAddress address, String device, boolean proxy) throws RoutingException;

    /**
     * RTM_NEWNEIGH with the NLM_F flags of {@code ip neigh add} ({@link RouteVerb#ADD}: CREATE|EXCL),
     * {@code replace} ({@link RouteVerb#REPLACE}: CREATE|REPLACE) or {@code change} ({@link RouteVerb#CHANGE}:
     * REPLACE).
     *
     * @param verb ADD, REPLACE or CHANGE
     * @param neighbour the entry
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     * @throws IllegalArgumentException for PREPEND or APPEND
     */
    void modifyNeighbour(RouteVerb verb, Neighbour neighbour) throws RoutingException;

    /**
     * {@code ip neigh add}.
     *
     * @param neighbour the entry
     * @throws RoutingException {@link RoutingException.Exists} when there is one for the address and device
     */
    default void addNeighbour(Neighbour neighbour) throws RoutingException {
        modifyNeighbour(RouteVerb.ADD, neighbour);
    }

    /**
     * {@code ip neigh replace}.
     *
     * @param neighbour the entry
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    default void replaceNeighbour(Neighbour neighbour) throws RoutingException {
        modifyNeighbour(RouteVerb.REPLACE, neighbour);
    }

    /**
     * {@code ip neigh del ADDR dev DEV} (RTM_DELNEIGH; {@code proxy}: the proxy entry).
     *
     * @param neighbour the entry (address, device and whether it is a proxy entry count)
     * @throws RoutingException {@link RoutingException.NotFound} when there is none
     */
    void deleteNeighbour(Neighbour neighbour) throws RoutingException;

    // ---- nexthop objects ----

    /**
     * {@code ip nexthop show [dev D] [groups] [fdb] [proto P]}: the nexthops that pass the filter, by id.
     *
     * @param filter the filter
     * @return the nexthops
     * @throws RoutingException when the dump fails
     */
    List<Nexthop> nexthops(NexthopFilter filter) throws RoutingException;

    /**
     * {@code ip nexthop get id N}.
     *
     * @param id the id
     * @return the nexthop, or empty when there is none with that id
     * @throws RoutingException when the request fails otherwise
     */
    Optional<Nexthop> nexthop(long id) throws RoutingException;

    /**
     * RTM_NEWNEXTHOP: {@code ip nexthop add} (NLM_F_CREATE|NLM_F_EXCL) or {@code ip nexthop replace}
     * (NLM_F_CREATE|NLM_F_REPLACE). Replacing a group moves every route that uses it at once.
     *
     * @param replace replace rather than add
     * @param nexthop the nexthop (id 0: the kernel picks one, add only)
     * @throws RoutingException with the kernel's errno and extack text when refused
     */
    void modifyNexthop(boolean replace, Nexthop nexthop) throws RoutingException;

    /**
     * {@code ip nexthop add}.
     *
     * @param nexthop it
     * @throws RoutingException when refused
     */
    default void addNexthop(Nexthop nexthop) throws RoutingException {
        modifyNexthop(false, nexthop);
    }

    /**
     * {@code ip nexthop replace}.
     *
     * @param nexthop it
     * @throws RoutingException when refused
     */
    default void replaceNexthop(Nexthop nexthop) throws RoutingException {
        modifyNexthop(true, nexthop);
    }

    /**
     * {@code ip nexthop del id N}: removes the nexthop, the routes that use it, and it from the groups holding it
     * (a group losing its last member goes too, with its routes).
     *
     * @param id the id
     * @throws RoutingException {@link RoutingException.NotFound} when there is none
     */
    void deleteNexthop(long id) throws RoutingException;

    // ---- lookup ----

    /**
     * {@code ip route get}: the route the kernel would use for a flow.
     *
     * @param flow the flow to look up
     * @return the route the kernel would use
     * @throws RoutingException.Unreachable for ENETUNREACH/EHOSTUNREACH; EACCES (prohibit) and EINVAL
     *     (blackhole) come as their errno's exception
     */
    LookupResult lookup(RouteLookup flow) throws RoutingException;

    // ---- batches and events ----

    /**
     * Applies many changes in order and reports each one's outcome; a failure does not stop the batch.
     * The netlink client packs many requests per send and matches acks by sequence number; nothing is
     * lost silently (an ack that cannot be read is reported as that change's error).
     *
     * @param changes the changes, applied in order
     * @return one result per change, in the same order
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

            @Override
            public Void nexthop(boolean replace, Nexthop nexthop) throws RoutingException {
                modifyNexthop(replace, nexthop);
                return null;
            }

            @Override
            public Void deleteNexthop(long id) throws RoutingException {
                Routing.this.deleteNexthop(id);
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
     *
     * @param listener called with each event, on the background thread
     * @return the subscription; close it to stop
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException;

    /** Releases the socket (netlink) or nothing (in-memory). Never throws. */
    @Override
    void close();
}
