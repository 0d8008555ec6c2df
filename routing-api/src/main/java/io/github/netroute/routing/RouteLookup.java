package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A flow to look up, as {@code ip route get TO [from FROM] [iif DEV] [oif DEV] [mark M] [uid U] [tos T]
 * [ipproto P] [sport S] [dport D]} describes it.
 *
 * <pre>{@code
 * RouteLookup fromNode = RouteLookup.to(InetAddress.getByName("10.96.0.1"));
 * RouteLookup reply = RouteLookup.builder().to(client).from(lbIp).build();
 * RouteLookup.parse("10.96.0.1 from 192.168.1.2 mark 0x10");
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param to the destination address
 * @param from the source address, or null (the kernel chooses one)
 * @param iif the input device (a forwarded packet), or null for a locally generated one
 * @param oif the output device, or null
 * @param mark the firewall mark, or null
 * @param uid the socket uid, or null (the caller's uid)
 * @param tos the TOS byte (0 = none)
 * @param ipProto the IP protocol, or null
 * @param sport the source port, or null
 * @param dport the destination port, or null
 */
public record RouteLookup(InetAddress to, InetAddress from, String iif, String oif, Long mark, Long uid, int tos,
        Integer ipProto, Integer sport, Integer dport) {

    /**
     * Validates families and ranges.
     *
     * @param to the destination address
     * @param from the source address, or null (the kernel chooses one)
     * @param iif the input device (a forwarded packet), or null for a locally generated one
     * @param oif the output device, or null
     * @param mark the firewall mark, or null
     * @param uid the socket uid, or null (the caller's uid)
     * @param tos the TOS byte (0 = none)
     * @param ipProto the IP protocol, or null
     * @param sport the source port, or null
     * @param dport the destination port, or null
     */
    public RouteLookup {
        Objects.requireNonNull(to, "to");
        if (from != null && Family.of(from) != Family.of(to)) {
            throw new IllegalArgumentException("from " + InetAddresses.format(from) + " and to "
                    + InetAddresses.format(to) + " are of different families");
        }
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos " + tos + " out of range 0..255");
        }
        if (mark != null && (mark < 0 || mark > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("mark " + mark + " out of range");
        }
        if (uid != null && (uid < 0 || uid > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("uid " + uid + " out of range");
        }
    }

    /**
     * A locally generated flow to an address.
     *
     * @param to the destination
     * @return a locally generated flow to an address
     */
    public static RouteLookup to(InetAddress to) {
        return new RouteLookup(to, null, null, null, null, null, 0, null, null, null);
    }

    /**
     * Parses the arguments of {@code ip route get}.
     *
     * @param text the arguments of {@code ip route get}
     * @return the flow
     * @throws IllegalArgumentException naming the bad token
     */
    public static RouteLookup parse(String text) {
        return io.github.netroute.routing.internal.IpRouteSyntax.parseLookup(text);
    }

    /**
     * The family of the flow.
     *
     * @return the family of the flow
     */
    public Family family() {
        return Family.of(to);
    }

    /**
     * A builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this flow's values.
     *
     * @return a builder with this flow's values
     */
    public Builder toBuilder() {
        return new Builder().to(to).from(from).iif(iif).oif(oif).mark(mark).uid(uid).tos(tos).ipProto(ipProto)
                .sport(sport).dport(dport);
    }

    /** Prints the {@code ip route get} arguments. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(InetAddresses.format(to));
        if (from != null) {
            sb.append(" from ").append(InetAddresses.format(from));
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (mark != null) {
            sb.append(" mark 0x").append(Long.toHexString(mark));
        }
        if (uid != null) {
            sb.append(" uid ").append(uid);
        }
        if (tos != 0) {
            sb.append(" tos 0x").append(Integer.toHexString(tos));
        }
        if (ipProto != null) {
            sb.append(" ipproto ").append(ipProto);
        }
        if (sport != null) {
            sb.append(" sport ").append(sport);
        }
        if (dport != null) {
            sb.append(" dport ").append(dport);
        }
        return sb.toString();
    }

    /**
     * Builder for {@link RouteLookup}.
     *
     * <pre>{@code
     * RouteLookup flow = RouteLookup.builder().to(InetAddress.getByName("10.96.0.1"))
     *     .from(InetAddress.getByName("192.168.1.2")).mark(0x1L).build();
     * LookupResult result = routing.lookup(flow);          // ip route get 10.96.0.1 from 192.168.1.2 mark 0x1
     * }</pre>
     *
     * <p>Not thread-safe: a builder is filled by one thread; what it builds is immutable and safe to share.
     */
    public static final class Builder {
        private InetAddress to;
        private InetAddress from;
        private String iif;
        private String oif;
        private Long mark;
        private Long uid;
        private int tos;
        private Integer ipProto;
        private Integer sport;
        private Integer dport;

        /** An empty builder; the same as {@link RouteLookup#builder()}. */
        public Builder() {}

        /**
         * Destination.
         *
         * @param v the destination address
         * @return this builder
         */
        public Builder to(InetAddress v) { to = v; return this; }
        /**
         * Source.
         *
         * @param v the source address, or null (the kernel chooses one)
         * @return this builder
         */
        public Builder from(InetAddress v) { from = v; return this; }
        /**
         * Input device.
         *
         * @param v the input device (a forwarded packet), or null for a locally generated one
         * @return this builder
         */
        public Builder iif(String v) { iif = v; return this; }
        /**
         * Output device.
         *
         * @param v the output device, or null
         * @return this builder
         */
        public Builder oif(String v) { oif = v; return this; }
        /**
         * Mark.
         *
         * @param v the firewall mark, or null
         * @return this builder
         */
        public Builder mark(Long v) { mark = v; return this; }
        /**
         * Mark, as a primitive: {@code mark(100)} compiles (an {@code int} does not convert to {@code Long}).
         *
         * @param v the value, 0..4294967295
         * @return this builder
         */
        public Builder mark(long v) { mark = v; return this; }
        /**
         * Uid.
         *
         * @param v the socket uid, or null (the caller's uid)
         * @return this builder
         */
        public Builder uid(Long v) { uid = v; return this; }
        /**
         * Uid, as a primitive: {@code uid(100)} compiles (an {@code int} does not convert to {@code Long}).
         *
         * @param v the value, 0..4294967295
         * @return this builder
         */
        public Builder uid(long v) { uid = v; return this; }
        /**
         * TOS.
         *
         * @param v the TOS byte (0 = none)
         * @return this builder
         */
        public Builder tos(int v) { tos = v; return this; }
        /**
         * IP protocol.
         *
         * @param v the IP protocol, or null
         * @return this builder
         */
        public Builder ipProto(Integer v) { ipProto = v; return this; }
        /**
         * Source port.
         *
         * @param v the source port, or null
         * @return this builder
         */
        public Builder sport(Integer v) { sport = v; return this; }
        /**
         * Destination port.
         *
         * @param v the destination port, or null
         * @return this builder
         */
        public Builder dport(Integer v) { dport = v; return this; }

        /**
         * The flow.
         *
         * @return the flow
         */
        public RouteLookup build() {
            return new RouteLookup(to, from, iif, oif, mark, uid, tos, ipProto, sport, dport);
        }
    }
}
