package io.github.netroute.routing.model;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import java.util.List;

/**
 * The policy rules of one family, in the kernel's list order, compiled for fast matching: selectors become masks
 * and ranges, gotos are resolved to the first rule with the target priority (or marked unresolved). Immutable.
 *
 * <pre>{@code
 * PolicyRules v4 = PolicyRules.of(Family.INET, List.of(
 *     Rule.builder().priority(0L).table(RouteTable.LOCAL).build(),
 *     Rule.builder().priority(100L).from(IpPrefix.parse("10.0.0.0/32")).table(RouteTable.of(44)).build(),
 *     Rule.builder().priority(32766L).table(RouteTable.MAIN).build()));
 * v4.size();               // 3
 * v4.isUnresolved(1);      // false (not a goto)
 * }</pre>
 *
 * <p>Every rule must have a priority (the kernel always assigns one).
 * <p>Immutable (built once, never changed) and safe to share between threads.
 */
public final class PolicyRules {
    static final int A_TO_TBL = 1;
    static final int A_GOTO = 2;
    static final int A_NOP = 3;
    static final int A_BLACKHOLE = 6;
    static final int A_UNREACHABLE = 7;
    static final int A_PROHIBIT = 8;

    static final class C {
        Rule rule;
        long pref;
        int action;
        long table;
        int gotoIndex = -1;
        long srcHi;
        long srcLo;
        int srcLen;
        long dstHi;
        long dstLo;
        int dstLen;
        String iif;
        String oif;
        long mark;
        long mask;
        int tos;
        int dscp = -1;
        int ipProto;
        int sportStart = -1;
        int sportEnd;
        int dportStart = -1;
        int dportEnd;
        long uidStart = 0;
        long uidEnd = 0xFFFF_FFFFL;
        boolean invert;
        boolean l3mdev;
        int suppressPrefixLength = -1;
        long suppressIfGroup = -1;
    }

    private final Family family;
    private final List<Rule> rules;
    final C[] compiled;
    /**
     * IPv4 only, else null: for a rule inside a run of {@link #MIN_RUN} or more consecutive rules that select on
     * their source prefix alone, the run it belongs to (null outside runs). Lets an untraced lookup jump over a
     * run's rules that cannot match in one probe per source length instead of testing each rule
     * ({@link #firstMatchInRun}; the traced lookup tests each rule, and a property compares the two).
     */
    final SourceRun[] runOf;

    /** Shortest run of source-only rules worth indexing. */
    static final int MIN_RUN = 8;

    /** Consecutive source-only IPv4 rules, indexed by (source length, masked source) -> rule indexes ascending. */
    static final class SourceRun {
        final int end;
        /** The source lengths present, longest first. */
        final int[] lengths;
        /** Open addressing, no boxing: key(masked source, length) + 1 (0 = empty slot) and the rule indexes. */
        private final long[] keys;
        private final int[][] indexes;

        SourceRun(int end, int[] lengths, java.util.Map<Long, int[]> byPrefix) {
            this.end = end;
            this.lengths = lengths;
            int cap = Integer.highestOneBit(Math.max(2, byPrefix.size()) * 2) * 2;
            this.keys = new long[cap];
            this.indexes = new int[cap][];
            byPrefix.forEach((k, v) -> {
                int i = slot(k);
                while (keys[i] != 0) {
                    i = (i + 1) & (cap - 1);
                }
                keys[i] = k + 1;
                indexes[i] = v;
            });
        }

        private int slot(long key) {
            return Bits.mix(key, 0, 0) & (keys.length - 1);
        }

        /** The rule indexes of a key, ascending, or null. */
        int[] get(long key) {
            for (int i = slot(key); keys[i] != 0; i = (i + 1) & (keys.length - 1)) {
                if (keys[i] == key + 1) {
                    return indexes[i];
                }
            }
            return null;
        }
    }

    private PolicyRules(Family family, List<Rule> rules) {
        this.family = family;
        this.rules = List.copyOf(rules);
        this.compiled = new C[this.rules.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compile(this.rules.get(i));
        }
        this.runOf = family == Family.INET ? sourceRuns(compiled) : null;
        for (int i = 0; i < compiled.length; i++) {
            C c = compiled[i];
            if (c.action == A_GOTO) {
                long target = ((RuleAction.Goto) c.rule.action()).target();
                for (int j = 0; j < compiled.length; j++) {
                    if (compiled[j].pref == target) {
                        c.gotoIndex = j;
                        break;
                    }
                }
            }
        }
    }

