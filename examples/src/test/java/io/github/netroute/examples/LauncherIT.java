package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code target/bin/netroute} and the {@code target/bin/ip} link to it), after {@code package}: in its
 * {@code ip} mode it prints exactly what {@code netroute ip} prints in this JVM — without an archive, while it makes
 * its class-data-sharing archive (the first run), with it, and with every other JDK of /usr/lib/jvm that can run the
 * jar (JDK 25+: its AOT cache). On the in-memory kernel, so it runs anywhere with a shell.
 */
class LauncherIT {
    private static final Path BIN = Path.of("target", "bin");
    /** One in-memory batch that prints through every printer mode the options choose. */
    private static final String BATCH = String.join("\n", "link add br0 type bridge", "link set br0 up",
            "link set lo up", "addr add 10.0.0.1/24 dev br0", "addr add 2001:db8::1/64 dev br0 nodad",
            "route add 10.9.0.0/16 nexthop via 10.0.0.2 dev br0 nexthop via 10.0.0.3 dev br0",
            "link show", "addr show", "route show", "route get 10.0.0.5", "rule show", "route help", "");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    Run run(Map<String, String> env, String stdin, String... cmd) throws Exception {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("NETROUTE_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "did not end: " + List.of(cmd));
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static List<String> javas() throws Exception {
        List<String> out = new ArrayList<>(List.of(ModulePath.java()));
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> s = Files.list(jvm)) {
                s.map(p -> p.resolve("bin").resolve("java")).filter(Files::isExecutable).sorted()
                        .map(p -> p.toAbsolutePath().toString()).forEach(out::add);
            }
        }
        // one run per JDK: /usr/lib/jvm has links to the same one under several names
        Map<Path, String> byRealPath = new java.util.LinkedHashMap<>();
        for (String j : out) {
            byRealPath.putIfAbsent(Path.of(j).toRealPath(), j);
        }
        return List.copyOf(byRealPath.values());
    }

    @Test
    void ipModePrintsWhatNetrouteIpPrints() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        assertTrue(Files.isExecutable(BIN.resolve("netroute")), "no target/bin/netroute after package");
        assertTrue(Files.isSymbolicLink(BIN.resolve("ip")), "no target/bin/ip link after package");
        List<List<String>> cases = List.of(List.of("-br", "-batch", "-"), List.of("-o", "-force", "-batch", "-"),
                List.of("-0", "-batch", "-"), List.of("help"), List.of("route", "help"), List.of("-x"));
        for (String java : javas()) {
            Path release = Path.of(java).toRealPath().getParent().getParent().resolve("release");
            String v = Files.isRegularFile(release) ? Files.readString(release) : "";
            if (!v.matches("(?s).*JAVA_VERSION=\"(1[7-9]|[2-9][0-9]).*")) {
                continue; // the jar is Java 17 bytecode
            }
            for (String cds : List.of("off", "on", "on")) { // on twice: the run that makes the archive, one that maps it
                for (List<String> c : cases) {
                    Cli.Result want = Cli.ip(c, BATCH);
                    List<String> cmd = new ArrayList<>(List.of(BIN.resolve("ip").toString()));
                    cmd.addAll(c);
                    Run got = run(Map.of("NETROUTE_JAVA", java, "NETROUTE_CDS", cds), BATCH, cmd.toArray(String[]::new));
                    String what = java + " NETROUTE_CDS=" + cds + " ip " + String.join(" ", c);
                    assertEquals(want.err(), got.err(), what + ": stderr");
                    assertEquals(want.out(), got.out(), what + ": stdout");
                    assertEquals(want.code(), got.exit(), what + ": exit status");
                }
            }
        }
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            assertTrue(s.anyMatch(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")),
                    "no archive in the cache directory");
        }
    }

    @Test
    void netrouteIpAndTheOtherCommandsGoThroughTheLauncher() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Run ip = run(Map.of(), "", BIN.resolve("netroute").toString(), "ip", "-br", "link");
        assertEquals(new Run(0, "lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n", ""), ip);
        Run help = run(Map.of(), "", BIN.resolve("netroute").toString(), "ip", "--help");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().contains("--state FILE"), help.toString());
        Run version = run(Map.of(), "", BIN.resolve("netroute").toString(), "--version");
        assertEquals(new Run(0, "netroute 0.1.0-SNAPSHOT\n", ""), version);
    }
}
