package io.github.netroute.examples.differential;

import io.github.netroute.examples.ip.IpCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The notifications of one namespace while a batch body runs, as one monitor printed them: iproute2's
 * {@code ip -n NS monitor link address route rule nexthop} (a process writing to a file) or netroute's
 * {@code netroute ip -n NS monitor …} (a thread of this JVM, decoding the same kernel messages through the netlink
 * client). {@link #open} starts the monitors of a namespace and returns once each of them has printed a probe (a
 * route added to main and deleted), so nothing of the body is missed; {@link #close} adds and deletes an end marker rule,
 * waits until every monitor has printed it, stops them and keeps what each printed between the two markers.
 *
 * <pre>{@code
 * try (EventWatch w = EventWatch.open(ns, true)) { ...run the body... }
 * w.ip(); w.netroute();   // the texts, MAC addresses as <mac>
 * }</pre>
 */
final class EventWatch implements AutoCloseable {
    static final List<String> OBJECTS = List.of("link", "address", "route", "rule", "nexthop");
    private static final String END = "9:\tfrom all lookup 12345\n";

    private final String ns;
    private final List<Monitor> monitors = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    private EventWatch(String ns) {
        this.ns = ns;
    }

    /** Starts iproute2's monitor (and netroute's, if {@code withNetroute}) on {@code ns} and waits for both. */
    static EventWatch open(String ns, Path dir, boolean withNetroute) throws Exception {
        EventWatch w = new EventWatch(ns);
        w.monitors.add(Monitor.ip(ns, dir.resolve(ns + ".monitor")));
        if (withNetroute) {
            w.monitors.add(Monitor.netroute(ns));
        }
        for (int i = 0; i < 100; i++) {
            // each try its own route, so that the one every monitor printed marks where the body starts; a route
            // added to main and deleted again leaves the state as it was (a rule would unmerge the IPv4 tables)
            String probe = "unreachable 198.18." + i + ".0/24";
            String start = "Deleted " + probe + " \n";
            ThreeWay.proc(List.of("ip", "-n", ns, "route", "add", "unreachable", "198.18." + i + ".0/24"));
            ThreeWay.proc(List.of("ip", "-n", ns, "route", "del", "unreachable", "198.18." + i + ".0/24"));
            boolean all = false;
            for (int k = 0; k < 25 && !(all = w.monitors.stream().allMatch(m -> m.text().contains(start))); k++) {
                Thread.sleep(20);
            }
            if (all) {
                for (Monitor m : w.monitors) {
                    m.start = m.text().indexOf(start) + start.length();
                }
                return w;
            }
        }
        w.stop();
        throw new AssertionError("the monitors of " + ns + " did not start");
    }

    @Override
    public void close() throws Exception {
        try {
            ThreeWay.proc(List.of("ip", "-n", ns, "rule", "add", "pref", "9", "table", "12345"));
            for (int i = 0; i < 200 && !monitors.stream().allMatch(m -> m.text().indexOf(END, m.start) >= 0); i++) {
                Thread.sleep(20);
            }
            for (Monitor m : monitors) {
                String t = m.text();
                int end = t.indexOf(END, m.start);
                seen.add(end < 0 ? t.substring(m.start) + "<no end marker>\n" : t.substring(m.start, end));
            }
        } finally {
            stop();
        }
    }

    private void stop() {
        for (Monitor m : monitors) {
            m.stop.run();
        }
    }

    /** What iproute2's monitor printed between the markers. */
    String ip() {
        return seen.get(0);
    }

    /** What netroute's monitor printed between the markers. */
    String netroute() {
        return seen.get(1);
    }

    private static final class Monitor {
        final Supplier<String> text;
        final Runnable stop;
        int start;

        Monitor(Supplier<String> text, Runnable stop) {
            this.text = text;
            this.stop = stop;
        }

        String text() {
            return text.get();
        }

        static Monitor ip(String ns, Path out) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns, "monitor"));
            cmd.addAll(OBJECTS);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new Monitor(() -> {
                try {
                    return Files.readString(out);
                } catch (IOException e) {
                    return "";
                }
            }, () -> {
                p.destroy();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        static Monitor netroute(String ns) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of("-n", ns, "monitor"));
            argv.addAll(OBJECTS);
            Thread t = new Thread(() -> {
                try {
                    IpCommand.run(argv, System.in, ps, ps);
                } catch (Exception e) {
                    ps.println("netroute monitor failed: " + e);
                }
            }, "netroute-monitor-" + ns);
            t.setDaemon(true);
            t.start();
            return new Monitor(() -> {
                synchronized (out) {
                    return out.toString(StandardCharsets.UTF_8);
                }
            }, () -> {
                t.interrupt();
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
