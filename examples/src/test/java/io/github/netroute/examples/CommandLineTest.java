package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands as a user runs them: flags that say what is wrong in the flag's words (exit 2), lists as kube-proxy
 * takes them, errors printed once, help in whole sentences, progress only on a terminal.
 */
class CommandLineTest {

    // ------------------------------------------------------------------ flags

    @Test
    void twoIpv4NodeIpsAreRefusedNamingBoth() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2",
                "--node-ip", "192.168.1.3");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("two IPv4 --node-ip (192.168.1.2 and 192.168.1.3): give one per family"),
                r::toString);
        assertFalse(r.err().contains("EEXIST") || r.out().contains("# plan"), r::toString);
        Cli.Result comma = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip",
                "192.168.1.2,192.168.1.3");
        assertEquals(2, comma.code(), comma::toString);
    }

    @Test
    void aServiceCidrNeedsItsPrefixLengthAndNoHostBits() {
        Cli.Result bare = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0", "--node-ip", "192.168.1.2");
        assertEquals(2, bare.code(), bare::toString);
        assertTrue(bare.err().contains("--service-cidr 10.96.0.0: a CIDR needs its prefix length, e.g. 10.96.0.0/12"
                + " (a single address is 10.96.0.0/32)"), bare::toString);
        assertEquals("", bare.out(), "nothing planned");
        Cli.Result host = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.1/12", "--node-ip", "192.168.1.2");
        assertEquals(2, host.code(), host::toString);
        assertTrue(host.err().contains("--service-cidr 10.96.0.1/12: host bits are set; the network is 10.96.0.0/12"),
                host::toString);
        // an explicit single address is fine
        assertEquals(0, Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/32", "--node-ip", "192.168.1.2",
                "--dry-run").code());
    }

    @Test
    void listsAreCommaSeparatedAsKubeProxyTakesThem() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12,fd00:96::/108", "--node-ip",
                "192.168.1.2,fd00:1::2", "--cluster-ips", "20");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("2 service CIDR(s) [10.96.0.0/12, fd00:96::/108]"), r::toString);
        assertTrue(r.out().contains("local fd00:96::/108 dev kube-ipvs0 proto 200 src fd00:1::2"), r::toString);
        Cli.Result oam = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0,10.0.0.1", "--gateway", "192.168.1.202",
                "--table", "44");
        assertEquals(0, oam.code(), oam::toString);
        assertTrue(oam.out().contains("from 10.0.0.1 lookup 44"), oam::toString);
        Cli.Result empty = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12,", "--node-ip", "192.168.1.2");
        assertEquals(2, empty.code(), empty::toString);
        assertTrue(empty.err().contains("an empty item"), empty::toString);
    }

    @Test
    void errorsNameTheFlagNotAJavaApi() {
        List<List<String>> bad = List.of(
                List.of("kube-ipvs0", "--service-cidr", "10.96.0.1/12", "--node-ip", "192.168.1.2"),
                List.of("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "node-a"),
                List.of("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2", "--protocol",
                        "300"),
                List.of("kube-ipvs0", "--service-cidr", "fd00::/108", "--node-ip", "192.168.1.2"),
                List.of("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "gw", "--table", "44"),
                List.of("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "192.168.1.202", "--table", "nope"),
                List.of("oam-policy", "--lb-ip", "fd00::1", "--gateway", "192.168.1.202", "--table", "44"));
        for (List<String> args : bad) {
            Cli.Result r = Cli.netroute(args.toArray(String[]::new));
            assertEquals(2, r.code(), r::toString);
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("netroute " + args.get(0) + ": --") || first.contains(" --"), r::toString);
            assertFalse(r.err().matches("(?s).*\\b[A-Z][A-Za-z]+\\.(of|parse|masked|builder)\\b.*"), r::toString);
            assertTrue(r.err().contains("Try 'netroute " + args.get(0) + " --help'"), r::toString);
        }
    }

    @Test
    void aMissingNamespaceIsReportedOnceNamingTheFlag() {
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2",
                "--netns", "nr-api-nosuch");
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().startsWith("netroute: --netns nr-api-nosuch: no such network namespace"), r::toString);
        assertEquals(1, r.err().split("nr-api-nosuch: ", -1).length - 1, r::toString);
    }

    @Test
    void exitStatusesAreTheSameInEveryCommand() {
        // 2: a bad command line, in every command's own words
        for (List<String> args : List.of(List.of("scenario", "--family", "5"), List.of("scenario", "--without", "x"),
                List.of("agent", "--node", "x", "--once", "--oam-table", "44", "--oam-gateway", "192.168.1.202",
                        "--service-cidr", "10.96.0.1/12"),
                List.of("kube-ipvs0", "--node-ip", "192.168.1.2"), List.of("bench", "--routes", "many"))) {
            Cli.Result r = Cli.netroute(args.toArray(String[]::new));
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("Try 'netroute " + args.get(0) + " --help'"), r::toString);
        }
        // 1: refused, one error line, nothing changed
        Cli.Result refused = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "10.9.9.9", "--table",
                "44");
        assertEquals(1, refused.code(), refused::toString);
        assertTrue(refused.err().startsWith("error: --gateway 10.9.9.9"), refused::toString);
    }

    // ------------------------------------------------------------------ help

    /** Every command's help: whole sentences, no picocli warning, exit 0. */
    @Test
    void everyHelpIsWrittenInWholeSentences() {
        CommandLine root = new CommandLine(Netroute.class);
        List<String> problems = new ArrayList<>();
        checkSpec(root.getCommandSpec(), problems);
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.name().equals("help")) {
                continue;
            }
            String[] d = spec.usageMessage().description();
            if (spec.name().equals("ip")) {
                // its synopsis follows iproute2's; its summary is a sentence
                sentence("ip summary", d[0], problems);
            } else {
                checkSpec(spec, problems);
            }
            Cli.Result r = Cli.netroute(spec.name(), "--help");
            assertEquals(0, r.code(), r::toString);
            assertEquals("", r.err(), "netroute " + spec.name() + " --help printed on stderr");
        }
        Cli.Result top = Cli.netroute("--help");
        assertEquals("", top.err());
        // the command list: each summary, with its wrapped lines joined, is one whole sentence
        String list = top.out().substring(top.out().indexOf("Commands:"));
        for (String entry : list.split("\n  (?=\\S)")) {
            if (entry.startsWith("Commands:")) {
                continue;
            }
            String text = entry.replaceAll("\\s+", " ").trim();
            String summary = text.substring(text.indexOf(' ') + 1);
            sentence("netroute --help: " + text, summary, problems);
        }
        assertEquals(List.of(), problems);
    }

    private static void checkSpec(CommandSpec spec, List<String> problems) {
        for (String d : spec.usageMessage().description()) {
            sentence(spec.qualifiedName() + " description", d, problems);
        }
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                for (String d : o.description()) {
                    if (!d.strip().endsWith(".")) {
                        problems.add(spec.qualifiedName() + " " + o.longestName() + ": not a sentence: " + d);
                    }
                }
            }
        }
    }

    private static void sentence(String where, String text, List<String> problems) {
        String t = text.strip();
        if (t.isEmpty() || !Character.isUpperCase(t.codePointAt(0)) && !t.startsWith("--") || !t.endsWith(".")) {
            problems.add(where + ": not whole sentences: " + t);
        }
    }

    @Test
    void benchHelpPrintsNoPicocliWarning() {
        Cli.Result r = Cli.netroute("bench", "--help");
        assertEquals(0, r.code());
        assertFalse(r.err().contains("picocli"), r::toString);
        assertTrue(r.out().contains("1% drift"), r::toString);
    }

    // ------------------------------------------------------------------ progress

    @Test
    void progressIsShownOnATerminalAndClearedAfter() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            try (Progress p = Progress.phase("install 5 routes", err, true)) {
                Thread.sleep(600);
            }
            String s = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(s.startsWith("\rinstall 5 routes… "), s);
            assertTrue(s.endsWith("\r"), "the line is cleared: " + s);
            int len = bytes.size();
            Thread.sleep(400);
            assertEquals(len, bytes.size(), "nothing after close");
        }
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(quiet, true, StandardCharsets.UTF_8)) {
            try (Progress p = Progress.phase("install 5 routes", err, false)) {
                Thread.sleep(400);
            }
        }
        assertEquals(0, quiet.size());
    }

    /** {@code netroute bench --in-memory | cat}: a real pipe, in a child JVM; only the figures come out. */
    @Test
    void benchPipedPrintsOnlyItsFigures() throws Exception {
        String cp = Files.readString(Path.of("target/test-classpath.txt")).trim() + File.pathSeparator
                + "target/classes";
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                Netroute.class.getName(), "bench", "--in-memory", "--routes", "2000", "--rounds", "1")
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        assertFalse(out.contains("\r") || err.contains("\r"), "no progress line when piped:\n" + out + err);
        assertFalse(err.contains("…"), err);
        assertTrue(out.contains("inmemory_add_s ") && out.contains("lookups_per_s "), out);
    }
}
