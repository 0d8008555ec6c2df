package io.github.netroute.routing;

import java.util.Objects;

/**
 * Which routes to list ({@code ip route show [table T] [type X] [proto P] [dev D] [DST]}).
 * A null field matches everything.
 *
 * <pre>{@code
 * RouteFilter.ALL;                                        // every route of every table, both families
 * RouteFilter.table(RouteTable.LOCAL).withFamily(Family.INET);
 * RouteFilter.builder().table(RouteTable.of(100)).protocol(RouteProtocol.STATIC).build();
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param table only this table, or null for all tables
 * @param family only this family, or null for both
 * @param type only this type, or null
 * @param protocol only this protocol, or null
 * @param device only routes whose (first) nexthop is on this device, or null
 * @param dst only routes with exactly this destination prefix, or null
 */
public record RouteFilter(RouteTable table, Family family, RouteType type, RouteProtocol protocol, String device,
        IpPrefix dst) {
    /** Every route. */
    public static final RouteFilter ALL = new RouteFilter(null, null, null, null, null, null);

    /**
     * Checks the dst family against the family.
     *
     * @param table only this table, or null for all tables
     * @param family only this family, or null for both
     * @param type only this type, or null
     * @param protocol only this protocol, or null
     * @param device only routes whose (first) nexthop is on this device, or null
     * @param dst only routes with exactly this destination prefix, or null
     */
    public RouteFilter {
        if (dst != null && family != null && dst.family() != family) {
            throw new IllegalArgumentException("dst " + dst + " is not " + family.ipName());
        }
    }

    /**
     * Every route in one table.
     *
     * @param table the table
     * @return every route in one table
     */
    public static RouteFilter table(RouteTable table) {
        return new RouteFilter(Objects.requireNonNull(table), null, null, null, null, null);
    }

    /**
     * This filter for one family.
     *
     * @param f the family
     * @return this filter for one family
     */
    public RouteFilter withFamily(Family f) {
        return new RouteFilter(table, f, type, protocol, device, dst);
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
     * Whether a route passes the filter.
     *
     * @param r the route
     * @return whether a route passes the filter
     */
    public boolean matches(Route r) {
        return (table == null || table.equals(r.table()))
                && (family == null || family == r.family())
                && (type == null || type == r.type())
                && (protocol == null || protocol.equals(r.protocol()))
                && (device == null || device.equals(r.firstDevice()) || r.nextHops().stream().anyMatch(h -> device.equals(h.device())))
                && (dst == null || dst.equals(r.dst()));
    }

    /**
     * Builder for {@link RouteFilter}.
     *
     * <pre>{@code
     * RouteFilter ours = RouteFilter.builder().table(RouteTable.MAIN).protocol(RouteProtocol.of(200)).build();
     * List<Route> routes = routing.routes(ours);           // only main-table routes with proto 200
     * }</pre>
     *
     * <p>Not thread-safe: a builder is filled by one thread; what it builds is immutable and safe to share.
     */
    public static final class Builder {
        private RouteTable table;
        private Family family;
        private RouteType type;
        private RouteProtocol protocol;
        private String device;
        private IpPrefix dst;

        /** An empty builder; the same as {@link RouteFilter#builder()}. */
        public Builder() {}

        /**
         * Only this table.
         *
         * @param v only this table, or null for all tables
         * @return this builder
         */
        public Builder table(RouteTable v) { table = v; return this; }
        /**
         * Only this family.
         *
         * @param v only this family, or null for both
         * @return this builder
         */
        public Builder family(Family v) { family = v; return this; }
        /**
         * Only this type.
         *
         * @param v only this type, or null
         * @return this builder
         */
        public Builder type(RouteType v) { type = v; return this; }
        /**
         * Only this protocol.
         *
         * @param v only this protocol, or null
         * @return this builder
         */
        public Builder protocol(RouteProtocol v) { protocol = v; return this; }
        /**
         * Only this device.
         *
         * @param v only routes whose (first) nexthop is on this device, or null
         * @return this builder
         */
        public Builder device(String v) { device = v; return this; }
        /**
         * Only this exact destination.
         *
         * @param v only routes with exactly this destination prefix, or null
         * @return this builder
         */
        public Builder dst(IpPrefix v) { dst = v; return this; }

        /**
         * The filter.
         *
         * @return the filter
         */
        public RouteFilter build() {
            return new RouteFilter(table, family, type, protocol, device, dst);
        }
    }
}
