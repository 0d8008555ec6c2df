package io.github.netroute.examples.ip;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An iproute2-compatible subset of {@code ip}, run through a {@link Routing}: same output, same error lines,
 * same exit codes for the same state. One instance runs many commands (a batch). This is the dispatcher: it
 * resolves the object as iproute2 does, hands the rest to that object's {@link IpObject}, and turns what went
 * wrong into iproute2's error line and exit code.
 *
 * <pre>{@code
 * IpTool ip = new IpTool(routing, System.out, System.err);
 * int rc = ip.exec(List.of("route", "add", "10.0.0.0/8", "via", "192.168.1.1"));   // 0, or 2 with "RTNETLINK answers: …"
 * }</pre>
 */
public final class IpTool {
    /** One row of the object table. */
    private record Entry(String name, IpObject object) {}

    /**
     * The object table, in iproute2 6.1's order (ip.c cmds[]), which decides abbreviations: {@code ip m} is
     * maddress, {@code ip n} neighbor, {@code ip h} help. The objects netroute does not do are there as
     * {@link UnsupportedObject}s (their {@code help} prints iproute2's text). Adding one is a subclass of
     * {@link IpObject} in its row (and, if it prints, a method on {@link Printer}).
     */
    private static final List<Entry> OBJECTS = List.of(
            new Entry("address", new AddressCommand()),
            unsupported("addrlabel"),
            unsupported("maddress"),
            new Entry("route", new RouteCommand()),
            new Entry("rule", new RuleCommand()),
            new Entry("neighbor", new NeighbourCommand()),
            new Entry("neighbour", new NeighbourCommand()),
            unsupported("ntable"),
            unsupported("ntbl"),
            new Entry("link", new LinkCommand()),
            unsupported("l2tp"),
            unsupported("fou"),
            unsupported("ila"),
            unsupported("macsec"),
            unsupported("tunnel"),
            unsupported("tunl"),
            unsupported("tuntap"),
            unsupported("tap"),
            unsupported("token"),
            unsupported("tcpmetrics"),
            unsupported("tcp_metrics"),
            new Entry("monitor", new MonitorCommand()),
            unsupported("xfrm"),
            unsupported("mroute"),
            unsupported("mrule"),
            // README "ip netns": netroute does not make namespaces; iproute2 does
            new Entry("netns", new UnsupportedObject("netns", "netroute ip: \"ip netns\" is not implemented;"
                    + " use iproute2's ip netns (netroute ip -n NAME works in the namespaces it makes)")),
            unsupported("netconf"),
            unsupported("vrf"),
            unsupported("sr"),
            new Entry("nexthop", new NexthopCommand()),
            unsupported("mptcp"),
            unsupported("ioam"),
            new Entry("help", new UnsupportedObject("help")),
            unsupported("stats"));

    private static Entry unsupported(String name) {
        return new Entry(name, new UnsupportedObject(name));
    }

    private final IpContext ctx;
    private final PrintStream err;
    /** Whether the last {@link #exec} ended with an error after which iproute2 exits (even in a -force batch). */
    private boolean fatal;

    /** Prints iproute2's text on {@code out}, errors on {@code err}. */
    public IpTool(Routing routing, PrintStream out, PrintStream err) {
        this(routing, new TextPrinter(out), err);
    }

    public IpTool(Routing routing, Printer printer, PrintStream err) {
        this.ctx = new IpContext(routing, printer);
        this.ctx.err = err;
        this.err = err;
    }

    /** The {@code -4}/{@code -6} preference (null: unspecified). */
    void family(Family f) {
        ctx.family = f;
    }

    /** A family other than IPv4/IPv6 ({@code -0}: "link", {@code -M}: "mpls", {@code -B}: "bridge"). */
    void otherFamily(String f) {
        ctx.otherFamily = f;
    }

    /** The number of {@code -s} options (iproute2's show_stats). */
    void stats(int n) {
        ctx.stats = n;
        if (n > 0) {
            ctx.printer.statistics(n, i -> {
                try {
                    return ctx.routing.linkStatistics(i).orElse(null);
                } catch (io.github.netroute.routing.RoutingException e) {
                    return null;
                }
            });
        }
    }

    /** Whether the last {@link #exec} ended ip (an argument error): a batch stops there, -force or not. */
    boolean fatal() {
        return fatal;
    }

