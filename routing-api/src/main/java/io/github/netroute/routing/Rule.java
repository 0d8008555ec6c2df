package io.github.netroute.routing;

import io.github.netroute.routing.internal.IpRouteSyntax;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A policy routing rule, as {@code ip rule} shows and adds it. Immutable; build with {@link #parse(String)}
 * or {@link #builder()}; {@link #toString()} prints exactly what {@code ip rule show} prints.
 *
 * <pre>{@code
 * Rule oam = Rule.parse("from 10.0.0.0/32 table 44");
 * oam.action();      // lookup 44
 * oam.priority();    // null: the kernel picks one (32765 with the default rules)
 * Rule.parse("32765:\tfrom 10.0.0.0 lookup 44").priority();   // 32765
 *
 * Rule marked = Rule.builder().fwmark(0x10).fwmask(0xff).action(RuleAction.lookup(RouteTable.of(100)))
 *     .priority(100).build();   // "100:\tfrom all fwmark 0x10/0xff lookup 100"
 * }</pre>
 *
 * <p>Absent selectors ({@code null}, 0 for tos, false for booleans) match everything; in
 * {@link Routing#deleteRule(Rule)} they are wildcards, as in the kernel's RTM_DELRULE.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param family address family
 * @param priority the priority ({@code pref}), or null to let the kernel choose
 * @param action what the rule does; null only in a rule given to {@link Routing#deleteRule(Rule)}, where it
 *     matches any action (iproute2's {@code ip rule del} without an action or table)
 * @param from source selector (host bits kept as given), or null for {@code all}
 * @param to destination selector, or null
 * @param iif input device name, or null
 * @param oif output device name, or null
 * @param fwmark firewall mark, or null
 * @param fwmask firewall mark mask, or null
 * @param tos TOS selector (0 = any)
 * @param dscp DSCP selector, or null
 * @param ipProto IP protocol number selector, or null
 * @param sport source port range, or null
 * @param dport destination port range, or null
 * @param uidRange uid range, or null
 * @param l3mdev use the table of the flow's L3 master device (VRF)
 * @param invert {@code not}: invert the whole match
 * @param suppressPrefixLength reject table results with prefix length ≤ this, or null
 * @param suppressIfGroup reject table results whose device is in this group, or null
 * @param protocol who installed the rule ({@code proto}); UNSPEC when not set
 * @param flags states reported by the kernel
 * @param realms IPv4 realms ({@code FRA_FLOW}, from-realm {@code << 16 |} to-realm; 0 = none)
 */
public record Rule(
        Family family,
        Long priority,
        RuleAction action,
        CidrAddress from,
        CidrAddress to,
        String iif,
        String oif,
        Long fwmark,
        Long fwmask,
        int tos,
        Integer dscp,
        Integer ipProto,
        PortRange sport,
        PortRange dport,
        UidRange uidRange,
        boolean l3mdev,
        boolean invert,
        Integer suppressPrefixLength,
        Integer suppressIfGroup,
        RouteProtocol protocol,
        Set<RuleFlag> flags,
        long realms) {

    /**
     * Validates that the parts agree and freezes the flags.
     *
     * @param family address family
     * @param priority the priority ({@code pref}), or null to let the kernel choose
     * @param action what the rule does; null only in a rule given to {@link Routing#deleteRule(Rule)}, where it
     *     matches any action (iproute2's {@code ip rule del} without an action or table)
     * @param from source selector (host bits kept as given), or null for {@code all}
     * @param to destination selector, or null
     * @param iif input device name, or null
     * @param oif output device name, or null
     * @param fwmark firewall mark, or null
     * @param fwmask firewall mark mask, or null
     * @param tos TOS selector (0 = any)
     * @param dscp DSCP selector, or null
     * @param ipProto IP protocol number selector, or null
     * @param sport source port range, or null
     * @param dport destination port range, or null
     * @param uidRange uid range, or null
     * @param l3mdev use the table of the flow's L3 master device (VRF)
     * @param invert {@code not}: invert the whole match
     * @param suppressPrefixLength reject table results with prefix length ≤ this, or null
     * @param suppressIfGroup reject table results whose device is in this group, or null
     * @param protocol who installed the rule ({@code proto}); UNSPEC when not set
     * @param flags states reported by the kernel
     * @param realms IPv4 realms ({@code FRA_FLOW}, from-realm {@code << 16 |} to-realm; 0 = none)
     */
    public Rule {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(protocol, "protocol");
        if (priority != null && (priority < 0 || priority > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("priority " + priority + " out of range 0..4294967295");
        }
        if (from != null && from.family() != family) {
            throw new IllegalArgumentException("from " + from + " is not " + family.ipName() + " like the rule");
        }
        if (to != null && to.family() != family) {
            throw new IllegalArgumentException("to " + to + " is not " + family.ipName() + " like the rule");
        }
        checkName(iif, "iif");
        checkName(oif, "oif");
        checkU32(fwmark, "fwmark");
        checkU32(fwmask, "fwmask");
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos " + tos + " out of range 0..255");
        }
        if (dscp != null && (dscp < 0 || dscp > 63)) {
            throw new IllegalArgumentException("dscp " + dscp + " out of range 0..63");
        }
        if (ipProto != null && (ipProto < 0 || ipProto > 255)) {
            throw new IllegalArgumentException("ipproto " + ipProto + " out of range 0..255");
        }
        if (suppressPrefixLength != null && (suppressPrefixLength < 0 || suppressPrefixLength > 128)) {
            throw new IllegalArgumentException("suppress_prefixlength " + suppressPrefixLength
                    + " out of range 0..128");
        }
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        if (realms < 0 || realms > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("realms " + realms + " out of range 0..4294967295");
        }
    }

    /**
     * A rule without realms (the constructor before {@code realms} was added).
     *
     * @param family address family
     * @param priority the priority ({@code pref}), or null to let the kernel choose
     * @param action what the rule does; null only in a rule given to {@link Routing#deleteRule(Rule)}, where it
     *     matches any action (iproute2's {@code ip rule del} without an action or table)
     * @param from source selector (host bits kept as given), or null for {@code all}
     * @param to destination selector, or null
     * @param iif input device name, or null
     * @param oif output device name, or null
     * @param fwmark firewall mark, or null
     * @param fwmask firewall mark mask, or null
     * @param tos TOS selector (0 = any)
     * @param dscp DSCP selector, or null
     * @param ipProto IP protocol number selector, or null
     * @param sport source port range, or null
     * @param dport destination port range, or null
     * @param uidRange uid range, or null
     * @param l3mdev use the table of the flow's L3 master device (VRF)
     * @param invert {@code not}: invert the whole match
     * @param suppressPrefixLength reject table results with prefix length ≤ this, or null
     * @param suppressIfGroup reject table results whose device is in this group, or null
     * @param protocol who installed the rule ({@code proto}); UNSPEC when not set
     * @param flags states reported by the kernel
     */
    public Rule(Family family, Long priority, RuleAction action, CidrAddress from, CidrAddress to, String iif,
            String oif, Long fwmark, Long fwmask, int tos, Integer dscp, Integer ipProto, PortRange sport,
            PortRange dport, UidRange uidRange, boolean l3mdev, boolean invert, Integer suppressPrefixLength,
            Integer suppressIfGroup, RouteProtocol protocol, Set<RuleFlag> flags) {
        this(family, priority, action, from, to, iif, oif, fwmark, fwmask, tos, dscp, ipProto, sport, dport, uidRange,
                l3mdev, invert, suppressPrefixLength, suppressIfGroup, protocol, flags, 0L);
    }

    private static void checkName(String n, String what) {
        if (n != null && (n.isEmpty() || n.length() > 15 || n.indexOf(' ') >= 0 || n.indexOf('/') >= 0)) {
            throw new IllegalArgumentException("invalid " + what + " device name \"" + n + "\"");
        }
    }

    private static void checkU32(Long v, String what) {
        if (v != null && (v < 0 || v > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(what + " " + v + " out of range 0..0xffffffff");
        }
    }

    /**
     * Parses what {@code ip rule add} accepts and every line {@code ip rule show} / {@code ip -6 rule show}
     * prints (the {@code NNN:} priority prefix included). Defaults: action lookup, table main; family from
     * the addresses, else IPv4 (use {@link #parse(String, Family)} for an address-less IPv6 rule).
     *
     * @param text the rule, in iproute2 syntax
     * @return the rule
     * @throws IllegalArgumentException naming the bad token and its position
     */
    public static Rule parse(String text) {
        return IpRouteSyntax.parseRule(text, null);
    }

    /**
     * Parses a rule of a given family (needed for address-less IPv6 rules such as {@code 0: from all lookup local}).
     *
     * @param text the rule, in iproute2 syntax
     * @param family the family
     * @return the rule
     * @throws IllegalArgumentException naming the bad token and its position
     */
    public static Rule parse(String text, Family family) {
        return IpRouteSyntax.parseRule(text, family);
    }

    /**
     * Parses the arguments of {@code ip rule del}: like {@link #parse(String, Family)}, but without an action or
     * table the rule matches any action (the kernel's wildcard), as iproute2 sends it.
     *
     * <pre>{@code
     * routing.deleteRule(Rule.parseSelector("pref 100", Family.INET));   // deletes the rule at priority 100
     * }</pre>
     *
     * @param text the arguments of {@code ip rule del}
     * @param family the family
     * @return the rule selector
     * @throws IllegalArgumentException naming the bad token and its position
     */
    public static Rule parseSelector(String text, Family family) {
        return IpRouteSyntax.parseRuleSelector(text, family);
    }

    /**
     * A new builder (IPv4, action lookup main, unless set).
     *
     * @return a new builder (IPv4, action lookup main, unless set)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this rule's values.
     *
     * @return a builder holding this rule's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The table of a lookup rule, or null for other actions.
     *
     * @return the table of a lookup rule, or null for other actions
     */
    public RouteTable table() {
        return action instanceof RuleAction.Lookup l ? l.table() : null;
    }

    /**
     * Prints exactly what {@code ip rule show} prints ({@code PRIO:\tSELECTORS ACTION}); a rule without a priority
     * prints without the {@code PRIO:\t} prefix, so that it parses back without one.
     */
    @Override
    public String toString() {
        return IpRouteSyntax.formatRule(this);
    }

    /**
     * Builder for {@link Rule}.
     *
     * <pre>{@code
     * Rule r = Rule.builder().priority(100).from(IpPrefix.parse("10.0.0.0/32")).table(RouteTable.of(44)).build();
     * r.toString();                                        // "100:\tfrom 10.0.0.0 lookup 44"
     * Rule marked = r.toBuilder().fwmark(0x1L).build();
     * }</pre>
     *
     * <p>Not thread-safe: a builder is filled by one thread; what it builds is immutable and safe to share.
     */
    public static final class Builder {
        private Family family;
        private Long priority;
        private RuleAction action;
        private boolean anyAction;
        private CidrAddress from;
        private CidrAddress to;
        private String iif;
        private String oif;
        private Long fwmark;
        private Long fwmask;
        private int tos;
        private Integer dscp;
        private Integer ipProto;
        private PortRange sport;
        private PortRange dport;
        private UidRange uidRange;
        private boolean l3mdev;
        private boolean invert;
        private Integer suppressPrefixLength;
        private Integer suppressIfGroup;
        private RouteProtocol protocol = RouteProtocol.UNSPEC;
        private Set<RuleFlag> flags = Set.of();
        private long realms;

        Builder() {}

        Builder(Rule r) {
            family = r.family;
            priority = r.priority;
            action = r.action;
            anyAction = r.action == null;
            from = r.from;
            to = r.to;
            iif = r.iif;
            oif = r.oif;
            fwmark = r.fwmark;
            fwmask = r.fwmask;
            tos = r.tos;
            dscp = r.dscp;
            ipProto = r.ipProto;
            sport = r.sport;
            dport = r.dport;
            uidRange = r.uidRange;
            l3mdev = r.l3mdev;
            invert = r.invert;
            suppressPrefixLength = r.suppressPrefixLength;
            suppressIfGroup = r.suppressIfGroup;
            protocol = r.protocol;
            flags = r.flags;
            realms = r.realms;
        }

        /**
         * Family (default from the addresses, else IPv4).
         *
         * @param v address family
         * @return this builder
         */
        public Builder family(Family v) { family = v; return this; }
        /**
         * Priority, or null for kernel-chosen.
         *
         * @param v the priority ({@code pref}), or null to let the kernel choose
         * @return this builder
         */
        public Builder priority(Long v) { priority = v; return this; }
        /**
         * Priority ({@code pref}), as a primitive: {@code priority(100)} compiles (an {@code int} does not convert to {@code Long}).
         *
         * @param v the value, 0..4294967295
         * @return this builder
         */
        public Builder priority(long v) { priority = v; return this; }
        /**
         * Action (default lookup main).
         *
         * @param v what the rule does; null only in a rule given to {@link Routing#deleteRule(Rule)}, where it
         *     matches any action (iproute2's {@code ip rule del} without an action or table)
         * @return this builder
         */
        public Builder action(RuleAction v) { action = v; anyAction = v == null && anyAction; return this; }
        /**
         * No action: a delete selector matching any action and table ({@code ip rule del pref 100}).
         *
         * @return this builder
         */
        public Builder anyAction() { action = null; anyAction = true; return this; }
        /**
         * Lookup a table.
         *
         * @param v the table
         * @return this builder
         */
        public Builder table(RouteTable v) { action = RuleAction.lookup(v); return this; }
        /**
         * Source selector.
         *
         * @param v source selector (host bits kept as given), or null for {@code all}
         * @return this builder
         */
        public Builder from(CidrAddress v) { from = v; return this; }
        /**
         * Source selector.
         *
         * @param v source selector (host bits kept as given), or null for {@code all}
         * @return this builder
         */
        public Builder from(IpPrefix v) { from = v == null ? null : CidrAddress.of(v); return this; }
        /**
         * Destination selector.
         *
         * @param v destination selector, or null
         * @return this builder
         */
        public Builder to(CidrAddress v) { to = v; return this; }
        /**
         * Destination selector.
         *
         * @param v destination selector, or null
         * @return this builder
         */
        public Builder to(IpPrefix v) { to = v == null ? null : CidrAddress.of(v); return this; }
        /**
         * Input device.
         *
         * @param v input device name, or null
         * @return this builder
         */
        public Builder iif(String v) { iif = v; return this; }
        /**
         * Output device.
         *
         * @param v output device name, or null
         * @return this builder
         */
        public Builder oif(String v) { oif = v; return this; }
        /**
         * Firewall mark.
         *
         * @param v firewall mark, or null
         * @return this builder
         */
        public Builder fwmark(Long v) { fwmark = v; return this; }
        /**
         * Firewall mark, as a primitive: {@code fwmark(100)} compiles (an {@code int} does not convert to {@code Long}).
         *
         * @param v the value, 0..4294967295
         * @return this builder
         */
        public Builder fwmark(long v) { fwmark = v; return this; }
        /**
         * Firewall mark mask.
         *
         * @param v firewall mark mask, or null
         * @return this builder
         */
        public Builder fwmask(Long v) { fwmask = v; return this; }
        /**
         * Firewall mark mask, as a primitive: {@code fwmask(100)} compiles (an {@code int} does not convert to {@code Long}).
         *
         * @param v the value, 0..4294967295
         * @return this builder
         */
        public Builder fwmask(long v) { fwmask = v; return this; }
        /**
         * TOS.
         *
         * @param v TOS selector (0 = any)
         * @return this builder
         */
        public Builder tos(int v) { tos = v; return this; }
        /**
         * DSCP.
         *
         * @param v DSCP selector, or null
         * @return this builder
         */
        public Builder dscp(Integer v) { dscp = v; return this; }
        /**
         * IP protocol.
         *
         * @param v IP protocol number selector, or null
         * @return this builder
         */
        public Builder ipProto(Integer v) { ipProto = v; return this; }
        /**
         * Source ports.
         *
         * @param v source port range, or null
         * @return this builder
         */
        public Builder sport(PortRange v) { sport = v; return this; }
        /**
         * Destination ports.
         *
         * @param v destination port range, or null
         * @return this builder
         */
        public Builder dport(PortRange v) { dport = v; return this; }
        /**
         * Uid range.
         *
         * @param v uid range, or null
         * @return this builder
         */
        public Builder uidRange(UidRange v) { uidRange = v; return this; }
        /**
         * l3mdev.
         *
         * @param v use the table of the flow's L3 master device (VRF)
         * @return this builder
         */
        public Builder l3mdev(boolean v) { l3mdev = v; return this; }
        /**
         * not.
         *
         * @param v {@code not}: invert the whole match
         * @return this builder
         */
        public Builder invert(boolean v) { invert = v; return this; }
        /**
         * suppress_prefixlength.
         *
         * @param v reject table results with prefix length ≤ this, or null
         * @return this builder
         */
        public Builder suppressPrefixLength(Integer v) { suppressPrefixLength = v; return this; }
        /**
         * suppress_ifgroup.
         *
         * @param v reject table results whose device is in this group, or null
         * @return this builder
         */
        public Builder suppressIfGroup(Integer v) { suppressIfGroup = v; return this; }
        /**
         * Protocol.
         *
         * @param v who installed the rule ({@code proto}); UNSPEC when not set
         * @return this builder
         */
        public Builder protocol(RouteProtocol v) { protocol = v; return this; }
        /**
         * Kernel-reported flags.
         *
         * @param v states reported by the kernel
         * @return this builder
         */
        public Builder flags(Set<RuleFlag> v) { flags = v; return this; }
        /**
         * Realms ({@code FRA_FLOW}).
         *
         * @param v IPv4 realms ({@code FRA_FLOW}, from-realm {@code << 16 |} to-realm; 0 = none)
         * @return this builder
         */
        public Builder realms(long v) { realms = v; return this; }

        /**
         * Builds the rule.
         *
         * @return the rule
         */
        public Rule build() {
            Family f = family;
            if (f == null) {
                f = from != null ? from.family() : to != null ? to.family() : Family.INET;
            }
            RuleAction a = action != null ? action : anyAction ? null : RuleAction.lookup(RouteTable.MAIN);
            return new Rule(f, priority, a, from, to, iif, oif, fwmark, fwmask, tos, dscp, ipProto, sport, dport,
                    uidRange, l3mdev, invert, suppressPrefixLength, suppressIfGroup,
                    protocol == null ? RouteProtocol.UNSPEC : protocol, flags, realms);
        }
    }
}
