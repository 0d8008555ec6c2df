package io.github.netroute.routing.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Damages netlink bytes the ways a hostile or newer peer could: truncation (with and without a matching
 * {@code nlmsg_len}), bit flips, random bytes, corrupted length fields (the nlmsghdr's or any attribute's, set to
 * boundary values), an inserted attribute of a type no decoder knows, a duplicated region, a splice of two seeds,
 * and fresh random bytes behind a plausible header. One to three operations are stacked per mutant.
 *
 * <p>The randomness comes from a {@link Dice}, so the same operators serve the deterministic loop
 * ({@link java.util.Random}) and Jazzer's coverage-guided mode ({@code FuzzedDataProvider}).
 */
final class Mutator {
  /** A source of choices. */
  interface Dice {
    /** A number in {@code [0, bound)}; {@code bound > 0}. */
    int pick(int bound);

    static Dice of(java.util.Random r) {
      return r::nextInt;
    }
  }

  static final int OPERATORS = 9;
  private static final String[] NAMES = {"truncate", "truncate+len", "bitflip", "bytes", "nlmsg_len", "nla_len",
      "unknown-attr", "duplicate", "splice"};

  private Mutator() {}

  static String name(int op) {
    return op < NAMES.length ? NAMES[op] : "random";
  }

  /** One to three stacked operators on a copy of a seed; {@code seeds} supplies splice partners. */
  static byte[] mutate(byte[] seed, List<byte[]> seeds, Dice d) {
    byte[] b = seed.clone();
    int n = 1 + d.pick(3);
    for (int i = 0; i < n; i++) b = apply(d.pick(OPERATORS + 1), b, seeds, d);
    return b;
  }

  static byte[] apply(int op, byte[] b, List<byte[]> seeds, Dice d) {
    switch (op) {
      case 0: return Arrays.copyOf(b, d.pick(b.length + 1));
      case 1: {
        byte[] t = Arrays.copyOf(b, d.pick(b.length + 1));
        if (t.length >= 4) le(t).putInt(0, t.length);
        return t;
      }
      case 2: {
        if (b.length == 0) return b;
        for (int k = 1 + d.pick(8); k > 0; k--) {
          int at = d.pick(b.length);
          b[at] ^= (byte) (1 << d.pick(8));
        }
        return b;
      }
      case 3: {
        if (b.length == 0) return b;
        for (int k = 1 + d.pick(4); k > 0; k--) b[d.pick(b.length)] = (byte) d.pick(256);
        return b;
      }
      case 4: {
        if (b.length < 4) return b;
        le(b).putInt(0, boundary(b.length, d, true));
        return b;
      }
      case 5: {
        int[] at = attributeOffsets(b);
        if (at.length == 0) return b;
        int a = at[d.pick(at.length)];
        le(b).putShort(a, (short) boundary(b.length - a, d, false));
        return b;
      }
      case 6: return withUnknownAttribute(b, d);
      case 7: {
        if (b.length < 2) return b;
        int from = d.pick(b.length);
        int len = 1 + d.pick(Math.min(64, b.length - from));
        int to = d.pick(b.length + 1);
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, to);
        System.arraycopy(b, from, out, to, len);
        System.arraycopy(b, to, out, to + len, b.length - to);
        return out;
      }
      case 8: {
        byte[] other = seeds.get(d.pick(seeds.size()));
        int cut = d.pick(b.length + 1);
        int from = d.pick(other.length + 1);
        byte[] out = Arrays.copyOf(b, cut + other.length - from);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
      }
      default: {
        byte[] out = new byte[16 + d.pick(200)];
        for (int i = 16; i < out.length; i++) out[i] = (byte) d.pick(256);
        System.arraycopy(b, 0, out, 0, Math.min(16, b.length));
        le(out).putInt(0, out.length);
        return out;
      }
    }
  }

  /** A length near the edges: 0..5, the real size ±1, 0xFFFF/0xFFFFFFFF, or anything. */
  private static int boundary(int size, Dice d, boolean wide) {
    switch (d.pick(7)) {
      case 0: return d.pick(6);
      case 1: return size - 1;
      case 2: return size + 1;
      case 3: return wide ? -1 : 0xFFFF;
      case 4: return size + 4;
      case 5: return Math.max(0, size - 4);
      default: return wide ? d.pick(1 << 16) : d.pick(1 << 16);
    }
  }

  /**
   * Inserts {@code {len, type, payload}} with a type above every one the codecs name (or a random one) right after
   * the fixed header of the first message, and grows nlmsg_len to match.
   */
  static byte[] withUnknownAttribute(byte[] b, Dice d) {
    if (b.length < 16) return b;
    int msgLen = le(b).getInt(0);
    if (msgLen < 16 || msgLen > b.length) return b;
    int fixed = fixedHeaderSize(le(b).getShort(4) & 0xFFFF);
    int at = Math.min(msgLen, 16 + fixed);
    int payload = d.pick(12);
    int type = d.pick(2) == 0 ? 200 + d.pick(1000) : d.pick(1 << 16);
    byte[] attr = unknownAttribute(type, payload, d);
    byte[] out = new byte[b.length + attr.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(attr, 0, out, at, attr.length);
    System.arraycopy(b, at, out, at + attr.length, b.length - at);
    le(out).putInt(0, msgLen + attr.length);
    return out;
  }

  static byte[] unknownAttribute(int type, int payload, Dice d) {
    byte[] attr = new byte[(4 + payload + 3) & ~3];
    le(attr).putShort(0, (short) (4 + payload)).putShort(2, (short) type);
    for (int i = 0; i < payload; i++) attr[4 + i] = (byte) d.pick(256);
    return attr;
  }

  /** Fixed header size of the rtnetlink families the codecs read (0 for others). */
  static int fixedHeaderSize(int type) {
    if (type >= 16 && type < 20) return 16; // ifinfomsg
    if (type >= 20 && type < 24) return 8; // ifaddrmsg
    if (type >= 24 && type < 28) return 12; // rtmsg
    if (type >= 32 && type < 36) return 12; // fib_rule_hdr
    if (type >= 104 && type < 108) return 8; // nhmsg
    return 0;
  }

  /** Offsets of the top-level attribute headers of the first message, walked as far as the lengths allow. */
  static int[] attributeOffsets(byte[] b) {
    if (b.length < 16) return new int[0];
    ByteBuffer v = le(b);
    int end = Math.min(b.length, Math.max(16, v.getInt(0)));
    int p = 16 + ((fixedHeaderSize(v.getShort(4) & 0xFFFF) + 3) & ~3);
    int[] out = new int[64];
    int n = 0;
    while (p + 4 <= end && n < out.length) {
      out[n++] = p;
      int len = v.getShort(p) & 0xFFFF;
      if (len < 4) break;
      p += (len + 3) & ~3;
    }
    return Arrays.copyOf(out, n);
  }

  static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
  }
}
