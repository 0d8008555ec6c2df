package io.github.netroute.routing.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a real namespace's IPv6 to settle before it is read back: the kernel adds IPv6 address routes from a
 * work queue, after DAD, so a dump taken at once may miss them.
 *
 * <pre>{@code
 * NamespaceSettle.await("nr-ex-1a2b3c4d", 60, 100);   // up to 6 s
 * }</pre>
 */
public final class NamespaceSettle {
    private NamespaceSettle() {}

    /**
     * Returns once no address of namespace {@code ns} is tentative and what {@code ip -n NS route show table all}
     * and {@code ip -n NS addr} print is the same twice {@code intervalMillis} apart, or after {@code tries} reads
     * (or at an interrupt, the thread's interrupt status kept).
     *
     * @param ns the namespace's name
     * @param tries how many times to read at most
     * @param intervalMillis the pause between reads
     */
    public static void await(String ns, int tries, long intervalMillis) {
        String prev = null;
        for (int i = 0; i < tries; i++) {
            String cur = ip(ns, "route", "show", "table", "all") + ip(ns, "addr");
            if (!cur.contains("tentative") && cur.equals(prev)) {
                return;
            }
            prev = cur;
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What {@code ip -n NS ARGS...} prints (stdout and stderr), or the failure's text. */
    private static String ip(String ns, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
