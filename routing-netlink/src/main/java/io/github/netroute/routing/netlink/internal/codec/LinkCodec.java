package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;

/**
 * {@link Link} ↔ RTM_NEWLINK/RTM_DELLINK/RTM_GETLINK, as iproute2 6.1 sends them: {@code ip link add NAME type KIND}
 * (CREATE|EXCL, IFLA_IFNAME, IFLA_LINKINFO{IFLA_INFO_KIND}), {@code ip link set NAME up|down} (ifi_index, flags,
 * change IFF_UP), {@code ip link del NAME} (ifi_index), {@code ip link show} (AF_PACKET dump with IFLA_EXT_MASK
 * RTEXT_FILTER_VF) and {@code ip link show dev NAME}.
 */
public final class LinkCodec {
  private static final String[] OPER_STATES = {
    "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
  };
  private static final int AF_PACKET = 17;

  private final AttrReader attrs = new AttrReader();
  private final AttrReader inner = new AttrReader();

  public static void writeAdd(AttrWriter w, String name, String kind) {
    w.beginMessage(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
        | Netlink.NLM_F_EXCL);
    new IfInfoMsg(AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
    w.string(IFLA_IFNAME, name);
    int li = w.beginNested(IFLA_LINKINFO);
    w.bytes(IFLA_INFO_KIND, kind.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unterminated, as iproute2
    w.endNested(li);
    w.endMessage();
  }

  /**
   * {@code ip link add ...} as iproute2 6.1 sends it: IFLA_LINK (a macvlan's parent), IFLA_IFNAME, IFLA_LINKINFO
   * {IFLA_INFO_KIND, IFLA_INFO_DATA {veth: VETH_INFO_PEER {ifinfomsg, IFLA_NET_NS_FD, IFLA_IFNAME}; vxlan: LINK, ID,
   * LOCAL(6), GROUP(6), LEARNING 1, PORT; macvlan: MODE}}.
   *
   * @param lowerIndex the ifindex of {@code spec.device()} (0 when none)
   * @param peerNsFd an open descriptor of the peer's namespace, or -1
   */
  public static void writeAdd(AttrWriter w, io.github.netroute.routing.LinkSpec spec, int lowerIndex, int peerNsFd) {
    w.beginMessage(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
        | Netlink.NLM_F_EXCL);
    new IfInfoMsg(AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
    String kind = spec.kind().name();
    if (kind.equals("macvlan") && lowerIndex > 0) w.u32(IFLA_LINK, lowerIndex);
    // iplink_parse() adds these in the order of the command line; netroute sends them in the order of ip link help
    if (spec.mtu() >= 0) w.u32(IFLA_MTU, spec.mtu());
    if (spec.address() != null) w.bytes(IFLA_ADDRESS, macBytes(spec.address()));
    if (spec.txQueueLength() >= 0) w.u32(IFLA_TXQLEN, spec.txQueueLength());
    if (spec.numTxQueues() >= 0) w.u32(IFLA_NUM_TX_QUEUES, spec.numTxQueues());
    if (spec.numRxQueues() >= 0) w.u32(IFLA_NUM_RX_QUEUES, spec.numRxQueues());
    w.string(IFLA_IFNAME, spec.name());
    int li = w.beginNested(IFLA_LINKINFO);
    w.bytes(IFLA_INFO_KIND, kind.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unterminated, as iproute2
    switch (kind) {
      case "veth": {
        if (spec.peer() != null || peerNsFd >= 0) {
          int data = w.beginNested(IFLA_INFO_DATA);
          int peer = w.beginNested(VETH_INFO_PEER);
          new IfInfoMsg(AF_UNSPEC, 0, 0, 0, 0).writeTo(w);
          if (peerNsFd >= 0) w.u32(IFLA_NET_NS_FD, peerNsFd);
          if (spec.peer() != null) w.string(IFLA_IFNAME, spec.peer());
          w.endNested(peer);
          w.endNested(data);
        }
        break;
      }
      case "vxlan": {
        int data = w.beginNested(IFLA_INFO_DATA);
        if (lowerIndex > 0) w.u32(IFLA_VXLAN_LINK, lowerIndex);
        // vxlan_parse_opt() adds the options in the command line's order (netroute: by attribute number), then ID,
        // LOCAL, GROUP, LEARNING and PORT
        io.github.netroute.routing.LinkData extra = spec.data();
        if (extra != null) {
          io.github.netroute.routing.LinkData.Builder rest = extra.toBuilder()
              .remove(IFLA_VXLAN_LEARNING);
          LinkDataCodec.write(w, rest.build(), false);
        }
        w.u32(IFLA_VXLAN_ID, spec.vni());
        if (spec.local() != null) {
          w.address(spec.local().getAddress().length == 4 ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, spec.local());
        }
        if (spec.remote() != null) {
          w.address(spec.remote().getAddress().length == 4 ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, spec.remote());
        }
        w.u8(IFLA_VXLAN_LEARNING, extra == null ? 1 : (int) extra.number(IFLA_VXLAN_LEARNING).orElse(1));
        if (spec.dstPort() > 0) w.be16(IFLA_VXLAN_PORT, spec.dstPort()); // dstport 0: the default, not sent
        w.endNested(data);
        break;
      }
      case "macvlan": {
        if (spec.mode() != null) {
          int data = w.beginNested(IFLA_INFO_DATA);
          w.u32(IFLA_MACVLAN_MODE, macvlanMode(spec.mode()));
          w.endNested(data);
        }
        break;
      }
      default: break;
    }
    w.endNested(li);
    w.endMessage();
  }

  /** MACVLAN_MODE_* of a mode name. */
  public static int macvlanMode(String mode) {
    switch (mode) {
      case "private": return 1;
      case "vepa": return 2;
      case "bridge": return 4;
      case "passthru": return 8;
      case "source": return 16;
      default: throw new IllegalArgumentException("macvlan mode \"" + mode + "\"");
    }
  }

  /**
   * {@code ip link set ...}: one RTM_NEWLINK on the device's index with IFF_UP in flags/change when up/down is given,
   * then IFLA_NET_NS_FD, IFLA_ADDRESS, IFLA_MTU, IFLA_IFNAME, IFLA_IFALIAS (unterminated) and IFLA_MASTER as given.
   *
   * @param masterIndex the master's ifindex (0 for nomaster), used when {@code s.master() != null}
   * @param nsFd an open descriptor of the target namespace, or -1
   */
  public static void writeSet(AttrWriter w, int index, io.github.netroute.routing.LinkSettings s, int masterIndex,
      int nsFd) {
    w.beginMessage(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
    int flags = s.up() == null ? 0 : s.up() ? IFF_UP : 0;
    new IfInfoMsg(AF_UNSPEC, 0, index, flags, s.up() == null ? 0 : IFF_UP).writeTo(w);
    if (nsFd >= 0) w.u32(IFLA_NET_NS_FD, nsFd);
    if (s.address() != null) w.bytes(IFLA_ADDRESS, macBytes(s.address()));
    if (s.mtu() != null) w.u32(IFLA_MTU, s.mtu());
    if (s.newName() != null) w.string(IFLA_IFNAME, s.newName());
    if (s.alias() != null) w.bytes(IFLA_IFALIAS, s.alias().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (s.master() != null) w.u32(IFLA_MASTER, masterIndex);
    w.endMessage();
  }

  static byte[] macBytes(String mac) {
    String[] p = mac.split(":");
    byte[] b = new byte[p.length];
    for (int i = 0; i < p.length; i++) b[i] = (byte) Integer.parseInt(p[i], 16);
    return b;
  }

  public static void writeSetUp(AttrWriter w, int index, boolean up) {
    w.beginMessage(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
    new IfInfoMsg(AF_UNSPEC, 0, index, up ? IFF_UP : 0, IFF_UP).writeTo(w);
    w.endMessage();
  }

  public static void writeDelete(AttrWriter w, int index) {
    w.beginMessage(RTM_DELLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
    new IfInfoMsg(AF_UNSPEC, 0, index, 0, 0).writeTo(w);
    w.endMessage();
  }

  public static void writeDump(AttrWriter w) {
    w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    new IfInfoMsg(AF_PACKET, 0, 0, 0, 0).writeTo(w);
    w.u32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
    w.endMessage();
  }

  /** A link dump without statistics (for the name cache: only index and name are read). */
  public static void writeDumpNames(AttrWriter w) {
    w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    new IfInfoMsg(AF_PACKET, 0, 0, 0, 0).writeTo(w);
    w.u32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    w.endMessage();
  }

  /** One link by index ({@code name == null}) or by name. */
  public static void writeGet(AttrWriter w, int index, String name) {
    w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST);
    new IfInfoMsg(AF_UNSPEC, 0, name == null ? index : 0, 0, 0).writeTo(w);
    w.u32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    if (name != null) w.string(IFLA_IFNAME, name);
    w.endMessage();
  }

  /** One link by index with its counters (no RTEXT_FILTER_SKIP_STATS: the kernel adds IFLA_STATS64). */
  public static void writeGetWithStatistics(AttrWriter w, int index) {
    w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST);
    new IfInfoMsg(AF_UNSPEC, 0, index, 0, 0).writeTo(w);
    w.u32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
    w.endMessage();
  }

  /**
   * The counters of the RTM_NEWLINK at the cursor: IFLA_STATS64 (struct rtnl_link_stats64, native u64s, as many as
   * the kernel sends: older kernels send fewer) and IFLA_CARRIER_CHANGES (-1 when absent); null without
   * IFLA_STATS64.
   */
  public io.github.netroute.routing.LinkStatistics decodeStatistics(NlMsgCursor c) throws NetlinkException {
    if (c.payloadLength() < IFINFOMSG_SIZE) {
      throw new NetlinkDecodeException("link message payload " + c.payloadLength() + " bytes, need 16", c.offset());
    }
    AttrReader a = c.attributes(IFINFOMSG_SIZE, attrs);
    java.util.Map<io.github.netroute.routing.LinkStatistics.Counter, Long> v =
        new java.util.EnumMap<>(io.github.netroute.routing.LinkStatistics.Counter.class);
    boolean stats = false;
    long carrier = -1;
    while (a.next()) {
      if (a.type() == IFLA_STATS64) {
        stats = true;
        io.github.netroute.routing.LinkStatistics.Counter[] cs = io.github.netroute.routing.LinkStatistics.Counter.values();
        int n = Math.min(cs.length, a.payloadLength() / 8);
        for (int i = 0; i < n; i++) {
          v.put(cs[i], a.buffer().getLong(a.payloadOffset() + 8 * i));
        }
      } else if (a.type() == IFLA_CARRIER_CHANGES) {
        carrier = Integer.toUnsignedLong(a.u32());
      }
    }
    a.check();
    return stats ? io.github.netroute.routing.LinkStatistics.of(v, carrier) : null;
  }

  /** Decodes the RTM_NEWLINK/RTM_DELLINK at the cursor. */
  public Link decode(NlMsgCursor c) throws NetlinkException {
    return decode(c, null);
  }

  /**
   * {@link #decode(NlMsgCursor)} keeping the top-level attributes it does not know (statistics, IFLA_AF_SPEC, newer
   * ones), raw; {@link #writeLink} re-emits them. Inside IFLA_LINKINFO only the kind is read and kept.
   */
  public Decoded<Link> decodeMessage(NlMsgCursor c) throws NetlinkException {
    RawAttributes.Builder u = RawAttributes.builder();
    Link l = decode(c, u);
    return new Decoded<>(l, u.build());
  }

  private Link decode(NlMsgCursor c, RawAttributes.Builder u) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < IFINFOMSG_SIZE) {
      throw new NetlinkDecodeException("link message payload " + c.payloadLength() + " bytes, need 16", c.offset());
    }
    int type = b.getShort(p + 2) & 0xFFFF;
    int index = b.getInt(p + 4);
    int flags = b.getInt(p + 8);
    AttrReader a = c.attributes(IFINFOMSG_SIZE, attrs);
    String name = null;
    String kind = null;
    String qdisc = null;
    String address = null;
    String broadcast = null;
    int mtu = 0;
    int group = 0;
    int txq = 0;
    String oper = null;
    int master = 0;
    int parent = 0;
    int parentNetnsId = -1;
    String alias = null;
    int[] n = new int[DETAIL_ATTRS.length];
    java.util.Arrays.fill(n, -1);
    int genMode = -1;
    String parentBus = null;
    String parentDev = null;
    io.github.netroute.routing.LinkData data = null;
    io.github.netroute.routing.LinkData slaveData = null;
    String slaveKind = null;
    while (a.next()) {
      int d = detail(a.type());
      if (d >= 0) {
        n[d] = a.u32();
        continue;
      }
      switch (a.type()) {
        case IFLA_IFNAME: name = a.string(); break;
        case IFLA_MTU: mtu = a.u32(); break;
        case IFLA_GROUP: group = a.u32(); break;
        case IFLA_TXQLEN: txq = a.u32(); break;
        case IFLA_QDISC: qdisc = a.string(); break;
        case IFLA_OPERSTATE: {
          int s = a.u8();
          oper = s < OPER_STATES.length ? OPER_STATES[s] : Integer.toString(s);
          break;
        }
        case IFLA_ADDRESS: address = mac(a); break;
        case IFLA_MASTER: master = a.u32(); break;
        case IFLA_LINK: parent = a.u32(); break;
        case IFLA_LINK_NETNSID: parentNetnsId = a.u32(); break;
        case IFLA_IFALIAS: alias = a.payloadLength() == 0 ? null : a.string(); break;
        case IFLA_BROADCAST: broadcast = mac(a); break;
        case IFLA_PARENT_DEV_NAME: parentDev = a.string(); break;
        case IFLA_PARENT_DEV_BUS_NAME: parentBus = a.string(); break;
        case IFLA_LINKINFO: {
          // the kinds come before their data (rtnl_link_info_fill(): KIND, then DATA; SLAVE_KIND, then SLAVE_DATA)
          AttrReader li = a.nested(inner);
          while (li.next()) {
            switch (li.type()) {
              case IFLA_INFO_KIND: kind = li.string(); break;
              case IFLA_INFO_SLAVE_KIND: slaveKind = li.string(); break;
              case IFLA_INFO_DATA:
                if (kind != null && validKind(kind)) data = LinkDataCodec.decode(li, data(), kind, false);
                break;
              case IFLA_INFO_SLAVE_DATA:
                if (slaveKind != null && validKind(slaveKind)) {
                  slaveData = LinkDataCodec.decode(li, data(), slaveKind, true);
                }
                break;
              default: break;
            }
          }
          li.check();
          if (slaveKind != null && slaveData == null && validKind(slaveKind)) {
            slaveData = io.github.netroute.routing.LinkData.builder(slaveKind).build();
          }
          break;
        }
        case IFLA_AF_SPEC: {
          genMode = addrGenMode(a);
          if (u != null) u.add(a);
          break;
        }
        default:
          if (u != null) u.add(a);
          break;
      }
    }
    a.check();
    if (name == null) throw new NetlinkDecodeException("link " + index + " without IFLA_IFNAME", c.offset());
    try {
      if (parent == index) parent = 0; // the kernel reports IFLA_LINK only when it differs, but be safe
      io.github.netroute.routing.LinkDetails details = new io.github.netroute.routing.LinkDetails(n[0], n[1], n[2],
          n[3], genMode, n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11], n[12], parentBus, parentDev, data,
          slaveData);
      return new Link(index, name, kind == null ? null : io.github.netroute.routing.LinkKind.of(kind), flags, mtu,
          group, txq, qdisc, oper, type, address, broadcast, master, parent, parentNetnsId, alias, details);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid link: " + e.getMessage(), c.offset());
    }
  }

  /** Linux 6.3's IFLA_GSO_IPV4_MAX_SIZE / IFLA_GRO_IPV4_MAX_SIZE (newer than the CI's 6.1 headers Rtnl is checked against). */
  static final int IFLA_GSO_IPV4_MAX_SIZE = 63;
  static final int IFLA_GRO_IPV4_MAX_SIZE = 64;

  /**
   * The u32 attributes of {@link io.github.netroute.routing.LinkDetails}, in its component order (after addrgenmode
   * comes from IFLA_AF_SPEC).
   */
  private static final int[] DETAIL_ATTRS = {
    IFLA_PROMISCUITY, IFLA_ALLMULTI, IFLA_MIN_MTU, IFLA_MAX_MTU, IFLA_NUM_TX_QUEUES, IFLA_NUM_RX_QUEUES,
    IFLA_GSO_MAX_SIZE, IFLA_GSO_MAX_SEGS, IFLA_TSO_MAX_SIZE, IFLA_TSO_MAX_SEGS, IFLA_GRO_MAX_SIZE,
    IFLA_GSO_IPV4_MAX_SIZE, IFLA_GRO_IPV4_MAX_SIZE,
  };

  private static final int[] DETAIL_SLOT = new int[IFLA_GRO_IPV4_MAX_SIZE + 1];

  static {
    java.util.Arrays.fill(DETAIL_SLOT, -1);
    for (int i = 0; i < DETAIL_ATTRS.length; i++) DETAIL_SLOT[DETAIL_ATTRS[i]] = i;
  }

  private static int detail(int type) {
    return type < DETAIL_SLOT.length ? DETAIL_SLOT[type] : -1;
  }

  private AttrReader data;

  private AttrReader data() {
    if (data == null) data = new AttrReader();
    return data;
  }

  private static boolean validKind(String k) {
    return !k.isEmpty() && k.length() <= 15 && k.chars().noneMatch(c -> c <= ' ' || c == '/');
  }

  private static final int AF_INET6 = 10;
  private static final int IFLA_INET6_ADDR_GEN_MODE = 8;

  /** IFLA_AF_SPEC {AF_INET6 {IFLA_INET6_ADDR_GEN_MODE u8}}, or -1. */
  private int addrGenMode(AttrReader a) {
    AttrReader af = a.nested(data());
    int mode = -1;
    AttrReader v6 = null;
    while (af.next()) {
      if (af.type() == AF_INET6) {
        if (v6 == null) v6 = new AttrReader();
        AttrReader in = af.nested(v6);
        while (in.next()) {
          if (in.type() == IFLA_INET6_ADDR_GEN_MODE) mode = in.u8();
        }
        if (in.error() != null) return -1;
      }
    }
    return af.error() != null ? -1 : mode;
  }

  /** Just index and name of the link at the cursor (for the name cache), or null without a name. */
  public String nameOf(NlMsgCursor c) throws NetlinkException {
    if (c.payloadLength() < IFINFOMSG_SIZE) {
      throw new NetlinkDecodeException("link message payload " + c.payloadLength() + " bytes, need 16", c.offset());
    }
    AttrReader a = c.attributes(IFINFOMSG_SIZE, attrs);
    String name = null;
    while (a.next()) {
      if (a.type() == IFLA_IFNAME) name = a.string();
    }
    a.check();
    return name;
  }

  /**
   * Appends a link message as the kernel sends one ({@code rtnl_fill_ifinfo}'s order for what {@link Link} holds):
   * ifinfomsg (AF_UNSPEC, type, index, flags), IFLA_IFNAME, IFLA_TXQLEN, IFLA_OPERSTATE, IFLA_MTU, IFLA_GROUP,
   * IFLA_MASTER, IFLA_QDISC, IFLA_IFALIAS, IFLA_LINK, IFLA_ADDRESS, IFLA_BROADCAST, IFLA_LINKINFO{IFLA_INFO_KIND},
   * IFLA_LINK_NETNSID, then the message's unknown attributes
   * byte for byte. Zero numbers and null strings are left out.
   */
  public static void writeLink(AttrWriter w, int type, int nlFlags, Decoded<Link> m) {
    Link l = m.value();
    w.beginMessage(type, nlFlags);
    new IfInfoMsg(AF_UNSPEC, l.linkType(), l.index(), l.flags(), 0).writeTo(w);
    w.string(IFLA_IFNAME, l.name());
    if (l.txQueueLength() != 0) w.u32(IFLA_TXQLEN, l.txQueueLength());
    if (l.operState() != null) w.u8(IFLA_OPERSTATE, operState(l.operState()));
    if (l.mtu() != 0) w.u32(IFLA_MTU, l.mtu());
    if (l.group() != 0) w.u32(IFLA_GROUP, l.group());
    if (l.master() != 0) w.u32(IFLA_MASTER, l.master());
    if (l.qdisc() != null) w.string(IFLA_QDISC, l.qdisc());
    if (l.alias() != null) w.string(IFLA_IFALIAS, l.alias());
    if (l.parent() != 0) w.u32(IFLA_LINK, l.parent());
    if (l.address() != null) w.bytes(IFLA_ADDRESS, macBytes(l.address()));
    if (l.broadcast() != null) w.bytes(IFLA_BROADCAST, macBytes(l.broadcast()));
    io.github.netroute.routing.LinkDetails d = l.details();
    int[] n = {d.promiscuity(), d.allmulti(), d.minMtu(), d.maxMtu(), d.numTxQueues(), d.numRxQueues(),
        d.gsoMaxSize(), d.gsoMaxSegs(), d.tsoMaxSize(), d.tsoMaxSegs(), d.groMaxSize(), d.gsoIpv4MaxSize(),
        d.groIpv4MaxSize()};
    for (int i = 0; i < n.length; i++) {
      if (n[i] != -1) w.u32(DETAIL_ATTRS[i], n[i]);
    }
    if (d.parentDev() != null) w.string(IFLA_PARENT_DEV_NAME, d.parentDev());
    if (d.parentBus() != null) w.string(IFLA_PARENT_DEV_BUS_NAME, d.parentBus());
    if (l.kind() != null || d.slaveData() != null) {
      int li = w.beginNested(IFLA_LINKINFO);
      if (l.kind() != null) {
        w.string(IFLA_INFO_KIND, l.kind());
        if (d.data() != null) {
          int dn = w.beginNested(IFLA_INFO_DATA);
          LinkDataCodec.write(w, d.data(), false);
          w.endNested(dn);
        }
      }
      if (d.slaveData() != null) {
        w.string(IFLA_INFO_SLAVE_KIND, d.slaveData().kind());
        int sn = w.beginNested(IFLA_INFO_SLAVE_DATA);
        LinkDataCodec.write(w, d.slaveData(), true);
        w.endNested(sn);
      }
      w.endNested(li);
    }
    if (l.parentNetnsId() >= 0) w.u32(IFLA_LINK_NETNSID, l.parentNetnsId());
    m.unknown().writeTo(w);
    w.endMessage();
  }

  private static int operState(String s) {
    for (int i = 0; i < OPER_STATES.length; i++) {
      if (OPER_STATES[i].equals(s)) return i;
    }
    return Integer.parseInt(s) & 0xFF; // a number the table has no name for, as decode prints it
  }

  public static int indexOf(NlMsgCursor c) {
    return c.buffer().getInt(c.payloadOffset() + 4);
  }

  private static String mac(AttrReader a) {
    int n = a.payloadLength();
    if (n == 0) return null;
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(':');
      int v = a.buffer().get(a.payloadOffset() + i) & 0xFF;
      sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
    }
    return sb.toString();
  }
}
