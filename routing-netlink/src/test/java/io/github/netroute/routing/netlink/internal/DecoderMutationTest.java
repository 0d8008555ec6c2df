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
 * <p>Coverage-guided fuzzing of the same targets with Jazzer is in {@link DecoderFuzzTest}; unknown attributes
 * inserted on purpose at every level, and their byte-for-byte re-emission, are in {@link UnknownAttributesTest}.
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
}
