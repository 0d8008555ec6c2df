package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.model.FibTable;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Links and addresses, and the routes the kernel generates for them (devinet.c, fib_frontend.c, addrconf.c). */
final class Net {
    private Net() {}

    static final InetAddress V4_LOOPBACK = InetAddresses.parse("127.0.0.1");
    static final InetAddress V6_LOOPBACK = InetAddresses.parse("::1");
    static final int BCAST_ALL = -1;

    // ------------------------------------------------------------------ links

    static KernelState.Dev addLink(KernelState k, String name, String kind) throws KErr {
        if (k.byName.containsKey(name)) {
            throw KErr.of(Errno.EEXIST);
        }
        if (!"dummy".equals(kind) && !"bridge".equals(kind)) {
            throw KErr.of(Errno.EOPNOTSUPP, "Unknown device type");
        }
        int idx = k.nextIndex;
        while (k.devs.containsKey(idx)) {
            idx++;
        }
        k.nextIndex = idx + 1;
        String mac = String.format("02:00:00:00:%02x:%02x", (idx >> 8) & 0xff, idx & 0xff);
        KernelState.Dev d = new KernelState.Dev(idx, name, kind, 1500, mac, k.addrGenMode);
        k.devs.put(idx, d);
        k.byName.put(name, d);
        return d;
    }

    static KernelState.Dev addLoopback(KernelState k) {
        KernelState.Dev d = new KernelState.Dev(1, "lo", null, 65536, "00:00:00:00:00:00", AddrGenMode.EUI64);
        k.devs.put(1, d);
        k.byName.put("lo", d);
        k.nextIndex = 2;
        return d;
    }

    static void setUp(KernelState k, KernelState.Dev d, boolean up) {
        if (d.up == up) {
            return;
        }
        d.up = up;
        d.activated |= up;
        d.link = null;
        if (up) {
            if (d.loopback()) {
                boolean have = false;
                for (Address a : d.v4) {
                    have |= a.address().equals(V4_LOOPBACK) && a.local().length() == 8;
                }
                if (!have) {
                    Address lo = new Address(CidrAddress.of(V4_LOOPBACK, 8), null, null, "lo", 1, RouteScope.HOST,
                            Set.of(AddressFlag.PERMANENT), "lo", 0, Address.FOREVER, Address.FOREVER);
                    insertV4(k, d, lo);
                }
            }
            for (Address a : new ArrayList<>(d.v4)) {
                for (Route r : kernelRoutes4(d, a)) {
                    V4Routes.magicAdd(k, r);
                }
            }
            linkUp6(k, d);
        } else {
            flush4(k, r -> allHopsDead(k, r), false);
            // IPv6: addresses go, every route through the device goes
            for (Address a : new ArrayList<>(d.v6)) {
                k.removeLocal(a.address());
                k.addressRemoved(a);
            }
            d.v6.clear();
            flush6(k, d.index, false);
        }
    }

    static void deleteLink(KernelState k, KernelState.Dev d) throws KErr {
        if (d.loopback()) {
            throw KErr.of(Errno.EOPNOTSUPP);
        }
        for (Address a : new ArrayList<>(d.v4)) {
            removeV4(k, d, a, true);
        }
        flush4(k, r -> onDev(r, d.index), true);
        for (Address a : new ArrayList<>(d.v6)) {
            k.removeLocal(a.address());
            k.addressRemoved(a);
        }
        d.v6.clear();
        flush6(k, d.index, true);
        k.devs.remove(d.index);
        k.byName.remove(d.name);
    }

    static boolean onDev(Route r, int idx) {
        if (r.isMultipath()) {
            for (NextHop h : r.nextHops()) {
                if (h.deviceIndex() == idx) {
                    return true;
                }
            }
            return false;
        }
        return r.deviceIndex() == idx;
    }

