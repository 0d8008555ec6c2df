package io.github.netroute.examples.ip;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.BufferedReader;

import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code netroute ip}: an iproute2-compatible subset ({@code link}, {@code addr}, {@code route}, {@code rule})
 * run through netroute, on the in-memory kernel (a fresh namespace, or {@code --state FILE}) or on the real
 * kernel ({@code -n NAME}, {@code --netns NAME}, {@code --host}).
 */
@Command(name = "ip", mixinStandardHelpOptions = true,
        description = {"An iproute2-compatible subset run through netroute:",
            "  ip [-4|-6] [-n NAME|--netns NAME|--host] [--state FILE] [--events FILE] [--addr-gen-mode eui64|none]",
            "     [-force]",
            "     [-batch FILE|-] [OBJECT COMMAND ARGS...]",
            "OBJECT := link (add NAME type dummy|bridge, set NAME up|down, del NAME, show [NAME])",
            "        | addr (add|del ADDR/LEN dev NAME ..., show [dev NAME])",
            "        | route (add|replace|change|prepend|append|del ROUTE, show [table N|all] [SELECTOR], get ADDR ..., flush table N)",
            "        | rule (add|del RULE, show, flush)",
            "        | monitor [all | label | link | address | route | rule]... (until interrupted)",
            "Output, error messages and exit codes follow iproute2. Without -n/--netns/--host it runs on the in-memory",
            "kernel, starting from a fresh namespace (lo down, the default rules) or from --state FILE, which is",
            "loaded before and saved after: it is the journal of changes, an 'ip -batch' file (a line that needs",
            "its -4/-6, like '-6 route add unreachable default', keeps it: netroute replays it, iproute2 cannot).",
            "--addr-gen-mode none makes the in-memory kernel behave like net.ipv6.conf.{all,default}.addr_gen_mode=1",
            "(no IPv6 link-local addresses from MACs); the default is eui64, the kernel's default.",
            "--events FILE (in-memory kernel): appends to FILE every notification the commands caused, as",
            "'ip monitor' prints them."},
        sortOptions = false)
