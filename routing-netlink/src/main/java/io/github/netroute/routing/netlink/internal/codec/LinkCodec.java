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

  /** Decodes the RTM_NEWLINK/RTM_DELLINK at the cursor. */
  public Link decode(NlMsgCursor c) throws NetlinkException {
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
    while (a.next()) {
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
        case IFLA_BROADCAST: broadcast = mac(a); break;
        case IFLA_LINKINFO: {
          AttrReader li = a.nested(inner);
          while (li.next()) {
            if (li.type() == IFLA_INFO_KIND) kind = li.string();
          }
          break;
        }
        default: break;
      }
    }
    a.check();
    if (name == null) throw new NetlinkDecodeException("link " + index + " without IFLA_IFNAME", c.offset());
    try {
      return new Link(index, name, kind, flags, mtu, group, txq, qdisc, oper, type, address, broadcast);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid link: " + e.getMessage(), c.offset());
    }
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
