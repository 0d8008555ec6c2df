package io.github.netroute.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A link kind's own attributes, as the kernel reports them in {@code IFLA_LINKINFO}: {@code IFLA_INFO_DATA} for the
 * kind of the link (a bridge's timers and multicast settings, a vxlan's VNI and endpoints, a macvlan's mode) or
 * {@code IFLA_INFO_SLAVE_DATA} for the kind of its master (a bridge port's state, cost and port id). Attributes are
 * keyed by the kernel's attribute number ({@link Bridge}, {@link BridgePort}, {@link Vxlan}, {@link Macvlan} name
 * them); integers are kept as numbers, everything else (addresses, bridge ids, flags, attributes newer than this
 * library) as the kernel's bytes, so nothing the kernel reports is lost.
 *
 * <pre>{@code
 * LinkData br = routing.link("br0").orElseThrow().details().data();
 * br.kind();                                        // "bridge"
 * br.number(LinkData.Bridge.FORWARD_DELAY);         // OptionalLong[1500]: centiseconds, ip -d prints forward_delay 1500
 * br.bytes(LinkData.Bridge.BRIDGE_ID);              // the 8 bytes of struct ifla_bridge_id (priority, MAC)
 * LinkData port = routing.link("veth1").orElseThrow().details().slaveData();
 * port.number(LinkData.BridgePort.STATE);           // OptionalLong[3]: BR_STATE_FORWARDING
 * LinkData vx = LinkData.builder("vxlan").number(LinkData.Vxlan.ID, 42).build();
 * }</pre>
 *
 * <p>Numbers are the attribute's value whatever its width and byte order: a big-endian port is its port number.
 * Two structures are kept as one number: a vxlan's {@link Vxlan#PORT_RANGE} as {@code low << 16 | high}, a bridge's
 * {@link Bridge#MULTI_BOOLOPT} as {@code optval | optmask << 32}. Immutable and safe to share between threads.
 */
public final class LinkData {
    private final String kind;
    private final SortedMap<Integer, Long> numbers;
    private final SortedMap<Integer, byte[]> bytes;

    private LinkData(String kind, SortedMap<Integer, Long> numbers, SortedMap<Integer, byte[]> bytes) {
        this.kind = kind;
        this.numbers = Collections.unmodifiableSortedMap(numbers);
        this.bytes = bytes;
    }

    /**
     * A builder for a kind's attributes.
     *
     * @param kind the kind ({@code bridge}; for slave data the master's kind)
     * @return an empty builder
     * @throws IllegalArgumentException naming the kind when it is not a valid kind name
     */
    public static Builder builder(String kind) {
        return new Builder(LinkKind.of(kind).name());
    }

    /**
     * A builder starting from these attributes.
     *
     * @return a builder holding this value's attributes
     */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.numbers.putAll(numbers);
        for (Map.Entry<Integer, byte[]> e : bytes.entrySet()) {
            b.bytes.put(e.getKey(), e.getValue().clone());
        }
        return b;
    }

    /**
     * The kind these attributes belong to.
     *
     * @return the kind ({@code bridge}, {@code vxlan}, ...)
     */
    public String kind() {
        return kind;
    }

    /**
     * An integer attribute.
     *
     * @param type the attribute number (e.g. {@link Bridge#FORWARD_DELAY})
     * @return its value, or empty when the kernel did not report it as a number
     */
    public OptionalLong number(int type) {
        Long v = numbers.get(type);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /**
     * A byte attribute (an address, a bridge id, a flag, an attribute this library does not know).
     *
     * @param type the attribute number
     * @return a copy of its bytes, or empty when it is absent or a number
     */
    public Optional<byte[]> bytes(int type) {
        byte[] v = bytes.get(type);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /**
     * An address attribute (4 or 16 bytes), e.g. {@link Vxlan#LOCAL}.
     *
     * @param type the attribute number
     * @return the address, or empty when absent or not 4 or 16 bytes long
     */
    public Optional<InetAddress> address(int type) {
        byte[] v = bytes.get(type);
        if (v == null || (v.length != 4 && v.length != 16)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    /**
     * Whether the kernel reported this attribute (as a number or as bytes).
     *
     * @param type the attribute number
     * @return true when present
     */
    public boolean has(int type) {
        return numbers.containsKey(type) || bytes.containsKey(type);
    }

    /**
     * The integer attributes.
     *
     * @return attribute number to value, in attribute order (unmodifiable)
     */
    public SortedMap<Integer, Long> numbers() {
        return numbers;
    }

    /**
     * The numbers of the byte attributes.
     *
     * @return their attribute numbers, in order
     */
    public java.util.SortedSet<Integer> byteAttributes() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(bytes.keySet()));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LinkData)) {
            return false;
        }
        LinkData d = (LinkData) o;
        if (!kind.equals(d.kind) || !numbers.equals(d.numbers) || !bytes.keySet().equals(d.bytes.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : bytes.entrySet()) {
            if (!Arrays.equals(e.getValue(), d.bytes.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(kind, numbers);
        for (Map.Entry<Integer, byte[]> e : bytes.entrySet()) {
            h = 31 * h + e.getKey() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    /** {@code bridge{1=1500, 2=200, ..., 11=[80 00 02 00 ...]}}: the kind and its attributes by number. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append('{');
        TreeMap<Integer, String> all = new TreeMap<>();
        numbers.forEach((k, v) -> all.put(k, Long.toString(v)));
        bytes.forEach((k, v) -> all.put(k, "[" + java.util.HexFormat.ofDelimiter(" ").formatHex(v) + "]"));
        String sep = "";
        for (Map.Entry<Integer, String> e : all.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.append('}').toString();
    }

    /**
     * Collects attributes for a {@link LinkData}. Not thread-safe.
     *
     * <pre>{@code
     * LinkData d = LinkData.builder("macvlan").number(LinkData.Macvlan.MODE, 4).build();
     * }</pre>
     */
    public static final class Builder {
        private final String kind;
        private final TreeMap<Integer, Long> numbers = new TreeMap<>();
        private final TreeMap<Integer, byte[]> bytes = new TreeMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /**
         * Sets an integer attribute (replacing a byte attribute of the same number).
         *
         * @param type the attribute number, 0..32767
         * @param value the value
         * @return this builder
         */
        public Builder number(int type, long value) {
            check(type);
            bytes.remove(type);
            numbers.put(type, value);
            return this;
        }

        /**
         * Sets a byte attribute (replacing a number of the same attribute number).
         *
         * @param type the attribute number, 0..32767
         * @param value the bytes (copied)
         * @return this builder
         */
        public Builder bytes(int type, byte[] value) {
            check(type);
            numbers.remove(type);
            bytes.put(type, value.clone());
            return this;
        }

        /**
         * Removes an attribute.
         *
         * @param type the attribute number
         * @return this builder
         */
        public Builder remove(int type) {
            numbers.remove(type);
            bytes.remove(type);
            return this;
        }

        private static void check(int type) {
            if (type < 0 || type > 0x7FFF) {
                throw new IllegalArgumentException("attribute number " + type + " out of range 0..32767");
            }
        }

        /**
         * The value.
         *
         * @return the attributes collected so far
         */
        public LinkData build() {
            TreeMap<Integer, byte[]> b = new TreeMap<>();
            bytes.forEach((k, v) -> b.put(k, v.clone()));
            return new LinkData(kind, new TreeMap<>(numbers), b);
        }
    }

    /**
     * {@code IFLA_BR_*}: a bridge's {@code IFLA_INFO_DATA} ({@code include/uapi/linux/if_link.h}). Constants only:
     * safe to use from any thread.
     *
     * <pre>{@code
     * long fd = link.details().data().number(LinkData.Bridge.FORWARD_DELAY).orElse(-1);   // 1500
     * }</pre>
     */
    public static final class Bridge {
        private Bridge() {}

        /** u32, centiseconds. */
        public static final int FORWARD_DELAY = 1;
        /** u32, centiseconds. */
        public static final int HELLO_TIME = 2;
        /** u32, centiseconds. */
        public static final int MAX_AGE = 3;
        /** u32, centiseconds. */
        public static final int AGEING_TIME = 4;
        /** u32: 0 off, 1 kernel STP, 2 user STP. */
        public static final int STP_STATE = 5;
        /** u16. */
        public static final int PRIORITY = 6;
        /** u8. */
        public static final int VLAN_FILTERING = 7;
        /** be16 ethertype. */
        public static final int VLAN_PROTOCOL = 8;
        /** u16. */
        public static final int GROUP_FWD_MASK = 9;
        /** struct ifla_bridge_id (2 bytes priority, 6 bytes MAC). */
        public static final int ROOT_ID = 10;
        /** struct ifla_bridge_id (2 bytes priority, 6 bytes MAC). */
        public static final int BRIDGE_ID = 11;
        /** u16. */
        public static final int ROOT_PORT = 12;
        /** u32. */
        public static final int ROOT_PATH_COST = 13;
        /** u8. */
        public static final int TOPOLOGY_CHANGE = 14;
        /** u8. */
        public static final int TOPOLOGY_CHANGE_DETECTED = 15;
        /** u64, centiseconds left. */
        public static final int HELLO_TIMER = 16;
        /** u64, centiseconds left. */
        public static final int TCN_TIMER = 17;
        /** u64, centiseconds left. */
        public static final int TOPOLOGY_CHANGE_TIMER = 18;
        /** u64, centiseconds left. */
        public static final int GC_TIMER = 19;
        /** 6 bytes MAC. */
        public static final int GROUP_ADDR = 20;
        /** u8. */
        public static final int MCAST_ROUTER = 22;
        /** u8. */
        public static final int MCAST_SNOOPING = 23;
        /** u8. */
        public static final int MCAST_QUERY_USE_IFADDR = 24;
        /** u8. */
        public static final int MCAST_QUERIER = 25;
        /** u32. */
        public static final int MCAST_HASH_ELASTICITY = 26;
        /** u32. */
        public static final int MCAST_HASH_MAX = 27;
        /** u32. */
        public static final int MCAST_LAST_MEMBER_CNT = 28;
        /** u32. */
        public static final int MCAST_STARTUP_QUERY_CNT = 29;
        /** u64, centiseconds. */
        public static final int MCAST_LAST_MEMBER_INTVL = 30;
        /** u64, centiseconds. */
        public static final int MCAST_MEMBERSHIP_INTVL = 31;
        /** u64, centiseconds. */
        public static final int MCAST_QUERIER_INTVL = 32;
        /** u64, centiseconds. */
        public static final int MCAST_QUERY_INTVL = 33;
        /** u64, centiseconds. */
        public static final int MCAST_QUERY_RESPONSE_INTVL = 34;
        /** u64, centiseconds. */
        public static final int MCAST_STARTUP_QUERY_INTVL = 35;
        /** u8. */
        public static final int NF_CALL_IPTABLES = 36;
        /** u8. */
        public static final int NF_CALL_IP6TABLES = 37;
        /** u8. */
        public static final int NF_CALL_ARPTABLES = 38;
        /** u16. */
        public static final int VLAN_DEFAULT_PVID = 39;
        /** u8. */
        public static final int VLAN_STATS_ENABLED = 41;
        /** u8. */
        public static final int MCAST_STATS_ENABLED = 42;
        /** u8. */
        public static final int MCAST_IGMP_VERSION = 43;
        /** u8. */
        public static final int MCAST_MLD_VERSION = 44;
        /** u8. */
        public static final int VLAN_STATS_PER_PORT = 45;
        /** struct br_boolopt_multi, kept as the number {@code optval | optmask << 32}. */
        public static final int MULTI_BOOLOPT = 46;
        /** u32 (Linux 6.8). */
        public static final int FDB_N_LEARNED = 48;
        /** u32 (Linux 6.8). */
        public static final int FDB_MAX_LEARNED = 49;
    }

    /**
     * {@code IFLA_BRPORT_*}: a bridge port's {@code IFLA_INFO_SLAVE_DATA}. Constants only: safe to use from any
     * thread.
     *
     * <pre>{@code
     * long state = port.details().slaveData().number(LinkData.BridgePort.STATE).orElse(0);   // 3: forwarding
     * }</pre>
     */
    public static final class BridgePort {
        private BridgePort() {}

        /** u8 BR_STATE_*: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking. */
        public static final int STATE = 1;
        /** u16. */
        public static final int PRIORITY = 2;
        /** u32. */
        public static final int COST = 3;
        /** u8: hairpin. */
        public static final int MODE = 4;
        /** u8. */
        public static final int GUARD = 5;
        /** u8: root_block. */
        public static final int PROTECT = 6;
        /** u8. */
        public static final int FAST_LEAVE = 7;
        /** u8. */
        public static final int LEARNING = 8;
        /** u8. */
        public static final int UNICAST_FLOOD = 9;
        /** u8. */
        public static final int PROXYARP = 10;
        /** u8. */
        public static final int PROXYARP_WIFI = 12;
        /** struct ifla_bridge_id. */
        public static final int ROOT_ID = 13;
        /** struct ifla_bridge_id. */
        public static final int BRIDGE_ID = 14;
        /** u16. */
        public static final int DESIGNATED_PORT = 15;
        /** u16. */
        public static final int DESIGNATED_COST = 16;
        /** u16. */
        public static final int ID = 17;
        /** u16. */
        public static final int NO = 18;
        /** u8. */
        public static final int TOPOLOGY_CHANGE_ACK = 19;
        /** u8. */
        public static final int CONFIG_PENDING = 20;
        /** u64, centiseconds left. */
        public static final int MESSAGE_AGE_TIMER = 21;
        /** u64, centiseconds left. */
        public static final int FORWARD_DELAY_TIMER = 22;
        /** u64, centiseconds left. */
        public static final int HOLD_TIMER = 23;
        /** u8. */
        public static final int MULTICAST_ROUTER = 25;
        /** u8. */
        public static final int MCAST_FLOOD = 27;
        /** u8. */
        public static final int MCAST_TO_UCAST = 28;
        /** u8. */
        public static final int VLAN_TUNNEL = 29;
        /** u8. */
        public static final int BCAST_FLOOD = 30;
        /** u16. */
        public static final int GROUP_FWD_MASK = 31;
        /** u8. */
        public static final int NEIGH_SUPPRESS = 32;
        /** u8. */
        public static final int ISOLATED = 33;
        /** u32 ifindex. */
        public static final int BACKUP_PORT = 34;
        /** u8. */
        public static final int MRP_RING_OPEN = 35;
        /** u8. */
        public static final int MRP_IN_OPEN = 36;
        /** u32. */
        public static final int MCAST_EHT_HOSTS_LIMIT = 37;
        /** u32. */
        public static final int MCAST_EHT_HOSTS_CNT = 38;
        /** u8. */
        public static final int LOCKED = 39;
        /** u8. */
        public static final int MAB = 40;
        /** u32. */
        public static final int MCAST_N_GROUPS = 41;
        /** u32. */
        public static final int MCAST_MAX_GROUPS = 42;
        /** u8. */
        public static final int NEIGH_VLAN_SUPPRESS = 43;
        /** u32. */
        public static final int BACKUP_NHID = 44;
    }

    /**
     * {@code IFLA_VXLAN_*}: a vxlan's {@code IFLA_INFO_DATA}. Constants only: safe to use from any thread.
     *
     * <pre>{@code
     * LinkData ttl = LinkData.builder("vxlan").number(LinkData.Vxlan.TTL, 64).build();   // ip link add ... ttl 64
     * }</pre>
     */
    public static final class Vxlan {
        private Vxlan() {}

        /** u32 VNI. */
        public static final int ID = 1;
        /** 4 bytes: remote or multicast group. */
        public static final int GROUP = 2;
        /** u32 ifindex of the lower device. */
        public static final int LINK = 3;
        /** 4 bytes. */
        public static final int LOCAL = 4;
        /** u8, 0: auto. */
        public static final int TTL = 5;
        /** u8, 1: inherit. */
        public static final int TOS = 6;
        /** u8. */
        public static final int LEARNING = 7;
        /** u32 seconds, 0: none. */
        public static final int AGEING = 8;
        /** u32 (maxaddr). */
        public static final int LIMIT = 9;
        /** two be16 (low, high), kept as the number {@code low << 16 | high}. */
        public static final int PORT_RANGE = 10;
        /** u8. */
        public static final int PROXY = 11;
        /** u8. */
        public static final int RSC = 12;
        /** u8. */
        public static final int L2MISS = 13;
        /** u8. */
        public static final int L3MISS = 14;
        /** be16 UDP destination port. */
        public static final int PORT = 15;
        /** 16 bytes. */
        public static final int GROUP6 = 16;
        /** 16 bytes. */
        public static final int LOCAL6 = 17;
        /** u8. */
        public static final int UDP_CSUM = 18;
        /** u8. */
        public static final int UDP_ZERO_CSUM6_TX = 19;
        /** u8. */
        public static final int UDP_ZERO_CSUM6_RX = 20;
        /** u8. */
        public static final int REMCSUM_TX = 21;
        /** u8. */
        public static final int REMCSUM_RX = 22;
        /** flag (no bytes). */
        public static final int GBP = 23;
        /** flag (no bytes). */
        public static final int REMCSUM_NOPARTIAL = 24;
        /** u8. */
        public static final int COLLECT_METADATA = 25;
        /** be32 flow label. */
        public static final int LABEL = 26;
        /** flag (no bytes). */
        public static final int GPE = 27;
        /** u8. */
        public static final int TTL_INHERIT = 28;
        /** u8: 0 unset, 1 set, 2 inherit. */
        public static final int DF = 29;
        /** u8. */
        public static final int VNIFILTER = 30;
        /** u8 (Linux 6.8). */
        public static final int LOCALBYPASS = 31;
        /** u32 (Linux 6.9). */
        public static final int LABEL_POLICY = 32;
        /** 8 bytes: the VXLAN header bits left reserved (Linux 6.12). */
        public static final int RESERVED_BITS = 33;
    }

    /**
     * {@code IFLA_MACVLAN_*}: a macvlan's {@code IFLA_INFO_DATA}. Constants only: safe to use from any thread.
     *
     * <pre>{@code
     * long mode = mv.details().data().number(LinkData.Macvlan.MODE).orElse(0);   // 4: bridge
     * }</pre>
     */
    public static final class Macvlan {
        private Macvlan() {}

        /** u32 MACVLAN_MODE_*: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source. */
        public static final int MODE = 1;
        /** u16 MACVLAN_FLAG_*: 1 nopromisc, 2 nodst. */
        public static final int FLAGS = 2;
        /** u32. */
        public static final int MACADDR_COUNT = 6;
        /** u32. */
        public static final int BC_QUEUE_LEN = 7;
        /** u32. */
        public static final int BC_QUEUE_LEN_USED = 8;
        /** s32 (Linux 6.4). */
        public static final int BC_CUTOFF = 9;
    }
}
