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
        long events = 0;
        int eventsSkipped = 0;
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
            java.util.Set<KnownDifference.Side> divergedSides = java.util.EnumSet.noneOf(KnownDifference.Side.class);
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
                    if (k == null && diverged == null && flushFailedBefore(r.ip().pieces(), r.lines(), i)) {
                        k = KnownDifference.IPROUTE2_FLUSH_LEFTOVER_REPLIES;
                    }
                    String text = side + " line " + (i + 1) + ": " + line + "\n--- ip\n" + want + "--- netroute\n"
                            + have;
                    if (k == null && diverged != null) {
                        report.append("after known ").append(diverged).append(' ').append(text);
                        consequences++;
                        continue;
                    }
                    if (k != null && k.divergesState) {
                        diverged = k;
                        if (k != KnownDifference.IPROUTE2_FLUSH_LEFTOVER_REPLIES) {
                            divergedSides.add(side); // iproute2's late answers leave the kernel's state alone
                        }
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
            events += r.events().ip().lines().count();
            for (EventSide es : EventSide.values()) {
                if (es.after != null && divergedSides.contains(es.after)) {
                    eventsSkipped++;
                    report.append("events ").append(es).append(": not compared after a known state-diverging"
                            + " difference\n");
                    continue;
                }
                String d = firstDifference(r.events().ip(), es.of(r.events()));
                if (d != null) {
                    report.append("UNKNOWN events ").append(es).append(' ').append(d);
                    unknown.add("batch " + batches + " (seed " + batchSeed + ") events " + es + ": " + d);
                }
            }
            if (report.length() > 0) {
                report.insert(0, "options: " + String.join(" ", batch.options()) + "\n");
                Files.writeString(keep.resolve("b" + batches + ".events.ip"), r.events().ip());
                Files.writeString(keep.resolve("b" + batches + ".events.netroute-monitor"),
                        r.events().netrouteMonitor());
                Files.writeString(keep.resolve("b" + batches + ".events.netlink-requests"),
                        r.events().netlinkRequests());
                Files.writeString(keep.resolve("b" + batches + ".events.memory"), r.events().memory());
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
                + " known state-diverging difference, known list has %d entries; %d notification lines of ip monitor"
                + " compared three ways (%d event comparisons skipped after a state-diverging difference), %.1f s",
                seed, batches, generated, compared, unknown.size(), known.values().stream().mapToInt(i -> i).sum(),
                known, consequences, KnownDifference.values().length, events, eventsSkipped, s);
        System.out.println(summary);
        Files.writeString(keep.resolve("summary.txt"), summary + "\n" + String.join("\n", unknown));
        assertTrue(events > 0 || commands < 100, "no notification was captured: " + summary);
        assertTrue(unknown.isEmpty(), () -> summary + "\n" + String.join("\n", unknown.subList(0,
                Math.min(20, unknown.size()))));
    }

    /** The event streams compared with iproute2's {@code ip monitor} on the namespace iproute2 changed. */
    enum EventSide {
        /** netroute's {@code ip monitor} on that same namespace: the netlink client's decoding and printing. */
        NETROUTE_MONITOR(null),
        /** iproute2's {@code ip monitor} on the namespace {@code netroute ip} changed: what netroute's requests did. */
        NETLINK_REQUESTS(KnownDifference.Side.NETLINK),
        /** The in-memory kernel's {@code --events}. */
        MEMORY(KnownDifference.Side.MEMORY);

        /** The output side whose state-diverging difference makes this stream incomparable, or null. */
        final KnownDifference.Side after;

        EventSide(KnownDifference.Side after) {
            this.after = after;
        }

        String of(ThreeWay.Events e) {
            return switch (this) {
                case NETROUTE_MONITOR -> e.netrouteMonitor();
                case NETLINK_REQUESTS -> e.netlinkRequests();
                case MEMORY -> e.memory();
            };
        }
    }

    /** Whether iproute2 answered an earlier {@code route flush} line of the batch with a failed flush request. */
    static boolean flushFailedBefore(List<String> ipPieces, List<String> lines, int i) {
        for (int j = 0; j < i; j++) {
            if (lines.get(j).startsWith("route flush") && ipPieces.get(j).contains("Failed to send flush request")) {
                return true;
            }
        }
        return false;
    }

    /** Null when equal, else the first differing line with a few lines of context on both sides. */
    static String firstDifference(String want, String have) {
        if (want.equals(have)) {
            return null;
        }
        List<String> a = want.lines().toList();
        List<String> b = have.lines().toList();
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return "notification line " + (i + 1) + " (" + a.size() + " vs " + b.size() + " lines)\n--- ip monitor\n"
                + String.join("\n", a.subList(Math.max(0, i - 2), Math.min(a.size(), i + 4)))
                + "\n--- netroute\n" + String.join("\n", b.subList(Math.max(0, i - 2), Math.min(b.size(), i + 4)))
                + "\n";
    }
}
