package io.github.netroute.routing.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Flag enums to and from the kernel's bit masks ({@code IFA_F_*}, {@code RTNH_F_*}, {@code FIB_RULE_*}): the one
 * implementation of {@code AddressFlag}, {@code NextHopFlag} and {@code RuleFlag}'s {@code ofBits} and
 * {@code toBits}. Not API.
 */
public final class FlagBits {
    private FlagBits() {}

    /**
     * The constants of {@code type} whose bit is set in {@code bits}, in declaration order; unknown bits are dropped.
     *
     * @param <F> the flag enum
     * @param type the flag enum's class
     * @param bit a constant's bit
     * @param bits the bit mask
     * @return a new modifiable set
     */
    public static <F extends Enum<F>> Set<F> of(Class<F> type, ToIntFunction<F> bit, int bits) {
        EnumSet<F> s = EnumSet.noneOf(type);
        for (F f : type.getEnumConstants()) {
            if ((bits & bit.applyAsInt(f)) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    /**
     * The bit mask of {@code flags}.
     *
     * @param <F> the flag type
     * @param bit a flag's bit
     * @param flags the flags
     * @return their bits or-ed together
     */
    public static <F> int mask(ToIntFunction<F> bit, Collection<F> flags) {
        int b = 0;
        for (F f : flags) {
            b |= bit.applyAsInt(f);
        }
        return b;
    }
}
