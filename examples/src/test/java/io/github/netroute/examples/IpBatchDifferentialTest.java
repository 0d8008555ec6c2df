package io.github.netroute.examples;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code netroute ip} against iproute2: every batch file under {@code ip-batches/} runs
 * <ol>
 * <li>through the real {@code ip -n A [OPTIONS] -batch FILE} in a fresh namespace A,</li>
 * <li>through {@code netroute ip --netns B [OPTIONS] -batch FILE} in a second fresh namespace B, and</li>
 * <li>through {@code netroute ip --addr-gen-mode none [OPTIONS] -batch FILE} on the in-memory kernel,</li>
 * </ol>
 * and stdout, stderr and the exit code of all three must be equal.
 *
 * <p>The batch files' conventions (comments, so iproute2 ignores them):
 * <ul>
 * <li>{@code # ip-options: -6 -force} — the options to put before {@code -batch} (iproute2 batch lines cannot
 *     start with {@code -6}: it would be taken as an object).</li>
 * <li>{@code # ip-env: NAME=VALUE} — a variable added to the environment of all three runs (e.g.
 *     {@code COLORFGBG}, which picks {@code -color}'s palette).</li>
 * <li>{@code # addr-gen-mode: eui64} — leave the namespaces' addr_gen_mode at the kernel's default (and the
 *     in-memory kernel at its default); only for batches whose links get no MAC-derived addresses.</li>
 * <li>{@code # known-extra-line-in-memory: LINE} — a named, documented exclusion: the in-memory run prints LINE
 *     once more than the kernel (the batch file says why); the test fails when the difference goes away.</li>
 * <li>{@code # settle} — the real runs stop there and wait until IPv6 has settled (DAD done, the address routes
 *     the kernel adds from a work queue are in). Each real run is then a sequence of {@code ip -batch} runs on
 *     copies of the file with the lines of the other parts blanked, so that {@code Command failed FILE:LINE}
 *     keeps the file's line numbers; the in-memory run (no asynchrony) runs the whole file at once. All runs read
 *     the same path, so {@code Command failed} names the same file.</li>
 * </ul>
 *
 * <p>Normalised, because it must differ: the MAC address of a bridge ({@code link/ether …}, and in an
 * {@code ip -br link} line) is random on the real
 * kernel and derived from the ifindex on the in-memory one. Nothing else is normalised: trailing spaces,
 * {@code Command failed} lines and exit codes must match exactly.
 *
 * <p>Both namespaces set {@code net.ipv6.conf.{all,default}.addr_gen_mode=1} before any link exists, so bridges
 * get no MAC-derived link-local addresses; the in-memory kernel does the same through {@code --addr-gen-mode
 * none}. The kernel of the CI VM has no {@code dummy} link type, so the batches use bridges (the in-memory kernel
 * would accept {@code type dummy}; the real one answers "Unknown device type").
 */
@RealKernelTest
class IpBatchDifferentialTest {
    /** (With {@code -c}, the MAC sits between colour codes, which stay.) */
    private static final Pattern MAC = Pattern.compile(
            "link/ether (\u001b\\[[0-9;]*m)?[0-9a-f]{2}(:[0-9a-f]{2}){5}(\u001b\\[0m)? brd ");
    /** The MAC address of an {@code ip -br link} line ({@code NAME STATE MAC <FLAGS>}). */
    private static final Pattern BRIEF_MAC = Pattern.compile(
            "(?m)^(\\S+ +(\u001b\\[0m)?\\S+ +(\u001b\\[0m)?(\u001b\\[[0-9;]*m)?)[0-9a-f]{2}(:[0-9a-f]{2}){5} (\u001b\\[0m)?<");
    /** The same in {@code ip -j} output: the bridge's {@code "address"}. */
    private static final Pattern JSON_MAC = Pattern.compile("\"address\": ?\"[0-9a-f]{2}(:[0-9a-f]{2}){5}\"");
    private static final String SETTLE = "# settle";
    private static final String KNOWN_EXTRA = "# known-extra-line-in-memory:";

    @TempDir
    Path tmp;

    static Stream<String> batches() throws IOException, URISyntaxException {
        Path dir = Path.of(IpBatchDifferentialTest.class.getResource("/ip-batches").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".batch")).sorted().toList()
                    .stream();
        }
    }

    static List<String> lines(String batch) throws IOException, URISyntaxException {
        return Files.readAllLines(Path.of(IpBatchDifferentialTest.class.getResource("/ip-batches/" + batch).toURI()));
    }

    static List<String> options(List<String> lines) {
        for (String l : lines) {
            if (l.startsWith("# ip-options:")) {
                return Arrays.stream(l.substring("# ip-options:".length()).trim().split("\\s+"))
                        .filter(w -> !w.isEmpty()).toList();
            }
        }
        return List.of();
    }

    static java.util.Map<String, String> env(List<String> lines) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (String l : lines) {
            if (l.startsWith("# ip-env:")) {
                String kv = l.substring("# ip-env:".length()).trim();
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void thereAreEnoughBatches() throws Exception {
        assertTrue(batches().count() >= 8, "at least 8 batch files under ip-batches/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void inMemoryAndNetlinkMatchIproute2(String batch) throws Exception {
        List<String> lines = lines(batch);
        List<String> opts = options(lines);
        java.util.Map<String, String> env = env(lines);
        boolean eui64 = lines.contains("# addr-gen-mode: eui64");
        Path file = tmp.resolve(batch);

        // the in-memory kernel: the whole file at once (runs everywhere)
        Files.write(file, lines, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(eui64 ? List.of() : List.of("--addr-gen-mode", "none"));
        argv.addAll(opts);
        argv.addAll(List.of("-batch", file.toString()));
        Cli.Result mem = Cli.ip(argv, null, env);

        RealNs.assumeUsable();
        Cli.Result real;
        Cli.Result netlink;
        try (RealNs a = RealNs.create(eui64); RealNs b = RealNs.create(eui64)) {
            real = segmented(lines, file, opts, a, s -> {
                List<String> c = new ArrayList<>(List.of("ip", "-n", a.name));
                c.addAll(opts);
                c.addAll(List.of("-batch", file.toString()));
                RealNs.Proc p = RealNs.exec(c, null, env);
                return new Cli.Result(p.code(), p.out(), p.err());
            });
            netlink = segmented(lines, file, opts, b, s -> {
                List<String> c = new ArrayList<>(List.of("--netns", b.name));
                c.addAll(opts);
                c.addAll(List.of("-batch", file.toString()));
                return Cli.ip(c, null, env);
            });
        }
        // the file must not trip over itself: no Java exception text
        assertFalse(mem.err().contains("Exception"), mem::toString);
        String expected = normalise(real);
        // kept for reading the differences: target/ip-differential/BATCH.{ip,netlink,memory}
        Path keep = Path.of("target", "ip-differential");
        Files.createDirectories(keep);
        Files.writeString(keep.resolve(batch + ".ip"), expected);
        Files.writeString(keep.resolve(batch + ".netlink"), normalise(netlink));
        Files.writeString(keep.resolve(batch + ".memory"), normalise(mem));
        assertEquals(expected, normalise(netlink), () -> batch + ": netroute ip --netns differs from ip -batch");
        String memory = normalise(mem);
        for (String l : lines) {
            if (l.startsWith(KNOWN_EXTRA)) {
                // a named in-memory kernel difference: it must still be there (else drop the exclusion), once
                String extra = l.substring(KNOWN_EXTRA.length()).trim() + "\n";
                assertTrue(memory.contains(extra), () -> batch + ": the known difference is gone; remove '" + l + "'");
                memory = memory.replaceFirst(java.util.regex.Pattern.quote(extra), "");
            }
        }
        assertEquals(expected, memory, () -> batch + ": netroute ip (in-memory) differs from ip -batch");
    }

    interface Runner {
        Cli.Result run(int segment) throws Exception;
    }

    /** Runs the file part by part (split at '# settle'), settling the namespace in between. */
    static Cli.Result segmented(List<String> lines, Path file, List<String> opts, RealNs ns, Runner runner)
            throws Exception {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(SETTLE)) {
                cuts.add(i + 1);
            }
        }
        cuts.add(lines.size());
        boolean force = opts.contains("-force");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = 0;
        for (int s = 0; s + 1 < cuts.size(); s++) {
            List<String> part = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                part.add(i >= cuts.get(s) && i < cuts.get(s + 1) ? lines.get(i) : "");
            }
            Files.write(file, part, StandardCharsets.UTF_8);
            Cli.Result r = runner.run(s);
            out.append(r.out());
            err.append(r.err());
            if (r.code() != 0) {
                code = r.code();
                boolean commandFailed = r.err().lines().reduce((x, y) -> y).orElse("").startsWith("Command failed");
                if (!force || !commandFailed) {
                    break; // ip stopped there (no -force), or exited (an argument error)
                }
            }
            ns.settle();
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    static String normalise(Cli.Result r) {
        String out = BRIEF_MAC.matcher(r.out()).replaceAll("$1<mac> $6<");
        return "exit " + r.code() + "\n--- stdout\n" + JSON_MAC.matcher(MAC.matcher(out)
                .replaceAll("link/ether $1<mac>$3 brd ")).replaceAll("\"address\":\"<mac>\"")
                + "--- stderr\n" + r.err();
    }
}
