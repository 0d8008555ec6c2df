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
/** IPv4 addresses (devinet.c) and the routes the kernel generates for them (fib_frontend.c fib_add_ifaddr / fib_del_ifaddr). */
final class V4Addresses {
    private V4Addresses() {}

    static final InetAddress V4_LOOPBACK = InetAddresses.parse("127.0.0.1");

    static final int BCAST_ALL = -1;

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
            V4Routes.flush4(k, r -> !r.type().isError() && allOn(k, r, d.index), true);
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
}
