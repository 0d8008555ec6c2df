package io.github.netroute.routing.testkit;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.PortRange;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.RuleFlag;
import io.github.netroute.routing.model.PolicyRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Policy rules: owns each family's rule list (in priority order), the lists compiled for lookups, and
 * fib6_has_custom_rules; RTM_NEWRULE / RTM_DELRULE (fib_nl2rule, rule_exists, fib4/6_rule_configure, rule_find).
 */
final class Rules {
    /** The IPv6 rules as fib6_rule_lookup's fast path sees them before any rule was added. */
    static final List<Rule> DEFAULT_RULES6 = List.of(
            Rule.builder().family(Family.INET6).priority(0L).table(RouteTable.LOCAL)
                    .protocol(RouteProtocol.KERNEL).build(),
            Rule.builder().family(Family.INET6).priority(32766L).table(RouteTable.MAIN)
                    .protocol(RouteProtocol.KERNEL).build());

    private final KernelState k;
    private final List<Rule> rules4 = new ArrayList<>();
    private final List<Rule> rules6 = new ArrayList<>();
    private PolicyRules compiled4;
    private PolicyRules compiled6;
    /**
     * net->ipv6.fib6_has_custom_rules: set by the first IPv6 rule added (not by deletes); until then lookups consult
     * local, then main, whatever the rule list says.
     */
    private boolean custom6;

    Rules(KernelState k) {
        this.k = k;
    }

    /** A copy of {@code o}'s rules (rules are immutable; the compiled forms are rebuilt on demand). */
    Rules(KernelState k, Rules o) {
        this.k = k;
        rules4.addAll(o.rules4);
        rules6.addAll(o.rules6);
        custom6 = o.custom6;
    }

    /** The default rules of a new namespace: IPv4 0/32766/32767 and IPv6 0/32766 (protocol kernel). */
    void addDefaults() {
        for (Family f : Family.values()) {
            List<Rule> list = list(f);
            list.add(Rule.builder().family(f).priority(0L).action(RuleAction.lookup(RouteTable.LOCAL))
                    .protocol(RouteProtocol.KERNEL).build());
            list.add(Rule.builder().family(f).priority(32766L).action(RuleAction.lookup(RouteTable.MAIN))
                    .protocol(RouteProtocol.KERNEL).build());
        }
        rules4.add(Rule.builder().family(Family.INET).priority(32767L).action(RuleAction.lookup(RouteTable.DEFAULT))
                .protocol(RouteProtocol.KERNEL).build());
    }

    /** The family's rules, in order (live). */
    List<Rule> list(Family f) {
        return f == Family.INET ? rules4 : rules6;
    }

    int count(Family f) {
        return list(f).size();
    }

    /** The rules as the lookup engine walks them (IPv6: the defaults until a rule was added). */
    PolicyRules compiled(Family family) {
        if (family == Family.INET) {
            if (compiled4 == null) {
                compiled4 = PolicyRules.of(Family.INET, rules4);
            }
            return compiled4;
        }
        if (compiled6 == null) {
            compiled6 = PolicyRules.of(Family.INET6, custom6 ? rules6 : DEFAULT_RULES6);
        }
        return compiled6;
    }

    private void changed(Family f) {
        if (f == Family.INET) {
            compiled4 = null;
        } else {
            compiled6 = null;
        }
    }

    static long defaultPref(List<Rule> list) {
        if (list.size() >= 2 && list.get(1).priority() != 0) {
            return list.get(1).priority() - 1;
        }
        return 0;
    }

    static int action(Rule r) {
        return r.action() == null ? 0 : r.action().number();
    }

    static long table(Rule r) {
        return r.action() instanceof RuleAction.Lookup l ? l.table().id() : 0;
    }

    static long mask(Rule r) {
        if (r.fwmask() != null) {
            return r.fwmask();
        }
        return r.fwmark() != null && r.fwmark() != 0 ? 0xFFFF_FFFFL : 0;
    }

    static long mark(Rule r) {
        return r.fwmark() == null ? 0 : r.fwmark();
    }

    static boolean portValid(PortRange p) {
        return p.start() != 0 && p.end() != 0 && p.end() < 0xffff && p.start() <= p.end();
    }

    /**
     * A selector prefix of length 0 is no selector: fib_nl2rule() (net/core/fib_rules.c) reads FRA_SRC/FRA_DST only
     * for a non-zero src_len/dst_len, so {@code from 0.0.0.0/0} is {@code from all} (and so is {@code from ::/0}
     * in an inet rule).
     */
    static Rule withoutEmptyPrefixes(Rule r) {
        boolean from = r.from() != null && r.from().length() == 0;
        boolean to = r.to() != null && r.to().length() == 0;
        if (!from && !to) {
            return r;
        }
        Rule.Builder b = r.toBuilder();
        if (from) {
            b.from((io.github.netroute.routing.CidrAddress) null);
        }
        if (to) {
            b.to((io.github.netroute.routing.CidrAddress) null);
        }
        return b.build();
    }

