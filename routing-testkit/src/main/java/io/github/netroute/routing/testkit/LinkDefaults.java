package io.github.netroute.routing.testkit;

import io.github.netroute.routing.LinkData;
import io.github.netroute.routing.LinkData.Bridge;
import io.github.netroute.routing.LinkData.BridgePort;
import io.github.netroute.routing.LinkData.Macvlan;
import io.github.netroute.routing.LinkData.Vxlan;
import io.github.netroute.routing.LinkDetails;
import io.github.netroute.routing.LinkSpec;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code ip -details link show} shows of a device, as Linux 6.18 fills it in (each value checked against a
 * real kernel; the source line is named where it is not obvious): the common {@code IFLA_*} numbers, a bridge's
 * {@code IFLA_BR_*} defaults and its ports' {@code IFLA_BRPORT_*}, a vxlan's and a macvlan's attributes.
 *
 * <p>Where fidelity stops: timers are 0 (a running bridge's {@code gc_timer} and a port's
 * {@code forward_delay_timer} count down on Linux); a bridge keeps its own MAC (Linux takes the lowest port MAC
 * unless one was set), so its bridge id follows that MAC; multicast querier state is not reported.
 */
final class LinkDefaults {
    /** {@code GSO_LEGACY_MAX_SIZE}: a new device's GSO/TSO/GRO size (include/linux/netdevice.h). */
    static final int TSO_LEGACY_MAX_SIZE = 65536;
    /** {@code GSO_MAX_SIZE} = 8 * GSO_MAX_SEGS: netif_set_tso_max_size() caps at it; lo and veth set it. */
    static final int GSO_MAX_SIZE = 524280;
    private static final int GSO_MAX_SEGS = 65535;
    /** br_boolopt_multi optmask: every BR_BOOLOPT_* Linux 6.18 knows (five bits, checked on the VM). */
    private static final long BOOLOPT_MASK = 0x1FL;
    /** IFLA_VXLAN_RESERVED_BITS: the VXLAN header bits a device leaves reserved (vxlan_fill_info(), Linux 6.12). */
    private static final byte[] VXLAN_RESERVED_BITS = {(byte) 0xf7, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0,
        (byte) 0xff};
    private static final int POSSIBLE_CPUS = possibleCpus();

    private LinkDefaults() {}

