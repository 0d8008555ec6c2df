package io.github.netroute.routing.internal;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import java.net.InetAddress;
import java.util.EnumSet;

/**
 * {@code ip addr} syntax ({@code ip addr add} arguments and the {@code inet}/{@code inet6} line of
 * {@code ip addr show}) and {@code ip route get} (arguments and the first line of the answer).
 *
 * <p>Address flags print in iproute2's order; {@code permanent} is never printed and {@code dynamic} is
 * accepted and ignored (iproute2 prints {@code dynamic} for addresses <em>without</em> IFA_F_PERMANENT).
 * Lifetimes are accepted ({@code valid_lft}/{@code preferred_lft}) but not printed (they are on the next line
 * of {@code ip addr show}). An {@code inet6} show line names no device, so it parses to an address without one.
 */
final class AddressSyntax {
    private AddressSyntax() {}

    /** print_ifa_flags order. */
    private static final AddressFlag[] FLAG_ORDER = {
        AddressFlag.SECONDARY, AddressFlag.NODAD, AddressFlag.OPTIMISTIC, AddressFlag.DADFAILED,
        AddressFlag.HOMEADDRESS, AddressFlag.DEPRECATED, AddressFlag.TENTATIVE, AddressFlag.MANAGETEMPADDR,
        AddressFlag.NOPREFIXROUTE, AddressFlag.MCAUTOJOIN, AddressFlag.STABLE_PRIVACY,
    };

