package io.github.netroute.examples.ip;

import io.github.netroute.routing.RouteType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A route (or a route get answer) as the ordered fields iproute2's {@code print_route()} emits, read back from the
 * text netroute prints for it. iproute2 prints text and JSON from the same calls in the same order ({@code
 * print_string(PRINT_ANY, "dev", "dev %s ", …)}), so the text line holds every field in JSON order; this class turns
 * the text words into those fields, adds what {@code -details} adds ({@code unicast}, {@code table main},
 * {@code proto boot}, {@code scope global}) and writes them back as text or as iproute2's JSON.
 *
 * <pre>{@code
 * RouteFields f = RouteFields.parse("10.0.0.0/8 via 192.168.1.1 dev br0 metric 100", false);
 * f.json(writer);   // {"dst":"10.0.0.0/8","gateway":"192.168.1.1","dev":"br0","metric":100,"flags":[]}
 * }</pre>
 */
final class RouteFields {
    /** One printed field: the text keyword (or a pseudo key: type, dst, flag, mx:NAME, via:FAMILY) and its value. */
    record Field(String key, String value) {}

    private static final Set<String> FLAGS = Set.of("dead", "onlink", "pervasive", "offload", "trap", "notify",
            "linkdown", "unresolved", "rt_offload", "rt_trap", "rt_offload_failed");
    /** iproute2's mx_names (ip/iproute.c), the words of RTA_METRICS. */
    private static final Set<String> METRICS = Set.of("mtu", "window", "rtt", "rttvar", "ssthresh", "cwnd",
            "advmss", "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack", "congctl",
            "fastopen_no_cookie");
    private static final Set<String> ONE_VALUE = Set.of("from", "nhid", "tos", "dev", "table", "proto", "scope",
            "src", "metric", "mark", "realm", "realms", "uid", "expires", "error", "users", "used", "age", "iif",
            "pref", "weight", "ipid");

    private final List<Field> head;
    private final List<List<Field>> hops;
    /** The nexthop object's line {@code -d} prints under an nhid route (the text after {@code nh_info}), or null. */
    private final String nhInfo;

    private RouteFields(List<Field> head, List<List<Field>> hops, String nhInfo) {
        this.head = head;
        this.hops = hops;
        this.nhInfo = nhInfo;
    }

