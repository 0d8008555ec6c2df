package io.github.netroute.examples.agent;

import io.github.netroute.examples.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ip} commands for the agent's tests; {@code netroute ARGS...} runs in this JVM through
 * {@link Cli#netroute}.
 */
final class Run {
    private Run() {}

    /** A command's stdout; fails on a non-zero exit. */
    static String exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code ip -n NS ARGS...}. */
    static String ip(String ns, String... args) {
        List<String> c = new ArrayList<>(List.of("ip", "-n", ns));
        c.addAll(List.of(args));
        return exec(c.toArray(String[]::new));
    }
}