    /** /sys/devices/system/cpu/possible ({@code 0-1}: 2), the count veth_get_num_queues() uses. */
    private static int possibleCpus() {
        try {
            String s = Files.readString(Path.of("/sys/devices/system/cpu/possible")).trim();
            int n = 0;
            for (String part : s.split(",")) {
                String[] r = part.split("-");
                n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
            }
            return Math.max(1, Math.min(n, 4096));
        } catch (Exception e) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The creation defaults of a new device of {@code spec}'s kind (queues, TSO limit, kind attributes). */
    static void created(Links.Dev d, LinkSpec spec, Links.Dev lower) {
        String kind = spec.kind().name();
        if (kind.equals("veth")) {
            // veth_get_num_queues(): one queue per possible CPU; veth_setup(): netif_set_tso_max_size(GSO_MAX_SIZE)
            d.numTxQueues = POSSIBLE_CPUS;
            d.numRxQueues = POSSIBLE_CPUS;
            d.tsoMaxSize = GSO_MAX_SIZE;
        } else if (kind.equals("vxlan") || kind.equals("macvlan")) {
            // vxlan_config_apply() / macvlan_common_newlink(): netif_inherit_tso_max(dev, lowerdev)
            d.tsoMaxSize = lower != null ? lower.tsoMaxSize : TSO_LEGACY_MAX_SIZE;
        }
        if (spec.numTxQueues() > 0) {
            d.numTxQueues = spec.numTxQueues();
        }
        if (spec.numRxQueues() > 0) {
            d.numRxQueues = spec.numRxQueues();
        }
        if (spec.txQueueLength() >= 0) {
            d.txqlen = spec.txQueueLength();
        }
        if (kind.equals("vxlan")) {
            d.data = vxlan(spec, lower);
        } else if (kind.equals("macvlan")) {
            LinkData.Builder b = LinkData.builder("macvlan")
                    .number(Macvlan.MODE, spec.mode() == null ? 2 : macvlanMode(spec.mode()))
                    .number(Macvlan.FLAGS, 0).number(Macvlan.MACADDR_COUNT, 0).number(Macvlan.BC_QUEUE_LEN, 1000)
                    .number(Macvlan.BC_QUEUE_LEN_USED, 1000);
            d.data = b.build();
        }
    }

    private static int macvlanMode(String mode) {
        switch (mode) {
            case "private": return 1;
            case "bridge": return 4;
            case "passthru": return 8;
            case "source": return 16;
            default: return 2;
        }
    }

    /** vxlan_fill_info() of a device made from {@code spec}: the kernel's defaults, then what the spec set. */
    private static LinkData vxlan(LinkSpec spec, Links.Dev lower) {
        LinkData.Builder b = LinkData.builder("vxlan").number(Vxlan.ID, spec.vni());
        InetAddress remote = spec.remote();
        if (remote != null && !remote.isAnyLocalAddress()) {
            b.bytes(remote.getAddress().length == 4 ? Vxlan.GROUP : Vxlan.GROUP6, remote.getAddress());
        }
        if (lower != null) {
            b.number(Vxlan.LINK, lower.index);
        }
        InetAddress local = spec.local();
        if (local != null && !local.isAnyLocalAddress()) {
            b.bytes(local.getAddress().length == 4 ? Vxlan.LOCAL : Vxlan.LOCAL6, local.getAddress());
        }
        b.number(Vxlan.TTL, 0).number(Vxlan.TTL_INHERIT, 0).number(Vxlan.TOS, 0).number(Vxlan.DF, 0)
                .number(Vxlan.LABEL, 0).number(Vxlan.LEARNING, 1).number(Vxlan.PROXY, 0).number(Vxlan.RSC, 0)
                .number(Vxlan.L2MISS, 0).number(Vxlan.L3MISS, 0).number(Vxlan.COLLECT_METADATA, 0)
                .number(Vxlan.AGEING, 300).number(Vxlan.LIMIT, 0)
                .number(Vxlan.PORT, spec.dstPort() > 0 ? spec.dstPort() : 8472).number(Vxlan.UDP_CSUM, 1)
                .number(Vxlan.UDP_ZERO_CSUM6_TX, 0).number(Vxlan.UDP_ZERO_CSUM6_RX, 0).number(Vxlan.REMCSUM_TX, 0)
                .number(Vxlan.REMCSUM_RX, 0).number(Vxlan.LOCALBYPASS, 1).number(Vxlan.LABEL_POLICY, 0)
                .number(Vxlan.PORT_RANGE, 0).bytes(Vxlan.RESERVED_BITS, VXLAN_RESERVED_BITS);
        LinkData extra = spec.data();
        if (extra != null) {
            extra.numbers().forEach(b::number);
            for (int t : extra.byteAttributes()) {
                b.bytes(t, extra.bytes(t).orElseThrow());
            }
            if (extra.bytes(Vxlan.TTL_INHERIT).isPresent()) {
                b.number(Vxlan.TTL_INHERIT, 1); // sent as a flag (ttl inherit), reported as a u8
            }
            // vxlan_nl2conf(): "ageing 0" leaves the default interval (FDB_AGE_DEFAULT, 300 s)
            if (extra.number(Vxlan.AGEING).orElse(-1) == 0) {
                b.number(Vxlan.AGEING, 300);
            }
        }
        return b.build();
    }

    /** br_set_gso_limits(): a bridge's TSO limit is its ports' smallest, at most GSO_MAX_SIZE. */
    static void portsChanged(Links.Dev bridge, Links links) {
        if (bridge == null) {
            return;
        }
        int tso = GSO_MAX_SIZE;
        String lowest = null;
        for (Links.Dev p : links.ports(bridge)) {
            tso = Math.min(tso, p.tsoMaxSize);
            lowest = lowest == null || p.mac.compareTo(lowest) < 0 ? p.mac : lowest;
        }
        // br_stp_recalculate_bridge_id(): without a set address the id takes the lowest port MAC (and keeps the
        // last one when no port is left); Linux changes the bridge's own MAC with it, the in-memory kernel does not
        if (!bridge.addrSet && lowest != null) {
            bridge.stpMac = lowest;
        }
        bridge.tsoMaxSize = tso;
        bridge.link = null;
    }

    /** The details of {@code d} now ({@code master}: its bridge, or null). */
    static LinkDetails details(Links.Dev d, Links.Dev master) {
        boolean lo = d.loopback();
        // lo and dummy (dummy_setup(): dev->min_mtu = 0; dev->max_mtu = 0) have no MTU bounds
        boolean unbounded = lo || "dummy".equals(d.kind);
        boolean port = master != null && "bridge".equals(master.kind);
        LinkData data = d.data;
        if ("bridge".equals(d.kind)) {
            data = bridge(d);
        }
        return new LinkDetails(port ? 1 : 0, port ? 1 : 0, unbounded ? 0 : 68, unbounded ? 0 : 65535,
                d.genMode == AddrGenMode.NONE ? 1 : 0, d.numTxQueues, d.numRxQueues, TSO_LEGACY_MAX_SIZE, GSO_MAX_SEGS,
                lo ? GSO_MAX_SIZE : d.tsoMaxSize, GSO_MAX_SEGS, TSO_LEGACY_MAX_SIZE, TSO_LEGACY_MAX_SIZE,
                TSO_LEGACY_MAX_SIZE, null, null, data, port ? bridgePort(d, master) : null);
    }

    /**
     * struct ifla_bridge_id: the priority (big-endian) and the MAC of the bridge id: zero until an address is set or
     * a port joins (br_dev_setup() leaves it zeroed).
     */
    private static byte[] bridgeId(Links.Dev bridge) {
        byte[] id = new byte[8];
        id[0] = (byte) 0x80;
        String[] p = bridge.stpMac.split(":");
        for (int i = 0; i < 6 && i < p.length; i++) {
            id[2 + i] = (byte) Integer.parseInt(p[i], 16);
        }
        return id;
    }

    /** br_fill_info() for a bridge with STP off (br_dev_setup(), br_multicast_init() defaults). */
    private static LinkData bridge(Links.Dev d) {
        byte[] id = bridgeId(d);
        return LinkData.builder("bridge")
                .number(Bridge.FORWARD_DELAY, 1500).number(Bridge.HELLO_TIME, 200).number(Bridge.MAX_AGE, 2000)
                .number(Bridge.AGEING_TIME, 30000).number(Bridge.STP_STATE, 0).number(Bridge.PRIORITY, 32768)
                .number(Bridge.VLAN_FILTERING, 0).number(Bridge.GROUP_FWD_MASK, 0).bytes(Bridge.BRIDGE_ID, id)
                .bytes(Bridge.ROOT_ID, id).number(Bridge.ROOT_PORT, 0).number(Bridge.ROOT_PATH_COST, 0)
                .number(Bridge.TOPOLOGY_CHANGE, 0).number(Bridge.TOPOLOGY_CHANGE_DETECTED, 0)
                .bytes(Bridge.GROUP_ADDR, new byte[] {1, (byte) 0x80, (byte) 0xc2, 0, 0, 0})
                .number(Bridge.MULTI_BOOLOPT, BOOLOPT_MASK << 32).number(Bridge.FDB_N_LEARNED, 0)
                .number(Bridge.FDB_MAX_LEARNED, 0).number(Bridge.MCAST_ROUTER, 1).number(Bridge.MCAST_SNOOPING, 1)
                .number(Bridge.MCAST_QUERY_USE_IFADDR, 0).number(Bridge.MCAST_QUERIER, 0)
                .number(Bridge.MCAST_STATS_ENABLED, 0).number(Bridge.MCAST_HASH_ELASTICITY, 16)
                .number(Bridge.MCAST_HASH_MAX, 4096).number(Bridge.MCAST_LAST_MEMBER_CNT, 2)
                .number(Bridge.MCAST_STARTUP_QUERY_CNT, 2).number(Bridge.MCAST_IGMP_VERSION, 2)
                .number(Bridge.MCAST_MLD_VERSION, 1).number(Bridge.NF_CALL_IPTABLES, 0)
                .number(Bridge.NF_CALL_IP6TABLES, 0).number(Bridge.NF_CALL_ARPTABLES, 0)
                .number(Bridge.HELLO_TIMER, 0).number(Bridge.TCN_TIMER, 0).number(Bridge.TOPOLOGY_CHANGE_TIMER, 0)
                .number(Bridge.GC_TIMER, 0).number(Bridge.MCAST_LAST_MEMBER_INTVL, 100)
                .number(Bridge.MCAST_MEMBERSHIP_INTVL, 26000).number(Bridge.MCAST_QUERIER_INTVL, 25500)
                .number(Bridge.MCAST_QUERY_INTVL, 12500).number(Bridge.MCAST_QUERY_RESPONSE_INTVL, 1000)
                .number(Bridge.MCAST_STARTUP_QUERY_INTVL, 3124).build();
    }

    /**
     * br_port_fill_attrs(): with STP off a port forwards while it and its bridge are up with carrier
     * (br_stp_enable_port() -> br_port_state_selection()), else it is disabled; its id is 0x8000 | its number
     * (priority 32 in the top nibble); cost 2 for a 10 Gb/s veth (port_cost()), 100 for a device without a speed.
     */
    private static LinkData bridgePort(Links.Dev d, Links.Dev bridge) {
        byte[] id = bridgeId(bridge);
        boolean forwarding = bridge.up && d.lowerUp();
        int portId = 0x8000 | d.portNo;
        return LinkData.builder("bridge")
                .number(BridgePort.STATE, forwarding ? 3 : 0).number(BridgePort.PRIORITY, 32)
                .number(BridgePort.COST, "veth".equals(d.kind) ? 2 : 100).number(BridgePort.MODE, 0)
                .number(BridgePort.GUARD, 0).number(BridgePort.PROTECT, 0).number(BridgePort.FAST_LEAVE, 0)
                .number(BridgePort.MCAST_TO_UCAST, 0).number(BridgePort.LEARNING, 1)
                .number(BridgePort.UNICAST_FLOOD, 1).number(BridgePort.MCAST_FLOOD, 1)
                .number(BridgePort.BCAST_FLOOD, 1).number(BridgePort.PROXYARP, 0)
                .number(BridgePort.PROXYARP_WIFI, 0).bytes(BridgePort.ROOT_ID, id)
                .bytes(BridgePort.BRIDGE_ID, id)
                .number(BridgePort.DESIGNATED_PORT, portId).number(BridgePort.DESIGNATED_COST, 0)
                .number(BridgePort.ID, portId).number(BridgePort.NO, d.portNo)
                .number(BridgePort.TOPOLOGY_CHANGE_ACK, 0).number(BridgePort.CONFIG_PENDING, 0)
                .number(BridgePort.VLAN_TUNNEL, 0).number(BridgePort.GROUP_FWD_MASK, 0)
                .number(BridgePort.NEIGH_SUPPRESS, 0).number(BridgePort.NEIGH_VLAN_SUPPRESS, 0)
                .number(BridgePort.ISOLATED, 0).number(BridgePort.LOCKED, 0).number(BridgePort.MAB, 0)
                .number(BridgePort.MESSAGE_AGE_TIMER, 0).number(BridgePort.FORWARD_DELAY_TIMER, 0)
                .number(BridgePort.HOLD_TIMER, 0).number(BridgePort.MULTICAST_ROUTER, 1)
                .number(BridgePort.MCAST_EHT_HOSTS_LIMIT, 512).number(BridgePort.MCAST_EHT_HOSTS_CNT, 0)
                .number(BridgePort.MCAST_N_GROUPS, 0).number(BridgePort.MCAST_MAX_GROUPS, 0)
                .number(BridgePort.MRP_RING_OPEN, 0).number(BridgePort.MRP_IN_OPEN, 0).build();
    }
}
