package io.github.netroute.routing.netlink.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided decoder fuzzing with Jazzer, one target per decoder. The fuzz input drives the
 * {@link Mutator}: it picks a golden seed of the decoder, then the operators (truncation, bit flips, corrupted
 * lengths, unknown attributes, splices) and their arguments, so the fuzzer starts from real kernel and iproute2
 * bytes and learns which damage reaches new code. The oracle is {@link DecoderTargets#check}.
 *
 * <p>In a plain {@code mvn test} (Jazzer's regression mode) each target runs its stored inputs (none are
 * checked in besides the empty input, which is the first seed unmutated); the 10 000-per-decoder guarantee comes
 * from {@link DecoderMutationTest}. To fuzz one target for real (one target per JVM run):
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl routing-netlink -am test -Dtest='DecoderFuzzTest#route' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.hooks=true
 * </pre>
 * {@code -Djazzer.hooks=true} matters: this module's {@code junit-platform.properties} turns Jazzer's
 * instrumentation off, so that the regression run inside {@code mvn test} does not instrument (and log) every class
 * loaded after it; without the instrumentation the fuzzer gets no coverage feedback. Each target runs for its
 * {@code maxDuration} (30 s).
 */
class DecoderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void route(FuzzedDataProvider data) {
    fuzz(DecoderTargets.ROUTE, data);
  }

  @FuzzTest(maxDuration = "30s")
  void rule(FuzzedDataProvider data) {
    fuzz(DecoderTargets.RULE, data);
  }

  @FuzzTest(maxDuration = "30s")
  void link(FuzzedDataProvider data) {
    fuzz(DecoderTargets.LINK, data);
  }

  @FuzzTest(maxDuration = "30s")
  void address(FuzzedDataProvider data) {
    fuzz(DecoderTargets.ADDRESS, data);
  }

  @FuzzTest(maxDuration = "30s")
  void nexthop(FuzzedDataProvider data) {
    fuzz(DecoderTargets.NEXTHOP, data);
  }

  @FuzzTest(maxDuration = "30s")
  void error(FuzzedDataProvider data) {
    fuzz(DecoderTargets.ERROR, data);
  }

  @FuzzTest(maxDuration = "30s")
  void multipart(FuzzedDataProvider data) {
    fuzz(DecoderTargets.MULTIPART, data);
  }

  /** Raw bytes, no seed: the framing and every decoder behind it. */
  @FuzzTest(maxDuration = "30s")
  void rawBytes(byte[] input) {
    DecoderTargets.MULTIPART.check(input);
  }

  private static void fuzz(DecoderTargets target, FuzzedDataProvider data) {
    List<byte[]> seeds = target.seeds();
    byte[] seed = seeds.get(data.consumeInt(0, seeds.size() - 1));
    int ops = data.consumeInt(0, 3);
    Mutator.Dice dice = bound -> data.consumeInt(0, bound - 1);
    byte[] b = seed;
    for (int i = 0; i < ops; i++) b = Mutator.apply(dice.pick(Mutator.OPERATORS + 1), b.clone(), seeds, dice);
    target.check(b);
  }
}
