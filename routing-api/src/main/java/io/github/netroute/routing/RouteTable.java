package io.github.netroute.routing;

import io.github.netroute.routing.internal.Numbers;

/**
 * A routing table id (32 bits, unsigned). Named ids are those of iproute2's {@code rt_tables}.
 *
 * <pre>{@code
 * RouteTable.LOCAL;                 // 255
 * RouteTable.parse("main");         // 254
 * RouteTable.of(1000).toString();   // "1000"
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param id the table id, 0..4294967295
 */
public record RouteTable(long id) {
    /** 0: unspecified; the kernel treats it as main for routes. */
    public static final RouteTable UNSPEC = new RouteTable(0);
    /** 252: what {@code rtm_table} says for ids above 255 (the real id is in RTA_TABLE). */
    public static final RouteTable COMPAT = new RouteTable(252);
    /** 253: {@code default}. */
    public static final RouteTable DEFAULT = new RouteTable(253);
    /** 254: {@code main}. */
    public static final RouteTable MAIN = new RouteTable(254);
    /** 255: {@code local}. */
    public static final RouteTable LOCAL = new RouteTable(255);

    /**
     * Validates the range.
     *
     * @param id the table id, 0..4294967295
     */
    public RouteTable {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("table id " + id + " out of range 0..4294967295");
        }
    }

    /**
     * A table by id.
     *
     * @param id the table id
     * @return a table by id
     */
    public static RouteTable of(long id) {
        if (id == 254) {
            return MAIN;
        }
        if (id == 255) {
            return LOCAL;
        }
        return new RouteTable(id);
    }

    /**
     * Parses {@code main}, {@code local}, {@code default}, {@code unspec}, {@code compat} or a number.
     *
     * @param s the name or number
     * @return the table
     * @throws IllegalArgumentException naming the bad text
     */
    public static RouteTable parse(String s) {
        switch (s) {
            case "main": return MAIN;
            case "local": return LOCAL;
            case "default": return DEFAULT;
            case "unspec": return UNSPEC;
            case "compat": return COMPAT;
            default:
                long v = Numbers.parseUnsigned(s, 0xFFFF_FFFFL, "table id");
                return of(v);
        }
    }

    /**
     * The iproute2 name, or the number: {@code main}, {@code local}, {@code 1000}.
     *
     * @return the iproute2 name, or the number: {@code main}, {@code local}, {@code 1000}
     */
    public String name() {
        if (id == 254) {
            return "main";
        }
        if (id == 255) {
            return "local";
        }
        if (id == 253) {
            return "default";
        }
        if (id == 0) {
            return "unspec";
        }
        return Long.toString(id);
    }

    /** Same as {@link #name()}. */
    @Override
    public String toString() {
        return name();
    }
}
