package io.github.netroute.examples.ip;

import io.github.netroute.examples.Format;
import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * iproute2's JSON output ({@code ip -j}, {@code ip -j -p}): each listing or answer is one JSON array, written as
 * iproute2 6.1 writes it — the same keys in the same order, the same number/string/null choices and, with
 * {@code -p}, the same layout. Routes, rules, route get answers and nexthops are read back from their iproute2 text
 * ({@link RouteFields}, {@link RuleFields}: iproute2 prints text and JSON from the same calls in the same order);
 * links and addresses are written from their values ({@code print_linkinfo()}, {@code print_addrinfo()}).
 *
 * <p>{@code ip monitor} has no JSON in iproute2 6.1 (ipmonitor.c never opens a JSON context), so notifications are
 * printed as text, as iproute2 prints them under {@code -j}. Error lines stay text on stderr.
 *
 * <pre>{@code
 * IpTool ip = new IpTool(routing, new JsonPrinter(System.out, false, 0), System.err);
 * ip.exec(List.of("route", "show"));   // [{"dst":"10.0.0.0/8","gateway":"192.168.1.1","dev":"br0","flags":[]}]
 * }</pre>
 */
public final class JsonPrinter implements Printer {
    private final PrintStream out;
    private final boolean pretty;
    private final int details;
    private java.util.function.IntFunction<Link> links = i -> null;
    private final TextPrinter text;
    private final StringBuilder buf = new StringBuilder();
    private JsonWriter w;

    /**
     * @param out where the JSON goes
     * @param pretty {@code -p}: iproute2's indented layout
     * @param details how many {@code -d} were given (0: none)
     */
    public JsonPrinter(PrintStream out, boolean pretty, int details) {
        this.out = out;
        this.pretty = pretty;
        this.details = details;
        this.text = new TextPrinter(out);
    }

    @Override
    public void begin() {
        w = new JsonWriter(buf, pretty);
        w.startArray();
        emit();
    }

    @Override
    public void end() {
        if (w == null) {
            return;
        }
        w.endArray();
        w.finish();
        w = null;
        emit();
    }

    private void emit() {
        out.print(buf);
        out.flush();
        buf.setLength(0);
    }

    /** A JSON context: one is opened for an entry printed outside begin/end (e.g. a single lookup). */
    private JsonWriter writer() {
        if (w == null) {
            begin();
        }
        return w;
    }

    @Override
    public void route(Route r, boolean withTable) {
        route(r, withTable, Set.of());
    }

    @Override
    public void route(Route r, boolean withTable, Set<String> hidden) {
        RouteFields f = RouteFields.parse(withTable ? r.toString() : Format.withoutTable(r));
        if (details > 0) {
            f = RouteFields.parse(TextPrinter.withNhInfo(withTable ? r.toString() : Format.withoutTable(r),
                    nexthops, details)).details(withTable, false, hidden);
        }
        f.json(writer());
        emit();
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch) {
        lookup(r, family, fibmatch, false);
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch, boolean joined) {
        RouteFields f = RouteFields.parse(TextPrinter.lookupText(r, family, fibmatch, joined));
        if (details > 0) {
            f = RouteFields.parse(TextPrinter.withNhInfo(TextPrinter.lookupText(r, family, fibmatch, joined),
                    nexthops, details)).details(fibmatch || r.table().id() != 0, !fibmatch && family == Family.INET, Set.of());
        }
        f.json(writer());
        emit();
    }

    @Override
    public void rule(Rule r) {
        String t = r.toString();
        RuleFields.json(details > 0 ? RuleFields.details(t, r.protocol().toString()) : t, writer());
        emit();
    }

    /** print_nexthop(): {@code id}, {@code group}, gateway, dev, scope, blackhole, protocol, flags, fdb. */
    @Override
    public void nexthop(Nexthop n) {
        nexthopObject(writer(), TextPrinter.nexthopText(n, details).trim().split("\\s+"));
        emit();
    }

