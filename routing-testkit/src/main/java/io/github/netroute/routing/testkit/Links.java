package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Links (rtnetlink RTM_NEWLINK/RTM_DELLINK on dummy and bridge devices, lo): owns the devices (by index and by
 * name) and the ifindex counter; their up/down and removal, and what that does to addresses and routes (through
 * {@link V4Addresses}, {@link V6Addresses}, {@link V4Routes}, {@link V6Routes}); device name/index resolution as the
 * netlink client does before sending (unknown name: ENODEV).
 */
final class Links {

    /** One device. Its addresses are kept by {@link V4Addresses} and {@link V6Addresses}, keyed by its index. */
    static final class Dev {
        final int index;
        final String name;
        final String kind;
        boolean up;
        boolean carrier = true;
        int mtu;
        int group;
        final String mac;
        AddrGenMode genMode;
        boolean genModeChanged;
        /** Has been up once: the kernel attached its qdisc then and keeps showing it ({@code noqueue}) when down. */
        boolean activated;
        Link link;

        Dev(int index, String name, String kind, int mtu, String mac, AddrGenMode genMode) {
            this.index = index;
            this.name = name;
            this.kind = kind;
            this.mtu = mtu;
            this.mac = mac;
            this.genMode = genMode;
        }

        boolean loopback() {
            return index == 1 && "lo".equals(name) && kind == null;
        }

        Dev copy() {
            Dev d = new Dev(index, name, kind, mtu, mac, genMode);
            d.up = up;
            d.carrier = carrier;
            d.group = group;
            d.genModeChanged = genModeChanged;
            d.activated = activated;
            d.link = link;
            return d;
        }

        boolean lowerUp() {
            return up && carrier;
        }

        Link link() {
            if (link == null) {
                int flags = 0;
                if (loopback()) {
                    flags |= Link.IFF_LOOPBACK;
                } else {
                    flags |= Link.IFF_BROADCAST;
                    flags |= "dummy".equals(kind) ? Link.IFF_NOARP : Link.IFF_MULTICAST;
                }
                if (up) {
                    flags |= Link.IFF_UP;
                    if (carrier) {
                        flags |= Link.IFF_LOWER_UP | Link.IFF_RUNNING;
                    }
                }
                String oper = !up ? "DOWN" : carrier ? "UNKNOWN" : "DOWN";
                link = new Link(index, name, kind, flags, mtu, group, 1000, up || activated ? "noqueue" : "noop",
                        oper, loopback() ? 772 : 1, mac, loopback() ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff");
            }
            return link;
        }
    }

    private final KernelState k;
    private final TreeMap<Integer, Dev> devs = new TreeMap<>();
    private final Map<String, Dev> byName = new HashMap<>();
    private int nextIndex = 1;

    Links(KernelState k) {
        this.k = k;
    }

    /** A copy of {@code o}'s devices (each device copied) for the namespace {@code k}. */
    Links(KernelState k, Links o) {
        this.k = k;
        for (Dev d : o.devs.values()) {
            Dev c = d.copy();
            devs.put(c.index, c);
            byName.put(c.name, c);
        }
        nextIndex = o.nextIndex;
    }

    // ---- queries

    /** The device with this index, or null. */
    Dev device(int index) {
        return devs.get(index);
    }

    /** The device with this name, or null. */
    Dev device(String name) {
        return byName.get(name);
    }

    /** The devices in ifindex order. */
    Iterable<Dev> devices() {
        return devs.values();
    }

    int count() {
        return devs.size();
    }

    List<Link> links() {
        List<Link> out = new ArrayList<>(devs.size());
        for (Dev d : devs.values()) {
            out.add(d.link());
        }
        return out;
    }

    /** The device by name (ENODEV if none). */
    Dev named(String name) throws KErr {
        Dev d = byName.get(name);
        if (d == null) {
            throw KErr.of(Errno.ENODEV);
        }
        return d;
    }

    /** Device name/index resolution as the netlink client does before sending (unknown name: ENODEV). */
    Dev resolve(String name, int index) throws KErr {
        if (name != null) {
            Dev d = byName.get(name);
            if (d == null || (index != 0 && d.index != index)) {
                throw KErr.of(Errno.ENODEV);
            }
            return d;
        }
        if (index != 0) {
            Dev d = devs.get(index);
            if (d == null) {
                throw KErr.of(Errno.ENODEV);
            }
            return d;
        }
        return null;
    }

