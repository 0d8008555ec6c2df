package io.github.netroute.routing.netlink.internal.codec;

import io.github.netroute.routing.LinkData;
import io.github.netroute.routing.LinkData.Bridge;
import io.github.netroute.routing.LinkData.BridgePort;
import io.github.netroute.routing.LinkData.Macvlan;
import io.github.netroute.routing.LinkData.Vxlan;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code IFLA_INFO_DATA} / {@code IFLA_INFO_SLAVE_DATA} ↔ {@link LinkData}, per kind: a table of each integer
 * attribute's width and byte order (the kernel's {@code *_fill_info()} / nla_policy); an attribute the table does not
 * name, or whose length is not the table's, is kept as its bytes. Decoding never fails on content: only the
 * attribute framing (checked by the caller's {@link AttrReader}) can.
 */
final class LinkDataCodec {
  /** Host-order unsigned widths 1, 2, 4, 8; big-endian 16 and 32; two be16; two u32. */
  private static final int U8 = 1;
  private static final int U16 = 2;
  private static final int U32 = 4;
  private static final int U64 = 8;
  private static final int BE16 = -2;
  private static final int BE32 = -4;
  private static final int BE16_PAIR = 100;
  private static final int U32_PAIR = 101;

  private static final Map<String, Map<Integer, Integer>> KINDS = new HashMap<>();

  static {
    Map<Integer, Integer> br = new HashMap<>();
    for (int t : new int[] {Bridge.FORWARD_DELAY, Bridge.HELLO_TIME, Bridge.MAX_AGE, Bridge.AGEING_TIME,
        Bridge.STP_STATE, Bridge.ROOT_PATH_COST, Bridge.MCAST_HASH_ELASTICITY, Bridge.MCAST_HASH_MAX,
        Bridge.MCAST_LAST_MEMBER_CNT, Bridge.MCAST_STARTUP_QUERY_CNT, Bridge.FDB_N_LEARNED,
        Bridge.FDB_MAX_LEARNED}) {
      br.put(t, U32);
    }
    for (int t : new int[] {Bridge.PRIORITY, Bridge.GROUP_FWD_MASK, Bridge.ROOT_PORT, Bridge.VLAN_DEFAULT_PVID}) {
      br.put(t, U16);
    }
    for (int t : new int[] {Bridge.VLAN_FILTERING, Bridge.TOPOLOGY_CHANGE, Bridge.TOPOLOGY_CHANGE_DETECTED,
        Bridge.MCAST_ROUTER, Bridge.MCAST_SNOOPING, Bridge.MCAST_QUERY_USE_IFADDR, Bridge.MCAST_QUERIER,
        Bridge.NF_CALL_IPTABLES, Bridge.NF_CALL_IP6TABLES, Bridge.NF_CALL_ARPTABLES, Bridge.VLAN_STATS_ENABLED,
        Bridge.MCAST_STATS_ENABLED, Bridge.MCAST_IGMP_VERSION, Bridge.MCAST_MLD_VERSION,
        Bridge.VLAN_STATS_PER_PORT}) {
      br.put(t, U8);
    }
    for (int t : new int[] {Bridge.HELLO_TIMER, Bridge.TCN_TIMER, Bridge.TOPOLOGY_CHANGE_TIMER, Bridge.GC_TIMER,
        Bridge.MCAST_LAST_MEMBER_INTVL, Bridge.MCAST_MEMBERSHIP_INTVL, Bridge.MCAST_QUERIER_INTVL,
        Bridge.MCAST_QUERY_INTVL, Bridge.MCAST_QUERY_RESPONSE_INTVL, Bridge.MCAST_STARTUP_QUERY_INTVL}) {
      br.put(t, U64);
    }
    br.put(Bridge.VLAN_PROTOCOL, BE16);
    br.put(Bridge.MULTI_BOOLOPT, U32_PAIR);
    KINDS.put("bridge", br);

    Map<Integer, Integer> port = new HashMap<>();
    for (int t : new int[] {BridgePort.STATE, BridgePort.MODE, BridgePort.GUARD, BridgePort.PROTECT,
        BridgePort.FAST_LEAVE, BridgePort.LEARNING, BridgePort.UNICAST_FLOOD, BridgePort.PROXYARP, 11,
        BridgePort.PROXYARP_WIFI, BridgePort.TOPOLOGY_CHANGE_ACK, BridgePort.CONFIG_PENDING,
        BridgePort.MULTICAST_ROUTER, BridgePort.MCAST_FLOOD, BridgePort.MCAST_TO_UCAST, BridgePort.VLAN_TUNNEL,
        BridgePort.BCAST_FLOOD, BridgePort.NEIGH_SUPPRESS, BridgePort.ISOLATED, BridgePort.MRP_RING_OPEN,
        BridgePort.MRP_IN_OPEN, BridgePort.LOCKED, BridgePort.MAB, BridgePort.NEIGH_VLAN_SUPPRESS}) {
      port.put(t, U8);
    }
    for (int t : new int[] {BridgePort.PRIORITY, BridgePort.DESIGNATED_PORT, BridgePort.DESIGNATED_COST,
        BridgePort.ID, BridgePort.NO, BridgePort.GROUP_FWD_MASK}) {
      port.put(t, U16);
    }
    for (int t : new int[] {BridgePort.COST, BridgePort.BACKUP_PORT, BridgePort.MCAST_EHT_HOSTS_LIMIT,
        BridgePort.MCAST_EHT_HOSTS_CNT, BridgePort.MCAST_N_GROUPS, BridgePort.MCAST_MAX_GROUPS,
        BridgePort.BACKUP_NHID}) {
      port.put(t, U32);
    }
    for (int t : new int[] {BridgePort.MESSAGE_AGE_TIMER, BridgePort.FORWARD_DELAY_TIMER, BridgePort.HOLD_TIMER}) {
      port.put(t, U64);
    }
    KINDS.put("bridge_slave", port);

    Map<Integer, Integer> vx = new HashMap<>();
    for (int t : new int[] {Vxlan.ID, Vxlan.LINK, Vxlan.AGEING, Vxlan.LIMIT, Vxlan.LABEL_POLICY}) {
      vx.put(t, U32);
    }
    for (int t : new int[] {Vxlan.TTL, Vxlan.TOS, Vxlan.LEARNING, Vxlan.PROXY, Vxlan.RSC, Vxlan.L2MISS,
        Vxlan.L3MISS, Vxlan.UDP_CSUM, Vxlan.UDP_ZERO_CSUM6_TX, Vxlan.UDP_ZERO_CSUM6_RX, Vxlan.REMCSUM_TX,
        Vxlan.REMCSUM_RX, Vxlan.COLLECT_METADATA, Vxlan.TTL_INHERIT, Vxlan.DF, Vxlan.VNIFILTER,
        Vxlan.LOCALBYPASS}) {
      vx.put(t, U8);
    }
    vx.put(Vxlan.PORT, BE16);
    vx.put(Vxlan.LABEL, BE32);
    vx.put(Vxlan.PORT_RANGE, BE16_PAIR);
    KINDS.put("vxlan", vx);

    Map<Integer, Integer> mv = new HashMap<>();
    for (int t : new int[] {Macvlan.MODE, 3, Macvlan.MACADDR_COUNT, Macvlan.BC_QUEUE_LEN,
        Macvlan.BC_QUEUE_LEN_USED, Macvlan.BC_CUTOFF}) {
      mv.put(t, U32);
    }
    mv.put(Macvlan.FLAGS, U16);
    KINDS.put("macvlan", mv);
    KINDS.put("macvtap", mv);
  }

  private LinkDataCodec() {}

  private static int width(int code) {
    switch (code) {
      case BE16: return 2;
      case BE32: return 4;
      case BE16_PAIR: return 4;
      case U32_PAIR: return 8;
      default: return code;
    }
  }

  /**
   * The attributes nested in {@code a}'s current attribute, for {@code kind} ({@code slave}: the master's kind's
   * port attributes). Framing errors are left in {@code inner} for the caller's check.
   */
  static LinkData decode(AttrReader a, AttrReader inner, String kind, boolean slave) {
    LinkData.Builder b = LinkData.builder(kind);
    Map<Integer, Integer> table = KINDS.getOrDefault(slave ? kind + "_slave" : kind, Map.of());
    AttrReader r = a.nested(inner);
    while (r.next()) {
      Integer code = table.get(r.type());
      if (code == null || r.payloadLength() != width(code)) {
        byte[] raw = r.bytes();
        if (raw != null) b.bytes(r.type(), raw);
        continue;
      }
      long v;
      switch (code) {
        case U8: v = r.u8(); break;
        case U16: v = r.u16(); break;
        case U32: v = Integer.toUnsignedLong(r.u32()); break;
        case BE16: v = r.be16(); break;
        case BE32: v = Integer.toUnsignedLong(r.be32()); break;
        case BE16_PAIR: {
          byte[] p = r.bytes(); // struct ifla_vxlan_port_range {__be16 low, high}
          v = (long) ((p[0] & 0xFF) << 8 | (p[1] & 0xFF)) << 16 | (p[2] & 0xFF) << 8 | (p[3] & 0xFF);
          break;
        }
        case U32_PAIR:
          v = Integer.toUnsignedLong(r.u32At(0, 8)) | (Integer.toUnsignedLong(r.u32At(1, 8)) << 32);
          break;
        default: v = r.u64(); break;
      }
      b.number(r.type(), v);
    }
    return b.build();
  }

  /** Writes {@code d}'s attributes (inside the caller's nest), numbers in the table's width, bytes as they are. */
  static void write(AttrWriter w, LinkData d, boolean slave) {
    Map<Integer, Integer> table = KINDS.getOrDefault(slave ? d.kind() + "_slave" : d.kind(), Map.of());
    java.util.TreeSet<Integer> all = new java.util.TreeSet<>(d.numbers().keySet());
    all.addAll(d.byteAttributes());
    for (int t : all) {
      if (!d.numbers().containsKey(t)) {
        w.bytes(t, d.bytes(t).orElseThrow());
        continue;
      }
      long v = d.numbers().get(t);
      int code = table.getOrDefault(t, U64);
      switch (code) {
        case U8: w.u8(t, (int) v); break;
        case U16: w.u16(t, (int) v); break;
        case U32: w.u32(t, (int) v); break;
        case BE16: w.be16(t, (int) v); break;
        case BE32: w.be32(t, (int) v); break;
        case BE16_PAIR: {
          byte[] b = {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
          w.bytes(t, b);
          break;
        }
        case U32_PAIR: {
          java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
          bb.putInt((int) v).putInt((int) (v >>> 32));
          w.bytes(t, bb.array());
          break;
        }
        default: w.u64(t, v); break;
      }
    }
  }
}
