package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.netlink.internal.codec.Decoded;
import io.github.netroute.routing.netlink.internal.codec.RouteMessage;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attributes a decoder does not know — what a newer kernel adds — are kept raw and re-emitted byte for byte. Every
 * golden reply of each decoder (for routes every golden message: RTA_METRICS appears only in requests) gets blocks of attributes with types no decoder names (with and without
 * NLA_F_NESTED / NLA_F_NET_BYTEORDER, payloads of 0 to 40 random bytes, so unaligned ones too): at a random place among
 * the top-level attributes and, for routes, at the end of RTA_METRICS (RTAX numbers without a metric) and of each
 * RTA_MULTIPATH nexthop. Then:
 * <ol>
 *   <li>decode keeps them: the value is the one without them, the raw lists are exactly the inserted attributes;
 *   <li>encode re-emits them: each list's bytes ({@code nla_len}, type as sent, payload, zero padding) end their
 *       container in the encoded message;
 *   <li>decode again gives the same message (value and raw lists).
 * </ol>
 */
class UnknownAttributesTest {
  private static final long SEED = Long.getLong("netroute.fuzz.seed", 17L);
  private static final int TRIALS = 20;

  @ParameterizedTest
  @EnumSource(value = DecoderTargets.class, names = {"RULE", "LINK", "ADDRESS", "NEXTHOP"})
  void unknownTopLevelAttributesSurviveDecodeEncodeDecodeByteForByte(DecoderTargets target) throws Exception {
    Random random = new Random(SEED ^ target.ordinal());
    int checked = 0;
    for (byte[] seed : target.replySeeds()) {
      Record plain = target.value(seed);
      if (plain == null) continue;
      RawAttributes already = DecoderTargets.decodeMessage(target, seed).unknown(); // e.g. IFLA_STATS64, RTA_UID
      for (int k = 0; k < TRIALS; k++) {
        RawAttributes block = block(random, 1 + random.nextInt(3), 200);
        byte[] with = insert(seed, topLevelBoundary(seed, random), block.toBytes());
        String where = target + " " + HexFormat.of().formatHex(with);

        Decoded<?> first = DecoderTargets.decodeMessage(target, with);
        assertEquals(plain, first.value(), () -> "unknown attributes changed the value: " + where);
        assertTrue(splicedIn(already, block, first.unknown()),
            () -> "raw attributes not kept as sent: " + first.unknown() + " for " + where);

        Decoded<?> request = first.with(requestable(target, first.value()));
        byte[] encoded = DecoderTargets.encode(request);
        byte[] raw = first.unknown().toBytes();
        assertArrayEquals(raw, tail(encoded, 0, messageEnd(encoded), raw.length),
            () -> "not re-emitted byte for byte at the end of the message: " + HexFormat.of().formatHex(encoded));
        assertEquals(request, DecoderTargets.decodeMessage(target, encoded),
            () -> "decode → encode → decode changed the message: " + where);
        checked++;
      }
    }
    assertTrue(checked > 0, "no golden reply decodes for " + target);
    System.out.printf("unknown-attr %-9s %,d golden replies with unknown attributes round-trip byte for byte%n",
        target, checked);
  }

