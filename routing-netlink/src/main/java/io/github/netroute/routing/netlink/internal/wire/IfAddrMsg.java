package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;

/**
 * {@code struct ifaddrmsg} (8 bytes), the fixed header of RTM_NEWADDR/DELADDR/GETADDR: family, prefixlen, flags
 * (IFA_F_*, only the low 8 bits; IFA_FLAGS carries all 32), scope (u8 each) and index (u32).
 */
public record IfAddrMsg(int family, int prefixLen, int flags, int scope, int index) implements FixedHeader {
  public static final int SIZE = Rtnl.IFADDRMSG_SIZE;

  public IfAddrMsg {
    FixedHeader.requireU8("ifa_family", family);
    FixedHeader.requireU8("ifa_prefixlen", prefixLen);
    FixedHeader.requireU8("ifa_flags", flags);
    FixedHeader.requireU8("ifa_scope", scope);
  }

  public static IfAddrMsg decode(ByteBuffer buf, int offset, int end) throws NetlinkDecodeException {
    FixedHeader.requireSize(buf, offset, end, SIZE, "ifaddrmsg");
    buf = NlMsgHeader.native_(buf);
    return new IfAddrMsg(buf.get(offset) & 0xFF, buf.get(offset + 1) & 0xFF, buf.get(offset + 2) & 0xFF,
        buf.get(offset + 3) & 0xFF, buf.getInt(offset + 4));
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public void writeTo(AttrWriter w) {
    w.putU8(family).putU8(prefixLen).putU8(flags).putU8(scope).putU32(index);
  }
}