    /** __print_nexthop_entry()'s JSON object, from the words of the nexthop's text. */
    static void nexthopObject(JsonWriter j, String[] t) {
        j.startObject();
        java.util.List<String> flags = new java.util.ArrayList<>();
        boolean fdb = false;
        for (int i = 0; i < t.length; i++) {
            switch (t[i]) {
                case "id" -> j.number("id", Long.parseLong(t[++i]));
                case "group" -> {
                    j.name("group");
                    j.startArray();
                    for (String m : t[++i].split("/")) {
                        j.startObject();
                        int comma = m.indexOf(',');
                        j.number("id", Long.parseLong(comma < 0 ? m : m.substring(0, comma)));
                        if (comma >= 0) {
                            j.number("weight", Long.parseLong(m.substring(comma + 1)));
                        }
                        j.endObject();
                    }
                    j.endArray();
                }
                case "type" -> {
                    j.field("type", t[++i]);
                    if (t[i].equals("resilient")) {
                        j.name("resilient_args");
                        j.startObject();
                        while (i + 2 < t.length && List.of("buckets", "idle_timer", "unbalanced_timer",
                                "unbalanced_time").contains(t[i + 1])) {
                            j.number(t[i + 1], Long.parseLong(t[i + 2]));
                            i += 2;
                        }
                        j.endObject();
                    }
                }
                case "via" -> j.field("gateway", t[++i]);
                case "dev" -> j.field("dev", t[++i]);
                case "scope" -> j.field("scope", t[++i]);
                case "blackhole" -> j.nullField("blackhole");
                case "proto" -> j.field("protocol", t[++i]);
                case "fdb" -> fdb = true;
                default -> flags.add(t[i]);
            }
        }
        j.name("flags");
        j.startArray();
        for (String f : flags) {
            j.string(f);
        }
        j.endArray();
        if (fdb) {
            j.nullField("fdb");
        }
        j.endObject();
    }

    @Override
    public void message(String line) {
        text.message(line);
    }

    private java.util.function.LongFunction<Nexthop> nexthops = id -> null;

    @Override
    public void nexthopLookup(java.util.function.LongFunction<Nexthop> lookup) {
        nexthops = lookup;
    }

    @Override
    public void link(Link l) {
        JsonWriter j = writer();
        j.startObject();
        linkHeader(j, l, true, false);
        linkLayer(j, l);
        if (details > 0) {
            LinkDetailsFormat.details(new LinkDetailsFormat.Json(j), l, true, links);
        }
        if (l.alias() != null) {
            j.field("ifalias", l.alias());
        }
        stats(j, l);
        j.endObject();
        emit();
    }

    private final LinkStatsFormat.Request statsRequest = new LinkStatsFormat.Request();

    @Override
    public void statistics(int level,
            java.util.function.IntFunction<io.github.netroute.routing.LinkStatistics> lookup) {
        statsRequest.set(level, lookup);
    }

    private void stats(JsonWriter j, Link l) {
        io.github.netroute.routing.LinkStatistics s = statsRequest.of(l);
        if (s != null) {
            LinkStatsFormat.json(j, s, statsRequest.level());
        }
    }

    @Override
    public void addresses(Link l, List<Address> addrs, boolean showMode, boolean inet6Dump, boolean linkLayer) {
        JsonWriter j = writer();
        j.startObject();
        linkHeader(j, l, showMode, inet6Dump);
        if (details > 0 && inet6Dump) {
            j.field("link_type", l.loopback() ? "loopback" : "ether");
            j.field("address", l.address() == null ? "00:00:00:00:00:00" : l.address());
        } else if (linkLayer || details > 0) {
            linkLayer(j, l);
            if (details > 0) {
                LinkDetailsFormat.details(new LinkDetailsFormat.Json(j), l, showMode, links);
            }
        }
        if (showMode && !inet6Dump) {
            stats(j, l);
        }
        j.name("addr_info");
        j.startArray();
        for (Address a : addrs) {
            address(j, a);
        }
        j.endArray();
        if (!showMode && !inet6Dump) {
            stats(j, l);
        }
        j.endObject();
        emit();
    }

    /** print_linkinfo(): the keys of the first line of {@code ip link}. */
    private void linkHeader(JsonWriter j, Link l, boolean showMode, boolean inet6Dump) {
        j.number("ifindex", l.index());
        Link parent = null;
        if (l.parent() > 0) {
            // IFLA_LINK: its name, or its index when it lives in another namespace (IFLA_LINK_NETNSID)
            if (l.parentNetnsId() >= 0) {
                j.number("link_index", l.parent());
            } else {
                parent = links.apply(l.parent());
                j.field("link", parent == null ? "if" + l.parent() : parent.name());
            }
        }
        j.field("ifname", l.name());
        j.name("flags");
        j.startArray();
        for (String f : TextPrinter.linkFlags(l)) {
            j.string(f);
        }
        if (parent != null && !parent.up()) {
            j.string("M-DOWN");
        }
        j.endArray();
        j.number("mtu", l.mtu());
        if (!inet6Dump && l.qdisc() != null) {
            j.field("qdisc", l.qdisc());
        }
        if (!inet6Dump && l.master() > 0) {
            Link m = links.apply(l.master());
            j.field("master", m == null ? "if" + l.master() : m.name());
        }
        j.field("operstate", l.operState() == null ? "UNKNOWN" : l.operState());
        if (!inet6Dump) {
            if (showMode) {
                j.field("linkmode", "DEFAULT");
            }
            j.field("group", l.group() == 0 ? "default" : Integer.toString(l.group()));
        }
        if (l.txQueueLength() != 0) {
            j.number("txqlen", l.txQueueLength());
        }
    }