    Rule add(Rule r0, boolean excl) throws KErr {
        Rule r = withoutEmptyPrefixes(r0);
        Family f = r.family();
        List<Rule> list = list(f);
        if (r.from() != null && r.from().family() != f || r.to() != null && r.to().family() != f) {
            throw KErr.of(Errno.EINVAL, "Invalid source address");
        }
        long pref = r.priority() != null ? r.priority() : defaultPref(list);
        if (r.action() instanceof RuleAction.Goto g && g.target() <= pref) {
            throw KErr.of(Errno.EINVAL, "Backward goto not supported");
        }
        if (r.l3mdev() && table(r) != 0) {
            throw KErr.of(Errno.EINVAL, "l3mdev and table are mutually exclusive");
        }
        if (r.uidRange() != null && r.uidRange().start() > r.uidRange().end()) {
            throw KErr.of(Errno.EINVAL, "Invalid uid range");
        }
        if (r.sport() != null && !portValid(r.sport())) {
            throw KErr.of(Errno.EINVAL, "Invalid sport range");
        }
        if (r.dport() != null && !portValid(r.dport())) {
            throw KErr.of(Errno.EINVAL, "Invalid dport range");
        }
        Rule.Builder nb = r.toBuilder().priority(pref).flags(Set.of());
        if (f == Family.INET6) {
            nb.realms(0);
        }
        Rule n = nb.build();
        if (excl && exists(list, n)) {
            throw KErr.of(Errno.EEXIST);
        }
        // configure
        if ((r.tos() & 3) != 0) {
            throw KErr.of(Errno.EINVAL, "Invalid dsfield (tos): ECN bits must be 0");
        }
        if (f == Family.INET) {
            if ((r.tos() & ~0x1E) != 0) {
                throw KErr.of(Errno.EINVAL, "Invalid tos");
            }
            if (r.dscp() != null && r.tos() != 0) {
                throw KErr.of(Errno.EINVAL, "Cannot specify both TOS and DSCP");
            }
            k.routes4.unmerge();
            if (action(n) == 1 && table(n) == 0 && !n.l3mdev()) {
                long id = 1;
                while (k.routes4.hasTable(id)) {
                    id++;
                }
                k.routes4.newTable(id);
                n = n.toBuilder().action(RuleAction.lookup(RouteTable.of(id))).build();
            }
        } else {
            if (action(n) == 1 && !n.l3mdev()) {
                if (table(n) == 0) {
                    throw KErr.of(Errno.EINVAL, "Invalid table");
                }
                k.routes6.newTable(table(n));
            }
        }
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).priority() > pref) {
                at = i;
                break;
            }
        }
        list.add(at, n);
        if (f == Family.INET6) {
            custom6 = true; // fib6_rule_configure
        }
        changed(f);
        k.ruleAdded(dumped(list, n)); // notify_rule_change: nlmsg_flags 0; fib_nl_fill_rule: [unresolved], [detached]
        return n;
    }

    /** rule_exists: EEXIST check of NLM_F_EXCL. */
    static boolean exists(List<Rule> list, Rule n) {
        for (Rule r : list) {
            if (action(r) != action(n) || table(r) != table(n) || !Objects.equals(r.priority(), n.priority())) {
                continue;
            }
            if (!Objects.equals(r.iif(), n.iif()) || !Objects.equals(r.oif(), n.oif())) {
                continue;
            }
            if (mark(r) != mark(n) || mask(r) != mask(n)) {
                continue;
            }
            if (!Objects.equals(r.suppressIfGroup(), n.suppressIfGroup())
                    || !Objects.equals(r.suppressPrefixLength(), n.suppressPrefixLength())) {
                continue;
            }
            if (r.l3mdev() != n.l3mdev() || !uidEq(r, n)) {
                continue;
            }
            if (proto(r) != proto(n) || r.protocol().value() != n.protocol().value()) {
                continue;
            }
            // rule_exists() compares the port ranges whole (fib_rule_port_range_compare(), unset = 0-0): a rule without
            // ports is not one with ports, unlike rule_find() for a delete, which compares only the ranges it is given
            if (!Objects.equals(n.sport(), r.sport()) || !Objects.equals(n.dport(), r.dport())) {
                continue;
            }
            if (!compare(r, n)) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static int proto(Rule r) {
        return r.ipProto() == null ? 0 : r.ipProto();
    }

    private static boolean uidEq(Rule a, Rule b) {
        long as = a.uidRange() == null ? 0 : a.uidRange().start();
        long ae = a.uidRange() == null ? 0xFFFF_FFFFL : a.uidRange().end();
        long bs = b.uidRange() == null ? 0 : b.uidRange().start();
        long be = b.uidRange() == null ? 0xFFFF_FFFFL : b.uidRange().end();
        return as == bs && ae == be;
    }

    /** fib4_rule_compare / fib6_rule_compare: only what the new rule sets. */
    private static boolean compare(Rule r, Rule n) {
        if (!cidrCompare(r.from(), n.from()) || !cidrCompare(r.to(), n.to())) {
            return false;
        }
        if (n.tos() != 0 && r.tos() != n.tos()) {
            return false;
        }
        if (n.dscp() != null && !n.dscp().equals(r.dscp())) {
            return false;
        }
        return true;
    }

    private static boolean cidrCompare(CidrAddress have, CidrAddress sent) {
        if (sent == null || sent.length() == 0) {
            return true;
        }
        return have != null && have.length() == sent.length() && have.address().equals(sent.address());
    }

    /** rule_find + removal. */
    Rule delete(Rule sel0) throws KErr {
        Rule sel = withoutEmptyPrefixes(sel0);
        Family f = sel.family();
        List<Rule> list = list(f);
        // fib_nl2rule() checks the goto for RTM_DELRULE too, against the default priority when none is given
        long pref = sel.priority() != null ? sel.priority() : defaultPref(list);
        if (sel.action() instanceof RuleAction.Goto g && g.target() <= pref) {
            throw KErr.of(Errno.EINVAL, "Backward goto not supported");
        }
        for (int i = 0; i < list.size(); i++) {
            Rule r = list.get(i);
            if (action(sel) != 0 && action(r) != action(sel)) {
                continue;
            }
            if (table(sel) != 0 && table(r) != table(sel)) {
                continue;
            }
            if (sel.priority() != null && !sel.priority().equals(r.priority())) {
                continue;
            }
            if (sel.iif() != null && !sel.iif().equals(r.iif()) || sel.oif() != null && !sel.oif().equals(r.oif())) {
                continue;
            }
            if (mark(sel) != 0 && mark(r) != mark(sel)) {
                continue;
            }
            if (sel.suppressIfGroup() != null && !sel.suppressIfGroup().equals(r.suppressIfGroup())) {
                continue;
            }
            if (sel.suppressPrefixLength() != null && !sel.suppressPrefixLength().equals(r.suppressPrefixLength())) {
                continue;
            }
            if (mask(sel) != 0 && mask(r) != mask(sel)) {
                continue;
            }
            if (sel.l3mdev() && !r.l3mdev()) {
                continue;
            }
            if (sel.uidRange() != null && !uidEq(r, sel)) {
                continue;
            }
            if (proto(sel) != 0 && proto(r) != proto(sel)) {
                continue;
            }
            if (sel.protocol().value() != 0 && r.protocol().value() != sel.protocol().value()) {
                continue;
            }
            if (sel.sport() != null && !sel.sport().equals(r.sport())
                    || sel.dport() != null && !sel.dport().equals(r.dport())) {
                continue;
            }
            if (!compare(r, sel)) {
                continue;
            }
            if (r.flags().contains(RuleFlag.PERMANENT)) {
                throw KErr.of(Errno.EPERM);
            }
            list.remove(i);
            if (f == Family.INET) {
                k.routes4.unmerge();
            }
            changed(f);
            k.ruleRemoved(dumped(list, r));
            return r;
        }
        throw KErr.of(Errno.ENOENT);
    }

    /** The family's rules as dumped. */
    List<Rule> dump(Family f) {
        List<Rule> list = list(f);
        List<Rule> out = new ArrayList<>(list.size());
        for (Rule r : list) {
            out.add(dumped(list, r));
        }
        return out;
    }

    /** The rule as dumped: [unresolved] and [detached] computed from the current state. */
    private Rule dumped(List<Rule> list, Rule r) {
        EnumSet<RuleFlag> fl = EnumSet.noneOf(RuleFlag.class);
        if (r.action() instanceof RuleAction.Goto g) {
            boolean found = false;
            for (Rule x : list) {
                if (x.priority() == g.target()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                fl.add(RuleFlag.UNRESOLVED);
            }
        }
        if (r.iif() != null && k.links.device(r.iif()) == null) {
            fl.add(RuleFlag.IIF_DETACHED);
        }
        if (r.oif() != null && k.links.device(r.oif()) == null) {
            fl.add(RuleFlag.OIF_DETACHED);
        }
        return fl.isEmpty() ? r : r.toBuilder().flags(fl).build();
    }
}
