package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;

/**
 * {@code struct rtmsg} (12 bytes), the fixed header of RTM_NEWROUTE/DELROUTE/GETROUTE: family, dst_len, src_len,
 * tos, table (one byte; RT_TABLE_COMPAT with the real id in RTA_TABLE for ids above 255), protocol, scope, type
 * (u8 each) and flags (u32, RTM_F_*).
 */
public record RtMsg(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope, int type,
    int flags) implements FixedHeader {
  public static final int SIZE = Rtnl.RTMSG_SIZE;

  public RtMsg {
    FixedHeader.requireU8("rtm_family", family);
    FixedHeader.requireU8("rtm_dst_len", dstLen);
    FixedHeader.requireU8("rtm_src_len", srcLen);
    FixedHeader.requireU8("rtm_tos", tos);
    FixedHeader.requireU8("rtm_table", table);
    FixedHeader.requireU8("rtm_protocol", protocol);
    FixedHeader.requireU8("rtm_scope", scope);
    FixedHeader.requireU8("rtm_type", type);
  }

  public static RtMsg decode(ByteBuffer buf, int offset, int end) throws NetlinkDecodeException {
    FixedHeader.requireSize(buf, offset, end, SIZE, "rtmsg");
    buf = NlMsgHeader.native_(buf);
    return new RtMsg(buf.get(offset) & 0xFF, buf.get(offset + 1) & 0xFF, buf.get(offset + 2) & 0xFF,
        buf.get(offset + 3) & 0xFF, buf.get(offset + 4) & 0xFF, buf.get(offset + 5) & 0xFF,
        buf.get(offset + 6) & 0xFF, buf.get(offset + 7) & 0xFF, buf.getInt(offset + 8));
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public void writeTo(AttrWriter w) {
    w.putU8(family).putU8(dstLen).putU8(srcLen).putU8(tos).putU8(table).putU8(protocol).putU8(scope).putU8(type)
        .putU32(flags);
  }
}
