package io.github.netroute.routing;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An address family as the kernel numbers it: {@code AF_INET} or {@code AF_INET6}.
 *
 * <pre>{@code
 * Family f = Family.of(InetAddress.getByName("10.0.0.1")); // INET
 * int af = f.number();                                     // 2
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum Family {
    /** IPv4, {@code AF_INET} = 2. */
    INET(2, "inet", 32),
    /** IPv6, {@code AF_INET6} = 10. */
    INET6(10, "inet6", 128);

    private final int number;
    private final String ipName;
    private final int bits;

    Family(int number, String ipName, int bits) {
        this.number = number;
        this.ipName = ipName;
        this.bits = bits;
    }

    /**
     * The kernel's {@code AF_*} number.
     *
     * @return the kernel's {@code AF_*} number
     */
    public int number() {
        return number;
    }

    /**
     * The word iproute2 uses ({@code inet}, {@code inet6}).
     *
     * @return the word iproute2 uses ({@code inet}, {@code inet6})
     */
    public String ipName() {
        return ipName;
    }

    /**
     * Address width in bits: 32 or 128.
     *
     * @return 32 or 128
     */
    public int bits() {
        return bits;
    }

    /**
     * Address width in bytes: 4 or 16.
     *
     * @return 4 or 16
     */
    public int bytes() {
        return bits / 8;
    }

    /**
     * The family of an address.
     *
     * @param address the address
     * @return the family of an address
     */
    public static Family of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }

    /**
     * The family for a kernel {@code AF_*} number.
     *
     * @param af the {@code AF_*} number
     * @return the family for a kernel {@code AF_*} number
     * @throws IllegalArgumentException for any other number
     */
    public static Family ofNumber(int af) {
        if (af == 2) {
            return INET;
        }
        if (af == 10) {
            return INET6;
        }
        throw new IllegalArgumentException("unsupported address family " + af);
    }
}
