package io.github.netroute.examples.ip;

import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import java.util.ArrayList;
import java.util.List;

/**
 * iproute2's one-entry caches of {@code rtnl_rtprot_a2n()} and {@code rtnl_rtscope_a2n()} (lib/rt_names.c), which
 * live as long as the {@code ip} process, so across the lines of a batch. Each keeps the last <em>name</em> it
 * resolved and a result that a <em>number</em> parsed later overwrites ({@code res = strtoul(arg, ...)} writes the
 * same static); the next line naming the cached name then gets that number. In {@code ip -batch}, {@code proto
 * boot}, then {@code proto 42}, then {@code proto boot} installs the last route with protocol 42 ("babel"), and
 * {@code scope link} after {@code scope 200} means scope 200 —
 * and after {@code scope all} (addr flush, route show), which is no name and no number, scope 0: strtoul() wrote
 * its 0 before the call failed. netroute ip reproduces it within a batch, because
 * the kernel is handed what iproute2 hands it; a single command is its own process and starts with empty caches.
 *
 * <pre>{@code
 * NameCache c = new NameCache();
 * c.rewrite(List.of("route", "add", "unreachable", "10.0.0.0/8", "proto", "boot"));   // unchanged; caches "boot"
 * }</pre>
 */
final class NameCache {
    private String protoName;
    private long protoRes;
    private String scopeName;
    private long scopeRes;

    /** The words with each cached protocol or scope name replaced by the number iproute2 would send. */
    List<String> rewrite(List<String> argv) {
        List<String> out = new ArrayList<>(argv);
        // ipnh_list_flush_args reads "protocol" with get_unsigned(), never through rtnl_rtprot_a2n(): a nexthop
        // show or flush neither uses nor touches the cache (only nexthop add and replace do)
        boolean nexthopFilter = out.size() > 1 && out.get(0).length() >= 3 && "nexthop".startsWith(out.get(0))
                && !IpTool.matches(out.get(1), "add") && !IpTool.matches(out.get(1), "replace");
        for (int i = 0; i + 1 < out.size(); i++) {
            String w = out.get(i);
            if ((w.equals("proto") || w.equals("protocol")) && !nexthopFilter) {
                out.set(i + 1, proto(out.get(i + 1)));
            } else if (w.equals("scope")) {
                out.set(i + 1, scope(out.get(i + 1)));
            }
        }
        return out;
    }

    private String proto(String v) {
        if (protoName != null && protoName.equals(v)) {
            return Long.toString(protoRes);
        }
        Long n = number(v, 255);
        if (n != null) {
            protoRes = n;
            return v;
        }
        if (!isName(v, true)) {
            // not a name: strtoul() still writes the static (0 for "all", the leading digits otherwise)
            protoRes = strtoul(v);
            return v;
        }
        try {
            protoRes = RouteProtocol.parse(v).value();
            protoName = v;
        } catch (IllegalArgumentException e) {
            // not a name: iproute2 reports it (IpArgs)
        }
        return v;
    }

    private String scope(String v) {
        if (scopeName != null && scopeName.equals(v)) {
            return Long.toString(scopeRes);
        }
        Long n = number(v, 255);
        if (n != null) {
            scopeRes = n;
            return v;
        }
        if (!isName(v, false)) {
            // not a name: strtoul() still writes the static (0 for "all", the leading digits otherwise)
            scopeRes = strtoul(v);
            return v;
        }
        try {
            scopeRes = RouteScope.parse(v).value();
            scopeName = v;
        } catch (IllegalArgumentException e) {
            // not a name
        }
        return v;
    }

    private static boolean isName(String v, boolean proto) {
        try {
            if (proto) {
                RouteProtocol.parse(v);
            } else {
                RouteScope.parse(v);
            }
            return number(v, 255) == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What strtoul(arg, &end, 0) returns: the value of the leading digits (base by prefix), 0 if none. */
    private static long strtoul(String s) {
        int radix = 10;
        int i = 0;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            i = 2;
        } else if (s.startsWith("0")) {
            radix = 8;
        }
        long v = 0;
        for (; i < s.length() && Character.digit(s.charAt(i), radix) >= 0; i++) {
            v = v * radix + Character.digit(s.charAt(i), radix);
            if (v > 0xFFFF_FFFFL) {
                return v;
            }
        }
        return v;
    }

    /** strtoul(arg, &end, 0) accepting only a whole number up to max, else null. */
    private static Long number(String s, long max) {
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16)
                    : s.length() > 1 && s.startsWith("0") ? Long.parseLong(s.substring(1), 8) : Long.parseLong(s);
            return v >= 0 && v <= max ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
