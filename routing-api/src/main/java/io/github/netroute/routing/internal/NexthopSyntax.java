package io.github.netroute.routing.internal;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code ip nexthop} syntax both ways: the arguments of {@code ip nexthop add} (iproute2 6.1 {@code ipnexthop.c}
 * {@code ipnh_modify}) and the lines of {@code ip nexthop show} ({@code print_nexthop}, without {@code -d}).
 *
 * <p>Printed order: {@code id N}, {@code group M[,W]/...} with {@code type resilient buckets B idle_timer S
 * unbalanced_timer S unbalanced_time S} for a resilient group, {@code blackhole}, {@code via GW}, {@code dev D},
 * {@code scope S} (for single non-blackhole nexthops), {@code proto P} (when not unspec), flags, {@code fdb}.
 * Deliberate differences from iproute2: no {@code encap}, keywords are not abbreviated.
 */
public final class NexthopSyntax {
    private NexthopSyntax() {}

    /** Parses an {@code ip nexthop add} argument list or a show line. */
    public static Nexthop parse(String text, Family preferred) {
        Tokens t = new Tokens(text);
        if (t.size() == 0) {
            throw t.whole("empty nexthop");
        }
        long id = 0;
        InetAddress gw = null;
        int gwIndex = -1;
        String dev = null;
        boolean blackhole = false;
        boolean fdb = false;
        RouteProtocol proto = RouteProtocol.UNSPEC;
        RouteScope scope = null;
        EnumSet<NextHopFlag> flags = EnumSet.noneOf(NextHopFlag.class);
        List<NexthopGroup.Member> members = null;
        NexthopGroup.Type type = null;
        int buckets = 0;
        Long idle = null;
        Long unbalanced = null;
        Long unbalancedTime = null;
        while (t.hasNext()) {
            String w = t.next();
            switch (w) {
                case "id":
                    t.value();
                    id = t.unsigned("id", 0xFFFF_FFFFL);
                    break;
                case "via": {
                    String v = t.value();
                    if (v.equals("inet") || v.equals("inet6")) {
                        t.value();
                    }
                    gw = t.address("gateway");
                    gwIndex = t.last();
                    if (v.equals("inet") && Family.of(gw) != Family.INET
                            || v.equals("inet6") && Family.of(gw) != Family.INET6) {
                        throw t.invalid("gateway", "not an " + v + " address");
                    }
                    break;
                }
                case "dev": {
                    String d = t.value();
                    if (d.length() > 15 || d.indexOf('/') >= 0) {
                        throw t.invalid("device name");
                    }
                    dev = d;
                    break;
                }
                case "blackhole":
                    blackhole = true;
                    break;
                case "fdb":
                    fdb = true;
                    break;
                case "proto":
                case "protocol":
                    t.value();
                    try {
                        proto = RouteProtocol.parse(t.peekLast());
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("protocol");
                    }
                    break;
                case "scope":
                    scope = t.scope();
                    break;
                case "group":
                    t.value();
                    members = members(t);
                    break;
                case "type": {
                    String v = t.value();
                    if (v.equals("mpath")) {
                        type = NexthopGroup.Type.MPATH;
                    } else if (v.equals("resilient")) {
                        type = NexthopGroup.Type.RESILIENT;
                    } else {
                        throw t.invalid("group type", "mpath or resilient");
                    }
                    break;
                }
                case "buckets":
                    if (type != NexthopGroup.Type.RESILIENT) {
                        throw t.unexpected();
                    }
                    t.value();
                    buckets = (int) t.unsigned("buckets", 0xFFFF);
                    break;
                case "idle_timer":
                    idle = timer(t, type, "idle_timer");
                    break;
                case "unbalanced_timer":
                    unbalanced = timer(t, type, "unbalanced_timer");
                    break;
                case "unbalanced_time":
                    unbalancedTime = timer(t, type, "unbalanced_time");
                    break;
                default: {
                    NextHopFlag f = RouteSyntax.flag(w);
                    if (f == null) {
                        throw t.unexpected();
                    }
                    flags.add(f);
                }
            }
        }
        try {
            if (members != null) {
                if (gw != null || dev != null || blackhole) {
                    throw t.whole("a nexthop group has no via, dev or blackhole of its own");
                }
                NexthopGroup g = new NexthopGroup(members, type == null ? NexthopGroup.Type.MPATH : type, buckets, idle,
                        unbalanced, unbalancedTime);
                return new Nexthop(id, preferred, null, null, 0, flags, false, fdb, proto, RouteScope.UNIVERSE, g);
            }
            if (type != null) {
                throw t.whole("type is only for a nexthop group");
            }
            Family f = gw != null ? Family.of(gw) : preferred != null ? preferred : Family.INET;
            if (gw != null && preferred != null && Family.of(gw) != preferred) {
                throw t.invalid(gwIndex, "gateway", "not " + preferred.ipName());
            }
            RouteScope sc = scope != null ? scope
                    : blackhole ? RouteScope.UNIVERSE : gw != null ? RouteScope.LINK : RouteScope.HOST;
            return new Nexthop(id, f, gw, dev, 0, flags, blackhole, fdb, proto, sc, null);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(" in \"")) {
                throw e;
            }
            throw t.whole(e.getMessage());
        }
    }

    private static Long timer(Tokens t, NexthopGroup.Type type, String what) {
        if (type != NexthopGroup.Type.RESILIENT) {
            throw t.unexpected();
        }
        t.value();
        return t.unsigned(what, 0xFFFF_FFFFL / 100);
    }

    /** {@code id[,weight][/id[,weight]]...} (the word just consumed). */
    private static List<NexthopGroup.Member> members(Tokens t) {
        String v = t.peekLast();
        List<NexthopGroup.Member> out = new ArrayList<>();
        for (String part : v.split("/", -1)) {
            int comma = part.indexOf(',');
            String idText = comma < 0 ? part : part.substring(0, comma);
            long id = Numbers.parseOrMinus1(idText);
            long weight = comma < 0 ? 1 : Numbers.parseOrMinus1(part.substring(comma + 1));
            if (id < 1 || id > 0xFFFF_FFFFL) {
                throw t.invalid("group", "bad nexthop id \"" + idText + "\"");
            }
            if (weight < 1 || weight > 256) {
                throw t.invalid("group", "weight of " + idText + " out of range 1..256");
            }
            out.add(new NexthopGroup.Member(id, (int) weight));
        }
        return out;
    }

    /** The {@code ip nexthop show} line. */
    public static String format(Nexthop n) {
        StringBuilder sb = new StringBuilder(64);
        sb.append("id ").append(n.id());
        if (n.group() != null) {
            sb.append(" group ").append(formatGroup(n.group()));
        }
        if (n.blackhole()) {
            sb.append(" blackhole");
        }
        if (n.gateway() != null) {
            sb.append(" via ").append(InetAddresses.format(n.gateway()));
        }
        RouteSyntax.device(sb, n.device(), n.deviceIndex());
        if (n.group() == null && !n.blackhole()) {
            sb.append(" scope ").append(n.scope());
        }
        if (!n.protocol().equals(RouteProtocol.UNSPEC)) {
            sb.append(" proto ").append(n.protocol());
        }
        RouteSyntax.flags(sb, n.flags());
        if (n.fdb()) {
            sb.append(" fdb");
        }
        return sb.toString();
    }

    /** The group part after {@code group}. */
    public static String formatGroup(NexthopGroup g) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < g.members().size(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(g.members().get(i));
        }
        if (g.type() == NexthopGroup.Type.RESILIENT) {
            sb.append(" type resilient buckets ").append(g.buckets());
            sb.append(" idle_timer ").append(g.idleTimer() == null ? 120 : g.idleTimer());
            sb.append(" unbalanced_timer ").append(g.unbalancedTimer() == null ? 0 : g.unbalancedTimer());
            sb.append(" unbalanced_time ").append(g.unbalancedTime() == null ? 0 : g.unbalancedTime());
        }
        return sb.toString();
    }
}
