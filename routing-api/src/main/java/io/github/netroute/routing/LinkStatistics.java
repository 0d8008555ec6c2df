package io.github.netroute.routing;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A device's counters as the kernel reports them ({@code IFLA_STATS64}, {@code struct rtnl_link_stats64}, and
 * {@code IFLA_CARRIER_CHANGES}): what {@code ip -s link} prints.
 *
 * <pre>{@code
 * LinkStatistics s = routing.linkStatistics(2).orElseThrow();
 * s.get(LinkStatistics.Counter.TX_PACKETS);   // 4
 * s.carrierChanges();                         // 1: a veth is created without carrier
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class LinkStatistics {
    /**
     * The counters of {@code struct rtnl_link_stats64} (include/uapi/linux/if_link.h), in its order.
     *
     * <pre>{@code
     * long drops = stats.get(LinkStatistics.Counter.RX_DROPPED);
     * }</pre>
     *
     * <p>Immutable and safe to share between threads.
     */
    public enum Counter {
        /** rx_packets. */ RX_PACKETS,
        /** tx_packets. */ TX_PACKETS,
        /** rx_bytes. */ RX_BYTES,
        /** tx_bytes. */ TX_BYTES,
        /** rx_errors. */ RX_ERRORS,
        /** tx_errors. */ TX_ERRORS,
        /** rx_dropped. */ RX_DROPPED,
        /** tx_dropped. */ TX_DROPPED,
        /** multicast. */ MULTICAST,
        /** collisions. */ COLLISIONS,
        /** rx_length_errors. */ RX_LENGTH_ERRORS,
        /** rx_over_errors. */ RX_OVER_ERRORS,
        /** rx_crc_errors. */ RX_CRC_ERRORS,
        /** rx_frame_errors. */ RX_FRAME_ERRORS,
        /** rx_fifo_errors. */ RX_FIFO_ERRORS,
        /** rx_missed_errors. */ RX_MISSED_ERRORS,
        /** tx_aborted_errors. */ TX_ABORTED_ERRORS,
        /** tx_carrier_errors. */ TX_CARRIER_ERRORS,
        /** tx_fifo_errors. */ TX_FIFO_ERRORS,
        /** tx_heartbeat_errors. */ TX_HEARTBEAT_ERRORS,
        /** tx_window_errors. */ TX_WINDOW_ERRORS,
        /** rx_compressed. */ RX_COMPRESSED,
        /** tx_compressed. */ TX_COMPRESSED,
        /** rx_nohandler. */ RX_NOHANDLER,
        /** rx_otherhost_dropped. */ RX_OTHERHOST_DROPPED
    }

    private static final Counter[] COUNTERS = Counter.values();

    private final long[] values;
    private final long carrierChanges;

    private LinkStatistics(long[] values, long carrierChanges) {
        this.values = values;
        this.carrierChanges = carrierChanges;
    }

    /**
     * Counters from their values; those not given are 0.
     *
     * @param counters the counters' values (unsigned 64-bit, as Java longs)
     * @param carrierChanges {@code IFLA_CARRIER_CHANGES} (carrier up and down events), or -1 when not reported
     * @return the statistics
     * @throws IllegalArgumentException when {@code carrierChanges} is below -1
     */
    public static LinkStatistics of(Map<Counter, Long> counters, long carrierChanges) {
        if (carrierChanges < -1) {
            throw new IllegalArgumentException("carrier changes " + carrierChanges + " is below -1");
        }
        long[] v = new long[COUNTERS.length];
        for (Map.Entry<Counter, Long> e : counters.entrySet()) {
            v[Objects.requireNonNull(e.getKey(), "counter").ordinal()] = Objects.requireNonNull(e.getValue(),
                    "value");
        }
        return new LinkStatistics(v, carrierChanges);
    }

    /**
     * A counter's value (unsigned: {@link Long#toUnsignedString(long)} prints it).
     *
     * @param c the counter
     * @return its value
     */
    public long get(Counter c) {
        return values[c.ordinal()];
    }

    /**
     * How often the carrier came and went ({@code IFLA_CARRIER_CHANGES}), or -1 when the kernel did not say.
     *
     * @return the carrier changes, or -1
     */
    public long carrierChanges() {
        return carrierChanges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkStatistics s && Arrays.equals(values, s.values) && carrierChanges == s.carrierChanges;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Long.hashCode(carrierChanges);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LinkStatistics[");
        for (Counter c : COUNTERS) {
            if (values[c.ordinal()] != 0) {
                sb.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=')
                        .append(Long.toUnsignedString(values[c.ordinal()])).append(", ");
            }
        }
        return sb.append("carrier_changes=").append(carrierChanges).append(']').toString();
    }
}
