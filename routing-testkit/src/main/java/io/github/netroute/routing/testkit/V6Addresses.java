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
/** IPv6 addresses (addrconf.c) and the routes the kernel generates for them. */
final class V6Addresses {
    private V6Addresses() {}

    static final InetAddress V6_LOOPBACK = InetAddresses.parse("::1");

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
