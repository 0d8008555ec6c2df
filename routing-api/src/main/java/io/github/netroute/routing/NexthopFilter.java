package io.github.netroute.routing;

/**
 * Which nexthops {@link Routing#nexthops(NexthopFilter)} returns: the kernel's dump filters of
 * {@code ip nexthop show [dev DEV] [groups] [fdb] [proto P]} and {@code ip -4/-6 nexthop show}.
 *
 * <pre>{@code
 * routing.nexthops(NexthopFilter.ALL);
 * routing.nexthops(NexthopFilter.ALL.withDevice("eth0"));   // single nexthops on eth0 (no groups)
 * routing.nexthops(NexthopFilter.ALL.withGroups());         // groups only
 * }</pre>
 *
 * <p>As on Linux: a device or family filter leaves out groups and blackholes whose device does not match;
 * {@code fdb} is sent but not applied by the kernel (6.18 lists every nexthop); {@code proto} is applied by
 * iproute2 on the dump, as here.
 *
 * @param family only single nexthops of this family (null for all)
 * @param device only single nexthops on this device (null for all)
 * @param groups only groups
 * @param fdb the fdb flag of the request (no effect on the result, as on Linux 6.18)
 * @param protocol only nexthops with this protocol (null for all)
 *
 * <p>Immutable and safe to share between threads.
 */
public record NexthopFilter(Family family, String device, boolean groups, boolean fdb, RouteProtocol protocol) {
    /** Every nexthop. */
    public static final NexthopFilter ALL = new NexthopFilter(null, null, false, false, null);

    /**
     * With a family.
     *
     * @param f the family
     * @return the filter
     */
    public NexthopFilter withFamily(Family f) {
        return new NexthopFilter(f, device, groups, fdb, protocol);
    }

    /**
     * With a device.
     *
     * @param d the device
     * @return the filter
     */
    public NexthopFilter withDevice(String d) {
        return new NexthopFilter(family, d, groups, fdb, protocol);
    }

    /**
     * Groups only.
     *
     * @return the filter
     */
    public NexthopFilter withGroups() {
        return new NexthopFilter(family, device, true, fdb, protocol);
    }

    /**
     * With the fdb flag.
     *
     * @return the filter
     */
    public NexthopFilter withFdb() {
        return new NexthopFilter(family, device, groups, true, protocol);
    }

    /**
     * With a protocol.
     *
     * @param p the protocol
     * @return the filter
     */
    public NexthopFilter withProtocol(RouteProtocol p) {
        return new NexthopFilter(family, device, groups, fdb, p);
    }

    /**
     * Whether a nexthop passes, as the kernel's {@code nh_dump_filtered} and iproute2's protocol filter decide.
     *
     * @param nh the nexthop
     * @param deviceIndex the index of {@link #device()} (0 when not filtering by device)
     * @return true if it passes
     */
    public boolean matches(Nexthop nh, int deviceIndex) {
        if (groups && !nh.isGroup()) {
            return false;
        }
        if (protocol != null && !protocol.equals(nh.protocol())) {
            return false;
        }
        if (device == null && family == null) {
            return true;
        }
        if (nh.isGroup()) {
            return false;
        }
        if (family != null && nh.family() != family) {
            return false;
        }
        return device == null || nh.deviceIndex() != 0 && nh.deviceIndex() == deviceIndex;
    }
}
