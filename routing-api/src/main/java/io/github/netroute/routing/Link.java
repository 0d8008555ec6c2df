package io.github.netroute.routing;

import java.util.Objects;

/**
 * A network device as {@code ip link} shows it.
 *
 * <pre>{@code
 * Link ipvs = routing.link("kube-ipvs0").orElseThrow();
 * ipvs.linkKind();   // LinkKind.DUMMY
 * ipvs.up();         // false: kube-proxy keeps it down
 * Link veth1 = routing.link("veth1").orElseThrow();
 * veth1.parent();    // the peer's ifindex: iproute2 prints "veth1@veth2" (or "veth1@if7" in another namespace)
 * veth1.details().numTxQueues();   // what ip -details adds: numtxqueues 2 (one per possible CPU)
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param index the interface index
 * @param name the device name
 * @param linkKind the link kind ({@code IFLA_INFO_KIND}), or null for devices without one (lo, physical)
 * @param flags the {@code IFF_*} flags
 * @param mtu the MTU
 * @param group the device group (0 = default)
 * @param txQueueLength the transmit queue length
 * @param qdisc the queueing discipline name, or null
 * @param operState the RFC 2863 operational state ({@code UNKNOWN}, {@code DOWN}, {@code UP}, …)
 * @param linkType the ARPHRD_* hardware type (1 ether, 772 loopback)
 * @param address the hardware address as {@code aa:bb:…}, or null
 * @param broadcast the hardware broadcast address, or null
 * @param master the master's ifindex ({@code IFLA_MASTER}, e.g. the bridge of a port), 0 for none
 * @param parent the ifindex of the link this one sits on ({@code IFLA_LINK}: a veth's peer, a macvlan's or vxlan's
 *     lower device), 0 for none
 * @param parentNetnsId the netns id of the namespace {@code parent} lives in ({@code IFLA_LINK_NETNSID}), -1 for
 *     this namespace
 * @param alias the alias ({@code IFLA_IFALIAS}, {@code ip link set NAME alias TEXT}), or null
 * @param details what {@code ip -details} adds (MTU bounds, queues, the kind's attributes), {@link LinkDetails#NONE}
 *     when not reported; never null. It holds what the kernel reported at that moment, timers included (a running
 *     bridge's gc_timer): two reads of the same link may differ there, so compare {@code withDetails(NONE)} copies
 *     to ask whether a link changed
 */
