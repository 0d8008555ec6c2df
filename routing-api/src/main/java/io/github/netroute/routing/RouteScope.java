package io.github.netroute.routing;

import io.github.netroute.routing.internal.Numbers;

/**
 * How far a route's or address's destination is ({@code rtm_scope}, 8 bits). Unknown numbers are kept.
 *
 * <pre>{@code
 * RouteScope.HOST;                  // 254, a destination on this host
 * RouteScope.parse("link");         // 253
 * RouteScope.UNIVERSE.toString();   // "global"
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param value 0..255
 */
public record RouteScope(int value) {
    /** 0: anywhere ({@code global}). */
    public static final RouteScope UNIVERSE = new RouteScope(0);
    /** 200: site ({@code site}). */
    public static final RouteScope SITE = new RouteScope(200);
    /** 253: on an attached link ({@code link}). */
    public static final RouteScope LINK = new RouteScope(253);
    /** 254: on this host ({@code host}). */
    public static final RouteScope HOST = new RouteScope(254);
    /** 255: nowhere ({@code nowhere}); a wildcard when deleting routes. */
    public static final RouteScope NOWHERE = new RouteScope(255);

    /**
     * Validates the range.
     *
     * @param value 0..255
     */
    public RouteScope {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("scope " + value + " out of range 0..255");
        }
    }

    /**
     * A scope by number.
     *
     * @param value the {@code RT_SCOPE_*} number
     * @return a scope by number
     */
    public static RouteScope of(int value) {
        return new RouteScope(value);
    }

    /**
     * Parses {@code global}/{@code universe}, {@code site}, {@code link}, {@code host}, {@code nowhere} or a number.
     *
     * @param s the name or number
     * @return the scope
     * @throws IllegalArgumentException naming the bad text
     */
    public static RouteScope parse(String s) {
        switch (s) {
            case "global":
            case "universe":
                return UNIVERSE;
            case "site": return SITE;
            case "link": return LINK;
            case "host": return HOST;
            case "nowhere": return NOWHERE;
            default: return new RouteScope((int) Numbers.parseUnsigned(s, 255, "scope"));
        }
    }

    /** The iproute2 name ({@code global}, {@code link}, …) or the number. */
    @Override
    public String toString() {
        switch (value) {
            case 0: return "global";
            case 200: return "site";
            case 253: return "link";
            case 254: return "host";
            case 255: return "nowhere";
            default: return Integer.toString(value);
        }
    }
}
