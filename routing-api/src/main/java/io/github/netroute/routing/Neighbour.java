package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A neighbour table entry ({@code ip neigh}): an IP address on a device, its link-layer address and NUD state, or a
 * proxy entry (the kernel answers ARP/NDP for the address on the device).
 *
 * <pre>{@code
 * Neighbour gw = Neighbour.parse("192.168.1.1 dev eth0 lladdr 52:54:00:12:34:56 PERMANENT");
 * routing.addNeighbour(gw);                                        // ip neigh add 192.168.1.1 lladdr ... dev eth0
 * routing.addNeighbour(Neighbour.proxy(InetAddress.getByName("10.0.0.5"), "eth0"));   // ip neigh add proxy ...
 * gw.toString();   // "192.168.1.1 dev eth0 lladdr 52:54:00:12:34:56 PERMANENT", as ip neigh show prints it
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param address the neighbour's IP address
 * @param device the device name (null when only the index is known)
 * @param deviceIndex the device's ifindex (0 when only the name is known)
 * @param lladdr the link-layer address {@code aa:bb:cc:dd:ee:ff}, or null
 * @param state the NUD state ({@link NeighbourState#NONE} for proxy entries)
 * @param router the neighbour is a router ({@code NTF_ROUTER}, IPv6)
 * @param proxy a proxy entry ({@code NTF_PROXY})
 * @param externLearn learned by an external control plane ({@code NTF_EXT_LEARNED})
 * @param protocol who installed it ({@code NDA_PROTOCOL}), or null
 */
public record Neighbour(InetAddress address, String device, int deviceIndex, String lladdr, NeighbourState state,
        boolean router, boolean proxy, boolean externLearn, RouteProtocol protocol) {

    /**
     * Validates the parts.
     *
     * @param address the IP address
     * @param device the device name, or null
     * @param deviceIndex the ifindex, or 0
     * @param lladdr the link-layer address, or null
     * @param state the NUD state
     * @param router NTF_ROUTER
     * @param proxy NTF_PROXY
     * @param externLearn NTF_EXT_LEARNED
     * @param protocol the protocol, or null
     */
    public Neighbour {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        if (device == null && deviceIndex <= 0) {
            throw new IllegalArgumentException("a neighbour needs its device");
        }
        if (lladdr != null && !lladdr.matches("[0-9a-f]{1,2}(:[0-9a-f]{1,2})*")) {
            throw new IllegalArgumentException("invalid link-layer address \"" + lladdr + "\"");
        }
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("interface index " + deviceIndex + " is negative");
        }
    }

    /**
     * A permanent entry ({@code ip neigh add ADDR lladdr MAC dev DEV}).
     *
     * @param address the IP address
     * @param lladdr the link-layer address
     * @param device the device name
     * @return the entry
     */
    public static Neighbour permanent(InetAddress address, String lladdr, String device) {
        return new Neighbour(address, device, 0, lladdr, NeighbourState.PERMANENT, false, false, false, null);
    }

    /**
     * A proxy entry ({@code ip neigh add proxy ADDR dev DEV}).
     *
     * @param address the IP address
     * @param device the device name
     * @return the entry
     */
    public static Neighbour proxy(InetAddress address, String device) {
        return new Neighbour(address, device, 0, null, NeighbourState.NONE, false, true, false, null);
    }

    /**
     * Parses what {@code ip neigh show} prints, or what {@code ip neigh add} takes: {@code ADDR dev DEV [lladdr MAC]
     * [router] [proxy] [extern_learn] [STATE | nud STATE] [proto P]}. Without a state the entry is PERMANENT (as
     * {@code ip neigh add} makes it), except a proxy entry.
     *
     * @param text the text
     * @return the entry
     * @throws IllegalArgumentException naming the bad word
     */
    public static Neighbour parse(String text) {
        String[] w = text.trim().split("\\s+");
        InetAddress address = null;
        String dev = null;
        String ll = null;
        NeighbourState state = null;
        boolean router = false;
        boolean proxy = false;
        boolean ext = false;
        RouteProtocol proto = null;
        for (int i = 0; i < w.length; i++) {
            String s = w[i];
            switch (s) {
                case "dev" -> dev = next(w, ++i, s);
                case "lladdr" -> ll = next(w, ++i, s).toLowerCase(java.util.Locale.ROOT);
                case "router" -> router = true;
                case "proxy" -> proxy = true;
                case "extern_learn" -> ext = true;
                case "nud" -> state = NeighbourState.parse(next(w, ++i, s));
                case "proto", "protocol" -> proto = RouteProtocol.parse(next(w, ++i, s));
                case "to" -> address = InetAddresses.parse(next(w, ++i, s));
                default -> {
                    NeighbourState st = stateWord(s);
                    if (st != null) {
                        state = st;
                    } else if (address == null) {
                        address = InetAddresses.parse(s);
                    } else {
                        throw new IllegalArgumentException("unexpected word \"" + s + "\" in neighbour \"" + text
                                + "\"");
                    }
                }
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("neighbour \"" + text + "\" has no address");
        }
        if (state == null) {
            state = proxy ? NeighbourState.NONE : NeighbourState.PERMANENT;
        }
        return new Neighbour(address, dev, 0, ll, state, router, proxy, ext, proto);
    }

    private static NeighbourState stateWord(String s) {
        for (NeighbourState st : NeighbourState.values()) {
            if (st != NeighbourState.NONE && st.name().equals(s)) {
                return st;
            }
        }
        return null;
    }

    private static String next(String[] w, int i, String key) {
        if (i >= w.length) {
            throw new IllegalArgumentException("\"" + key + "\" needs a value");
        }
        return w[i];
    }

    /**
     * The family of the address.
     *
     * @return INET or INET6
     */
    public Family family() {
        return address.getAddress().length == 4 ? Family.INET : Family.INET6;
    }

    /**
     * The same entry with the device's name and index filled in.
     *
     * @param name the device name
     * @param index the ifindex
     * @return the copy
     */
    public Neighbour withDevice(String name, int index) {
        return new Neighbour(address, name, index, lladdr, state, router, proxy, externLearn, protocol);
    }

    /**
     * As {@code ip neigh show} prints it (without iproute2's trailing space), e.g.
     * {@code 10.0.0.1 dev br0 lladdr 02:00:00:00:00:01 router PERMANENT}.
     */
    @Override
    public String toString() {
        return text(true);
    }

    /**
     * The line, with or without {@code dev NAME} ({@code ip neigh show dev NAME} leaves it out).
     *
     * @param withDevice print the device
     * @return the text
     */
    public String text(boolean withDevice) {
        StringBuilder sb = new StringBuilder(InetAddresses.format(address));
        if (withDevice) {
            sb.append(" dev ").append(device != null ? device : "if" + deviceIndex);
        }
        if (lladdr != null) {
            sb.append(" lladdr ").append(lladdr);
        }
        if (router) {
            sb.append(" router");
        }
        if (proxy) {
            sb.append(" proxy");
        }
        if (externLearn) {
            sb.append(" extern_learn");
        }
        if (state != NeighbourState.NONE) {
            sb.append(' ').append(state.name());
        }
        if (protocol != null && protocol.value() != 0) {
            sb.append(" proto ").append(protocol);
        }
        return sb.toString();
    }
}
