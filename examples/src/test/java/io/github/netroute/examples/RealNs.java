package io.github.netroute.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.github.netroute.routing.testsupport.NamespaceSettle;
import io.github.netroute.routing.testsupport.RealKernel;

/**
 * A throwaway network namespace ({@code nr-ex-<random>}) for real-kernel tests, read back with the real
 * {@code ip}. Tests call {@link #assumeUsable()} first (skips with a reason unless Linux, root and iproute2) and
 * always {@link #close()} the namespace (try-with-resources or @AfterEach).
 *
 * <p>The test VM's kernel has no {@code dummy} link type; tests use {@code bridge} links (without ports they
 * have carrier when up) where a node would have dummies.
 */
final class RealNs implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final String name;

    /** Exit code, stdout and stderr of a process. */
    record Proc(int code, String out, String err) {
        Proc ok() {
            if (code != 0) {
                throw new AssertionError("exit " + code + ": " + err + out);
            }
            return this;
        }
    }

    private RealNs(String name) {
        this.name = name;
    }

    /** Skips the calling test unless real namespaces can be used here (the shared gate: {@link RealKernel}). */
    static void assumeUsable() {
        RealKernel.assumeAvailable();
    }

    /**
     * A fresh namespace; IPv6 addr_gen_mode 1 (no link-local addresses), as the comparisons with the in-memory
     * kernel need, unless {@code eui64}.
     */
    static RealNs create(boolean eui64) {
        String name = "nr-ex-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        exec(List.of("ip", "netns", "add", name), null).ok(); // root with ip: a failure here is a failure
        RealNs ns = new RealNs(name);
        if (!eui64) {
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.addr_gen_mode=1", "net.ipv6.conf.default.addr_gen_mode=1");
        }
        return ns;
    }

    static RealNs create() {
        return create(false);
    }

    /** {@code ip -n NAME ARGS...}. */
    Proc ip(String... args) {
        List<String> c = new ArrayList<>(List.of("ip", "-n", name));
        c.addAll(List.of(args));
        return exec(c, null);
    }

    /** {@code ip netns exec NAME CMD...}, which must succeed. */
    Proc exec(String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
        c.addAll(List.of(cmd));
        return exec(c, null).ok();
    }

    /**
     * Waits until IPv6 has settled: no tentative address and the route dump unchanged over 100 ms (the real
     * kernel adds IPv6 address routes from a work queue, after DAD).
     */
    void settle() {
        NamespaceSettle.await(name, 60, 100);
    }

    @Override
    public void close() {
        exec(List.of("ip", "netns", "del", name), null);
    }

    static Proc exec(List<String> cmd, String stdin) {
        return exec(cmd, stdin, java.util.Map.of());
    }

    /** As {@link #exec(List, String)} with variables added to the environment. */
    static Proc exec(List<String> cmd, String stdin, java.util.Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<byte[]> errBytes = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return p.getErrorStream().readAllBytes();
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(errBytes.join(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Proc(-1, out, err + "timed out");
            }
            return new Proc(p.exitValue(), out, err);
        } catch (IOException e) {
            return new Proc(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Proc(-1, "", e.toString());
        }
    }
}
