package io.github.netroute.examples.ip;

import io.github.netroute.routing.testkit.AddrGenMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip}'s global options, parsed as iproute2 6.1's ip.c main() parses them: each word starting with '-' (one
 * leading '-' of "--x" dropped) is matched against the options in ip.c's order with {@code matches()} (a prefix),
 * so {@code -f} is -family (not -force), {@code -h} -human, {@code -b} -batch, {@code -br} -brief, {@code -c}
 * -color; {@code --} ends them. netroute's own options ({@code --host}, {@code --state FILE}, {@code --events FILE},
 * {@code --addr-gen-mode MODE}) are recognised first, spelled out.
 *
 * <pre>{@code
 * IpOptions o = IpOptions.parse(List.of("-n", "blue", "-br", "link"));   // o.netns "blue", o.brief, o.rest [link]
 * }</pre>
 */
final class IpOptions {
    /** iproute2's preferred_family. */
    enum Fam { UNSPEC, INET, INET6, PACKET, MPLS, BRIDGE }

    Fam family = Fam.UNSPEC;
    /** The last -4/-6 given (for the --state journal), or null. */
    String familyOpt;
    String netns;
    boolean host;
    Path state;
    Path events;
    String batch;
    boolean force;
    boolean brief;
    boolean oneline;
    /** {@code -j}/{@code -json} and {@code -p}/{@code -pretty} (pretty only counts with json, as in iproute2). */
    boolean json;
    boolean pretty;
    /** How many {@code -d}/{@code -details} and {@code -s}/{@code -stats} were given (show_details, show_stats). */
    int details;
    int stats;
    /** ip.c's color: 0 never (6.1's default), 1 auto, 2 always; {@link Colour} applies it. */
    int color;
    boolean version;
    AddrGenMode genMode;
    /** The object, command and arguments after the options. */
    List<String> rest = List.of();

    /** color.c's COLOR_OPT_*. */
    static final int COLOR_NEVER = 0;
    static final int COLOR_AUTO = 1;
    static final int COLOR_ALWAYS = 2;

    /**
     * Parses the options.
     *
     * @throws IpError what iproute2 prints and exits with for a bad option (usage, unknown option, bad value)
     */
    static IpOptions parse(List<String> argv) throws IpError {
        IpOptions o = new IpOptions();
        List<String> a = new ArrayList<>(argv);
        while (!a.isEmpty()) {
            String opt = a.get(0);
            if (opt.equals("--")) {
                a.remove(0);
                break;
            }
            if (!opt.startsWith("-")) {
                break;
            }
            a.remove(0);
            if (o.netrouteOption(opt, a)) {
                continue;
            }
            if (opt.length() > 1 && opt.charAt(1) == '-') {
                opt = opt.substring(1);
            }
            if (IpTool.matches(opt, "-loops")) {
                String n = value(a);
                try {
                    Integer.parseInt(n.trim()); // atoi: anything goes; netroute's flush does not loop
                } catch (NumberFormatException e) {
                    // atoi() reads 0
                }
            } else if (IpTool.matches(opt, "-family")) {
                String f = value(a);
                if (f.equals("help")) {
                    throw IpHelp.ipUsage();
                }
                Fam fam = switch (f) {
                    case "inet" -> Fam.INET;
                    case "inet6" -> Fam.INET6;
                    case "link" -> Fam.PACKET;
                    case "mpls" -> Fam.MPLS;
                    case "bridge" -> Fam.BRIDGE;
                    default -> throw new IpError("Error: argument \"" + f + "\" is wrong: invalid protocol family",
                            255, true);
                };
                o.family(fam);
            } else if (opt.equals("-4")) {
                o.family(Fam.INET);
            } else if (opt.equals("-6")) {
                o.family(Fam.INET6);
            } else if (opt.equals("-0")) {
                o.family(Fam.PACKET);
            } else if (opt.equals("-M")) {
                o.family(Fam.MPLS);
            } else if (opt.equals("-B")) {
                o.family(Fam.BRIDGE);
            } else if (IpTool.matches(opt, "-human") || IpTool.matches(opt, "-human-readable")
                    || IpTool.matches(opt, "-iec")) {
                // only change -stats' figures
            } else if (IpTool.matches(opt, "-stats") || IpTool.matches(opt, "-statistics")) {
                o.stats++;
            } else if (IpTool.matches(opt, "-details")) {
                o.details++;
            } else if (IpTool.matches(opt, "-resolve")) {
                throw unsupported(opt, "-resolve");
            } else if (IpTool.matches(opt, "-oneline")) {
                o.oneline = true;
            } else if (IpTool.matches(opt, "-timestamp")) {
                throw unsupported(opt, "-timestamp");
            } else if (IpTool.matches(opt, "-tshort")) {
                throw unsupported(opt, "-tshort");
            } else if (IpTool.matches(opt, "-Version")) {
                o.version = true;
                return o;
            } else if (IpTool.matches(opt, "-force")) {
                o.force = true;
            } else if (IpTool.matches(opt, "-batch")) {
                o.batch = value(a);
            } else if (IpTool.matches(opt, "-brief")) {
                o.brief = true;
            } else if (IpTool.matches(opt, "-json")) {
                o.json = true;
            } else if (IpTool.matches(opt, "-pretty")) {
                o.pretty = true;
            } else if (IpTool.matches(opt, "-rcvbuf")) {
                String v = value(a);
                if (!unsigned(v)) {
                    throw new IpError("Invalid rcvbuf size '" + v + "'", 255, true);
                }
            } else if (color(opt, o)) {
                // set
            } else if (IpTool.matches(opt, "-help")) {
                throw IpHelp.ipUsage();
            } else if (IpTool.matches(opt, "-netns")) {
                if (a.isEmpty()) {
                    throw new IpError("Cannot open network namespace \"(null)\": No such file or directory", 255,
                            true);
                }
                o.netns = a.remove(0);
            } else if (IpTool.matches(opt, "-Numeric")) {
                throw unsupported(opt, "-Numeric");
            } else if (IpTool.matches(opt, "-all")) {
                // only for 'ip -all netns exec'
            } else if (opt.equals("-echo")) {
                throw unsupported(opt, "-echo");
            } else {
                throw unknown(opt);
            }
        }
        o.rest = a;
        return o;
    }

