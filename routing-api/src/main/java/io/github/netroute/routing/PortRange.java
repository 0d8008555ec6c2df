package io.github.netroute.routing;

/**
 * A port range selector of a rule ({@code sport 1000-2000}, {@code dport 53}).
 *
 * <pre>{@code
 * PortRange.parse("1000-2000");   // [1000, 2000]
 * PortRange.of(53).toString();    // "53"
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param start first port, 0..65535
 * @param end last port, start..65535
 */
public record PortRange(int start, int end) {
    /**
     * Validates the range.
     *
     * @param start first port, 0..65535
     * @param end last port, start..65535
     */
    public PortRange {
        if (start < 0 || start > 65535 || end < 0 || end > 65535) {
            throw new IllegalArgumentException("port range " + start + "-" + end + " out of range 0..65535");
        }
        if (start > end) {
            throw new IllegalArgumentException("port range " + start + "-" + end + " has start above end");
        }
    }

    /**
     * A single port.
     *
     * @param port the port
     * @return a single port
     */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /**
     * Parses {@code PORT} or {@code START-END}.
     *
     * @param s {@code PORT} or {@code START-END}
     * @return the range
     * @throws IllegalArgumentException naming the bad text
     */
    public static PortRange parse(String s) {
        int dash = s.indexOf('-');
        try {
            if (dash < 0) {
                return of(Integer.parseInt(s));
            }
            return new PortRange(Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port range \"" + s + "\"");
        }
    }

    /**
     * Whether a port lies in the range.
     *
     * @param port the port
     * @return whether a port lies in the range
     */
    public boolean contains(int port) {
        return port >= start && port <= end;
    }

    /** {@code 53} or {@code 1000-2000}, as iproute2 prints it. */
    @Override
    public String toString() {
        return start == end ? Integer.toString(start) : start + "-" + end;
    }
}
