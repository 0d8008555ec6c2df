package io.github.netroute.examples.differential;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated differential suite: random batches from {@link BatchGenerator} run three ways by {@link ThreeWay}
 * (iproute2 in a fresh namespace, {@code netroute ip} over netlink in another, {@code netroute ip} on the
 * in-memory kernel), compared line by line; a difference fails unless a {@link KnownDifference} names it.
 *
 * <p>Every run draws a fresh seed and prints it. System properties:
 * <ul>
 * <li>{@code -Dnetroute.differential.commands=N} — generated commands per run (default 2000);</li>
 * <li>{@code -Dnetroute.differential.seed=S} — replays the run of seed S (each batch's seed is derived from it);</li>
 * <li>{@code -Dnetroute.differential.batch=N} — body lines per batch (default 250).</li>
 * </ul>
 * What differed is kept in {@code target/differential/} (per batch: the file, the three outputs, a report).
 */
@RealKernelTest
class GeneratedDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void generatedBatchesMatchIproute2() throws Exception {
        ThreeWay.assumeUsable();
        int commands = Integer.getInteger("netroute.differential.commands", 2000);
        int perBatch = Integer.getInteger("netroute.differential.batch", 250);
        long seed = Long.getLong("netroute.differential.seed", new SecureRandom().nextLong());
        System.out.println("netroute differential: seed " + seed + " (replay with -Dnetroute.differential.seed="
                + seed + " -Dnetroute.differential.commands=" + commands + ")");
        Path keep = Path.of("target", "differential");
        Files.createDirectories(keep);
        java.util.Random seeds = new java.util.Random(seed);
        int generated = 0;
        int batches = 0;
        int compared = 0;
        int consequences = 0;
        List<String> unknown = new ArrayList<>();
        Map<KnownDifference, Integer> known = new EnumMap<>(KnownDifference.class);
        long t0 = System.nanoTime();
        while (generated < commands) {
            long batchSeed = seeds.nextLong();
            BatchGenerator.Batch batch = new BatchGenerator(batchSeed).batch(Math.min(perBatch, commands - generated));
            generated += batch.body().size();
            batches++;
            Path file = tmp.resolve("b" + batches + ".batch");
            ThreeWay.Result r = ThreeWay.run(batch, file);
            compared += r.lines().size();
            StringBuilder report = new StringBuilder();
            for (KnownDifference.Side side : KnownDifference.Side.values()) {
                ThreeWay.Run got = side == KnownDifference.Side.NETLINK ? r.netlink() : r.memory();
                KnownDifference diverged = null;
                for (int i = 0; i < r.lines().size(); i++) {
                    String want = r.ip().pieces().get(i);
                    String have = got.pieces().get(i);
                    if (want.equals(have)) {
                        continue;
                    }
                    String line = r.lines().get(i);
                    KnownDifference k = KnownDifference.match(side, line, want, have);
                    String text = side + " line " + (i + 1) + ": " + line + "\n--- ip\n" + want + "--- netroute\n"
                            + have;
                    if (k == null && diverged != null) {
                        report.append("after known ").append(diverged).append(' ').append(text);
                        consequences++;
                        continue;
                    }
                    if (k != null && k.divergesState) {
                        diverged = k;
                    }
                    report.append(k == null ? "UNKNOWN " : "known " + k + " ").append(text);
                    if (k == null) {
                        unknown.add("batch " + batches + " (seed " + batchSeed + ") " + text);
                    } else {
                        known.merge(k, 1, Integer::sum);
                    }
                }
                if (got.exit() != r.ip().exit()) {
                    report.append("exit status ").append(side).append(": ip ").append(r.ip().exit())
                            .append(", netroute ").append(got.exit()).append('\n');
                    unknown.add("batch " + batches + " (seed " + batchSeed + ") " + side + ": exit status ip "
                            + r.ip().exit() + ", netroute " + got.exit());
                }
            }
            if (report.length() > 0) {
                report.insert(0, "options: " + String.join(" ", batch.options()) + "\n");
                Files.copy(file, keep.resolve("b" + batches + ".batch"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(keep.resolve("b" + batches + ".ip"), r.ip().raw());
                Files.writeString(keep.resolve("b" + batches + ".netlink"), r.netlink().raw());
                Files.writeString(keep.resolve("b" + batches + ".memory"), r.memory().raw());
                Files.writeString(keep.resolve("b" + batches + ".report"), report);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        String summary = String.format("netroute differential: seed %d, %d batches, %d generated commands (%d lines"
                + " with the prologues), %d unknown differences, %d known (%s), %d later lines of a batch after a"
                + " known state-diverging difference, known list has %d entries, %.1f s",
                seed, batches, generated, compared, unknown.size(), known.values().stream().mapToInt(i -> i).sum(),
                known, consequences, KnownDifference.values().length, s);
        System.out.println(summary);
        Files.writeString(keep.resolve("summary.txt"), summary + "\n" + String.join("\n", unknown));
        assertTrue(unknown.isEmpty(), () -> summary + "\n" + String.join("\n", unknown.subList(0,
                Math.min(20, unknown.size()))));
    }
}
