package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.model.FibTable;
import io.github.netroute.routing.model.PolicyRules;
import io.github.netroute.routing.model.RoutingView;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The mutable state of one in-memory namespace; also the {@link RoutingView} the lookup engine reads. */
final class KernelState implements RoutingView {

    static final class Dev {
        final int index;
        final String name;
        final String kind;
        boolean up;
        boolean carrier = true;
        int mtu;
        int group;
        final String mac;
        AddrGenMode genMode;
        boolean genModeChanged;
        /** Has been up once: the kernel attached its qdisc then and keeps showing it ({@code noqueue}) when down. */
        boolean activated;
        List<Address> v4 = new ArrayList<>();
        List<Address> v6 = new ArrayList<>();
        Link link;

        Dev(int index, String name, String kind, int mtu, String mac, AddrGenMode genMode) {
            this.index = index;
            this.name = name;
            this.kind = kind;
            this.mtu = mtu;
            this.mac = mac;
            this.genMode = genMode;
        }

        boolean loopback() {
            return index == 1 && "lo".equals(name) && kind == null;
        }

        Dev copy() {
            Dev d = new Dev(index, name, kind, mtu, mac, genMode);
            d.up = up;
            d.carrier = carrier;
            d.group = group;
            d.genModeChanged = genModeChanged;
            d.activated = activated;
            d.v4 = new ArrayList<>(v4);
            d.v6 = new ArrayList<>(v6);
            d.link = link;
            return d;
        }

        boolean lowerUp() {
            return up && carrier;
        }

        Link link() {
            if (link == null) {
                int flags = 0;
                if (loopback()) {
                    flags |= Link.IFF_LOOPBACK;
                } else {
                    flags |= Link.IFF_BROADCAST;
                    flags |= "dummy".equals(kind) ? Link.IFF_NOARP : Link.IFF_MULTICAST;
                }
                if (up) {
                    flags |= Link.IFF_UP;
                    if (carrier) {
                        flags |= Link.IFF_LOWER_UP | Link.IFF_RUNNING;
                    }
                }
                String oper = !up ? "DOWN" : carrier ? "UNKNOWN" : "DOWN";
                link = new Link(index, name, kind, flags, mtu, group, 1000, up || activated ? "noqueue" : "noop", oper,
                        loopback() ? 772 : 1, mac, loopback() ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff");
            }
            return link;
        }
    }

    final TreeMap<Integer, Dev> devs = new TreeMap<>();
    final Map<String, Dev> byName = new HashMap<>();
    int nextIndex = 1;
    final List<Rule> rules4 = new ArrayList<>();
    final List<Rule> rules6 = new ArrayList<>();
    PolicyRules compiled4;
    PolicyRules compiled6;
    /** table id -> table; creation order kept for the dump order within a hash bucket. */
    final LinkedHashMap<Long, FibTable> t4 = new LinkedHashMap<>();
    final LinkedHashMap<Long, FibTable> t6 = new LinkedHashMap<>();
    boolean merged4 = true;
    /** net->ipv6.fib6_has_custom_rules: set by the first IPv6 rule added (not by deletes); until then lookups
     * consult local, then main, whatever the rule list says. */
    boolean custom6;
    /** net->ipv4.fib_has_custom_local_routes: set by any successful RTM_NEWROUTE of type local, never cleared. */
    boolean customLocal4;
    /**
     * The nexthop scopes fib_check_nh_v4_gw gave IPv4 routes with gateways when they were added (true: scope host, the
     * gateway resolved to a local route), by route and hop; kept as of creation, as the kernel keeps them.
     */
    final Map<io.github.netroute.routing.Route, boolean[]> hostScopeHops = new HashMap<>();
    /**
     * The notifications the last operation caused, in order (the kernel's RTM_NEW/DEL messages on the route and
     * address groups); drained by {@link InMemoryKernel} after each operation. Not part of a snapshot.
     */
    final List<RoutingEvent> events = new ArrayList<>();

    /** RTM_NEWROUTE with the nlmsg_flags the kernel's rtmsg_fib / inet6_rt_notify would carry. */
    void routeAdded(io.github.netroute.routing.Route r, int nlmsgFlags) {
        events.add(new RoutingEvent.RouteAdded(r, nlmsgFlags));
    }

