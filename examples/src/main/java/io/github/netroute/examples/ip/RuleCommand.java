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
            for (Rule r : ip.routing.rules(f)) {
                ip.printer.rule(r);
            }
            return;
        }
        List<String> args = a.subList(1, a.size());
        if (cmd.equals("add")) {
            IpArgs.rule(args, ip.family);
            String text = ruleText(args);
            Rule r = Rule.parse(text.isEmpty() ? "from all" : text, f);
            checkRuleFamily(r, f);
            ip.routing.addRule(r);
        } else if (cmd.equals("delete")) {
            IpArgs.rule(args, ip.family);
            String text = ruleText(args);
            Rule r = Rule.parseSelector(text.isEmpty() ? "from all" : text, f);
            checkRuleFamily(r, f);
            ip.routing.deleteRule(r);
        } else if (cmd.equals("flush")) {
            for (Rule r : ip.routing.rules(f)) {
                if (r.priority() != null && r.priority() != 0) {
                    ip.routing.deleteRule(r);
                }
            }
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
     * Without -6 iproute2 sends every rule as inet: an IPv6 prefix then reaches the kernel with the wrong length
     * and the kernel refuses it with an extended ack.
     */
    private static void checkRuleFamily(Rule r, Family f) throws IpError {
        if (r.family() != f) {
            String which = r.from() != null && r.from().family() != f ? "source" : "destination";
            throw new IpError("Error: Invalid " + which + " address.", 2, false);
        }
    }
}
