package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.model.FibTable;
import io.github.netroute.routing.model.PolicyRules;
import io.github.netroute.routing.model.RoutingView;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One in-memory namespace: the kernel's objects, each owning its state ({@link Links}, {@link V4Addresses},
 * {@link V6Addresses}, {@link V4Routes}, {@link V6Routes}, {@link Rules}, {@link Nexthops}), the sysctls, and the
 * notifications the current operation raised; also the {@link RoutingView} the lookup engine reads.
 */
final class KernelState implements RoutingView {
    final Links links;
    final V4Addresses addrs4;
    final V6Addresses addrs6;
    final V4Routes routes4;
    final V6Routes routes6;
    final Rules rules;
    /** The nexthop objects. */
    final Nexthops nexthops;
    /** The neighbour and proxy tables. */
    final Neighbours neighbours;
    /** {@code net.ipv4.ip_forward} / {@code net.ipv6.conf.all.forwarding}. */
    boolean forwarding;
    /** {@code net.ipv6.conf.default.addr_gen_mode}: what links created afterwards get. */
    AddrGenMode addrGenMode = AddrGenMode.EUI64;
    /**
     * The notifications the last operation caused, in order (the kernel's RTM_NEW/DEL messages on the route and
     * address groups); drained by {@link InMemoryKernel} after each operation. Not part of a snapshot.
     */
    final List<RoutingEvent> events = new ArrayList<>();

    /** An empty namespace (no link, no rule, no table). */
    KernelState() {
        links = new Links(this);
        addrs4 = new V4Addresses(this);
        addrs6 = new V6Addresses(this);
        routes4 = new V4Routes(this);
        routes6 = new V6Routes(this);
        rules = new Rules(this);
        nexthops = new Nexthops(this);
        neighbours = new Neighbours(this);
    }

    /** A deep copy of {@code o}: each object copies its own state; events are not copied. */
    private KernelState(KernelState o) {
        links = new Links(this, o.links);
        addrs4 = new V4Addresses(this, o.addrs4);
        addrs6 = new V6Addresses(this, o.addrs6);
        routes4 = new V4Routes(this, o.routes4);
        routes6 = new V6Routes(this, o.routes6);
        rules = new Rules(this, o.rules);
        nexthops = new Nexthops(this, o.nexthops);
        neighbours = new Neighbours(this, o.neighbours);
        forwarding = o.forwarding;
        addrGenMode = o.addrGenMode;
    }

    KernelState copy() {
        return new KernelState(this);
    }

    /** The family's tables (id -> table, in creation order). */
    Map<Long, FibTable> tables(Family f) {
        return f == Family.INET ? routes4.tables() : routes6.tables();
    }

    /** The family's table ids in the kernel's dump order. */
    List<Long> dumpOrder(Family f) {
        return f == Family.INET ? routes4.dumpOrder() : routes6.dumpOrder();
    }

    /** Table ids in the kernel's dump order: hash bucket (id & 255) ascending, newest first within a bucket. */
    static List<Long> dumpOrderOf(Collection<Long> creationOrder) {
        List<Long> created = new ArrayList<>(creationOrder);
        List<Long> out = new ArrayList<>(created.size());
        for (int b = 0; b < 256; b++) {
            for (int i = created.size() - 1; i >= 0; i--) {
                long id = created.get(i);
                if ((id & 255) == b) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    // ---- notifications

    /** RTM_NEWROUTE with the nlmsg_flags the kernel's rtmsg_fib / inet6_rt_notify would carry. */
    void routeAdded(Route r, int nlmsgFlags) {
        events.add(new RoutingEvent.RouteAdded(r, nlmsgFlags));
        if (r.family() == Family.INET6) {
            nexthops.v6RouteInserted(r);
        }
    }

    /** RTM_DELROUTE (nlmsg_flags 0 in fib_table_delete and fib6_del_route). */
    void routeRemoved(Route r) {
        events.add(new RoutingEvent.RouteRemoved(r, 0));
    }

    /** RTM_NEWADDR (rtmsg_ifa / inet6_ifa_notify send no nlmsg_flags). */
    void addressAdded(Address a) {
        events.add(new RoutingEvent.AddressAdded(a, 0));
    }

    void addressRemoved(Address a) {
        events.add(new RoutingEvent.AddressRemoved(a, 0));
    }

    /** RTM_NEWLINK (rtmsg_ifinfo: no nlmsg_flags). */
    void linkChanged(Link l) {
        events.add(new RoutingEvent.LinkChanged(l, 0));
    }

    void linkChanged(int at, Link l) {
        events.add(at, new RoutingEvent.LinkChanged(l, 0));
    }

    void linkRemoved(Link l) {
        events.add(new RoutingEvent.LinkRemoved(l, 0));
    }

    /** RTM_NEWRULE (notify_rule_change fills the rule with nlmsg_flags 0). */
    void ruleAdded(Rule r) {
        events.add(new RoutingEvent.RuleAdded(r, 0));
    }

    void ruleRemoved(Rule r) {
        events.add(new RoutingEvent.RuleRemoved(r, 0));
    }

    /** RTM_NEWNEXTHOP (nexthop_notify copies the request's nlmsg_flags). */
    void nexthopAdded(io.github.netroute.routing.Nexthop n, int nlmsgFlags) {
        events.add(new RoutingEvent.NexthopAdded(n, nlmsgFlags));
    }

    /** RTM_DELNEXTHOP. */
    void nexthopRemoved(io.github.netroute.routing.Nexthop n, int nlmsgFlags) {
        events.add(new RoutingEvent.NexthopRemoved(n, nlmsgFlags));
    }

    // ---- RoutingView

    @Override
    public Link link(String name) {
        Links.Dev d = links.device(name);
        return d == null ? null : d.link();
    }

    @Override
    public Link link(int index) {
        Links.Dev d = links.device(index);
        return d == null ? null : d.link();
    }

    @Override
    public List<Link> links() {
        return links.links();
    }

    @Override
    public List<Address> addresses(int ifindex, Family family) {
        return family == Family.INET ? addrs4.of(ifindex) : addrs6.of(ifindex);
    }

    @Override
    public int ipv4AddressDevice(InetAddress address) {
        return addrs4.deviceOf(address);
    }

    @Override
    public boolean isLocalAddress(InetAddress address) {
        return addrs4.isLocal(address) || addrs6.isLocal(address);
    }

    @Override
    public PolicyRules rules(Family family) {
        return rules.compiled(family);
    }

    @Override
    public FibTable table(Family family, long id) {
        return family == Family.INET ? routes4.table(id) : routes6.table(id);
    }

    @Override
    public Boolean ipv4NexthopHostScope(Route route, int hop) {
        return routes4.hostScope(route, hop);
    }

    @Override
    public boolean ipv4CustomLocalRoutes() {
        return routes4.customLocalRoutes();
    }

    @Override
    public boolean ipv4TablesMerged() {
        return routes4.merged();
    }

    @Override
    public boolean forwarding(Family family) {
        return forwarding;
    }
}