    /** RTM_DELROUTE (nlmsg_flags 0 in fib_table_delete and fib6_del_route). */
    void routeRemoved(io.github.netroute.routing.Route r) {
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
    /** The nexthop table (empty: nexthop objects are not implemented). */
    Nexthops nexthops = new Nexthops();
    boolean forwarding;
    AddrGenMode addrGenMode = AddrGenMode.EUI64;
    final Map<InetAddress, Integer> localAddrs = new HashMap<>();

    /** The IPv6 rules as fib6_rule_lookup's fast path sees them before any rule was added. */
    static final List<Rule> DEFAULT_RULES6 = List.of(
            Rule.builder().family(Family.INET6).priority(0L).table(RouteTable.LOCAL)
                    .protocol(io.github.netroute.routing.RouteProtocol.KERNEL).build(),
            Rule.builder().family(Family.INET6).priority(32766L).table(RouteTable.MAIN)
                    .protocol(io.github.netroute.routing.RouteProtocol.KERNEL).build());

    KernelState copy() {
        KernelState k = new KernelState();
        for (Dev d : devs.values()) {
            Dev c = d.copy();
            k.devs.put(c.index, c);
            k.byName.put(c.name, c);
        }
        k.nextIndex = nextIndex;
        k.rules4.addAll(rules4);
        k.rules6.addAll(rules6);
        t4.forEach((id, t) -> k.t4.put(id, t.copy()));
        t6.forEach((id, t) -> k.t6.put(id, t.copy()));
        k.merged4 = merged4;
        k.custom6 = custom6;
        k.customLocal4 = customLocal4;
        k.hostScopeHops.putAll(hostScopeHops);
        k.nexthops = nexthops.copy();
        k.forwarding = forwarding;
        k.addrGenMode = addrGenMode;
        k.localAddrs.putAll(localAddrs);
        return k;
    }

    Map<Long, FibTable> tables(Family f) {
        return f == Family.INET ? t4 : t6;
    }

    FibTable newTable(Family f, long id) {
        Map<Long, FibTable> m = tables(f);
        FibTable t = m.get(id);
        if (t == null) {
            if (f == Family.INET && id == 255 && merged4 && !m.containsKey(254L)) {
                m.put(254L, new FibTable(f, RouteTable.MAIN));
            }
            t = new FibTable(f, RouteTable.of(id));
            m.put(id, t);
        }
        return t;
    }

    /** Table ids in the kernel's dump order: hash bucket (id & 255) ascending, newest first within a bucket. */
    List<Long> dumpOrder(Family f) {
        List<Long> created = new ArrayList<>(tables(f).keySet());
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

    void rulesChanged(Family f) {
        if (f == Family.INET) {
            compiled4 = null;
        } else {
            compiled6 = null;
        }
    }

    void addLocal(InetAddress a) {
        localAddrs.merge(a, 1, Integer::sum);
    }

    void removeLocal(InetAddress a) {
        localAddrs.computeIfPresent(a, (k, n) -> n == 1 ? null : n - 1);
    }

    // ---- RoutingView

    @Override
    public Link link(String name) {
        Dev d = byName.get(name);
        return d == null ? null : d.link();
    }

    @Override
    public Link link(int index) {
        Dev d = devs.get(index);
        return d == null ? null : d.link();
    }

    @Override
    public List<Link> links() {
        List<Link> out = new ArrayList<>(devs.size());
        for (Dev d : devs.values()) {
            out.add(d.link());
        }
        return out;
    }

    @Override
    public List<Address> addresses(int ifindex, Family family) {
        Dev d = devs.get(ifindex);
        if (d == null) {
            return List.of();
        }
        return family == Family.INET ? d.v4 : d.v6;
    }

    @Override
    public boolean isLocalAddress(InetAddress address) {
        return localAddrs.containsKey(address);
    }

    @Override
    public PolicyRules rules(Family family) {
        if (family == Family.INET) {
            if (compiled4 == null) {
                compiled4 = PolicyRules.of(Family.INET, rules4);
            }
            return compiled4;
        }
        if (compiled6 == null) {
            compiled6 = PolicyRules.of(Family.INET6, custom6 ? rules6 : DEFAULT_RULES6);
        }
        return compiled6;
    }

    @Override
    public FibTable table(Family family, long id) {
        return tables(family).get(id);
    }

    @Override
    public Boolean ipv4NexthopHostScope(io.github.netroute.routing.Route route, int hop) {
        boolean[] h = hostScopeHops.get(route);
        return h == null || hop < 0 || hop >= h.length ? null : h[hop];
    }

    @Override
    public boolean ipv4CustomLocalRoutes() {
        return customLocal4;
    }

    @Override
    public boolean ipv4TablesMerged() {
        return merged4;
    }

    @Override
    public boolean forwarding(Family family) {
        return forwarding;
    }
}
