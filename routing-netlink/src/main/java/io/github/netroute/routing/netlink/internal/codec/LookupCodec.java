package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * {@link RouteLookup} → RTM_GETROUTE (no dump), byte-identical to {@code ip route get} in iproute2 6.1 (IPv4 sets
 * RTM_F_LOOKUP_TABLE, IPv6 does not; attributes RTA_DST, RTA_SRC, RTA_UID, RTA_IP_PROTO, RTA_SPORT, RTA_DPORT,
 * RTA_IIF, RTA_OIF, RTA_MARK), and the kernel's RTM_NEWROUTE answer → {@link LookupResult}. The same request with
 * RTM_F_FIB_MATCH ({@code ip route get fibmatch}) answers with the matched FIB entry, decoded by {@link RouteCodec}.
 */
public final class LookupCodec {
  private final LinkNames names;
  private final Values values = new Values();
  private final AttrReader attrs = new AttrReader();

  public LookupCodec(LinkNames names) {
    this.names = names;
  }

  /** Appends the request; {@code iif}/{@code oif} are resolved indexes (0 = none). */
  public static void write(AttrWriter w, RouteLookup f, int iif, int oif, boolean fibMatch) {
    Family fam = f.family();
    w.beginMessage(RTM_GETROUTE, Netlink.NLM_F_REQUEST);
    int flags = (fam == Family.INET ? RTM_F_LOOKUP_TABLE : 0) | (fibMatch ? RTM_F_FIB_MATCH : 0);
    w.putU8(fam.number()).putU8(fam.bits()).putU8(f.from() != null ? fam.bits() : 0).putU8(f.tos()).putU8(0)
        .putU8(0).putU8(0).putU8(0).putU32(flags);
    w.address(RouteAttr.DST, f.to());
    if (f.from() != null) w.address(RouteAttr.SRC, f.from());
    if (f.uid() != null) w.u32(RouteAttr.UID, (int) (long) f.uid());
    if (f.ipProto() != null) w.u8(RouteAttr.IP_PROTO, f.ipProto());
    if (f.sport() != null) w.be16(RouteAttr.SPORT, f.sport());
    if (f.dport() != null) w.be16(RouteAttr.DPORT, f.dport());
    if (iif > 0) w.u32(RouteAttr.IIF, iif);
    if (oif > 0) w.u32(RouteAttr.OIF, oif);
    if (f.mark() != null && f.mark() != 0) w.u32(RouteAttr.MARK, (int) (long) f.mark());
    w.endMessage();
  }

  /** Decodes the answer to a plain lookup of {@code flow}; {@code fib} is the matched entry or null. */
  public LookupResult decode(NlMsgCursor c, RouteLookup flow, Route fib) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < RTMSG_SIZE) {
      throw new NetlinkDecodeException("route message payload " + c.payloadLength() + " bytes, need 12", c.offset());
    }
    int family = b.get(p) & 0xFF;
    if (family != flow.family().number()) {
      throw new NetlinkDecodeException("lookup answer of family " + family, c.offset());
    }
    int alen = flow.family().bytes();
    long table = b.get(p + 4) & 0xFF;
    RouteType type = Values.type(b.get(p + 7) & 0xFF);
    if (type == null) throw new NetlinkDecodeException("unknown route type " + (b.get(p + 7) & 0xFF), c.offset());
    // rtm_flags: an IPv4 answer carries the route cache flags (RTCF_DOREDIRECT 0x01000000)
    boolean redirect = family == Family.INET.number() && (b.getInt(p + 8) & 0x01000000) != 0;
    // rtm_tos: the DSCP of the FIB entry the lookup matched (rt_fill_info(..., res.dscp, ...)); 0 for IPv6
    int tos = b.get(p + 3) & 0xFF;
    AttrReader a = c.attributes(RTMSG_SIZE, attrs);
    InetAddress dst = null;
    InetAddress gateway = null;
    InetAddress prefsrc = null;
    int oif = 0;
    int iif = 0;
    Long mark = null;
    Long uid = null;
    while (a.next()) {
      switch (RouteAttr.of(a.type())) {
        case DST: dst = values.address(a, alen, false); break;
        case GATEWAY: gateway = values.address(a, alen, true); break;
        case VIA: gateway = RouteCodec.via(a); break;
        case PREFSRC: prefsrc = values.address(a, alen, true); break;
        case OIF: oif = a.u32(); break;
        case IIF: iif = a.u32(); break;
        case TABLE: table = Integer.toUnsignedLong(a.u32()); break;
        case MARK: {
          long m = Integer.toUnsignedLong(a.u32());
          mark = m == 0 ? null : m;
          break;
        }
        case UID: uid = Integer.toUnsignedLong(a.u32()); break;
        default: break;
      }
    }
    a.check();
    try {
      RouteTable t = Values.table(table);
      // net/ipv4/route.c rt_fill_info(): RTA_SRC "if (src)": an IPv4 source of 0.0.0.0 is not in the answer
      InetAddress from = flow.from() != null && family == Family.INET.number() && flow.from().isAnyLocalAddress()
          ? null : flow.from();
      return new LookupResult(type, dst != null ? dst : flow.to(), from, gateway, names.name(oif),
          Math.max(0, oif), prefsrc, t, iif > 0 ? names.name(iif) : null, mark, uid, fib, redirect, tos);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid lookup answer: " + e.getMessage(), c.offset());
    }
  }
}
