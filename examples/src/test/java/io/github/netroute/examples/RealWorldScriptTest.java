package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.netroute.examples.ip.IpCommand;
import io.github.netroute.examples.ip.IpTool;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-world routing script that netroute did not write, run unchanged with {@code ip} on PATH being a
 * wrapper, three times: with iproute2, with {@code netroute ip} on a real namespace, and with {@code netroute ip}
 * on the in-memory kernel.
 *
 * <h2>The script</h2>
 * The Linux kernel's selftest {@code tools/testing/selftests/net/fib_rule_tests.sh} (GPL-2.0, "This test is for
 * checking IPv4 and IPv6 FIB rules API"), taken at test time from Debian's {@code linux-source-6.1} package
 * ({@value #TARBALL}, which {@code .ci/run} installs): the kernel source of the Linux release matching
 * iproute2 6.1. Nothing of it is checked in here. Its only adaptation, made when it is extracted and shown in
 * {@link #ADAPTATION}: {@code type dummy} becomes {@code type bridge} (this CI kernel has no dummy driver; a
 * bridge without ports is up with carrier like a dummy). The device keeps its name {@code dummy0}.
 *
 * <p>It runs with {@code -t "fib_rule4 fib_rule6 fib_rule4 fib_rule6"} (its own option: the test names to run, in
 * order): every rule test twice, so that the second pass also checks that the first left no rule behind.
 *
 * <h2>The wrapper</h2>
 * {@code ip} on PATH is a small shell script that hands its arguments to this test's JVM through a FIFO and prints
 * what comes back (stdout, stderr, exit status): 250 JVM starts would take minutes. There, each call runs
 * <ul>
 * <li>iproute2 mode: the real {@code ip} with the same arguments;</li>
 * <li>netroute mode: {@link IpCommand#run} with the same arguments (what {@code netroute ip} runs), {@code -netns
 *     NS} included, so it talks rtnetlink to the real namespace;</li>
 * <li>memory mode: {@link IpTool#exec} (what {@code netroute ip} runs) on one {@link InMemoryKernel} per namespace
 *     name instead of {@code -netns NS}; {@code ip netns add|del} makes and drops one, and the script's two
 *     sysctls are the in-memory kernel's: {@code ip_forward} is {@link InMemoryKernel#setForwarding}, and
 *     {@code rp_filter=0} is what it always does (no reverse-path filtering). Anything else fails the test.</li>
 * </ul>
 * In every mode the script's namespace name {@code testns} becomes a throwaway {@code nr-links-<random>-testns}
 * (and back in what is printed); a real one is made with IPv6 DAD off (see {@code afterNetnsAdd}). {@code ip netns ...} (namespace management, not the subject here) runs the real
 * {@code ip} in both real modes. {@code ip rule help} and {@code ip route get help} (the script's feature
 * detection) are answered by netroute's own copies of iproute2's help texts.
 *
 * <h2>What must be equal</h2>
 * iproute2 and netroute on real namespaces: the script's whole output and exit status, every {@code ip} call's
 * arguments, exit status, stdout and stderr, in order, and the namespace's final state (links, addresses, rules
 * and routes as the real {@code ip} prints them, read just before the script deletes it). The in-memory run must
 * reach the end, and it differs from the iproute2 run only by the entries of {@link #KNOWN_DIFFERENCES}.
 */
@RealKernelTest
class RealWorldScriptTest {
    static final String TARBALL = "/usr/src/linux-source-6.1.tar.xz";
    static final String MEMBER = "linux-source-6.1/tools/testing/selftests/net/fib_rule_tests.sh";
    /** The one adaptation: a regex and its replacement, applied to the whole script. */
    static final String[] ADAPTATION = {"type dummy", "type bridge"};
    static final String TESTS = "fib_rule4 fib_rule6 fib_rule4 fib_rule6";
    static final List<String> NAMESPACES = List.of("testns");

    /**
     * The in-memory run's named differences: for each, the calls it covers (a regex over the call's arguments).
     * A covered call is run (except the ones said below) but its result is not compared; every entry must still
     * cover at least one call, else it is stale and the test fails.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = new LinkedHashMap<>();

    // empty since netroute ip prints iproute2's help texts itself (ip rule help, ip route get help: the script's
    // feature detection greps them)

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    /** One {@code ip} call as the script saw it. */
    record Call(List<String> args, int code, String out, String err) {
        @Override
        public String toString() {
            return "ip " + String.join(" ", args) + "\n  exit " + code + "\n  out: " + out.replace("\n", "\n       ")
                    + "\n  err: " + err.replace("\n", "\n       ");
        }
    }

    /** The result of one whole run. */
    record Run(int code, String out, List<Call> calls, Map<String, String> finalState) {}

    enum Mode { IPROUTE2, NETROUTE, MEMORY }

    @Test
    void fibRuleTestsRunTheSameWithIproute2AndNetroute() throws Exception {
        RealNs.assumeUsable();
        assumeTrue(Files.isRegularFile(Path.of(TARBALL)), TARBALL + " missing: apt-get install linux-source-6.1");
        Path script = extract();

        Run real = run(script, Mode.IPROUTE2);
        Run netroute = run(script, Mode.NETROUTE);
        Run memory = run(script, Mode.MEMORY);
        Path keep = Path.of("target", "real-world-script");
        Files.createDirectories(keep);
        for (var e : Map.of("ip", real, "netroute", netroute, "memory", memory).entrySet()) {
            Files.writeString(keep.resolve("fib_rule_tests." + e.getKey()), describe(e.getValue()));
        }

        // the script really exercised ip: 200+ calls, and it passed its own tests under iproute2
        assertTrue(real.calls().size() >= 200, "ip calls: " + real.calls().size());
        assertTrue(real.out().contains("Tests failed:   0"), real.out());
        System.out.println("fib_rule_tests.sh: " + real.calls().size() + " ip calls per run");

        // iproute2 vs netroute on real namespaces: everything equal
        assertEquals(real.calls().size(), netroute.calls().size(), "number of ip calls");
        for (int i = 0; i < real.calls().size(); i++) {
            assertEquals(real.calls().get(i).toString(), netroute.calls().get(i).toString(), "ip call " + (i + 1));
        }
        assertEquals(real.finalState(), netroute.finalState(), "final state");
        assertEquals(real.out(), netroute.out(), "the script's output");
        assertEquals(real.code(), netroute.code(), "the script's exit status");

        // in memory: to the end, differing only where named
        assertEquals(real.calls().size(), memory.calls().size(), "number of ip calls in memory");
        Map<String, Integer> used = new LinkedHashMap<>();
        for (int i = 0; i < real.calls().size(); i++) {
            Call r = real.calls().get(i);
            String known = known(r.args());
            if (known != null) {
                used.merge(known, 1, Integer::sum);
                continue;
            }
            assertEquals(r.toString(), memory.calls().get(i).toString(), "ip call " + (i + 1) + " in memory");
        }
        for (String k : KNOWN_DIFFERENCES.keySet()) {
            assertTrue(used.containsKey(k), "stale known difference: " + k);
        }
        assertEquals(real.finalState(), memory.finalState(), "final state in memory");
        assertEquals(real.out(), memory.out(), "the script's output in memory");
        assertEquals(real.code(), memory.code(), "the script's exit status in memory");
        System.out.println("fib_rule_tests.sh in memory: known differences " + used);
    }

    static String known(List<String> args) {
        String line = String.join(" ", args);
        for (var e : KNOWN_DIFFERENCES.entrySet()) {
            if (Pattern.compile(e.getValue()).matcher(line).matches()) {
                return e.getKey();
            }
        }
        return null;
    }

    private Path extract() throws Exception {
        Path dir = tmp.resolve("src");
        Files.createDirectories(dir);
        RealNs.Proc p = RealNs.exec(List.of("tar", "-xJf", TARBALL, "-C", dir.toString(), MEMBER), null);
        assertEquals(0, p.code(), p.err());
        Path script = dir.resolve(MEMBER);
        String text = Files.readString(script);
        String adapted = text.replace(ADAPTATION[0], ADAPTATION[1]);
        assertTrue(!adapted.equals(text), "the adaptation applies");
        Path out = tmp.resolve("fib_rule_tests.sh");
        Files.writeString(out, adapted);
        return out;
    }

    private static String describe(Run r) {
        StringBuilder sb = new StringBuilder("exit " + r.code() + "\n--- output\n" + r.out() + "--- calls\n");
        for (Call c : r.calls()) {
            sb.append(c).append('\n');
        }
        sb.append("--- final state\n");
        r.finalState().forEach((k, v) -> sb.append("# ").append(k).append('\n').append(v));
        return sb.toString();
    }

    // ------------------------------------------------------------------ one run

    private Run run(Path script, Mode mode) throws Exception {
        Path dir = Files.createTempDirectory(tmp, mode.name().toLowerCase());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path requests = dir.resolve("requests");
        assertEquals(0, RealNs.exec(List.of("mkfifo", requests.toString()), null).code());
        Path wrapper = bin.resolve("ip");
        Files.writeString(wrapper, WRAPPER);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Server server = new Server(dir, mode);
        Thread t = new Thread(server, "ip-wrapper-server");
        t.setDaemon(true);
        t.start();
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "-t", TESTS).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("NR_IP_DIR", dir.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the script ends");
            return new Run(p.exitValue(), server.unmap(new String(out, StandardCharsets.UTF_8)), server.calls,
                    server.finalState);
        } finally {
            server.stop();
            for (String ns : server.real.values()) {
                RealNs.exec(List.of("ip", "netns", "del", ns), null); // the script deletes it; this is for a failure
            }
        }
    }

    /**
     * The {@code ip} on PATH: writes its arguments (one per line) to a request file, names that file on the FIFO,
     * waits for the answer and prints it as the call's own.
     */
    static final String WRAPPER = """
            #!/bin/bash
            # ip -> RealWorldScriptTest's JVM (see its Javadoc)
            req=$(mktemp "$NR_IP_DIR/call.XXXXXXXX")
            printf '%s\\n' "$@" > "$req"
            mkfifo "$req.done"
            echo "$req $#" > "$NR_IP_DIR/requests"
            read -r _ < "$req.done"
            cat "$req.out"
            cat "$req.err" >&2
            rc=$(cat "$req.rc")
            rm -f "$req" "$req.out" "$req.err" "$req.rc" "$req.done"
            exit "$rc"
            """;

    /** Answers the wrapper's calls in this JVM. */
    final class Server implements Runnable {
        final Path dir;
        final Mode mode;
        final List<Call> calls = new ArrayList<>();
        final Map<String, String> finalState = new LinkedHashMap<>();
        /** Script namespace name → real throwaway namespace name. */
        final Map<String, String> real = new LinkedHashMap<>();
        volatile boolean stopped;

        Server(Path dir, Mode mode) {
            this.dir = dir;
            this.mode = mode;
            String id = HexFormat.of().formatHex(RANDOM.generateSeed(3));
            for (String n : NAMESPACES) {
                real.put(n, "nr-links-" + id + "-" + n);
            }
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            // O_RDWR: the read end never sees EOF between writers
            try (RandomAccessFile fifo = new RandomAccessFile(dir.resolve("requests").toFile(), "rw")) {
                while (!stopped) {
                    String line = fifo.readLine();
                    if (line == null) {
                        return;
                    }
                    String[] w = line.trim().split(" ");
                    Path req = Path.of(w[0]);
                    int n = Integer.parseInt(w[1]);
                    List<String> args = n == 0 ? List.of() : Files.readAllLines(req, StandardCharsets.UTF_8);
                    Call c;
                    try {
                        c = call(args);
                    } catch (Exception | AssertionError e) {
                        // never leave the wrapper waiting: the failure is this call's result, and fails the test
                        java.io.StringWriter sw = new java.io.StringWriter();
                        e.printStackTrace(new java.io.PrintWriter(sw));
                        c = new Call(args, 99, "", "threw: " + sw);
                    }
                    calls.add(c);
                    Files.writeString(Path.of(req + ".out"), c.out());
                    Files.writeString(Path.of(req + ".err"), c.err());
                    Files.writeString(Path.of(req + ".rc"), Integer.toString(c.code()));
                    Files.writeString(Path.of(req + ".done"), "x\n");
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        }

        String map(String a) {
            return real.getOrDefault(a, a);
        }

        String unmap(String s) {
            for (var e : real.entrySet()) {
                s = s.replace(e.getValue(), e.getKey());
            }
            return s;
        }

        Call call(List<String> args) throws Exception {
            List<String> mapped = args.stream().map(this::map).toList();
            Proc r;
            if (mode == Mode.IPROUTE2 || args.size() >= 1 && args.get(0).equals("netns")) {
                if (mode == Mode.MEMORY && !args.isEmpty() && args.get(0).equals("netns")) {
                    r = memoryNetns(args);
                } else {
                    beforeNetnsDel(args);
                    RealNs.Proc p = RealNs.exec(prepend("ip", mapped), null);
                    r = new Proc(p.code(), p.out(), p.err());
                    afterNetnsAdd(args, p.code());
                }
            } else if (mode == Mode.NETROUTE) {
                r = netroute(mapped);
            } else {
                r = memory(args);
            }
            return new Call(args, r.code, unmap(r.out), unmap(r.err));
        }

        record Proc(int code, String out, String err) {}

        /**
         * A namespace the script made gets IPv6 DAD off, so that what the script prints does not depend on how fast
         * it runs (its addresses are added without nodad and looked up at once: a tentative address is not a
         * source). The in-memory kernel has no DAD ({@code KnownDifference.IPV6_DAD}), which is the same.
         */
        void afterNetnsAdd(List<String> args, int code) {
            if (code == 0 && args.size() == 3 && args.get(0).equals("netns") && args.get(1).equals("add")
                    && real.containsKey(args.get(2))) {
                RealNs.exec(List.of("ip", "netns", "exec", real.get(args.get(2)), "sysctl", "-qw",
                        "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"), null).ok();
            }
        }

        /** Before the script deletes a namespace: its state as the real ip prints it. */
        void beforeNetnsDel(List<String> args) {
            if (mode == Mode.MEMORY || args.size() < 3 || !args.get(0).equals("netns") || !args.get(1).equals("del")
                    || !real.containsKey(args.get(2))) {
                return;
            }
            String ns = real.get(args.get(2));
            for (List<String> q : STATE_QUERIES) {
                List<String> c = new ArrayList<>(List.of("ip", "-n", ns));
                c.addAll(q);
                RealNs.Proc p = RealNs.exec(c, null);
                finalState.put(args.get(2) + ": ip " + String.join(" ", q), normaliseState(p.code() + "\n" + p.out()
                        + p.err()));
            }
        }

        Proc netroute(List<String> mapped) throws Exception {
            return ipCommand(mapped);
        }

        /** The in-memory namespaces by the script's names. */
        final Map<String, InMemoryKernel> kernels = new LinkedHashMap<>();

        Proc memory(List<String> args) throws Exception {
            List<String> a = new ArrayList<>(args);
            String ns = null;
            for (int i = 0; i + 1 < a.size(); i++) {
                if (a.get(i).equals("-netns") || a.get(i).equals("-n")) {
                    ns = a.get(i + 1);
                    a.remove(i + 1);
                    a.remove(i);
                    break;
                }
            }
            if (ns == null && !a.isEmpty() && a.get(a.size() - 1).equals("help")) {
                // feature detection (ip rule help, ip route get help) outside any namespace: a fresh kernel
                try (InMemoryKernel fresh = InMemoryKernel.freshNamespace()) {
                    return ipTool(fresh, a);
                }
            }
            assertTrue(ns != null, "the script only runs ip in its namespace (or asks for help): " + args);
            InMemoryKernel k = kernels.get(ns);
            if (k == null) {
                return new Proc(255, "", "Cannot open network namespace \"" + ns + "\": No such file or directory\n");
            }
            return ipTool(k, a);
        }

        /** {@code ip netns add|del|exec} for the in-memory run. */
        Proc memoryNetns(List<String> args) throws Exception {
            if (args.size() == 3 && args.get(1).equals("add")) {
                if (kernels.containsKey(args.get(2))) {
                    return new Proc(1, "", "Cannot create namespace file \"/run/netns/" + args.get(2)
                            + "\": File exists\n");
                }
                kernels.put(args.get(2), InMemoryKernel.freshNamespace());
                return new Proc(0, "", "");
            }
            if (args.size() == 3 && args.get(1).equals("del")) {
                InMemoryKernel k = kernels.remove(args.get(2));
                if (k == null) {
                    return new Proc(1, "", "Cannot remove namespace file \"/run/netns/" + args.get(2)
                            + "\": No such file or directory\n");
                }
                for (List<String> q : STATE_QUERIES) {
                    Proc p = ipTool(k, q);
                    finalState.put(args.get(2) + ": ip " + String.join(" ", q), normaliseState(p.code() + "\n"
                            + p.out() + p.err()));
                }
                return new Proc(0, "", "");
            }
            if (args.size() == 6 && args.get(1).equals("exec") && args.get(3).equals("sysctl")
                    && args.get(4).equals("-qw") && kernels.containsKey(args.get(2))) {
                return sysctl(kernels.get(args.get(2)), args.get(5));
            }
            throw new AssertionError("ip netns call the in-memory run does not model: " + args);
        }

        /**
         * The sysctls the script writes: ip_forward is the in-memory kernel's forwarding switch; rp_filter=0 is what
         * the in-memory kernel always does (it never filters by reverse path).
         */
        Proc sysctl(InMemoryKernel k, String setting) {
            if (setting.equals("net.ipv4.ip_forward=1") || setting.equals("net.ipv4.ip_forward=0")) {
                k.setForwarding(setting.endsWith("1"));
                return new Proc(0, "", "");
            }
            if (setting.matches("net\\.ipv4\\.conf\\.[^.]+\\.rp_filter=0")) {
                return new Proc(0, "", "");
            }
            throw new AssertionError("a sysctl the in-memory run does not model: " + setting);
        }

        Proc ipTool(InMemoryKernel k, List<String> argv) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = new IpTool(k, o, e).exec(argv);
            }
            return new Proc(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        Proc ipCommand(List<String> argv) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = IpCommand.run(argv, new ByteArrayInputStream(new byte[0]), o, e);
            }
            return new Proc(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** What "final state" means: read with these, before the namespace goes. */
    static final List<List<String>> STATE_QUERIES = List.of(
            List.of("link", "show"),
            List.of("addr", "show"),
            List.of("rule", "show"),
            List.of("-6", "rule", "show"),
            List.of("route", "show", "table", "all"),
            List.of("-6", "route", "show", "table", "all"));

    private static final Pattern MAC = Pattern.compile("link/ether [0-9a-f]{2}(:[0-9a-f]{2}){5} brd ");

    private static final Pattern LINK_LOCAL = Pattern.compile("fe80::[0-9a-f]{1,4}(:[0-9a-f]{1,4})*");

    /**
     * The bridge's MAC is random on Linux and derived from the ifindex in memory, and so is its EUI-64 link-local
     * address.
     */
    static String normaliseState(String s) {
        return LINK_LOCAL.matcher(MAC.matcher(s).replaceAll("link/ether <mac> brd ")).replaceAll("fe80::<eui64>");
    }

    static List<String> prepend(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }
}
