package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.PortRange;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.RuleFlag;
import io.github.netroute.routing.UidRange;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * {@link Rule} ↔ RTM_NEWRULE/RTM_DELRULE/RTM_GETRULE, byte-identical to iproute2 6.1 for a command written in
 * {@code ip rule show} order with {@code pref} last.
 *
 * <h2>Encoding</h2>
 * fib_rule_hdr: family, dst_len, src_len, tos, table (lookup table id below 256, else 0 with FRA_TABLE; 0 for other
 * actions), action (FR_ACT_*; 0 — any action — in a delete of a {@code lookup} rule with a non-zero table, exactly
 * as {@code ip rule del ... table T} sends it; the table already pins the action), flags (FIB_RULE_INVERT only).
 * Attributes: FRA_SRC, FRA_DST, FRA_FWMARK, FRA_FWMASK, FRA_IIFNAME, FRA_OIFNAME, FRA_L3MDEV, FRA_IP_PROTO,
 * FRA_SPORT_RANGE, FRA_DPORT_RANGE, FRA_UID_RANGE, FRA_PROTOCOL (when not unspec), FRA_FLOW, FRA_TABLE,
 * FRA_SUPPRESS_PREFIXLEN, FRA_SUPPRESS_IFGROUP, FRA_DSCP, FRA_GOTO, FRA_PRIORITY.
 *
 * <h2>Decoding</h2>
 * FRA_TABLE wins over the header; a mask of 0xffffffff (what the kernel stores for {@code fwmark X} without a
 * mask) decodes as no mask, as iproute2 prints it; suppress values of -1 (unset) decode as null; FIB_RULE_INVERT
 * becomes {@code invert}, the other flag bits {@link RuleFlag}s. Action numbers the model has no name for (the
 * kernel accepts 4, 5, 9…, and treats them like blackhole: the lookup fails with EINVAL) decode as blackhole.
 * {@link #decodeMessage} keeps the attributes it does not know, raw; {@link #writeAdd(AttrWriter, Decoded)}
 * re-emits them byte for byte after the known ones.
 */
public final class RuleCodec {
  private final Values values = new Values();
  private final AttrReader attrs = new AttrReader();

  /** Appends RTM_NEWRULE (NLM_F_REQUEST|NLM_F_ACK|NLM_F_CREATE|NLM_F_EXCL, as {@code ip rule add}). */
  public void writeAdd(AttrWriter w, Rule r) {
    write(w, RTM_NEWRULE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r,
        false, RawAttributes.NONE);
  }

  /** {@link #writeAdd(AttrWriter, Rule)} for a decoded message: its unknown attributes last, byte for byte. */
  public void writeAdd(AttrWriter w, Decoded<Rule> m) {
    write(w, RTM_NEWRULE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
        m.value(), false, m.unknown());
  }

  /** Appends RTM_DELRULE (NLM_F_REQUEST|NLM_F_ACK). */
  public void writeDelete(AttrWriter w, Rule r) {
    write(w, RTM_DELRULE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, r, true, RawAttributes.NONE);
  }

  private static void write(AttrWriter w, int type, int flags, Rule r, boolean delete, RawAttributes raw) {
    long table = r.action() instanceof RuleAction.Lookup l ? l.table().id() : 0;
    int action = r.action() == null ? FR_ACT_UNSPEC : r.action().number(); // null: any action (ip rule del)
    if (delete && action == FR_ACT_TO_TBL && table != 0) action = FR_ACT_UNSPEC;
    w.beginMessage(type, flags);
    w.putU8(r.family().number()).putU8(r.to() == null ? 0 : r.to().length())
        .putU8(r.from() == null ? 0 : r.from().length()).putU8(r.tos()).putU8(table < 256 ? (int) table : 0)
        .putU8(0).putU8(0).putU8(action).putU32(r.invert() ? FIB_RULE_INVERT : 0);
    if (r.from() != null) w.address(FRA_SRC, r.from().address());
    if (r.to() != null) w.address(FRA_DST, r.to().address());
    if (r.fwmark() != null) w.u32(FRA_FWMARK, (int) (long) r.fwmark());
    if (r.fwmask() != null) w.u32(FRA_FWMASK, (int) (long) r.fwmask());
    if (r.iif() != null) w.string(FRA_IIFNAME, r.iif());
    if (r.oif() != null) w.string(FRA_OIFNAME, r.oif());
    if (r.l3mdev()) w.u8(FRA_L3MDEV, 1);
    if (r.ipProto() != null) w.u8(FRA_IP_PROTO, r.ipProto());
    if (r.sport() != null) w.u16Pair(FRA_SPORT_RANGE, r.sport().start(), r.sport().end());
    if (r.dport() != null) w.u16Pair(FRA_DPORT_RANGE, r.dport().start(), r.dport().end());
    if (r.uidRange() != null) w.u32Pair(FRA_UID_RANGE, (int) r.uidRange().start(), (int) r.uidRange().end());
    if (r.protocol().value() != 0) w.u8(FRA_PROTOCOL, r.protocol().value());
    if (r.realms() != 0) w.u32(FRA_FLOW, (int) r.realms());
    if (table >= 256) w.u32(FRA_TABLE, (int) table);
    if (r.suppressPrefixLength() != null) w.u32(FRA_SUPPRESS_PREFIXLEN, r.suppressPrefixLength());
    if (r.suppressIfGroup() != null) w.u32(FRA_SUPPRESS_IFGROUP, r.suppressIfGroup());
    if (r.dscp() != null) w.u8(FRA_DSCP, r.dscp());
    if (r.action() instanceof RuleAction.Goto g) w.u32(FRA_GOTO, (int) g.target());
    if (r.priority() != null) w.u32(FRA_PRIORITY, (int) (long) r.priority());
    raw.writeTo(w);
    w.endMessage();
  }

  /** Appends an RTM_GETRULE dump request for one family (as {@code ip rule show} sends it). */
  public static void writeDump(AttrWriter w, Family family) {
    w.beginMessage(RTM_GETRULE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    w.putU8(family.number()).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU32(0);
    w.endMessage();
  }

  /** Decodes the RTM_NEWRULE/RTM_DELRULE at the cursor; null for a family other than IPv4/IPv6. */
  public Rule decode(NlMsgCursor c) throws NetlinkException {
    return decode(c, null);
  }

  /** {@link #decode(NlMsgCursor)} keeping the attributes it does not know, raw; null for another family. */
  public Decoded<Rule> decodeMessage(NlMsgCursor c) throws NetlinkException {
    RawAttributes.Builder u = RawAttributes.builder();
    Rule r = decode(c, u);
    return r == null ? null : new Decoded<>(r, u.build());
  }

  private Rule decode(NlMsgCursor c, RawAttributes.Builder u) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < FIB_RULE_HDR_SIZE) {
      throw new NetlinkDecodeException("rule message payload " + c.payloadLength() + " bytes, need 12", c.offset());
    }
    int family = b.get(p) & 0xFF;
    if (family != AF_INET && family != AF_INET6) return null;
    int alen = family == AF_INET6 ? 16 : 4;
    int dstLen = b.get(p + 1) & 0xFF;
    int srcLen = b.get(p + 2) & 0xFF;
    int tos = b.get(p + 3) & 0xFF;
    long table = b.get(p + 4) & 0xFF;
    int action = b.get(p + 7) & 0xFF;
    int flags = b.getInt(p + 8);
    AttrReader a = c.attributes(FIB_RULE_HDR_SIZE, attrs);
    InetAddress src = null;
    InetAddress dst = null;
    String iif = null;
    String oif = null;
    Long priority = null;
    Long fwmark = null;
    Long fwmask = null;
    Long gotoTarget = null;
    Integer dscp = null;
    Integer ipProto = null;
    PortRange sport = null;
    PortRange dport = null;
    UidRange uid = null;
    boolean l3mdev = false;
    Integer suppressPrefix = null;
    Integer suppressGroup = null;
    int protocol = 0;
    long realms = 0;
    while (a.next()) {
      switch (a.type()) {
        case FRA_SRC: src = values.address(a, alen, true); break;
        case FRA_DST: dst = values.address(a, alen, true); break;
        case FRA_IIFNAME: iif = a.string(); break;
        case FRA_OIFNAME: oif = a.string(); break;
        case FRA_PRIORITY: priority = Integer.toUnsignedLong(a.u32()); break;
        case FRA_FWMARK: fwmark = Integer.toUnsignedLong(a.u32()); break;
        case FRA_FWMASK: fwmask = Integer.toUnsignedLong(a.u32()); break;
        case FRA_GOTO: gotoTarget = Integer.toUnsignedLong(a.u32()); break;
        case FRA_TABLE: table = Integer.toUnsignedLong(a.u32()); break;
        case FRA_FLOW: realms = Integer.toUnsignedLong(a.u32()); break;
        case FRA_SUPPRESS_PREFIXLEN: {
          int v = a.u32();
          suppressPrefix = v == -1 ? null : v;
          break;
        }
        case FRA_SUPPRESS_IFGROUP: {
          int v = a.u32();
          suppressGroup = v == -1 ? null : v;
          break;
        }
        case FRA_L3MDEV: l3mdev = a.u8() != 0; break;
        case FRA_UID_RANGE:
          uid = new UidRange(Integer.toUnsignedLong(a.u32At(0, 8)), Integer.toUnsignedLong(a.u32At(1, 8)));
          break;
        case FRA_PROTOCOL: protocol = a.u8(); break;
        case FRA_IP_PROTO: ipProto = a.u8(); break;
        case FRA_SPORT_RANGE: sport = ports(a); break;
        case FRA_DPORT_RANGE: dport = ports(a); break;
        case FRA_DSCP: dscp = a.u8(); break;
        default:
          if (u != null) u.add(a);
          break;
      }
    }
    a.check();
    if (priority == null) priority = 0L; // the kernel omits FRA_PRIORITY for pref 0; every kernel rule has a pref
    if (fwmask != null && fwmask == 0xFFFF_FFFFL && fwmark != null) fwmask = null;
    RuleAction act;
    switch (action) {
      case FR_ACT_TO_TBL: act = RuleAction.lookup(Values.table(table)); break;
      case FR_ACT_GOTO: act = RuleAction.gotoPriority(gotoTarget == null ? 0 : gotoTarget); break;
      case FR_ACT_NOP: act = RuleAction.nop(); break;
      case FR_ACT_UNREACHABLE: act = RuleAction.unreachable(); break;
      case FR_ACT_PROHIBIT: act = RuleAction.prohibit(); break;
      default: act = RuleAction.blackhole(); break;
    }
    try {
      Family f = alen == 16 ? Family.INET6 : Family.INET;
      CidrAddress from = srcLen > 0 || src != null
          ? CidrAddress.of(src != null ? src : AttrReader.address(new byte[alen]), srcLen) : null;
      CidrAddress to = dstLen > 0 || dst != null
          ? CidrAddress.of(dst != null ? dst : AttrReader.address(new byte[alen]), dstLen) : null;
      return new Rule(f, priority, act, from, to, iif, oif, fwmark, fwmask, tos, dscp, ipProto, sport, dport, uid,
          l3mdev, (flags & FIB_RULE_INVERT) != 0, suppressPrefix, suppressGroup, Values.protocol(protocol),
          RuleFlag.ofBits(flags), realms);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid rule: " + e.getMessage(), c.offset());
    }
  }

  private static PortRange ports(AttrReader a) {
    int start = a.u16At(0, 4);
    int end = a.u16At(1, 4);
    if (a.error() != null) return null;
    if (start > end) {
      a.reject("port range " + start + "-" + end);
      return null;
    }
    return new PortRange(start, end);
  }

  static RouteTable table(long id) {
    return Values.table(id);
  }

  static RouteProtocol protocol(int v) {
    return Values.protocol(v);
  }
}
