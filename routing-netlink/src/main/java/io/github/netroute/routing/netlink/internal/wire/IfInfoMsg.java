package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;

/**
 * {@code struct ifinfomsg} (16 bytes), the fixed header of RTM_NEWLINK/DELLINK/GETLINK/SETLINK: family (u8),
 * pad (u8, written 0 and ignored on decode), type (u16, ARPHRD_*), index (s32), flags and change (u32, IFF_*).
 */
public record IfInfoMsg(int family, int type, int index, int flags, int change) implements FixedHeader {
  public static final int SIZE = Rtnl.IFINFOMSG_SIZE;

  public IfInfoMsg {
    FixedHeader.requireU8("ifi_family", family);
    FixedHeader.requireU16("ifi_type", type);
  }

  public static IfInfoMsg decode(ByteBuffer buf, int offset, int end) throws NetlinkDecodeException {
    FixedHeader.requireSize(buf, offset, end, SIZE, "ifinfomsg");
    buf = NlMsgHeader.native_(buf);
    return new IfInfoMsg(buf.get(offset) & 0xFF, buf.getShort(offset + 2) & 0xFFFF, buf.getInt(offset + 4),
        buf.getInt(offset + 8), buf.getInt(offset + 12));
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public void writeTo(AttrWriter w) {
    w.putU8(family).putU8(0).putU16(type).putU32(index).putU32(flags).putU32(change);
  }
}
