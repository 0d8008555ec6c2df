package io.github.netroute.routing;

import io.github.netroute.routing.internal.InetAddresses;
import java.net.InetAddress;

/**
 * IP address literals without DNS: {@link #parse} never resolves a name (unlike
 * {@link InetAddress#getByName(String)}, which looks up anything that is not a literal), and {@link #format} prints
 * what {@code ip} prints: dotted quads for IPv4 and RFC 5952 text for IPv6 ({@code fd00::1}, never
 * {@code fd00:0:0:0:0:0:0:1} as {@link InetAddress#getHostAddress()} does).
 *
 * <pre>{@code
 * InetAddress node = IpAddresses.parse("192.168.1.2");
 * InetAddress v6 = IpAddresses.parse("fd00:0:0:0:0:0:0:1");
 * IpAddresses.format(v6);                  // "fd00::1"
 * IpAddresses.parse("kube-apiserver");     // IllegalArgumentException: invalid IP address "kube-apiserver"
 * IpAddresses.parseOrNull("eth0");         // null
 * }</pre>
 *
 * <p>Stateless and safe to use from many threads.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * Parses a literal IPv4 (dotted quad) or IPv6 address; never resolves a name.
     *
     * @param text the literal, e.g. {@code 10.96.0.1} or {@code fd00:10:96::1}
     * @return the address
     * @throws IllegalArgumentException naming the text when it is not a literal address
     */
    public static InetAddress parse(String text) {
        return InetAddresses.parse(text);
    }

    /**
     * Parses a literal address, or returns null when {@code text} is not one (e.g. a device name).
     *
     * @param text the text, or null
     * @return the address, or null when {@code text} is not a literal IPv4 or IPv6 address
     */
    public static InetAddress parseOrNull(String text) {
        return InetAddresses.parseOrNull(text);
    }

    /**
     * An address from its 4 or 16 bytes in network order; 16 bytes always give an IPv6 address (also
     * {@code ::ffff:a.b.c.d}, which {@link InetAddress#getByAddress(byte[])} would turn into IPv4).
     *
     * @param bytes 4 or 16 bytes
     * @return the address
     * @throws IllegalArgumentException for any other length
     */
    public static InetAddress fromBytes(byte[] bytes) {
        return InetAddresses.fromBytes(bytes);
    }

    /**
     * Prints an address as {@code ip} does: dotted quad, or RFC 5952 text for IPv6 (the longest run of zero groups
     * compressed, lower case, {@code ::ffff:a.b.c.d} for mapped addresses).
     *
     * @param address the address
     * @return the text
     */
    public static String format(InetAddress address) {
        return InetAddresses.format(address);
    }
}
