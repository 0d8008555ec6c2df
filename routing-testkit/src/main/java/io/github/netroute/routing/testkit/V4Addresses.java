package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * IPv4 addresses (devinet.c): owns every device's address list (by ifindex, in the kernel's order) and the count of
 * each local address; the routes the kernel generates for them go to {@link V4Routes} (fib_frontend.c
 * fib_add_ifaddr / fib_del_ifaddr).
 */
final class V4Addresses extends AddressTable {
    static final InetAddress V4_LOOPBACK = InetAddresses.parse("127.0.0.1");

    static final int BCAST_ALL = -1;

    /**
     * inet_addr_lst: each local address's entries, as the ifindex of their device, head first. inet_hash_insert()
     * adds at the head (hlist_add_head_rcu), so __ip_dev_find() finds the device where the address was added last.
     */
    private final java.util.Map<InetAddress, List<Integer>> hashChain = new java.util.HashMap<>();

    V4Addresses(KernelState k) {
        super(k);
    }

    /** A copy of {@code o}'s addresses (each list copied; addresses are immutable) for the namespace {@code k}. */
    V4Addresses(KernelState k, V4Addresses o) {
        super(k, o);
        o.hashChain.forEach((a, l) -> hashChain.put(a, new ArrayList<>(l)));
    }

    /** __ip_dev_find()'s address lookup: the ifindex of the newest entry of {@code a}, or 0 when no device has it. */
    int deviceOf(InetAddress a) {
        List<Integer> l = hashChain.get(a);
        return l == null || l.isEmpty() ? 0 : l.get(0);
    }

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

