package io.github.netroute.routing.internal;

/** Number parsing as iproute2's {@code get_unsigned} does it (decimal, 0x hex, 0 octal). Not API. */
public final class Numbers {
    private Numbers() {}

    /**
     * Parses an unsigned number in C's {@code strtoul(s, 0)} syntax, bounded by {@code max}.
     *
     * @throws IllegalArgumentException naming {@code what} and the text
     */
    public static long parseUnsigned(String s, long max, String what) {
        long v = parseOrMinus1(s);
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("invalid " + what + " \"" + s + "\"");
        }
        return v;
    }

    /** The value of {@code s} as strtoul with base 0 reads a whole string, or -1. */
    public static long parseOrMinus1(String s) {
        if (s == null || s.isEmpty() || s.length() > 24) {
            return -1;
        }
        int radix = 10;
        int start = 0;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            start = 2;
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            start = 1;
        }
        if (start >= s.length()) {
            return -1;
        }
        long v = 0;
        for (int i = start; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFF_FFFF_FFFFL) {
                return -1;
            }
        }
        return v;
    }
}