    static Address parseAddress(String text) {
        Tokens t = new Tokens(text);
        if (t.size() == 0) {
            throw t.whole("empty address");
        }
        boolean show = false;
        Family showFamily = null;
        if (t.peek().equals("inet") || t.peek().equals("inet6")) {
            show = true;
            showFamily = t.next().equals("inet") ? Family.INET : Family.INET6;
        }
        CidrAddress local = null;
        int localIndex = -1;
        boolean localHasLength = false;
        CidrAddress peer = null;
        int peerIndex = -1;
        InetAddress brd = null;
        int brdMode = 0; // 1 = '+', 2 = '-'
        RouteScope scope = null;
        String label = null;
        String device = null;
        long metric = 0;
        long valid = Address.FOREVER;
        long preferred = Address.FOREVER;
        EnumSet<AddressFlag> flags = EnumSet.noneOf(AddressFlag.class);
        while (t.hasNext()) {
            String w = t.next();
            int wi = t.last();
            switch (w) {
                case "peer":
                case "remote":
                    t.value();
                    peer = t.cidr("peer");
                    peerIndex = t.last();
                    continue;
                case "broadcast":
                case "brd": {
                    String v = t.value();
                    if (v.equals("+")) {
                        brdMode = 1;
                    } else if (v.equals("-")) {
                        brdMode = 2;
                    } else {
                        brd = t.address("broadcast");
                        brdMode = 0;
                    }
                    continue;
                }
                case "scope":
                    scope = t.scope();
                    continue;
                case "label":
                    label = name(t, "label");
                    continue;
                case "dev":
                    device = name(t, "device name");
                    continue;
                case "metric":
                case "priority":
                case "preference":
                    t.value();
                    metric = t.unsigned("metric", 0xFFFF_FFFFL);
                    continue;
                case "valid_lft":
                case "preferred_lft": {
                    String v = t.value();
                    long l = v.equals("forever") ? Address.FOREVER
                            : Numbers.parseOrMinus1(v.endsWith("sec") ? v.substring(0, v.length() - 3) : v);
                    if (l < 0 || l > 0xFFFF_FFFFL) {
                        throw t.invalid(w);
                    }
                    if (w.equals("valid_lft")) {
                        valid = l;
                    } else {
                        preferred = l;
                    }
                    continue;
                }
                case "dynamic":
                case "permanent":
                    continue;
                case "temporary":
                    flags.add(AddressFlag.SECONDARY);
                    continue;
                case "local":
                    if (local == null) {
                        t.value();
                        w = t.peekLast();
                        wi = t.last();
                    }
                    break;
                default:
                    break;
            }
            AddressFlag f = flag(w);
            if (f != null) {
                flags.add(f);
                continue;
            }
            if (local == null && (w.indexOf('.') >= 0 || w.indexOf(':') >= 0)) {
                local = t.cidr("address");
                localIndex = wi;
                localHasLength = w.indexOf('/') >= 0;
                continue;
            }
            if (show && showFamily == Family.INET && local != null && !t.hasNext()) {
                label = w.length() <= 15 && w.indexOf('/') < 0 ? w : null;
                if (label == null) {
                    throw t.invalid("label");
                }
                int colon = w.indexOf(':');
                device = colon > 0 ? w.substring(0, colon) : w;
                if (label.equals(device)) {
                    label = null;
                }
                continue;
            }
            throw t.unexpected(wi);
        }
        if (local == null) {
            throw t.whole("no address (ADDRESS[/LENGTH])");
        }
        Family f = local.family();
        if (showFamily != null && showFamily != f) {
            throw t.invalid(localIndex, "address", "not " + showFamily.ipName());
        }
        if (peer != null) {
            if (peer.family() != f) {
                throw t.invalid(peerIndex, "peer", "not " + f.ipName() + " like the address");
            }
            if (!localHasLength) {
                local = new CidrAddress(local.address(), peer.length());
            }
        }
        if (brdMode != 0) {
            if (f != Family.INET) {
                throw t.whole("broadcast can be set only for IPv4 addresses");
            }
            CidrAddress base = peer != null ? peer : local;
            if (base.length() <= 30) {
                byte[] b = base.address().getAddress();
                int v = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                int host = (int) ((1L << (32 - base.length())) - 1);
                v = brdMode == 1 ? v | host : v & ~host;
                brd = InetAddresses.fromBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                    (byte) v});
            }
        }
        if (brd != null && Family.of(brd) != f) {
            throw t.whole("broadcast is not " + f.ipName() + " like the address");
        }
        if (!show && device == null) {
            throw t.whole("an address needs a device (dev NAME)");
        }
        if (scope == null) {
            scope = defaultScope(local.address());
        }
        try {
            return new Address(local, peer, brd, device, 0, scope, flags, label, metric, valid, preferred);
        } catch (IllegalArgumentException e) {
            throw t.whole(e.getMessage());
        }
    }

    /** Scope when none is given: host for 127.0.0.0/8 (iproute2) and ::1, link for fe80::/10 (the kernel), else global. */
    static RouteScope defaultScope(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 127 ? RouteScope.HOST : RouteScope.UNIVERSE;
        }
        if (a.isLoopbackAddress()) {
            return RouteScope.HOST;
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return RouteScope.LINK;
        }
        return RouteScope.UNIVERSE;
    }

    private static String name(Tokens t, String what) {
        String d = t.value();
        if (d.length() > 15 || d.indexOf('/') >= 0) {
            throw t.invalid(what);
        }
        return d;
    }

    private static AddressFlag flag(String w) {
        for (AddressFlag f : AddressFlag.values()) {
            if (f.ipName().equals(w) && f != AddressFlag.PERMANENT) {
                return f;
            }
        }
        return null;
    }

    static String formatAddress(Address a) {
        Family f = a.family();
        StringBuilder sb = new StringBuilder(f.ipName()).append(' ');
        if (a.peer() != null) {
            sb.append(InetAddresses.format(a.address())).append(" peer ").append(InetAddresses.format(
                    a.peer().address())).append('/').append(a.peer().length());
        } else {
            sb.append(a.local());
        }
        // iproute2 print_addrinfo(): IFA_RT_PRIORITY ("metric") before IFA_BROADCAST ("brd")
        if (a.metric() != 0) {
            sb.append(" metric ").append(a.metric());
        }
        if (a.broadcast() != null) {
            sb.append(" brd ").append(InetAddresses.format(a.broadcast()));
        }
        sb.append(" scope ").append(a.scope());
        for (AddressFlag x : FLAG_ORDER) {
            if (a.flags().contains(x)) {
                sb.append(' ').append(x == AddressFlag.SECONDARY && f == Family.INET6 ? "temporary" : x.ipName());
            }
        }
        if (f == Family.INET) {
            String l = a.label() != null ? a.label() : a.device() != null ? a.device()
                    : a.deviceIndex() != 0 ? "if" + a.deviceIndex() : null;
            if (l != null) {
                sb.append(' ').append(l);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ ip route get

    static RouteLookup parseLookup(String text) {
        Tokens t = new Tokens(text);
        if (t.size() == 0) {
            throw t.whole("empty lookup");
        }
        RouteLookup.Builder b = RouteLookup.builder();
        InetAddress to = null;
        int toIndex = -1;
        InetAddress from = null;
        int fromIndex = -1;
        while (t.hasNext()) {
            String w = t.next();
            int wi = t.last();
            switch (w) {
                case "from":
                    t.value();
                    from = t.cidr("from address").address();
                    fromIndex = t.last();
                    continue;
                case "iif":
                    b.iif(name(t, "iif"));
                    continue;
                case "oif":
                case "dev":
                    b.oif(name(t, "oif"));
                    continue;
                case "mark":
                    t.value();
                    b.mark(t.unsigned("mark", 0xFFFF_FFFFL));
                    continue;
                case "uid":
                    t.value();
                    b.uid(t.unsigned("uid", 0xFFFF_FFFFL));
                    continue;
                case "tos":
                case "dsfield":
                    b.tos(t.dsfield());
                    continue;
                case "ipproto":
                    b.ipProto(t.ipProto());
                    continue;
                case "sport":
                case "dport": {
                    t.value();
                    int p = (int) t.unsigned(w, 65535);
                    if (w.equals("sport")) {
                        b.sport(p);
                    } else {
                        b.dport(p);
                    }
                    continue;
                }
                case "to":
                    t.value();
                    w = t.peekLast();
                    wi = t.last();
                    break;
                default:
                    break;
            }
            if (to != null || (w.indexOf('.') < 0 && w.indexOf(':') < 0)) {
                throw t.unexpected(wi);
            }
            to = t.cidr("destination").address();
            toIndex = wi;
        }
        if (to == null) {
            throw t.whole("no destination address");
        }
        if (from != null && Family.of(from) != Family.of(to)) {
            throw t.invalid(fromIndex, "from address", "not " + Family.of(to).ipName() + " like the destination at "
                    + "position " + toIndex);
        }
        return b.to(to).from(from).build();
    }

    static String formatLookup(LookupResult r) {
        boolean v6 = Family.of(r.destination()) == Family.INET6;
        Route route = r.route();
        StringBuilder sb = new StringBuilder(80);
        if (r.type() != RouteType.UNICAST) {
            sb.append(r.type().ipName()).append(' ');
        }
        sb.append(InetAddresses.format(r.destination()));
        if (r.from() != null) {
            sb.append(" from ").append(InetAddresses.format(r.from()));
        } else if (v6) {
            sb.append(" from ::");
        }
        if (r.tos() != 0) {
            // print_route(): rtm_tos after the destination and source, before the gateway
            sb.append(" tos ").append(Names.dsfield(r.tos()));
        }
        if (r.gateway() != null) {
            // an IPv4 lookup through a nexthop with an IPv6 gateway (RTA_VIA): iproute2 names the family
            boolean other = Family.of(r.gateway()) != Family.of(r.destination());
            sb.append(other ? " via inet6 " : " via ").append(InetAddresses.format(r.gateway()));
        }
        RouteSyntax.device(sb, r.device(), r.deviceIndex());
        if (r.table().id() != RouteTable.MAIN.id() && r.table().id() != 0) {
            sb.append(" table ").append(r.table().name());
        }
        if (v6 && route != null && !route.protocol().equals(RouteProtocol.BOOT)) {
            sb.append(" proto ").append(route.protocol());
        }
        if (r.source() != null) {
            sb.append(" src ").append(InetAddresses.format(r.source()));
        }
        if (v6 && route != null) {
            sb.append(" metric ").append(route.priority());
        }
        if (!v6 && r.type() == RouteType.MULTICAST) {
            // an IPv4 multicast answer carries RTCF_MULTICAST (0x20000000, include/uapi/linux/in_route.h) in
            // rtm_flags (net/ipv4/route.c rt_fill_info(): rt_flags & ~0xFFFF), the bit of RTM_F_OFFLOAD_FAILED
            // (include/uapi/linux/rtnetlink.h), which iproute2's print_rt_flags() names
            sb.append(" rt_offload_failed");
        }
        if (r.mark() != null && r.mark() != 0 && !v6) {
            // rt6_fill_node() puts no RTA_MARK in an IPv6 answer
            sb.append(" mark ").append(r.mark() >= 16 ? "0x" + Long.toHexString(r.mark()) : r.mark().toString());
        }
        if (r.uid() != null) {
            sb.append(" uid ").append(r.uid());
        }
        if (r.iif() != null && v6) {
            // IPv4 answers are cache entries (RTM_F_CLONED): iproute2's print_route() prints RTA_IIF after the
            // cache flags, on the second line ("cache <local,brd> iif eth0"); see LookupResult#toString
            sb.append(" iif ").append(r.iif());
        }
        if (v6 && route != null && route.preference() != null) {
            sb.append(" pref ").append(route.preference().ipName());
        }
        return sb.toString();
    }
}
