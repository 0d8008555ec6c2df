package io.github.netroute.examples.ip;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ip -c}/{@code -color[=always|auto|never]}: iproute2 6.1's lib/color.c. When colour is on, the fields
 * iproute2 prints through {@code print_color_string()}/{@code color_fprintf()} — interface names, MAC addresses,
 * IPv4 and IPv6 addresses, the operational states UP and DOWN — are wrapped, each with the whole of its format
 * (its padding and trailing space included), in an SGR code and {@code ESC[0m}. The palette follows the terminal's
 * background as {@code COLORFGBG} names it (its last value 0-6 or 8: dark, bold colours); {@code -j} turns colour
 * off, and {@code auto} colours only when stdout is a terminal (check_enable_color()).
 *
 * <p>The object printers produce iproute2's text first; the methods here colour a printed line field by field
 * (which fields, and with which format, as ipaddress.c, iproute.c, iprule.c, ipneigh.c and ipnexthop.c call the
 * colour printers).
 *
 * <pre>{@code
 * Colour c = Colour.of(IpOptions.COLOR_ALWAYS, false, true, null);
 * c.wrap(Colour.Attr.IFNAME, "br0 ");   // "\e[36mbr0 \e[0m"
 * }</pre>
 */
final class Colour {
    /** color.h's enum color_attr (without COLOR_NONE: a null attribute prints plain). */
    enum Attr { IFNAME, MAC, INET, INET6, OPERSTATE_UP, OPERSTATE_DOWN }

    /** color.c's attr_colors_light / attr_colors_dark, in Attr's order. */
    private static final String[] LIGHT = {"\033[36m", "\033[33m", "\033[35m", "\033[34m", "\033[32m", "\033[31m"};
    private static final String[] DARK = {"\033[1;36m", "\033[1;33m", "\033[1;35m", "\033[1;34m", "\033[1;32m",
        "\033[1;31m"};
    private static final String CLEAR = "\033[0m";
    private static final Set<String> ROUTE_TYPES = Set.of("unspec", "unicast", "local", "broadcast", "anycast",
            "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve");

    /** No colour. */
    static final Colour OFF = new Colour(null);

    private final String[] palette;

    private Colour(String[] palette) {
        this.palette = palette;
    }

    /**
     * check_enable_color() and set_color_palette().
     *
     * @param color the -color option ({@link IpOptions#COLOR_NEVER}, AUTO or ALWAYS)
     * @param json whether -json was given (no colour then)
     * @param terminal whether stdout is a terminal (for auto)
     * @param colorfgbg the environment's COLORFGBG, or null
     */
    static Colour of(int color, boolean json, boolean terminal, String colorfgbg) {
        if (json || color == IpOptions.COLOR_NEVER) {
            return OFF;
        }
        if (color != IpOptions.COLOR_ALWAYS && !terminal) {
            return OFF;
        }
        return new Colour(darkBackground(colorfgbg) ? DARK : LIGHT);
    }

    /** The run's colour: its options, whether {@code out} is the process's stdout on a terminal, and the env. */
    static Colour of(IpOptions o, PrintStream out, Map<String, String> env) {
        if (o.json || o.color == IpOptions.COLOR_NEVER) {
            return OFF;
        }
        boolean terminal = o.color == IpOptions.COLOR_AUTO && out == System.out && stdoutIsTerminal();
        return of(o.color, o.json, terminal, env.get("COLORFGBG"));
    }

    /**
     * set_color_palette(): the text after the last ';' is one character, 0-6 or 8. A COLORFGBG without ';' names
     * no background.
     */
    static boolean darkBackground(String p) {
        if (p == null) {
            return false;
        }
        int semi = p.lastIndexOf(';');
        if (semi < 0 || semi + 2 != p.length()) {
            return false;
        }
        char c = p.charAt(semi + 1);
        return (c >= '0' && c <= '6') || c == '8';
    }

    /** isatty(1): fd 1 of this process is a terminal device. */
    private static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    boolean on() {
        return palette != null;
    }

    /** color_fprintf(): the printed text in the attribute's colour; plain when colour is off or attr is null. */
    String wrap(Attr attr, String printed) {
        if (palette == null || attr == null) {
            return printed;
        }
        return palette[attr.ordinal()] + printed + CLEAR;
    }

    /** ifa_family_color() of an address as printed (an IPv6 one has a ':'). */
    static Attr family(String address) {
        return address.indexOf(':') >= 0 ? Attr.INET6 : Attr.INET;
    }

    /** oper_state_color(): UP and DOWN only. */
    static Attr operState(String state) {
        return "UP".equals(state) ? Attr.OPERSTATE_UP : "DOWN".equals(state) ? Attr.OPERSTATE_DOWN : null;
    }

    /** A printed address with its prefix length ({@code 10.0.0.1/24}): the address coloured, the length not. */
    String addressWithLength(String token) {
        int slash = token.indexOf('/');
        String a = slash < 0 ? token : token.substring(0, slash);
        return wrap(family(a), a) + (slash < 0 ? "" : token.substring(slash));
    }

    /**
     * A route as iproute2 prints it (print_route(), its lines with their trailing spaces): the destination and
     * {@code from X} in the family's colour, the addresses after {@code via} and {@code src}, the names after
     * {@code dev} and {@code iif}; on a multipath {@code nexthop} line only the gateway (its device is printed
     * plainly); an {@code nh_info} line as a nexthop.
     */
    String route(String text) {
        if (!on()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (n > 0) {
                sb.append('\n');
            }
            if (line.startsWith("\tnexthop ")) {
                sb.append(fields(line, false, false, Set.of("via")));
            } else if (line.startsWith("\tnh_info ")) {
                sb.append(nexthop(line));
            } else if (n == 0) {
                sb.append(fields(line, true, true, Set.of("via", "src", "dev", "iif")));
            } else {
                sb.append(fields(line, false, false, Set.of("via", "src", "dev", "iif")));
            }
        }
        return sb.toString();
    }

    /** A nexthop object as __print_nexthop_entry() prints it: its gateway and device. */
    String nexthop(String line) {
        return on() ? fields(line, false, false, Set.of("via", "dev")) : line;
    }

    /** An {@code ip neigh} entry (print_neigh()): the destination, the device and the link-layer address. */
    String neighbour(String line) {
        return on() ? fields(line, true, false, Set.of("dev", "lladdr")) : line;
    }

    /**
     * The "%s " fields of a line: with {@code first}, the first word (after a route type) is a destination;
     * with {@code from}, {@code from X} is one coloured field; each keyword in {@code keys} colours the word after
     * it ({@code via inet6 X}: the word after the family).
     */
    private String fields(String line, boolean first, boolean from, Set<String> keys) {
        String[] w = line.split(" ", -1);
        List<String> out = new ArrayList<>();
        int i = 0;
        if (first) {
            if (w.length > 1 && ROUTE_TYPES.contains(w[0])) {
                out.add(w[i++] + " ");
            }
            if (i < w.length - 1 && !w[i].equals("default") && !w[i].isEmpty()) {
                out.add(wrap(family(w[i]), w[i] + " "));
                i++;
            }
        }
        for (; i < w.length; i++) {
            boolean last = i == w.length - 1;
            if (!last && i + 1 < w.length - 1 && from && w[i].equals("from")) {
                out.add(wrap(family(w[i + 1]), w[i] + " " + w[i + 1] + " "));
                i++;
            } else if (!last && i + 1 < w.length - 1 && keys.contains(w[i])) {
                out.add(w[i] + " ");
                if (w[i].equals("via") && (w[i + 1].equals("inet") || w[i + 1].equals("inet6"))
                        && i + 2 < w.length - 1) {
                    out.add(w[++i] + " ");
                }
                String v = w[++i];
                Attr a = switch (w[i - 1]) {
                    case "dev", "iif" -> Attr.IFNAME;
                    case "lladdr" -> Attr.MAC;
                    default -> family(v);
                };
                out.add(wrap(a, v + " "));
            } else {
                out.add(last ? w[i] : w[i] + " ");
            }
        }
        return String.join("", out);
    }

    /**
     * A rule (print_rule()): the addresses after {@code from} and {@code to} without their lengths, the names after
     * {@code iif} and {@code oif}; none of them with the space after it.
     */
    String rule(String line) {
        return keywordValues(line, (k, w, i, sb) -> {
            boolean from = k.equals("from") || k.endsWith("\tfrom");
            if ((from || k.equals("to")) && !w[i + 1].equals("all") && !w[i + 1].startsWith("0/")) {
                sb.append(' ').append(addressWithLength(w[i + 1]));
                return i + 1;
            }
            if (k.equals("iif") || k.equals("oif")) {
                sb.append(' ').append(wrap(Attr.IFNAME, w[i + 1]));
                return i + 1;
            }
            return i;
        });
    }

    /**
     * An address line of {@code ip addr} ({@code inet 10.0.0.1/24 brd 10.0.0.255 scope global br0}, as
     * print_addrinfo() prints it): the local and peer addresses without their lengths, the broadcast and anycast
     * addresses with the space after them.
     */
    String address(String line) {
        return keywordValues(line, (k, w, i, sb) -> {
            if (k.equals("inet") || k.equals("inet6") || k.equals("peer")) {
                sb.append(' ').append(addressWithLength(w[i + 1]));
                return i + 1;
            }
            if ((k.equals("brd") || k.equals("any")) && i + 2 < w.length) {
                sb.append(' ').append(wrap(family(w[i + 1]), w[i + 1] + " ")).append(w[i + 2]);
                return i + 2;
            }
            return i;
        });
    }

    /** Colours the words after a keyword: appends them (with their spaces) and returns the last word's index. */
    private interface KeywordValue {
        int append(String keyword, String[] words, int at, StringBuilder sb);
    }

    /**
     * Walks the space-separated words of a line (rule and address lines), copying each; for a word with another after
     * it, {@code value} may append the coloured words that follow and say how far it got.
     */
    private String keywordValues(String line, KeywordValue value) {
        if (!on()) {
            return line;
        }
        String[] w = line.split(" ", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(w[i]);
            if (i + 1 < w.length) {
                i = value.append(w[i], w, i, sb);
            }
        }
        return sb.toString();
    }
}
