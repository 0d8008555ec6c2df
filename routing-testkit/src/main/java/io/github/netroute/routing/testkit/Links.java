package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LinkKind;
import io.github.netroute.routing.LinkSettings;
import io.github.netroute.routing.LinkSpec;
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
        String name;
        final String kind;
        boolean up;
        boolean carrier = true;
        int mtu;
        int group;
        String mac;
        AddrGenMode genMode;
        boolean genModeChanged;
        /** Has been up once: the kernel attached its qdisc then and keeps showing it ({@code noqueue}) when down. */
        boolean activated;
        /** vxlan: the VNI and UDP port. */
        int vni = -1;
        int vxlanPort;
        /** veth: the other end; macvlan: the parent (IFLA_LINK). */
        Dev lower;
        /** The master's ifindex (a bridge port), 0 for none. */
        int master;
        String alias;
        /** What {@code ip -d} shows that the kind fixes at creation: queues, TSO limit, the kind's attributes. */
        int txqlen = 1000;
        int numTxQueues = 1;
        int numRxQueues = 1;
        int tsoMaxSize = LinkDefaults.TSO_LEGACY_MAX_SIZE;
        io.github.netroute.routing.LinkData data;
        /** A bridge port's number (1.. as br_add_if() hands them out), 0 when not a port. */
        int portNo;
        /** A bridge: the MAC of its STP bridge id, and whether its address was set (NET_ADDR_SET). */
        String stpMac = "00:00:00:00:00:00";
        boolean addrSet;
        Link link;
        /**
         * IFLA_CARRIER_CHANGES (carrier_up_count + carrier_down_count) and the carrier bit it counts, kept for veth
         * pairs: veth_newlink() turns both ends' carrier off (1), veth_open()/veth_close() turn both on or off.
         */
        int carrierChanges;
        boolean carrierBit = true;

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
            d.master = master;
            d.alias = alias;
            d.vni = vni;
            d.vxlanPort = vxlanPort;
            d.txqlen = txqlen;
            d.numTxQueues = numTxQueues;
            d.numRxQueues = numRxQueues;
            d.tsoMaxSize = tsoMaxSize;
            d.data = data;
            d.portNo = portNo;
            d.stpMac = stpMac;
            d.addrSet = addrSet;
            d.link = link;
            d.carrierChanges = carrierChanges;
            d.carrierBit = carrierBit;
            return d;
        }

        /** netif_carrier_on()/off() on a veth end: a change of its carrier bit is counted. */
        void noteCarrier() {
            if ("veth".equals(kind) && hasCarrier() != carrierBit) {
                carrierBit = !carrierBit;
                carrierChanges++;
            }
        }

        /**
         * Carrier as the drivers keep it: a veth has it while both ends are up (veth_open/veth_close), a macvlan
         * while its parent has it (netif_stacked_transfer_operstate), the others (dummy, bridge without ports, vxlan)
         * always.
         */
        boolean hasCarrier() {
            if ("veth".equals(kind)) {
                return up && lower != null && lower.up;
            }
            if ("macvlan".equals(kind)) {
                return lower != null && lower.lowerUp();
            }
            return carrier;
        }

        boolean lowerUp() {
            return up && hasCarrier();
        }

        /** The master device, set by {@link Links} before {@link #link()} is computed (null when none). */
        Dev masterDev;

        Link link() {
            if (link == null) {
                int flags = 0;
                if (loopback()) {
                    flags |= Link.IFF_LOOPBACK;
                } else {
                    flags |= Link.IFF_BROADCAST;
                    flags |= "dummy".equals(kind) ? Link.IFF_NOARP : Link.IFF_MULTICAST;
                }
                boolean c = hasCarrier();
                if (up) {
                    flags |= Link.IFF_UP;
                    if (c) {
                        flags |= Link.IFF_LOWER_UP | Link.IFF_RUNNING;
                    }
                }
                // rfc2863_policy(): no carrier is LOWERLAYERDOWN on a device stacked on another (iflink != ifindex);
                // veth and macvlan with carrier are UP, the others UNKNOWN (no operstate from their driver)
                boolean stacked = lower != null;
                String oper = !up ? "DOWN" : !c ? (stacked ? "LOWERLAYERDOWN" : "DOWN") : stacked ? "UP" : "UNKNOWN";
                link = new Link(index, name, kind == null ? null : LinkKind.of(kind), flags, mtu, group, txqlen,
                        up || activated ? "noqueue" : "noop", oper, loopback() ? 772 : 1, mac,
                        loopback() ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff", master, lower == null ? 0 : lower.index,
                        -1, alias, LinkDefaults.details(this, masterDev));
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
        for (Dev d : o.devs.values()) {
            if (d.lower != null) {
                devs.get(d.index).lower = devs.get(d.lower.index);
            }
            if (d.masterDev != null) {
                devs.get(d.index).masterDev = devs.get(d.masterDev.index);
            }
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
        return addLink(LinkSpec.of(name, LinkKind.of(kind)));
    }

    /** The kinds this kernel has drivers for. */
    private static final java.util.Set<String> KINDS = java.util.Set.of("dummy", "bridge", "veth", "vxlan", "macvlan");

    /**
     * rtnl_newlink(): an existing name is EEXIST, an unknown kind EOPNOTSUPP "Unknown device type"; a veth creates
     * its peer first (veth_newlink registers the peer, then the device, so the peer has the lower index), a
     * macvlan needs its parent, a vxlan a free VNI and port on a device.
     */
    Dev addLink(LinkSpec spec) throws KErr {
        String name = spec.name();
        String kind = spec.kind().name();
        if (byName.containsKey(name)) {
            throw KErr.of(Errno.EEXIST);
        }
        if (!KINDS.contains(kind)) {
            throw KErr.of(Errno.EOPNOTSUPP, "Unknown device type");
        }
        if (spec.peerNetns() != null) {
            throw KErr.of(Errno.EOPNOTSUPP, "the in-memory kernel is one namespace: no veth peer in another");
        }
        // rtnl_create_link(): the queue counts, then dev_validate_mtu()
        if (spec.numTxQueues() == 0 || spec.numTxQueues() > 4096) {
            throw KErr.of(Errno.EINVAL, "Invalid number of transmit queues");
        }
        if (spec.numRxQueues() == 0 || spec.numRxQueues() > 4096) {
            throw KErr.of(Errno.EINVAL, "Invalid number of receive queues");
        }
        if (spec.mtu() >= 0 && spec.mtu() < 68) {
            throw KErr.of(Errno.EINVAL, "mtu less than device minimum");
        }
        if (spec.mtu() > 65535) {
            throw KErr.of(Errno.EINVAL, "mtu greater than device maximum");
        }
        if (spec.address() != null && (Integer.parseInt(spec.address().split(":")[0], 16) & 1) != 0) {
            throw KErr.of(Errno.EADDRNOTAVAIL); // eth_validate_addr(): a multicast address
        }
        Dev lowerDev = null;
        if (spec.device() != null) {
            lowerDev = byName.get(spec.device());
            if (lowerDev == null) {
                throw KErr.of(Errno.ENODEV);
            }
        }
        if (kind.equals("veth")) {
            String peerName = spec.peer();
            if (peerName == null) {
                int n = 0;
                while (byName.containsKey("veth" + n)) {
                    n++;
                }
                peerName = "veth" + n;
            }
            if (byName.containsKey(peerName) || peerName.equals(name)) {
                throw KErr.of(Errno.EEXIST);
            }
            Dev peer = newDev(peerName, kind);
            Dev d = newDev(name, kind);
            peer.lower = d;
            d.lower = peer;
            LinkDefaults.created(peer, LinkSpec.veth(peerName, null), null);
            LinkDefaults.created(d, spec, null);
            common(d, spec);
            peer.noteCarrier(); // veth_newlink(): netif_carrier_off() on both ends
            d.noteCarrier();
            return d;
        }
        if (kind.equals("vxlan") && spec.data() != null) {
            // vxlan_nl2conf(), then vxlan_config_validate()
            long range = spec.data().number(io.github.netroute.routing.LinkData.Vxlan.PORT_RANGE).orElse(0);
            if ((range & 0xFFFF) < (range >>> 16 & 0xFFFF)) {
                throw KErr.of(Errno.EINVAL, "Invalid source port range");
            }
            boolean v6 = spec.remote() != null ? spec.remote().getAddress().length == 16
                    : spec.local() != null && spec.local().getAddress().length == 16;
            if (!v6 && spec.data().number(io.github.netroute.routing.LinkData.Vxlan.LABEL).orElse(0) != 0) {
                throw KErr.of(Errno.EINVAL, "Label attribute only applies to IPv6 VXLAN devices");
            }
        }
        if (kind.equals("vxlan")) {
            for (Dev o : devs.values()) {
                if ("vxlan".equals(o.kind) && o.vni == spec.vni() && o.vxlanPort == port(spec)) {
                    throw KErr.of(Errno.EEXIST, "A VXLAN device with the specified VNI already exists");
                }
            }
        }
        Dev d = newDev(name, kind);
        if (kind.equals("macvlan")) {
            d.lower = lowerDev;
            d.mtu = lowerDev.mtu;
        }
        if (kind.equals("vxlan")) {
            d.vni = spec.vni();
            d.vxlanPort = port(spec);
            // vxlan_config_apply(): the MTU leaves room for the headers over the lower device (or 1500)
            int lowerMtu = lowerDev != null ? lowerDev.mtu : 1500;
            boolean v6 = spec.remote() != null ? spec.remote().getAddress().length == 16
                    : spec.local() != null && spec.local().getAddress().length == 16;
            d.mtu = lowerDev != null ? lowerMtu - (v6 ? 70 : 50) : 1500;
        }
        LinkDefaults.created(d, spec, lowerDev);
        common(d, spec);
        return d;
    }

    /** IFLA_MTU and IFLA_ADDRESS of a new device (rtnl_create_link()). */
    private static void common(Dev d, LinkSpec spec) {
        if (spec.mtu() >= 0) {
            d.mtu = spec.mtu();
        }
        if (spec.address() != null) {
            d.mac = spec.address().toLowerCase(java.util.Locale.ROOT);
            d.addrSet = true;
            d.stpMac = d.mac;
        }
    }

    /** br_add_if() -> find_portno(): the lowest port number the bridge does not use. */
    private int freePortNo(Dev bridge) {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (Dev o : devs.values()) {
            if (o.masterDev == bridge) {
                used.add(o.portNo);
            }
        }
        int n = 1;
        while (used.contains(n)) {
            n++;
        }
        return n;
    }

    /** The ports of a bridge. */
    List<Dev> ports(Dev bridge) {
        List<Dev> out = new ArrayList<>();
        for (Dev o : devs.values()) {
            if (o.masterDev == bridge) {
                out.add(o);
            }
        }
        return out;
    }

    private static int port(LinkSpec spec) {
        return spec.dstPort() > 0 ? spec.dstPort() : 8472;
    }

    private Dev newDev(String name, String kind) {
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

    /** A device's IFLA_CARRIER_CHANGES, or null when there is no device with that index. */
    Long carrierChanges(int index) {
        Dev d = devs.get(index);
        return d == null ? null : (long) d.carrierChanges;
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
        return add(LinkSpec.of(name, LinkKind.of(kind)));
    }

    /** RTM_NEWLINK creating a link (a veth: both ends, the peer notified first), and its notifications. */
    Link add(LinkSpec spec) throws KErr {
        Dev d = addLink(spec);
        if ("veth".equals(d.kind)) {
            k.linkChanged(d.lower.link());
        }
        Link l = d.link();
        k.linkChanged(l);
        return l;
    }

    /**
     * {@code ip link set NAME ...} (do_setlink order: netns, address, mtu, name, alias, master, then the flags): each
     * refusal as Linux gives it.
     */
    Void set(Dev d, LinkSettings s) throws KErr {
        if (s.netns() != null) {
            throw KErr.of(Errno.EOPNOTSUPP, "the in-memory kernel is one namespace: no move to another");
        }
        Dev master = null;
        if (s.master() != null && !s.master().isEmpty()) {
            master = byName.get(s.master());
            if (master == null) {
                throw KErr.of(Errno.ENODEV);
            }
            if (!"bridge".equals(master.kind)) {
                throw KErr.of(Errno.EOPNOTSUPP);
            }
            if ("bridge".equals(d.kind)) {
                throw KErr.of(Errno.ELOOP, "Can not enslave a bridge to a bridge");
            }
            if (d.loopback()) {
                throw KErr.of(Errno.EINVAL);
            }
        }
        if (s.newName() != null && !s.newName().equals(d.name) && byName.containsKey(s.newName())) {
            throw KErr.of(Errno.EEXIST);
        }
        if (s.newName() != null && d.up && !s.newName().equals(d.name)) {
            throw KErr.of(Errno.EBUSY); // dev_change_name() on a running device
        }
        if (s.mtu() != null && (s.mtu() < 68 && !d.loopback() || s.mtu() > 65535)) {
            throw KErr.of(Errno.EINVAL, s.mtu() < 68 ? "mtu less than device minimum" : "mtu greater than device maximum");
        }
        int at = k.events.size();
        boolean changed = false;
        if (s.address() != null) {
            d.mac = s.address().toLowerCase(java.util.Locale.ROOT);
            d.addrSet = true;
            d.stpMac = d.mac; // br_set_mac_address() -> br_stp_change_bridge_id()
            changed = true;
        }
        if (s.mtu() != null && s.mtu() != d.mtu) {
            d.mtu = s.mtu();
            changed = true;
        }
        if (s.newName() != null && !s.newName().equals(d.name)) {
            byName.remove(d.name);
            d.name = s.newName();
            byName.put(d.name, d);
            changed = true;
        }
        if (s.alias() != null) {
            d.alias = s.alias().isEmpty() ? null : s.alias();
            changed = true;
        }
        if (s.master() != null) {
            int m = master == null ? 0 : master.index;
            if (m != d.master) {
                Dev old = d.masterDev;
                d.portNo = master == null ? 0 : freePortNo(master);
                d.master = m;
                d.masterDev = master;
                LinkDefaults.portsChanged(old, this);
                LinkDefaults.portsChanged(master, this);
                changed = true;
            }
        }
        d.link = null;
        if (changed) {
            k.linkChanged(at, d.link());
        }
        if (s.up() != null) {
            setUp(d, s.up());
        }
        return null;
    }

    /**
     * RTM_DELLINK: the device goes with its addresses and routes, then its notification; a veth's peer goes with it
     * (veth_dellink), and so do macvlans on it; its bridge ports lose their master.
     */
    Void delete(Dev d) throws KErr {
        if (d.loopback()) {
            throw KErr.of(Errno.EOPNOTSUPP);
        }
        deleteOne(d);
        if ("veth".equals(d.kind) && d.lower != null && devs.get(d.lower.index) == d.lower) {
            deleteOne(d.lower);
        }
        return null;
    }

    private void deleteOne(Dev d) throws KErr {
        for (Dev o : new ArrayList<>(devs.values())) {
            if ("macvlan".equals(o.kind) && o.lower == d) {
                deleteOne(o);
            }
        }
        for (Dev o : devs.values()) {
            if (o.master == d.index) {
                int at = k.events.size();
                o.master = 0;
                o.masterDev = null;
                o.portNo = 0;
                o.link = null;
                k.linkChanged(at, o.link());
            }
        }
        deleteSingle(d);
    }

    private Void deleteSingle(Dev d) throws KErr {
        // unregister_netdevice: dev_close first (NETDEV_DOWN: its notification and flushes), then the device goes
        // with its qdisc detached (RTM_DELLINK shows qdisc noop)
        setUp(d, false);
        Link l = d.link();
        deleteLink(d);
        k.linkRemoved(l.withState(l.flags(), l.operState(), "noop"));
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
        d.noteCarrier();
        if (d.lower != null) {
            d.lower.noteCarrier();
        }
        if (up) {
            k.addrs4.linkUp4(d);
            k.routes4.reviveHops(d); // fib_netdev_event(NETDEV_UP): fib_sync_up(dev, RTNH_F_DEAD)
            k.addrs6.linkUp6(d);
        } else {
            k.nexthops.deviceGone(d.index, false);
            k.routes4.flush4(r -> allHopsDead(r), false);
            // IPv6 (addrconf_ifdown): every route through the device goes (rt6_disable_ip), then its addresses
            k.routes6.flush6(d.index, false);
            k.addrs6.removeAll(d);
        }
        k.linkChanged(at, d.link());
        for (Dev o : devs.values()) {
            if (o != d && o.lower == d) {
                // a veth peer's or a macvlan's carrier (and M-DOWN) follow this device
                o.link = null;
                k.linkChanged(o.link());
            }
            if (o.master == d.index || (o.masterDev != null && o.lower == d)) {
                o.link = null; // a bridge port's STP state follows the bridge and its own carrier (-d only)
            }
        }
        if (!up) {
            k.neighbours.deviceDown(d.index);
        }
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
        k.neighbours.deviceDown(d.index);
        devs.remove(d.index);
        byName.remove(d.name);
        if (d.masterDev != null) {
            LinkDefaults.portsChanged(d.masterDev, this);
        }
        for (Dev o : devs.values()) {
            if (o.lower == d) {
                o.lower = null;
                o.link = null;
            }
        }
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
                // a hop already marked dead (its device lost its last IPv4 address) counts as dead
                if (isUp(h.deviceIndex()) && !h.flags().contains(io.github.netroute.routing.NextHopFlag.DEAD)) {
                    return false;
                }
            }
            return true;
        }
        return !isUp(r.deviceIndex());
    }
}
