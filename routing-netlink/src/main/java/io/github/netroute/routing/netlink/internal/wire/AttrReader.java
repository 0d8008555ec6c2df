package io.github.netroute.routing.netlink.internal.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reusable, allocation-free cursor over the netlink attributes ({@code struct rtattr}/{@code nlattr}: u16 length
 * including the 4-byte header, u16 type, payload, padding to 4) in a buffer region:
 *
 * <pre>{@code
 * AttrReader r = cursor.attributes(Rtnl.RTMSG_SIZE, reader);
 * while (r.next()) {
 *   switch (RouteAttr.of(r.type())) {
 *     case TABLE -> table = r.u32();
 *     case METRICS -> { AttrReader m = r.nested(metricsReader); while (m.next()) { ... } }
 *     default -> { } // UNKNOWN: r.type() is the raw number
 *   }
 * }
 * r.check(); // throws the first problem, if any
 * }</pre>
 *
 * <p>Errors follow mdlayher/netlink's decoder: the reader keeps the <em>first</em> problem (an attribute shorter
 * than its header or overrunning the region, a payload of the wrong size for the accessor used, an address that is
 * neither 4 nor 16 bytes); after it {@link #next()} returns false and accessors return 0/null, so callers check once
 * with {@link #check()} or {@link #error()}. A nested reader reports its problems to its parent as well. Only
 * {@link #check()} throws, and only {@link NetlinkDecodeException}.
 *
 * <p>{@link #type()} is masked with {@link Netlink#NLA_TYPE_MASK}; {@link #rawType()} keeps the NLA_F_NESTED and
 * NLA_F_NET_BYTEORDER bits. Multi-byte accessors read host byte order; {@code be16/be32/be64} read big-endian.
 */
public final class AttrReader {
  private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private ByteBuffer buf;
  private int pos;
  private int end;
  private int rawType;
  private int payload = -1;
  private int payloadLen;
  private AttrReader parent;
  private NetlinkDecodeException error;

  public AttrReader() {}

  public AttrReader(ByteBuffer buf, int start, int end) {
    reset(buf, start, end);
  }

  /** Points the reader at {@code [start, end)}, clearing any previous error. */
  public AttrReader reset(ByteBuffer buf, int start, int end) {
    this.buf = NlMsgHeader.native_(buf);
    if (start < 0 || end < start || end > this.buf.capacity()) {
      this.pos = 0;
      this.end = 0;
      this.error = new NetlinkDecodeException("bad attribute region [" + start + ", " + end + ")", start);
    } else {
      this.pos = start;
      this.end = end;
      this.error = null;
    }
    this.payload = -1;
    this.parent = null;
    return this;
  }

  /** Advances to the next attribute; false at the end of the region or once an error was recorded. */
  public boolean next() {
    if (error != null || pos >= end) {
      payload = -1;
      return false;
    }
    int left = end - pos;
    if (left < Netlink.NLA_HDRLEN) {
      return fail(left + " trailing bytes, shorter than an attribute header", pos);
    }
    int len = buf.getShort(pos) & 0xFFFF;
    if (len < Netlink.NLA_HDRLEN || len > left) {
      return fail("attribute length " + len + " outside [4, " + left + "]", pos);
    }
    rawType = buf.getShort(pos + 2) & 0xFFFF;
    payload = pos + Netlink.NLA_HDRLEN;
    payloadLen = len - Netlink.NLA_HDRLEN;
    int step = Netlink.align(len);
    pos = step > left ? end : pos + step;
    return true;
  }

  private boolean fail(String message, int at) {
    NetlinkDecodeException e = new NetlinkDecodeException(message, at);
    for (AttrReader r = this; r != null; r = r.parent) {
      if (r.error == null) r.error = e;
    }
    payload = -1;
    return false;
  }

  private boolean size(int expected) {
    if (payload < 0) {
      if (error == null) fail("no current attribute", pos);
      return false;
    }
    if (payloadLen != expected) {
      return fail("attribute " + type() + " has " + payloadLen + " payload bytes, expected " + expected,
          payload - Netlink.NLA_HDRLEN);
    }
    return true;
  }

  /** Attribute type without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits. */
  public int type() {
    return rawType & Netlink.NLA_TYPE_MASK;
  }

  /** Attribute type as sent, flag bits included. */
  public int rawType() {
    return rawType;
  }

  public boolean isNestedFlag() {
    return (rawType & Netlink.NLA_F_NESTED) != 0;
  }

  public boolean isNetByteOrderFlag() {
    return (rawType & Netlink.NLA_F_NET_BYTEORDER) != 0;
  }

  public ByteBuffer buffer() {
    return buf;
  }

  /** Offset of the current attribute's payload in {@link #buffer()}. */
  public int payloadOffset() {
    return payload;
  }

  public int payloadLength() {
    return payloadLen;
  }

  /** Offset of the current attribute's header. */
  public int attributeOffset() {
    return payload - Netlink.NLA_HDRLEN;
  }

  public int u8() {
    return size(1) ? buf.get(payload) & 0xFF : 0;
  }

  public int u16() {
    return size(2) ? buf.getShort(payload) & 0xFFFF : 0;
  }

  public int be16() {
    if (!size(2)) return 0;
    short v = buf.getShort(payload);
    return (LITTLE ? Short.reverseBytes(v) : v) & 0xFFFF;
  }

  /** u32 in an int (use {@link Integer#toUnsignedLong} for values above 2^31). */
  public int u32() {
    return size(4) ? buf.getInt(payload) : 0;
  }

  public int s32() {
    return u32();
  }

  public int be32() {
    if (!size(4)) return 0;
    int v = buf.getInt(payload);
    return LITTLE ? Integer.reverseBytes(v) : v;
  }

  public long u64() {
    return size(8) ? buf.getLong(payload) : 0;
  }

  public long be64() {
    if (!size(8)) return 0;
    long v = buf.getLong(payload);
    return LITTLE ? Long.reverseBytes(v) : v;
  }

  /** u16 at {@code index*2} of the payload (e.g. the {@code start,end} of a fib_rule_port_range); needs the size. */
  public int u16At(int index, int expectedPayload) {
    return size(expectedPayload) ? buf.getShort(payload + 2 * index) & 0xFFFF : 0;
  }

  /** u32 at {@code index*4} of the payload (e.g. a fib_rule_uid_range); needs the size. */
  public int u32At(int index, int expectedPayload) {
    return size(expectedPayload) ? buf.getInt(payload + 4 * index) : 0;
  }

  /**
   * A NUL-terminated string: the bytes up to the first NUL (or the whole payload if none), UTF-8. Returns null
   * after an error.
   */
  public String string() {
    if (payload < 0) {
      size(0);
      return null;
    }
    int n = 0;
    while (n < payloadLen && buf.get(payload + n) != 0) n++;
    byte[] b = new byte[n];
    buf.get(payload, b, 0, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A copy of the payload; null after an error. */
  public byte[] bytes() {
    if (payload < 0) {
      size(0);
      return null;
    }
    byte[] b = new byte[payloadLen];
    buf.get(payload, b, 0, payloadLen);
    return b;
  }

  /** An IPv4 (4 bytes) or IPv6 (16 bytes) address, IPv4-mapped IPv6 kept as {@link Inet6Address}; null on error. */
  public InetAddress address() {
    if (payload < 0 || (payloadLen != 4 && payloadLen != 16)) {
      if (payload >= 0) {
        fail("address attribute " + type() + " has " + payloadLen + " bytes", attributeOffset());
      } else {
        size(0);
      }
      return null;
    }
    return address(bytes());
  }

  /** The IPv4 address as a big-endian int, as it sits on the wire (no allocation). */
  public int ipv4() {
    return be32();
  }

  /** An address from its 4 or 16 bytes. */
  public static InetAddress address(byte[] b) {
    try {
      return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // cannot happen for 4 or 16 bytes
    }
  }

  /**
   * A reader over the current attribute's payload (RTA_METRICS, IFLA_LINKINFO, ...), reusing {@code into}; its
   * errors are also recorded here.
   */
  public AttrReader nested(AttrReader into) {
    if (payload < 0) {
      size(0);
      into.reset(buf, 0, 0);
      into.error = error;
      into.parent = this;
      return into;
    }
    into.reset(buf, payload, payload + payloadLen);
    into.parent = this;
    return into;
  }

  /** {@link #nested(AttrReader)} with a new reader. */
  public AttrReader nested() {
    return nested(new AttrReader());
  }

  /**
   * Walks the rtnexthop array of the current RTA_MULTIPATH attribute with {@code hops}; problems are recorded
   * here too.
   */
  public NexthopReader multipath(NexthopReader hops) {
    if (payload < 0) {
      size(0);
      return hops.reset(this, buf, 0, 0);
    }
    return hops.reset(this, buf, payload, payload + payloadLen);
  }

  /** Start of the region not yet read (for handing the region to another decoder). */
  public int positionForDecode() {
    return pos;
  }

  /** End of the region. */
  public int endForDecode() {
    return end;
  }

  /** The first problem met, or null. */
  public NetlinkDecodeException error() {
    return error;
  }

  /** Throws the first problem met, if any. */
  public void check() throws NetlinkDecodeException {
    if (error != null) throw error;
  }

  /** Records a problem found by the caller (e.g. an attribute value out of range) as this reader's error. */
  public void reject(String message) {
    fail(message, payload >= 0 ? attributeOffset() : pos);
  }

  /**
   * Iterates the {@code struct rtnexthop} entries of an RTA_MULTIPATH payload: u16 rtnh_len (header included),
   * u8 flags, u8 hops (weight − 1), s32 ifindex, then nested RTA_* attributes; entries are RTNH_ALIGNed (4).
   */
  public static final class NexthopReader {
    private AttrReader owner;
    private ByteBuffer buf;
    private int pos;
    private int end;
    private int offset = -1;
    private int length;

    NexthopReader reset(AttrReader owner, ByteBuffer buf, int start, int end) {
      this.owner = owner;
      this.buf = buf;
      this.pos = start;
      this.end = end;
      this.offset = -1;
      return this;
    }

    public boolean next() {
      if (owner.error != null || pos >= end) {
        offset = -1;
        return false;
      }
      int left = end - pos;
      if (left < Rtnl.RTNEXTHOP_SIZE) {
        offset = -1;
        return owner.fail(left + " trailing bytes in RTA_MULTIPATH, shorter than rtnexthop", pos);
      }
      int len = buf.getShort(pos) & 0xFFFF;
      if (len < Rtnl.RTNEXTHOP_SIZE || len > left) {
        offset = -1;
        return owner.fail("rtnh_len " + len + " outside [8, " + left + "]", pos);
      }
      offset = pos;
      length = len;
      int step = Netlink.align(len);
      pos = step > left ? end : pos + step;
      return true;
    }

    public int flags() {
      return buf.get(offset + 2) & 0xFF;
    }

    /** rtnh_hops: the weight minus one. */
    public int hops() {
      return buf.get(offset + 3) & 0xFF;
    }

    public int ifindex() {
      return buf.getInt(offset + 4);
    }

    /** The nexthop's own attributes (RTA_GATEWAY, RTA_FLOW, RTA_VIA, ...), reusing {@code into}. */
    public AttrReader attributes(AttrReader into) {
      into.reset(buf, offset + Rtnl.RTNEXTHOP_SIZE, offset + length);
      into.parent = owner;
      return into;
    }
  }
}
