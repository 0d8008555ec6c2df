package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IPv6 addresses (addrconf.c): owns every device's address list (by ifindex, in the kernel's order) and the count
 * of each local address; the routes the kernel generates for them go to {@link V6Routes}.
 */
final class V6Addresses extends AddressTable {
    static final InetAddress V6_LOOPBACK = InetAddresses.parse("::1");

    V6Addresses(KernelState k) {
        super(k);
    }

    /** A copy of {@code o}'s addresses (each list copied; addresses are immutable) for the namespace {@code k}. */
    V6Addresses(KernelState k, V6Addresses o) {
        super(k, o);
    }

    /** Some device has the address, not tentative (a valid IPv6 prefsrc). */
    boolean hasUsable(InetAddress a) {
        for (List<Address> l : byDev.values()) {
            for (Address x : l) {
                if (x.address().equals(a) && !x.flags().contains(AddressFlag.TENTATIVE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The device has the address ({@code dev} null: any device). */
    boolean isOn(InetAddress a, Links.Dev dev) {
        if (dev != null) {
            for (Address x : of(dev)) {
                if (x.address().equals(a)) {
                    return true;
                }
            }
            return false;
        }
        for (List<Address> l : byDev.values()) {
            for (Address x : l) {
                if (x.address().equals(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    static int scope6(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return 0x1;
        }
        if (a.isLinkLocalAddress()) {
            return 0x2;
        }
        return 0xE;
    }

    void addV6(Links.Dev d, Address a) throws KErr {
        for (Address e : of(d)) {
            if (e.address().equals(a.address())) {
                throw KErr.of(Errno.EEXIST, "ipv6: address already assigned");
            }
        }
        if (!d.loopback() && d.up) {
            // a new address brings ff00::/8 back if it was deleted (observed; not for a duplicate address)
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.MULTICAST, 255, IpPrefix.parse("ff00::/8"), d, 256));
        }
        EnumSet<AddressFlag> fl = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : a.flags()) {
            // net/ipv6/addrconf.c inet6_rtm_newaddr(): ifa_flags &= IFA_F_NODAD | IFA_F_HOMEADDRESS |
            // IFA_F_MANAGETEMPADDR | IFA_F_NOPREFIXROUTE | IFA_F_MCAUTOJOIN | IFA_F_OPTIMISTIC
            if (f == AddressFlag.NODAD || f == AddressFlag.NOPREFIXROUTE || f == AddressFlag.MANAGETEMPADDR
                    || f == AddressFlag.HOMEADDRESS) {
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
        insertV6(d, n);
    }

    void insertV6(Links.Dev d, Address n) {
        List<Address> v6 = listOf(d);
        int s = scope6(n.address());
        int at = v6.size();
        for (int i = 0; i < v6.size(); i++) {
            if (s >= scope6(v6.get(i).address())) {
                at = i;
                break;
            }
        }
        v6.add(at, n);
        addLocal(n.address());
        // inet6_addr_add: addrconf_prefix_route first; then (DAD done) __ipv6_ifa_notify sends RTM_NEWADDR before
        // it inserts the local route
        if (d.up && !n.flags().contains(AddressFlag.NOPREFIXROUTE) && !n.address().isLoopbackAddress()) {
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.UNICAST, 254, n.local().toPrefix(), d,
                    n.metric() == 0 ? 256 : n.metric()));
        }
        k.addressAdded(n);
        // the local route goes in when DAD is done (__ipv6_ifa_notify): at once for nodad (addrconf_dad_begin
        // completes it even on a down device), on an up device as soon as DAD ends; on a down device DAD stops
        // (not IF_READY) and the route waits for NETDEV_UP (linkUp6)
        if (d.up || d.loopback() || n.flags().contains(AddressFlag.NODAD)) {
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(n.address()), d, 0));
        }
    }

    /**
     * NETDEV_UP for an address the device holds (addrconf_permanent_addr → fixup_permanent_addr): the prefix route
     * comes back; the local route is regenerated but inserted only by a DAD that runs now, so an address whose DAD
     * already completed (nodad, added while the device was down) does not get back a local route deleted by hand
     * (observed on Linux 6.18, InMemoryVsKernelProperties seed -454571082279114685).
     */
    void addrRoutes6(Links.Dev d, Address n) {
        if (d.up && !n.flags().contains(AddressFlag.NOPREFIXROUTE) && !n.address().isLoopbackAddress()) {
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.UNICAST, 254, n.local().toPrefix(), d,
                    n.metric() == 0 ? 256 : n.metric()));
        }
        if (!n.flags().contains(AddressFlag.NODAD)) {
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(n.address()), d, 0));
        }
    }

