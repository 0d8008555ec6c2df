package io.github.netroute.routing.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The name tables iproute2 prints through (as shipped in /etc/iproute2 and netbase's /etc/protocols on the
 * capture machine), and C number formats. Not API.
 */
final class Names {
    private Names() {}

    /** /etc/iproute2/rt_dsfield. */
    private static final String[] DSFIELD = new String[256];
    /** /etc/protocols, the first name of each number (what getprotobynumber returns). */
    private static final String[] PROTOCOLS = new String[256];

    static {
        Object[][] ds = {
            {0x00, "default"}, {0x28, "AF11"}, {0x30, "AF12"}, {0x38, "AF13"}, {0x48, "AF21"}, {0x50, "AF22"},
            {0x58, "AF23"}, {0x68, "AF31"}, {0x70, "AF32"}, {0x78, "AF33"}, {0x88, "AF41"}, {0x90, "AF42"},
            {0x98, "AF43"}, {0x20, "CS1"}, {0x40, "CS2"}, {0x60, "CS3"}, {0x80, "CS4"}, {0xA0, "CS5"},
            {0xC0, "CS6"}, {0xE0, "CS7"}, {0xB8, "EF"},
        };
        for (Object[] d : ds) {
            DSFIELD[(Integer) d[0]] = (String) d[1];
        }
        String protos = "ip 0;icmp 1;igmp 2;ggp 3;ipencap 4;st 5;tcp 6;egp 8;igp 9;pup 12;udp 17;hmp 20;"
                + "xns-idp 22;rdp 27;iso-tp4 29;dccp 33;xtp 36;ddp 37;idpr-cmtp 38;ipv6 41;ipv6-route 43;"
                + "ipv6-frag 44;idrp 45;rsvp 46;gre 47;esp 50;ah 51;skip 57;ipv6-icmp 58;ipv6-nonxt 59;"
                + "ipv6-opts 60;rspf 73;vmtp 81;eigrp 88;ospf 89;ax.25 93;ipip 94;etherip 97;encap 98;pim 103;"
                + "ipcomp 108;vrrp 112;l2tp 115;isis 124;sctp 132;fc 133;mobility-header 135;udplite 136;"
                + "mpls-in-ip 137;manet 138;hip 139;shim6 140;wesp 141;rohc 142;ethernet 143";
        for (String p : protos.split(";")) {
            String[] kv = p.split(" ");
            PROTOCOLS[Integer.parseInt(kv[1])] = kv[0];
        }
    }

    /** rtnl_dsfield_n2a: the rt_dsfield name or {@code 0x%02x}. */
    static String dsfield(int v) {
        String n = v >= 0 && v < 256 ? DSFIELD[v] : null;
        return n != null ? n : String.format("0x%02x", v);
    }

    /** rtnl_dsfield_a2n: a name, else a hexadecimal number (strtoul base 16, "0x" optional) up to 255; -1 if bad. */
    static int dsfieldValue(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(DSFIELD[i])) {
                return i;
            }
        }
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (h.isEmpty() || h.length() > 8) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < h.length(); i++) {
            int d = Character.digit(h.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v <= 255 ? v : -1;
    }

    /** The DS field value of an rt_dsfield name, or -1. */
    static int dsfieldByName(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(DSFIELD[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The rt_dsfield name of a DS field value, or null. */
    static String dsfieldName(int v) {
        return v >= 0 && v < 256 ? DSFIELD[v] : null;
    }

    /** inet_proto_n2a: the protocol name, or {@code ipproto-N}. */
    static String ipProto(int p) {
        String n = p >= 0 && p < 256 ? PROTOCOLS[p] : null;
        return n != null ? n : "ipproto-" + p;
    }

    /** inet_proto_a2n: a name (also hopopt, and the ipproto-N form iproute2 prints) or a number; -1 if bad. */
    static int ipProtoValue(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(PROTOCOLS[i])) {
                return i;
            }
        }
        if (s.equals("hopopt")) {
            return 0;
        }
        String n = s.startsWith("ipproto-") ? s.substring(8) : s;
        long v = Numbers.parseOrMinus1(n);
        return v >= 0 && v <= 255 ? (int) v : -1;
    }

    /** rtnl_rtrealm_n2a (rt_realms names 0 as cosmos). */
    static String realm(long v) {
        return v == 0 ? "cosmos" : Long.toString(v);
    }

    /** A realm name or number up to 0xffff; -1 if bad. */
    static long realmValue(String s) {
        if (s.equals("cosmos")) {
            return 0;
        }
        long v = Numbers.parseOrMinus1(s);
        return v >= 0 && v <= 0xFFFF ? v : -1;
    }

    /** {@code realm TO} or {@code realms FROM/TO}, as print_rta_flow prints RTA_FLOW. */
    static String realms(long flow) {
        long from = flow >>> 16;
        long to = flow & 0xFFFF;
        return from != 0 ? "realms " + realm(from) + "/" + realm(to) : "realm " + realm(to);
    }

    /** get_rt_realms_or_raw: {@code [FROM/]TO} in realm names/numbers, or a raw 32-bit number; -1 if bad. */
    static long realmsValue(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            long v = realmValue(s);
            if (v >= 0) {
                return v;
            }
            long raw = Numbers.parseOrMinus1(s);
            return raw >= 0 && raw <= 0xFFFF_FFFFL ? raw : -1;
        }
        long from = realmValue(s.substring(0, slash));
        long to = realmValue(s.substring(slash + 1));
        return from < 0 || to < 0 ? -1 : (from << 16) | to;
    }

    /** rtnl_group_n2a (/etc/iproute2/group names 0 as default). */
    static String group(long g) {
        return g == 0 ? "default" : Long.toString(g);
    }

    /** A group name or number; -1 if bad. */
    static long groupValue(String s) {
        if (s.equals("default")) {
            return 0;
        }
        long v = Numbers.parseOrMinus1(s);
        return v >= 0 && v <= 0x7FFF_FFFFL ? v : -1;
    }

    /** C's {@code %g}: 6 significant digits, trailing zeros removed, exponent form outside 1e-4..1e6. */
    static String cG(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal r = new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -4 || exp >= 6) {
            BigDecimal mant = r.movePointLeft(exp).stripTrailingZeros();
            String m = mant.scale() <= 0 ? mant.toBigInteger().toString() : mant.toPlainString();
            return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        BigDecimal s = r.stripTrailingZeros();
        return s.scale() <= 0 ? s.toBigInteger().toString() : s.toPlainString();
    }
}
