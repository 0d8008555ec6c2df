package io.github.netroute.examples.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The only place the scenario runs other programs, for topology setup the library does not offer: creating and
 * deleting network namespaces ({@code ip netns}), veth pairs whose ends go straight into two namespaces, bridge
 * ports ({@code ip link set X master BR}), and the nftables DNAT that stands in for the service proxy
 * ({@code nft -f -} inside a namespace). Every route, rule, address and link state goes through the library.
 */
final class IpSetup {
    private IpSetup() {}

    /** Whether {@code program} runs ({@code program --version} or {@code -V}). */
    static boolean available(String... versionCommand) {
        try {
            return run(List.of(versionCommand), null, false) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code ip netns add NAME}. */
    static void addNetns(String name) {
        run(List.of("ip", "netns", "add", name), null, true);
    }

    /** {@code ip netns del NAME}; quiet, never throws (cleanup). */
    static void deleteNetns(String name) {
        try {
            run(List.of("ip", "netns", "del", name), null, false);
        } catch (RuntimeException e) {
            // best effort
        }
    }

    /** {@code ip link add DEV netns NS type veth peer name PEERDEV netns PEERNS}. */
    static void veth(String ns, String dev, String peerNs, String peerDev) {
        run(List.of("ip", "link", "add", dev, "netns", ns, "type", "veth", "peer", "name", peerDev, "netns", peerNs),
                null, true);
    }

    /** {@code ip -n NS link set DEV master BRIDGE}. */
    static void master(String ns, String dev, String bridge) {
        run(List.of("ip", "-n", ns, "link", "set", dev, "master", bridge), null, true);
    }

    /** {@code ip netns exec NS nft -f -} with {@code ruleset} on stdin. */
    static void nft(String ns, String ruleset) {
        run(List.of("ip", "netns", "exec", ns, "nft", "-f", "-"), ruleset, true);
    }

    private static int run(List<String> cmd, String stdin, boolean check) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + ": timed out");
            }
            if (check && p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": "
                        + out.join().trim());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
