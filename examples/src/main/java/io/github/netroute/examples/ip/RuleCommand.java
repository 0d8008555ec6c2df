package io.github.netroute.examples.ip;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RoutingException;
import java.util.ArrayList;
import java.util.List;

/** {@code ip rule}: add, delete, show, flush. */
final class RuleCommand extends IpObject {
    RuleCommand() {
        // do_iprule's order
        super("rule", false, "list", "lst", "show", "save", "restore", "add", "delete", "flush", "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        Family f = ip.family == null ? Family.INET : ip.family;
        String cmd = command(a, "add", "delete", "flush");
        if (cmd.equals("show")) {
            RuleFilter filter = RuleFilter.parse(a.isEmpty() ? a : a.subList(1, a.size()), f);
            ip.printer.begin();
            for (Rule r : ip.routing.rules(f)) {
                if (filter == null || filter.test(r)) {
                    ip.printer.rule(r);
                }
            }
            ip.printer.end();
            return;
        }
        List<String> args = a.subList(1, a.size());
        if (args.isEmpty() && !cmd.equals("flush")) {
            // iprule_modify(): a failed command, not an argument error (a -force batch goes on)
            throw new IpError("\"ip rule " + (cmd.equals("add") ? "add" : "del") + "\" requires arguments.");
        }
        if (cmd.equals("add")) {
            IpArgs.rule(args, ip.family);
            String text = ruleText(args);
            Rule r = checkRuleFamily(Rule.parse(text.isEmpty() ? "from all" : text, f), f);
            ip.routing.addRule(r);
        } else if (cmd.equals("delete")) {
            IpArgs.rule(args, ip.family);
            String text = ruleText(args);
            Rule r = checkRuleFamily(Rule.parseSelector(text.isEmpty() ? "from all" : text, f), f);
            ip.routing.deleteRule(r);
        } else if (cmd.equals("flush")) {
            RuleFilter filter = RuleFilter.parse(args, f);
            // iprule_list_flush_or_save() opens its JSON array for a flush too (ip -j rule flush prints [])
            ip.printer.begin();
            for (Rule r : ip.routing.rules(f)) {
                if ((filter == null || filter.testFlush(r)) && r.priority() != null && r.priority() != 0) {
                    ip.routing.deleteRule(r);
                }
            }
            ip.printer.end();
        } else {
            throw unknown(cmd);
        }
    }

    /** The rule's words for the library: iproute2's optional {@code type} before a rule type is dropped. */
    private static String ruleText(List<String> args) {
        List<String> w = new ArrayList<>(args);
        for (int i = 0; i + 1 < w.size(); i++) {
            if (w.get(i).equals("type")) {
                w.remove(i);
            }
        }
        return String.join(" ", w);
    }

    /**
     * Without -6 iproute2 sends every rule as inet, whatever the family of its prefixes (iprule_modify() never takes
     * the family from an address). An IPv6 prefix then reaches the kernel in an inet rule: net/core/fib_rules.c
     * fib_nl2rule() refuses a FRA_SRC of the wrong size with "Invalid source address" and a FRA_DST with "Invalid
     * dst address" (checked in that order) — but only with a prefix length above 0: with {@code from ::/0} or
     * {@code to ::/0} the attribute is not read, and the rule is an inet rule from/to all.
     */
    private static Rule checkRuleFamily(Rule r, Family f) throws IpError {
        if (r.family() == f) {
            return r;
        }
        if (r.from() != null && r.from().family() != f && r.from().length() > 0) {
            throw new IpError("Error: Invalid source address.", 2, false);
        }
        if (r.to() != null && r.to().family() != f && r.to().length() > 0) {
            throw new IpError("Error: Invalid dst address.", 2, false);
        }
        Rule.Builder b = r.toBuilder().family(f);
        if (r.from() != null && r.from().family() != f) {
            b.from((io.github.netroute.routing.CidrAddress) null);
        }
        if (r.to() != null && r.to().family() != f) {
            b.to((io.github.netroute.routing.CidrAddress) null);
        }
        return b.build();
    }
}
