package io.github.netroute.examples.ip;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import java.util.List;
import java.util.Set;

/**
 * The selector of {@code ip rule show|flush SELECTOR}, applied as iproute2 6.1's {@code filter_nlmsg()} applies it
 * to each dumped rule: a selector that was given must be equal in the rule ({@code from}/{@code to}: the rule's
 * prefix is at least as long and starts with the filter's bits), one that was not given matches anything.
 */
final class RuleFilter {
    /** The words iproute2 reads as selectors (the rest is a {@code to} prefix). */
    private static final Set<String> WITH_VALUE = Set.of("tos", "dsfield", "fwmark", "dev", "iif", "oif",
            "uidrange", "ipproto", "sport", "dport");

    private final Rule sel;
    private final boolean pref;
    private final boolean table;
    private final boolean protocol;

    private RuleFilter(Rule sel, boolean pref, boolean table, boolean protocol) {
        this.sel = sel;
        this.pref = pref;
        this.table = table;
        this.protocol = protocol;
    }

    /** Parses the selector words (after {@code show}/{@code flush}); empty: everything. */
    static RuleFilter parse(List<String> args, Family family) {
        if (args.isEmpty()) {
            return null;
        }
        boolean pref = false;
        boolean table = false;
        boolean protocol = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (IpTool.matches(w, "preference") || IpTool.matches(w, "order") || IpTool.matches(w, "priority")) {
                pref = true;
                w = "pref";
            } else if (IpTool.matches(w, "lookup") || IpTool.matches(w, "table")) {
                table = true;
                w = "table";
            } else if (IpTool.matches(w, "protocol")) {
                protocol = !(i + 1 < args.size() && args.get(i + 1).equals("all"));
                if (!protocol) {
                    i++;
                    continue;
                }
                w = "protocol";
            } else if (w.equals("dev")) {
                w = "iif";
            } else if (IpTool.matches(w, "from") || IpTool.matches(w, "src")) {
                w = "from";
            } else if (IpTool.matches(w, "dst")) {
                w = "to";
            }
            text.append(w).append(' ');
            if (WITH_VALUE.contains(w) || w.equals("pref") || w.equals("table") || w.equals("protocol")
                    || w.equals("from") || w.equals("to")) {
                if (i + 1 < args.size()) {
                    text.append(args.get(++i)).append(' ');
                }
            }
        }
        return new RuleFilter(Rule.parseSelector(text.toString().trim(), family), pref, table, protocol);
    }

    /** filter_nlmsg(): whether {@code r} passes. */
    boolean test(Rule r) {
        if (pref && !java.util.Objects.equals(nz(sel.priority()), nz(r.priority()))) {
            return false;
        }
        if (sel.invert() && !r.invert()) {
            return false;
        }
        if (sel.from() != null && !prefixMatch(sel.from(), r.from(), r.family())) {
            return false;
        }
        if (sel.to() != null && !prefixMatch(sel.to(), r.to(), r.family())) {
            return false;
        }
        if (sel.tos() != 0 && sel.tos() != r.tos()) {
            return false;
        }
        if (sel.fwmark() != null && sel.fwmark() != 0 && sel.fwmark() != (r.fwmark() == null ? 0 : r.fwmark())) {
            return false;
        }
        if (sel.fwmask() != null && sel.fwmask() != 0 && sel.fwmask() != (r.fwmask() == null ? 0 : r.fwmask())) {
            return false;
        }
        if (sel.iif() != null && !sel.iif().equals(r.iif())) {
            return false;
        }
        if (sel.oif() != null && !sel.oif().equals(r.oif())) {
            return false;
        }
        if (sel.l3mdev() && !r.l3mdev()) {
            return false;
        }
        if (sel.uidRange() != null && !sel.uidRange().equals(r.uidRange())) {
            return false;
        }
        if (sel.ipProto() != null && sel.ipProto() != 0 && !sel.ipProto().equals(r.ipProto() == null ? 0
                : r.ipProto())) {
            return false;
        }
        if (sel.sport() != null && sel.sport().start() != 0 && !sel.sport().equals(r.sport())) {
            return false;
        }
        if (sel.dport() != null && sel.dport().start() != 0 && !sel.dport().equals(r.dport())) {
            return false;
        }
        if (table && sel.action() instanceof RuleAction.Lookup l && l.table().id() > 0) {
            if (!(r.action() instanceof RuleAction.Lookup rl) || rl.table().id() != l.table().id()) {
                return false;
            }
        }
        return true;
    }

    /** flush_rule(): the protocol, when one was given (not {@code all}), must be equal too. */
    boolean testFlush(Rule r) {
        if (!test(r)) {
            return false;
        }
        return !protocol || r.protocol() == null || r.protocol().equals(sel.protocol());
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    /** inet_addr_match_rta() with the length check: the rule's prefix lies inside the filter's. */
    private static boolean prefixMatch(CidrAddress f, CidrAddress r, Family ruleFamily) {
        if (f.family() != ruleFamily) {
            return false;
        }
        int rlen = r == null ? 0 : r.length();
        if (f.length() > rlen) {
            return false;
        }
        if (f.length() == 0) {
            return true;
        }
        return f.toPrefix().contains(r.address());
    }
}
