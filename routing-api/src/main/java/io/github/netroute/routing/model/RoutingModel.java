package io.github.netroute.routing.model;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable model of one network namespace's routing state — links, addresses, policy rules and routing
 * tables — with the kernel's route lookup ({@link #lookup}, traced, and {@link #decide}, the fast path).
 * Build it from values (for example what a {@code Routing} returned) and ask what the kernel would do, without
 * touching a kernel.
 *
 * <pre>{@code
 * RoutingModel m = RoutingModel.builder()
 *     .link(Link.of(1, "lo", null, true, 65536))
 *     .link(Link.of(2, "eth0", "dummy", true, 1500))
 *     .address(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0").withDevice("eth0", 2))
 *     .defaultRules()
 *     .route(Route.builder().dst("192.168.1.0/24").device("eth0").deviceIndex(2)
 *         .protocol(RouteProtocol.KERNEL).prefsrc(InetAddress.getByName("192.168.1.2")).build())
 *     .route(Route.builder().gateway(InetAddress.getByName("192.168.1.1")).device("eth0").deviceIndex(2).build())
 *     .build();
 * Decision d = m.lookup(RouteLookup.to(InetAddress.getByName("8.8.8.8")));
 * d.result();          // 8.8.8.8 via 192.168.1.1 dev eth0 src 192.168.1.2 uid 0
 * System.out.print(d.explain());
 * }</pre>
 *
 * <p>Routes are taken as given (the model does not validate them as the kernel would on RTM_NEWROUTE); each route
 * needs its device index for nexthop liveness and source selection. Rules without a priority get the kernel's
 * automatic one. By default the model behaves as a namespace whose IPv4 rules were changed at some time (local
 * strictly before main); {@link Builder#ipv4TablesMerged(boolean)} selects the fresh-namespace quirk.
 * <p>Immutable (built once, never changed) and safe to share between threads.
 */
public final class RoutingModel implements RoutingView {
    private final List<Link> links;
    private final Map<String, Link> linksByName;
    private final Map<Integer, Link> linksByIndex;
    private final Map<Integer, List<Address>> v4;
    private final Map<Integer, List<Address>> v6;
    private final List<Address> addresses;
    private final Set<InetAddress> localAddresses;
    private final PolicyRules rules4;
    private final PolicyRules rules6;
    private final Map<Long, FibTable> tables4;
    private final Map<Long, FibTable> tables6;
    /** The tables with ids below 256 by id (table(): no boxing of the id on the lookup path); null where none. */
    private final FibTable[] small4 = new FibTable[256];
    private final FibTable[] small6 = new FibTable[256];
    private final boolean merged;
    private final boolean forwarding;
    private final long uid;
    /** Memo of {@link #ipv4NexthopHostScope}: the model is immutable, so a gateway resolves the same way every time. */
    private final java.util.concurrent.ConcurrentHashMap<GatewayKey, Boolean> gatewayLocal =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record GatewayKey(InetAddress gateway, int ifindex, long table) {}

    /** The last answer of {@link #ipv4NexthopHostScope}, for the next lookup through the same gateway object. */
    private record LastGateway(InetAddress gateway, int ifindex, long table, Boolean local) {}

    private volatile LastGateway lastGateway;

    /** The last IPv4 source selection of an untraced lookup: the model is immutable, so it answers the same again. */
    private record LastSource(int ifindex, InetAddress dst, int scope, InetAddress source) {}

    private volatile LastSource lastSource;

    private RoutingModel(Builder b) {
        TreeMap<Integer, Link> byIndex = new TreeMap<>();
        for (Link l : b.links) {
            byIndex.put(l.index(), l);
        }
        this.links = List.copyOf(byIndex.values());
        this.linksByIndex = Map.copyOf(byIndex);
        Map<String, Link> byName = new HashMap<>();
        for (Link l : links) {
            byName.put(l.name(), l);
        }
        this.linksByName = Map.copyOf(byName);
        Map<Integer, List<Address>> a4 = new HashMap<>();
        Map<Integer, List<Address>> a6 = new HashMap<>();
        Set<InetAddress> locals = new HashSet<>();
        for (Address a : b.addresses) {
            int idx = a.deviceIndex();
            if (idx == 0 && a.device() != null && byName.containsKey(a.device())) {
                idx = byName.get(a.device()).index();
                a = a.withDevice(a.device(), idx);
            }
            (a.family() == Family.INET ? a4 : a6).computeIfAbsent(idx, k -> new ArrayList<>()).add(a);
            locals.add(a.address());
        }
        a4.replaceAll((k, l) -> orderV4(l));
        a6.replaceAll((k, l) -> List.copyOf(l));
        this.v4 = Map.copyOf(a4);
        this.v6 = Map.copyOf(a6);
        List<Address> all = new ArrayList<>();
        for (Link l : links) {
            all.addAll(v4.getOrDefault(l.index(), List.of()));
        }
        for (Link l : links) {
            all.addAll(v6.getOrDefault(l.index(), List.of()));
        }
        this.addresses = List.copyOf(all);
        this.localAddresses = Set.copyOf(locals);
        this.rules4 = PolicyRules.of(Family.INET, withPriorities(b.rules, Family.INET));
        this.rules6 = PolicyRules.of(Family.INET6, withPriorities(b.rules, Family.INET6));
        Map<Long, FibTable> t4 = new LinkedHashMap<>();
        Map<Long, FibTable> t6 = new LinkedHashMap<>();
        Map<FibTable, Map<io.github.netroute.routing.IpPrefix, List<Route>>> pending = new LinkedHashMap<>();
        for (Route r : b.routes) {
            long id = r.table().id() == 0 ? 254 : r.table().id();
            FibTable tb = (r.family() == Family.INET ? t4 : t6).computeIfAbsent(id,
                    k -> new FibTable(r.family(), RouteTable.of(k)));
            Route rr = r;
            if (rr.deviceIndex() == 0 && rr.device() != null && byName.containsKey(rr.device())) {
                rr = rr.withDevice(rr.device(), byName.get(rr.device()).index());
            }
            pending.computeIfAbsent(tb, k -> new LinkedHashMap<>()).computeIfAbsent(rr.dst(), k -> new ArrayList<>())
                    .add(rr);
        }
        pending.forEach((tb, m) -> m.forEach(tb::set));
        this.tables4 = Collections.unmodifiableMap(t4);
        this.tables6 = Collections.unmodifiableMap(t6);
        t4.forEach((id, tb) -> {
            if (id >= 0 && id < 256) {
                small4[(int) (long) id] = tb;
            }
        });
        t6.forEach((id, tb) -> {
            if (id >= 0 && id < 256) {
                small6[(int) (long) id] = tb;
            }
        });
        this.merged = b.merged;
        this.forwarding = b.forwarding;
        this.uid = b.uid;
        resolveGatewayDevices(t4);
        resolveGatewayDevices(t6);
    }

    /** Routes given with a gateway but no device get the device the gateway is reached through, as in the kernel. */
    private void resolveGatewayDevices(Map<Long, FibTable> tables) {
        for (FibTable tb : tables.values()) {
            for (io.github.netroute.routing.IpPrefix p : tb.prefixes()) {
                List<Route> list = tb.get(p);
                List<Route> upd = null;
                for (int i = 0; i < list.size(); i++) {
                    Route r = list.get(i);
                    if (r.isMultipath() || r.gateway() == null || r.device() != null || r.deviceIndex() != 0) {
                        continue;
                    }
                    FibResult res = fib(FibQuery.to(r.gateway()).scope(io.github.netroute.routing.RouteScope.LINK)
                            .ignoreLinkState(true));
                    if (res.ok() && res.deviceIndex() != 0) {
                        if (upd == null) {
                            upd = new ArrayList<>(list);
                        }
                        upd.set(i, r.withDevice(res.device(), res.deviceIndex()));
                    }
                }
                if (upd != null) {
                    tb.set(p, upd);
                }
            }
        }
    }

    private static List<Address> orderV4(List<Address> in) {
        List<Address> prim = new ArrayList<>();
        List<Address> sec = new ArrayList<>();
        for (Address a : in) {
            (a.flags().contains(AddressFlag.SECONDARY) ? sec : prim).add(a);
        }
        prim.sort((x, y) -> Integer.compare(x.scope().value(), y.scope().value()));
        prim.addAll(sec);
        return List.copyOf(prim);
    }

    private static List<Rule> withPriorities(List<Rule> all, Family fam) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : all) {
            if (r.family() != fam) {
                continue;
            }
            if (r.priority() == null) {
                long p = out.size() >= 2 && out.get(1).priority() != 0 ? out.get(1).priority() - 1 : 0;
                r = r.toBuilder().priority(p).build();
            }
            int at = out.size();
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).priority() > r.priority()) {
                    at = i;
                    break;
                }
            }
            out.add(at, r);
        }
        return out;
    }

    /**
     * A new builder (no links, no rules, no routes).
     *
     * @return a new builder (no links, no rules, no routes)
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Link link(String name) {
        return linksByName.get(name);
    }

    @Override
    public Link link(int index) {
        return linksByIndex.get(index);
    }

    @Override
    public List<Link> links() {
        return links;
    }

    @Override
    public List<Address> addresses(int ifindex, Family family) {
        return (family == Family.INET ? v4 : v6).getOrDefault(ifindex, List.of());
    }

    /**
     * Every address, IPv4 then IPv6, each in link order.
     *
     * @return every address, IPv4 then IPv6, each in link order
     */
    public List<Address> addresses() {
        return addresses;
    }

    @Override
    public boolean isLocalAddress(InetAddress address) {
        return localAddresses.contains(address);
    }

    @Override
    public PolicyRules rules(Family family) {
        return family == Family.INET ? rules4 : rules6;
    }

    @Override
    public FibTable table(Family family, long id) {
        if (id >= 0 && id < 256) {
            return (family == Family.INET ? small4 : small6)[(int) id];
        }
        return (family == Family.INET ? tables4 : tables6).get(id);
    }

    /**
     * The table ids of a family that hold routes.
     *
     * @param family the family
     * @return the table ids of a family that hold routes
     */
    public Set<Long> tableIds(Family family) {
        return (family == Family.INET ? tables4 : tables6).keySet();
    }

    /**
     * Every route of a family, table by table (ascending ids), each table in dump order.
     *
     * @param family the family
     * @return every route of a family, table by table (ascending ids), each table in dump order
     */
    public List<Route> routes(Family family) {
        List<Route> out = new ArrayList<>();
        new TreeMap<>(family == Family.INET ? tables4 : tables6).values().forEach(t -> t.forEach(out::add));
        return out;
    }

    @Override
    public boolean ipv4TablesMerged() {
        return merged;
    }

    @Override
    public boolean forwarding(Family family) {
        return forwarding;
    }

    @Override
    public long defaultUid() {
        return uid;
    }

    /**
     * Whether a hop's gateway resolves to a local route (the nexthop then has scope host and lookups do not report
     * the gateway), resolved as the kernel does when a route is created (uid 0) and remembered: this model does not
     * change. Null for a hop whose device index is unknown (the lookup then resolves it through the chosen device).
     */
    @Override
    public Boolean ipv4NexthopHostScope(Route route, int hop) {
        InetAddress gw;
        int ifindex;
        if (route.isMultipath()) {
            if (hop < 0 || hop >= route.nextHops().size()) {
                return null;
            }
            gw = route.nextHops().get(hop).gateway();
            ifindex = route.nextHops().get(hop).deviceIndex();
        } else {
            gw = route.gateway();
            ifindex = route.deviceIndex();
        }
        if (gw == null || ifindex == 0) {
            return gw == null ? Boolean.FALSE : null;
        }
        RouteTable table = route.table();
        LastGateway last = lastGateway;
        if (last != null && last.gateway() == gw && last.ifindex() == ifindex && last.table() == table.id()) {
            return last.local();
        }
        Boolean local = gatewayLocal.computeIfAbsent(new GatewayKey(gw, ifindex, table.id()),
                k -> LookupEngine.gatewayResolvesLocal(this, k.gateway(), k.ifindex(), table, 0));
        lastGateway = new LastGateway(gw, ifindex, table.id(), local);
        return local;
    }

    /**
     * {@link LookupEngine#selectAddr4} remembering its last answer, for the untraced lookup: the same device, scope
     * and gateway (the same object, as the routes of one template share it) give the same source.
     */
    InetAddress selectAddr4(int ifindex, InetAddress dst, int scope) {
        LastSource last = lastSource;
        if (last != null && last.dst() == dst && last.ifindex() == ifindex && last.scope() == scope) {
            return last.source();
        }
        InetAddress src = LookupEngine.selectAddr4(this, ifindex, dst, scope);
        lastSource = new LastSource(ifindex, dst, scope, src);
        return src;
    }

    @Override
    public String toString() {
        return "RoutingModel[" + links.size() + " links, " + addresses.size() + " addresses, " + rules4.size() + "+"
                + rules6.size() + " rules, " + routes(Family.INET).size() + "+" + routes(Family.INET6).size()
                + " routes]";
    }

    /**
     * Builder for {@link RoutingModel}. Collections are copied; the built model shares nothing mutable.
     *
     * <pre>{@code
     * RoutingModel.builder().links(routing.links()).addresses(routing.addresses())
     *     .rules(routing.rules()).routes(routing.routes()).build();
     * }</pre>
     *
     * <p>Not thread-safe: a builder is filled by one thread; what it builds is immutable and safe to share.
     */
    public static final class Builder {
        private final List<Link> links = new ArrayList<>();
        private final List<Address> addresses = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<Route> routes = new ArrayList<>();
        private boolean merged;
        private boolean forwarding;
        private long uid;

        Builder() {}

        /**
         * Adds a link.
         *
         * @param l the link
         * @return this builder
         */
        public Builder link(Link l) {
            links.add(Objects.requireNonNull(l));
            return this;
        }

        /**
         * Adds links.
         *
         * @param ls the links
         * @return this builder
         */
        public Builder links(List<Link> ls) {
            ls.forEach(this::link);
            return this;
        }

        /**
         * Adds an address (its device must be one of the links, by name or index).
         *
         * @param a the address
         * @return this builder
         */
        public Builder address(Address a) {
            addresses.add(Objects.requireNonNull(a));
            return this;
        }

        /**
         * Adds addresses.
         *
         * @param as the addresses
         * @return this builder
         */
        public Builder addresses(List<Address> as) {
            as.forEach(this::address);
            return this;
        }

        /**
         * Adds a rule (in list order; a missing priority is assigned as the kernel does).
         *
         * @param r the rule
         * @return this builder
         */
        public Builder rule(Rule r) {
            rules.add(Objects.requireNonNull(r));
            return this;
        }

        /**
         * Adds rules.
         *
         * @param rs the rules
         * @return this builder
         */
        public Builder rules(List<Rule> rs) {
            rs.forEach(this::rule);
            return this;
        }

        /**
         * Adds the kernel's default rules of both families (0 local, 32766 main, 32767 default for IPv4).
         *
         * @return this builder
         */
        public Builder defaultRules() {
            for (Family f : Family.values()) {
                rule(Rule.builder().family(f).priority(0L).action(RuleAction.lookup(RouteTable.LOCAL))
                        .protocol(RouteProtocol.KERNEL).build());
                rule(Rule.builder().family(f).priority(32766L).action(RuleAction.lookup(RouteTable.MAIN))
                        .protocol(RouteProtocol.KERNEL).build());
            }
            rule(Rule.builder().family(Family.INET).priority(32767L).action(RuleAction.lookup(RouteTable.DEFAULT))
                    .protocol(RouteProtocol.KERNEL).build());
            return this;
        }

        /**
         * Adds a route after those with the same table and destination.
         *
         * @param r the route
         * @return this builder
         */
        public Builder route(Route r) {
            routes.add(Objects.requireNonNull(r));
            return this;
        }

        /**
         * Adds routes.
         *
         * @param rs the routes
         * @return this builder
         */
        public Builder routes(List<Route> rs) {
            rs.forEach(this::route);
            return this;
        }

        /**
         * Whether IPv4 local and main are still merged (no IPv4 rule ever changed). Default false.
         *
         * @param v true while merged
         * @return whether IPv4 local and main are still merged (no IPv4 rule ever changed)
         */
        public Builder ipv4TablesMerged(boolean v) {
            merged = v;
            return this;
        }

        /**
         * Whether forwarding is on. Default false.
         *
         * @param v true when forwarding is on
         * @return whether forwarding is on
         */
        public Builder forwarding(boolean v) {
            forwarding = v;
            return this;
        }

        /**
         * The uid of lookups without one. Default 0.
         *
         * @param v the uid
         * @return the uid of lookups without one
         */
        public Builder defaultUid(long v) {
            uid = v;
            return this;
        }

        /**
         * The model.
         *
         * @return the model
         */
        public RoutingModel build() {
            return new RoutingModel(this);
        }
    }
}