  /** Routes: unknown attributes at the top level, inside RTA_METRICS and inside every RTA_MULTIPATH nexthop. */
  @Test
  void unknownRouteAttributesSurviveAtEveryLevelByteForByte() throws Exception {
    Random random = new Random(SEED);
    int checked = 0;
    int metrics = 0;
    int hops = 0;
    for (byte[] seed : DecoderTargets.ROUTE.seeds()) { // requests too: the golden metrics are in requests
      Route plain = (Route) DecoderTargets.ROUTE.value(seed);
      if (plain == null) continue;
      RouteMessage already = DecoderTargets.decodeRouteMessage(seed); // e.g. RTA_UID, RTA_CACHEINFO's neighbours
      for (int k = 0; k < TRIALS; k++) {
        byte[] with = seed;
        RawAttributes top = random.nextInt(4) == 0 ? RawAttributes.NONE : block(random, 1 + random.nextInt(3), 200);
        RawAttributes inMetrics = RawAttributes.NONE;
        List<RawAttributes> inHops = new ArrayList<>();
        // nested first (their offsets are found in the unchanged seed), from the back so offsets stay valid
        int[] mp = find(with, RouteAttr.MULTIPATH.number());
        int[] mx = find(with, RouteAttr.METRICS.number());
        if (mp != null) {
          int[] hopOffsets = hopOffsets(with, mp[0]);
          RawAttributes[] per = new RawAttributes[hopOffsets.length];
          for (int i = hopOffsets.length - 1; i >= 0; i--) {
            per[i] = random.nextBoolean() ? block(random, 1 + random.nextInt(2), 200) : RawAttributes.NONE;
            int h = hopOffsets[i];
            int hopLen = Mutator.le(with).getShort(h) & 0xFFFF;
            with = insert(with, h + hopLen, per[i].toBytes(), mp[0], h);
          }
          inHops.addAll(Arrays.asList(per));
          if (inHops.stream().allMatch(RawAttributes::isEmpty)) inHops.clear();
          else hops++;
          if (mx != null && mx[0] > mp[0]) mx = find(with, RouteAttr.METRICS.number());
        }
        if (mx != null && random.nextBoolean()) {
          inMetrics = block(random, 1 + random.nextInt(2), 64); // RTAX 64 and up: no RouteMetric
          int len = Mutator.le(with).getShort(mx[0]) & 0xFFFF;
          with = insert(with, mx[0] + Netlink.align(len), inMetrics.toBytes(), mx[0]);
          metrics++;
        }
        if (!top.isEmpty()) with = insert(with, topLevelBoundary(with, random), top.toBytes());
        byte[] input = with;
        String where = HexFormat.of().formatHex(input);

        RouteMessage first = DecoderTargets.decodeRouteMessage(input);
        assertEquals(plain, first.route(), () -> "unknown attributes changed the route: " + where);
        assertTrue(splicedIn(already.unknown(), top, first.unknown()),
            () -> "top-level raw attributes " + first.unknown() + ": " + where);
        assertEquals(concat(already.unknownMetrics(), inMetrics), first.unknownMetrics(),
            () -> "RTA_METRICS raw attributes: " + where);
        List<RawAttributes> wantHops = new ArrayList<>();
        for (int i = 0; i < inHops.size(); i++) wantHops.add(concat(already.unknownOfNextHop(i), inHops.get(i)));
        if (inHops.isEmpty()) wantHops = already.unknownPerNextHop();
        assertEquals(wantHops, first.unknownPerNextHop(), () -> "RTA_MULTIPATH raw attributes: " + where);

        RouteMessage request = first.with(DecoderTargets.requestable(first.route()));
        byte[] encoded = DecoderTargets.encode(request);
        String enc = HexFormat.of().formatHex(encoded);
        assertArrayEquals(request.unknown().toBytes(),
            tail(encoded, 0, messageEnd(encoded), request.unknown().toBytes().length), () -> "top level: " + enc);
        if (!request.unknownMetrics().isEmpty()) {
          int[] m = find(encoded, RouteAttr.METRICS.number());
          byte[] want = request.unknownMetrics().toBytes();
          assertArrayEquals(want, tail(encoded, m[0], m[0] + m[1], want.length), () -> "RTA_METRICS: " + enc);
        }
        if (!request.unknownPerNextHop().isEmpty()) {
          int[] p = find(encoded, RouteAttr.MULTIPATH.number());
          int[] h = hopOffsets(encoded, p[0]);
          for (int i = 0; i < h.length; i++) {
            byte[] want = request.unknownOfNextHop(i).toBytes();
            int hopLen = Mutator.le(encoded).getShort(h[i]) & 0xFFFF;
            int n = i;
            assertArrayEquals(want, tail(encoded, h[i], h[i] + Netlink.align(hopLen), want.length),
                () -> "nexthop " + n + ": " + enc);
          }
        }
        assertEquals(request, DecoderTargets.reencode(request), () -> "decode → encode → decode changed: " + where);
        checked++;
      }
    }
    assertTrue(metrics > 0, "no golden route with RTA_METRICS");
    assertTrue(hops > 0, "no golden route with RTA_MULTIPATH");
    System.out.printf("unknown-attr ROUTE     %,d golden messages with unknown attributes round-trip byte for byte "
        + "(%,d inside RTA_METRICS, %,d inside RTA_MULTIPATH nexthops)%n", checked, metrics, hops);
  }

  /** {@code a} then {@code b}. */
  private static RawAttributes concat(RawAttributes a, RawAttributes b) {
    RawAttributes.Builder out = RawAttributes.builder();
    for (RawAttributes r : List.of(a, b)) {
      for (int i = 0; i < r.size(); i++) out.add(r.type(i), r.payload(i));
    }
    return out.build();
  }

