package io.github.netroute.routing.internal;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.PortRange;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.RuleFlag;
import io.github.netroute.routing.UidRange;
import java.util.EnumSet;

/**
 * {@code ip rule} syntax: the arguments of {@code ip rule add} and the lines of {@code ip rule show}, both ways
 * (iproute2 6.1's {@code iprule_modify} and {@code print_rule}; {@code dscp} as iproute2 6.13+ prints it).
 *
 * <p>A rule without a priority prints without the {@code NNN:\t} prefix, so that it parses back without one.
 * Keywords are not abbreviated. Family: from the {@code from}/{@code to} addresses, else the given family,
 * else IPv4.
 */
final class RuleSyntax {
    private RuleSyntax() {}

    static Rule parse(String text, Family family) {
        return parse(text, family, false);
    }

    static Rule parse(String text, Family family, boolean selector) {
        Tokens t = new Tokens(text);
        if (t.size() == 0) {
            throw t.whole("empty rule");
        }
        Rule.Builder b = Rule.builder();
        String first = t.peek();
        if (first.length() > 1 && first.endsWith(":")) {
            t.next();
            long p = Numbers.parseOrMinus1(first.substring(0, first.length() - 1));
            if (p < 0 || p > 0xFFFF_FFFFL || !Character.isDigit(first.charAt(0))) {
                throw t.invalid("priority");
            }
            b.priority(p);
        }
        Family addrFamily = null;
        int addrIndex = -1;
        RuleAction action = null;
        RouteTable table = null;
        int tableIndex = -1;
        boolean l3mdev = false;
        EnumSet<RuleFlag> flags = EnumSet.noneOf(RuleFlag.class);
        while (t.hasNext()) {
            String w = t.next();
            int wi = t.last();
            switch (w) {
                case "not":
                    b.invert(true);
                    break;
                case "from":
                case "to": {
                    String v = t.value();
                    if (v.equals("all") || v.equals("any") || v.equals("default")) {
                        break;
                    }
                    CidrAddress c = t.cidr(w.equals("from") ? "from prefix" : "to prefix");
                    if (addrFamily != null && c.family() != addrFamily) {
                        throw t.invalid(t.last(), w + " prefix", "not " + addrFamily.ipName() + " like the token at "
                                + "position " + addrIndex);
                    }
                    addrFamily = c.family();
                    addrIndex = t.last();
                    if (w.equals("from")) {
                        b.from(c);
                    } else {
                        b.to(c);
                    }
                    break;
                }
                case "pref":
                case "preference":
                case "prio":
                case "priority":
                case "order":
                    t.value();
                    b.priority(t.unsigned("priority", 0xFFFF_FFFFL));
                    break;
                case "tos":
                case "dsfield":
                    b.tos(t.dsfield());
                    break;
                case "dscp": {
                    String v = t.value();
                    long d = Numbers.parseOrMinus1(v);
                    if (d < 0) {
                        int ds = Names.dsfieldByName(v);
                        d = ds < 0 ? -1 : ds >> 2;
                    }
                    if (d < 0 || d > 63) {
                        throw t.invalid("dscp", "0..63 or an rt_dsfield name");
                    }
                    b.dscp((int) d);
                    break;
                }
                case "fwmark": {
                    String v = t.value();
                    int slash = v.indexOf('/');
                    long mark = Numbers.parseOrMinus1(slash < 0 ? v : v.substring(0, slash));
                    long mask = slash < 0 ? 0 : Numbers.parseOrMinus1(v.substring(slash + 1));
                    if (mark < 0 || mark > 0xFFFF_FFFFL || mask < 0 || mask > 0xFFFF_FFFFL) {
                        throw t.invalid("fwmark");
                    }
                    b.fwmark(mark).fwmask(slash < 0 ? null : mask);
                    break;
                }
                case "realm":
                case "realms": {
                    t.value();
                    long r = Names.realmsValue(t.peekLast());
                    if (r < 0) {
                        throw t.invalid("realms");
                    }
                    b.realms(r);
                    break;
                }
                case "proto":
                case "protocol":
                    t.value();
                    try {
                        b.protocol(RouteProtocol.parse(t.peekLast()));
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("protocol");
                    }
                    break;
                case "table":
                case "lookup": {
                    String v = t.value();
                    if (v.equals("[l3mdev-table]")) {
                        l3mdev = true;
                        break;
                    }
                    try {
                        table = RouteTable.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("table");
                    }
                    tableIndex = t.last();
                    break;
                }
                case "suppress_prefixlength":
                    t.value();
                    b.suppressPrefixLength((int) t.unsigned("suppress_prefixlength", 128));
                    break;
                case "suppress_ifgroup": {
                    t.value();
                    long g = Names.groupValue(t.peekLast());
                    if (g < 0) {
                        throw t.invalid("suppress_ifgroup");
                    }
                    b.suppressIfGroup((int) g);
                    break;
                }
                case "iif":
                case "dev":
                    b.iif(ifname(t));
                    if (t.accept("[detached]")) {
                        flags.add(RuleFlag.IIF_DETACHED);
                    }
                    break;
                case "oif":
                    b.oif(ifname(t));
                    if (t.accept("[detached]")) {
                        flags.add(RuleFlag.OIF_DETACHED);
                    }
                    break;
                case "l3mdev":
                    l3mdev = true;
                    break;
                case "uidrange":
                    t.value();
                    try {
                        b.uidRange(UidRange.parse(t.peekLast()));
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("uidrange", "START-END");
                    }
                    break;
                case "sport":
                case "dport": {
                    t.value();
                    PortRange r;
                    try {
                        r = ports(t.peekLast());
                    } catch (IllegalArgumentException e) {
                        throw t.invalid(w, "PORT or START-END in 0..65535");
                    }
                    if (w.equals("sport")) {
                        b.sport(r);
                    } else {
                        b.dport(r);
                    }
                    break;
                }
                case "ipproto":
                    b.ipProto(t.ipProto());
                    break;
                case "goto":
                    checkOneAction(t, action, wi);
                    t.value();
                    action = RuleAction.gotoPriority(t.unsigned("goto target", 0xFFFF_FFFFL));
                    if (t.accept("[unresolved]")) {
                        flags.add(RuleFlag.UNRESOLVED);
                    }
                    break;
                case "nop":
                    checkOneAction(t, action, wi);
                    action = RuleAction.nop();
                    break;
                case "blackhole":
                    checkOneAction(t, action, wi);
                    action = RuleAction.blackhole();
                    break;
                case "unreachable":
                    checkOneAction(t, action, wi);
                    action = RuleAction.unreachable();
                    break;
                case "prohibit":
                    checkOneAction(t, action, wi);
                    action = RuleAction.prohibit();
                    break;
                default:
                    throw t.unexpected(wi);
            }
        }
        if (action != null && table != null) {
            throw t.invalid(tableIndex, "table", "a rule with action " + action + " has no table");
        }
        if (l3mdev && table != null) {
            throw t.invalid(tableIndex, "table", "table can not be specified for l3mdev rules");
        }
        if (action == null && selector && table == null && !l3mdev) {
            b.anyAction();
        } else {
            if (action == null) {
                action = RuleAction.lookup(table != null ? table : l3mdev ? RouteTable.UNSPEC : RouteTable.MAIN);
            }
            b.action(action);
        }
        b.l3mdev(l3mdev).flags(flags);
        b.family(addrFamily != null ? addrFamily : family != null ? family : Family.INET);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw t.whole(e.getMessage());
        }
    }

    private static void checkOneAction(Tokens t, RuleAction action, int index) {
        if (action != null) {
            throw t.invalid(index, "action", "the rule already has action " + action);
        }
    }

    private static String ifname(Tokens t) {
        String d = t.value();
        if (d.length() > 15 || d.indexOf('/') >= 0) {
            throw t.invalid("device name");
        }
        return d;
    }

    /** sscanf "%hu-%hu" as iproute2 reads sport/dport, but strict. */
    static PortRange ports(String s) {
        int dash = s.indexOf('-');
        String a = dash < 0 ? s : s.substring(0, dash);
        String z = dash < 0 ? s : s.substring(dash + 1);
        if (!a.matches("[0-9]{1,5}") || !z.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("invalid port range \"" + s + "\"");
        }
        return new PortRange(Integer.parseInt(a), Integer.parseInt(z));
    }

    // ------------------------------------------------------------------ format

    static String format(Rule r) {
        StringBuilder sb = new StringBuilder(64);
        if (r.priority() != null) {
            sb.append(r.priority()).append(":\t");
        }
        if (r.invert()) {
            sb.append("not ");
        }
        sb.append("from ").append(r.from() == null ? "all" : cidr(r.from()));
        if (r.to() != null) {
            sb.append(" to ").append(cidr(r.to()));
        }
        if (r.tos() != 0) {
            sb.append(" tos ").append(Names.dsfield(r.tos()));
        }
        if (r.fwmark() != null || r.fwmask() != null) {
            long mark = r.fwmark() == null ? 0 : r.fwmark();
            sb.append(" fwmark ").append(hex(mark));
            if (r.fwmask() != null && r.fwmask() != 0xFFFF_FFFFL) {
                sb.append('/').append(hex(r.fwmask()));
            }
        }
        if (r.iif() != null) {
            sb.append(" iif ").append(r.iif());
            if (r.flags().contains(RuleFlag.IIF_DETACHED)) {
                sb.append(" [detached]");
            }
        }
        if (r.oif() != null) {
            sb.append(" oif ").append(r.oif());
            if (r.flags().contains(RuleFlag.OIF_DETACHED)) {
                sb.append(" [detached]");
            }
        }
        if (r.l3mdev()) {
            sb.append(" lookup [l3mdev-table]");
        }
        if (r.uidRange() != null) {
            sb.append(" uidrange ").append(r.uidRange().start()).append('-').append(r.uidRange().end());
        }
        if (r.ipProto() != null) {
            sb.append(" ipproto ").append(Names.ipProto(r.ipProto()));
        }
        if (r.sport() != null) {
            sb.append(" sport ").append(r.sport());
        }
        if (r.dport() != null) {
            sb.append(" dport ").append(r.dport());
        }
        if (r.action() instanceof RuleAction.Lookup l && l.table().id() != 0) {
            sb.append(" lookup ").append(l.table().name());
            if (r.suppressPrefixLength() != null) {
                sb.append(" suppress_prefixlength ").append(r.suppressPrefixLength());
            }
            if (r.suppressIfGroup() != null) {
                sb.append(" suppress_ifgroup ").append(Names.group(r.suppressIfGroup()));
            }
        }
        if (r.realms() != 0) {
            long from = r.realms() >>> 16;
            sb.append(" realms ");
            if (from != 0) {
                sb.append(Names.realm(from)).append('/');
            }
            sb.append(Names.realm(r.realms() & 0xFFFF));
        }
        RuleAction a = r.action();
        if (a instanceof RuleAction.Goto g) {
            sb.append(" goto ").append(g.target());
            if (r.flags().contains(RuleFlag.UNRESOLVED)) {
                sb.append(" [unresolved]");
            }
        } else if (a != null && !(a instanceof RuleAction.Lookup)) {
            sb.append(' ').append(a);
        }
        int p = r.protocol().value();
        if (p != 0 && p != RouteProtocol.KERNEL.value()) {
            sb.append(" proto ").append(r.protocol());
        }
        if (r.dscp() != null) {
            String n = Names.dsfieldName(r.dscp() << 2);
            sb.append(" dscp ").append(n != null ? n : Integer.toString(r.dscp()));
        }
        return sb.toString();
    }

    /** printf {@code %#x}: {@code 0} for zero, else {@code 0x…}. */
    static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    static String cidr(CidrAddress c) {
        return c.length() == c.family().bits() ? InetAddresses.format(c.address()) : c.toString();
    }
}
