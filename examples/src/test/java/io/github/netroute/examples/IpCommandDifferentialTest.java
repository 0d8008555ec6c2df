package io.github.netroute.examples;

import io.github.netroute.routing.testsupport.RealKernelTest;
import io.github.netroute.examples.ip.IpTool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netroute ip} against iproute2 outside batches: after a common setup, every line of
 * {@code ip-commands.txt} runs as its own {@code ip -n A …} process, as {@code netroute ip --netns B …} and as
 * {@code netroute ip --state FILE …} on the in-memory kernel (the state file made by the same setup), and exit
 * code, stdout and stderr must be equal. Nothing is normalised (no line prints a MAC address).
 */
@RealKernelTest
class IpCommandDifferentialTest {
    @TempDir
    Path tmp;

    static List<String> resource(String name) throws Exception {
        return Files.readAllLines(Path.of(Objects.requireNonNull(
                IpCommandDifferentialTest.class.getResource("/" + name)).toURI()));
    }

    static String text(int code, String out, String err) {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    @Test
    void singleCommandsMatchIproute2() throws Exception {
        List<String> setup = resource("ip-commands-setup.batch");
        Path setupFile = tmp.resolve("setup.batch");
        Files.write(setupFile, setup, StandardCharsets.UTF_8);
        List<String> commands = resource("ip-commands.txt").stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        RealNs.assumeUsable();
        StringBuilder real = new StringBuilder();
        StringBuilder netlink = new StringBuilder();
        StringBuilder memory = new StringBuilder();
        try (RealNs a = RealNs.create(); RealNs b = RealNs.create()) {
            RealNs.exec(List.of("ip", "-n", a.name, "-batch", setupFile.toString()), null).ok();
            assertEquals(0, Cli.ip("--netns", b.name, "-batch", setupFile.toString()).code());
            Path state = tmp.resolve("state.ip");
            assertEquals(0, Cli.ip("--state", state.toString(), "--addr-gen-mode", "none", "-batch",
                    setupFile.toString()).code());
            for (String line : commands) {
                List<String> words = IpTool.split(line);
                List<String> c = new ArrayList<>(List.of("ip", "-n", a.name));
                c.addAll(words);
                RealNs.Proc p = RealNs.exec(c, null);
                real.append("$ ip ").append(line).append('\n').append(text(p.code(), p.out(), p.err()));

                List<String> n = new ArrayList<>(List.of("--netns", b.name));
                n.addAll(words);
                Cli.Result r = Cli.ip(n, null);
                netlink.append("$ ip ").append(line).append('\n').append(text(r.code(), r.out(), r.err()));

                List<String> m = new ArrayList<>(List.of("--state", state.toString()));
                m.addAll(words);
                Cli.Result s = Cli.ip(m, null);
                memory.append("$ ip ").append(line).append('\n').append(text(s.code(), s.out(), s.err()));
            }
        }
        Path keep = Path.of("target", "ip-differential");
        Files.createDirectories(keep);
        Files.writeString(keep.resolve("ip-commands.ip"), real);
        Files.writeString(keep.resolve("ip-commands.netlink"), netlink);
        Files.writeString(keep.resolve("ip-commands.memory"), memory);
        assertEquals(real.toString(), netlink.toString(), "netroute ip --netns differs from ip");
        assertEquals(real.toString(), memory.toString(), "netroute ip --state (in-memory) differs from ip");
    }
}
