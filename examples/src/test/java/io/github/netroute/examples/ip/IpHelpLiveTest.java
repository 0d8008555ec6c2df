package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The help cases of {@link IpHelpTest} against the {@code ip} binary of this machine, when it is iproute2 6.1 (else
 * skipped): what the fixtures were captured from still prints them, and netroute ip prints the same. No case changes
 * anything (each ends in iproute2's usage() or an unknown-object error, before a request reaches the kernel), so this
 * is not a real-kernel test.
 */
class IpHelpLiveTest {
    static List<IpHelpTest.Case> cases() throws IOException {
        return IpHelpTest.cases();
    }

    static String ip() {
        for (String p : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    static String[] run(List<String> cmd) throws Exception {
        Path out = Files.createTempFile("ip", ".out");
        Path err = Files.createTempFile("ip", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not end");
            }
            return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8)};
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void netrouteIpPrintsWhatTheLiveIpPrints(IpHelpTest.Case c) throws Exception {
        String ip = ip();
        assumeTrue(ip != null, "no ip binary");
        String version = run(List.of(ip, "-V"))[1];
        assumeTrue(version.contains("iproute2-6.1."), "ip is not iproute2 6.1: " + version);
        List<String> cmd = new ArrayList<>(List.of(ip));
        cmd.addAll(c.args());
        String[] live = run(cmd);
        String[] got = IpHelpTest.netroute(c.args());
        assertEquals(live[2], got[2], c + ": stderr");
        assertEquals(live[1], got[1], c + ": stdout");
        assertEquals(live[0], got[0], c + ": exit status");
    }
}