  /** Whether {@code got} is {@code before} with {@code block} inserted whole at one place. */
  private static boolean splicedIn(RawAttributes before, RawAttributes block, RawAttributes got) {
    if (got.size() != before.size() + block.size()) return false;
    for (int at = 0; at <= before.size(); at++) {
      RawAttributes.Builder b = RawAttributes.builder();
      for (int i = 0; i < at; i++) b.add(before.type(i), before.payload(i));
      for (int i = 0; i < block.size(); i++) b.add(block.type(i), block.payload(i));
      for (int i = at; i < before.size(); i++) b.add(before.type(i), before.payload(i));
      if (b.build().equals(got)) return true;
    }
    return false;
  }

  /** {@code n} attributes with types from {@code min} up that no decoder names, random flags and payloads. */
  private static RawAttributes block(Random random, int n, int min) {
    RawAttributes.Builder b = RawAttributes.builder();
    for (int i = 0; i < n; i++) {
      int type = min + random.nextInt(16_000 - min);
      int flag = random.nextInt(4);
      if (flag == 1) type |= Netlink.NLA_F_NESTED;
      if (flag == 2) type |= Netlink.NLA_F_NET_BYTEORDER;
      byte[] payload = new byte[random.nextInt(41)];
      random.nextBytes(payload);
      b.add(type, payload);
    }
    return b.build();
  }

  private static Object requestable(DecoderTargets t, Object v) {
    switch (t) {
      case RULE: return DecoderTargets.requestable((io.github.netroute.routing.Rule) v);
      case ADDRESS: return DecoderTargets.requestable((io.github.netroute.routing.Address) v);
      case NEXTHOP: return DecoderTargets.requestable((io.github.netroute.routing.Nexthop) v);
      default: return v; // a link message carries the whole link
    }
  }

  /** A top-level attribute boundary of the first message (its end included). */
  private static int topLevelBoundary(byte[] m, Random random) {
    int[] at = Mutator.attributeOffsets(m);
    int end = Netlink.align(Mutator.le(m).getInt(0));
    return random.nextInt(at.length + 1) == at.length ? end : at[random.nextInt(at.length)];
  }

  /**
   * {@code block} inserted at {@code pos}; nlmsg_len grows, and so does the u16 length at each of
   * {@code containers} (an attribute or a rtnexthop enclosing {@code pos}), first aligned to 4.
   */
  private static byte[] insert(byte[] m, int pos, byte[] block, int... containers) {
    ByteBuffer in = Mutator.le(m);
    int msgLen = in.getInt(0);
    byte[] out = new byte[Math.max(m.length, Netlink.align(msgLen)) + block.length];
    System.arraycopy(m, 0, out, 0, pos);
    System.arraycopy(block, 0, out, pos, block.length);
    System.arraycopy(m, pos, out, pos + block.length, m.length - pos);
    ByteBuffer b = Mutator.le(out);
    b.putInt(0, Netlink.align(msgLen) + block.length);
    for (int c : containers) {
      int len = b.getShort(c) & 0xFFFF;
      b.putShort(c, (short) (Netlink.align(len) + block.length));
    }
    return out;
  }

  /** {@code {offset, length}} of the first top-level attribute of {@code type}, or null. */
  private static int[] find(byte[] m, int type) {
    for (int at : Mutator.attributeOffsets(m)) {
      ByteBuffer b = Mutator.le(m);
      if ((b.getShort(at + 2) & Netlink.NLA_TYPE_MASK) == type) return new int[] {at, b.getShort(at) & 0xFFFF};
    }
    return null;
  }

  /** Offsets of the rtnexthop entries in the RTA_MULTIPATH attribute at {@code attr}. */
  private static int[] hopOffsets(byte[] m, int attr) {
    ByteBuffer b = Mutator.le(m);
    int end = attr + (b.getShort(attr) & 0xFFFF);
    List<Integer> out = new ArrayList<>();
    for (int p = attr + Netlink.NLA_HDRLEN; p + 8 <= end; ) {
      out.add(p);
      int len = b.getShort(p) & 0xFFFF;
      if (len < 8) break;
      p += Netlink.align(len);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int messageEnd(byte[] m) {
    return Netlink.align(Mutator.le(m).getInt(0));
  }

  /** The last {@code n} bytes of {@code [from, to)}. */
  private static byte[] tail(byte[] m, int from, int to, int n) {
    return Arrays.copyOfRange(m, Math.max(from, to - n), to);
  }
}
