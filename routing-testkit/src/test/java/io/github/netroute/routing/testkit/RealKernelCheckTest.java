package io.github.netroute.routing.testkit;

import io.github.netroute.routing.testsupport.RealKernelTest;
import io.github.netroute.routing.testsupport.Json;
import io.github.netroute.routing.testsupport.NamespaceSettle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.internal.InetAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-memory kernel against the real one: every {@link Scenarios scenario} runs in a throwaway network
 * namespace through {@code ip -batch} (and {@code ip -j route get}) and in an {@link InMemoryKernel}; then the
 * error of every command, every lookup result, {@code ip route show table all}, {@code ip rule show} (both
 * families) and the link list must agree. Needs root and iproute2; skipped otherwise.
 */
@RealKernelTest
class RealKernelCheckTest {

    private static final String IP = "ip";


    static Stream<String> scenarios() {
        return Scenarios.all().keySet().stream();
    }

    record Res(int code, String out, String err) {}

    static Res run(List<String> cmd, String stdin) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return new Res(p.exitValue(), out, err);
        } catch (IOException | InterruptedException e) {
            return new Res(-1, "", e.toString());
        }
    }

    static List<String> ip(String ns, boolean v6, String... args) {
        List<String> c = new ArrayList<>(List.of(IP, "-n", ns));
        if (v6) {
            c.add("-6");
        }
        c.addAll(List.of(args));
        return c;
    }

    /** Waits until the real kernel's routes stop changing and no address is tentative. */
    static void settle(String ns) {
        NamespaceSettle.await(ns, 40, 100);
    }

    private static final Pattern FAILED = Pattern.compile("Command failed -:(\\d+)");

    /** Runs a chunk of same-family lines with ip -force -batch; returns the error text per line (null = ok). */
    static List<String> batch(String ns, boolean v6, List<String> lines) {
        StringBuilder in = new StringBuilder();
        for (String l : lines) {
            in.append(l).append('\n');
        }
        Res r = run(ip(ns, v6, "-force", "-batch", "-"), in.toString());
        List<String> errs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            errs.add(null);
        }
        StringBuilder pending = new StringBuilder();
        for (String l : r.err.split("\n")) {
            Matcher m = FAILED.matcher(l);
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                errs.set(n - 1, pending.toString().trim());
                pending.setLength(0);
            } else if (!l.isBlank() && !l.startsWith("Warning")) {
                pending.append(l).append('\n');
            }
        }
        return errs;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void inMemoryKernelMatchesLinux(String name) throws Exception {
        String ns = "nr-imk-" + ProcessHandle.current().pid() + "-" + Math.abs(name.hashCode() % 10000);
        run(List.of(IP, "netns", "del", ns), null);
        Res add = run(List.of(IP, "netns", "add", ns), null);
        Assumptions.assumeTrue(add.code == 0, "cannot create a network namespace: " + add.err);
        List<String> diffs = new ArrayList<>();
        try {
            run(List.of(IP, "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.addr_gen_mode=1",
                    "net.ipv6.conf.all.addr_gen_mode=1"), null);
            InMemoryKernel k = InMemoryKernel.freshNamespace();
            k.setAddrGenMode(AddrGenMode.NONE);
            List<String> lines = Scenarios.all().get(name);
            int i = 0;
            while (i < lines.size()) {
                String l = lines.get(i);
                boolean v6 = l.startsWith("-6 ");
                String body = v6 ? l.substring(3) : l;
                if (l.equals("settle")) {
                    settle(ns);
                    i++;
                    continue;
                }
                if (body.startsWith("route get ")) {
                    compareGet(ns, k, l, v6, body, diffs);
                    i++;
                    continue;
                }
                List<String> chunk = new ArrayList<>();
                int j = i;
                while (j < lines.size()) {
                    String x = lines.get(j);
                    boolean x6 = x.startsWith("-6 ");
                    String xb = x6 ? x.substring(3) : x;
                    if (x.equals("settle") || xb.startsWith("route get ") || x6 != v6) {
                        break;
                    }
                    chunk.add(xb);
                    j++;
                }
                List<String> real = batch(ns, v6, chunk);
                for (int c = 0; c < chunk.size(); c++) {
                    IpScript.Outcome o = IpScript.run(k, lines.get(i + c));
                    String r = real.get(c);
                    if (r != null && (r.startsWith("Cannot find device") || r.contains("is unknown"))) {
                        if (o.ok()) {
                            diffs.add("'" + lines.get(i + c) + "': real: " + r + "; in-memory: ok");
                        }
                        continue;
                    }
                    if (!java.util.Objects.equals(r, o.error())) {
                        diffs.add("'" + lines.get(i + c) + "': real: " + (r == null ? "ok" : r) + "; in-memory: "
                                + (o.ok() ? "ok" : o.error()));
                    }
                }
                i = j;
            }
            settle(ns);
            compare(diffs, "ip -4 route show table all", IpScript.norm(
                    run(List.of(IP, "-n", ns, "-4", "route", "show", "table", "all"), null).out),
                    IpScript.norm(IpScript.routes(k, Family.INET)));
            compare(diffs, "ip -6 route show table all", IpScript.norm(
                    run(List.of(IP, "-n", ns, "-6", "route", "show", "table", "all"), null).out),
                    IpScript.norm(IpScript.routes(k, Family.INET6)));
            compare(diffs, "ip -4 rule show", IpScript.norm(run(List.of(IP, "-n", ns, "-4", "rule", "show"), null).out),
                    IpScript.rules(k, Family.INET));
            compare(diffs, "ip -6 rule show", IpScript.norm(run(List.of(IP, "-n", ns, "-6", "rule", "show"), null).out),
                    IpScript.rules(k, Family.INET6));
            StringBuilder links = new StringBuilder();
            for (String l : run(List.of(IP, "-n", ns, "-o", "link", "show"), null).out.split("\n")) {
                Matcher m = Pattern.compile("^(\\d+): ([^:@]+)[:@].*<([^>]*)>").matcher(l);
                if (m.find()) {
                    boolean up = ("," + m.group(3) + ",").contains(",UP,");
                    links.append(m.group(1)).append(' ').append(m.group(2)).append(up ? " UP" : " DOWN").append('\n');
                }
            }
            StringBuilder mine = new StringBuilder();
            k.links().forEach(x -> mine.append(x.index()).append(' ').append(x.name()).append(x.up() ? " UP" : " DOWN")
                    .append('\n'));
            compare(diffs, "links", links.toString(), mine.toString());
        } finally {
            run(List.of(IP, "netns", "del", ns), null);
        }
        if (!diffs.isEmpty()) {
            Path f = Path.of("target", "real-kernel-diffs-" + name + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, String.join("\n", diffs) + "\n");
        }
        assertTrue(diffs.isEmpty(), () -> name + ": " + diffs.size() + " difference(s):\n" + String.join("\n", diffs));
    }

    static void compare(List<String> diffs, String what, String real, String mine) {
        if (!real.equals(mine)) {
            diffs.add(what + " differs:\n--- real\n" + real + "--- in-memory\n" + mine);
        }
    }

    static void compareGet(String ns, InMemoryKernel k, String line, boolean v6, String body, List<String> diffs) {
        String[] args = ("-j " + body).split("\\s+");
        Res r = run(ip(ns, v6, args), null);
        IpScript.Outcome o = IpScript.run(k, line);
        String realErr = r.code == 0 ? null : r.err.trim();
        if (realErr != null && realErr.startsWith("Cannot find device")) {
            return;
        }
        if (realErr != null || !o.ok()) {
            if (!java.util.Objects.equals(realErr, o.error())) {
                diffs.add("'" + line + "': real: " + (realErr == null ? r.out.trim() : realErr) + "; in-memory: "
                        + (o.ok() ? o.value() : o.error()));
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) ((List<Object>) Json.parse(r.out)).get(0);
        Map<String, String> real = new TreeMap<>();
        real.put("type", String.valueOf(j.getOrDefault("type", "unicast")));
        real.put("dst", String.valueOf(j.get("dst")));
        real.put("gateway", String.valueOf(j.get("gateway")));
        real.put("dev", String.valueOf(j.get("dev")));
        real.put("prefsrc", String.valueOf(j.get("prefsrc")));
        real.put("table", String.valueOf(j.getOrDefault("table", "main")));
        LookupResult x = (LookupResult) o.value();
        Map<String, String> mine = new TreeMap<>();
        mine.put("type", x.type() == RouteType.UNSPEC ? "unicast" : x.type().ipName());
        mine.put("dst", InetAddresses.format(x.destination()));
        mine.put("gateway", x.gateway() == null ? "null" : InetAddresses.format(x.gateway()));
        mine.put("dev", String.valueOf(x.device()));
        mine.put("prefsrc", x.source() == null ? "null" : InetAddresses.format(x.source()));
        // iproute2 prints no table for main and for 0 (a result without a FIB entry)
        mine.put("table", x.table().id() == 0 ? "main" : x.table().name());
        if (!real.equals(mine)) {
            diffs.add("'" + line + "': real: " + real + "; in-memory: " + mine);
        }
    }
}
