package io.github.netroute.routing.netlink.internal.wire;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds netlink messages into a growable direct buffer in host byte order: one request, or many requests back to
 * back for {@code NetlinkSocket.batch}. Reuse one writer (call {@link #reset()}) to avoid allocation.
 *
 * <pre>{@code
 * w.beginMessage(Rtnl.RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
 * new RtMsg(AF_INET, 24, 0, 0, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0).writeTo(w);
 * w.ipv4(Rtnl.RTA_DST, 0x0A000000);
 * w.ipv4(Rtnl.RTA_GATEWAY, 0xC0A80101);
 * int m = w.beginNested(Rtnl.RTA_METRICS); w.u32(Rtnl.RTAX_MTU, 1400); w.endNested(m);
 * w.endMessage();
 * w.check();
 * }</pre>
 *
 * <p>Sequence number and port id are left 0: the socket fills them in when it sends. Attributes are
 * {@code NLA_ALIGN}ed with zero padding, exactly as iproute2's {@code addattr_l} lays them out.
 *
 * <p>Errors follow mdlayher/netlink's encoder: the writer keeps the <em>first</em> problem (an attribute or nest
 * over 65535 bytes, unbalanced begin/end, an attribute outside a message) and ignores every later call, so callers
 * check once with {@link #check()}. Only {@link #check()} throws.
 */
public final class AttrWriter {
  private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  private static final int MAX_DEPTH = 16;

  private ByteBuffer buf;
  private int pos;
  private int messageStart = -1;
  private int messages;
  private final int[] nests = new int[MAX_DEPTH];
  private final boolean[] nestIsHop = new boolean[MAX_DEPTH];
  private int depth;
  private NetlinkException error;

  public AttrWriter() {
    this(4096);
  }

  public AttrWriter(int initialCapacity) {
    buf = ByteBuffer.allocateDirect(Math.max(64, initialCapacity)).order(ByteOrder.nativeOrder());
  }

  /** Empties the writer (keeping its buffer) and clears any error. */
  public AttrWriter reset() {
    pos = 0;
    messageStart = -1;
    messages = 0;
    depth = 0;
    error = null;
    return this;
  }

  /** The buffer the messages are written to: bytes {@code [0, size())}, native order (the socket sends it). */
  public ByteBuffer buffer() {
    return buf;
  }

  /** Bytes written so far. */
  public int size() {
    return pos;
  }

  /** Completed messages written since the last reset. */
  public int messageCount() {
    return messages;
  }

  public NetlinkException error() {
    return error;
  }

  public void check() throws NetlinkException {
    if (error != null) throw error;
    if (messageStart >= 0 || depth != 0) {
      throw new NetlinkException("encode", Errno.EINVAL, "encode: message or nest left open");
    }
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    byte[] b = new byte[pos];
    buf.get(0, b, 0, pos);
    return b;
  }

  /** A native-order view of the bytes written ({@code [0, size())}); valid until the next write. */
  public ByteBuffer view() {
    return buf.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(pos);
  }

  private boolean fail(int errno, String message) {
    if (error == null) error = new NetlinkException("encode", errno, "encode: " + message);
    return false;
  }

  private boolean ensure(int n) {
    if (error != null) return false;
    if (pos + n > buf.capacity()) {
      long want = Math.max((long) buf.capacity() * 2, (long) pos + n);
      if (want > Integer.MAX_VALUE - 8) return fail(Errno.EMSGSIZE, "writer buffer over 2 GiB");
      ByteBuffer nb = ByteBuffer.allocateDirect((int) want).order(ByteOrder.nativeOrder());
      nb.put(0, buf, 0, pos);
      buf = nb;
    }
    return true;
  }

  // ---------------------------------------------------------------- messages

  /** Starts a message: writes an nlmsghdr with length, seq and pid 0. Returns its offset. */
  public int beginMessage(int type, int flags) {
    return beginMessage(type, flags, 0, 0);
  }

  /** Starts a message with the given sequence number and port id (tests, fixtures). Returns its offset. */
  public int beginMessage(int type, int flags, int seq, int pid) {
    if (error != null) return -1;
    if (messageStart >= 0) {
      fail(Errno.EINVAL, "beginMessage inside a message");
      return -1;
    }
    if ((type & ~0xFFFF) != 0 || (flags & ~0xFFFF) != 0) {
      fail(Errno.EINVAL, "type/flags out of u16 range");
      return -1;
    }
    if (!ensure(NlMsgHeader.SIZE)) return -1;
    messageStart = pos;
    buf.putInt(pos, 0);
    buf.putShort(pos + 4, (short) type);
    buf.putShort(pos + 6, (short) flags);
    buf.putInt(pos + 8, seq);
    buf.putInt(pos + 12, pid);
    pos += NlMsgHeader.SIZE;
    return messageStart;
  }

  /**
   * Ends the message: patches nlmsg_len (attributes are already padded; an odd-sized fixed header at the end is
   * not counted padded, as iproute2 does) and pads the buffer to 4 for the next message. Returns the length.
   */
  public int endMessage() {
    if (error != null) return -1;
    if (messageStart < 0 || depth != 0) {
      fail(Errno.EINVAL, messageStart < 0 ? "endMessage without beginMessage" : "endMessage with an open nest");
      return -1;
    }
    int len = pos - messageStart;
    buf.putInt(messageStart, len);
    pad();
    messageStart = -1;
    messages++;
    return len;
  }

  private void pad() {
    int aligned = Netlink.align(pos);
    if (aligned != pos && ensure(aligned - pos)) {
      while (pos < aligned) buf.put(pos++, (byte) 0);
    }
  }

  private boolean inMessage() {
    if (error != null) return false;
    if (messageStart < 0) return fail(Errno.EINVAL, "write outside a message");
    return true;
  }

  // ---------------------------------------------------------------- raw fields (fixed headers)

  /** Raw u8 (fixed-header field); no attribute header, no padding. */
  public AttrWriter putU8(int v) {
    if (inMessage() && ensure(1)) buf.put(pos++, (byte) v);
    return this;
  }

  public AttrWriter putU16(int v) {
    if (inMessage() && ensure(2)) {
      buf.putShort(pos, (short) v);
      pos += 2;
    }
    return this;
  }

  public AttrWriter putU32(int v) {
    if (inMessage() && ensure(4)) {
      buf.putInt(pos, v);
      pos += 4;
    }
    return this;
  }

  public AttrWriter putBytes(byte[] b) {
    if (inMessage() && ensure(b.length)) {
      buf.put(pos, b, 0, b.length);
      pos += b.length;
    }
    return this;
  }

  // ---------------------------------------------------------------- attributes

  private int header(int type, int payloadLen) {
    if (!inMessage()) return -1;
    pad(); // NLMSG_ALIGN after an odd-sized fixed header, as addattr_l does
    if ((type & ~0xFFFF) != 0) {
      fail(Errno.EINVAL, "attribute type " + type + " out of u16 range");
      return -1;
    }
    if (payloadLen > 0xFFFF - Netlink.NLA_HDRLEN) {
      fail(Errno.EMSGSIZE, "attribute " + type + " payload " + payloadLen + " bytes exceeds 65531");
      return -1;
    }
    int total = Netlink.align(Netlink.NLA_HDRLEN + payloadLen);
    if (!ensure(total)) return -1;
    int at = pos;
    buf.putShort(at, (short) (Netlink.NLA_HDRLEN + payloadLen));
    buf.putShort(at + 2, (short) type);
    // zero the padding now; the payload is written by the caller
    for (int i = Netlink.NLA_HDRLEN + payloadLen; i < total; i++) buf.put(at + i, (byte) 0);
    pos += total;
    return at + Netlink.NLA_HDRLEN;
  }

  // typed attribute numbers: the same as the int forms with t.number()


  /** {@link #u8(int, int)} for a typed attribute. */
  public AttrWriter u8(AttrType t, int v) {
    return u8(t.number(), v);
  }


  /** {@link #be16(int, int)} for a typed attribute. */
  public AttrWriter be16(AttrType t, int v) {
    return be16(t.number(), v);
  }

  /** {@link #u32(int, int)} for a typed attribute. */
  public AttrWriter u32(AttrType t, int v) {
    return u32(t.number(), v);
  }


  /** {@link #address(int, InetAddress)} for a typed attribute. */
  public AttrWriter address(AttrType t, InetAddress a) {
    return address(t.number(), a);
  }

  /** {@link #beginNested(int)} for a typed attribute. */
  public int beginNested(AttrType t) {
    return beginNested(t.number());
  }

  /** A zero-length attribute. */
  public AttrWriter flag(int type) {
    header(type, 0);
    return this;
  }

  public AttrWriter u8(int type, int v) {
    int p = header(type, 1);
    if (p >= 0) buf.put(p, (byte) v);
    return this;
  }

  public AttrWriter u16(int type, int v) {
    int p = header(type, 2);
    if (p >= 0) buf.putShort(p, (short) v);
    return this;
  }

  public AttrWriter be16(int type, int v) {
    int p = header(type, 2);
    if (p >= 0) buf.putShort(p, LITTLE ? Short.reverseBytes((short) v) : (short) v);
    return this;
  }

  public AttrWriter u32(int type, int v) {
    int p = header(type, 4);
    if (p >= 0) buf.putInt(p, v);
    return this;
  }

  public AttrWriter s32(int type, int v) {
    return u32(type, v);
  }

  public AttrWriter be32(int type, int v) {
    int p = header(type, 4);
    if (p >= 0) buf.putInt(p, LITTLE ? Integer.reverseBytes(v) : v);
    return this;
  }

  public AttrWriter u64(int type, long v) {
    int p = header(type, 8);
    if (p >= 0) buf.putLong(p, v);
    return this;
  }

  public AttrWriter be64(int type, long v) {
    int p = header(type, 8);
    if (p >= 0) buf.putLong(p, LITTLE ? Long.reverseBytes(v) : v);
    return this;
  }

  /** Two u16 in host order, e.g. {@code struct fib_rule_port_range {start, end}} (FRA_SPORT/DPORT_RANGE). */
  public AttrWriter u16Pair(int type, int first, int second) {
    int p = header(type, 4);
    if (p >= 0) {
      buf.putShort(p, (short) first);
      buf.putShort(p + 2, (short) second);
    }
    return this;
  }

  /** Two u32 in host order, e.g. {@code struct fib_rule_uid_range {start, end}} (FRA_UID_RANGE). */
  public AttrWriter u32Pair(int type, int first, int second) {
    int p = header(type, 8);
    if (p >= 0) {
      buf.putInt(p, first);
      buf.putInt(p + 4, second);
    }
    return this;
  }

  public AttrWriter bytes(int type, byte[] b) {
    return bytes(type, b, 0, b.length);
  }

  public AttrWriter bytes(int type, byte[] b, int off, int len) {
    int p = header(type, len);
    if (p >= 0) buf.put(p, b, off, len);
    return this;
  }

  /** A NUL-terminated UTF-8 string (IFLA_IFNAME, FRA_IIFNAME, IFLA_INFO_KIND, ...). */
  public AttrWriter string(int type, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int p = header(type, b.length + 1);
    if (p >= 0) {
      buf.put(p, b, 0, b.length);
      buf.put(p + b.length, (byte) 0);
    }
    return this;
  }

  /** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order. */
  public AttrWriter address(int type, InetAddress a) {
    if (V4_HASH_IS_ADDRESS && a instanceof java.net.Inet4Address) {
      return be32(type, a.hashCode()); // no getAddress() copy on the bulk-install path
    }
    return bytes(type, a.getAddress());
  }

  /**
   * Whether {@code Inet4Address.hashCode()} is the address as a big-endian int, as in every OpenJDK; checked once at
   * class initialisation (else every address goes through {@code getAddress()}).
   */
  private static final boolean V4_HASH_IS_ADDRESS = v4HashIsAddress();

  private static boolean v4HashIsAddress() {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, (byte) 254}).hashCode() == 0xC0A801FE
          && InetAddress.getByAddress(new byte[] {10, 0, 0, 1}).hashCode() == 0x0A000001;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** An IPv4 address given as a big-endian int (0x0A000001 = 10.0.0.1); allocation-free. */
  public AttrWriter ipv4(int type, int addressBigEndian) {
    return be32(type, addressBigEndian);
  }

  /** An IPv6 address given as two big-endian longs; allocation-free. */
  public AttrWriter ipv6(int type, long high, long low) {
    int p = header(type, 16);
    if (p >= 0) {
      buf.putLong(p, LITTLE ? Long.reverseBytes(high) : high);
      buf.putLong(p + 8, LITTLE ? Long.reverseBytes(low) : low);
    }
    return this;
  }

  // ---------------------------------------------------------------- nests

  /**
   * Starts a nested attribute (RTA_METRICS, IFLA_LINKINFO, RTA_MULTIPATH, ...); pass {@code type |
   * Netlink.NLA_F_NESTED} to set the flag. Returns a token for {@link #endNested(int)}.
   */
  public int beginNested(int type) {
    int p = header(type, 0);
    if (p < 0) return -1;
    return push(p - Netlink.NLA_HDRLEN, false);
  }

  /** Ends the nest begun with {@code token}: patches its length. */
  public AttrWriter endNested(int token) {
    int at = pop(token, false);
    if (at >= 0) {
      int len = pos - at;
      if (len > 0xFFFF) {
        fail(Errno.EMSGSIZE, "nested attribute of " + len + " bytes exceeds 65535");
      } else {
        buf.putShort(at, (short) len);
      }
    }
    return this;
  }

  /**
   * Starts one {@code struct rtnexthop} inside an RTA_MULTIPATH nest: flags (RTNH_F_*), hops (weight − 1) and
   * ifindex; its RTA_GATEWAY etc. follow as ordinary attributes. Returns a token for {@link #endNexthop(int)}.
   */
  public int beginNexthop(int flags, int hops, int ifindex) {
    if (!inMessage() || !ensure(Rtnl.RTNEXTHOP_SIZE)) return -1;
    if (depth == 0) {
      fail(Errno.EINVAL, "rtnexthop outside RTA_MULTIPATH");
      return -1;
    }
    int at = pos;
    buf.putShort(at, (short) 0);
    buf.put(at + 2, (byte) flags);
    buf.put(at + 3, (byte) hops);
    buf.putInt(at + 4, ifindex);
    pos += Rtnl.RTNEXTHOP_SIZE;
    return push(at, true);
  }

  /** Ends the nexthop begun with {@code token}: patches rtnh_len. */
  public AttrWriter endNexthop(int token) {
    int at = pop(token, true);
    if (at >= 0) {
      int len = pos - at;
      if (len > 0xFFFF) {
        fail(Errno.EMSGSIZE, "rtnexthop of " + len + " bytes exceeds 65535");
      } else {
        buf.putShort(at, (short) len);
      }
    }
    return this;
  }

  private int push(int at, boolean hop) {
    if (depth == MAX_DEPTH) {
      fail(Errno.EINVAL, "nesting deeper than " + MAX_DEPTH);
      return -1;
    }
    nests[depth] = at;
    nestIsHop[depth] = hop;
    depth++;
    return at;
  }

  private int pop(int token, boolean hop) {
    if (error != null) return -1;
    if (depth == 0 || nests[depth - 1] != token || nestIsHop[depth - 1] != hop) {
      fail(Errno.EINVAL, "unbalanced " + (hop ? "endNexthop" : "endNested"));
      return -1;
    }
    depth--;
    return token;
  }
}
