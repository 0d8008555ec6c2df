package io.github.netroute.routing;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What {@code ip link add} creates: a name, a {@link LinkKind} and the kind's options (a veth's peer, a vxlan's
 * VNI and endpoints, a macvlan's parent and mode). Options that do not belong to the kind are refused.
 *
 * <pre>{@code
 * routing.addLink(LinkSpec.of("br0", LinkKind.BRIDGE));                       // ip link add br0 type bridge
 * routing.addLink(LinkSpec.veth("veth1", "veth2"));                            // ... type veth peer name veth2
 * routing.addLink(LinkSpec.veth("veth1", "veth2").withPeerNetns("ns2"));       // ... peer name veth2 netns ns2
 * routing.addLink(LinkSpec.vxlan("vx10", 1010).withDstPort(4789)
 *         .withLocal(InetAddress.getByName("10.0.0.1")).withDevice("eth0"));   // ... type vxlan id 1010 ...
 * routing.addLink(LinkSpec.macvlan("mv0", "eth0", "bridge"));                  // ... link eth0 type macvlan mode bridge
 * routing.addLink(LinkSpec.of("br0", LinkKind.BRIDGE).withMtu(1400)
 *         .withAddress("02:00:00:00:00:01").withTxQueueLength(500));            // ip link add br0 mtu 1400 address ... type bridge
 * routing.addLink(LinkSpec.vxlan("vx0", 42).withDstPort(4789).withData(LinkData.builder("vxlan")
 *         .number(LinkData.Vxlan.TTL, 64).number(LinkData.Vxlan.LEARNING, 0).build()));   // ... ttl 64 nolearning
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param name the new device's name
 * @param kind the kind
 * @param peer veth: the peer's name, or null (the kernel picks {@code vethN})
 * @param peerNetns veth: the named namespace ({@code /run/netns/NAME}) the peer is created in, or null
 * @param vni vxlan: the VXLAN network identifier 0..16777215, -1 for other kinds
 * @param dstPort vxlan: the UDP destination port, -1 for the kernel's default (8472)
 * @param local vxlan: the local endpoint address, or null
 * @param remote vxlan: the remote endpoint (or multicast group), or null
 * @param device vxlan: the underlying device; macvlan: the parent; or null
 * @param mode macvlan: {@code private}, {@code vepa}, {@code bridge}, {@code passthru} or {@code source}, or null
 *     (the kernel's default, vepa)
 * @param mtu the MTU ({@code IFLA_MTU}), -1 for the kind's default
 * @param address the hardware address {@code aa:bb:cc:dd:ee:ff} ({@code IFLA_ADDRESS}), or null for a random one
 * @param txQueueLength the transmit queue length ({@code IFLA_TXQLEN}), -1 for the default (1000)
 * @param numTxQueues the number of transmit queues ({@code IFLA_NUM_TX_QUEUES}), -1 for the kind's default
 * @param numRxQueues the number of receive queues ({@code IFLA_NUM_RX_QUEUES}), -1 for the kind's default
 * @param data more of the kind's own attributes sent in {@code IFLA_INFO_DATA} (a vxlan's {@code ttl}, {@code tos},
 *     {@code ageing}, {@code srcport}, {@code nolearning}, ...), the kind being {@code kind}'s; or null. The
 *     attributes the other components carry (a vxlan's ID, LOCAL, GROUP, LINK, PORT; a macvlan's MODE) are refused
 *     here
 */
public record LinkSpec(String name, LinkKind kind, String peer, String peerNetns, int vni, int dstPort,
        InetAddress local, InetAddress remote, String device, String mode, int mtu, String address,
        int txQueueLength, int numTxQueues, int numRxQueues, LinkData data) {

    /** The macvlan modes, in {@code MACVLAN_MODE_*} bit order. */
    static final java.util.List<String> MACVLAN_MODES = java.util.List.of("private", "vepa", "bridge", "passthru",
            "source");

    /**
     * Validates the name and that every option belongs to the kind.
     *
     * @param name the new device's name
     * @param kind the kind
     * @param peer veth: the peer's name, or null
     * @param peerNetns veth: the peer's namespace, or null
     * @param vni vxlan: the VNI, -1 otherwise
     * @param dstPort vxlan: the UDP port, -1 for the default
     * @param local vxlan: the local endpoint, or null
     * @param remote vxlan: the remote endpoint, or null
     * @param device vxlan: the underlying device; macvlan: the parent; or null
     * @param mode macvlan: the mode, or null
     * @param mtu the MTU, -1 for the default
     * @param address the hardware address, or null
     * @param txQueueLength the transmit queue length, -1 for the default
     * @param numTxQueues transmit queues, -1 for the default
     * @param numRxQueues receive queues, -1 for the default
     * @param data more of the kind's attributes, or null
     */
    public LinkSpec {
        Objects.requireNonNull(kind, "kind");
        checkName(name);
        if (peer != null) {
            checkName(peer);
        }
        boolean veth = kind.equals(LinkKind.VETH);
        boolean vxlan = kind.equals(LinkKind.VXLAN);
        boolean macvlan = kind.equals(LinkKind.MACVLAN);
        if (!veth && (peer != null || peerNetns != null)) {
            throw new IllegalArgumentException("peer is a veth option, not " + kind + "'s");
        }
        if (!vxlan && (vni != -1 || dstPort != -1 || local != null || remote != null)) {
            throw new IllegalArgumentException("id, dstport, local and remote are vxlan options, not " + kind + "'s");
        }
        if (vxlan && (vni < 0 || vni > 0xFFFFFF)) {
            throw new IllegalArgumentException("vxlan id " + vni + " out of range 0..16777215");
        }
        if (dstPort < -1 || dstPort > 65535) {
            throw new IllegalArgumentException("dstport " + dstPort + " out of range 0..65535");
        }
        if (device != null && !vxlan && !macvlan) {
            throw new IllegalArgumentException("a lower device is a vxlan or macvlan option, not " + kind + "'s");
        }
        if (mode != null && (!macvlan || !MACVLAN_MODES.contains(mode))) {
            throw new IllegalArgumentException(macvlan ? "macvlan mode \"" + mode + "\" is not one of " + MACVLAN_MODES
                    : "mode is a macvlan option, not " + kind + "'s");
        }
        if (macvlan && device == null) {
            throw new IllegalArgumentException("a macvlan needs its parent device");
        }
        if (local != null && remote != null && local.getClass() != remote.getClass()) {
            throw new IllegalArgumentException("vxlan local " + IpAddresses.format(local) + " and remote "
                    + IpAddresses.format(remote) + " are of different families");
        }
        if (mtu < -1) {
            throw new IllegalArgumentException("mtu " + mtu + " is negative");
        }
        if (address != null && !address.matches("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}")) {
            throw new IllegalArgumentException("invalid hardware address \"" + address + "\"");
        }
        if (numTxQueues < -1 || numRxQueues < -1) {
            throw new IllegalArgumentException("queue count " + Math.min(numTxQueues, numRxQueues) + " is negative");
        }
        if (data != null) {
            if (!data.kind().equals(kind.name())) {
                throw new IllegalArgumentException("attributes of " + data.kind() + " for a " + kind + " link");
            }
            for (int t : vxlan ? new int[] {LinkData.Vxlan.ID, LinkData.Vxlan.GROUP, LinkData.Vxlan.GROUP6,
                LinkData.Vxlan.LOCAL, LinkData.Vxlan.LOCAL6, LinkData.Vxlan.LINK, LinkData.Vxlan.PORT}
                    : macvlan ? new int[] {LinkData.Macvlan.MODE} : new int[0]) {
                if (data.has(t)) {
                    throw new IllegalArgumentException(kind + " attribute " + t + " is a component of LinkSpec, not"
                            + " of its data");
                }
            }
        }
    }

    /**
     * A spec without the common link options ({@code mtu}, {@code address}, queues) and without more kind attributes.
     *
     * @param name the new device's name
     * @param kind the kind
     * @param peer veth: the peer's name, or null
     * @param peerNetns veth: the peer's namespace, or null
     * @param vni vxlan: the VNI, -1 otherwise
     * @param dstPort vxlan: the UDP port, -1 for the default
     * @param local vxlan: the local endpoint, or null
     * @param remote vxlan: the remote endpoint, or null
     * @param device vxlan: the underlying device; macvlan: the parent; or null
     * @param mode macvlan: the mode, or null
     */
    public LinkSpec(String name, LinkKind kind, String peer, String peerNetns, int vni, int dstPort,
            InetAddress local, InetAddress remote, String device, String mode) {
        this(name, kind, peer, peerNetns, vni, dstPort, local, remote, device, mode, -1, null, -1, -1, -1, null);
    }

    /**
     * The MTU.
     *
     * @param v the MTU
     * @return the changed copy
     */
    public LinkSpec withMtu(int v) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, remote, device, mode, v, address,
                txQueueLength, numTxQueues, numRxQueues, data);
    }

    /**
     * The hardware address.
     *
     * @param v {@code aa:bb:cc:dd:ee:ff}
     * @return the changed copy
     */
    public LinkSpec withAddress(String v) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, remote, device, mode, mtu, v,
                txQueueLength, numTxQueues, numRxQueues, data);
    }

    /**
     * The transmit queue length.
     *
     * @param v packets
     * @return the changed copy
     */
    public LinkSpec withTxQueueLength(int v) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, remote, device, mode, mtu, address, v,
                numTxQueues, numRxQueues, data);
    }

    /**
     * The numbers of transmit and receive queues.
     *
     * @param tx transmit queues, -1 for the default
     * @param rx receive queues, -1 for the default
     * @return the changed copy
     */
    public LinkSpec withQueues(int tx, int rx) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, remote, device, mode, mtu, address,
                txQueueLength, tx, rx, data);
    }

    /**
     * More of the kind's own attributes (e.g. a vxlan's TTL).
     *
     * @param v the attributes, of this spec's kind, or null
     * @return the changed copy
     */
    public LinkSpec withData(LinkData v) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, remote, device, mode, mtu, address,
                txQueueLength, numTxQueues, numRxQueues, v);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 15 || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ':')) {
            throw new IllegalArgumentException("invalid device name \"" + name + "\"");
        }
    }

    /**
     * A link of a kind without options ({@code bridge}, {@code dummy}, or any raw kind).
     *
     * @param name the device name
     * @param kind the kind
     * @return the spec
     */
    public static LinkSpec of(String name, LinkKind kind) {
        return new LinkSpec(name, kind, null, null, -1, -1, null, null, null, null);
    }

    /**
     * A veth pair.
     *
     * @param name this end's name
     * @param peer the other end's name, or null for the kernel's choice
     * @return the spec
     */
    public static LinkSpec veth(String name, String peer) {
        return new LinkSpec(name, LinkKind.VETH, peer, null, -1, -1, null, null, null, null);
    }

    /**
     * A vxlan device.
     *
     * @param name the device name
     * @param vni the VXLAN network identifier
     * @return the spec
     */
    public static LinkSpec vxlan(String name, int vni) {
        return new LinkSpec(name, LinkKind.VXLAN, null, null, vni, -1, null, null, null, null);
    }

    /**
     * A macvlan device.
     *
     * @param name the device name
     * @param parent the parent device
     * @param mode the mode, or null for the kernel's default
     * @return the spec
     */
    public static LinkSpec macvlan(String name, String parent, String mode) {
        return new LinkSpec(name, LinkKind.MACVLAN, null, null, -1, -1, null, null, parent, mode);
    }

    /**
     * The veth peer in another namespace.
     *
     * @param netns a named namespace
     * @return the changed copy
     */
    public LinkSpec withPeerNetns(String netns) {
        return new LinkSpec(name, kind, peer, netns, vni, dstPort, local, remote, device, mode, mtu, address,
                txQueueLength, numTxQueues, numRxQueues, data);
    }

    /**
     * The vxlan UDP port.
     *
     * @param port 0..65535
     * @return the changed copy
     */
    public LinkSpec withDstPort(int port) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, port, local, remote, device, mode, mtu, address,
                txQueueLength, numTxQueues, numRxQueues, data);
    }

    /**
     * The vxlan local endpoint.
     *
     * @param address the address
     * @return the changed copy
     */
    public LinkSpec withLocal(InetAddress address) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, address, remote, device, mode, mtu,
                this.address, txQueueLength, numTxQueues, numRxQueues, data);
    }

    /**
     * The vxlan remote endpoint.
     *
     * @param address the address
     * @return the changed copy
     */
    public LinkSpec withRemote(InetAddress address) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, address, device, mode, mtu,
                this.address, txQueueLength, numTxQueues, numRxQueues, data);
    }

    /**
     * The lower device (vxlan: {@code dev}; macvlan: {@code link}).
     *
     * @param dev the device name
     * @return the changed copy
     */
    public LinkSpec withDevice(String dev) {
        return new LinkSpec(name, kind, peer, peerNetns, vni, dstPort, local, remote, dev, mode, mtu, address,
                txQueueLength, numTxQueues, numRxQueues, data);
    }

    /** As {@code ip link add} takes it, e.g. {@code veth1 type veth peer name veth2}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (device != null && kind.equals(LinkKind.MACVLAN)) {
            sb.append("link ").append(device).append(' ');
        }
        sb.append(name);
        if (mtu >= 0) {
            sb.append(" mtu ").append(mtu);
        }
        if (address != null) {
            sb.append(" address ").append(address);
        }
        if (txQueueLength >= 0) {
            sb.append(" txqueuelen ").append(txQueueLength);
        }
        if (numTxQueues >= 0) {
            sb.append(" numtxqueues ").append(numTxQueues);
        }
        if (numRxQueues >= 0) {
            sb.append(" numrxqueues ").append(numRxQueues);
        }
        sb.append(" type ").append(kind);
        if (peer != null) {
            sb.append(" peer name ").append(peer);
        }
        if (peerNetns != null) {
            sb.append(" netns ").append(peerNetns);
        }
        if (vni >= 0) {
            sb.append(" id ").append(vni);
        }
        if (remote != null) {
            sb.append(" remote ").append(IpAddresses.format(remote));
        }
        if (local != null) {
            sb.append(" local ").append(IpAddresses.format(local));
        }
        if (device != null && kind.equals(LinkKind.VXLAN)) {
            sb.append(" dev ").append(device);
        }
        if (dstPort >= 0) {
            sb.append(" dstport ").append(dstPort);
        }
        if (mode != null) {
            sb.append(" mode ").append(mode);
        }
        if (data != null) {
            sb.append(" data ").append(data);
        }
        return sb.toString();
    }
}