    static boolean allHopsDead(KernelState k, Route r) {
        if (r.type().isError() || r.scope().value() >= 254) {
            return false;
        }
        if (r.isMultipath()) {
            for (NextHop h : r.nextHops()) {
                KernelState.Dev d = k.devs.get(h.deviceIndex());
                if (d != null && d.up) {
                    return false;
                }
            }
            return true;
        }
        KernelState.Dev d = k.devs.get(r.deviceIndex());
        return d == null || !d.up;
    }

    /** Removes IPv4 routes (all tables) for which {@code gone} holds; {@code force} includes host scope. */
    static void flush4(KernelState k, Predicate<Route> gone, boolean force) {
        for (FibTable t : k.t4.values()) {
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> keep = new ArrayList<>(list.size());
                for (Route r : list) {
                    if (!gone.test(r)) {
                        keep.add(r);
                    }
                }
                if (keep.size() != list.size()) {
                    t.set(p, keep);
                }
            }
        }
    }

    /** Removes IPv6 routes through a device (multipath: the route goes when no hop is alive, or on unregister). */
    static void flush6(KernelState k, int idx, boolean unregister) {
        for (FibTable t : k.t6.values()) {
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> keep = new ArrayList<>(list.size());
                for (Route r : list) {
                    boolean gone;
                    if (!r.isMultipath()) {
                        gone = r.deviceIndex() == idx;
                    } else if (unregister) {
                        // the siblings through the device go; the others stay (as a single path if one is left)
                        List<NextHop> rest = new ArrayList<>();
                        for (NextHop h : r.nextHops()) {
                            if (h.deviceIndex() != idx) {
                                rest.add(h);
                            }
                        }
                        gone = rest.isEmpty();
                        if (!gone && rest.size() != r.nextHops().size()) {
                            for (NextHop h : r.nextHops()) {
                                if (h.deviceIndex() == idx) {
                                    k.routeRemoved(V6Routes.withHops(r, List.of(h)));
                                }
                            }
                            r = V6Routes.withHops(r, rest);
                        }
                    } else {
                        gone = true;
                        for (NextHop h : r.nextHops()) {
                            KernelState.Dev d = k.devs.get(h.deviceIndex());
                            if (d != null && d.up) {
                                gone = false;
                            }
                        }
                    }
                    if (!gone) {
                        keep.add(r);
                    } else {
                        k.routeRemoved(r); // fib6 deletes notify (IPv4's fib_flush does not)
                    }
                }
                if (!keep.equals(list)) {
                    t.set(p, keep);
                }
            }
        }
    }

    // ------------------------------------------------------------------ IPv4 addresses

    static int v4(InetAddress a) {
        return a.hashCode();
    }

    static int mask(int len) {
        return len == 0 ? 0 : -1 << (32 - len);
    }

    static int plen(Address a) {
        return a.peer() != null ? a.peer().length() : a.local().length();
    }

    static InetAddress ifaAddress(Address a) {
        return a.peer() != null ? a.peer().address() : a.local().address();
    }

    static boolean sameSubnet(Address a, Address b) {
        int la = plen(a);
        return la == plen(b) && ((v4(ifaAddress(a)) ^ v4(ifaAddress(b))) & mask(la)) == 0;
    }

    static void addV4(KernelState k, KernelState.Dev d, Address a) throws KErr {
        boolean secondary = false;
        for (Address e : d.v4) {
            if (sameSubnet(e, a)) {
                if (e.address().equals(a.address())) {
                    throw KErr.of(Errno.EEXIST, "ipv4: Address already assigned");
                }
                if (!e.scope().equals(a.scope())) {
                    throw KErr.of(Errno.EINVAL, "ipv4: Invalid scope value");
                }
                secondary = true;
            }
        }
        EnumSet<AddressFlag> fl = EnumSet.noneOf(AddressFlag.class);
        if (a.flags().contains(AddressFlag.NOPREFIXROUTE)) {
            fl.add(AddressFlag.NOPREFIXROUTE);
        }
        if (secondary) {
            fl.add(AddressFlag.SECONDARY);
        }
        if (a.validLifetime() == Address.FOREVER) {
            fl.add(AddressFlag.PERMANENT);
        }
        Address n = new Address(a.local(), a.peer(), a.broadcast(), d.name, d.index, a.scope(), fl,
                a.label() != null ? a.label() : d.name, a.metric(), a.validLifetime(), a.preferredLifetime());
        insertV4(k, d, n);
    }

    static void insertV4(KernelState k, KernelState.Dev d, Address n) {
        int at = d.v4.size();
        if (!n.secondary()) {
            at = 0;
            for (int i = 0; i < d.v4.size(); i++) {
                Address e = d.v4.get(i);
                // __inet_insert_ifa: after every primary whose scope is at least the new one's (ifa_scope <= ifa1_scope)
                if (!e.secondary() && n.scope().value() <= e.scope().value()) {
                    at = i + 1;
                }
            }
        }
        d.v4.add(at, n);
        k.addLocal(n.address());
        k.addressAdded(n);
        for (Route r : kernelRoutes4(d, n)) {
            V4Routes.magicAdd(k, r);
        }
    }

    static Address primaryOf(KernelState.Dev d, Address a) {
        if (!a.secondary()) {
            return a;
        }
        for (Address e : d.v4) {
            if (!e.secondary() && sameSubnet(e, a)) {
                return e;
            }
        }
        return a;
    }

    /** fib_add_ifaddr for one address. */
    static List<Route> kernelRoutes4(KernelState.Dev d, Address a) {
        List<Route> out = new ArrayList<>(4);
        Address prim = primaryOf(d, a);
        InetAddress src = prim.address();
        InetAddress addr = a.address();
        out.add(V4Routes.magic(RouteType.LOCAL, addr, 32, src, d, 0));
        if (!d.up) {
            return out;
        }
        if (a.broadcast() != null && v4(a.broadcast()) != BCAST_ALL) {
            out.add(V4Routes.magic(RouteType.BROADCAST, a.broadcast(), 32, src, d, 0));
        }
        int len = plen(a);
        int m = mask(len);
        int prefix = v4(ifaAddress(a)) & m;
        if ((prefix >>> 24) != 0 && !a.secondary() && (prefix != v4(addr) || len < 32)) {
            if (!a.flags().contains(AddressFlag.NOPREFIXROUTE)) {
                out.add(V4Routes.magic(d.loopback() ? RouteType.LOCAL : RouteType.UNICAST, ifaAddress(a), len, src, d,
                        a.metric()));
            }
            if (len < 31) {
                out.add(V4Routes.magic(RouteType.BROADCAST, toV4(prefix | ~m), 32, src, d, 0));
            }
        }
        return out;
    }

    static InetAddress toV4(int v) {
        return InetAddresses.fromBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    static List<Route> kernelRoutes4(KernelState.Dev d) {
        List<Route> out = new ArrayList<>();
        for (Address a : d.v4) {
            out.addAll(kernelRoutes4(d, a));
        }
        return out;
    }

    static void deleteV4(KernelState k, KernelState.Dev d, Address sel) throws KErr {
        Address found = null;
        for (Address e : d.v4) {
            if (e.address().equals(sel.address()) && plen(e) == plen(sel)
                    && (sel.peer() == null || sameSubnet(e, sel))) {
                found = e;
                break;
            }
        }
        if (found == null) {
            throw KErr.of(Errno.EADDRNOTAVAIL, "ipv4: Address not found");
        }
        if (!found.secondary()) {
            for (Address s : new ArrayList<>(d.v4)) {
                if (s.secondary() && sameSubnet(s, found)) {
                    removeV4(k, d, s, false);
                }
            }
        }
        removeV4(k, d, found, false);
        if (d.v4.isEmpty()) {
            // the last address: fib_disable_ip(dev, NETDEV_DOWN, force)
            flush4(k, r -> !r.type().isError() && allOn(k, r, d.index), true);
        }
    }

    static boolean allOn(KernelState k, Route r, int idx) {
        if (!r.isMultipath()) {
            return r.deviceIndex() == idx;
        }
        for (NextHop h : r.nextHops()) {
            KernelState.Dev x = k.devs.get(h.deviceIndex());
            if (h.deviceIndex() != idx && x != null && x.up) {
                return false;
            }
        }
        return true;
    }

    /** __inet_del_ifa for one address: its routes (those no other address needs), then stray prefsrc routes. */
    static void removeV4(KernelState k, KernelState.Dev d, Address a, boolean deviceGoing) {
        List<Route> before = kernelRoutes4(d);
        d.v4.remove(a);
        k.addressRemoved(a);
        List<Route> after = deviceGoing ? List.of() : kernelRoutes4(d);
        for (Route r : after) {
            before.remove(r);
        }
        for (Route r : before) {
            V4Routes.magicDelete(k, r);
        }
        k.removeLocal(a.address());
        // fib_del_ifaddr: "this local address finally disappeared" is judged by the local table alone
        if (k.addressType(a.address(), RouteTable.LOCAL) != RouteType.LOCAL) {
            FibTable main = k.table(Family.INET, 254);
            if (main != null) {
                InetAddress gone = a.address();
                for (IpPrefix p : main.prefixes()) {
                    List<Route> list = main.get(p);
                    List<Route> keep = new ArrayList<>(list.size());
                    for (Route r : list) {
                        if (!gone.equals(r.prefsrc())) {
                            keep.add(r);
                        }
                    }
                    if (keep.size() != list.size()) {
                        main.set(p, keep);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ IPv6 addresses

    static int scope6(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return 0x1;
        }
        if (a.isLinkLocalAddress()) {
            return 0x2;
        }
        return 0xE;
    }

    static void addV6(KernelState k, KernelState.Dev d, Address a) throws KErr {
        for (Address e : d.v6) {
            if (e.address().equals(a.address())) {
                throw KErr.of(Errno.EEXIST, "ipv6: address already assigned");
            }
        }
        if (!d.loopback() && d.up) {
            // a new address brings ff00::/8 back if it was deleted (observed; not for a duplicate address)
            V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.MULTICAST, 255, IpPrefix.parse("ff00::/8"), d, 256));
        }
        EnumSet<AddressFlag> fl = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : a.flags()) {
            if (f == AddressFlag.NODAD || f == AddressFlag.NOPREFIXROUTE || f == AddressFlag.MANAGETEMPADDR) {
                fl.add(f);
            }
        }
        if (a.validLifetime() == Address.FOREVER) {
            fl.add(AddressFlag.PERMANENT);
        }
        RouteScope scope = a.address().isLoopbackAddress() ? RouteScope.HOST
                : a.address().isLinkLocalAddress() ? RouteScope.LINK : a.scope();
        Address n = new Address(a.local(), a.peer(), null, d.name, d.index, scope, fl, null, a.metric(),
                a.validLifetime(), a.preferredLifetime());
        insertV6(k, d, n);
    }

    static void insertV6(KernelState k, KernelState.Dev d, Address n) {
        int s = scope6(n.address());
        int at = d.v6.size();
        for (int i = 0; i < d.v6.size(); i++) {
            if (s >= scope6(d.v6.get(i).address())) {
                at = i;
                break;
            }
        }
        d.v6.add(at, n);
        k.addLocal(n.address());
        k.addressAdded(n);
        addrRoutes6(k, d, n);
    }

    static void addrRoutes6(KernelState k, KernelState.Dev d, Address n) {
        if (d.up && !n.flags().contains(AddressFlag.NOPREFIXROUTE) && !n.address().isLoopbackAddress()) {
            V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.UNICAST, 254, n.local().toPrefix(), d,
                    n.metric() == 0 ? 256 : n.metric()));
        }
        V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(n.address()), d, 0));
    }

    static void deleteV6(KernelState k, KernelState.Dev d, Address sel) throws KErr {
        Address found = null;
        for (Address e : d.v6) {
            if (e.address().equals(sel.address()) && e.local().length() == sel.local().length()) {
                found = e;
                break;
            }
        }
        if (found == null) {
            throw KErr.of(Errno.EADDRNOTAVAIL, "ipv6: address not found");
        }
        d.v6.remove(found);
        k.removeLocal(found.address());
        k.addressRemoved(found);
        V6Routes.kernelDelete(k, 255, IpPrefix.host(found.address()), d.index, RouteType.LOCAL);
        boolean shared = false;
        for (Address e : d.v6) {
            shared |= e.local().toPrefix().equals(found.local().toPrefix())
                    && !e.flags().contains(AddressFlag.NOPREFIXROUTE);
        }
        if (!shared && !found.flags().contains(AddressFlag.NOPREFIXROUTE)) {
            V6Routes.kernelDelete(k, 254, found.local().toPrefix(), d.index, RouteType.UNICAST);
        }
        InetAddress gone = found.address();
        for (FibTable t : k.t6.values()) {
            for (IpPrefix p : t.prefixes()) {
                List<Route> list = t.get(p);
                List<Route> upd = new ArrayList<>(list.size());
                boolean changed = false;
                for (Route r : list) {
                    if (gone.equals(r.prefsrc())) {
                        upd.add(r.toBuilder().prefsrc(null).build());
                        changed = true;
                    } else {
                        upd.add(r);
                    }
                }
                if (changed) {
                    t.set(p, upd);
                }
            }
        }
    }

    static void linkUp6(KernelState k, KernelState.Dev d) {
        if (d.loopback()) {
            loopback6Address(k, d);
            if (d.genMode == AddrGenMode.NONE && d.genModeChanged) {
                // observed: only the first lo up after addr_gen_mode was changed on lo adds ::1 to main
                d.genModeChanged = false;
                V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.UNICAST, 254, IpPrefix.host(V6_LOOPBACK), d, 256));
            }
            V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(V6_LOOPBACK), d, 0));
            return;
        }
        for (Address a : new ArrayList<>(d.v6)) {
            addrRoutes6(k, d, a);
        }
        V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.MULTICAST, 255, IpPrefix.parse("ff00::/8"), d, 256));
        if (d.genMode == AddrGenMode.EUI64) {
            V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.UNICAST, 254, IpPrefix.parse("fe80::/64"), d, 256));
            InetAddress ll = eui64(d.mac);
            boolean have = false;
            for (Address a : d.v6) {
                have |= a.address().equals(ll);
            }
            if (!have) {
                Address a = new Address(CidrAddress.of(ll, 64), null, null, d.name, d.index, RouteScope.LINK,
                        Set.of(AddressFlag.PERMANENT), null, 0, Address.FOREVER, Address.FOREVER);
                int at = d.v6.size();
                d.v6.add(at, a);
                k.addLocal(ll);
                k.addressAdded(a);
                V6Routes.kernelAdd(k, V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(ll), d, 0));
            }
        }
    }

    /** Gives lo its ::1/128 unless it has it. */
    static void loopback6Address(KernelState k, KernelState.Dev d) {
        Address lo = new Address(CidrAddress.of(V6_LOOPBACK, 128), null, null, "lo", 1, RouteScope.HOST,
                Set.of(AddressFlag.PERMANENT), null, 0, Address.FOREVER, Address.FOREVER);
        boolean have = false;
        for (Address a : d.v6) {
            have |= a.address().equals(V6_LOOPBACK);
        }
        if (!have) {
            d.v6.add(lo);
            k.addLocal(V6_LOOPBACK);
            k.addressAdded(lo);
        }
    }

    static InetAddress eui64(String mac) {
        String[] p = mac.split(":");
        byte[] b = new byte[16];
        b[0] = (byte) 0xfe;
        b[1] = (byte) 0x80;
        int[] m = new int[6];
        for (int i = 0; i < 6; i++) {
            m[i] = Integer.parseInt(p[i], 16);
        }
        b[8] = (byte) (m[0] ^ 0x02);
        b[9] = (byte) m[1];
        b[10] = (byte) m[2];
        b[11] = (byte) 0xff;
        b[12] = (byte) 0xfe;
        b[13] = (byte) m[3];
        b[14] = (byte) m[4];
        b[15] = (byte) m[5];
        return InetAddresses.fromBytes(b);
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
