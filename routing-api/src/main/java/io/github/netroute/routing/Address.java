package io.github.netroute.routing;

import io.github.netroute.routing.internal.IpRouteSyntax;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An address on a link, as {@code ip addr} adds and shows it.
 *
 * <pre>{@code
 * Address node = Address.parse("192.168.1.2/24 dev eth0");
 * node.local();     // 192.168.1.2/24
 * node.scope();     // global
 * Address clusterIp = Address.parse("10.96.0.10/32 dev kube-ipvs0");
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param local the address and its prefix length ({@code IFA_LOCAL}/{@code IFA_ADDRESS})
 * @param peer the peer address of a point-to-point address, or null
 * @param broadcast the IPv4 broadcast address, or null
 * @param device the device name, or null when only the index is known or not known at all (an
 *     {@code ip addr show} {@code inet6} line names no device)
 * @param deviceIndex the device index, 0 when unknown
 * @param scope the address scope
 * @param flags address flags
 * @param label the IPv4 label, or null
 * @param metric the metric of the prefix route ({@code IFA_RT_PRIORITY}), 0 = none
 * @param validLifetime seconds, 0xFFFFFFFF = forever
 * @param preferredLifetime seconds, 0xFFFFFFFF = forever
 */
public record Address(
        CidrAddress local,
        CidrAddress peer,
        InetAddress broadcast,
        String device,
        int deviceIndex,
        RouteScope scope,
        Set<AddressFlag> flags,
        String label,
        long metric,
        long validLifetime,
        long preferredLifetime) {

    /** Lifetime value meaning forever. */
    public static final long FOREVER = 0xFFFF_FFFFL;

    /**
     * Validates and freezes.
     *
     * @param local the address and its prefix length ({@code IFA_LOCAL}/{@code IFA_ADDRESS})
     * @param peer the peer address of a point-to-point address, or null
     * @param broadcast the IPv4 broadcast address, or null
     * @param device the device name, or null when only the index is known or not known at all (an
     *     {@code ip addr show} {@code inet6} line names no device)
     * @param deviceIndex the device index, 0 when unknown
     * @param scope the address scope
     * @param flags address flags
     * @param label the IPv4 label, or null
     * @param metric the metric of the prefix route ({@code IFA_RT_PRIORITY}), 0 = none
     * @param validLifetime seconds, 0xFFFFFFFF = forever
     * @param preferredLifetime seconds, 0xFFFFFFFF = forever
     */
    public Address {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(scope, "scope");
        if (peer != null && peer.family() != local.family()) {
            throw new IllegalArgumentException("peer " + peer + " is not " + local.family().ipName());
        }
        if (broadcast != null && Family.of(broadcast) != local.family()) {
            throw new IllegalArgumentException("broadcast is not " + local.family().ipName());
        }
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("device index " + deviceIndex + " is negative");
        }
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /**
     * An address on a device, scope global, no flags.
     *
     * @param local the address and its prefix length
     * @param device the device name
     * @return an address on a device, scope global, no flags
     */
    public static Address of(CidrAddress local, String device) {
        return new Address(local, null, null, device, 0, RouteScope.UNIVERSE, Set.of(), null, 0, FOREVER, FOREVER);
    }

    /**
     * Parses what {@code ip addr add} accepts: {@code ADDR/LEN [peer P/LEN] [brd ADDR] [scope S] dev NAME
     * [noprefixroute] [nodad] [metric N]} (scope host for 127.0.0.0/8 and ::1, as the kernel does when unset).
     *
     * @param text the arguments of {@code ip addr add}
     * @return the address
     * @throws IllegalArgumentException naming the bad token
     */
    public static Address parse(String text) {
        return IpRouteSyntax.parseAddress(text);
    }

    /**
     * The address family.
     *
     * @return the address family
     */
    public Family family() {
        return local.family();
    }

    /**
     * The address itself.
     *
     * @return the address itself
     */
    public InetAddress address() {
        return local.address();
    }

    /**
     * This address with another device name/index.
     *
     * @param name the device name
     * @param index the device index (0 when unknown)
     * @return this address with another device name/index
     */
    public Address withDevice(String name, int index) {
        return new Address(local, peer, broadcast, name, index, scope, flags, label, metric, validLifetime,
                preferredLifetime);
    }

    /**
     * The secondary flag (IPv4).
     *
     * @return the secondary flag (IPv4)
     */
    public boolean secondary() {
        return flags.contains(AddressFlag.SECONDARY);
    }

    /** Prints the {@code ip addr show} line: {@code inet 192.168.1.2/24 brd 192.168.1.255 scope global eth0}. */
    @Override
    public String toString() {
        return IpRouteSyntax.formatAddress(this);
    }
}
