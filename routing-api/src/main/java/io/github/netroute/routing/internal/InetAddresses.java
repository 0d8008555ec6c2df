package io.github.netroute.routing.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Literal IP address parsing and printing without any name resolution. Printing follows glibc's
 * {@code inet_ntop}, which is what iproute2 prints. Not API: the package is internal.
 */
public final class InetAddresses {
    private InetAddresses() {}

    /**
     * Parses a literal IPv4 (dotted quad) or IPv6 address; never resolves names.
     *
     * @return the address, or {@code null} when {@code s} is not a literal address
     */
    public static InetAddress parseOrNull(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        byte[] b = s.indexOf(':') >= 0 ? parse6(s) : parse4(s);
        return b == null ? null : fromBytes(b);
    }

    /** Parses a literal address, or throws an IllegalArgumentException naming it. */
    public static InetAddress parse(String s) {
        InetAddress a = parseOrNull(s);
        if (a == null) {
            throw new IllegalArgumentException("invalid IP address \"" + s + "\"");
        }
        return a;
    }

    /** An address from 4 or 16 bytes; 16 bytes always give an Inet6Address (also ::ffff:a.b.c.d). */
    public static InetAddress fromBytes(byte[] b) {
        try {
            if (b.length == 4) {
                return InetAddress.getByAddress(b);
            }
            if (b.length == 16) {
                return Inet6Address.getByAddress(null, b, -1);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + b.length);
    }

    private static byte[] parse4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == 3) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
            } else if (c == '.') {
                if (value < 0 || value > 255 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parse6(String s) {
        int[] words = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (len == 2) {
                return new byte[16];
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < len) {
            int end = s.indexOf(':', i);
            if (end < 0) {
                end = len;
            }
            String tok = s.substring(i, end);
            if (tok.indexOf('.') >= 0) {
                if (end != len || n > 6) {
                    return null;
                }
                byte[] v4 = parse4(tok);
                if (v4 == null) {
                    return null;
                }
                words[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                words[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                i = len;
                break;
            }
            if (tok.isEmpty() || tok.length() > 4 || n == 8) {
                return null;
            }
            int w = 0;
            for (int k = 0; k < tok.length(); k++) {
                int d = Character.digit(tok.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                w = (w << 4) | d;
            }
            words[n++] = w;
            if (end == len) {
                i = len;
                break;
            }
            // end points at ':'
            if (end + 1 < len && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i = end + 2;
                if (i == len) {
                    break;
                }
            } else {
                i = end + 1;
                if (i == len) {
                    return null; // trailing single ':'
                }
            }
        }
        if (gap < 0 && n != 8) {
            return null;
        }
        if (gap >= 0 && n > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap >= 0) {
            int tail = n - gap;
            System.arraycopy(words, 0, full, 0, gap);
            System.arraycopy(words, gap, full, 8 - tail, tail);
        } else {
            full = words;
        }
        byte[] out = new byte[16];
        for (int k = 0; k < 8; k++) {
            out[2 * k] = (byte) (full[k] >> 8);
            out[2 * k + 1] = (byte) full[k];
        }
        return out;
    }

    /** Prints an address as glibc's inet_ntop does (RFC 5952-style compression, embedded IPv4 forms). */
    public static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] w = new int[8];
        for (int k = 0; k < 8; k++) {
            w[k] = ((b[2 * k] & 0xff) << 8) | (b[2 * k + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int k = 0; k < 8; k++) {
            if (w[k] == 0) {
                if (curBase < 0) {
                    curBase = k;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int k = 0; k < 8; k++) {
            if (bestBase >= 0 && k >= bestBase && k < bestBase + bestLen) {
                if (k == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (k != 0) {
                sb.append(':');
            }
            if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.')
                        .append(b[14] & 0xff).append('.').append(b[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[k]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
