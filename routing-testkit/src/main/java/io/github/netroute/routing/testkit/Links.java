package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
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
/** Links (rtnetlink RTM_NEWLINK/RTM_DELLINK on dummy and bridge devices, lo): the devices, their up/down and removal, and what that does to addresses and routes; device name/index resolution as the netlink client does before sending (unknown name: ENODEV). */
final class Links {
    private Links() {}

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

    /** RTM_NEWLINK with a name and kind: the link, and its notification. */
    static Link add(KernelState k, String name, String kind) throws KErr {
        Link l = addLink(k, name, kind).link();
        k.linkChanged(l);
        return l;
    }

    /** The device by name (ENODEV if none). */
    static KernelState.Dev named(KernelState k, String name) throws KErr {
        KernelState.Dev d = k.byName.get(name);
        if (d == null) {
            throw KErr.of(Errno.ENODEV);
        }
        return d;
    }

    /** RTM_DELLINK: the device goes with its addresses and routes, then its notification. */
    static Void delete(KernelState k, KernelState.Dev d) throws KErr {
        Link l = d.link();
        deleteLink(k, d);
        k.linkRemoved(l);
        return null;
    }

    /** Up or down; a change is notified first, then what it did to addresses and routes. */
    static Void setUp(KernelState k, KernelState.Dev d, boolean up) {
        if (d.up == up) {
            return null;
        }
        int at = k.events.size();
        d.up = up;
        d.activated |= up;
        d.link = null;
        if (up) {
            if (d.loopback()) {
                boolean have = false;
                for (Address a : d.v4) {
                    have |= a.address().equals(V4Addresses.V4_LOOPBACK) && a.local().length() == 8;
                }
                if (!have) {
                    Address lo = new Address(CidrAddress.of(V4Addresses.V4_LOOPBACK, 8), null, null, "lo", 1, RouteScope.HOST,
                            Set.of(AddressFlag.PERMANENT), "lo", 0, Address.FOREVER, Address.FOREVER);
                    V4Addresses.insertV4(k, d, lo);
                }
            }
            for (Address a : new ArrayList<>(d.v4)) {
                for (Route r : V4Addresses.kernelRoutes4(d, a)) {
                    V4Routes.magicAdd(k, r);
                }
            }
            V6Addresses.linkUp6(k, d);
        } else {
            V4Routes.flush4(k, r -> allHopsDead(k, r), false);
            // IPv6: addresses go, every route through the device goes
            for (Address a : new ArrayList<>(d.v6)) {
                k.removeLocal(a.address());
                k.addressRemoved(a);
            }
            d.v6.clear();
            V6Routes.flush6(k, d.index, false);
        }
        k.linkChanged(at, d.link());
        return null;
    }

    static void deleteLink(KernelState k, KernelState.Dev d) throws KErr {
        if (d.loopback()) {
            throw KErr.of(Errno.EOPNOTSUPP);
        }
        for (Address a : new ArrayList<>(d.v4)) {
            V4Addresses.removeV4(k, d, a, true);
        }
        V4Routes.flush4(k, r -> onDev(r, d.index), true);
        for (Address a : new ArrayList<>(d.v6)) {
            k.removeLocal(a.address());
            k.addressRemoved(a);
        }
        d.v6.clear();
        V6Routes.flush6(k, d.index, true);
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

    /** Device name/index resolution as the netlink client does before sending (unknown name: ENODEV). */
    static KernelState.Dev resolve(KernelState k, String name, int index) throws KErr {
        if (name != null) {
            KernelState.Dev d = k.byName.get(name);
            if (d == null || (index != 0 && d.index != index)) {
                throw KErr.of(Errno.ENODEV);
            }
            return d;
        }
        if (index != 0) {
            KernelState.Dev d = k.devs.get(index);
            if (d == null) {
                throw KErr.of(Errno.ENODEV);
            }
            return d;
        }
        return null;
    }
}