    /**
     * Compiles rules given in list order.
     *
     * @param family the family
     * @param rules the rules, in list order
     * @return the compiled rules
     * @throws IllegalArgumentException for a rule without priority or of another family
     */
    public static PolicyRules of(Family family, List<Rule> rules) {
        for (Rule r : rules) {
            if (r.priority() == null) {
                throw new IllegalArgumentException("rule without priority: " + r);
            }
            if (r.family() != family) {
                throw new IllegalArgumentException("rule " + r + " is not " + family.ipName());
            }
        }
        return new PolicyRules(family, rules);
    }

    /**
     * The family.
     *
     * @return the family
     */
    public Family family() {
        return family;
    }

    /**
     * The rules in list order.
     *
     * @return the rules in list order
     */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The number of rules.
     *
     * @return the number of rules
     */
    public int size() {
        return rules.size();
    }

    /**
     * Whether rule {@code i} is a goto whose target priority has no rule ({@code [unresolved]}).
     *
     * @param i the rule's index in list order
     * @return whether rule {@code i} is a goto whose target priority has no rule ({@code [unresolved]})
     */
    public boolean isUnresolved(int i) {
        C c = compiled[i];
        return c.action == A_GOTO && c.gotoIndex < 0;
    }

    private static C compile(Rule r) {
        C c = new C();
        c.rule = r;
        c.pref = r.priority();
        c.action = r.action().number();
        if (r.action() instanceof RuleAction.Lookup l) {
            c.table = l.table().id();
        }
        if (r.from() != null) {
            c.srcLen = r.from().length();
            c.srcHi = Bits.maskHi(Bits.hi(r.from().address()), c.srcLen);
            c.srcLo = Bits.maskLo(Bits.lo(r.from().address()), c.srcLen);
        }
        if (r.to() != null) {
            c.dstLen = r.to().length();
            c.dstHi = Bits.maskHi(Bits.hi(r.to().address()), c.dstLen);
            c.dstLo = Bits.maskLo(Bits.lo(r.to().address()), c.dstLen);
        }
        c.iif = r.iif();
        c.oif = r.oif();
        if (r.fwmark() != null) {
            c.mark = r.fwmark();
            c.mask = r.fwmask() != null ? r.fwmask() : (r.fwmark() != 0 ? 0xFFFF_FFFFL : 0L);
        } else if (r.fwmask() != null) {
            c.mask = r.fwmask();
        }
        c.tos = r.tos();
        c.dscp = r.dscp() == null ? -1 : r.dscp();
        c.ipProto = r.ipProto() == null ? 0 : r.ipProto();
        if (r.sport() != null) {
            c.sportStart = r.sport().start();
            c.sportEnd = r.sport().end();
        }
        if (r.dport() != null) {
            c.dportStart = r.dport().start();
            c.dportEnd = r.dport().end();
        }
        if (r.uidRange() != null) {
            c.uidStart = r.uidRange().start();
            c.uidEnd = r.uidRange().end();
        }
        c.invert = r.invert();
        c.l3mdev = r.l3mdev();
        c.suppressPrefixLength = r.suppressPrefixLength() == null ? -1 : r.suppressPrefixLength();
        c.suppressIfGroup = r.suppressIfGroup() == null ? -1 : r.suppressIfGroup() & 0xFFFF_FFFFL;
        return c;
    }

    /** An IPv4 rule whose only selector is a source prefix (matching exactly the flows whose source is in it). */
    static boolean sourceOnly(C c) {
        return c.srcLen > 0 && c.iif == null && c.oif == null && c.mask == 0 && !c.l3mdev && c.uidStart == 0
                && c.uidEnd == 0xFFFF_FFFFL && c.dstLen == 0 && c.tos == 0 && c.dscp < 0 && c.ipProto == 0
                && c.sportStart < 0 && c.dportStart < 0 && !c.invert;
    }