    void addV4(Links.Dev d, Address a) throws KErr {
        boolean secondary = false;
        for (Address e : of(d)) {
            // the same address in the subnet is refused first, wherever it is in the list (observed on 6.18 with a
            // primary of another scope before it)
            if (sameSubnet(e, a) && e.address().equals(a.address())) {
                throw KErr.of(Errno.EEXIST, "ipv4: Address already assigned");
            }
        }
        for (Address e : of(d)) {
            if (sameSubnet(e, a)) {
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
        insertV4(d, n);
    }

    void insertV4(Links.Dev d, Address n) {
        List<Address> v4 = listOf(d);
        int at = v4.size();
        if (!n.secondary()) {
            at = 0;
            for (int i = 0; i < v4.size(); i++) {
                Address e = v4.get(i);
                // __inet_insert_ifa: after every primary whose scope is at least the new one's
                // (ifa_scope <= ifa1_scope)
                if (!e.secondary() && n.scope().value() <= e.scope().value()) {
                    at = i + 1;
                }
            }
        }
        v4.add(at, n);
        addLocal(n.address());
        hashChain.computeIfAbsent(n.address(), x -> new ArrayList<>(1)).add(0, d.index);
        k.addressAdded(n);
        for (Route r : kernelRoutes4(d, n)) {
            k.routes4.magicAdd(r);
        }
        k.routes4.reviveHops(d); // fib_inetaddr_event(NETDEV_UP): fib_sync_up(dev, RTNH_F_DEAD)
    }

    Address primaryOf(Links.Dev d, Address a) {
        if (!a.secondary()) {
            return a;
        }
        for (Address e : of(d)) {
            if (!e.secondary() && sameSubnet(e, a)) {
                return e;
            }
        }
        return a;
    }

    /** fib_add_ifaddr for one address. */
    List<Route> kernelRoutes4(Links.Dev d, Address a) {
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

    List<Route> kernelRoutes4(Links.Dev d) {
        List<Route> out = new ArrayList<>();
        for (Address a : of(d)) {
            out.addAll(kernelRoutes4(d, a));
        }
        return out;
    }

    void deleteV4(Links.Dev d, Address sel) throws KErr {
        Address found = null;
        for (Address e : of(d)) {
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
            for (Address s : new ArrayList<>(of(d))) {
                if (s.secondary() && sameSubnet(s, found)) {
                    removeV4(d, s, false);
                }
            }
        }
        removeV4(d, found, false);
        if (of(d).isEmpty()) {
            // the last address: fib_disable_ip(dev, NETDEV_DOWN, force); routes on nexthop objects are not in the
            // fib_info device hash that fib_sync_down_dev walks, so they stay
            k.routes4.flush4(r -> !r.type().isError() && r.nhid() == 0 && allOn(r, d.index), true);
            k.routes4.markHopsDead(d.index);
        }
    }

    boolean allOn(Route r, int idx) {
        if (!r.isMultipath()) {
            return r.deviceIndex() == idx;
        }
        for (NextHop h : r.nextHops()) {
            // fib_sync_down_dev counts the hops already marked dead too
            if (h.deviceIndex() != idx && k.links.isUp(h.deviceIndex())
                    && !h.flags().contains(io.github.netroute.routing.NextHopFlag.DEAD)) {
                return false;
            }
        }
        return true;
    }

    /** __inet_del_ifa for one address: its routes (those no other address needs), then stray prefsrc routes. */
    void removeV4(Links.Dev d, Address a, boolean deviceGoing) {
        // a dying device (inetdev_destroy) loses its addresses from the head of the list, each with only its own
        // routes; a secondary's primary is gone by then, so fib_del_ifaddr returns at once (its local route goes
        // silently with the device)
        List<Route> before = !deviceGoing ? kernelRoutes4(d) : a.secondary() ? new ArrayList<>()
                : kernelRoutes4(d, a);
        listOf(d).remove(a);
        k.addressRemoved(a);
        List<Route> after = deviceGoing ? List.of() : kernelRoutes4(d);
        // a route another address still needs stays, however many addresses made it (two addresses with the same
        // local, e.g. /24 and /32, both make "local A": fib_del_ifaddr()'s LOCAL_OK)
        before.removeIf(after::contains);
        // fib_del_ifaddr's order: the prefix route, the broadcasts, the local route last
        before.sort(java.util.Comparator.comparingInt(r -> r.type() == RouteType.BROADCAST ? 1
                : r.type() == RouteType.LOCAL && r.dst().length() == 32 ? 2 : 0));
        for (Route r : before) {
            k.routes4.magicDelete(r);
        }
        removeLocal(a.address());
        List<Integer> chain = hashChain.get(a.address());
        if (chain != null) {
            chain.remove(Integer.valueOf(d.index));
            if (chain.isEmpty()) {
                hashChain.remove(a.address());
            }
        }
        // fib_del_ifaddr: "this local address finally disappeared" is judged by the local table alone
        if (k.addressType(a.address(), RouteTable.LOCAL) != RouteType.LOCAL) {
            k.routes4.flushPrefsrcInMain(a.address());
        }
    }

    /** The device is going: every address goes (with its routes), then the device's list. */
    void removeAll(Links.Dev d) {
        for (Address a : new ArrayList<>(of(d))) {
            removeV4(d, a, true);
        }
        byDev.remove(d.index);
    }

    /** The device came up: lo gets 127.0.0.1/8 back if it lost it, then every address's routes. */
    void linkUp4(Links.Dev d) {
        if (d.loopback()) {
            boolean have = false;
            for (Address a : of(d)) {
                have |= a.address().equals(V4_LOOPBACK) && a.local().length() == 8;
            }
            if (!have) {
                Address lo = new Address(CidrAddress.of(V4_LOOPBACK, 8), null, null, "lo", 1, RouteScope.HOST,
                        Set.of(AddressFlag.PERMANENT), "lo", 0, Address.FOREVER, Address.FOREVER);
                insertV4(d, lo);
            }
        }
        for (Address a : new ArrayList<>(of(d))) {
            for (Route r : kernelRoutes4(d, a)) {
                k.routes4.magicAdd(r);
            }
        }
    }
}