public record Link(
        int index,
        String name,
        LinkKind linkKind,
        int flags,
        int mtu,
        int group,
        int txQueueLength,
        String qdisc,
        String operState,
        int linkType,
        String address,
        String broadcast,
        int master,
        int parent,
        int parentNetnsId,
        String alias,
        LinkDetails details) {

    /** IFF_UP: administratively up. */
    public static final int IFF_UP = 0x1;
    /** IFF_BROADCAST. */
    public static final int IFF_BROADCAST = 0x2;
    /** IFF_LOOPBACK. */
    public static final int IFF_LOOPBACK = 0x8;
    /** IFF_POINTOPOINT. */
    public static final int IFF_POINTOPOINT = 0x10;
    /** IFF_RUNNING: up with carrier (iproute2 prints NO-CARRIER for an up link without it). */
    public static final int IFF_RUNNING = 0x40;
    /** IFF_NOARP. */
    public static final int IFF_NOARP = 0x80;
    /** IFF_MULTICAST. */
    public static final int IFF_MULTICAST = 0x1000;
    /** IFF_LOWER_UP: carrier. */
    public static final int IFF_LOWER_UP = 0x10000;

    /**
     * A link without master, parent or alias, the kind as a string.
     *
     * @param index the interface index
     * @param name the device name
     * @param kind the link kind ({@code dummy}, {@code bridge}, …), or null for devices without one (lo, physical)
     * @param flags the {@code IFF_*} flags
     * @param mtu the MTU
     * @param group the device group (0 = default)
     * @param txQueueLength the transmit queue length
     * @param qdisc the queueing discipline name, or null
     * @param operState the RFC 2863 operational state ({@code UNKNOWN}, {@code DOWN}, {@code UP}, …)
     * @param linkType the ARPHRD_* hardware type (1 ether, 772 loopback)
     * @param address the hardware address as {@code aa:bb:…}, or null
     * @param broadcast the hardware broadcast address, or null
     * @deprecated the kind is a {@link LinkKind} now: use the canonical constructor
     */
    @Deprecated
    public Link(int index, String name, String kind, int flags, int mtu, int group, int txQueueLength, String qdisc,
            String operState, int linkType, String address, String broadcast) {
        this(index, name, kind == null ? null : LinkKind.of(kind), flags, mtu, group, txQueueLength, qdisc, operState,
                linkType, address, broadcast, 0, 0, -1, null, LinkDetails.NONE);
    }

    /**
     * A link without details ({@link LinkDetails#NONE}).
     *
     * @param index the interface index
     * @param name the device name
     * @param linkKind the link kind, or null for devices without one (lo, physical)
     * @param flags the {@code IFF_*} flags
     * @param mtu the MTU
     * @param group the device group (0 = default)
     * @param txQueueLength the transmit queue length
     * @param qdisc the queueing discipline name, or null
     * @param operState the RFC 2863 operational state
     * @param linkType the ARPHRD_* hardware type (1 ether, 772 loopback)
     * @param address the hardware address as {@code aa:bb:…}, or null
     * @param broadcast the hardware broadcast address, or null
     * @param master the master's ifindex, 0 for none
     * @param parent the ifindex of the link this one sits on, 0 for none
     * @param parentNetnsId the netns id of the parent's namespace, -1 for this namespace
     * @param alias the alias, or null
     */
    public Link(int index, String name, LinkKind linkKind, int flags, int mtu, int group, int txQueueLength,
            String qdisc, String operState, int linkType, String address, String broadcast, int master, int parent,
            int parentNetnsId, String alias) {
        this(index, name, linkKind, flags, mtu, group, txQueueLength, qdisc, operState, linkType, address, broadcast,
                master, parent, parentNetnsId, alias, LinkDetails.NONE);
    }

    /**
     * Validates the name and index.
     *
     * @param index the interface index
     * @param name the device name
     * @param linkKind the link kind, or null for devices without one (lo, physical)
     * @param flags the {@code IFF_*} flags
     * @param mtu the MTU
     * @param group the device group (0 = default)
     * @param txQueueLength the transmit queue length
     * @param qdisc the queueing discipline name, or null
     * @param operState the RFC 2863 operational state ({@code UNKNOWN}, {@code DOWN}, {@code UP}, …)
     * @param linkType the ARPHRD_* hardware type (1 ether, 772 loopback)
     * @param address the hardware address as {@code aa:bb:…}, or null
     * @param broadcast the hardware broadcast address, or null
     * @param master the master's ifindex, 0 for none
     * @param parent the ifindex of the link this one sits on (a veth's peer), 0 for none
     * @param parentNetnsId the netns id of the parent's namespace, -1 for this namespace
     * @param alias the alias, or null
     * @param details the details, or null for {@link LinkDetails#NONE}
     */
    public Link {
        Objects.requireNonNull(name, "name");
        if (details == null) {
            details = LinkDetails.NONE;
        }
        if (name.isEmpty() || name.length() > 15 || name.indexOf('/') >= 0 || name.indexOf(' ') >= 0
                || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("invalid device name \"" + name + "\"");
        }
        if (index < 0) {
            throw new IllegalArgumentException("interface index " + index + " is negative");
        }
    }

    /**
     * A minimal link value (flags, MTU), e.g. for the in-memory kernel.
     *
     * @param index the device index
     * @param name the device name
     * @param kind the link kind's name ({@link LinkKind#of}), e.g. {@code dummy}, or null
     * @param up administratively up
     * @param mtu the MTU
     * @return a minimal link value (flags, MTU), e.g. for the in-memory kernel
     */
    public static Link of(int index, String name, String kind, boolean up, int mtu) {
        return new Link(index, name, kind == null ? null : LinkKind.of(kind), up ? IFF_UP : 0, mtu, 0, 1000, null,
                up ? "UNKNOWN" : "DOWN", 1, null, null, 0, 0, -1, null, LinkDetails.NONE);
    }

    /**
     * The kind's name, as the kernel reports it.
     *
     * @return the kind's name ({@code dummy}, {@code bridge}, …), or null for devices without one
     * @deprecated use {@link #linkKind()}
     */
    @Deprecated
    public String kind() {
        return linkKind == null ? null : linkKind.name();
    }

    /**
     * The same link with other flags and operational state (e.g. after a carrier change).
     *
     * @param flags the {@code IFF_*} flags
     * @param operState the operational state
     * @param qdisc the qdisc name, or null
     * @return the changed copy
     */
    public Link withState(int flags, String operState, String qdisc) {
        return new Link(index, name, linkKind, flags, mtu, group, txQueueLength, qdisc, operState, linkType, address,
                broadcast, master, parent, parentNetnsId, alias, details);
    }

    /**
     * The same link with other details.
     *
     * @param d the details
     * @return the changed copy
     */
    public Link withDetails(LinkDetails d) {
        return new Link(index, name, linkKind, flags, mtu, group, txQueueLength, qdisc, operState, linkType, address,
                broadcast, master, parent, parentNetnsId, alias, d);
    }

    /**
     * Administratively up (IFF_UP).
     *
     * @return true when IFF_UP is set
     */
    public boolean up() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * Carrier present (IFF_LOWER_UP).
     *
     * @return true when IFF_LOWER_UP is set
     */
    public boolean lowerUp() {
        return (flags & IFF_LOWER_UP) != 0;
    }

    /**
     * The loopback device.
     *
     * @return the loopback device
     */
    public boolean loopback() {
        return (flags & IFF_LOOPBACK) != 0;
    }

    /** {@code 3: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 … kind dummy}, a one-line summary. */
    @Override
    public String toString() {
        return index + ": " + name + (linkKind != null ? " (" + linkKind + ")" : "") + (up() ? " UP" : " DOWN") + " mtu " + mtu;
    }
}
