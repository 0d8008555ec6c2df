package io.github.netroute.routing;

import java.util.List;

/**
 * A link kind, the rtnetlink {@code IFLA_INFO_KIND} string ({@code ip link add NAME type KIND}). The kinds netroute
 * knows are constants; any other kind the kernel reports or a caller names is kept as it is ({@link #of}), so a
 * kind newer than this library is never lost.
 *
 * <pre>{@code
 * LinkKind.of("bridge") == LinkKind.BRIDGE;   // true: known kinds come back as their constant
 * LinkKind.of("wireguard").known();           // false, but kept and sent as "wireguard"
 * routing.addLink(LinkSpec.of("br0", LinkKind.BRIDGE));
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param name the kind as the kernel names it: 1..15 characters, no white space or '/'
 */
public record LinkKind(String name) {
    /** {@code bridge}: an Ethernet bridge. */
    public static final LinkKind BRIDGE = new LinkKind("bridge");
    /** {@code dummy}: a device that drops everything (carrier always on). */
    public static final LinkKind DUMMY = new LinkKind("dummy");
    /** {@code veth}: one end of a virtual Ethernet pair; carrier follows the peer. */
    public static final LinkKind VETH = new LinkKind("veth");
    /** {@code vxlan}: a VXLAN tunnel endpoint. */
    public static final LinkKind VXLAN = new LinkKind("vxlan");
    /** {@code macvlan}: a MAC-based virtual device on a parent. */
    public static final LinkKind MACVLAN = new LinkKind("macvlan");
    /** {@code vrf}: an L3 master device. */
    public static final LinkKind VRF = new LinkKind("vrf");
    /** {@code vlan}: an 802.1Q sub-interface. */
    public static final LinkKind VLAN = new LinkKind("vlan");

    private static final List<LinkKind> KNOWN = List.of(BRIDGE, DUMMY, VETH, VXLAN, MACVLAN, VRF, VLAN);

    /**
     * Validates the name.
     *
     * @param name the kind
     */
    public LinkKind {
        if (name == null || name.isEmpty() || name.length() > 15 || name.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("invalid link kind \"" + name + "\"");
        }
    }

    /**
     * A kind by name: the constant for a known kind, otherwise a raw kind kept as given.
     *
     * @param name the kind, e.g. {@code bridge}
     * @return the kind
     * @throws IllegalArgumentException naming the bad text when it cannot be a kind
     */
    public static LinkKind of(String name) {
        for (LinkKind k : KNOWN) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        return new LinkKind(name);
    }

    /**
     * Whether this is one of the constants of this class.
     *
     * @return true for a kind netroute knows by name
     */
    public boolean known() {
        return KNOWN.contains(this);
    }

    /** The name, as {@code ip link} prints it. */
    @Override
    public String toString() {
        return name;
    }
}
