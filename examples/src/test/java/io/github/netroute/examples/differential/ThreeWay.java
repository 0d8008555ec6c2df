package io.github.netroute.examples.differential;

import io.github.netroute.examples.ip.IpCommand;
import io.github.netroute.routing.testsupport.NamespaceSettle;
import io.github.netroute.routing.testsupport.RealKernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one generated batch three ways — {@code ip -n A -force -batch FILE} (iproute2, in a fresh namespace),
 * {@code netroute ip --netns B -force -batch FILE} (netlink, another fresh namespace) and {@code netroute ip
 * --addr-gen-mode none -force -batch FILE} (the in-memory kernel) — and cuts what each printed into one piece per
 * generated line.
 *
 * <p>How the pieces are found: a marker line {@code @nr} (an unknown object: iproute2 prints {@code Object "@nr"
 * is unknown, try "ip help".} and {@code Command failed FILE:N}, and goes on under {@code -force}) follows every
 * generated line (each side runs the prologue and the body as two processes, as iproute2 must wait for the kernel to
 * settle in between); stdout and stderr go to one stream, in the order they were written ({@code stdbuf -o0} for
 * iproute2, whose stdout is otherwise buffered; one stream for netroute), so each piece holds a line's output,
 * its error line and its own {@code Command failed FILE:N} (the line's exit status in a batch). The batch's exit
 * status is compared as well.
 */
final class ThreeWay {
    static final String MARKER = "@nr";
    private static final Pattern MAC = Pattern.compile("(link/ether|brd) [0-9a-f]{2}(:[0-9a-f]{2}){5}");
    /** The same in JSON ({@code "address":"…"}, {@code "broadcast":"…"}, pretty or not). */
    private static final Pattern JSON_MAC = Pattern.compile("\"(address|broadcast)\": ?\"[0-9a-f]{2}(:[0-9a-f]{2}){5}\"");
    /**
     * A bridge id with its MAC ({@code ip -d}: bridge_id, designated_root, designated_bridge; iproute2 prints it with
     * ether_ntoa(), without leading zeros), text or JSON.
     */
    private static final Pattern BRIDGE_ID = Pattern.compile("\\b([0-9a-f]{4})\\.[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}\\b");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One side's answer: the batch's exit status and one piece of output per generated line. */
    record Run(int exit, List<String> pieces, String raw) {}

    /**
     * The notifications of a batch's body: iproute2's {@code ip monitor} on the namespace iproute2 changed,
     * {@code netroute ip monitor} (the netlink client) on that same namespace, iproute2's {@code ip monitor} on the
     * namespace {@code netroute ip} changed over netlink, and the in-memory kernel's {@code --events} file; each as
     * {@code ip monitor} prints them, MAC addresses normalised.
     */
    record Events(String ip, String netrouteMonitor, String netlinkRequests, String memory) {}

    /** The three answers for one batch, and the events of its body. */
    record Result(List<String> lines, Run ip, Run netlink, Run memory, Events events) {}

    private ThreeWay() {}

    /** Writes the file (markers after every line, the prologue's end settled on the real sides) and runs it. */
    static Result run(BatchGenerator.Batch batch, Path file) throws Exception {
        List<String> all = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.addAll(batch.prologue());
        lines.addAll(batch.body());
        for (String l : lines) {
            all.add(l);
            all.add(MARKER);
        }
        int cut = 2 * batch.prologue().size();
        Files.write(file, all, StandardCharsets.UTF_8);
        List<String> opts = batch.options();
        String[] memoryEvents = new String[1];
        Run memory = memory(all, cut, file, lines.size(), memoryEvents, opts);
        Run ip;
        Run netlink;
        EventWatch[] watches = new EventWatch[2];
        String a = "nr-df-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        String b = "nr-df-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        try {
            namespace(a);
            namespace(b);
            Path dir = file.getParent();
            ip = segmented(all, cut, file, lines.size(), a,
                    () -> proc(concat(List.of("stdbuf", "-o0", "ip", "-n", a), opts, List.of("-force", "-batch",
                            file.toString()))),
                    () -> watches[0] = EventWatch.open(a, dir, true));
            netlink = segmented(all, cut, file, lines.size(), b,
                    () -> netrouteRaw(concat(List.of("--netns", b), opts, List.of("-force", "-batch",
                            file.toString()))),
                    () -> watches[1] = EventWatch.open(b, dir, false));
        } finally {
            proc(List.of("ip", "netns", "del", a));
            proc(List.of("ip", "netns", "del", b));
            Files.write(file, all, StandardCharsets.UTF_8);
        }
        Events events = new Events(mac(watches[0].ip()), mac(watches[0].netroute()), mac(watches[1].ip()),
                mac(memoryEvents[0]));
        return new Result(lines, ip, netlink, memory, events);
    }

    /**
     * The in-memory side run as the real ones are, in two {@code netroute ip} runs of the same path (iproute2's
     * one-entry name caches live as long as one process): the prologue with {@code --state S}, then the body with
     * {@code --state S --events E} (the journal replay sends no notification), so E holds the body's notifications.
     */
    private static Run memory(List<String> all, int cut, Path file, int n, String[] events, List<String> opts)
            throws Exception {
        Path dir = file.getParent();
        Path state = dir.resolve(file.getFileName() + ".state");
        Path ev = dir.resolve(file.getFileName() + ".events");
        Files.deleteIfExists(state);
        Files.deleteIfExists(ev);
        List<String> first = new ArrayList<>(all);
        List<String> second = new ArrayList<>(all);
        for (int i = 0; i < all.size(); i++) {
            (i < cut ? second : first).set(i, "");
        }
        Files.write(file, first, StandardCharsets.UTF_8);
        Raw r1 = netrouteRaw(concat(List.of("--state", state.toString(), "--addr-gen-mode", "none"), opts,
                List.of("-force", "-batch", file.toString())));
        Files.write(file, second, StandardCharsets.UTF_8);
        Raw r2 = netrouteRaw(concat(List.of("--state", state.toString(), "--events", ev.toString()), opts,
                List.of("-force", "-batch", file.toString())));
        Files.write(file, all, StandardCharsets.UTF_8);
        events[0] = Files.exists(ev) ? Files.readString(ev) : "";
        int exit = r1.exit() == 0 ? r2.exit() : r2.exit() == 0 || r2.exit() == 1 ? r1.exit() : r2.exit();
        String text = r1.text() + r2.text();
        return new Run(exit, pieces(text, n), text);
    }

    private static String mac(String text) {
        StringBuilder b = new StringBuilder();
        for (String l : text.split("\n", -1)) {
            b.append(MAC.matcher(l).replaceAll("$1 <mac>")).append('\n');
        }
        b.setLength(Math.max(0, b.length() - 1));
        return b.toString();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    interface Side {
        Raw run() throws Exception;
    }

    interface Watch {
        EventWatch open() throws Exception;
    }

    record Raw(int exit, String text) {}

    private static void namespace(String name) {
        Raw r = proc(List.of("ip", "netns", "add", name));
        if (r.exit() != 0) {
            throw new AssertionError("ip netns add " + name + ": " + r.text());
        }
        proc(List.of("ip", "netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.all.addr_gen_mode=1",
                "net.ipv6.conf.default.addr_gen_mode=1"));
    }

    /**
     * The prologue, a settle, then the body watched by {@code watch}'s monitors: two runs of the same path, other
     * lines blanked (same numbers).
     */
    private static Run segmented(List<String> all, int cut, Path file, int n, String ns, Side side, Watch watch)
            throws Exception {
        List<String> first = new ArrayList<>(all);
        List<String> second = new ArrayList<>(all);
        for (int i = 0; i < all.size(); i++) {
            (i < cut ? second : first).set(i, "");
        }
        Files.write(file, first, StandardCharsets.UTF_8);
        Raw r1 = side.run();
        settle(ns);
        Files.write(file, second, StandardCharsets.UTF_8);
        Raw r2;
        try (EventWatch w = watch.open()) {
            r2 = side.run();
        }
        int exit = r1.exit() == 0 ? r2.exit() : r2.exit() == 0 || r2.exit() == 1 ? r1.exit() : r2.exit();
        String text = r1.text() + r2.text();
        return new Run(exit, pieces(text, n), text);
    }

    /** Waits until no address is tentative and the route dump is the same twice 50 ms apart. */
    private static void settle(String ns) {
        NamespaceSettle.await(ns, 60, 50);
    }

    private static Raw netrouteRaw(List<String> argv) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int code = IpCommand.run(argv, new ByteArrayInputStream(new byte[0]), both, both);
            both.flush();
            return new Raw(code, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Cuts the stream at the markers' two lines. Piece i is what generated line i printed (normalised: MAC
     * addresses, and the MAC in a bridge id); a run that ended early (an argument error) has fewer pieces, the rest reported missing.
     */
    static List<String> pieces(String text, int n) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String[] ls = text.split("\n", -1);
        for (int i = 0; i < ls.length; i++) {
            String l = ls[i];
            if (l.equals("Object \"" + MARKER + "\" is unknown, try \"ip help\".") && i + 1 < ls.length
                    && ls[i + 1].startsWith("Command failed ")) {
                out.add(cur.toString());
                cur.setLength(0);
                i++;
                continue;
            }
            if (i == ls.length - 1 && l.isEmpty()) {
                break;
            }
            String m = JSON_MAC.matcher(MAC.matcher(l).replaceAll("$1 <mac>")).replaceAll("\"$1\":\"<mac>\"");
            cur.append(BRIDGE_ID.matcher(m).replaceAll("$1.<mac>")).append('\n');
        }
        if (cur.length() > 0 || out.size() < n) {
            out.add(cur.toString());
        }
        while (out.size() < n) {
            out.add("<batch ended>\n");
        }
        return out;
    }

    static Raw proc(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> bytes = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Raw(-1, "timed out");
            }
            return new Raw(p.exitValue(), new String(bytes.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Raw(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Raw(-1, e.toString());
        }
    }

    static void assumeUsable() {
        RealKernel.assumeAvailable();
    }
}
