package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One path of a multipath route ({@code nexthop via GW dev DEV weight W}).
 *
 * <pre>{@code
 * NextHop hop = NextHop.of(InetAddress.getByName("192.168.1.1"), "eth0", 2);
 * Route ecmp = Route.parse("default nexthop via 192.168.1.1 dev eth0 weight 2 nexthop via 192.168.2.1 dev eth1");
 * ecmp.nextHops().get(0).weight();   // 2
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param gateway the gateway, or null for a device-only hop
 * @param device the device name, or null when only the index is known or no device was named
 * @param deviceIndex the device index, 0 when unknown
 * @param weight 1..256 (iproute2's {@code weight}; the kernel stores weight - 1)
 * @param flags nexthop flags
 * @param realms the hop's realms ({@code RTA_FLOW}, from-realm {@code << 16 |} to-realm; 0 = none)
 */
public record NextHop(InetAddress gateway, String device, int deviceIndex, int weight, Set<NextHopFlag> flags,
        long realms) {

    /**
     * Validates and freezes the hop.
     *
     * @param gateway the gateway, or null for a device-only hop
     * @param device the device name, or null when only the index is known or no device was named
     * @param deviceIndex the device index, 0 when unknown
     * @param weight 1..256 (iproute2's {@code weight}; the kernel stores weight - 1)
     * @param flags nexthop flags
     * @param realms the hop's realms ({@code RTA_FLOW}, from-realm {@code << 16 |} to-realm; 0 = none)
     */
    public NextHop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("nexthop weight " + weight + " out of range 1..256");
        }
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("device index " + deviceIndex + " is negative");
        }
        if (device != null && (device.isEmpty() || device.length() > 15)) {
            throw new IllegalArgumentException("invalid device name \"" + device + "\"");
        }
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        if (realms < 0 || realms > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nexthop realms " + realms + " out of range 0..4294967295");
        }
    }

    /**
     * A hop without realms (the constructor before {@code realms} was added).
     *
     * @param gateway the gateway, or null for a device-only hop
     * @param device the device name, or null when only the index is known or no device was named
     * @param deviceIndex the device index, 0 when unknown
     * @param weight 1..256 (iproute2's {@code weight}; the kernel stores weight - 1)
     * @param flags nexthop flags
     */
    public NextHop(InetAddress gateway, String device, int deviceIndex, int weight, Set<NextHopFlag> flags) {
        this(gateway, device, deviceIndex, weight, flags, 0L);
    }

    /**
     * A hop through a gateway on a device.
     *
     * @param gateway the gateway, or null
     * @param device the device name, or null
     * @param weight the weight (1..256)
     * @return a hop through a gateway on a device
     */
    public static NextHop of(InetAddress gateway, String device, int weight) {
        return new NextHop(gateway, device, 0, weight, Set.of());
    }

    /**
     * A hop through a gateway, weight 1.
     *
     * @param gateway the gateway
     * @return a hop through a gateway, weight 1
     */
    public static NextHop via(InetAddress gateway) {
        return new NextHop(gateway, null, 0, 1, Set.of());
    }

    /**
     * This hop with another device name/index.
     *
     * @param name the device name
     * @param index the device index
     * @return this hop with another device name/index
     */
    public NextHop withDevice(String name, int index) {
        return new NextHop(gateway, name, index, weight, flags, realms);
    }

    /**
     * The family of the gateway, or null without one.
     *
     * @return the family of the gateway, or null without one
     */
    public Family family() {
        return gateway == null ? null : Family.of(gateway);
    }

    /** Prints {@code nexthop via GW [realm R] dev DEV weight W [flags]} as iproute2 does. */
    @Override
    public String toString() {
        return io.github.netroute.routing.internal.IpRouteSyntax.formatNextHop(this);
    }

    /**
     * Equal hops: as {@link Route#equals}, the device is compared by name when this hop has one, and by index only
     * when it has no name, so a hop parsed from {@code ip route} text equals the same hop read from the kernel.
     *
     * @param o the other object
     * @return true for a hop with the same gateway, device, weight, flags and realms
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof NextHop h && Objects.equals(gateway, h.gateway) && Objects.equals(device, h.device)
                && (device != null || deviceIndex == h.deviceIndex) && weight == h.weight && flags.equals(h.flags)
                && realms == h.realms;
    }

    /**
     * Consistent with {@link #equals}: the index counts only for a hop without a device name.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(gateway, device, device != null ? 0 : deviceIndex, weight, flags, realms);
    }
}
