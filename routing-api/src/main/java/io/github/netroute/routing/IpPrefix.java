package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network prefix: an address whose bits after {@link #length()} are all zero.
 *
 * <pre>{@code
 * IpPrefix services = IpPrefix.parse("10.96.0.0/12");
 * services.contains(InetAddress.getByName("10.96.0.1"));   // true
 * IpPrefix.parse("fd00:4000::/112").family();             // INET6
 * IpPrefix.parse("10.0.0.1");                              // 10.0.0.1/32
 * IpPrefix.parse("default");                               // 0.0.0.0/0
 * IpPrefix.parse("10.96.0.1/12");                          // IllegalArgumentException: host bits
 * IpPrefix.masked(InetAddress.getByName("10.96.0.1"), 12); // 10.96.0.0/12
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * <p>Strict on purpose: a prefix is a network, as the kernel stores it, so {@code parse} refuses host bits rather
 * than guess. Linux itself refuses an IPv4 route destination with host bits (EINVAL, "Invalid prefix for given
 * prefix length") and masks an IPv6 one; {@code netroute ip} gives those answers before building a {@link Route}
 * (see routing-testkit's KERNEL-FIDELITY.md). {@link CidrAddress} keeps host bits where they mean something (an
 * interface address, a rule selector).
 *
 * @param address the network address (host bits zero)
 * @param length the prefix length, 0..32 or 0..128
 */
public record IpPrefix(InetAddress address, int length) implements Comparable<IpPrefix> {

    /**
     * Whether {@code Inet4Address.hashCode()} is the address as a big-endian int (true for every OpenJDK); checked
     * once, so that the hot path of validating a decoded IPv4 prefix needs no {@code getAddress()} copy.
     */
    private static final boolean V4_HASH_IS_ADDRESS = v4HashIsAddress();

    /** {@code 0.0.0.0/0}. */
    public static final IpPrefix DEFAULT_V4 = new IpPrefix(InetAddresses.fromBytes(new byte[4]), 0);
    /** {@code ::/0}. */
    public static final IpPrefix DEFAULT_V6 = new IpPrefix(InetAddresses.fromBytes(new byte[16]), 0);

    /**
     * Validates the prefix.
     *
     * @param address the network address (host bits zero)
     * @param length the prefix length, 0..32 or 0..128
     * @throws IllegalArgumentException when the length is out of range or host bits are set
     */
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int bits = Family.of(address).bits();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + bits
                    + " for " + InetAddresses.format(address));
        }
        if (!(V4_HASH_IS_ADDRESS && address instanceof java.net.Inet4Address
                ? v4HostBitsZero(address.hashCode(), length) : hostBitsZero(address.getAddress(), length))) {
            throw new IllegalArgumentException("host bits set in prefix \"" + InetAddresses.format(address) + "/"
                    + length + "\" (the network is " + InetAddresses.format(mask(address, length)) + "/" + length
                    + "; use IpPrefix.masked to drop host bits)");
        }
    }

    /**
     * A prefix from an address and length; host bits must be zero.
     *
     * @param address the address (no host bits set)
     * @param length the prefix length
     * @return a prefix from an address and length; host bits must be zero
     */
    public static IpPrefix of(InetAddress address, int length) {
        return new IpPrefix(address, length);
    }

    /**
     * A prefix from an address and length, clearing host bits ({@code 10.96.0.1, 12 -> 10.96.0.0/12}).
     *
     * @param address the address
     * @param length the prefix length
     * @return a prefix from an address and length, clearing host bits ({@code 10.96.0.1, 12 -> 10.96.0.0/12})
     */
    public static IpPrefix masked(InetAddress address, int length) {
        int bits = Family.of(address).bits();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + bits);
        }
        return new IpPrefix(mask(address, length), length);
    }

    /**
     * The host prefix (/32 or /128) of an address.
     *
     * @param address the address
     * @return the host prefix (/32 or /128) of an address
     */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, Family.of(address).bits());
    }

    /**
     * The default prefix ({@code 0.0.0.0/0} or {@code ::/0}) of a family.
     *
     * @param family the family
     * @return the default prefix ({@code 0.0.0.0/0} or {@code ::/0}) of a family
     */
    public static IpPrefix defaultOf(Family family) {
        return family == Family.INET ? DEFAULT_V4 : DEFAULT_V6;
    }

    /**
     * Parses {@code A.B.C.D/N}, {@code X:X::X/N}, a bare address (a host prefix) or {@code default}
     * (IPv4; use {@link #parse(String, Family)} for IPv6's {@code default}).
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException naming the bad text
     */
    public static IpPrefix parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses a prefix; {@code default}/{@code all}/{@code any} mean the default prefix of {@code family}
     * (IPv4 when {@code family} is null).
     *
     * @param text the prefix
     * @param family the family of {@code default}, or null for IPv4
     * @return the prefix
     * @throws IllegalArgumentException naming the bad text
     */
    public static IpPrefix parse(String text, Family family) {
        Objects.requireNonNull(text, "text");
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return defaultOf(family == null ? Family.INET : family);
        }
        CidrAddress c = CidrAddress.parse(text);
        if (family != null && c.family() != family) {
            throw new IllegalArgumentException("\"" + text + "\" is not an " + family.ipName() + " prefix");
        }
        return c.toStrictPrefix(text);
    }

    /**
     * The address family.
     *
     * @return the address family
     */
    public Family family() {
        return Family.of(address);
    }

    /**
     * True for {@code 0.0.0.0/0} and {@code ::/0}.
     *
     * @return true for {@code 0.0.0.0/0} and {@code ::/0}
     */
    public boolean isDefault() {
        return length == 0;
    }

    /**
     * True when this is a /32 (IPv4) or /128 (IPv6) prefix.
     *
     * @return true when this is a /32 (IPv4) or /128 (IPv6) prefix
     */
    public boolean isHost() {
        return length == family().bits();
    }

    /**
     * Whether the address lies in this prefix (always false for another family).
     *
     * @param a the address
     * @return whether the address lies in this prefix (always false for another family)
     */
    public boolean contains(InetAddress a) {
        return Family.of(a) == family() && matches(address.getAddress(), a.getAddress(), length);
    }

    /**
     * Whether {@code other} is equal to or more specific than this prefix.
     *
     * @param other the other prefix
     * @return whether {@code other} is equal to or more specific than this prefix
     */
    public boolean contains(IpPrefix other) {
        return other.family() == family() && other.length >= length
                && matches(address.getAddress(), other.address.getAddress(), length);
    }

    /** Prints {@code 10.96.0.0/12}, {@code fd00:4000::/112}; always with the length. */
    @Override
    public String toString() {
        return InetAddresses.format(address) + "/" + length;
    }

    /** Orders by family, then address bytes, then length. */
    @Override
    public int compareTo(IpPrefix o) {
        int c = family().compareTo(o.family());
        if (c != 0) {
            return c;
        }
        c = java.util.Arrays.compareUnsigned(address.getAddress(), o.address.getAddress());
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    static boolean matches(byte[] net, byte[] a, int length) {
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return ((net[full] ^ a[full]) & m) == 0;
    }

    private static boolean v4HashIsAddress() {
        try {
            return java.net.InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, (byte) 254}).hashCode()
                    == 0xC0A801FE
                    && java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 1}).hashCode() == 0x0A000001;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean v4HostBitsZero(int a, int length) {
        return length >= 32 || (a & (-1 >>> length)) == 0;
    }

    static boolean hostBitsZero(byte[] b, int length) {
        for (int i = 0; i < b.length; i++) {
            int bitStart = i * 8;
            int keep = Math.max(0, Math.min(8, length - bitStart));
            int hostMask = keep == 8 ? 0 : (0xff >> keep);
            if ((b[i] & hostMask) != 0) {
                return false;
            }
        }
        return true;
    }

    static InetAddress mask(InetAddress a, int length) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            b[i] = (byte) (b[i] & ~(0xff >> keep));
        }
        return InetAddresses.fromBytes(b);
    }
}
