package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.FixedHeader;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One attribute of a decoded {@link NlMessage}, typed by the message family's {@link AttrSchema}. Attributes the
 * schema does not know — or whose payload does not fit the kind the schema expects (a 3-byte "u32", a string
 * without its NUL) — are kept as {@link Unknown} with their raw type and bytes, never dropped, so
 * decode → encode reproduces them.
 *
 * <p>{@code type} is the attribute type without flag bits, except in {@link Unknown} where it is the raw u16.
 * u32 values are carried in an int (unsigned).
 */
public sealed interface Attr {
  int type();

  void writeTo(AttrWriter w);

  record U8(int type, int value) implements Attr {
    public U8 {
      FixedHeader.requireU8("u8 value", value);
    }

    public void writeTo(AttrWriter w) {
      w.u8(type, value);
    }
  }

  record U16(int type, int value) implements Attr {
    public U16 {
      FixedHeader.requireU16("u16 value", value);
    }

    public void writeTo(AttrWriter w) {
      w.u16(type, value);
    }
  }

  /** Big-endian u16 (RTA_SPORT, RTA_DPORT). */
  record Be16(int type, int value) implements Attr {
    public Be16 {
      FixedHeader.requireU16("be16 value", value);
    }

    public void writeTo(AttrWriter w) {
      w.be16(type, value);
    }
  }

  record U32(int type, int value) implements Attr {
    public void writeTo(AttrWriter w) {
      w.u32(type, value);
    }

    @Override
    public String toString() {
      return "U32[type=" + type + ", value=" + Integer.toUnsignedString(value) + "]";
    }
  }

  /** Big-endian u32 (FRA_FLOWLABEL). */
  record Be32(int type, int value) implements Attr {
    public void writeTo(AttrWriter w) {
      w.be32(type, value);
    }
  }

  record U64(int type, long value) implements Attr {
    public void writeTo(AttrWriter w) {
      w.u64(type, value);
    }
  }

  /** Big-endian u64 (FRA_TUN_ID). */
  record Be64(int type, long value) implements Attr {
    public void writeTo(AttrWriter w) {
      w.be64(type, value);
    }
  }

  /** NUL-terminated string; the value excludes the NUL and contains none. */
  record Str(int type, String value) implements Attr {
    public Str {
      if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("string attribute with NUL: " + value);
    }

    public void writeTo(AttrWriter w) {
      w.string(type, value);
    }
  }

  /** IPv4 or IPv6 address (an IPv4-mapped IPv6 address stays an {@link Inet6Address}). */
  record Address(int type, InetAddress value) implements Attr {
    public void writeTo(AttrWriter w) {
      w.address(type, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Address a && a.type == type && Arrays.equals(a.value.getAddress(), value.getAddress());
    }

    @Override
    public int hashCode() {
      return type * 31 + Arrays.hashCode(value.getAddress());
    }
  }

  /** A known attribute with an opaque payload (RTA_CACHEINFO, FRA_UID_RANGE, IFLA_STATS64, a MAC address, ...). */
  record Binary(int type, byte[] value) implements Attr {
    public Binary {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public void writeTo(AttrWriter w) {
      w.bytes(type, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && b.type == type && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Binary[type=" + type + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /**
   * A nested attribute (RTA_METRICS, IFLA_LINKINFO); {@code nestedFlag} records whether NLA_F_NESTED was set.
   */
  record Nested(int type, boolean nestedFlag, List<Attr> attrs) implements Attr {
    public Nested {
      attrs = List.copyOf(attrs);
    }

    public void writeTo(AttrWriter w) {
      int t = w.beginNested(nestedFlag ? type | Netlink.NLA_F_NESTED : type);
      for (Attr a : attrs) a.writeTo(w);
      w.endNested(t);
    }
  }

  /** RTA_MULTIPATH: an array of {@code struct rtnexthop}, each with its own attributes. */
  record Multipath(int type, List<NextHop> hops) implements Attr {
    public Multipath {
      hops = List.copyOf(hops);
    }

    public void writeTo(AttrWriter w) {
      int t = w.beginNested(type);
      for (NextHop h : hops) h.writeTo(w);
      w.endNested(t);
    }
  }

  /** One {@code struct rtnexthop}: flags (RTNH_F_*), hops (weight − 1), ifindex and its attributes. */
  record NextHop(int flags, int hops, int ifindex, List<Attr> attrs) {
    public NextHop {
      FixedHeader.requireU8("rtnh_flags", flags);
      FixedHeader.requireU8("rtnh_hops", hops);
      attrs = List.copyOf(attrs);
    }

    void writeTo(AttrWriter w) {
      int t = w.beginNexthop(flags, hops, ifindex);
      for (Attr a : attrs) a.writeTo(w);
      w.endNexthop(t);
    }
  }

  /** An attribute kept raw: {@code type} is the u16 as sent (flag bits included). */
  record Unknown(int type, byte[] value) implements Attr {
    public Unknown {
      FixedHeader.requireU16("attribute type", type);
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public void writeTo(AttrWriter w) {
      w.bytes(type, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u && u.type == type && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
      return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Unknown[type=" + type + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
  }
}
