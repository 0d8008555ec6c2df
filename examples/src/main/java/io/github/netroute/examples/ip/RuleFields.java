package io.github.netroute.examples.ip;

/**
 * A rule as iproute2's {@code print_rule()} (ip/iprule.c) writes it in JSON, read back from the text line netroute
 * prints for it: text and JSON come from the same calls in the same order, so each text word maps to its key
 * ({@code from 10.0.0.0/8} is {@code "src":"10.0.0.0","srclen":8}, {@code lookup 100} is {@code "table":"100"},
 * {@code not} is {@code "not":null}).
 *
 * <pre>{@code
 * RuleFields.json("100:\tfrom 10.0.0.0/8 lookup 100", writer);
 * // {"priority":100,"src":"10.0.0.0","srclen":8,"table":"100"}
 * }</pre>
 */
final class RuleFields {
    private RuleFields() {}

    /** With {@code -details}: the protocol is printed even when it is kernel or unspec (print_rule()). */
    static String details(String text, String protocol) {
        if (text.contains(" proto ")) {
            return text;
        }
        int dscp = text.indexOf(" dscp ");
        return dscp < 0 ? text + " proto " + protocol : text.substring(0, dscp) + " proto " + protocol
                + text.substring(dscp);
    }

    static void json(String text, JsonWriter w) {
        w.startObject();
        int colon = text.indexOf(":\t");
        String rest = text;
        if (colon > 0) {
            w.number("priority", Long.parseLong(text.substring(0, colon)));
            rest = text.substring(colon + 2);
        } else {
            w.number("priority", 0);
        }
        String[] t = rest.trim().split("\\s+");
        String last = null;
        for (int i = 0; i < t.length; i++) {
            String k = t[i];
            switch (k) {
                case "not" -> w.nullField("not");
                case "from" -> address(w, "src", "srclen", t[++i]);
                case "to" -> address(w, "dst", "dstlen", t[++i]);
                case "tos" -> w.field("tos", t[++i]);
                case "fwmark" -> {
                    String v = t[++i];
                    int slash = v.indexOf('/');
                    w.field("fwmark", slash < 0 ? v : v.substring(0, slash));
                    if (slash >= 0) {
                        w.field("fwmask", v.substring(slash + 1));
                    }
                }
                case "iif", "oif" -> {
                    w.field(k, t[++i]);
                    last = k;
                    continue;
                }
                case "[detached]" -> w.nullField(last + "_detached");
                case "lookup" -> {
                    String v = t[++i];
                    if (v.equals("[l3mdev-table]")) {
                        w.nullField("l3mdev");
                    } else {
                        w.field("table", v);
                    }
                }
                case "uidrange" -> {
                    String[] r = t[++i].split("-");
                    w.number("uid_start", Long.parseLong(r[0]));
                    w.number("uid_end", Long.parseLong(r[1]));
                }
                case "ipproto" -> w.field("ipproto", t[++i]);
                case "sport", "dport" -> {
                    String v = t[++i];
                    int dash = v.indexOf('-');
                    if (dash < 0) {
                        w.number(k, Long.parseLong(v));
                    } else {
                        w.number(k + "_start", Long.parseLong(v.substring(0, dash)));
                        w.number(k + "_end", Long.parseLong(v.substring(dash + 1)));
                    }
                }
                case "tun_id" -> w.number("tun_id", Long.parseUnsignedLong(t[++i]));
                case "suppress_prefixlength" -> w.number("suppress_prefixlen", Long.parseLong(t[++i]));
                case "suppress_ifgroup" -> w.field("suppress_ifgroup", t[++i]);
                case "realms" -> {
                    String v = t[++i];
                    int slash = v.indexOf('/');
                    if (slash > 0) {
                        w.field("flow_from", v.substring(0, slash));
                    }
                    w.field("flow_to", v.substring(slash + 1));
                }
                case "goto" -> {
                    String v = t[++i];
                    if (v.equals("none")) {
                        w.field("goto", v);
                    } else {
                        w.number("goto", Long.parseLong(v));
                    }
                }
                case "[unresolved]" -> w.nullField("unresolved");
                case "nop" -> w.nullField("nop");
                case "proto" -> w.field("protocol", t[++i]);
                case "dscp" -> w.field("dscp", t[++i]);
                case "map-to" -> w.field("nat_gateway", t[++i]);
                case "masquerade" -> w.nullField("masquerade");
                default -> w.field("action", k);
            }
            last = null;
        }
        w.endObject();
    }

    /** {@code all}, an address (a full-length prefix), or {@code ADDR/LEN}: the address key and the length key. */
    private static void address(JsonWriter w, String key, String lenKey, String v) {
        int slash = v.indexOf('/');
        if (slash < 0) {
            w.field(key, v);
        } else {
            w.field(key, v.substring(0, slash));
            w.number(lenKey, Long.parseLong(v.substring(slash + 1)));
        }
    }
}