    private static void linkLayer(JsonWriter j, Link l) {
        j.field("link_type", l.loopback() ? "loopback" : "ether");
        j.field("address", l.address() == null ? "00:00:00:00:00:00" : l.address());
        j.field("broadcast", l.broadcast() == null ? (l.loopback() ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff")
                : l.broadcast());
    }

    /** print_addrinfo(): one entry of {@code addr_info}. */
    private static void address(JsonWriter j, Address a) {
        j.startObject();
        j.field("family", a.family() == Family.INET ? "inet" : "inet6");
        j.field("local", host(a.local().toString()));
        if (a.peer() != null) {
            j.field("address", host(a.peer().toString()));
        }
        j.number("prefixlen", a.peer() != null ? a.peer().length() : a.local().length());
        if (a.metric() != 0) {
            j.number("metric", a.metric());
        }
        if (a.broadcast() != null) {
            j.field("broadcast", io.github.netroute.routing.IpAddresses.format(a.broadcast()));
        }
        j.field("scope", a.scope().toString());
        for (AddressFlag f : AddressFlag.values()) {
            if (f != AddressFlag.PERMANENT && a.flags().contains(f)) {
                j.bool(f == AddressFlag.SECONDARY && a.family() == Family.INET6 ? "temporary" : f.ipName(), true);
            }
        }
        if (a.family() == Family.INET) {
            String label = a.label() != null ? a.label() : a.device() != null ? a.device()
                    : a.deviceIndex() != 0 ? "if" + a.deviceIndex() : null;
            if (label != null) {
                j.field("label", label);
            }
        }
        j.number("valid_life_time", a.validLifetime());
        j.number("preferred_life_time", a.preferredLifetime());
        j.endObject();
    }

    /** The address part of {@code ADDR/LEN} as iproute2 prints it. */
    private static String host(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    @Override
    public void routeEvent(Route r, boolean deleted, String banner) {
        text.routeEvent(r, deleted, banner);
    }

    @Override
    public void ruleEvent(Rule r, boolean deleted, String banner) {
        text.ruleEvent(r, deleted, banner);
    }

    @Override
    public void linkEvent(Link l, boolean deleted, String banner) {
        text.linkEvent(l, deleted, banner);
    }

    @Override
    public void addressEvent(Address a, boolean deleted, String banner) {
        text.addressEvent(a, deleted, banner);
    }

    @Override
    public void nexthopEvent(io.github.netroute.routing.Nexthop n, boolean deleted, String banner) {
        text.nexthopEvent(n, deleted, banner);
    }

    @Override
    public void linkLookup(java.util.function.IntFunction<Link> lookup) {
        links = lookup;
        text.linkLookup(lookup);
    }

    /** ipneigh.c print_neigh() in a listing: dst, dev, lladdr, router/proxy/extern_learn as null, state as an array, protocol. */
    @Override
    public void neighbour(io.github.netroute.routing.Neighbour n, boolean withDevice) {
        if (w == null) {
            // ipneigh_get() opens no JSON object: print_neigh() then prints text, -j or not
            text.neighbour(n, withDevice);
            return;
        }
        JsonWriter j = w;
        String[] t = n.text(withDevice).trim().split("\\s+");
        j.startObject();
        j.field("dst", t[0]);
        for (int i = 1; i < t.length; i++) {
            switch (t[i]) {
                case "dev" -> j.field("dev", t[++i]);
                case "lladdr" -> j.field("lladdr", t[++i]);
                case "router", "proxy", "extern_learn" -> j.nullField(t[i]);
                case "proto" -> j.field("protocol", t[++i]);
                default -> {
                    j.name("state");
                    j.startArray();
                    j.string(t[i]);
                    j.endArray();
                }
            }
        }
        j.endObject();
        emit();
    }

    @Override
    public void resync(String reason) {
        text.resync(reason);
    }

    @Override
    public void flush() {
        out.flush();
    }
}
