package io.github.netroute.examples.ip;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ip -br} ({@code -brief}): links and addresses as iproute2 6.1's print_linkinfo_brief and print_addrinfo
 * print them, one line each — {@code NAME(%-16s) STATE(%-14s) MAC <FLAGS> } for {@code ip -br link},
 * {@code NAME(%-16s) STATE(%-14s) ADDR/LEN ADDR/LEN... } for {@code ip -br addr}; everything else (routes, rules,
 * lookups, monitor) as the printer it wraps prints it, as iproute2 ignores -brief there. The name (with
 * {@code @PEER}), state and flags are read from {@link TextPrinter}'s link line, so the two agree.
 */
final class BriefPrinter implements Printer {
    private static final Pattern HEADER = Pattern.compile("^\\d+: (\\S+): <([^>]*)> .*? state (\\S+)");
    private static final Pattern LINK_LAYER = Pattern.compile("^    link/\\S+ (\\S+)");

    private final Printer inner;
    private final PrintStream out;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final TextPrinter text = new TextPrinter(new PrintStream(buf, true, StandardCharsets.UTF_8));

    /** {@code -c}: the name, an UP or DOWN state, the MAC and the addresses coloured as ipaddress.c does. */
    private final Colour colour;

    BriefPrinter(Printer inner, PrintStream out) {
        this(inner, out, Colour.OFF);
    }

    BriefPrinter(Printer inner, PrintStream out, Colour colour) {
        this.inner = inner;
        this.out = out;
        this.colour = colour;
    }

    /** print_name_and_link("%-16s ") and print_operstate()'s "%-14s ", each in its colour. */
    private String nameState(String[] f) {
        return colour.wrap(Colour.Attr.IFNAME, String.format("%-16s ", f[0]))
                + colour.wrap(Colour.operState(f[2]), String.format("%-14s ", f[2]));
    }

    /** print_addrinfo()'s brief part, coloured: the local and peer addresses without their lengths. */
    private String colouredBrief(Address a) {
        String b = brief(a);
        if (!colour.on()) {
            return b;
        }
        String[] w = b.split(" ", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(i == 0 || w[i - 1].equals("peer") ? colour.addressWithLength(w[i]) : w[i]);
        }
        return sb.toString();
    }

    /** The name, flags, state and link-layer address of a link, from its {@code ip link} lines. */
    private String[] fields(Link l) {
        buf.reset();
        text.link(l);
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        buf.reset();
        Matcher h = HEADER.matcher(lines[0]);
        if (!h.find()) {
            throw new IllegalStateException("unexpected link line: " + lines[0]);
        }
        Matcher m = lines.length > 1 ? LINK_LAYER.matcher(lines[1]) : null;
        return new String[] {h.group(1), h.group(2), h.group(3), m != null && m.find() ? m.group(1) : null};
    }

    @Override
    public void link(Link l) {
        String[] f = fields(l);
        out.print(nameState(f) + (f[3] == null ? "" : colour.wrap(Colour.Attr.MAC, f[3] + " ")) + "<" + f[1]
                + "> \n");
    }

    /**
     * What iproute2 prints for {@code ip -br addr show dev NAME} after a {@code link show} in the same run (do_link:
     * the link alone, through print_linkinfo_brief for a family other than link): the name and state, and no
     * newline.
     */
    void nameAndState(Link l) {
        String[] f = fields(l);
        out.print(nameState(f));
    }

    @Override
    public void addresses(Link l, List<Address> addrs, boolean showMode, boolean inet6Dump, boolean linkLayer) {
        String[] f = fields(l);
        StringBuilder sb = new StringBuilder(nameState(f));
        for (Address a : addrs) {
            sb.append(colouredBrief(a));
        }
        out.print(sb.append('\n'));
    }

    /** print_addrinfo's brief part: {@code LOCAL[ peer PEER]/LEN [metric N ]}. */
    static String brief(Address a) {
        String[] w = a.toString().split(" ");
        StringBuilder sb = new StringBuilder();
        int i = 1; // after "inet"/"inet6"
        for (; i < w.length; i++) {
            sb.append(w[i]);
            if (w[i].contains("/")) {
                i++;
                break;
            }
            sb.append(' ');
        }
        sb.append(' ');
        if (i + 1 < w.length && w[i].equals("metric")) {
            sb.append("metric ").append(w[i + 1]).append(' ');
        }
        return sb.toString();
    }

    @Override
    public void route(Route r, boolean withTable) {
        inner.route(r, withTable);
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch) {
        inner.lookup(r, family, fibmatch);
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch, boolean joined) {
        inner.lookup(r, family, fibmatch, joined);
    }

    @Override
    public void rule(Rule r) {
        inner.rule(r);
    }

    @Override
    public void nexthop(Nexthop n) {
        inner.nexthop(n);
    }

    @Override
    public void message(String line) {
        inner.message(line);
    }

    @Override
    public void routeEvent(Route r, boolean deleted, String banner) {
        inner.routeEvent(r, deleted, banner);
    }

    @Override
    public void ruleEvent(Rule r, boolean deleted, String banner) {
        inner.ruleEvent(r, deleted, banner);
    }

    @Override
    public void linkEvent(Link l, boolean deleted, String banner) {
        inner.linkEvent(l, deleted, banner);
    }

    @Override
    public void addressEvent(Address a, boolean deleted, String banner) {
        inner.addressEvent(a, deleted, banner);
    }

    @Override
    public void nexthopEvent(io.github.netroute.routing.Nexthop n, boolean deleted, String banner) {
        inner.nexthopEvent(n, deleted, banner);
    }

    @Override
    public void linkLookup(java.util.function.IntFunction<Link> lookup) {
        inner.linkLookup(lookup);
        text.linkLookup(lookup); // print_linkinfo_brief names a veth's peer (NAME@PEER) as the long form does
    }

    @Override
    public void nexthopLookup(java.util.function.LongFunction<Nexthop> lookup) {
        inner.nexthopLookup(lookup);
    }

    @Override
    public void neighbour(io.github.netroute.routing.Neighbour n, boolean withDevice) {
        inner.neighbour(n, withDevice);
    }

    @Override
    public void resync(String reason) {
        inner.resync(reason);
    }

    @Override
    public void flush() {
        inner.flush();
        out.flush();
    }
}
