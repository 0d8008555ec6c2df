package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address with a prefix length where host bits may be set, as in an interface address
 * ({@code 192.168.1.2/24}) or a rule selector the kernel stores as given ({@code from 10.0.0.1/8}).
 *
 * <pre>{@code
 * CidrAddress a = CidrAddress.parse("192.168.1.2/24");
 * a.toPrefix();      // 192.168.1.0/24
 * a.address();       // 192.168.1.2
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param address the address, host bits kept
 * @param length the prefix length, 0..32 or 0..128
 */
public record CidrAddress(InetAddress address, int length) {

    /**
     * Validates the length against the family.
     *
     * @param address the address, host bits kept
     * @param length the prefix length, 0..32 or 0..128
     */
    public CidrAddress {
        Objects.requireNonNull(address, "address");
        int bits = Family.of(address).bits();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + bits + " for "
                    + InetAddresses.format(address));
        }
    }

    /**
     * An address with a length.
     *
     * @param address the address
     * @param length the prefix length
     * @return an address with a length
     */
    public static CidrAddress of(InetAddress address, int length) {
        return new CidrAddress(address, length);
    }

    /**
     * The host form (/32 or /128) of an address.
     *
     * @param address the address
     * @return the host form (/32 or /128) of an address
     */
    public static CidrAddress host(InetAddress address) {
        return new CidrAddress(address, Family.of(address).bits());
    }

    /**
     * The same bits and length as a prefix (which has no host bits).
     *
     * @param prefix the prefix
     * @return the same bits and length as a prefix (which has no host bits)
     */
    public static CidrAddress of(IpPrefix prefix) {
        return new CidrAddress(prefix.address(), prefix.length());
    }

    /**
     * Parses {@code ADDRESS[/LEN]}; a bare address gets the full length.
     *
     * @param text {@code ADDRESS[/LEN]}
     * @return the address with its length
     * @throws IllegalArgumentException naming the bad text
     */
    public static CidrAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress a = InetAddresses.parseOrNull(addr);
        if (a == null) {
            throw new IllegalArgumentException("invalid address \"" + addr + "\" in \"" + text + "\"");
        }
        int bits = Family.of(a).bits();
        int len = bits;
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid prefix length \"" + l + "\" in \"" + text + "\"");
            }
            len = Integer.parseInt(l);
            if (len > bits) {
                throw new IllegalArgumentException("prefix length " + len + " out of range 0.." + bits + " in \""
                        + text + "\"");
            }
        }
        return new CidrAddress(a, len);
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
     * The network this address lies in (host bits cleared).
     *
     * @return the network this address lies in (host bits cleared)
     */
    public IpPrefix toPrefix() {
        return IpPrefix.masked(address, length);
    }

    /**
     * True when no host bits are set.
     *
     * @return true when no host bits are set
     */
    public boolean isPrefix() {
        return IpPrefix.hostBitsZero(address.getAddress(), length);
    }

    IpPrefix toStrictPrefix(String text) {
        if (!isPrefix()) {
            throw new IllegalArgumentException("host bits set in prefix \"" + text + "\" (the network is "
                    + toPrefix() + "; use IpPrefix.masked to drop host bits)");
        }
        return new IpPrefix(address, length);
    }

    /**
     * Whether {@code a} lies in the network of this address.
     *
     * @param a the address
     * @return whether {@code a} lies in the network of this address
     */
    public boolean contains(InetAddress a) {
        return Family.of(a) == family() && IpPrefix.matches(address.getAddress(), a.getAddress(), length);
    }

    /** Prints {@code 192.168.1.2/24}. */
    @Override
    public String toString() {
        return InetAddresses.format(address) + "/" + length;
    }
}
