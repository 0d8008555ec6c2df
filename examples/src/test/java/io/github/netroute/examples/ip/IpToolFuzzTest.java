package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Syntax fuzzing of {@code netroute ip}: mutated command lines (tokens dropped, repeated, swapped; numbers past
 * 2^32, negative, hex; non-ASCII; empty; very long) run as {@code -batch -force} lines on the in-memory kernel. Each
 * line must end with an exit status iproute2 uses (0, 1, 2, 255) and error lines of iproute2's shapes — never a Java
 * exception or stack trace. A {@code -force} batch goes on after a failed line: every mutant is followed by a
 * sentinel {@code route add}, which must have run unless the mutant was an argument error (iproute2's
 * {@code invarg}/{@code get_prefix} call {@code exit()}, which ends even a {@code -force} batch, and so does netroute
 * ip). {@code netroute.fuzz.iterations} mutants (default 10 000),
 * seed {@code netroute.fuzz.seed}; prints the figures.
 */
class IpToolFuzzTest {
  static final int ITERATIONS = Integer.getInteger("netroute.fuzz.iterations", 10_000);
  static final long SEED = Long.getLong("netroute.fuzz.seed", 17L);

  static final List<String> SEEDS = List.of(
      "route add 10.0.0.0/8 via 192.168.1.1", "route add 10.1.0.0/16 dev br0 metric 100 table 100",
      "route add local 10.96.0.0/12 dev br0 scope host src 192.168.1.2 proto 200",
      "route replace 10.2.0.0/16 nexthop via 192.168.1.1 weight 2 nexthop via 192.168.1.3 weight 1",
      "route add blackhole 10.3.0.0/16 table 1000", "route del 10.0.0.0/8", "route show table all",
      "route get 10.0.0.1 from 192.168.1.2 iif br0", "route add 10.4.0.0/16 via 192.168.1.1 mtu lock 1400 rtt 10ms",
      "route flush table 100", "-6 route add 2001:db8::/32 dev br0 pref high metric 1024",
      "rule add from 10.0.0.0/8 table 44 pref 100", "rule add fwmark 0x10/0xff lookup 100 priority 200",
      "rule add iif br0 uidrange 1000-2000 ipproto tcp dport 80-90 prohibit", "rule del pref 100",
      "rule show", "-6 rule add to 2001:db8::/32 goto 32766 pref 5", "addr add 10.9.0.1/24 dev br0 label br0:1",
      "addr add 2001:db8:9::1/64 dev br0 nodad noprefixroute", "addr del 192.168.1.2/24 dev br0",
      "addr show dev br0", "link add br1 type bridge", "link set br1 up", "link del br1", "link show",
      "link set dev br0 mtu 1400");
  static final String[] NUMBERS = {"-1", "4294967296", "4294967295", "18446744073709551616", "0x100000000",
      "99999999999999999999", "256", "65536", "-2147483648", "1e3", "0x", "007"};
  static final String[] ODD = {"é", "١٢", "\u202e", "\u200b", "日本", "\uD83D\uDE00", "\u00a0"};
  /** The shapes of iproute2's error lines that netroute ip prints. */
  static final Pattern ERROR_LINE = Pattern.compile("(Error: .*|RTNETLINK answers: .*|Command failed .*|"
      + "Object \".*\" is unknown, try \"ip help\"\\.|Usage: .*|Command \".*\" is unknown, try \"ip .*help\"\\.|"
      + "Cannot find device \".*\"|Not enough information: .*|Device does not exist.*|"
      + "\"?[a-z_-]*\"? is (?:duplicate|a garbage)\\.|Either \".*\" is duplicate, or \".*\" is a garbage\\.|"
      + "Invalid .*|Garbage instead of arguments \".*\"\\. Try \"ip .*help\"\\.|"
      + "Error: argument \".*\" is wrong: .*|Command line is not complete\\. Try option \"help\"|"
      + "Device \".*\" does not exist\\.|Option \".*\" is unknown.*|Route cache is not supported by netroute|"
      + "\"ip (?:route flush|rule add|rule del)\" requires arguments\\.|"
      + "netroute ip: \"ip [a-z_]+\" is not supported|netroute ip: \"ip netns\" is not implemented; .*|"
      + "(?:vxlan|macvlan): .*|\"[^\"]*\" is invalid lladdr\\.)"); // ll_addr_a2n() ("add" abbreviates "address")
  /** The lines of iproute2's help texts (a mutant can ask for one: "ip r help", "ip h"). */
  static final java.util.Set<String> HELP_LINES = java.util.stream.Stream.of("help", "route", "rule", "link",
      "address", "nexthop", "monitor", "netns", "maddress", "addrlabel", "neighbor", "ntable", "l2tp", "fou", "ila",
      "macsec", "tunnel", "tuntap", "token", "tcpmetrics", "xfrm", "mroute", "mrule", "netconf", "vrf", "sr",
      "mptcp", "ioam", "stats").flatMap(o -> IpHelp.text(o).lines()).collect(java.util.stream.Collectors.toSet());

