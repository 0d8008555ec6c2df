package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deterministic half of the decoder fuzzing: for every decoder, {@code netroute.fuzz.iterations} mutants
 * (default 10 000; {@code -Dnetroute.fuzz.iterations=1000000} for a long run) of its golden seeds, from a fixed
 * seed ({@code netroute.fuzz.seed}, default 17) so a failure reproduces. Every mutant goes through
 * {@link DecoderTargets#check}: only the decode exception may escape, and what decodes survives
 * decode → encode → decode. Prints inputs tried, inputs/s and how many decoded, per decoder.
 *
 * <p>Coverage-guided fuzzing of the same targets with Jazzer is in {@link DecoderFuzzTest}.
 */
class DecoderMutationTest {
  static final int ITERATIONS = Integer.getInteger("netroute.fuzz.iterations", 10_000);
  static final long SEED = Long.getLong("netroute.fuzz.seed", 17L);

  @ParameterizedTest
  @EnumSource(DecoderTargets.class)
  void mutantsOfTheGoldenSeedsFailOnlyWithTheDecodeException(DecoderTargets target) {
    List<byte[]> seeds = target.seeds();
    Random random = new Random(SEED ^ target.ordinal());
    Mutator.Dice dice = Mutator.Dice.of(random);
    Map<DecoderTargets.Outcome, Integer> outcomes = new EnumMap<>(DecoderTargets.Outcome.class);
    // the unmutated seeds first: each must decode (they are what the kernel and iproute2 really sent)
    for (byte[] s : target.replySeeds()) {
      DecoderTargets.Outcome o = target.check(s);
      assertTrue(o != DecoderTargets.Outcome.REJECTED, () -> target + " rejects its own golden seed");
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] m = Mutator.mutate(seeds.get(random.nextInt(seeds.size())), seeds, dice);
      outcomes.merge(target.check(m), 1, Integer::sum);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("fuzz %-9s seeds %3d  inputs %,d  decoded %,d  rejected %,d  skipped %,d  %.2f s  %,.0f inputs/s%n",
        target, seeds.size(), ITERATIONS, outcomes.getOrDefault(DecoderTargets.Outcome.DECODED, 0),
        outcomes.getOrDefault(DecoderTargets.Outcome.REJECTED, 0),
        outcomes.getOrDefault(DecoderTargets.Outcome.SKIPPED, 0), s, ITERATIONS / s);
    // a mutator that only produced garbage would test nothing but the framing
    assertTrue(outcomes.getOrDefault(DecoderTargets.Outcome.DECODED, 0) > ITERATIONS / 20,
        () -> target + ": too few mutants decoded: " + outcomes);
  }

  /**
   * An attribute a newer kernel adds (a type this decoder does not know, with or without the NLA_F_NESTED flag, any
   * payload) is skipped: every golden reply with one inserted decodes to the same value as without it. The values
   * have no place for unknown attributes, so they are not re-emitted (see the README's Reliability section).
   */
  @ParameterizedTest
  @EnumSource(value = DecoderTargets.class, names = {"ROUTE", "RULE", "LINK", "ADDRESS"})
  void unknownAttributesAreSkippedAndLeaveTheValueAsItWas(DecoderTargets target) throws Exception {
    Random random = new Random(SEED);
    int checked = 0;
    for (byte[] seed : target.replySeeds()) {
      Record plain = target.value(seed);
      if (plain == null) continue;
      for (int k = 0; k < 20; k++) {
        int type = (200 + random.nextInt(16_000)) | (random.nextBoolean() ? 0x8000 : 0); // 0x8000: NLA_F_NESTED
        byte[] attr = Mutator.unknownAttribute(type, random.nextInt(40), Mutator.Dice.of(random));
        byte[] with = insertAfterFixedHeader(seed, attr, random);
        org.junit.jupiter.api.Assertions.assertEquals(plain, target.value(with),
            () -> target + ": unknown attribute changed the value: " + java.util.HexFormat.of().formatHex(with));
        checked++;
      }
    }
    assertTrue(checked > 0, "no golden reply decodes for " + target);
    System.out.printf("unknown-attr %-9s %,d golden replies with an unknown attribute decode unchanged%n", target,
        checked);
  }

  /** {@code attr} at a random attribute boundary of the first message (nlmsg_len grown to match). */
  private static byte[] insertAfterFixedHeader(byte[] m, byte[] attr, Random random) {
    int len = Mutator.le(m).getInt(0);
    int[] at = Mutator.attributeOffsets(m);
    boolean endAligned = len % 4 == 0; // an unpadded last attribute: insert only before an attribute
    int pos = at.length == 0 || (endAligned && random.nextInt(at.length + 1) == 0) ? len : at[random.nextInt(at.length)];
    pos = Math.min(pos, len);
    byte[] out = new byte[m.length + attr.length];
    System.arraycopy(m, 0, out, 0, pos);
    System.arraycopy(attr, 0, out, pos, attr.length);
    System.arraycopy(m, pos, out, pos + attr.length, m.length - pos);
    Mutator.le(out).putInt(0, len + attr.length);
    return out;
  }
}