    /** Whether a command (OBJECT COMMAND ...) changes state (for the --state journal). */
    static boolean mutates(List<String> argv) {
        if (argv.size() < 2) {
            return false;
        }
        IpObject obj = object(argv.get(0));
        if (obj == null || obj instanceof UnsupportedObject) {
            return false;
        }
        String c = obj.command(argv.get(1));
        return c != null && !c.equals("show") && !c.equals("get");
    }

    /** iproute2's {@code matches()}: {@code s} is a non-empty prefix of {@code word}. */
    static boolean matches(String s, String word) {
        return !s.isEmpty() && word.startsWith(s);
    }

    /** The object an abbreviation means (the first one of the table it is a prefix of), or null. */
    static IpObject object(String s) {
        for (Entry e : OBJECTS) {
            if (matches(s, e.name())) {
                return e.object();
            }
        }
        return null;
    }

    /**
     * Runs one command line (without the leading {@code ip}); prints to out/err as iproute2 does.
     *
     * @return iproute2's exit code (0 ok, 1 usage/lookup failure, 2 kernel error, 255 bad argument)
     */
    public int exec(List<String> argv) {
        return exec(argv, true);
    }

    /**
     * One batch line: as {@link #exec(List)}, but a line starting with {@code -6} is what iproute2 makes of it
     * (an unknown object) unless {@code options} (the --state journal keeps the family of its lines).
     */
    int exec(List<String> argv, boolean options) {
        List<String> a = new ArrayList<>(argv);
        Family saved = ctx.family;
        fatal = false;
        try {
            while (options && !a.isEmpty() && (a.get(0).equals("-4") || a.get(0).equals("-6"))) {
                ctx.family = a.remove(0).equals("-4") ? Family.INET : Family.INET6;
            }
            if (a.isEmpty()) {
                throw IpHelp.ipUsage();
            }
            IpObject obj = object(a.get(0));
            if (obj == null) {
                err.println("Object \"" + a.get(0) + "\" is unknown, try \"ip help\".");
                return 1;
            }
            List<String> rest = a.subList(1, a.size());
            if (obj.name().equals("help")) {
                throw IpHelp.ipUsage();
            }
            if (IpHelp.asks(obj, rest)) {
                throw IpHelp.usage(obj.name());
            }
            if (ctx.otherFamily != null && OtherFamily.run(ctx, obj, rest)) {
                return 0;
            }
            obj.run(ctx, rest);
            return 0;
        } catch (IpError e) {
            err.println(e.getMessage());
            fatal = e.fatal;
            return e.exit;
        } catch (RoutingException e) {
            err.println(kernelError(e));
            return 2;
        } catch (IllegalArgumentException e) {
            // what iproute2's own checks (IpArgs) let through but the library refuses: an argument error
            err.println("Error: " + e.getMessage() + ".");
            fatal = true;
            return 255;
        } finally {
            ctx.family = saved;
        }
    }

    /**
     * Runs {@code ip -batch NAME [-force]}: line by line until the end or the first failure ({@code Command failed
     * NAME:LINE} on stderr), every line with {@code -force}, except that an argument error ends the batch at once
     * as it ends iproute2. Each line that succeeded and changes state is added to {@code journal}.
     *
     * @return the batch's exit code (0, 1 after a failed line, or the fatal error's)
     */
    int batch(BufferedReader r, String name, boolean force, List<String> journal) throws IOException {
        int rc = 0;
        String line;
        int n = 0;
        NameCache names = new NameCache(); // one ip process: its name caches span the batch
        while ((line = r.readLine()) != null) {
            n++;
            List<String> w = names.rewrite(split(line));
            if (w.isEmpty()) {
                continue;
            }
            int one = exec(w, false);
            if (one == 0 && mutates(w)) {
                journal.add(String.join(" ", w));
            }
            if (one != 0 && fatal) {
                // iproute2 exit()s on an argument error: no 'Command failed', -force or not
                return one;
            }
            if (one != 0) {
                err.println("Command failed " + name + ":" + n);
                rc = 1;
                if (!force) {
                    break;
                }
            }
        }
        return rc;
    }

    /** What iproute2 prints for a kernel error: the extended ack, else strerror. */
    static String kernelError(RoutingException e) {
        if (e.extack() != null) {
            String m = e.extack();
            return "Error: " + m + (m.endsWith(".") ? "" : ".");
        }
        return "RTNETLINK answers: " + e.errno().description();
    }

    /** Splits a batch line like iproute2's makeargs: whitespace, with '"' and '\'' quoting; '#' starts a comment. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (c == '#' && cur == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
