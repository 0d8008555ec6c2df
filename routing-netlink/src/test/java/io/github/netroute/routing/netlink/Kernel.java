package io.github.netroute.routing.netlink;

import io.github.netroute.routing.testsupport.RealKernel;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Test support for real-kernel tests: skips (with a reason) unless this is Linux, we are root and iproute2's
 * {@code ip} exists; creates and removes throwaway namespaces {@code nr-nl-<random>}; runs {@code ip} to set up
 * and read back (never used by the code under test).
 */
public final class Kernel {
  private Kernel() {}

  /** The shared gate ({@link RealKernel}): skips unless Linux, root and iproute2. */
  public static void assumeKernel() {
    RealKernel.assumeAvailable();
  }

  static boolean canRun(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A fresh namespace with deterministic IPv6 (no link-local address generation), named nr-nl-XXXX. */
  public static String newNamespace() throws Exception {
    String ns = "nr-nl-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL);
    run("ip", "netns", "add", ns);
    run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.addr_gen_mode=1");
    run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.addr_gen_mode=1");
    return ns;
  }

  public static void deleteNamespace(String ns) {
    if (ns == null) return;
    try {
      run("ip", "netns", "del", ns);
    } catch (Exception e) {
      System.err.println("could not delete namespace " + ns + ": " + e);
    }
  }

  public static String run(String... cmd) throws Exception {
    Result r = exec(cmd);
    assertEquals(0, r.exit, String.join(" ", cmd) + ": " + r.out);
    return r.out;
  }

  record Result(int exit, String out) {}

  static Result exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout: " + String.join(" ", cmd));
    return new Result(p.exitValue(), out);
  }

  /** {@code ip -n NS ARGS...}. */
  static String ip(String ns, String... args) throws Exception {
    List<String> c = new ArrayList<>(List.of("ip", "-n", ns));
    c.addAll(List.of(args));
    return run(c.toArray(String[]::new));
  }

  /** Entries of {@code ip ... show} text: multipath continuation lines folded in, whitespace normalised. */
  static List<String> entries(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (l.isBlank()) continue;
      if (Character.isWhitespace(l.charAt(0)) && !out.isEmpty()) {
        out.set(out.size() - 1, out.get(out.size() - 1) + "\n" + l.strip());
      } else {
        out.add(l.strip());
      }
    }
    return out.stream().map(Kernel::norm).toList();
  }

  static String norm(String s) {
    return s.replace("\t", " ").replaceAll(" +", " ").replaceAll(" ?\n ?", "\n").strip();
  }

  static List<String> norm(List<?> values) {
    return values.stream().map(v -> norm(v.toString())).toList();
  }
}
