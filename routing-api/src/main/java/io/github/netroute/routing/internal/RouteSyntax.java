package io.github.netroute.routing.internal;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteMetrics;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ip route} syntax: the arguments of {@code ip route add} and the lines of {@code ip route show}, both
 * ways (iproute2 6.1's {@code iproute_modify} and {@code print_route}).
 *
 * <p>Family: IPv6 when any address in the text is IPv6, else IPv4 when any is IPv4; a text without addresses
 * ({@code blackhole default dev lo table 100 metric 1024 pref medium}, as {@code ip -6 route show} prints an
 * IPv6 reject route) is IPv6 when it carries an IPv6-only attribute ({@code pref}, {@code expires},
 * {@code from}), else IPv4 ({@code default} alone is IPv4, as for {@code ip route add}).
 *
 * <p>Deliberate differences from iproute2: keywords are not abbreviated ({@code ip route add ... proto} works,
 * {@code pro} does not); IPv4 shorthand prefixes ({@code 10/8}) are not accepted; a single {@code nexthop} is
 * stored as a single-path route (the kernel does the same); show-only words ({@code linkdown}, {@code dead},
 * {@code expires 298sec}, {@code lock} after a metric name, {@code features ecn 0x3}) are accepted everywhere.
 */
final class RouteSyntax {
    private RouteSyntax() {}

    /** iproute2's print order of nexthop flags (print_rt_flags). */
    static final NextHopFlag[] FLAG_ORDER = {
        // iproute2 print_rt_flags(): the RTNH_F words, notify among them, then the RTM_F route words
        NextHopFlag.DEAD, NextHopFlag.ONLINK, NextHopFlag.PERVASIVE, NextHopFlag.OFFLOAD, NextHopFlag.TRAP,
        NextHopFlag.NOTIFY, NextHopFlag.LINKDOWN, NextHopFlag.UNRESOLVED, NextHopFlag.RT_OFFLOAD, NextHopFlag.RT_TRAP,
        NextHopFlag.RT_OFFLOAD_FAILED,
    };

    // ------------------------------------------------------------------ parse

    static Route parse(String text) {
        Tokens t = new Tokens(text);
        if (t.size() == 0) {
            throw t.whole("empty route");
        }
        P p = new P(t);
        while (t.hasNext()) {
            p.word(t.next());
        }
        return p.build();
    }

    private static final class P {
        final Tokens t;
        final List<Object[]> addresses = new ArrayList<>(); // {Family, index}
        boolean v6Hint;
        RouteType type;
        String dstWord;
        int dstIndex = -1;
        CidrAddress src;
        int srcIndex = -1;
        int tos;
        InetAddress gateway;
        String device;
        InetAddress prefsrc;
        long priority;
        RouteProtocol protocol;
        RouteScope scope;
        RouteTable table;
        EnumSet<NextHopFlag> flags = EnumSet.noneOf(NextHopFlag.class);
        final List<Hop> hops = new ArrayList<>();
        RouteMetrics metrics = RouteMetrics.NONE;
        RoutePreference preference;
        Integer expires;
        long realms;
        long nhid;

        P(Tokens t) {
            this.t = t;
        }

        InetAddress addr(String what) {
            InetAddress a = t.address(what);
            addresses.add(new Object[] {Family.of(a), t.last()});
            return a;
        }

        void word(String w) {
            switch (w) {
                case "src":
                    t.value();
                    prefsrc = addr("src address");
                    return;
                case "via":
                    gateway = via();
                    return;
                case "from": {
                    t.value();
                    src = t.cidr("from prefix");
                    srcIndex = t.last();
                    addresses.add(new Object[] {src.family(), srcIndex});
                    v6Hint = true;
                    return;
                }
                case "tos":
                case "dsfield":
                    tos = t.dsfield();
                    return;
                case "expires": {
                    String v = t.value();
                    String n = v.endsWith("sec") ? v.substring(0, v.length() - 3) : v;
                    long e = Numbers.parseOrMinus1(n);
                    if (e < 0 || e > Integer.MAX_VALUE) {
                        throw t.invalid("expires");
                    }
                    expires = (int) e;
                    v6Hint = true;
                    return;
                }
                case "metric":
                case "priority":
                case "preference":
                    t.value();
                    priority = t.unsigned("metric", 0xFFFF_FFFFL);
                    return;
                case "scope":
                    scope = t.scope();
                    return;
                case "dev":
                case "oif":
                    device = deviceName();
                    return;
                case "table":
                    t.value();
                    try {
                        table = RouteTable.parse(t.peekLast());
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("table");
                    }
                    return;
                case "proto":
                case "protocol":
                    t.value();
                    try {
                        protocol = RouteProtocol.parse(t.peekLast());
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("protocol");
                    }
                    return;
                case "pref":
                    t.value();
                    try {
                        preference = RoutePreference.parse(t.peekLast());
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("pref", "low, medium or high");
                    }
                    v6Hint = true;
                    return;
                case "realm":
                case "realms":
                    realms = realmsValue();
                    return;
                case "nexthop":
                    hops.add(hop());
                    return;
                case "nhid":
                    t.value();
                    nhid = t.unsigned("nhid", 0xFFFF_FFFFL);
                    if (nhid == 0) {
                        throw t.invalid("nhid", "1..4294967295");
                    }
                    return;
                case "congctl": {
                    boolean lock = t.accept("lock");
                    String v = t.value();
                    try {
                        metrics = metrics.withCongctl(v, lock);
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("congctl");
                    }
                    return;
                }
                default:
                    break;
            }
            NextHopFlag f = flag(w);
            if (f != null) {
                flags.add(f);
                return;
            }
            RouteMetric m = RouteMetric.ofName(w);
            if (m != null) {
                metric(m);
                return;
            }
            destination(w);
        }

        void destination(String w) {
            int i = t.last();
            if (dstWord != null) {
                throw t.unexpected(i);
            }
            String d = w;
            if (d.equals("to")) {
                d = t.value();
                i = t.last();
            }
            if (!d.isEmpty() && (d.charAt(0) < '0' || d.charAt(0) > '9') && isTypeWord(d)) {
                if (type != null) {
                    throw t.unexpected(i);
                }
                type = RouteType.parse(d.equals("brd") ? "broadcast" : d);
                d = t.value();
                i = t.last();
            }
            if (d.equals("default") || d.equals("all") || d.equals("any")) {
                dstWord = d;
                dstIndex = i;
                return;
            }
            if (d.indexOf('.') < 0 && d.indexOf(':') < 0) {
                throw t.unexpected(i);
            }
            CidrAddress c = t.cidr("prefix");
            if (!c.isPrefix()) {
                throw t.invalid(i, "prefix", "host bits set (the network is " + c.toPrefix() + ")");
            }
            addresses.add(new Object[] {c.family(), i});
            dstWord = d;
            dstIndex = i;
        }

        InetAddress via() {
            String v = t.value();
            if (v.equals("inet") || v.equals("inet6")) {
                t.value();
            }
            InetAddress a = v.equals("inet") || v.equals("inet6") ? t.address("gateway") : addr("gateway");
            if (v.equals("inet") && Family.of(a) != Family.INET || v.equals("inet6") && Family.of(a) != Family.INET6) {
                throw t.invalid("gateway", "not an " + v + " address");
            }
            return a;
        }

        String deviceName() {
            String d = t.value();
            if (d.length() > 15 || d.indexOf('/') >= 0) {
                throw t.invalid("device name");
            }
            return d;
        }

        long realmsValue() {
            t.value();
            long r = Names.realmsValue(t.peekLast());
            if (r < 0) {
                throw t.invalid("realms");
            }
            return r;
        }

        Hop hop() {
            Hop h = new Hop(t.last());
            while (t.hasNext()) {
                String w = t.peek();
                switch (w) {
                    case "via":
                        t.next();
                        h.gateway = via();
                        h.any = true;
                        continue;
                    case "dev":
                        t.next();
                        h.device = deviceName();
                        h.any = true;
                        continue;
                    case "weight":
                        t.next();
                        t.value();
                        h.weight = (int) t.unsigned("weight", 256);
                        if (h.weight == 0) {
                            throw t.invalid("weight", "1..256");
                        }
                        h.any = true;
                        continue;
                    case "realm":
                    case "realms":
                        t.next();
                        h.realms = realmsValue();
                        h.any = true;
                        continue;
                    default:
                        NextHopFlag f = flag(w);
                        if (f == null) {
                            break;
                        }
                        t.next();
                        h.flags.add(f);
                        h.any = true;
                        continue;
                }
                break;
            }
            if (!h.any) {
                // name the word that ended the nexthop (it is neither a nexthop field nor a route keyword after one)
                String why = "empty nexthop at position " + h.index;
                throw t.hasNext() ? t.invalid(t.last() + 1, "nexthop field", why) : t.whole(why + " at the end");
            }
            return h;
        }

        void metric(RouteMetric m) {
            boolean lock = t.accept("lock");
            if (m == RouteMetric.FEATURES) {
                long f = 0;
                if (t.accept("ecn")) {
                    f = 1;
                }
                String n = t.peek();
                if (n != null && n.startsWith("0x") && Numbers.parseOrMinus1(n) >= 0) {
                    t.next();
                    f = t.unsigned("features", 0xFFFF_FFFFL);
                }
                metrics = metrics.with(m, f);
                if (lock) {
                    metrics = metrics.withLock(m);
                }
                return;
            }
            t.value();
            long v;
            if (m == RouteMetric.RTT || m == RouteMetric.RTTVAR || m == RouteMetric.RTO_MIN) {
                boolean[] raw = new boolean[1];
                v = timeRtt(t.peekLast(), raw);
                if (v >= 0 && !raw[0]) {
                    v = m == RouteMetric.RTT ? v * 8 : m == RouteMetric.RTTVAR ? v * 4 : v;
                }
                if (v < 0 || v > 0xFFFF_FFFFL) {
                    throw t.invalid(m.ipName());
                }
                if (m == RouteMetric.RTO_MIN) {
                    lock = true; // ip route add always locks rto_min
                }
            } else {
                v = t.unsigned(m.ipName(), 0xFFFF_FFFFL);
            }
            metrics = metrics.with(m, v);
            if (lock) {
                metrics = metrics.withLock(m);
            }
        }

        Route build() {
            Family f = null;
            for (Object[] a : addresses) {
                if (a[0] == Family.INET6) {
                    f = Family.INET6;
                }
            }
            if (f == null) {
                f = !addresses.isEmpty() ? Family.INET : v6Hint ? Family.INET6 : Family.INET;
            }
            for (Object[] a : addresses) {
                if (a[0] != f) {
                    throw t.invalid((Integer) a[1], "address", "not " + f.ipName() + " like the rest of the route");
                }
            }
            if (dstWord == null) {
                throw t.whole("no destination prefix (PREFIX or default)");
            }
            IpPrefix dst = dstWord.equals("default") || dstWord.equals("all") || dstWord.equals("any")
                    ? IpPrefix.defaultOf(f) : CidrAddress.parse(dstWord).toPrefix();
            if (src != null && !src.isPrefix()) {
                throw t.invalid(srcIndex, "from prefix", "host bits set");
            }
            if (f == Family.INET && src != null) {
                throw t.invalid(srcIndex, "from prefix", "a source prefix is only for IPv6 routes");
            }
            List<NextHop> nh = new ArrayList<>();
            InetAddress gw = gateway;
            String dev = device;
            EnumSet<NextHopFlag> fl = EnumSet.copyOf(flags);
            long rl = realms;
            try {
                if (hops.size() == 1 && gw == null && dev == null) {
                    Hop h = hops.get(0);
                    gw = h.gateway;
                    dev = h.device;
                    fl.addAll(h.flags);
                    if (h.realms != 0) {
                        rl = h.realms;
                    }
                } else {
                    if (!hops.isEmpty() && (gw != null || dev != null)) {
                        throw t.whole("a multipath route has its gateways and devices in its nexthops, not before");
                    }
                    for (Hop h : hops) {
                        nh.add(new NextHop(h.gateway, h.device, 0, h.weight, h.flags, h.realms));
                    }
                }
                Route.Builder b = Route.builder().family(f).type(type).table(table).dst(dst)
                        .src(src == null ? null : src.toPrefix()).tos(tos).gateway(gw).device(dev).prefsrc(prefsrc)
                        .priority(priority).protocol(protocol).scope(scope).flags(fl).nextHops(nh).metrics(metrics)
                        .preference(preference).expires(expires).realms(rl).nhid(nhid);
                return b.build();
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().contains(" in \"")) {
                    throw e;
                }
                throw t.whole(e.getMessage());
            }
        }
    }

    private static final class Hop {
        final int index;
        InetAddress gateway;
        String device;
        int weight = 1;
        long realms;
        EnumSet<NextHopFlag> flags = EnumSet.noneOf(NextHopFlag.class);
        boolean any;

        Hop(int index) {
            this.index = index;
        }
    }

    static boolean isTypeWord(String w) {
        if (w.equals("brd")) {
            return true;
        }
        for (RouteType ty : RouteType.values()) {
            if (ty.ipName().equals(w)) {
                return true;
            }
        }
        return false;
    }

    static NextHopFlag flag(String w) {
        for (NextHopFlag f : NextHopFlag.values()) {
            if (f.ipName().equals(w)) {
                return f;
            }
        }
        return null;
    }

    private static final Pattern FLOAT = Pattern.compile("^([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern ULONG = Pattern.compile("^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)");

    /** get_time_rtt: milliseconds (ceil), {@code raw[0]} true when no unit was given; -1 if bad. */
    static long timeRtt(String s, boolean[] raw) {
        double v;
        String rest;
        if (s.indexOf('.') >= 0) {
            Matcher m = FLOAT.matcher(s);
            if (!m.find() || m.end() == 0 || m.group().equals(".")) {
                return -1;
            }
            v = Double.parseDouble(m.group());
            rest = s.substring(m.end());
        } else {
            Matcher m = ULONG.matcher(s);
            if (!m.find() || m.group().length() > 12) {
                return -1;
            }
            String g = m.group();
            long x = Numbers.parseOrMinus1(g);
            if (x < 0 || x > 0xFFFF_FFFFL) {
                return -1;
            }
            v = x;
            rest = s.substring(m.end());
        }
        raw[0] = rest.isEmpty();
        if (!rest.isEmpty()) {
            String r = rest.toLowerCase(java.util.Locale.ROOT);
            if (r.equals("s") || r.equals("sec") || r.equals("secs")) {
                v *= 1000;
            } else if (!(r.equals("ms") || r.equals("msec") || r.equals("msecs"))) {
                return -1;
            }
        }
        if (!(v >= 0) || v >= 4294967296.0) {
            return -1;
        }
        long l = (long) v;
        if (l < v) {
            l++;
        }
        return l;
    }

    // ------------------------------------------------------------------ format

    static String format(Route r) {
        boolean v6 = r.family() == Family.INET6;
        StringBuilder sb = new StringBuilder(96);
        if (r.type() != RouteType.UNICAST) {
            sb.append(r.type().ipName()).append(' ');
        }
        sb.append(prefix(r.dst(), true));
        if (r.src() != null) {
            sb.append(" from ").append(prefix(r.src(), false));
        }
        if (r.nhid() != 0) {
            sb.append(" nhid ").append(r.nhid());
        }
        if (r.tos() != 0) {
            sb.append(" tos ").append(Names.dsfield(r.tos()));
        }
        if (r.gateway() != null) {
            via(sb, r.family(), r.gateway());
        }
        device(sb, r.device(), r.deviceIndex());
        if (r.table().id() != RouteTable.MAIN.id() && r.table().id() != 0) {
            sb.append(" table ").append(r.table().name());
        }
        if (!r.protocol().equals(RouteProtocol.BOOT)) {
            sb.append(" proto ").append(r.protocol());
        }
        if (!r.scope().equals(RouteScope.UNIVERSE)) {
            sb.append(" scope ").append(r.scope());
        }
        if (r.prefsrc() != null) {
            sb.append(" src ").append(InetAddresses.format(r.prefsrc()));
        }
        if (v6 || r.priority() != 0) {
            sb.append(" metric ").append(r.priority());
        }
        flags(sb, r.flags());
        if (r.realms() != 0) {
            sb.append(' ').append(Names.realms(r.realms()));
        }
        if (r.expires() != null) {
            sb.append(" expires ").append(r.expires()).append("sec");
        }
        metrics(sb, r.metrics());
        if (r.preference() != null) {
            sb.append(" pref ").append(r.preference().ipName());
        }
        for (NextHop h : r.nextHops()) {
            sb.append("\n\t").append(formatHop(h, r.family()));
        }
        return sb.toString();
    }

    /** {@code via GW}, or {@code via inet6 GW} / {@code via inet GW} when the gateway's family is not the route's. */
    static void via(StringBuilder sb, Family routeFamily, InetAddress gw) {
        sb.append(" via ");
        if (routeFamily != null && Family.of(gw) != routeFamily) {
            sb.append(Family.of(gw) == Family.INET6 ? "inet6 " : "inet ");
        }
        sb.append(InetAddresses.format(gw));
    }

    static String formatHop(NextHop h) {
        return formatHop(h, null);
    }

    static String formatHop(NextHop h, Family routeFamily) {
        StringBuilder sb = new StringBuilder("nexthop");
        if (h.gateway() != null) {
            via(sb, routeFamily, h.gateway());
        }
        if (h.realms() != 0) {
            sb.append(' ').append(Names.realms(h.realms()));
        }
        device(sb, h.device(), h.deviceIndex());
        sb.append(" weight ").append(h.weight());
        flags(sb, h.flags());
        return sb.toString();
    }

    static String prefix(IpPrefix p, boolean defaultWord) {
        if (p.isDefault() && defaultWord) {
            return "default";
        }
        return p.isHost() ? InetAddresses.format(p.address()) : p.toString();
    }

    static void device(StringBuilder sb, String name, int index) {
        if (name != null) {
            sb.append(" dev ").append(name);
        } else if (index != 0) {
            sb.append(" dev if").append(index);
        }
    }

    static void flags(StringBuilder sb, Set<NextHopFlag> flags) {
        for (NextHopFlag f : FLAG_ORDER) {
            if (flags.contains(f)) {
                sb.append(' ').append(f.ipName());
            }
        }
    }

    static void metrics(StringBuilder sb, RouteMetrics m) {
        for (RouteMetric x : RouteMetric.values()) {
            if (x.number() > RouteMetrics.RTAX_CC_ALGO && m.congctl() != null) {
                congctl(sb, m);
                m = m.withCongctl(null, false);
            }
            Long v = m.get(x);
            if (v == null || x == RouteMetric.HOPLIMIT && v == 0xFFFF_FFFFL) {
                continue;
            }
            sb.append(' ').append(x.ipName());
            if (m.isLocked(x)) {
                sb.append(" lock");
            }
            long val = v;
            switch (x) {
                case FEATURES:
                    if ((val & 1) != 0) {
                        sb.append(" ecn");
                    }
                    if ((val & ~1L) != 0) {
                        sb.append(" 0x").append(Long.toHexString(val));
                    }
                    break;
                case RTT:
                case RTTVAR:
                case RTO_MIN:
                    long ms = x == RouteMetric.RTT ? val / 8 : x == RouteMetric.RTTVAR ? val / 4 : val;
                    sb.append(' ').append(ms >= 1000 ? Names.cG(ms / 1e3) + "s" : ms + "ms");
                    break;
                default:
                    sb.append(' ').append(val);
                    break;
            }
        }
        if (m.congctl() != null) {
            congctl(sb, m);
        }
    }

    private static void congctl(StringBuilder sb, RouteMetrics m) {
        sb.append(" congctl");
        if (m.congctlLocked()) {
            sb.append(" lock");
        }
        sb.append(' ').append(m.congctl());
    }
}