    /** The device with this index exists and is up. */
    boolean isUp(int index) {
        Dev d = devs.get(index);
        return d != null && d.up;
    }

    // ---- changes

    Dev addLink(String name, String kind) throws KErr {
        if (byName.containsKey(name)) {
            throw KErr.of(Errno.EEXIST);
        }
        if (!"dummy".equals(kind) && !"bridge".equals(kind)) {
            throw KErr.of(Errno.EOPNOTSUPP, "Unknown device type");
        }
        int idx = nextIndex;
        while (devs.containsKey(idx)) {
            idx++;
        }
        nextIndex = idx + 1;
        String mac = String.format("02:00:00:00:%02x:%02x", (idx >> 8) & 0xff, idx & 0xff);
        Dev d = new Dev(idx, name, kind, 1500, mac, k.addrGenMode);
        devs.put(idx, d);
        byName.put(name, d);
        return d;
    }

    Dev addLoopback() {
        Dev d = new Dev(1, "lo", null, 65536, "00:00:00:00:00:00", AddrGenMode.EUI64);
        devs.put(1, d);
        byName.put("lo", d);
        nextIndex = 2;
        return d;
    }

    /** RTM_NEWLINK with a name and kind: the link, and its notification. */
    Link add(String name, String kind) throws KErr {
        Link l = addLink(name, kind).link();
        k.linkChanged(l);
        return l;
    }

    /** RTM_DELLINK: the device goes with its addresses and routes, then its notification. */
    Void delete(Dev d) throws KErr {
        if (d.loopback()) {
            throw KErr.of(Errno.EOPNOTSUPP);
        }
        // unregister_netdevice: dev_close first (NETDEV_DOWN: its notification and flushes), then the device goes
        // with its qdisc detached (RTM_DELLINK shows qdisc noop)
        setUp(d, false);
        Link l = d.link();
        deleteLink(d);
        k.linkRemoved(new Link(l.index(), l.name(), l.kind(), l.flags(), l.mtu(), l.group(), l.txQueueLength(),
                "noop", l.operState(), l.linkType(), l.address(), l.broadcast()));
        return null;
    }

    /** Sets a device's carrier (routes through it then show {@code linkdown}). */
    void setCarrier(Dev d, boolean carrier) {
        d.carrier = carrier;
        d.link = null;
    }

    /**
     * {@code addr_gen_mode} written for {@code all}: lo takes the mode; observed (Linux 6.18): lo gets its
     * {@code ::1/128} and {@code local ::1} at once, even while down.
     */
    void setAddrGenMode(AddrGenMode mode) {
        Dev lo = devs.get(1);
        if (lo != null && lo.genMode != mode) {
            lo.genMode = mode;
            lo.genModeChanged = true;
            k.addrs6.loopbackGenModeWritten(lo);
            lo.link = null;
        }
    }

    /** Up or down; a change is notified first, then what it did to addresses and routes. */
    Void setUp(Dev d, boolean up) {
        if (d.up == up) {
            return null;
        }
        int at = k.events.size();
        d.up = up;
        d.activated |= up;
        d.link = null;
        if (up) {
            k.addrs4.linkUp4(d);
            k.addrs6.linkUp6(d);
        } else {
            k.nexthops.deviceGone(d.index, false);
            k.routes4.flush4(r -> allHopsDead(r), false);
            // IPv6 (addrconf_ifdown): every route through the device goes (rt6_disable_ip), then its addresses
            k.routes6.flush6(d.index, false);
            k.addrs6.removeAll(d);
        }
        k.linkChanged(at, d.link());
        return null;
    }

    void deleteLink(Dev d) throws KErr {
        if (d.loopback()) {
            throw KErr.of(Errno.EOPNOTSUPP);
        }
        k.nexthops.deviceGone(d.index, true);
        k.addrs4.removeAll(d);
        k.routes4.flush4(r -> onDev(r, d.index), true);
        k.routes6.flush6(d.index, true);
        k.addrs6.removeAll(d);
        devs.remove(d.index);
        byName.remove(d.name);
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

    boolean allHopsDead(Route r) {
        if (r.type().isError() || r.scope().value() >= 254) {
            return false;
        }
        if (r.isMultipath()) {
            for (NextHop h : r.nextHops()) {
                if (isUp(h.deviceIndex())) {
                    return false;
                }
            }
            return true;
        }
        return !isUp(r.deviceIndex());
    }
}
