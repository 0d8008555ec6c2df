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
        description = {"Runs an iproute2-compatible subset of ip through netroute.",
            "  ip [-4|-6|-0|-M|-B|-f FAMILY] [-br] [-o] [-c[=auto|always|never]] [-n NAME|--netns NAME|--host]",
            "     [-j|-json [-p|-pretty]] [-d|-details] [-s|-stats]",
            "     [--state FILE] [--events FILE] [--addr-gen-mode eui64|none] [-force] [-batch FILE|-]",
            "     [OBJECT COMMAND ARGS...]",
            "Options are parsed as iproute2 6.1 parses them (abbreviations: -b is -batch, -f -family, -h",
            "-human-readable); 'ip help', 'ip OBJECT help' print iproute2's texts. Only 'netroute ip --help' and",
            "'--version' are this text and the version; everything else after 'ip' is iproute2's.",
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
        return run(argv, stdin, out, err, System.getenv());
    }

    /**
     * As {@link #run(List, java.io.InputStream, PrintStream, PrintStream)} with the environment it reads
     * ({@code COLORFGBG}, for {@code -color}'s palette) given.
     */
    public static int run(List<String> argv, java.io.InputStream stdin, PrintStream out, PrintStream err,
            java.util.Map<String, String> env) throws Exception {
        IpOptions o;
        try {
            o = IpOptions.parse(argv);
        } catch (IpError e) {
            err.println(e.getMessage());
            return e.exit;
        }
        if (o.version) {
            out.println("ip utility, iproute2-6.1.0, netroute");
            return 0;
        }
        List<String> a = o.rest;
        String netns = o.netns;
        boolean host = o.host;
        Path state = o.state;
        Path events = o.events;
        String batch = o.batch;
        boolean force = o.force;
        AddrGenMode genMode = o.genMode;
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
        if (netns != null && !Files.exists(Path.of("/run/netns", netns))) {
            // ip.c netns_switch(): it opens /run/netns/NAME first
            err.println("Cannot open network namespace \"" + netns + "\": No such file or directory");
            return 255;
        }
        if (batch == null && a.isEmpty()) {
            // iproute2 prints its usage before it opens anything
            err.println(IpHelp.ipUsage().getMessage());
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
            // -s: link and address listings print the links' counters (print_stats64()); route and rule listings
            // print the same; route get's users/age are not printed (README, "netroute ip")
            IpTool tool = new IpTool(routing, printer(o, out, Colour.of(o, out, env)), err);
            tool.stats(o.stats);
            switch (o.family) {
                case INET -> tool.family(io.github.netroute.routing.Family.INET);
                case INET6 -> tool.family(io.github.netroute.routing.Family.INET6);
                case PACKET -> tool.otherFamily("link");
                case MPLS -> tool.otherFamily("mpls");
                case BRIDGE -> tool.otherFamily("bridge");
                default -> { }
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
                    lines.add(journalLine(o.familyOpt, j));
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

    /** iproute2's text, one line per entry ({@code -o}), brief for links and addresses ({@code -br}). */
    static Printer printer(IpOptions o, PrintStream out) {
        return printer(o, out, Colour.OFF);
    }

    /** As {@link #printer(IpOptions, PrintStream)}, colouring as {@code -color} asks (never in JSON). */
    static Printer printer(IpOptions o, PrintStream out, Colour colour) {
        if (o.json) {
            return new JsonPrinter(out, o.pretty, o.details);
        }
        Printer p = o.oneline ? new OnelinePrinter(out, o.details, colour) : new TextPrinter(out, o.details, colour);
        return o.brief ? new BriefPrinter(p, out, colour) : p;
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