    void deleteV6(Links.Dev d, Address sel) throws KErr {
        Address found = null;
        for (Address e : of(d)) {
            if (e.address().equals(sel.address()) && e.local().length() == sel.local().length()) {
                found = e;
                break;
            }
        }
        if (found == null) {
            throw KErr.of(Errno.EADDRNOTAVAIL, "ipv6: address not found");
        }
        listOf(d).remove(found);
        removeLocal(found.address());
        k.addressRemoved(found);
        k.routes6.kernelDelete(255, IpPrefix.host(found.address()), d.index, RouteType.LOCAL);
        boolean shared = false;
        for (Address e : of(d)) {
            // check_cleanup_prefix_route: any other address of the same prefix keeps the route (a permanent or
            // noprefixroute one outright, one with a lifetime by giving the route its expiry)
            shared |= e.local().toPrefix().equals(found.local().toPrefix());
        }
        if (!shared && !found.flags().contains(AddressFlag.NOPREFIXROUTE)) {
            k.routes6.prefixRouteDelete(found.local().toPrefix(), d.index);
        }
        k.routes6.clearPrefsrc(found.address(), this::usableFor);
    }

    /**
     * ipv6_chk_addr(net, a, dev, 0): a non-tentative address {@code a} on device {@code devIndex}, or on any device
     * with a scope wider than link.
     */
    boolean usableFor(InetAddress a, int devIndex) {
        for (Map.Entry<Integer, List<Address>> e : byDev.entrySet()) {
            for (Address x : e.getValue()) {
                if (x.address().equals(a) && !x.flags().contains(AddressFlag.TENTATIVE)
                        && (e.getKey() == devIndex || x.scope().value() < RouteScope.LINK.value())) {
                    return true;
                }
            }
        }
        return false;
    }


    /** The device went down or away: every address goes (notified), with no route work here. */
    void removeAll(Links.Dev d) {
        List<Address> v6 = byDev.remove(d.index);
        if (v6 == null) {
            return;
        }
        for (Address a : v6) {
            removeLocal(a.address());
            k.addressRemoved(a);
        }
    }

    void linkUp6(Links.Dev d) {
        if (d.loopback()) {
            List<Address> kept = new ArrayList<>(of(d));
            loopback6Address(d);
            if (d.genMode == AddrGenMode.NONE && d.genModeChanged) {
                // observed: only the first lo up after addr_gen_mode was changed on lo adds ::1 to main
                d.genModeChanged = false;
                k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.UNICAST, 254, IpPrefix.host(V6_LOOPBACK), d, 256));
            }
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(V6_LOOPBACK), d, 0));
            // addresses given to lo while it was down get their prefix routes now (addrconf_permanent_addr)
            for (Address a : of(d)) {
                if (!a.address().isLoopbackAddress() && !a.flags().contains(AddressFlag.NOPREFIXROUTE)) {
                    k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.UNICAST, 254, a.local().toPrefix(), d,
                            a.metric() == 0 ? 256 : a.metric()));
                }
            }
            // addrconf_dad_run on NETDEV_UP: each address lo kept while down gets RTM_NEWADDR again (observed on
            // Linux 6.18 for ::1 after addr_gen_mode was written)
            for (Address a : kept) {
                k.addressAdded(a);
            }
            return;
        }
        for (Address a : new ArrayList<>(of(d))) {
            addrRoutes6(d, a);
        }
        k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.MULTICAST, 255, IpPrefix.parse("ff00::/8"), d, 256));
        if (d.genMode == AddrGenMode.EUI64) {
            k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.UNICAST, 254, IpPrefix.parse("fe80::/64"), d, 256));
            InetAddress ll = eui64(d.mac);
            boolean have = false;
            for (Address a : of(d)) {
                have |= a.address().equals(ll);
            }
            if (!have) {
                Address a = new Address(CidrAddress.of(ll, 64), null, null, d.name, d.index, RouteScope.LINK,
                        Set.of(AddressFlag.PERMANENT), null, 0, Address.FOREVER, Address.FOREVER);
                List<Address> v6 = listOf(d);
                v6.add(v6.size(), a);
                addLocal(ll);
                k.addressAdded(a);
                k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(ll), d, 0));
            }
        }
    }

    /** Gives lo its ::1/128 unless it has it. */
    /** addr_gen_mode written while lo exists: its ::1/128 and {@code local ::1} at once (observed, Linux 6.18). */
    void loopbackGenModeWritten(Links.Dev lo) {
        loopback6Address(lo);
        k.routes6.kernelAdd(V6Routes.kernelRoute(RouteType.LOCAL, 255, IpPrefix.host(V6_LOOPBACK), lo, 0));
    }

    void loopback6Address(Links.Dev d) {
        Address lo = new Address(CidrAddress.of(V6_LOOPBACK, 128), null, null, "lo", 1, RouteScope.HOST,
                Set.of(AddressFlag.PERMANENT), null, 0, Address.FOREVER, Address.FOREVER);
        boolean have = false;
        for (Address a : of(d)) {
            have |= a.address().equals(V6_LOOPBACK);
        }
        if (!have) {
            listOf(d).add(lo);
            addLocal(V6_LOOPBACK);
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
