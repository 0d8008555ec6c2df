package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Neighbour;
import io.github.netroute.routing.NeighbourState;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * {@link Neighbour} ↔ RTM_NEWNEIGH/RTM_DELNEIGH/RTM_GETNEIGH as iproute2 6.1 sends them ({@code ipneigh.c}):
 * an ndmsg (family, ifindex, state, flags) with NDA_DST, NDA_LLADDR and NDA_PROTOCOL. {@code add} is CREATE|EXCL,
 * {@code replace} CREATE|REPLACE, {@code change} REPLACE; {@code del} keeps iproute2's default state PERMANENT;
 * {@code get} is a plain request (no ACK) with state 0; a dump is AF_UNSPEC with NTF_PROXY for the proxy table.
 */
public final class NeighbourCodec {
  private final AttrReader attrs = new AttrReader();
  private final LinkNames names;

  public NeighbourCodec(LinkNames names) {
    this.names = names;
  }

  /** RTM_NEWNEIGH for a verb (ADD, REPLACE or CHANGE). */
  public static void writeModify(AttrWriter w, RouteVerb verb, Neighbour n, int ifindex) {
    int flags;
    switch (verb) {
      case ADD: flags = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL; break;
      case REPLACE: flags = Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE; break;
      case CHANGE: flags = Netlink.NLM_F_REPLACE; break;
      default: throw new IllegalArgumentException("neighbours take add, replace or change, not " + verb);
    }
    w.beginMessage(RTM_NEWNEIGH, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags);
    // a proxy entry keeps iproute2's default state (PERMANENT); the kernel ignores it there
    ndmsg(w, n.family(), ifindex, n.proxy() && n.state() == NeighbourState.NONE ? NUD_PERMANENT : n.state().value(),
        ntf(n));
    w.address(NDA_DST, n.address());
    if (n.lladdr() != null) w.bytes(NDA_LLADDR, LinkCodec.macBytes(n.lladdr()));
    if (n.protocol() != null && n.protocol().value() != 0) w.u8(NDA_PROTOCOL, n.protocol().value());
    w.endMessage();
  }

  /** RTM_DELNEIGH ({@code ip neigh del [proxy] ADDR dev DEV}). */
  public static void writeDelete(AttrWriter w, Neighbour n, int ifindex) {
    w.beginMessage(RTM_DELNEIGH, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
    ndmsg(w, n.family(), ifindex, NUD_PERMANENT, n.proxy() ? NTF_PROXY : 0);
    w.address(NDA_DST, n.address());
    w.endMessage();
  }

  /** RTM_GETNEIGH for one entry ({@code ip neigh get [proxy] ADDR dev DEV}). */
  public static void writeGet(AttrWriter w, InetAddress address, int ifindex, boolean proxy) {
    w.beginMessage(RTM_GETNEIGH, Netlink.NLM_F_REQUEST);
    ndmsg(w, address.getAddress().length == 4 ? Family.INET : Family.INET6, ifindex, 0, proxy ? NTF_PROXY : 0);
    w.address(NDA_DST, address);
    w.endMessage();
  }

  /** The dump ({@code ip neigh show}; {@code proxy}: the proxy table). */
  public static void writeDump(AttrWriter w, Family family, boolean proxy) {
    w.beginMessage(RTM_GETNEIGH, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    w.putU8(family == null ? 0 : family.number()).putU8(0).putU16(0).putU32(0).putU16(0).putU8(proxy ? NTF_PROXY : 0)
        .putU8(0);
    w.endMessage();
  }

  private static void ndmsg(AttrWriter w, Family family, int ifindex, int state, int flags) {
    w.putU8(family.number()).putU8(0).putU16(0).putU32(ifindex).putU16(state).putU8(flags).putU8(0);
  }

  private static int ntf(Neighbour n) {
    return (n.router() ? NTF_ROUTER : 0) | (n.proxy() ? NTF_PROXY : 0) | (n.externLearn() ? NTF_EXT_LEARNED : 0);
  }

  /** Decodes the RTM_NEWNEIGH at the cursor, or null for an entry in a family other than IPv4/IPv6. */
  public Neighbour decode(NlMsgCursor c) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < NDMSG_SIZE) {
      throw new NetlinkDecodeException("neighbour message payload " + c.payloadLength() + " bytes, need 12", c.offset());
    }
    int family = b.get(p) & 0xFF;
    if (family != Family.INET.number() && family != Family.INET6.number()) return null;
    int ifindex = b.getInt(p + 4);
    int state = b.getShort(p + 8) & 0xFFFF;
    int flags = b.get(p + 10) & 0xFF;
    AttrReader a = c.attributes(NDMSG_SIZE, attrs);
    InetAddress dst = null;
    String ll = null;
    RouteProtocol proto = null;
    while (a.next()) {
      switch (a.type()) {
        case NDA_DST: dst = a.address(); break;
        case NDA_LLADDR: ll = mac(a.bytes()); break;
        case NDA_PROTOCOL: proto = RouteProtocol.of(a.u8()); break;
        default: break;
      }
    }
    a.check();
    if (dst == null) throw new NetlinkDecodeException("neighbour without NDA_DST", c.offset());
    NeighbourState st;
    try {
      st = NeighbourState.of(state);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("neighbour state 0x" + Integer.toHexString(state), c.offset());
    }
    return new Neighbour(dst, names.name(ifindex), ifindex, ll, st, (flags & NTF_ROUTER) != 0,
        (flags & NTF_PROXY) != 0, (flags & NTF_EXT_LEARNED) != 0, proto);
  }

  static String mac(byte[] b) {
    if (b.length == 0) return null;
    StringBuilder sb = new StringBuilder(b.length * 3);
    for (int i = 0; i < b.length; i++) {
      if (i > 0) sb.append(':');
      int v = b[i] & 0xFF;
      sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
    }
    return sb.toString();
  }
}