    /** Reads the text of a route (its nexthop lines too) or of a route get answer (its {@code cache} line too). */
    static RouteFields parse(String text) {
        List<Field> head = new ArrayList<>();
        List<List<Field>> hops = new ArrayList<>();
        String nhInfo = null;
        boolean first = true;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] w = t.split("\\s+");
            if (first) {
                int i = 0;
                if (isType(w[0])) {
                    head.add(new Field("type", w[i++]));
                }
                head.add(new Field("dst", w[i++]));
                words(w, i, head);
                first = false;
            } else if (w[0].equals("nh_info")) {
                nhInfo = t.substring("nh_info".length()).trim();
            } else if (w[0].equals("nexthop")) {
                List<Field> hop = new ArrayList<>();
                words(w, 1, hop);
                hops.add(hop);
            } else if (w[0].equals("cache")) {
                int i = 1;
                String flags = i < w.length && w[i].startsWith("<") ? w[i++] : "";
                head.add(new Field("cache", flags));
                words(w, i, head);
            } else {
                words(w, 0, head);
            }
        }
        return new RouteFields(head, hops, nhInfo);
    }

    private static boolean isType(String w) {
        for (RouteType t : RouteType.values()) {
            if (t.ipName().equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static void words(String[] w, int i, List<Field> out) {
        while (i < w.length) {
            String k = w[i++];
            if (k.equals("via")) {
                if ((w[i].equals("inet6") || w[i].equals("inet")) && i + 1 < w.length) {
                    out.add(new Field("via:" + w[i], w[i + 1]));
                    i += 2;
                } else {
                    out.add(new Field("via", w[i++]));
                }
            } else if (FLAGS.contains(k)) {
                out.add(new Field("flag", k));
            } else if (METRICS.contains(k) && i < w.length) {
                if (w[i].equals("lock") && i + 1 < w.length) {
                    i++;
                }
                out.add(new Field("mx:" + k, w[i++]));
            } else if (ONE_VALUE.contains(k) && i < w.length) {
                out.add(new Field(k, w[i++]));
            } else {
                out.add(new Field("word", k));
            }
        }
    }

    /**
     * What {@code ip -d} prints besides: the type even when unicast, the table even when main (unless the listing is
     * of one table), and, for an entry that is not a cache clone (every route but an IPv4 route get answer), the
     * protocol even when boot and the scope even when global — each unless a selector of the command fixed it.
     *
     * @param table whether the table is printed at all (iproute2: {@code !filter.tb})
     * @param cloned an IPv4 route get answer (RTM_F_CLONED): no protocol or scope
     * @param hidden the fields the command's selector fixed ({@code proto}, {@code scope}): never printed
     */
    RouteFields details(boolean table, boolean cloned, Set<String> hidden) {
        List<Field> h = new ArrayList<>(head);
        if (!h.get(0).key().equals("type")) {
            h.add(0, new Field("type", "unicast"));
        }
        int at = after(h, "type", "dst", "from", "nhid", "tos", "via", "via:inet", "via:inet6", "dev");
        if (table && !has(h, "table")) {
            h.add(at, new Field("table", "main"));
        }
        if (!cloned) {
            at = after(h, "type", "dst", "from", "nhid", "tos", "via", "via:inet", "via:inet6", "dev", "table");
            if (!has(h, "proto") && !hidden.contains("proto")) {
                h.add(at++, new Field("proto", "boot"));
            }
            at = after(h, "type", "dst", "from", "nhid", "tos", "via", "via:inet", "via:inet6", "dev", "table",
                    "proto");
            if (!has(h, "scope") && !hidden.contains("scope")) {
                h.add(at, new Field("scope", "global"));
            }
        }
        return new RouteFields(h, hops, nhInfo);
    }

    private static boolean has(List<Field> fs, String key) {
        return fs.stream().anyMatch(f -> f.key().equals(key));
    }

    /** The index after the last field whose key is one of {@code keys} (they lead the line in this order). */
    private static int after(List<Field> fs, String... keys) {
        int at = 0;
        for (int i = 0; i < fs.size(); i++) {
            if (List.of(keys).contains(fs.get(i).key())) {
                at = i + 1;
            }
        }
        return at;
    }

    /** The fields as iproute2's text (without the trailing spaces, which {@link TextPrinter#routeText} adds). */
    String text() {
        StringBuilder sb = new StringBuilder();
        boolean cacheLine = false;
        for (Field f : head) {
            String piece;
            switch (f.key()) {
                case "type", "dst", "flag", "word" -> piece = f.value().isEmpty() ? f.key() : f.value();
                case "cache" -> {
                    sb.append("\n    cache").append(f.value().isEmpty() ? "" : " " + f.value());
                    cacheLine = true;
                    continue;
                }
                default -> {
                    if (f.key().startsWith("via:")) {
                        piece = "via " + f.key().substring(4) + " " + f.value();
                    } else if (f.key().startsWith("mx:")) {
                        piece = f.key().substring(3) + " " + f.value();
                    } else {
                        piece = f.key() + " " + f.value();
                    }
                }
            }
            if (sb.length() > 0 && !(f.key().equals("word") && f.value().isEmpty())) {
                sb.append(' ');
            }
            sb.append(piece);
        }
        if (nhInfo != null) {
            sb.append("\n\tnh_info ").append(nhInfo);
        }
        for (List<Field> hop : hops) {
            sb.append("\n\tnexthop");
            for (Field f : hop) {
                sb.append(' ').append(f.key().equals("flag") ? f.value() : f.key().startsWith("via:")
                        ? "via " + f.key().substring(4) + " " + f.value() : f.key() + " " + f.value());
            }
        }
        return cacheLine ? sb.toString() : sb.toString();
    }

    /** Writes the route as one JSON object of {@code ip -j route}. */
    void json(JsonWriter w) {
        w.startObject();
        List<String> flags = new ArrayList<>();
        boolean flagsDone = false;
        boolean inMetrics = false;
        for (Field f : head) {
            String k = f.key();
            boolean afterFlags = !(k.equals("type") || k.equals("dst") || k.equals("from") || k.equals("nhid")
                    || k.equals("tos") || k.startsWith("via") || k.equals("dev") || k.equals("table")
                    || k.equals("proto") || k.equals("scope") || k.equals("src") || k.equals("metric")
                    || k.equals("flag"));
            if (afterFlags && !flagsDone) {
                flags(w, flags);
                flagsDone = true;
            }
            if (inMetrics && !k.startsWith("mx:")) {
                w.endObject();
                w.endArray();
                inMetrics = false;
            }
            switch (k) {
                case "type" -> w.field("type", f.value());
                case "dst" -> w.field("dst", f.value());
                case "from" -> w.field("from", f.value());
                case "nhid" -> w.number("nhid", Long.parseLong(f.value()));
                case "tos" -> w.field("tos", f.value());
                case "via" -> w.field("gateway", f.value());
                case "dev" -> w.field("dev", f.value());
                case "table" -> w.field("table", f.value());
                case "proto" -> w.field("protocol", f.value());
                case "scope" -> w.field("scope", f.value());
                case "src" -> w.field("prefsrc", f.value());
                case "metric" -> w.number("metric", Long.parseLong(f.value()));
                case "flag" -> flags.add(f.value());
                case "mark" -> w.number("mark", Long.decode(f.value()));
                case "realm", "realms" -> flow(w, f.value());
                case "uid" -> w.number("uid", Long.parseLong(f.value()));
                case "cache" -> {
                    w.name("cache");
                    w.startArray();
                    String v = f.value();
                    if (v.length() > 2) {
                        for (String c : v.substring(1, v.length() - 1).split(",")) {
                            w.string(c);
                        }
                    }
                    w.endArray();
                }
                case "expires", "age" -> w.number(k, Long.parseLong(f.value().replace("sec", "")));
                case "error", "users", "used" -> w.number(k, Long.parseLong(f.value()));
                case "ipid" -> w.field("ipid", f.value());
                case "iif" -> w.field("iif", f.value());
                case "pref" -> w.field("pref", f.value());
                default -> {
                    if (k.startsWith("via:")) {
                        via(w, k.substring(4), f.value());
                    } else if (k.startsWith("mx:")) {
                        if (!inMetrics) {
                            w.name("metrics");
                            w.startArray();
                            w.startObject();
                            inMetrics = true;
                        }
                        metric(w, k.substring(3), f.value());
                    } else {
                        w.nullField(f.value());
                    }
                }
            }
        }
        if (inMetrics) {
            w.endObject();
            w.endArray();
        }
        if (!flagsDone) {
            flags(w, flags);
        }
        if (nhInfo != null) {
            // print_cache_nexthop_id(fp, "\n\tnh_info ", "nh_info", id): the nexthop object, before the hops
            w.name("nh_info");
            JsonPrinter.nexthopObject(w, nhInfo.split("\\s+"));
        }
        if (!hops.isEmpty()) {
            w.name("nexthops");
            w.startArray();
            for (List<Field> hop : hops) {
                w.startObject();
                List<String> hf = new ArrayList<>();
                for (Field f : hop) {
                    switch (f.key()) {
                        case "via" -> w.field("gateway", f.value());
                        case "realm", "realms" -> flow(w, f.value());
                        case "dev" -> w.field("dev", f.value());
                        case "weight" -> w.number("weight", Long.parseLong(f.value()));
                        case "flag" -> hf.add(f.value());
                        default -> {
                            if (f.key().startsWith("via:")) {
                                via(w, f.key().substring(4), f.value());
                            }
                        }
                    }
                }
                flags(w, hf);
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }

    private static void flags(JsonWriter w, List<String> flags) {
        w.name("flags");
        w.startArray();
        for (String s : flags) {
            w.string(s);
        }
        w.endArray();
    }

    /** print_rta_via(): {@code "via":{"family":"inet6","host":"fe80::1"}}. */
    private static void via(JsonWriter w, String family, String host) {
        w.name("via");
        w.startObject();
        w.field("family", family);
        w.field("host", host);
        w.endObject();
    }

    /** print_rta_flow(): {@code "flow":{"from":"1","to":"2"}} (from only when set). */
    private static void flow(JsonWriter w, String v) {
        w.name("flow");
        w.startObject();
        int slash = v.indexOf('/');
        if (slash > 0) {
            w.field("from", v.substring(0, slash));
        }
        w.field("to", v.substring(slash + 1));
        w.endObject();
    }

    /** One RTA_METRICS entry as print_rta_metrics() writes it in JSON (rtt values in milliseconds, unscaled). */
    private static void metric(JsonWriter w, String name, String value) {
        switch (name) {
            case "features" -> {
                if (value.equals("ecn")) {
                    w.nullField("ecn");
                } else {
                    w.field("features", value);
                }
            }
            case "congctl" -> w.field("congestion", value);
            case "rtt", "rttvar", "rto_min" -> {
                long ms = value.endsWith("ms") ? Long.parseLong(value.substring(0, value.length() - 2))
                        : Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000);
                w.number(name, ms);
            }
            default -> w.number(name, Long.parseLong(value));
        }
    }
}
