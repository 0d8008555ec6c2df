package io.github.netroute.routing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of a route ({@code RTA_METRICS}): values in the kernel's units, and which are locked.
 *
 * <pre>{@code
 * Route r = Route.parse("10.0.0.0/8 via 192.168.1.1 mtu lock 1400 advmss 1360");
 * r.metrics().get(RouteMetric.MTU);               // 1400
 * r.metrics().isLocked(RouteMetric.MTU);          // true
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param values metric values (unsigned 32-bit, kept in a long)
 * @param locked metrics marked {@code lock}
 * @param congctl the congestion control algorithm ({@code RTAX_CC_ALGO}, {@code congctl cubic}), or null
 * @param congctlLocked whether {@code congctl} is locked ({@code congctl lock cubic})
 */
public record RouteMetrics(Map<RouteMetric, Long> values, Set<RouteMetric> locked, String congctl,
        boolean congctlLocked) {
    /** RTAX_CC_ALGO, the number of the congestion control metric (a string, so not a {@link RouteMetric}). */
    public static final int RTAX_CC_ALGO = 16;
    /** No metrics. */
    public static final RouteMetrics NONE = new RouteMetrics(Map.of(), Set.of());

    /**
     * Validates and freezes.
     *
     * @param values metric values (unsigned 32-bit, kept in a long)
     * @param locked metrics marked {@code lock}
     * @param congctl the congestion control algorithm ({@code RTAX_CC_ALGO}, {@code congctl cubic}), or null
     * @param congctlLocked whether {@code congctl} is locked ({@code congctl lock cubic})
     */
    public RouteMetrics {
        EnumMap<RouteMetric, Long> v = new EnumMap<>(RouteMetric.class);
        if (values != null) {
            for (Map.Entry<RouteMetric, Long> e : values.entrySet()) {
                long x = e.getValue();
                if (x < 0 || x > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("metric " + e.getKey().ipName() + " value " + x
                            + " out of range 0..4294967295");
                }
                v.put(e.getKey(), x);
            }
        }
        values = Collections.unmodifiableMap(v);
        locked = locked == null || locked.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(locked));
        if (congctl != null && (congctl.isEmpty() || congctl.length() > 15 || !congctl.chars().allMatch(
                c -> c > ' ' && c < 127))) {
            throw new IllegalArgumentException("invalid congctl \"" + congctl + "\"");
        }
    }

    /**
     * Metrics without a congestion control algorithm.
     *
     * @param values metric values (unsigned 32-bit, kept in a long)
     * @param locked metrics marked {@code lock}
     */
    public RouteMetrics(Map<RouteMetric, Long> values, Set<RouteMetric> locked) {
        this(values, locked, null, false);
    }

    /**
     * One metric.
     *
     * @param m the metric
     * @param value its value
     * @return the metrics
     */
    public static RouteMetrics of(RouteMetric m, long value) {
        return NONE.with(m, value);
    }

    /**
     * These metrics plus one more (replacing a previous value).
     *
     * @param m the metric
     * @param value its value
     * @return a copy with that metric
     */
    public RouteMetrics with(RouteMetric m, long value) {
        EnumMap<RouteMetric, Long> v = values.isEmpty() ? new EnumMap<>(RouteMetric.class) : new EnumMap<>(values);
        v.put(m, value);
        return new RouteMetrics(v, locked, congctl, congctlLocked);
    }

    /**
     * These metrics with {@code m} locked.
     *
     * @param m the metric
     * @return a copy with that metric locked
     */
    public RouteMetrics withLock(RouteMetric m) {
        EnumSet<RouteMetric> l = locked.isEmpty() ? EnumSet.noneOf(RouteMetric.class) : EnumSet.copyOf(locked);
        l.add(m);
        return new RouteMetrics(values, l, congctl, congctlLocked);
    }

    /**
     * These metrics with a congestion control algorithm ({@code congctl [lock] NAME}).
     *
     * @param algorithm the algorithm, e.g. {@code cubic}
     * @param lock whether it is locked
     * @return a copy with that algorithm
     */
    public RouteMetrics withCongctl(String algorithm, boolean lock) {
        return new RouteMetrics(values, locked, algorithm, algorithm != null && lock);
    }

    /**
     * The value of a metric, or null when not set.
     *
     * @param m the metric
     * @return the value of a metric, or null when not set
     */
    public Long get(RouteMetric m) {
        return values.get(m);
    }

    /**
     * Whether {@code m} is locked.
     *
     * @param m the metric
     * @return whether {@code m} is locked
     */
    public boolean isLocked(RouteMetric m) {
        return locked.contains(m);
    }

    /**
     * True when no metric is set.
     *
     * @return true when no metric is set
     */
    public boolean isEmpty() {
        return values.isEmpty() && locked.isEmpty() && congctl == null && !congctlLocked;
    }

    /**
     * The kernel's RTAX_LOCK bit mask.
     *
     * @return the kernel's RTAX_LOCK bit mask
     */
    public int lockBits() {
        int b = 0;
        for (RouteMetric m : locked) {
            b |= 1 << m.number();
        }
        if (congctlLocked) {
            b |= 1 << RTAX_CC_ALGO;
        }
        return b;
    }
}
