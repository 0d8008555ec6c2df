package io.github.netroute.routing;

/**
 * A route metric ({@code RTAX_*} inside {@code RTA_METRICS}), named as iproute2 names it.
 *
 * <pre>{@code
 * RouteMetrics m = RouteMetrics.of(RouteMetric.MTU, 1400).with(RouteMetric.ADVMSS, 1360);
 * m.get(RouteMetric.MTU);   // 1400
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum RouteMetric {
    /** RTAX_MTU = 2. */
    MTU(2, "mtu"),
    /** RTAX_WINDOW = 3. */
    WINDOW(3, "window"),
    /** RTAX_RTT = 4 (iproute2 prints it in ms, the kernel stores ms × 8). */
    RTT(4, "rtt"),
    /** RTAX_RTTVAR = 5 (ms × 4 in the kernel). */
    RTTVAR(5, "rttvar"),
    /** RTAX_SSTHRESH = 6. */
    SSTHRESH(6, "ssthresh"),
    /** RTAX_CWND = 7. */
    CWND(7, "cwnd"),
    /** RTAX_ADVMSS = 8. */
    ADVMSS(8, "advmss"),
    /** RTAX_REORDERING = 9. */
    REORDERING(9, "reordering"),
    /** RTAX_HOPLIMIT = 10. */
    HOPLIMIT(10, "hoplimit"),
    /** RTAX_INITCWND = 11. */
    INITCWND(11, "initcwnd"),
    /** RTAX_FEATURES = 12. */
    FEATURES(12, "features"),
    /** RTAX_RTO_MIN = 13 (ms). */
    RTO_MIN(13, "rto_min"),
    /** RTAX_INITRWND = 14. */
    INITRWND(14, "initrwnd"),
    /** RTAX_QUICKACK = 15. */
    QUICKACK(15, "quickack"),
    /** RTAX_FASTOPEN_NO_COOKIE = 17. */
    FASTOPEN_NO_COOKIE(17, "fastopen_no_cookie");

    private final int number;
    private final String ipName;

    RouteMetric(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /**
     * The {@code RTAX_*} number.
     *
     * @return the {@code RTAX_*} number
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
     * The metric with that RTAX number, or null.
     *
     * @param n the {@code RTAX_*} number
     * @return the metric with that RTAX number, or null
     */
    public static RouteMetric ofNumber(int n) {
        for (RouteMetric m : values()) {
            if (m.number == n) {
                return m;
            }
        }
        return null;
    }

    /**
     * The metric with that iproute2 word, or null.
     *
     * @param s the iproute2 word, e.g. {@code mtu}
     * @return the metric with that iproute2 word, or null
     */
    public static RouteMetric ofName(String s) {
        for (RouteMetric m : values()) {
            if (m.ipName.equals(s)) {
                return m;
            }
        }
        return null;
    }
}
