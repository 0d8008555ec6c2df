package io.github.netroute.routing.model;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteTable;
import java.net.InetAddress;
import java.util.List;

/**
 * Read access to one network namespace's routing state, and the kernel's route lookup over it. Implemented by
 * the immutable {@link RoutingModel} and by in-memory kernels (which call it under their lock).
 *
 * <pre>{@code
 * RoutingView view = RoutingModel.builder()...build();
 * Decision d = view.lookup(RouteLookup.to(InetAddress.getByName("10.96.0.1")));   // traced
 * Decision fast = view.decide(RouteLookup.to(InetAddress.getByName("10.96.0.1"))); // no trace, fewer allocations
 * }</pre>
 * <p>Thread safety is the implementation's: {@link RoutingModel} is immutable and safe to share.
 */
public interface RoutingView {
    /**
     * A link by name, or null.
     *
     * @param name the device name
     * @return a link by name, or null
     */
    Link link(String name);

    /**
     * A link by index, or null.
     *
     * @param index the device index
     * @return a link by index, or null
     */
    Link link(int index);

    /**
     * Every link in index order (the kernel's device list order: lo first).
     *
     * @return every link in index order (the kernel's device list order: lo first)
     */
    List<Link> links();

    /**
     * The addresses of a family on a device, in the kernel's order (IPv4: primaries by scope, then secondaries).
     *
     * @param ifindex the device index
     * @param family the family
     * @return the addresses of a family on a device, in the kernel's order (IPv4: primaries by scope, then secondaries)
     */
    List<Address> addresses(int ifindex, Family family);

    /**
     * Whether an address is configured on any device.
     *
     * @param address the address
     * @return whether an address is configured on any device
     */
    boolean isLocalAddress(InetAddress address);

    /**
     * The policy rules of a family.
     *
     * @param family the family
     * @return the policy rules of a family
     */
    PolicyRules rules(Family family);

    /**
     * A table, or null when it does not exist.
     *
     * @param family the family
     * @param id the table id
     * @return a table, or null when it does not exist
     */
    FibTable table(Family family, long id);

    /**
     * Whether IPv4's local and main tables still share one trie and lookups bypass the rules: true until an IPv4
     * rule was ever added or deleted in the namespace.
     *
     * @return whether IPv4's local and main tables still share one trie and lookups bypass the rules: true until an IPv4 rule was ever added or deleted in the namespace
     */
    boolean ipv4TablesMerged();

    /**
     * Whether forwarding is on (only changes lookups with an input device). Default false, as in a new namespace.
     *
     * @param family the family
     * @return whether forwarding is on (only changes lookups with an input device)
     */
    default boolean forwarding(Family family) {
        return false;
    }

    /**
     * The uid of lookups that do not give one (the caller's; 0 for root).
     *
     * @return the uid of lookups that do not give one (the caller's; 0 for root)
     */
    default long defaultUid() {
        return 0;
    }

    /**
     * {@code ip route get}, with a trace.
     *
     * @param flow the flow
     * @return the decision, with its trace
     */
    default Decision lookup(RouteLookup flow) {
        return LookupEngine.lookup(this, flow, true);
    }

    /**
     * {@code ip route get} without a trace (the fast path).
     *
     * @param flow the flow
     * @return the decision, with an empty trace
     */
    default Decision decide(RouteLookup flow) {
        return LookupEngine.lookup(this, flow, false);
    }

    /**
     * {@code net->ipv4.fib_has_custom_local_routes}: a route of type local was ever added through RTM_NEWROUTE (in any
     * table; the flag is never cleared). The default approximates it from the current tables: a local route not made
     * by the kernel in table local or main.
     *
     * @return whether a local route was ever added
     */
    default boolean ipv4CustomLocalRoutes() {
        return LookupEngine.customLocalRoutes(this);
    }

    /**
     * The device where {@code __ip_dev_find()} finds an IPv4 address (the address hash chain is filled at the head: with
     * the address on several devices, the one where it was added last), or 0 when the view does not know: lookups then
     * take the first device, by index, that has the address.
     *
     * @param address an IPv4 address
     * @return the device's index, or 0
     */
    default int ipv4AddressDevice(InetAddress address) {
        return 0;
    }

    /**
     * Whether hop {@code hop} of an IPv4 route got scope host when the route was created (its gateway resolved to a
     * local route then; lookups do not report such a gateway), or null when the view does not know: the lookup then
     * resolves the gateway as of now.
     *
     * @param route the route
     * @param hop the index of the hop (0 for a single-path route)
     * @return true when the hop got scope host, false when not, null when the view does not know
     */
    default Boolean ipv4NexthopHostScope(io.github.netroute.routing.Route route, int hop) {
        return null;
    }

    /**
     * fib_check_nh_v4_gw's resolution of an IPv4 gateway as of now (scope link, through device {@code ifindex}, in
     * {@code table} first unless main, then through the rules): true when it gives a local route, so that the nexthop
     * gets scope host.
     *
     * @param gateway the gateway
     * @param ifindex the device index
     * @param table the route's table
     * @return true when the gateway resolves to a local route
     */
    default boolean ipv4GatewayResolvesLocal(InetAddress gateway, int ifindex, io.github.netroute.routing.RouteTable table) {
        return LookupEngine.gatewayResolvesLocal(this, gateway, ifindex, table, 0);
    }

    /**
     * A raw FIB lookup as the kernel's own checks make it (rule walk or merged tables; no source selection).
     *
     * @param query the lookup
     * @return a raw FIB lookup as the kernel's own checks make it (rule walk or merged tables; no source selection)
     */
    default FibResult fib(FibQuery query) {
        return LookupEngine.fibLookup(this, query.toFlow(), null);
    }

    /**
     * IPv6 {@code fib6_lookup}, the lookup of the kernel's gateway checks: as {@link #fib}, but a throw route found in
     * a table ends the walk with that route (fib6_rule_action_alt and the local-then-main fast path keep any route
     * that is not the null entry), so the result is an error with the throw route.
     *
     * @param query the lookup
     * @return the result, or the error (with the throw route when one ended the walk)
     */
    default FibResult fib6Lookup(FibQuery query) {
        Flow f = query.toFlow();
        f.rejectEnds = true;
        return LookupEngine.fibLookup(this, f, null);
    }

    /**
     * A raw lookup in one table ({@code fib_table_lookup}); {@link io.github.netroute.routing.Errno#EAGAIN} when nothing matched.
     *
     * @param table the table
     * @param query the lookup
     * @return a raw lookup in one table ({@code fib_table_lookup}); {@link io.github.netroute.routing.Errno#EAGAIN} when nothing matched
     */
    default FibResult fibTable(FibTable table, FibQuery query) {
        return LookupEngine.tableLookup(this, table, query.toFlow(), null);
    }

    /**
     * The route type an address has in a table ({@code inet_addr_type_table}): local, broadcast, unicast, …
     *
     * @param address the address
     * @param table the table
     * @return the route type an address has in a table ({@code inet_addr_type_table}): local, broadcast, unicast, …
     */
    default io.github.netroute.routing.RouteType addressType(InetAddress address, RouteTable table) {
        return LookupEngine.addressType(this, address, table.id());
    }
}
