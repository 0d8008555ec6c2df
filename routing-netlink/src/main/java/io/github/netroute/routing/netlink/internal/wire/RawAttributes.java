package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Attributes a decoder does not know, kept as they came: each its type as sent (NLA_F_NESTED and
 * NLA_F_NET_BYTEORDER bits included) and its payload bytes, in order of arrival. {@link #writeTo} re-emits them byte
 * for byte (header {@code nla_len = 4 + payload}, the type, the payload, zero padding to 4 as {@code nla_put} pads),
 * so a message decoded and encoded again loses nothing a newer kernel added:
 *
 * <pre>{@code
 * RawAttributes.Builder unknown = RawAttributes.builder();
 * while (a.next()) {
 *   switch (a.type()) {
 *     case FRA_PRIORITY: priority = a.u32(); break;
 *     default: unknown.add(a); break;      // kept raw
 *   }
 * }
 * RawAttributes kept = unknown.build();
 * ...
 * kept.writeTo(writer);                    // the same bytes, at the end of the container being written
 * }</pre>
 *
 * <p>Immutable (the payloads are copied in and out) and safe to share between threads. Equality is by content: two
 * lists are equal when they hold the same types and payloads in the same order. Only the codec layer's decoded
 * messages carry these (see {@code internal.codec.Decoded}); the public values do not.
 */
public final class RawAttributes {
  /** No unknown attributes. */
  public static final RawAttributes NONE = new RawAttributes(new int[0], new byte[0][]);

  private final int[] types;
  private final byte[][] payloads;

  private RawAttributes(int[] types, byte[][] payloads) {
    this.types = types;
    this.payloads = payloads;
  }

  /** A list of one attribute per {@code (type, payload)} pair; a type outside u16 is an IllegalArgumentException. */
  public static RawAttributes of(int type, byte[] payload) {
    return builder().add(type, payload).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return types.length;
  }

  public boolean isEmpty() {
    return types.length == 0;
  }

  /** The type of attribute {@code i} as sent, flag bits included. */
  public int type(int i) {
    return types[i];
  }

  /** A copy of the payload of attribute {@code i}. */
  public byte[] payload(int i) {
    return payloads[i].clone();
  }

  /** Appends every attribute to the container {@code w} is writing (a message or a nested attribute). */
  public void writeTo(AttrWriter w) {
    for (int i = 0; i < types.length; i++) w.bytes(types[i], payloads[i]);
  }

  /** The attributes as {@link #writeTo} emits them, padding included (host byte order headers). */
  public byte[] toBytes() {
    int n = 0;
    for (byte[] p : payloads) n += Netlink.align(Netlink.NLA_HDRLEN + p.length);
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
    int at = 0;
    for (int i = 0; i < types.length; i++) {
      b.putShort(at, (short) (Netlink.NLA_HDRLEN + payloads[i].length));
      b.putShort(at + 2, (short) types[i]);
      b.put(at + Netlink.NLA_HDRLEN, payloads[i]);
      at += Netlink.align(Netlink.NLA_HDRLEN + payloads[i].length);
    }
    return b.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawAttributes r && Arrays.equals(types, r.types) && Arrays.deepEquals(payloads, r.payloads);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(types) + Arrays.deepHashCode(payloads);
  }

  /** {@code [type 0x8123: 0a0b0c, type 301: ]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append("type ").append((types[i] & ~Netlink.NLA_TYPE_MASK) != 0 ? "0x" + Integer.toHexString(types[i])
          : Integer.toString(types[i])).append(": ").append(HexFormat.of().formatHex(payloads[i]));
    }
    return sb.append(']').toString();
  }

  /** Collects attributes; not thread-safe (one per decode). */
  public static final class Builder {
    private final List<Integer> types = new ArrayList<>(2);
    private final List<byte[]> payloads = new ArrayList<>(2);

    private Builder() {}

    /** The reader's current attribute, type as sent and a copy of the payload. */
    public Builder add(AttrReader a) {
      byte[] p = a.bytes();
      if (p != null) {
        types.add(a.rawType());
        payloads.add(p);
      }
      return this;
    }

    public Builder add(int type, byte[] payload) {
      if ((type & ~0xFFFF) != 0) throw new IllegalArgumentException("attribute type " + type + " outside u16");
      if (payload.length > 0xFFFF - Netlink.NLA_HDRLEN) {
        throw new IllegalArgumentException("attribute payload " + payload.length + " bytes exceeds 65531");
      }
      types.add(type);
      payloads.add(payload.clone());
      return this;
    }

    public boolean isEmpty() {
      return types.isEmpty();
    }

    public RawAttributes build() {
      if (types.isEmpty()) return NONE;
      int[] t = new int[types.size()];
      for (int i = 0; i < t.length; i++) t[i] = types.get(i);
      return new RawAttributes(t, payloads.toArray(new byte[0][]));
    }
  }
}
