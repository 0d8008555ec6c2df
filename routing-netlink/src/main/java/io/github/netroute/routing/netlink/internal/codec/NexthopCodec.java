package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.AF_INET;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.AF_INET6;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_DELNEXTHOP;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_GETNEXTHOP;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWNEXTHOP;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NexthopAttr;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.UnknownDeviceException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Nexthop} ↔ RTM_NEWNEXTHOP/RTM_DELNEXTHOP/RTM_GETNEXTHOP, byte-identical to iproute2 6.1.
 *
 * <h2>Encoding</h2>
 * Header {@code struct nhmsg} (8 bytes): family (AF_UNSPEC for a group), scope 0, protocol, resvd 0, flags (the
 * user-settable RTNH_F_ONLINK). Attributes in iproute2's order: NHA_ID (when not 0), NHA_GROUP (8 bytes per member:
 * id u32, weight − 1 u8, two reserved), NHA_RES_GROUP (nested BUCKETS u16, IDLE_TIMER u32, UNBALANCED_TIMER u32, the
 * timers in clock ticks of USER_HZ 100) then NHA_GROUP_TYPE u16 for a resilient group (never sent for mpath),
 * NHA_BLACKHOLE, NHA_GATEWAY, NHA_OIF, NHA_FDB. Deletes and gets carry NHA_ID only; dumps carry the filters NHA_OIF,
 * NHA_GROUPS, NHA_FDB.
 *
 * <h2>Decoding</h2>
 * The kernel's {@code nh_fill_node}: family, scope, protocol, flags from the header; NHA_ID; for a group NHA_GROUP,
 * NHA_GROUP_TYPE and NHA_RES_GROUP (with UNBALANCED_TIME u64); else NHA_BLACKHOLE or NHA_FDB, NHA_OIF, NHA_GATEWAY.
 * Unknown attributes (NHA_ENCAP, newer ones) are skipped by {@link #decode}; {@link #decodeMessage} keeps the
 * top-level ones raw and {@link #writeNew(AttrWriter, boolean, Decoded)} re-emits them byte for byte last (unknown
 * members of NHA_RES_GROUP — kernel state such as a newer timer — are skipped). Malformed input fails with
 * {@link NetlinkDecodeException}.
 */
public final class NexthopCodec {
  /** sizeof(struct nhmsg). */
  public static final int NHMSG_SIZE = 8;
  /** sizeof(struct nexthop_grp). */
  static final int GRP_SIZE = 8;
  /** NHA_RES_GROUP_* numbers. */
  static final int RES_BUCKETS = 1;
  static final int RES_IDLE_TIMER = 2;
  static final int RES_UNBALANCED_TIMER = 3;
  static final int RES_UNBALANCED_TIME = 4;
  /** Clock ticks per second of the resilient timers (USER_HZ). */
  static final int USER_HZ = 100;

  private final LinkNames names;
  private final Values values = new Values();
  private final AttrReader attrs = new AttrReader();
  private final AttrReader inner = new AttrReader();

  public NexthopCodec(LinkNames names) {
    this.names = names;
  }

  /** Appends RTM_NEWNEXTHOP: CREATE|EXCL for add, CREATE|REPLACE for replace. */
  public void writeNew(AttrWriter w, boolean replace, Nexthop n) throws NetlinkException {
    writeNew(w, replace, n, RawAttributes.NONE);
  }

  /** {@link #writeNew(AttrWriter, boolean, Nexthop)} for a decoded message: its unknown attributes last. */
  public void writeNew(AttrWriter w, boolean replace, Decoded<Nexthop> m) throws NetlinkException {
    writeNew(w, replace, m.value(), m.unknown());
  }

  private void writeNew(AttrWriter w, boolean replace, Nexthop n, RawAttributes raw) throws NetlinkException {
    int oif = 0;
    if (n.group() == null) { // a blackhole with a device is sent as given: the kernel refuses it with its extack
      oif = n.deviceIndex();
      if (oif == 0 && n.device() != null) {
        oif = names.index(n.device());
        if (oif <= 0) throw new UnknownDeviceException(n.device());
      }
    }
    int flags = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | (replace ? 0x400 | 0x100 : 0x400 | 0x200);
    w.beginMessage(RTM_NEWNEXTHOP, flags);
    int family = n.family() == null ? 0 : n.family().number(); // a group: AF_UNSPEC unless asked
    w.putU8(family).putU8(0).putU8(n.protocol().value()).putU8(0)
        .putU32(NextHopFlag.toBits(n.flags()) & RouteCodec.USER_FLAGS);
    if (n.id() != 0) w.u32(NexthopAttr.ID, (int) n.id());
    NexthopGroup g = n.group();
    if (g != null) {
      byte[] members = new byte[g.members().size() * GRP_SIZE];
      ByteBuffer b = ByteBuffer.wrap(members).order(java.nio.ByteOrder.nativeOrder());
      for (int i = 0; i < g.members().size(); i++) {
        NexthopGroup.Member m = g.members().get(i);
        b.putInt(i * GRP_SIZE, (int) m.id());
        b.put(i * GRP_SIZE + 4, (byte) (m.weight() - 1));
      }
      w.bytes(NexthopAttr.GROUP.number(), members);
      if (g.type() == NexthopGroup.Type.RESILIENT) {
        int res = w.beginNested(NexthopAttr.RES_GROUP.number() | 0x8000); // NLA_F_NESTED, as iproute2 sets it
        if (g.buckets() != 0) w.u16(RES_BUCKETS, g.buckets());
        if (g.idleTimer() != null) w.u32(RES_IDLE_TIMER, (int) (g.idleTimer() * USER_HZ));
        if (g.unbalancedTimer() != null) w.u32(RES_UNBALANCED_TIMER, (int) (g.unbalancedTimer() * USER_HZ));
        w.endNested(res);
        w.u16(NexthopAttr.GROUP_TYPE.number(), g.type().number());
      }
    }
    if (n.blackhole()) w.flag(NexthopAttr.BLACKHOLE.number());
    if (n.gateway() != null) w.address(NexthopAttr.GATEWAY, n.gateway());
    if (oif != 0) w.u32(NexthopAttr.OIF, oif);
    if (n.fdb()) w.flag(NexthopAttr.FDB.number());
    raw.writeTo(w);
    w.endMessage();
  }

  /** Appends RTM_DELNEXTHOP for an id. */
  public static void writeDelete(AttrWriter w, long id) {
    writeId(w, RTM_DELNEXTHOP, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, id);
  }

  /** Appends RTM_GETNEXTHOP (no dump) for an id, as {@code ip nexthop get id N}. */
  public static void writeGet(AttrWriter w, long id) {
    writeId(w, RTM_GETNEXTHOP, Netlink.NLM_F_REQUEST, id);
  }

  private static void writeId(AttrWriter w, int type, int flags, long id) {
    w.beginMessage(type, flags);
    w.putU8(0).putU8(0).putU8(0).putU8(0).putU32(0);
    w.u32(NexthopAttr.ID, (int) id);
    w.endMessage();
  }

  /** Appends a dump request with the kernel's filters (the family in the header, NHA_OIF, NHA_GROUPS, NHA_FDB). */
  public static void writeDump(AttrWriter w, NexthopFilter f, int oif) {
    w.beginMessage(RTM_GETNEXTHOP, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    w.putU8(f.family() == null ? 0 : f.family().number()).putU8(0).putU8(0).putU8(0).putU32(0);
    if (oif > 0) w.u32(NexthopAttr.OIF, oif);
    if (f.groups()) w.flag(NexthopAttr.GROUPS.number());
    if (f.fdb()) w.flag(NexthopAttr.FDB.number());
    w.endMessage();
  }

  /** Decodes the RTM_NEWNEXTHOP/RTM_DELNEXTHOP at the cursor; null for a family other than unspec/IPv4/IPv6. */
  public Nexthop decode(NlMsgCursor c) throws NetlinkException {
    return decode(c, null);
  }

  /** {@link #decode(NlMsgCursor)} keeping the top-level attributes it does not know, raw; null for another family. */
  public Decoded<Nexthop> decodeMessage(NlMsgCursor c) throws NetlinkException {
    RawAttributes.Builder u = RawAttributes.builder();
    Nexthop n = decode(c, u);
    return n == null ? null : new Decoded<>(n, u.build());
  }

  private Nexthop decode(NlMsgCursor c, RawAttributes.Builder u) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < NHMSG_SIZE) {
      throw new NetlinkDecodeException("nexthop message payload " + c.payloadLength() + " bytes, need 8", c.offset());
    }
    int family = b.get(p) & 0xFF;
    if (family != 0 && family != AF_INET && family != AF_INET6) return null;
    int scope = b.get(p + 1) & 0xFF;
    int protocol = b.get(p + 2) & 0xFF;
    int flags = b.getInt(p + 4);
    int alen = family == AF_INET6 ? 16 : 4;
    AttrReader a = c.attributes(NHMSG_SIZE, attrs);
    long id = 0;
    InetAddress gateway = null;
    int oif = 0;
    boolean blackhole = false;
    boolean fdb = false;
    List<NexthopGroup.Member> members = null;
    int groupType = 0;
    int buckets = 0;
    Long idle = null;
    Long unbalanced = null;
    Long unbalancedTime = null;
    while (a.next()) {
      switch (NexthopAttr.of(a.type())) {
        case ID: id = Integer.toUnsignedLong(a.u32()); break;
        case GATEWAY:
          if (family == 0) a.reject("NHA_GATEWAY in a nexthop without family");
          else gateway = values.address(a, alen, true);
          break;
        case OIF: oif = a.u32(); break;
        case BLACKHOLE: blackhole = true; break;
        case FDB: fdb = true; break;
        case GROUP_TYPE: groupType = a.u16(); break;
        case GROUP: members = members(a); break;
        case RES_GROUP: {
          AttrReader r = a.nested(inner);
          while (r.next()) {
            switch (r.type()) {
              case RES_BUCKETS: buckets = r.u16(); break;
              case RES_IDLE_TIMER: idle = Integer.toUnsignedLong(r.u32()) / USER_HZ; break;
              case RES_UNBALANCED_TIMER: unbalanced = Integer.toUnsignedLong(r.u32()) / USER_HZ; break;
              case RES_UNBALANCED_TIME: unbalancedTime = r.u64() / USER_HZ; break;
              default: break;
            }
          }
          if (r.error() != null) a.reject("invalid NHA_RES_GROUP");
          break;
        }
        default:
          if (u != null) u.add(a);
          break;
      }
    }
    a.check();
    if (oif < 0) throw new NetlinkDecodeException("negative NHA_OIF " + oif, c.offset());
    try {
      if (members != null) {
        NexthopGroup.Type t = NexthopGroup.Type.ofNumber(groupType);
        if (t == null) throw new NetlinkDecodeException("unknown nexthop group type " + groupType, c.offset());
        NexthopGroup g = t == NexthopGroup.Type.MPATH
            ? new NexthopGroup(members, t, 0, null, null, null)
            : new NexthopGroup(members, t, buckets, idle, unbalanced, unbalancedTime);
        return new Nexthop(id, null, null, null, 0, Values.flags(flags), false, fdb, Values.protocol(protocol),
            Values.scope(scope), g);
      }
      Family f = family == AF_INET6 ? Family.INET6 : Family.INET;
      return new Nexthop(id, f, gateway, oif == 0 ? null : names.name(oif), oif, Values.flags(flags), blackhole, fdb,
          Values.protocol(protocol), Values.scope(scope), null);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid nexthop: " + e.getMessage(), c.offset());
    }
  }

  private static List<NexthopGroup.Member> members(AttrReader a) {
    int len = a.payloadLength();
    if (len == 0 || len % GRP_SIZE != 0) {
      a.reject("NHA_GROUP of " + len + " bytes");
      return List.of();
    }
    ByteBuffer b = a.buffer();
    int off = a.payloadOffset();
    List<NexthopGroup.Member> out = new ArrayList<>(len / GRP_SIZE);
    for (int i = 0; i < len; i += GRP_SIZE) {
      long id = Integer.toUnsignedLong(b.getInt(off + i));
      int weight = (b.get(off + i + 4) & 0xFF) + 1;
      if (id == 0) {
        a.reject("nexthop group member id 0");
        return List.of();
      }
      out.add(new NexthopGroup.Member(id, weight));
    }
    return out;
  }
}