    private void family(Fam f) {
        family = f;
        familyOpt = f == Fam.INET ? "-4" : f == Fam.INET6 ? "-6" : familyOpt;
    }

    /** netroute's own options (spelled out; iproute2 knows none of them). */
    private boolean netrouteOption(String opt, List<String> a) throws IpError {
        switch (opt) {
            case "--host" -> host = true;
            case "--state" -> state = Path.of(value(a));
            case "--events" -> events = Path.of(value(a));
            case "--addr-gen-mode" -> {
                String m = value(a);
                switch (m) {
                    case "eui64", "0" -> genMode = AddrGenMode.EUI64;
                    case "none", "1" -> genMode = AddrGenMode.NONE;
                    default -> throw new IpError("netroute ip: --addr-gen-mode takes eui64 or none, not \"" + m
                            + "\"", 255, true);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** color.c's matches_color(): -c[olor][=always|auto|never]; -c alone is always. */
    private static boolean color(String opt, IpOptions o) {
        int eq = opt.indexOf('=');
        String name = eq < 0 ? opt : opt.substring(0, eq);
        String v = eq < 0 ? "" : opt.substring(eq + 1);
        if (!IpTool.matches(name, "-color")) {
            return false;
        }
        switch (v) {
            case "", "always" -> o.color = COLOR_ALWAYS;
            case "auto" -> o.color = COLOR_AUTO;
            case "never" -> o.color = COLOR_NEVER;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** An option's value; none: iproute2's usage. */
    private static String value(List<String> a) throws IpError {
        if (a.isEmpty()) {
            throw IpHelp.ipUsage();
        }
        return a.remove(0);
    }

    /** get_unsigned(): strtoul base 0, the whole word, no overflow. */
    private static boolean unsigned(String v) {
        try {
            String s = v;
            int radix = 10;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                s = s.substring(2);
                radix = 16;
            } else if (s.length() > 1 && s.startsWith("0")) {
                radix = 8;
            }
            return !s.isEmpty() && Long.parseLong(s, radix) <= 0xffffffffL && !s.startsWith("-")
                    && !s.startsWith("+");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static IpError unknown(String opt) {
        return new IpError("Option \"" + opt + "\" is unknown, try \"ip -help\".", 255, true);
    }

    private static IpError unsupported(String opt, String name) {
        return new IpError("netroute ip: option \"" + opt + "\" (" + name + ") is not supported", 255, true);
    }
}
