package io.github.netroute.routing;

import io.github.netroute.routing.internal.NexthopSyntax;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A nexthop object ({@code ip nexthop}, RTM_NEWNEXTHOP, Linux 5.3+): a single nexthop (gateway and/or device,
 * blackhole, or fdb) or a group of other nexthops, shared by every route that names it with {@code nhid}.
 * Immutable; {@link #parse(String)} reads what {@code ip nexthop add} accepts and what {@code ip nexthop show}
 * prints, {@link #toString()} prints what {@code ip nexthop show} prints.
 *
 * <pre>{@code
 * Nexthop gw = Nexthop.parse("id 1 via 10.1.0.2 dev veth0");
 * gw.toString();                                   // "id 1 via 10.1.0.2 dev veth0 scope link"
 * Nexthop group = Nexthop.parse("id 10 group 1/2,3");
 * routing.addNexthop(gw);
 * routing.addRoute(Route.parse("10.9.0.0/16 nhid 10"));
 * }</pre>
 *
 * @param id the id (1..4294967295; 0 = let the kernel pick one, only when adding)
 * @param family IPv4 or IPv6 for a single nexthop; null for a group (the kernel reports AF_UNSPEC, and refuses a
 *     group requested with a family: {@code ip -6 nexthop add id 2 group 1} gives "Invalid family for group")
 * @param gateway the gateway, or null
 * @param device the device name, or null
 * @param deviceIndex the device index, 0 when unknown
 * @param flags nexthop flags ({@code onlink} when adding; {@code dead}, {@code linkdown} as reported)
 * @param blackhole a blackhole nexthop (no gateway, no device given; the kernel puts it on {@code lo})
 * @param fdb a nexthop (or group) for the bridge FDB / vxlan, not for routes
 * @param protocol who installed it ({@code proto}; unspec by default)
 * @param scope the scope as the kernel reports it: link with a gateway, host for a device-only nexthop,
 *     universe for blackholes and groups
 * @param group the group, or null for a single nexthop
 *
 * <p>Immutable and safe to share between threads.
 */
public record Nexthop(long id, Family family, InetAddress gateway, String device, int deviceIndex,
        Set<NextHopFlag> flags, boolean blackhole, boolean fdb, RouteProtocol protocol, RouteScope scope,
        NexthopGroup group) {

    /**
     * Validates that the parts agree (as far as the value can tell; the kernel checks the rest).
     *
     * @param id the id (1..4294967295; 0 = let the kernel pick one, only when adding)
     * @param family IPv4 or IPv6 for a single nexthop; null for a group (the kernel reports AF_UNSPEC)
     * @param gateway the gateway, or null
     * @param device the device name, or null
     * @param deviceIndex the device index, 0 when unknown
     * @param flags nexthop flags ({@code onlink} when adding; {@code dead}, {@code linkdown} as reported)
     * @param blackhole a blackhole nexthop (no gateway, no device given; the kernel puts it on {@code lo})
     * @param fdb a nexthop (or group) for the bridge FDB / vxlan, not for routes
     * @param protocol who installed it ({@code proto}; unspec by default)
     * @param scope the scope as the kernel reports it: link with a gateway, host for a device-only nexthop,
     *     universe for blackholes and groups
     * @param group the group, or null for a single nexthop
     */
    public Nexthop {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nexthop id " + id + " out of range 0..4294967295");
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scope, "scope");
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        if (group != null) {
            if (gateway != null || device != null || deviceIndex != 0 || blackhole) {
                throw new IllegalArgumentException("a nexthop group has no gateway, device or blackhole of its own");
            }
        } else {
            Objects.requireNonNull(family, "family");
            if (gateway != null && Family.of(gateway) != family) {
                throw new IllegalArgumentException("gateway " + IpAddresses.format(gateway) + " is not "
                        + family.ipName());
            }
        }
        if (device != null && (device.isEmpty() || device.length() > 15 || device.indexOf(' ') >= 0)) {
            throw new IllegalArgumentException("invalid device name \"" + device + "\"");
        }
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("device index " + deviceIndex + " is negative");
        }
    }

    /**
     * Parses {@code ip nexthop add} arguments or an {@code ip nexthop show} line; a single nexthop without a
     * gateway is IPv4 (as with {@code ip nexthop add} without {@code -6}).
     *
     * @param text the text
     * @return the nexthop
     * @throws IllegalArgumentException naming the bad token
     */
    public static Nexthop parse(String text) {
        return NexthopSyntax.parse(text, null);
    }

    /**
     * Parses as {@link #parse(String)}, with the family of {@code ip -4}/{@code ip -6} for a nexthop without a
     * gateway.
     *
     * @param text the text
     * @param family the preferred family, or null
     * @return the nexthop
     */
    public static Nexthop parse(String text, Family family) {
        return NexthopSyntax.parse(text, family);
    }

    /**
     * A single nexthop through a gateway on a device.
     *
     * @param id the id
     * @param gateway the gateway
     * @param device the device
     * @return the nexthop
     */
    public static Nexthop via(long id, InetAddress gateway, String device) {
        return new Nexthop(id, Family.of(gateway), gateway, device, 0, Set.of(), false, false, RouteProtocol.UNSPEC,
                RouteScope.LINK, null);
    }

    /**
     * A group nexthop.
     *
     * @param id the id
     * @param group the group
     * @return the nexthop
     */
    public static Nexthop group(long id, NexthopGroup group) {
        return new Nexthop(id, null, null, null, 0, Set.of(), false, false, RouteProtocol.UNSPEC,
                RouteScope.UNIVERSE, Objects.requireNonNull(group, "group"));
    }

    /**
     * Whether this is a group.
     *
     * @return true for a group
     */
    public boolean isGroup() {
        return group != null;
    }

    /**
     * This nexthop with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public Nexthop withId(long newId) {
        return new Nexthop(newId, family, gateway, device, deviceIndex, flags, blackhole, fdb, protocol, scope, group);
    }

    /**
     * This nexthop with a device name and index.
     *
     * @param name the name
     * @param index the index
     * @return the copy
     */
    public Nexthop withDevice(String name, int index) {
        return new Nexthop(id, family, gateway, name, index, flags, blackhole, fdb, protocol, scope, group);
    }

    /**
     * This nexthop with other flags.
     *
     * @param f the flags
     * @return the copy
     */
    public Nexthop withFlags(Set<NextHopFlag> f) {
        return new Nexthop(id, family, gateway, device, deviceIndex, f, blackhole, fdb, protocol, scope, group);
    }

    /**
     * This nexthop with another group.
     *
     * @param g the group
     * @return the copy
     */
    public Nexthop withGroup(NexthopGroup g) {
        return new Nexthop(id, family, gateway, device, deviceIndex, flags, blackhole, fdb, protocol, scope, g);
    }

    /** What {@code ip nexthop show} prints for it (without the trailing space iproute2 leaves). */
    @Override
    public String toString() {
        return NexthopSyntax.format(this);
    }
}
