package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ip help}, {@code ip OBJECT help} and the other ways to ask for a usage text ({@code ip}, {@code ip -help},
 * {@code ip r a help}...) against iproute2 6.1's captured answers (src/test/resources/ip-help: stdout, stderr and the
 * exit status of each case, made by capture.sh from the real {@code ip}). Every case runs through {@code netroute ip}
 * on the in-memory kernel; none of them touches a kernel in iproute2 either.
 */
class IpHelpTest {
    /** One line of cases.tsv: the fixture's name, iproute2's exit status and the arguments. */
    record Case(String name, int exit, List<String> args) {
        @Override
        public String toString() {
            return "ip " + String.join(" ", args) + " (" + name + ")";
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : resource("cases.tsv").split("\n")) {
            String[] f = line.split("\t", -1);
            List<String> args = f[2].isEmpty() ? List.of() : Arrays.asList(f[2].split(" "));
            out.add(new Case(f[0], Integer.parseInt(f[1]), args));
        }
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = IpHelpTest.class.getResourceAsStream("/ip-help/" + name)) {
            if (in == null) {
                throw new IOException("no fixture /ip-help/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What {@code netroute ip ARGS} prints: exit, stdout, stderr. */
    static String[] netroute(List<String> args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = IpCommand.run(args, new ByteArrayInputStream(new byte[0]), o, e);
        }
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theFixturesCoverEveryObjectOfIproute2sTable() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 60, "cases.tsv: " + cases.size());
        for (String o : List.of("address", "route", "rule", "link", "neighbor", "neighbour", "nexthop", "monitor",
                "netns", "help", "maddress", "xfrm")) {
            assertTrue(cases.stream().anyMatch(c -> c.args().equals(List.of(o, "help"))), o);
            // the text netroute prints is the fixture's (capture.sh writes both)
            assertEquals(resource(o + "-help.stderr"), IpHelp.text(o), o);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void netrouteIpPrintsIproute2sHelp(Case c) throws Exception {
        String[] got = netroute(c.args());
        assertEquals(resource(c.name() + ".stderr"), got[2], c + ": stderr");
        assertEquals(resource(c.name() + ".stdout"), got[1], c + ": stdout");
        assertEquals(Integer.toString(c.exit()), got[0], c + ": exit status");
    }

    /** In a batch, a usage text ends the batch (iproute2's usage() exits), -force or not, without 'Command failed'. */
    @Test
    void aHelpLineEndsABatch() throws Exception {
        Stream<String> lines = Stream.of("route show", "route help", "link show");
        java.nio.file.Path f = java.nio.file.Files.createTempFile("help", ".batch");
        try {
            java.nio.file.Files.write(f, lines.toList());
            String[] got = netroute(List.of("-force", "-batch", f.toString()));
            assertEquals("255", got[0]);
            assertEquals("", got[1]);
            assertEquals(resource("route-help.stderr"), got[2]);
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