public final class IpCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "ip options, OBJECT, COMMAND and arguments.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return run(args, System.in, System.out, System.err);
    }

    /** The whole command, testable with other streams. */
    public static int run(List<String> argv, java.io.InputStream stdin, PrintStream out, PrintStream err) throws Exception {
        List<String> a = new ArrayList<>(argv);
        String netns = null;
        boolean host = false;
        Path state = null;
        Path events = null;
        String batch = null;
        boolean force = false;
        List<String> familyOpts = new ArrayList<>();
        AddrGenMode genMode = null;
        while (!a.isEmpty() && a.get(0).startsWith("-") && !a.get(0).equals("-")) {
            String o = a.remove(0);
            switch (o) {
                case "-4", "-6" -> familyOpts.add(o);
                case "-n", "-netns", "--netns" -> netns = need(a, o);
                case "--host" -> host = true;
                case "--state" -> state = Path.of(need(a, o));
                case "--events" -> events = Path.of(need(a, o));
                case "-b", "-batch", "--batch" -> batch = need(a, o);
                case "-force", "--force" -> force = true;
                case "--addr-gen-mode" -> {
                    String m = need(a, o);
                    switch (m) {
                        case "eui64", "0" -> genMode = AddrGenMode.EUI64;
                        case "none", "1" -> genMode = AddrGenMode.NONE;
                        default -> {
                            err.println("netroute ip: --addr-gen-mode takes eui64 or none, not \"" + m + "\"");
                            return 255;
                        }
                    }
                }
                default -> {
                    err.println("Option \"" + o + "\" is unknown, try \"ip -help\".");
                    return 255;
                }
            }
        }
        if ((netns != null || host) && state != null) {
            err.println("netroute ip: --state is for the in-memory kernel; it excludes -n/--netns/--host");
            return 255;
        }
        if ((netns != null || host) && events != null) {
            err.println("netroute ip: --events is for the in-memory kernel; on a real one run 'ip monitor'");
            return 255;
        }
        if ((netns != null || host) && genMode != null) {
            err.println("netroute ip: --addr-gen-mode is for the in-memory kernel; set the sysctl"
                    + " net.ipv6.conf.{all,default}.addr_gen_mode on a real one");
            return 255;
        }
        Routing opened;
        try {
            opened = open(netns, host);
        } catch (NetnsMissing e) {
            err.println(e.getMessage());
            return 255;
        }
        try (Routing routing = opened) {
            if (routing instanceof InMemoryKernel k) {
                if (state != null && Files.exists(state) && genMode == null) {
                    genMode = savedGenMode(state);
                }
                if (genMode != null) {
                    k.setAddrGenMode(genMode);
                }
            }
            IpTool tool = new IpTool(routing, out, err);
            if (familyOpts.contains("-6")) {
                tool.family(io.github.netroute.routing.Family.INET6);
            } else if (familyOpts.contains("-4")) {
                tool.family(io.github.netroute.routing.Family.INET);
            }
            List<String> journal = new ArrayList<>();
            if (state != null && Files.exists(state)) {
                int n = 0;
                IpTool quiet = new IpTool(routing, new PrintStream(PrintStream.nullOutputStream()), err);
                for (String line : Files.readAllLines(state)) {
                    n++;
                    List<String> w = IpTool.split(line);
                    if (w.isEmpty()) {
                        continue;
                    }
                    if (quiet.exec(w) != 0) {
                        err.println("netroute ip: state file " + state + " line " + n + " failed to replay");
                        return 1;
                    }
                }
            }
            EventLog log = events == null ? null : new EventLog((InMemoryKernel) routing, events);
            int rc;
            try (log) {
                if (batch != null) {
                    BufferedReader r = batch.equals("-")
                            ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
                            : Files.newBufferedReader(Path.of(batch));
                    try (r) {
                        rc = tool.batch(r, batch, force, journal);
                    }
                } else if (a.isEmpty()) {
                    err.println("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
                    return 255;
                } else {
                    rc = tool.exec(a);
                    if (rc == 0 && IpTool.mutates(a)) {
                        journal.add(String.join(" ", a));
                    }
                }
            }
            if (state != null && !journal.isEmpty()) {
                List<String> lines = new ArrayList<>();
                if (genMode != null && !Files.exists(state)) {
                    lines.add(GEN_MODE_LINE + (genMode == AddrGenMode.NONE ? "none" : "eui64"));
                }
                for (String j : journal) {
                    lines.add(journalLine(familyOpts.isEmpty() ? null : familyOpts.get(familyOpts.size() - 1), j));
                }
                Files.write(state, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            return rc;
        }
    }

    /**
     * A journal line. iproute2 batch lines cannot carry -4/-6, so the option is dropped when an address of that
     * family on the line makes it redundant (as it is for almost every change); only what needs it (e.g.
     * {@code -6 route add unreachable default}, and every rule line) keeps it, a line that netroute replays but
     * iproute2 would not.
     */
    static String journalLine(String familyOpt, String line) {
        if (familyOpt == null) {
            return line;
        }
        List<String> words = IpTool.split(line);
        if (!words.isEmpty() && IpTool.object(words.get(0)) instanceof RuleCommand) {
            // ip rule takes its family from -4/-6 only (an IPv6 selector without -6 is "Invalid source address")
            return familyOpt + " " + line;
        }
        for (String w : words) {
            try {
                io.github.netroute.routing.Family f = io.github.netroute.routing.CidrAddress.parse(w).family();
                if (f == (familyOpt.equals("-6") ? io.github.netroute.routing.Family.INET6
                        : io.github.netroute.routing.Family.INET)) {
                    return line;
                }
            } catch (IllegalArgumentException e) {
                // not an address
            }
        }
        return familyOpt + " " + line;
    }

    /**
     * {@code --events FILE}: every notification the in-memory kernel sends while the commands run, appended to FILE
     * as {@code ip monitor} prints them (closing waits until all of them are written).
     */
    private static final class EventLog implements AutoCloseable {
        private final InMemoryKernel kernel;
        private final PrintStream file;
        private final io.github.netroute.routing.Subscription sub;

        EventLog(InMemoryKernel kernel, Path path) throws java.io.IOException {
            this.kernel = kernel;
            this.file = new PrintStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    false, StandardCharsets.UTF_8);
            TextPrinter p = new TextPrinter(file);
            MonitorCommand.Selection all = new MonitorCommand.Selection(
                    java.util.EnumSet.allOf(MonitorCommand.Group.class), false);
            this.sub = kernel.subscribe(e -> MonitorCommand.print(p, e, all));
        }

        @Override
        public void close() throws InterruptedException {
            try {
                kernel.awaitEventsDelivered();
            } finally {
                sub.close();
                file.close();
            }
        }
    }

    /** The first line of a state file made with --addr-gen-mode (a comment to ip -batch). */
    public static final String GEN_MODE_LINE = "# netroute: addr_gen_mode ";

    private static AddrGenMode savedGenMode(Path state) throws java.io.IOException {
        try (BufferedReader r = Files.newBufferedReader(state)) {
            String first = r.readLine();
            if (first != null && first.startsWith(GEN_MODE_LINE)) {
                return first.substring(GEN_MODE_LINE.length()).trim().equals("none") ? AddrGenMode.NONE
                        : AddrGenMode.EUI64;
            }
        }
        return null;
    }

    private static String need(List<String> a, String opt) {
        if (a.isEmpty()) {
            throw new IllegalArgumentException("option " + opt + " needs an argument");
        }
        return a.remove(0);
    }

    private static Routing open(String netns, boolean host) throws Exception {
        if (netns != null) {
            try {
                return NetlinkRouting.open(netns);
            } catch (io.github.netroute.routing.RoutingException e) {
                if (io.github.netroute.routing.Errno.ENOENT.equals(e.errno())) {
                    // iproute2's netns_switch()
                    throw new NetnsMissing("Cannot open network namespace \"" + netns + "\": No such file or directory");
                }
                throw e;
            }
        }
        if (host) {
            return NetlinkRouting.open();
        }
        return InMemoryKernel.freshNamespace();
    }


    /** The named namespace does not exist: iproute2's message, exit 255. */
    private static final class NetnsMissing extends Exception {
        private static final long serialVersionUID = 1L;

        NetnsMissing(String message) {
            super(message);
        }
    }
}
