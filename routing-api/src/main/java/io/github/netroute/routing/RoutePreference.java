package io.github.netroute.routing;

/**
 * An IPv6 router preference ({@code RTA_PREF}, RFC 4191).
 *
 * <pre>{@code
 * Route.parse("2001:db8::/64 via fe80::1 dev eth0 pref high").preference();   // HIGH
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum RoutePreference {
    /** 0: medium, the default. */
    MEDIUM(0, "medium"),
    /** 1: high. */
    HIGH(1, "high"),
    /** 3: low. */
    LOW(3, "low");

    private final int number;
    private final String ipName;

    RoutePreference(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /**
     * The ICMPV6_ROUTER_PREF_* number.
     *
     * @return the ICMPV6_ROUTER_PREF_* number
     */
    public int number() {
        return number;
    }

    /**
     * The word iproute2 uses.
     *
     * @return the word iproute2 uses
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The preference for a kernel number; the kernel treats anything else (2, invalid) as medium.
     *
     * @param n the {@code ICMPV6_ROUTER_PREF_*} number
     * @return the preference for a kernel number; the kernel treats anything else (2, invalid) as medium
     */
    public static RoutePreference ofNumber(int n) {
        return n == 1 ? HIGH : n == 3 ? LOW : MEDIUM;
    }

    /**
     * Parses {@code low}, {@code medium} or {@code high}.
     *
     * @param s the word
     * @return the preference
     * @throws IllegalArgumentException for any other word
     */
    public static RoutePreference parse(String s) {
        for (RoutePreference p : values()) {
            if (p.ipName.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("invalid pref \"" + s + "\" (low, medium or high)");
    }

    @Override
    public String toString() {
        return ipName;
    }
}
