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

/**
 * {@code ip -o} ({@code -oneline}): iproute2's text with each entry on one line. iproute2 prints its {@code _SL_}
 * ("\" instead of a newline) where an entry continues on a new line: the {@code link/ether} line of a link, a
 * multipath route's {@code nexthop} lines, a lookup's {@code cache} line; {@code ip -o addr} prints one line per
 * address, {@code INDEX: NAME    inet …\       valid_lft …}, and no link lines. It takes {@link TextPrinter}'s text
 * and joins it, so the two cannot disagree on anything else.
 */
final class OnelinePrinter implements Printer {
    private final PrintStream out;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final TextPrinter text;

    OnelinePrinter(PrintStream out) {
        this(out, 0, Colour.OFF);
    }

    /**
     * @param details how many {@code -d} were given
     * @param colour what {@code -c} colours (iproute2 colours the same fields on one line)
     */
    OnelinePrinter(PrintStream out, int details, Colour colour) {
        this.out = out;
        this.text = new TextPrinter(new PrintStream(buf, true, StandardCharsets.UTF_8), details, colour);
    }

    /** What the text printer printed since the last call. */
    private String take() {
        String s = buf.toString(StandardCharsets.UTF_8);
        buf.reset();
        return s;
    }

    /** Prints the text printer's entry with its inner newlines as iproute2's "\". */
    private void joined() {
        String s = take();
        if (s.isEmpty()) {
            return;
        }
        boolean nl = s.endsWith("\n");
        String body = nl ? s.substring(0, s.length() - 1) : s;
        out.print(body.replace("\n", "\\") + (nl ? "\n" : ""));
    }

    @Override
    public void route(Route r, boolean withTable) {
        text.route(r, withTable);
        joined();
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch) {
        text.lookup(r, family, fibmatch);
        joined();
    }

    @Override
    public void lookup(LookupResult r, Family family, boolean fibmatch, boolean joined) {
        text.lookup(r, family, fibmatch, joined);
        joined();
    }

    @Override
    public void rule(Rule r) {
        text.rule(r);
        joined();
    }

    @Override
    public void nexthop(Nexthop n) {
        text.nexthop(n);
        joined();
    }

    @Override
    public void message(String line) {
        text.message(line);
        joined();
    }

    @Override
    public void link(Link l) {
        text.link(l);
        joined();
    }

    /** {@code ip -o -0 addr}: the link as ip addr prints it, on one line. */
    void linkOfAddresses(Link l, boolean showMode) {
        text.addresses(l, List.of(), showMode, false, true);
        joined();
    }

    @Override
    public void addresses(Link l, List<Address> addrs, boolean showMode, boolean inet6Dump, boolean linkLayer) {
        text.addresses(l, addrs, showMode, inet6Dump, linkLayer);
        String[] lines = take().split("\n", -1);
        String prefix = l.index() + ": " + l.name();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("    inet")) {
                // the address line, then its lifetimes line
                String next = i + 1 < lines.length && lines[i + 1].startsWith("       ") ? "\\" + lines[++i] : "";
                out.println(prefix + lines[i - (next.isEmpty() ? 0 : 1)] + next);
            }
        }
    }

    @Override
    public void routeEvent(Route r, boolean deleted, String banner) {
        text.routeEvent(r, deleted, banner);
        joined();
    }

    @Override
    public void ruleEvent(Rule r, boolean deleted, String banner) {
        text.ruleEvent(r, deleted, banner);
        joined();
    }

    @Override
    public void linkEvent(Link l, boolean deleted, String banner) {
        text.linkEvent(l, deleted, banner);
        joined();
    }

    @Override
    public void addressEvent(Address a, boolean deleted, String banner) {
        text.addressEvent(a, deleted, banner);
        joined();
    }

    @Override
    public void nexthopEvent(io.github.netroute.routing.Nexthop n, boolean deleted, String banner) {
        text.nexthopEvent(n, deleted, banner);
        joined();
    }

    @Override
    public void linkLookup(java.util.function.IntFunction<Link> lookup) {
        text.linkLookup(lookup);
    }

    @Override
    public void nexthopLookup(java.util.function.LongFunction<Nexthop> lookup) {
        text.nexthopLookup(lookup);
    }

    @Override
    public void statistics(int level,
            java.util.function.IntFunction<io.github.netroute.routing.LinkStatistics> lookup) {
        text.statistics(level, lookup);
    }

    @Override
    public void neighbour(io.github.netroute.routing.Neighbour n, boolean withDevice) {
        text.neighbour(n, withDevice);
        joined();
    }

    @Override
    public void resync(String reason) {
        text.resync(reason);
        joined();
    }

    @Override
    public void flush() {
        out.flush();
    }
}
