package io.github.netroute.routing;

import io.github.netroute.routing.internal.FlagBits;

/**
 * States the kernel reports on a rule ({@code FIB_RULE_*} flags other than {@code invert}).
 *
 * <pre>{@code
 * Rule r = Rule.parse("1000:\tfrom all iif nosuch [detached] lookup 10");
 * r.flags().contains(RuleFlag.IIF_DETACHED);   // true
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum RuleFlag {
    /** FIB_RULE_PERMANENT (1): cannot be deleted. */
    PERMANENT(1),
    /** FIB_RULE_UNRESOLVED (4): a goto whose target priority has no rule ({@code [unresolved]}). */
    UNRESOLVED(4),
    /** FIB_RULE_IIF_DETACHED (8): the iif names no existing device ({@code [detached]}). */
    IIF_DETACHED(8),
    /** FIB_RULE_OIF_DETACHED (16): the oif names no existing device ({@code [detached]}). */
    OIF_DETACHED(16);

    private final int bit;

    RuleFlag(int bit) {
        this.bit = bit;
    }

    /**
     * The flag bit in {@code fib_rule_hdr.flags}.
     *
     * @return the flag bit in {@code fib_rule_hdr.flags}
     */
    public int bit() {
        return bit;
    }

    /**
     * The flags in a bit mask (FIB_RULE_INVERT and unknown bits dropped).
     *
     * @param bits the {@code FIB_RULE_*} bit mask
     * @return the flags in a bit mask (FIB_RULE_INVERT and unknown bits dropped)
     */
    public static java.util.Set<RuleFlag> ofBits(int bits) {
        return FlagBits.of(RuleFlag.class, RuleFlag::bit, bits);
    }
}
