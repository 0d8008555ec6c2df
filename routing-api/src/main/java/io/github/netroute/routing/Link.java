package io.github.netroute.routing;

import java.util.Objects;

/**
 * A network device as {@code ip link} shows it.
 *
 * <pre>{@code
 * Link ipvs = routing.link("kube-ipvs0").orElseThrow();
 * ipvs.kind();   // "dummy"
 * ipvs.up();     // false: kube-proxy keeps it down
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
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
 */
public record Link(
        int index,
        String name,
        String kind,
        int flags,
        int mtu,
        int group,
        int txQueueLength,
        String qdisc,
        String operState,
        int linkType,
        String address,
        String broadcast) {

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
     * Validates the name and index.
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
     */
    public Link {
        Objects.requireNonNull(name, "name");
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
     * @param kind the link kind, e.g. {@code dummy}
     * @param up administratively up
     * @param mtu the MTU
     * @return a minimal link value (flags, MTU), e.g. for the in-memory kernel
     */
    public static Link of(int index, String name, String kind, boolean up, int mtu) {
        return new Link(index, name, kind, up ? IFF_UP : 0, mtu, 0, 1000, null, up ? "UNKNOWN" : "DOWN", 1, null,
                null);
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
        return index + ": " + name + (kind != null ? " (" + kind + ")" : "") + (up() ? " UP" : " DOWN") + " mtu " + mtu;
    }
}
