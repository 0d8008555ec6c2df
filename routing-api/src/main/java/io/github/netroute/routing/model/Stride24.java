package io.github.netroute.routing.model;

import java.util.Arrays;

/**
 * The /24 stride index of a dense IPv4 {@link FibTable}: the palette index of every /24 destination, by its 24 network
 * bits, in a form small enough to stay in a core's cache while a lookup's other reads come and go.
 *
 * <p>By the top 16 bits, a block number (a directory of 64 Ki chars); per block, a 256-bit presence map (32 bytes) and
 * the palette index that all its /24s share, the common case of a bulk add, where every /24 is read back from one
 * template. Only a block whose /24s hold different values keeps a palette index per /24 (a char each). A million /24s
 * of one template take about 290 KiB (the 128 KiB directory included), of which a lookup's reads fall in about
 * 150 KiB, where a char per /24 took 2 MiB and missed the cache on most lookups. {@code FastPathProperties} compares
 * what it gives with the table's slots.
 *
 * <pre>{@code
 * Stride24 s = new Stride24();
 * s.set(0x0A0102, 7, true);   // 10.1.2.0/24 has palette index 7
 * s.get(0x0A0102);            // 7
 * s.get(0x0A0103);            // 0: no such /24
 * }</pre>
 *
 * <p>Mutable and not thread-safe, like the table that owns it.
 */
final class Stride24 {
    private static final int MIXED = -1;

    /** Block number (1-based) by the top 16 bits of the address; 0: no block. */
    private final char[] dir;
    /** Presence of each /24: four words per block number (those of number 0 are unused). */
    private long[] bits;
    /** Per block number: the palette index its /24s share, or MIXED when they differ (see {@link #mixed}). */
    private int[] shared;
    /** Per block number: the palette index by the third byte, for a MIXED block; else null. */
    private char[][] mixed;
    private int blocks;

    Stride24() {
        dir = new char[1 << 16];
        bits = new long[4 * 16];
        shared = new int[16];
        mixed = new char[16][];
    }

    private Stride24(Stride24 o) {
        dir = o.dir.clone();
        bits = o.bits.clone();
        shared = o.shared.clone();
        mixed = new char[o.mixed.length][];
        for (int b = 0; b < mixed.length; b++) {
            mixed[b] = o.mixed[b] == null ? null : o.mixed[b].clone();
        }
        blocks = o.blocks;
    }

    /**
     * The number of blocks (a block, once made, stays).
     *
     * @return the number of blocks
     */
    int blocks() {
        return blocks;
    }

    /**
     * The palette index of a /24.
     *
     * @param a the /24's 24 network bits
     * @return its palette index, 0 when the table has no such /24
     */
    int get(int a) {
        int b = dir[a >>> 8];
        if (b == 0) {
            return 0;
        }
        int c = a & 255;
        if ((bits[b << 2 | c >>> 6] & 1L << c) == 0) {
            return 0;
        }
        int v = shared[b];
        return v != MIXED ? v : mixed[b][c];
    }

    /**
     * Records a /24's palette index, or its removal.
     *
     * @param a the /24's 24 network bits
     * @param idx its palette index (1..65535), 0 when it is gone
     * @param mayAddBlock whether a new block may be made for it
     * @return false when it needs a new block and none may be made (the index can no longer follow the table)
     */
    boolean set(int a, int idx, boolean mayAddBlock) {
        int top = a >>> 8;
        int c = a & 255;
        int b = dir[top];
        if (b == 0) {
            if (idx == 0) {
                return true;
            }
            if (!mayAddBlock || blocks == Character.MAX_VALUE) {
                return false;
            }
            b = ++blocks;
            if (b == shared.length) {
                bits = Arrays.copyOf(bits, 8 * b);
                shared = Arrays.copyOf(shared, 2 * b);
                mixed = Arrays.copyOf(mixed, 2 * b);
            }
            dir[top] = (char) b;
            shared[b] = idx;
        }
        int w = b << 2 | c >>> 6;
        long bit = 1L << c;
        if (idx == 0) {
            bits[w] &= ~bit;
            return true;
        }
        if (shared[b] != idx) {
            if (aloneIn(b, w, bit)) {
                shared[b] = idx; // no other /24 in the block: it shares this one's value
                mixed[b] = null;
            } else if (shared[b] != MIXED) {
                char[] m = new char[256];
                for (int k = 0; k < 256; k++) {
                    if ((bits[b << 2 | k >>> 6] & 1L << k) != 0) {
                        m[k] = (char) shared[b];
                    }
                }
                mixed[b] = m;
                shared[b] = MIXED;
            }
        }
        if (shared[b] == MIXED) {
            mixed[b][c] = (char) idx;
        }
        bits[w] |= bit;
        return true;
    }

    /** Whether block b holds no /24 but (perhaps) the one of {@code bit} in word w. */
    private boolean aloneIn(int b, int w, long bit) {
        for (int k = b << 2; k < (b << 2) + 4; k++) {
            if ((k == w ? bits[k] & ~bit : bits[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A deep copy.
     *
     * @return a deep copy
     */
    Stride24 copy() {
        return new Stride24(this);
    }
}
