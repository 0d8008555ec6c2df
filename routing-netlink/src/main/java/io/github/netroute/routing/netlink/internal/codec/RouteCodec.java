package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteMetrics;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import io.github.netroute.routing.netlink.internal.wire.UnknownDeviceException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * {@link Route} ↔ RTM_NEWROUTE/RTM_DELROUTE/RTM_GETROUTE, byte-identical to iproute2 6.1 for the same command.
 *
 * <h2>Encoding</h2>
 * Header: family, dst_len, src_len, tos, table (the id when below 256, else 0 — RT_TABLE_UNSPEC, as iproute2 sends
 * it — with the id in RTA_TABLE), protocol, scope, type exactly as the route says (the model already holds
 * iproute2's defaults, IPv6 scope is always universe, as iproute2 sends it) and rtm_flags = the route's
 * user-settable nexthop flags (onlink, pervasive; the kernel rejects dead/linkdown). Attributes in iproute2's order
 * for a command written in {@code ip route show} order: RTA_DST (when dst_len &gt; 0), RTA_SRC, RTA_GATEWAY,
 * RTA_PRIORITY (when not 0), RTA_TABLE (ids ≥ 256), RTA_PREFSRC, RTA_FLOW, RTA_PREF, RTA_EXPIRES (not in deletes),
 * RTA_OIF, RTA_METRICS (RTAX_* ascending, RTAX_CC_ALGO as an unterminated string, RTAX_LOCK last), RTA_MULTIPATH
 * (rtnexthop{flags, weight − 1, ifindex} + RTA_GATEWAY, RTA_FLOW).
 *
 * <h2>Decoding</h2>
 * Straight from the receive buffer: RTA_TABLE wins over rtm_table; expiry comes from RTA_CACHEINFO's
 * {@code rta_expires} in clock ticks (USER_HZ = 100) as whole seconds, like iproute2 prints it; device names come
 * from the {@link LinkNames} cache; scope, protocol, small table ids and flag sets are shared instances; gateways
 * and prefsrcs go through a small address cache. Messages of other families (IPMR, MPLS, …) decode to null.
 * Malformed input fails with {@link NetlinkDecodeException} only.
 *
 * <h2>Unknown attributes</h2>
 * {@link #decode} skips attributes it does not know; {@link #decodeMessage} keeps them raw in a {@link RouteMessage}
 * (top level, inside RTA_METRICS, inside each RTA_MULTIPATH nexthop) and {@link #writeNew(AttrWriter, int,
 * RouteMessage)} re-emits them byte for byte at the end of the same container.
 */
public final class RouteCodec {
  /** RTNH_F_* bits a request may carry. */
  static final int USER_FLAGS = RTNH_F_ONLINK | RTNH_F_PERVASIVE;
  /** Clock ticks per second of RTA_CACHEINFO (USER_HZ). */
  static final int USER_HZ = 100;

  private final LinkNames names;
  private final Values values = new Values();
  private final AttrReader attrs = new AttrReader();
  private final AttrReader inner = new AttrReader();
  private final AttrReader hopAttrs = new AttrReader();
  private final AttrReader.NexthopReader hops = new AttrReader.NexthopReader();

  public RouteCodec(LinkNames names) {
    this.names = names;
  }

  // ------------------------------------------------------------------------------------------------ encoding

  /** Appends RTM_NEWROUTE (NLM_F_REQUEST|NLM_F_ACK|{@code nlmFlags}) for {@code r}. */
  public void writeNew(AttrWriter w, int nlmFlags, Route r) throws NetlinkException {
    write(w, RTM_NEWROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | nlmFlags, r, false, null, null);
  }

  /**
   * {@link #writeNew(AttrWriter, int, Route)} for a decoded message: its unknown attributes follow the known ones of
   * their container (the message, RTA_METRICS, each RTA_MULTIPATH nexthop), byte for byte.
   */
  public void writeNew(AttrWriter w, int nlmFlags, RouteMessage m) throws NetlinkException {
    write(w, RTM_NEWROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | nlmFlags, m.route(), false, m, null);
  }

  /**
   * As {@link #writeNew(AttrWriter, int, Route)} with RTA_DST and rtm_dst_len taken from {@code dst} as written, host
   * bits and all (the raw path: what iproute2 sends for {@code ip route add 10.1.2.3/24}).
   */
  public void writeNew(AttrWriter w, int nlmFlags, Route r, io.github.netroute.routing.CidrAddress dst)
      throws NetlinkException {
    write(w, RTM_NEWROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | nlmFlags, r, false, null, dst);
  }

  /** As {@link #writeDelete(AttrWriter, Route)} with the destination as written (the raw path). */
  public void writeDelete(AttrWriter w, Route r, io.github.netroute.routing.CidrAddress dst)
      throws NetlinkException {
    write(w, RTM_DELROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, r, true, null, dst);
  }

  /** Appends RTM_DELROUTE (NLM_F_REQUEST|NLM_F_ACK) for {@code r}: unset fields are the kernel's wildcards. */
  public void writeDelete(AttrWriter w, Route r) throws NetlinkException {
    write(w, RTM_DELROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, r, true, null, null);
  }

  /**
   * The rtm_type to send. fib_dump_info reports a route on a blackhole nexthop as RTN_BLACKHOLE whatever its own type
   * (unicast when added by {@code ip route add P nhid N}), and fib_table_delete matches the stored type: a delete by
   * id of such a route, as a dump reports it, leaves the type a wildcard (RTN_UNSPEC, as {@code ip route del} does
   * unless a type is given).
   */
  private static int deleteType(Route r, boolean byId) {
    return byId && r.type() == io.github.netroute.routing.RouteType.BLACKHOLE ? 0 : r.type().number();
  }

  private void write(AttrWriter w, int type, int flags, Route r, boolean delete, RouteMessage raw,
      io.github.netroute.routing.CidrAddress rawDst) throws NetlinkException {
    // resolve names first: a failure must not leave a half-written message behind. A route with a nexthop object
    // is added with whatever gateway, device or paths it has besides, as iproute2 sends them (the kernel refuses
    // them: "Nexthop specification and nexthop id are mutually exclusive"); it is deleted by RTA_NH_ID alone, so
    // that a route as a dump reports it (the nexthop's gateway and device filled in) can be deleted
    boolean byId = delete && r.nhid() != 0;
    int oif = byId ? 0 : deviceIndex(r.device(), r.deviceIndex());
    int[] hopIndexes = null;
    if (!r.nextHops().isEmpty() && !byId) {
      hopIndexes = new int[r.nextHops().size()];
      for (int i = 0; i < hopIndexes.length; i++) {
        NextHop h = r.nextHops().get(i);
        hopIndexes[i] = deviceIndex(h.device(), h.deviceIndex());
      }
    }
    long table = r.table().id();
    w.beginMessage(type, flags);
    int dstLen = rawDst != null ? rawDst.length() : r.dst().length();
    w.putU8(r.family().number()).putU8(dstLen).putU8(r.src() == null ? 0 : r.src().length())
        .putU8(r.tos()).putU8(table < 256 ? (int) table : RT_TABLE_UNSPEC).putU8(r.protocol().value())
        .putU8(r.scope().value()).putU8(deleteType(r, byId)).putU32(NextHopFlag.toBits(r.flags()) & USER_FLAGS);
    if (dstLen > 0) w.address(RouteAttr.DST, rawDst != null ? rawDst.address() : r.dst().address());
    if (r.src() != null) w.address(RouteAttr.SRC, r.src().address());
    boolean nhid = r.nhid() != 0;
    if (nhid) w.u32(RouteAttr.NH_ID, (int) r.nhid());
    if (r.gateway() != null && !byId) w.address(RouteAttr.GATEWAY, r.gateway());
    if (r.priority() != 0) w.u32(RouteAttr.PRIORITY, (int) r.priority());
    if (table >= 256) w.u32(RouteAttr.TABLE, (int) table);
    if (r.prefsrc() != null) w.address(RouteAttr.PREFSRC, r.prefsrc());
    if (r.realms() != 0) w.u32(RouteAttr.FLOW, (int) r.realms());
    if (r.preference() != null) w.u8(RouteAttr.PREF, r.preference().number());
    if (r.expires() != null && !delete) w.u32(RouteAttr.EXPIRES, r.expires());
    if (oif != 0) w.u32(RouteAttr.OIF, oif);
    writeMetrics(w, r.metrics(), raw == null ? RawAttributes.NONE : raw.unknownMetrics());
    if (hopIndexes != null) {
      int mp = w.beginNested(RouteAttr.MULTIPATH);
      for (int i = 0; i < hopIndexes.length; i++) {
        NextHop h = r.nextHops().get(i);
        int t = w.beginNexthop(NextHopFlag.toBits(h.flags()) & USER_FLAGS, h.weight() - 1, hopIndexes[i]);
        if (h.gateway() != null) w.address(RouteAttr.GATEWAY, h.gateway());
        if (h.realms() != 0) w.u32(RouteAttr.FLOW, (int) h.realms());
        if (raw != null) raw.unknownOfNextHop(i).writeTo(w);
        w.endNexthop(t);
      }
      w.endNested(mp);
    }
    if (raw != null) raw.unknown().writeTo(w);
    w.endMessage();
  }

  static void writeMetrics(AttrWriter w, RouteMetrics m, RawAttributes unknown) {
    if (m.isEmpty() && unknown.isEmpty()) return;
    int tok = w.beginNested(RouteAttr.METRICS);
    boolean cc = m.congctl() == null;
    for (Map.Entry<RouteMetric, Long> e : m.values().entrySet()) { // EnumMap: ascending RTAX numbers
      if (!cc && e.getKey().number() > RTAX_CC_ALGO) {
        w.bytes(RTAX_CC_ALGO, m.congctl().getBytes(StandardCharsets.US_ASCII));
        cc = true;
      }
      w.u32(e.getKey().number(), (int) (long) e.getValue());
    }
    if (!cc) w.bytes(RTAX_CC_ALGO, m.congctl().getBytes(StandardCharsets.US_ASCII));
    int lock = m.lockBits();
    if (lock != 0) w.u32(RTAX_LOCK, lock);
    unknown.writeTo(w);
    w.endNested(tok);
  }

  public int deviceIndex(String name, int index) throws NetlinkException {
    if (index != 0) return index;
    if (name == null) return 0;
    int i = names.index(name);
    if (i <= 0) throw new UnknownDeviceException(name);
    return i;
  }

  /**
   * Appends a dump request for one family. With strict checking the kernel filters by table (rtm_table 0 + RTA_TABLE,
   * as iproute2 sends it), protocol and output device ({@code oif} &gt; 0); the caller still applies
   * {@link RouteFilter#matches} to every route. The type is not sent (iproute2 does not send it either): the kernel
   * filters on the entry's own type (fa_type) but reports a route on a blackhole nexthop object as blackhole
   * (fib_dump_info()), so only a filter on the reported type selects what {@code ip route show type T} shows.
   */
  public static void writeDump(AttrWriter w, Family family, RouteFilter f, int oif, boolean strict) {
    w.beginMessage(RTM_GETROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    boolean k = strict && f != null;
    int protocol = k && f.protocol() != null ? f.protocol().value() : 0;
    w.putU8(family.number()).putU8(0).putU8(0).putU8(0).putU8(0).putU8(protocol).putU8(0).putU8(0).putU32(0);
    if (k && f.table() != null) w.u32(RouteAttr.TABLE, (int) f.table().id());
    if (k && oif > 0) w.u32(RouteAttr.OIF, oif);
    w.endMessage();
  }

  // ------------------------------------------------------------------------------------------------ decoding

  /** Decodes the RTM_NEWROUTE/RTM_DELROUTE at the cursor; null for a family other than IPv4/IPv6. */
  public Route decode(NlMsgCursor c) throws NetlinkException {
    return decode(c, null);
  }

  /**
   * {@link #decode(NlMsgCursor)} keeping the attributes this decoder does not know, raw, at every level (see
   * {@link RouteMessage}); null for a family other than IPv4/IPv6.
   */
  public RouteMessage decodeMessage(NlMsgCursor c) throws NetlinkException {
    Unknowns u = new Unknowns();
    Route r = decode(c, u);
    if (r == null) return null;
    List<RawAttributes> hops = new ArrayList<>(u.hops.size());
    boolean any = false;
    for (RawAttributes.Builder h : u.hops) {
      any |= !h.isEmpty();
      hops.add(h.build());
    }
    if (hops.size() != r.nextHops().size()) any = false; // a malformed path would have failed the decode
    return new RouteMessage(r, u.top.build(), u.metrics.build(), any ? hops : List.of());
  }

  /** The unknown attributes met by one decode, by container. */
  private static final class Unknowns {
    final RawAttributes.Builder top = RawAttributes.builder();
    final RawAttributes.Builder metrics = RawAttributes.builder();
    final List<RawAttributes.Builder> hops = new ArrayList<>(2);
  }

  private Route decode(NlMsgCursor c, Unknowns u) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < RTMSG_SIZE) {
      throw new NetlinkDecodeException("route message payload " + c.payloadLength() + " bytes, need 12", c.offset());
    }
    int family = b.get(p) & 0xFF;
    if (family != AF_INET && family != AF_INET6) return null;
    boolean v6 = family == AF_INET6;
    int alen = v6 ? 16 : 4;
    int dstLen = b.get(p + 1) & 0xFF;
    int srcLen = b.get(p + 2) & 0xFF;
    int tos = b.get(p + 3) & 0xFF;
    long table = b.get(p + 4) & 0xFF;
    int protocol = b.get(p + 5) & 0xFF;
    int scope = b.get(p + 6) & 0xFF;
    RouteType type = Values.type(b.get(p + 7) & 0xFF);
    int rtmFlags = b.getInt(p + 8);
    if (type == null) throw new NetlinkDecodeException("unknown route type " + (b.get(p + 7) & 0xFF), c.offset());
    if (dstLen > alen * 8 || srcLen > alen * 8) {
      throw new NetlinkDecodeException("prefix length " + Math.max(dstLen, srcLen) + " too long", c.offset());
    }
    AttrReader a = c.attributes(RTMSG_SIZE, attrs);
    InetAddress dst = null;
    InetAddress src = null;
    InetAddress gateway = null;
    InetAddress prefsrc = null;
    int oif = 0;
    long priority = 0;
    long realms = 0;
    Integer expires = null;
    RoutePreference pref = null;
    RouteMetrics metrics = RouteMetrics.NONE;
    List<NextHop> nextHops = List.of();
    long nhid = 0;
    while (a.next()) {
      switch (RouteAttr.of(a.type())) {
        case NH_ID: nhid = Integer.toUnsignedLong(a.u32()); break;
        case VIA: gateway = via(a); break;
        case DST: dst = values.address(a, alen, false); break;
        case SRC: src = values.address(a, alen, false); break;
        case GATEWAY: gateway = values.address(a, alen, true); break;
        case PREFSRC: prefsrc = values.address(a, alen, true); break;
        case OIF: oif = a.u32(); break;
        case PRIORITY: priority = Integer.toUnsignedLong(a.u32()); break;
        case TABLE: table = Integer.toUnsignedLong(a.u32()); break;
        case FLOW: realms = Integer.toUnsignedLong(a.u32()); break;
        case PREF: pref = RoutePreference.ofNumber(a.u8()); break;
        case CACHEINFO:
          if (a.payloadLength() < 12) {
            a.reject("RTA_CACHEINFO of " + a.payloadLength() + " bytes");
          } else {
            int ticks = b.getInt(a.payloadOffset() + 8);
            if (ticks != 0) expires = Math.max(0, ticks / USER_HZ);
          }
          break;
        case METRICS: metrics = metrics(a, u); break;
        case MULTIPATH: nextHops = multipath(a, alen, u); break;
        default:
          if (u != null) u.top.add(a);
          break;
      }
    }
    a.check();
    if (oif < 0) throw new NetlinkDecodeException("negative RTA_OIF " + oif, c.offset());
    try {
      Family f = v6 ? Family.INET6 : Family.INET;
      IpPrefix dstPrefix = dst == null
          ? (dstLen == 0 ? IpPrefix.defaultOf(f) : IpPrefix.of(AttrReader.address(new byte[alen]), dstLen))
          : IpPrefix.of(dst, dstLen);
      IpPrefix srcPrefix = v6 && srcLen > 0
          ? IpPrefix.of(src != null ? src : AttrReader.address(new byte[alen]), srcLen) : null;
      if (!nextHops.isEmpty()) {
        gateway = null; // the kernel never sends both; the nexthops are authoritative
        oif = 0;
      }
      return new Route(f, type, Values.table(table), dstPrefix, srcPrefix, tos, gateway, names.name(oif), oif,
          prefsrc, priority, Values.protocol(protocol), Values.scope(scope), Values.flags(rtmFlags), nextHops,
          metrics, pref, expires, realms, nhid);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid route: " + e.getMessage(), c.offset());
    }
  }

  private RouteMetrics metrics(AttrReader a, Unknowns u) {
    AttrReader m = a.nested(inner);
    EnumMap<RouteMetric, Long> v = null;
    int lock = 0;
    String cc = null;
    while (m.next()) {
      int t = m.type();
      if (t == RTAX_LOCK) {
        lock = m.u32();
      } else if (t == RTAX_CC_ALGO) {
        cc = m.string();
      } else {
        RouteMetric k = Values.metric(t);
        if (k != null) {
          long x = Integer.toUnsignedLong(m.u32());
          if (v == null) v = new EnumMap<>(RouteMetric.class);
          v.put(k, x);
        } else if (u != null) {
          u.metrics.add(m);
        }
      }
    }
    if (m.error() != null) return RouteMetrics.NONE;
    EnumSet<RouteMetric> locked = null;
    for (int bit = 0; bit < 32; bit++) {
      RouteMetric k = (lock & (1 << bit)) != 0 ? Values.metric(bit) : null;
      if (k != null) {
        if (locked == null) locked = EnumSet.noneOf(RouteMetric.class);
        locked.add(k);
      }
    }
    if (v == null && locked == null && cc == null) return RouteMetrics.NONE;
    try {
      return new RouteMetrics(v, locked, cc == null || cc.isEmpty() ? null : cc,
          cc != null && !cc.isEmpty() && (lock & (1 << RTAX_CC_ALGO)) != 0);
    } catch (IllegalArgumentException e) {
      a.reject("invalid RTA_METRICS: " + e.getMessage());
      return RouteMetrics.NONE;
    }
  }

  /** RTA_VIA ({@code struct rtvia}: u16 family, address): an IPv4 route's IPv6 gateway (via a nexthop object). */
  static InetAddress via(AttrReader a) {
    int len = a.payloadLength();
    if (len < 2) {
      a.reject("RTA_VIA of " + len + " bytes");
      return null;
    }
    int fam = a.buffer().getShort(a.payloadOffset()) & 0xFFFF;
    int alen = fam == AF_INET6 ? 16 : fam == AF_INET ? 4 : -1;
    if (alen < 0 || len != 2 + alen) {
      a.reject("RTA_VIA family " + fam + " with " + (len - 2) + " address bytes");
      return null;
    }
    byte[] addr = new byte[alen];
    a.buffer().get(a.payloadOffset() + 2, addr);
    return AttrReader.address(addr);
  }

  private List<NextHop> multipath(AttrReader a, int alen, Unknowns u) throws NetlinkException {
    AttrReader.NexthopReader h = a.multipath(hops);
    List<NextHop> out = new ArrayList<>(4);
    while (h.next()) {
      int ifindex = h.ifindex();
      int weight = h.hops() + 1;
      int flags = h.flags();
      InetAddress gw = null;
      long realms = 0;
      AttrReader ha = h.attributes(hopAttrs);
      RawAttributes.Builder raw = u == null ? null : RawAttributes.builder();
      while (ha.next()) {
        switch (RouteAttr.of(ha.type())) {
          case GATEWAY: gw = values.address(ha, alen, true); break;
          case VIA: gw = via(ha); break;
          case FLOW: realms = Integer.toUnsignedLong(ha.u32()); break;
          default:
            if (raw != null) raw.add(ha);
            break;
        }
      }
      if (raw != null) u.hops.add(raw);
      if (ha.error() != null) break;
      if (ifindex < 0) {
        a.reject("negative rtnh_ifindex " + ifindex);
        break;
      }
      try {
        out.add(new NextHop(gw, names.name(ifindex), ifindex, weight, Values.flags(flags), realms));
      } catch (IllegalArgumentException e) {
        a.reject("invalid nexthop: " + e.getMessage());
        break;
      }
    }
    return out;
  }
}
