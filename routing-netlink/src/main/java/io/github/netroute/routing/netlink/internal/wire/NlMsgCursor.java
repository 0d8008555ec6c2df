package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free cursor over the netlink messages packed in a buffer region (one received datagram,
 * or a request buffer): {@code reset(buf, start, end)}, then {@code while (c.next()) { ... c.type() ... }}.
 *
 * <p>Each message must have {@code 16 <= nlmsg_len <= bytes left}; the next message starts at
 * {@code NLMSG_ALIGN(nlmsg_len)}. The last message may omit its trailing padding. Anything else makes
 * {@link #next()} throw {@link NetlinkDecodeException}. The buffer must be in native byte order (a buffer in the
 * other order is viewed through a native-order duplicate).
 */
public final class NlMsgCursor {
  private ByteBuffer buf;
  private int pos;
  private int end;
  private int offset = -1;
  private int length;
  private int type;
  private int flags;
  private int seq;
  private int pid;

  public NlMsgCursor() {}

  public NlMsgCursor(ByteBuffer buf, int start, int end) {
    reset(buf, start, end);
  }

  /** Points the cursor at {@code [start, end)} of {@code buf}, before the first message. */
  public NlMsgCursor reset(ByteBuffer buf, int start, int end) {
    if (start < 0 || end < start || end > buf.capacity()) {
      throw new IllegalArgumentException("bad region [" + start + ", " + end + ") of " + buf.capacity());
    }
    this.buf = NlMsgHeader.native_(buf);
    this.pos = start;
    this.end = end;
    this.offset = -1;
    return this;
  }

  /** Advances to the next message; false at the end of the region. */
  public boolean next() throws NetlinkDecodeException {
    if (pos >= end) {
      offset = -1;
      return false;
    }
    int left = end - pos;
    if (left < NlMsgHeader.SIZE) {
      throw new NetlinkDecodeException("truncated nlmsghdr: " + left + " of 16 bytes", pos);
    }
    int len = buf.getInt(pos);
    if (len < NlMsgHeader.SIZE || len > left) {
      throw new NetlinkDecodeException("nlmsg_len " + Integer.toUnsignedString(len) + " outside [16, " + left + "]",
          pos);
    }
    offset = pos;
    length = len;
    type = buf.getShort(pos + 4) & 0xFFFF;
    flags = buf.getShort(pos + 6) & 0xFFFF;
    seq = buf.getInt(pos + 8);
    pid = buf.getInt(pos + 12);
    int step = Netlink.align(len);
    pos = step > left ? end : pos + step;
    return true;
  }

  public ByteBuffer buffer() {
    return buf;
  }

  /** Offset of the current message's nlmsghdr in {@link #buffer()}. */
  public int offset() {
    return offset;
  }

  /** nlmsg_len of the current message. */
  public int length() {
    return length;
  }

  public int type() {
    return type;
  }

  public int flags() {
    return flags;
  }

  public int seq() {
    return seq;
  }

  public int pid() {
    return pid;
  }

  /** Offset of the payload (the fixed header of an rtnetlink message). */
  public int payloadOffset() {
    return offset + NlMsgHeader.SIZE;
  }

  public int payloadLength() {
    return length - NlMsgHeader.SIZE;
  }

  /** End offset (exclusive) of the current message. */
  public int messageEnd() {
    return offset + length;
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }

  /** The current header as a value (allocates). */
  public NlMsgHeader header() {
    return new NlMsgHeader(length, type, flags, seq, pid);
  }

  /**
   * An attribute reader over this message's attributes, which start after a fixed header of
   * {@code fixedHeaderSize} bytes (rounded up to 4); throws if the payload is shorter than the fixed header.
   */
  public AttrReader attributes(int fixedHeaderSize, AttrReader reuse) throws NetlinkDecodeException {
    int start = payloadOffset() + Netlink.align(fixedHeaderSize);
    if (payloadLength() < fixedHeaderSize) {
      throw new NetlinkDecodeException(Netlink.typeName(type) + " payload " + payloadLength()
          + " bytes, shorter than its " + fixedHeaderSize + "-byte header", offset);
    }
    return reuse.reset(buf, Math.min(start, messageEnd()), messageEnd());
  }
}
