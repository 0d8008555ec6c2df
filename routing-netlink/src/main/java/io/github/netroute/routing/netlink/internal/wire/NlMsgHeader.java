package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct nlmsghdr}: length (u32, header included), type (u16), flags (u16), sequence number (u32) and
 * sender port id (u32), 16 bytes in host byte order.
 *
 * @param length total message length including this header (not the alignment padding after it)
 * @param type message type, 0..0xFFFF
 * @param flags {@code NLM_F_*}, 0..0xFFFF
 * @param seq sequence number (u32 carried in an int)
 * @param pid port id (u32 carried in an int); 0 for the kernel
 */
public record NlMsgHeader(int length, int type, int flags, int seq, int pid) {
  public static final int SIZE = Netlink.NLMSG_HDRLEN;

  public NlMsgHeader {
    if (type < 0 || type > 0xFFFF) throw new IllegalArgumentException("nlmsg_type out of range: " + type);
    if (flags < 0 || flags > 0xFFFF) throw new IllegalArgumentException("nlmsg_flags out of range: " + flags);
  }

  /**
   * Reads a header at {@code offset} of a native-order buffer; checks only that 16 bytes are there and that the
   * length is at least 16 (it does not check the length against the buffer).
   */
  public static NlMsgHeader decode(ByteBuffer buf, int offset, int end) throws NetlinkDecodeException {
    if (offset < 0 || end > buf.limit() || end - offset < SIZE) {
      throw new NetlinkDecodeException("truncated nlmsghdr: " + Math.max(0, end - offset) + " of 16 bytes", offset);
    }
    ByteBuffer b = native_(buf);
    int len = b.getInt(offset);
    if (len < SIZE && len >= 0) throw new NetlinkDecodeException("nlmsg_len " + len + " < 16", offset);
    if (len < 0) throw new NetlinkDecodeException("nlmsg_len " + Integer.toUnsignedString(len) + " too large", offset);
    return new NlMsgHeader(len, b.getShort(offset + 4) & 0xFFFF, b.getShort(offset + 6) & 0xFFFF,
        b.getInt(offset + 8), b.getInt(offset + 12));
  }

  /** Writes the 16 bytes at {@code offset} of a native-order buffer. */
  public void encode(ByteBuffer buf, int offset) {
    ByteBuffer b = native_(buf);
    b.putInt(offset, length);
    b.putShort(offset + 4, (short) type);
    b.putShort(offset + 6, (short) flags);
    b.putInt(offset + 8, seq);
    b.putInt(offset + 12, pid);
  }

  public static ByteBuffer native_(ByteBuffer buf) {
    return buf.order() == ByteOrder.nativeOrder() ? buf : buf.duplicate().order(ByteOrder.nativeOrder());
  }

  @Override
  public String toString() {
    return "nlmsghdr{len=" + length + ", type=" + Netlink.typeName(type) + ", flags=0x" + Integer.toHexString(flags)
        + ", seq=" + Integer.toUnsignedString(seq) + ", pid=" + Integer.toUnsignedString(pid) + "}";
  }
}
