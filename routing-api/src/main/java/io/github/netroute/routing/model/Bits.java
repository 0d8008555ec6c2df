package io.github.netroute.routing.model;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.internal.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as two longs: bit 0 is the most significant bit of {@code hi}. An IPv4 address sits in the top 32
 * bits of {@code hi} so that prefix masking is the same for both families.
 */
final class Bits {
    private Bits() {}

    static long hi(InetAddress a) {
        if (a instanceof Inet4Address) {
            return ((long) a.hashCode()) << 32; // Inet4Address.hashCode() is the address
        }
        byte[] b = a.getAddress();
        return toLong(b, 0);
    }

    static long lo(InetAddress a) {
        if (a instanceof Inet4Address) {
            return 0L;
        }
        byte[] b = a.getAddress();
        return toLong(b, 8);
    }

    private static long toLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    static long maskHi(long hi, int len) {
        if (len >= 64) {
            return hi;
        }
        return len == 0 ? 0L : hi & (-1L << (64 - len));
    }

    static long maskLo(long lo, int len) {
        if (len <= 64) {
            return 0L;
        }
        return len >= 128 ? lo : lo & (-1L << (128 - len));
    }

    /** Whether (hi,lo) lies in the prefix (phi,plo)/len. */
    static boolean in(long hi, long lo, long phi, long plo, int len) {
        return maskHi(hi, len) == phi && maskLo(lo, len) == plo;
    }

    /** Bit i (0 = most significant) of (hi,lo). */
    static int bit(long hi, long lo, int i) {
        return i < 64 ? (int) ((hi >>> (63 - i)) & 1) : (int) ((lo >>> (127 - i)) & 1);
    }

    static InetAddress toAddress(Family f, long hi, long lo) {
        if (f == Family.INET) {
            int v = (int) (hi >>> 32);
            return InetAddresses.fromBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return InetAddresses.fromBytes(b);
    }

    static boolean contains(IpPrefix p, long hi, long lo) {
        return in(hi, lo, hi(p.address()), lo(p.address()), p.length());
    }

    static int mix(long hi, long lo, int len) {
        long h = hi * 0x9E3779B97F4A7C15L + lo * 0xC2B2AE3D27D4EB4FL + len * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h;
    }

    /** Common leading bits of two addresses, capped at max. */
    static int commonPrefix(long ahi, long alo, long bhi, long blo, int max) {
        long x = ahi ^ bhi;
        int n;
        if (x != 0) {
            n = Long.numberOfLeadingZeros(x);
        } else {
            long y = alo ^ blo;
            n = y != 0 ? 64 + Long.numberOfLeadingZeros(y) : 128;
        }
        return Math.min(n, max);
    }
}
