package io.github.netroute.routing;

/**
 * A route type ({@code rtm_type}), named as iproute2 names it.
 *
 * <pre>{@code
 * RouteType t = RouteType.parse("local");   // LOCAL
 * t.number();                               // 2
 * t.isError();                              // false; BLACKHOLE.isError() is true
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum RouteType {
    /** 0: no type; a wildcard when deleting. */
    UNSPEC(0, "none"),
    /** 1: a gateway or direct route. */
    UNICAST(1, "unicast"),
    /** 2: accept locally. */
    LOCAL(2, "local"),
    /** 3: accept locally as broadcast, send as broadcast. */
    BROADCAST(3, "broadcast"),
    /** 4: accept locally as broadcast, send as unicast. */
    ANYCAST(4, "anycast"),
    /** 5: a multicast route. */
    MULTICAST(5, "multicast"),
    /** 6: drop silently. */
    BLACKHOLE(6, "blackhole"),
    /** 7: destination unreachable. */
    UNREACHABLE(7, "unreachable"),
    /** 8: administratively prohibited. */
    PROHIBIT(8, "prohibit"),
    /** 9: not in this table; continue with the next rule. */
    THROW(9, "throw"),
    /** 10: stateless NAT (no longer supported by IPv4 forwarding). */
    NAT(10, "nat"),
    /** 11: external resolver. */
    XRESOLVE(11, "xresolve");

    private static final RouteType[] BY_NUMBER = values();

    private final int number;
    private final String ipName;

    RouteType(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /**
     * The kernel's {@code RTN_*} number.
     *
     * @return the kernel's {@code RTN_*} number
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
     * Error-like types: they have no nexthop and end or divert a lookup (blackhole, unreachable,
     * prohibit, throw, nat, xresolve), as the kernel's {@code fib_props} marks them.
     *
     * @return true for the error-like types
     */
    public boolean isError() {
        return number >= 6;
    }

    /**
     * The type for a kernel number.
     *
     * @param n the {@code RTN_*} number
     * @return the type for a kernel number
     * @throws IllegalArgumentException for numbers above 11
     */
    public static RouteType ofNumber(int n) {
        if (n < 0 || n >= BY_NUMBER.length) {
            throw new IllegalArgumentException("unknown route type " + n);
        }
        return BY_NUMBER[n];
    }

    /**
     * Parses an iproute2 type word ({@code unicast}, {@code local}, …) or a number.
     *
     * @param s the word or number
     * @return the type
     * @throws IllegalArgumentException naming the bad text
     */
    public static RouteType parse(String s) {
        for (RouteType t : BY_NUMBER) {
            if (t.ipName.equals(s)) {
                return t;
            }
        }
        try {
            return ofNumber(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown route type \"" + s + "\"");
        }
    }

    /** The type word, e.g. {@code local}. */
    @Override
    public String toString() {
        return ipName;
    }
}