    private static SourceRun[] sourceRuns(C[] cs) {
        SourceRun[] out = null;
        for (int i = 0; i < cs.length;) {
            int j = i;
            while (j < cs.length && sourceOnly(cs[j])) {
                j++;
            }
            if (j - i >= MIN_RUN) {
                java.util.Map<Long, List<Integer>> m = new java.util.HashMap<>();
                java.util.TreeSet<Integer> lens = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
                for (int k = i; k < j; k++) {
                    lens.add(cs[k].srcLen);
                    m.computeIfAbsent(key(cs[k].srcHi, cs[k].srcLen), x -> new java.util.ArrayList<>()).add(k);
                }
                java.util.Map<Long, int[]> idx = new java.util.HashMap<>();
                m.forEach((key, l) -> idx.put(key, l.stream().mapToInt(Integer::intValue).toArray()));
                SourceRun run = new SourceRun(j, lens.stream().mapToInt(Integer::intValue).toArray(), idx);
                if (out == null) {
                    out = new SourceRun[cs.length];
                }
                for (int k = i; k < j; k++) {
                    out[k] = run;
                }
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }

    private static long key(long srcHi, int len) {
        return (srcHi >>> 32) << 8 | len;
    }

    /**
     * For rule {@code i} inside a run: the first rule at or after {@code i} in the run that matches the flow, or the
     * run's end (the index after its last rule) when none does. Equal to testing each rule with {@link #matches}.
     */
    static int firstMatchInRun(SourceRun run, int i, Flow f) {
        int best = run.end;
        for (int len : run.lengths) {
            int[] at = run.get(key(Bits.maskHi(f.srcHi, len), len));
            if (at != null) {
                int p = java.util.Arrays.binarySearch(at, i);
                p = p >= 0 ? p : -p - 1;
                if (p < at.length && at[p] < best) {
                    best = at[p];
                }
            }
        }
        return best;
    }

    /** fib_rule_match + fib4_rule_match / fib6_rule_match. */
    static boolean matches(C c, Flow f) {
        boolean ok = matchesInner(c, f);
        return c.invert != ok;
    }

    private static boolean matchesInner(C c, Flow f) {
        if (c.iif != null && (f.iif == null || !c.iif.equals(f.iif) || !f.iifExists)) {
            return false;
        }
        if (c.oif != null && (f.oifName == null || !c.oif.equals(f.oifName))) {
            return false;
        }
        if (((c.mark ^ f.mark) & c.mask) != 0) {
            return false;
        }
        if (c.l3mdev) {
            return false; // no VRFs modelled
        }
        if (f.uid < c.uidStart || f.uid > c.uidEnd) {
            return false;
        }
        if (f.family == Family.INET) {
            if (c.srcLen > 0 && (Bits.maskHi(f.srcHi, c.srcLen) != c.srcHi)) {
                return false;
            }
            if (c.dstLen > 0 && (Bits.maskHi(f.dstHi, c.dstLen) != c.dstHi)) {
                return false;
            }
            if (c.tos != 0 && (f.tos & 0x1C) != c.tos) {
                return false;
            }
            if (c.dscp >= 0 && ((f.tos >> 2) & 0x3F) != c.dscp) {
                return false;
            }
        } else {
            if (c.dstLen > 0 && !Bits.in(f.dstHi, f.dstLo, c.dstHi, c.dstLo, c.dstLen)) {
                return false;
            }
            if (c.srcLen > 0 && (!f.hasSrc || !Bits.in(f.srcHi, f.srcLo, c.srcHi, c.srcLo, c.srcLen))) {
                return false;
            }
            if (c.tos != 0 && (f.tos & 0xFC) != c.tos) {
                return false;
            }
            if (c.dscp >= 0 && ((f.tos >> 2) & 0x3F) != c.dscp) {
                return false;
            }
        }
        if (c.ipProto != 0 && c.ipProto != f.ipProto) {
            return false;
        }
        if (c.sportStart >= 0 && (f.sport < c.sportStart || f.sport > c.sportEnd)) {
            return false;
        }
        if (c.dportStart >= 0 && (f.dport < c.dportStart || f.dport > c.dportEnd)) {
            return false;
        }
        return true;
    }

    /** Why a rule did not match (for traces). */
    static String mismatch(C c, Flow f) {
        if (c.invert) {
            return "not: the selectors matched";
        }
        if (c.iif != null && (f.iif == null || !c.iif.equals(f.iif) || !f.iifExists)) {
            return "iif " + c.iif + " (flow iif " + f.iif + ")";
        }
        if (c.oif != null && (f.oifName == null || !c.oif.equals(f.oifName))) {
            return "oif " + c.oif + " (flow oif " + f.oifName + ")";
        }
        if (((c.mark ^ f.mark) & c.mask) != 0) {
            return "fwmark (flow mark 0x" + Long.toHexString(f.mark) + ")";
        }
        if (f.uid < c.uidStart || f.uid > c.uidEnd) {
            return "uidrange (flow uid " + f.uid + ")";
        }
        return "selectors";
    }
}
