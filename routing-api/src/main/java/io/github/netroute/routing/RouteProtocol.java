package io.github.netroute.routing;

import io.github.netroute.routing.internal.Numbers;

/**
 * Who installed a route or rule ({@code rtm_protocol}, 8 bits). Unknown numbers are kept.
 * Names are iproute2's {@code rt_protos}.
 *
 * <pre>{@code
 * RouteProtocol.KERNEL;              // installed by the kernel (address routes)
 * RouteProtocol.parse("static");     // 4
 * RouteProtocol.of(99).toString();   // "openr"
 * RouteProtocol.of(77).toString();   // "77"
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param value 0..255
 */
public record RouteProtocol(int value) {
    private static final String[] NAMES = new String[256];

    static {
        String[][] names = {
            {"0", "unspec"}, {"1", "redirect"}, {"2", "kernel"}, {"3", "boot"}, {"4", "static"},
            {"8", "gated"}, {"9", "ra"}, {"10", "mrt"}, {"11", "zebra"}, {"12", "bird"}, {"13", "dnrouted"},
            {"14", "xorp"}, {"15", "ntk"}, {"16", "dhcp"}, {"18", "keepalived"}, {"42", "babel"},
            {"99", "openr"}, {"186", "bgp"}, {"187", "isis"}, {"188", "ospf"}, {"189", "rip"}, {"192", "eigrp"},
        };
        for (String[] n : names) {
            NAMES[Integer.parseInt(n[0])] = n[1];
        }
    }

    /** 0: unspecified; a wildcard when deleting. */
    public static final RouteProtocol UNSPEC = new RouteProtocol(0);
    /** 1: ICMP redirect. */
    public static final RouteProtocol REDIRECT = new RouteProtocol(1);
    /** 2: the kernel (address routes, default rules). */
    public static final RouteProtocol KERNEL = new RouteProtocol(2);
    /** 3: boot time; iproute2's default for {@code ip route add}. */
    public static final RouteProtocol BOOT = new RouteProtocol(3);
    /** 4: an administrator. */
    public static final RouteProtocol STATIC = new RouteProtocol(4);

    /**
     * Validates the range.
     *
     * @param value 0..255
     */
    public RouteProtocol {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("protocol " + value + " out of range 0..255");
        }
    }

    /**
     * A protocol by number.
     *
     * @param value the {@code RTPROT_*} number
     * @return a protocol by number
     */
    public static RouteProtocol of(int value) {
        return new RouteProtocol(value);
    }

    /**
     * Parses an iproute2 protocol name or a number.
     *
     * @param s the name or number
     * @return the protocol
     * @throws IllegalArgumentException naming the bad text
     */
    public static RouteProtocol parse(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(NAMES[i])) {
                return new RouteProtocol(i);
            }
        }
        return new RouteProtocol((int) Numbers.parseUnsigned(s, 255, "protocol"));
    }

    /** The iproute2 name or the number. */
    @Override
    public String toString() {
        String n = NAMES[value];
        return n != null ? n : Integer.toString(value);
    }
}
