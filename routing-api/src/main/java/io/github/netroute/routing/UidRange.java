package io.github.netroute.routing;

/**
 * A uid range selector of a rule ({@code uidrange 1000-2000}).
 *
 * <pre>{@code
 * UidRange.parse("1000-2000").contains(1500);   // true
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param start first uid (unsigned 32 bits)
 * @param end last uid (unsigned 32 bits)
 */
public record UidRange(long start, long end) {
    /**
     * Validates the range (start above end is for the kernel to refuse, not for this value).
     *
     * @param start first uid (unsigned 32 bits)
     * @param end last uid (unsigned 32 bits)
     */
    public UidRange {
        if (start < 0 || start > 0xFFFF_FFFFL || end < 0 || end > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uid range " + start + "-" + end + " out of range 0..4294967295");
        }
    }

    /**
     * Parses {@code START-END} (iproute2 requires both).
     *
     * @param s {@code START-END}
     * @return the range
     * @throws IllegalArgumentException naming the bad text
     */
    public static UidRange parse(String s) {
        int dash = s.indexOf('-');
        try {
            if (dash < 0) {
                throw new IllegalArgumentException("invalid uid range \"" + s + "\" (START-END)");
            }
            return new UidRange(Long.parseLong(s.substring(0, dash)), Long.parseLong(s.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid uid range \"" + s + "\"");
        }
    }

    /**
     * Whether a uid lies in the range.
     *
     * @param uid the uid
     * @return whether a uid lies in the range
     */
    public boolean contains(long uid) {
        return uid >= start && uid <= end;
    }

    /** {@code 1000-2000}. */
    @Override
    public String toString() {
        return start + "-" + end;
    }
}
