package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The family-specific fixed header that follows the nlmsghdr of an rtnetlink message. Routes carry
 * {@link RtMsg}, rules {@link FibRuleHdr}, links {@link IfInfoMsg}, addresses {@link IfAddrMsg}; any other message
 * type is kept whole as {@link Raw}.
 */
public sealed interface FixedHeader permits RtMsg, FibRuleHdr, IfInfoMsg, IfAddrMsg, FixedHeader.Raw {
  /** Size on the wire, before NLMSG_ALIGN. */
  int size();

  void writeTo(AttrWriter w);

  /** The whole payload of a message type this layer does not model (NLMSG_ERROR, neighbours, ...). */
  record Raw(byte[] bytes) implements FixedHeader {
    public Raw {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public int size() {
      return bytes.length;
    }

    @Override
    public void writeTo(AttrWriter w) {
      w.putBytes(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Raw r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Raw[" + HexFormat.of().formatHex(bytes) + "]";
    }
  }

  static void requireU8(String name, int v) {
    if ((v & ~0xFF) != 0) throw new IllegalArgumentException(name + " out of u8 range: " + v);
  }

  static void requireU16(String name, int v) {
    if ((v & ~0xFFFF) != 0) throw new IllegalArgumentException(name + " out of u16 range: " + v);
  }

  static void requireSize(ByteBuffer buf, int offset, int end, int size, String what) throws NetlinkDecodeException {
    if (offset < 0 || end > buf.limit() || end - offset < size) {
      throw new NetlinkDecodeException(what + " needs " + size + " bytes, has " + Math.max(0, end - offset), offset);
    }
  }
}