  @Test
  void mutatedBatchLinesNeverEndInAJavaExceptionAndForceKeepsGoing() throws Exception {
    Random rnd = new Random(SEED);
    int[] exits = new int[256];
    int fatalStops = 0;
    int continued = 0;
    List<String> problems = new ArrayList<>();
    long t0 = System.nanoTime();
    try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
      IpTool ip = new IpTool(k, o, e);
      for (String s : List.of("link add br0 type bridge", "link set br0 up", "addr add 192.168.1.2/24 dev br0")) {
        if (ip.exec(IpTool.split(s)) != 0) fail("setup " + s + ": " + err);
      }
      for (int i = 0; i < ITERATIONS; i++) {
        String mutant = mutate(rnd, SEEDS.get(rnd.nextInt(SEEDS.size())));
        if (i % 256 == 0) ip.exec(IpTool.split("route flush table 7")); // keeps the sentinel check cheap
        String sentinel = "route add 172.31." + (i / 256 % 256) + "." + (i % 256) + "/32 dev br0 table 7";
        err.reset();
        out.reset();
        int rc;
        try {
          rc = ip.batch(new BufferedReader(new StringReader(mutant + "\n" + sentinel + "\n")), "fuzz", true,
              new ArrayList<>());
        } catch (RuntimeException | StackOverflowError x) {
          problems.add(x + " for " + show(mutant));
          continue;
        }
        String errText = err.toString(StandardCharsets.UTF_8);
        exits[rc & 0xFF]++;
        if (rc != 0 && rc != 1 && rc != 2 && rc != 255) problems.add("exit " + rc + " for " + show(mutant));
        if (errText.contains("Exception") || errText.contains("\tat ") || errText.contains("java.")) {
          problems.add("Java text on stderr for " + show(mutant) + ": " + errText);
        }
        for (String line : errText.split("\n")) {
          if (!line.isEmpty() && !ERROR_LINE.matcher(line).matches() && !HELP_LINES.contains(line)) {
            problems.add("odd error line " + show(line) + " for " + show(mutant));
          }
        }
        boolean sentinelRan = !k.routes(RouteFilter.table(io.github.netroute.routing.RouteTable.of(7))).stream()
            .filter(r -> r.dst().equals(IpPrefix.parse(sentinel.split(" ")[2]))).toList().isEmpty();
        if (ip.fatal()) {
          fatalStops++; // an argument error: iproute2 exit()s (status 1 or 255), -force or not
        } else if (!sentinelRan && !mutantTouches(mutant)) {
          problems.add("-force did not go on after " + show(mutant) + " (rc " + rc + "): " + errText);
        } else {
          continued++;
        }
        if (problems.size() > 20) break;
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("ip-fuzz lines %,d  exit0 %,d  exit1 %,d  exit2 %,d  exit255 %,d  continued %,d  "
        + "argument-error stops %,d  %.2f s  %,.0f lines/s%n", ITERATIONS, exits[0], exits[1], exits[2], exits[255],
        continued, fatalStops, s, ITERATIONS / s);
    if (!problems.isEmpty()) fail(String.join("\n", problems));
    assertTrue(continued > ITERATIONS / 4, "too few batches went on: " + continued);
  }

  /** A mutant that may itself remove the sentinel's table or device (route flush, link del, addr del…). */
  private static boolean mutantTouches(String mutant) {
    return mutant.contains("flush") || mutant.contains("del") || mutant.contains("link") || mutant.contains("br0 ")
        || mutant.contains("addr");
  }

  static String show(String s) {
    String t = s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + " chars)" : s;
    return "\"" + t.replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  static String mutate(Random rnd, String line) {
    List<String> w = new ArrayList<>(Arrays.asList(line.split(" ")));
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = w.isEmpty() ? 0 : rnd.nextInt(w.size());
      switch (rnd.nextInt(9)) {
        case 0: if (!w.isEmpty()) w.remove(at); break;
        case 1: if (!w.isEmpty()) w.add(at, w.get(at)); break;
        case 2: if (w.size() > 1) {
            int other = rnd.nextInt(w.size());
            String x = w.get(at);
            w.set(at, w.get(other));
            w.set(other, x);
          }
          break;
        case 3: if (!w.isEmpty()) w.set(at, w.get(at).replaceFirst("[0-9]+", NUMBERS[rnd.nextInt(NUMBERS.length)]));
          break;
        case 4: if (!w.isEmpty()) {
            String s = w.get(at);
            int c = rnd.nextInt(s.length() + 1);
            w.set(at, s.substring(0, c) + ODD[rnd.nextInt(ODD.length)] + s.substring(c));
          }
          break;
        case 5: if (!w.isEmpty()) w.set(at, w.get(at).substring(0, rnd.nextInt(w.get(at).length() + 1))); break;
        case 6: if (rnd.nextInt(10) == 0) return rnd.nextBoolean() ? "route" : "";
          break;
        case 7: if (rnd.nextInt(20) == 0) w.add(at, rnd.nextBoolean() ? "x".repeat(50_000) : "1".repeat(5_000));
          break;
        default: w.add(at, NUMBERS[rnd.nextInt(NUMBERS.length)]); break;
      }
    }
    return String.join(" ", w);
  }
}
