package io.github.netroute.routing.model;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The routes of one routing table of one family, indexed for longest-prefix match: one hash table keyed by
 * (prefix, length), in primitive arrays, probed longest length first over only the lengths present; routes that differ
 * only in their destination share one stored route (read back as equal routes). Each prefix holds its entries in
 * the kernel's order (IPv4: TOS descending, metric ascending, then insertion; IPv6: metric ascending, then
 * insertion, a multipath route being one entry). {@link #routes()} lists in the kernel's dump order: IPv4 in trie
 * order (address ascending, longer prefix first for the same address), IPv6 in the fib6 tree's post-order (a
 * prefix after every more specific prefix inside it).
 *
 * <p>This is the mutable building block of {@link RoutingModel} and of in-memory kernels; it is not thread-safe.
 * A {@link RoutingModel} never mutates its tables after it was built.
 *
 * <pre>{@code
 * FibTable main = new FibTable(Family.INET, RouteTable.MAIN);
 * Route r = Route.builder().dst(IpPrefix.parse("10.0.0.0/8")).device("eth0").build();
 * main.set(r.dst(), List.of(r));
 * main.get(IpPrefix.parse("10.0.0.0/8"));   // [r]
 * main.routes();                             // every route, dump order
 * }</pre>
 */
public final class FibTable {
    private static final Route[] NONE = new Route[0];

    // An open-addressing table, one slot per destination. IPv6: parallel arrays of the key (hi, lo, len) and the value,
    // null for an empty slot, a Route for a destination with one entry, a Route[] (two or more, in order) otherwise.
    // IPv4: one long per slot and nothing else, the key (see key4: 33 bits, the length included) above the index of
    // the value in a palette of distinct values (0 for an empty slot); a probe reads one word, and a lookup that hits
    // reads the palette, whose shared entries stay in the cache. A one-entry destination whose route equals the one
    // stored before it in everything but the destination (the common case of a bulk add) stores that earlier route,
    // the template, instead of its own: the table then holds no object per route (IPv4: one palette entry for all of
    // them), and the route is rebuilt from the template and the key when it is read (materialize). IPv4 also keeps
    // the recent templates of a few dozen shapes (see recent): a full table's routes through a handful of next hops,
    // interleaved, share one entry per next hop. Lookups scan the template itself, since they read nothing but the
    // destination from it.
    private final Family family;
    private final RouteTable id;
    private final boolean v4;
    private long[] khi = new long[16];
    private long[] klo;
    private byte[] klen;
    private Object[] val;
    private int nodes;
    private int routeCount;
    private final int[] lenCount = new int[129];
    private final long[] lenBits = new long[3];
    /** Slot indexes in dump order, or null when a destination was added or removed since they were sorted. */
    private int[] sorted;
    /** The last one-entry route stored as itself: the template the next ones are compared with. */
    private Route template;

    // IPv4 palette: the values by index with their reference counts (slots holding them), and the freed indexes
    private static final int IDX_BITS = 31;
    private static final long IDX_MASK = (1L << IDX_BITS) - 1;
    private Object[] pal;
    private int[] palRefs;
    private int palTop;
    private int[] palFree;
    private int palFreeCount;
    /** The palette index of {@link #template} (IPv4), or -1 when there is none. */
    private int templateIdx = -1;
    /**
     * IPv4: the palette indexes of recent templates by their shape's hash (see {@link #shape}), 0 where none: routes
     * of a few shapes interleaved (a full table's routes through a handful of gateways) share one entry per shape, as
     * the routes of one bulk add share the last template. Bounded: a shape whose slot another took is stored anew.
     * An index there may be stale (its entry freed, or taken by another value): it is used only while its entry is a
     * route that {@link #sameButDst} the one stored.
     */
    private int[] recent;
    private static final int RECENT = 64;

    // IPv4 /24 stride index (Stride24), kept beside the slots once the table holds S24_MIN /24 destinations (a bulk of
    // /24s): a probe of length 24 reads a few words that stay in the cache instead of a slot of the 16 MiB table;
    // FastPathProperties compares it with the slots. Only for dense tables (at least S24_DENSITY /24s per block of
    // 256 on average): built when the count of /24s reaches a power of two from S24_MIN on, dropped when a new block
    // would make it sparse, when a palette index above 65535 comes, or when the last /24 goes.
    static final int S24_MIN = 4096;
    private static final int S24_DENSITY = 32;
    private Stride24 s24;

    // IPv4 first-octet filter: the count of destinations of length 8 or more by their first octet (null until the
    // first one). A lookup of an address whose first octet no destination has, in a table without destinations shorter
    // than 8, misses without probing (table local, looked up before main by every lookup, holds 127/8 and the node's
    // own addresses: most destinations miss it at once); FastPathProperties compares it with the probes.
    private int[] octets;

    /**
     * An empty table.
     *
     * @param family the family
     * @param id the table id
     */
    public FibTable(Family family, RouteTable id) {
        this.family = Objects.requireNonNull(family, "family");
        this.id = Objects.requireNonNull(id, "id");
        this.v4 = family == Family.INET;
        init();
    }

    private void init() {
        khi = new long[16];
        s24 = null;
        octets = null;
        if (v4) {
            pal = new Object[16];
            palRefs = new int[16];
            palTop = 1; // index 0: no value (an empty slot is the word 0)
            palFree = new int[0];
            palFreeCount = 0;
            templateIdx = -1;
            recent = new int[RECENT];
        } else {
            klo = new long[16];
            klen = new byte[16];
            val = new Object[16];
        }
    }

    /**
     * The family.
     *
     * @return the family
     */
    public Family family() {
        return family;
    }

    /**
     * The table id.
     *
     * @return the table id
     */
    public RouteTable id() {
        return id;
    }

    /**
     * Number of entries (a multipath route counts once).
     *
     * @return the number of entries
     */
    public int size() {
        return routeCount;
    }

    /**
     * True without entries.
     *
     * @return true without entries
     */
    public boolean isEmpty() {
        return routeCount == 0;
    }

    /**
     * The entries with exactly this destination, in the kernel's order; empty when none.
     *
     * @param dst the destination
     * @return the entries with exactly this destination, in the kernel's order; empty when none
     */
    public List<Route> get(IpPrefix dst) {
        if (dst.family() != family) {
            return List.of(); // (an IPv4 key holds no more than 32 bits of prefix)
        }
        int i = find(Bits.hi(dst.address()), Bits.lo(dst.address()), dst.length());
        if (i < 0) {
            return List.of();
        }
        Object v = valueAt(i);
        return v instanceof Route r ? List.of(materialize(r, dst)) : Collections.unmodifiableList(Arrays.asList((Route[]) v));
    }

    /**
     * Replaces the entries of a destination (an empty list removes it). Every route must have that destination.
     *
     * @param dst the destination
     * @param routes the new entries, in order
     */
    public void set(IpPrefix dst, List<Route> routes) {
        if (dst.family() != family) {
            throw new IllegalArgumentException(dst + " is not " + family.ipName());
        }
        long hi = Bits.hi(dst.address());
        long lo = Bits.lo(dst.address());
        int len = dst.length();
        Object v;
        if (routes.isEmpty()) {
            v = null;
        } else if (routes.size() == 1) {
            Route r = routes.get(0);
            if (!r.dst().equals(dst)) {
                throw new IllegalArgumentException("route " + r.dst() + " stored under " + dst);
            }
            v = template != null && sameButDst(template, r) ? template : r;
        } else {
            Route[] arr = routes.toArray(NONE);
            for (Route r : arr) {
                if (!r.dst().equals(dst)) {
                    throw new IllegalArgumentException("route " + r.dst() + " stored under " + dst);
                }
            }
            v = arr;
        }
        if (v4) {
            set4(key4(hi, len), len, v);
            return;
        }
        if (v instanceof Route r && r != template) {
            template = r;
        }
        int mask = val.length - 1;
        int i = Bits.mix(hi, lo, len) & mask;
        while (val[i] != null) {
            if (khi[i] == hi && (klen[i] & 255) == len && klo[i] == lo) {
                if (v == null) {
                    routeCount -= count(val[i]);
                    removeAt(i);
                    nodes--;
                    lengthGone(len);
                    sorted = null;
                } else {
                    routeCount += count(v) - count(val[i]);
                    val[i] = v;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        if (v == null) {
            return;
        }
        khi[i] = hi;
        klo[i] = lo;
        klen[i] = (byte) len;
        val[i] = v;
        added(len, v);
    }

    private void set4(long key, int len, Object v) {
        long[] h = khi;
        int mask = h.length - 1;
        int i = Bits.mix(key, 0, 0) & mask;
        for (long x; (x = h[i]) != 0; i = (i + 1) & mask) {
            if ((x >>> IDX_BITS) == key) {
                int old = (int) (x & IDX_MASK);
                if (v == null) {
                    routeCount -= count(pal[old]);
                    removeAt(i);
                    release(old);
                    octet(key, len, -1);
                    nodes--;
                    lengthGone(len);
                    sorted = null;
                    if (len == 24) {
                        stride24(key, 0);
                    }
                } else {
                    routeCount += count(v) - count(pal[old]);
                    h[i] = key << IDX_BITS | paletteIndex(v); // taken before the old one is let go
                    release(old);
                    if (len == 24) {
                        stride24(key, (int) (h[i] & IDX_MASK));
                    }
                }
                return;
            }
        }
        if (v == null) {
            return;
        }
        int idx = paletteIndex(v);
        h[i] = key << IDX_BITS | idx;
        octet(key, len, 1);
        added(len, v); // may grow: h is stale from here
        if (len == 24) {
            stride24(key, idx);
        }
    }

    /** Counts a destination of length 8 or more in (+1) or out of (-1) the first-octet filter. */
    private void octet(long key, int len, int delta) {
        if (len >= 8) {
            if (octets == null) {
                octets = new int[256];
            }
            octets[(int) (key >>> (len - 8)) & 255] += delta;
        }
    }

    /**
     * False when no IPv4 destination of this table can contain the address (its first octet is that of no destination
     * and none is shorter than 8): the first-octet filter, a lookup's shortcut. Always true for IPv6.
     */
    boolean mayContain(long hi) {
        if (!v4 || (lenBits[0] & 0xFF) != 0) {
            return true;
        }
        int[] o = octets;
        return o != null && o[(int) (hi >>> 56)] != 0;
    }

    /** Keeps the /24 stride index in step with the slots: the /24 {@code key} now has palette index idx (0: gone). */
    private void stride24(long key, int idx) {
        if (s24 == null) {
            int n = lenCount[24];
            if (idx != 0 && n >= S24_MIN && (n & (n - 1)) == 0) {
                buildStride24();
            }
            return;
        }
        if (lenCount[24] == 0 || idx > Character.MAX_VALUE) {
            s24 = null; // no /24 left, or a palette index that does not fit
            return;
        }
        // the marker bit (bit 24) falls off: the /24's 24 network bits
        if (!s24.set((int) key & 0xFF_FFFF, idx, (long) (s24.blocks() + 1) * S24_DENSITY <= lenCount[24])) {
            s24 = null; // sparse now
        }
    }

    private void buildStride24() {
        Stride24 s = new Stride24();
        for (long x : khi) {
            long key = x >>> IDX_BITS;
            if (x != 0 && len4(key) == 24) {
                long idx = x & IDX_MASK;
                if (idx > Character.MAX_VALUE || !s.set((int) key & 0xFF_FFFF, (int) idx, true)) {
                    return;
                }
            }
        }
        if ((long) s.blocks() * S24_DENSITY <= lenCount[24]) {
            s24 = s;
        }
    }

    private void added(int len, Object v) {
        nodes++;
        routeCount += count(v);
        if (lenCount[len]++ == 0) {
            lenBits[len >>> 6] |= 1L << (len & 63);
        }
        sorted = null;
        if (nodes * 4 > khi.length * 3) {
            grow();
        }
    }

    /**
     * An IPv4 key in 33 bits, never 0: the prefix's {@code len} network bits below a marker bit at position len
     * (0.0.0.0/0 is 1, 10.1.2.0/24 is 1 followed by the 24 bits of 10.1.2).
     */
    private static long key4(long hi, int len) {
        return ((hi >>> 32) >>> (32 - len)) | (1L << len);
    }

    private static int len4(long key) {
        return 63 - Long.numberOfLeadingZeros(key);
    }

    private static long hi4(long key) {
        int len = len4(key);
        return len == 0 ? 0L : ((key ^ (1L << len)) << (32 - len)) << 32;
    }

    /**
     * A palette index holding {@code v}, with one more reference: the template's, a recent template's of the same
     * shape, else a new entry.
     */
    private int paletteIndex(Object v) {
        if (v == template && templateIdx > 0) {
            palRefs[templateIdx]++;
            return templateIdx;
        }
        int slot = v instanceof Route r ? shape(r) & (RECENT - 1) : -1;
        if (slot >= 0) {
            int known = recent[slot];
            if (known > 0 && pal[known] instanceof Route t && sameButDst(t, (Route) v)) {
                palRefs[known]++;
                template = t;
                templateIdx = known;
                return known;
            }
        }
        int idx;
        if (palFreeCount > 0) {
            idx = palFree[--palFreeCount];
        } else {
            idx = palTop++;
            if (idx == pal.length) {
                pal = Arrays.copyOf(pal, idx * 2);
                palRefs = Arrays.copyOf(palRefs, idx * 2);
            }
            if (idx > IDX_MASK - 1) {
                throw new IllegalStateException("too many distinct routes in " + this);
            }
        }
        pal[idx] = v;
        palRefs[idx] = 1;
        if (v instanceof Route r) {
            template = r;
            templateIdx = idx;
            recent[slot] = idx;
        }
        return idx;
    }

    /** A hash of everything {@link #sameButDst} compares that routes through different next hops tell apart. */
    private static int shape(Route r) {
        int h = java.util.Objects.hashCode(r.gateway());
        h = h * 31 + r.deviceIndex();
        h = h * 31 + Long.hashCode(r.priority());
        h = h * 31 + r.type().ordinal();
        h = h * 31 + r.tos();
        h = h * 31 + Long.hashCode(r.nhid());
        h = h * 31 + (r.nextHops().isEmpty() ? 0 : r.nextHops().hashCode());
        return h ^ (h >>> 16);
    }

    private void release(int idx) {
        if (--palRefs[idx] == 0) {
            pal[idx] = null;
            if (idx == templateIdx) {
                template = null;
                templateIdx = -1;
            }
            if (palFreeCount == palFree.length) {
                palFree = Arrays.copyOf(palFree, Math.max(16, palFreeCount * 2));
            }
            palFree[palFreeCount++] = idx;
        }
    }

    private boolean occupied(int i) {
        return v4 ? khi[i] != 0 : val[i] != null;
    }

    private Object valueAt(int i) {
        return v4 ? pal[(int) (khi[i] & IDX_MASK)] : val[i];
    }

    /** The key's high half at slot i. */
    private long hiAt(int i) {
        return v4 ? hi4(khi[i] >>> IDX_BITS) : khi[i];
    }

    private long loAt(int i) {
        return v4 ? 0L : klo[i];
    }

    private int lenAt(int i) {
        return v4 ? len4(khi[i] >>> IDX_BITS) : klen[i] & 255;
    }

    /** The slot a key hashes to (before probing), for the key at slot i. */
    private int home(int i, int mask) {
        return (v4 ? Bits.mix(khi[i] >>> IDX_BITS, 0, 0) : Bits.mix(khi[i], klo[i], klen[i] & 255)) & mask;
    }

    private static int count(Object v) {
        return v instanceof Route ? 1 : ((Route[]) v).length;
    }

    /** Everything but the destination is equal (the fields compared by identity first: a template shares them). */
    static boolean sameButDst(Route a, Route b) {
        return a.family() == b.family() && a.type() == b.type() && a.tos() == b.tos()
                && a.deviceIndex() == b.deviceIndex() && a.priority() == b.priority() && a.realms() == b.realms()
                && a.nhid() == b.nhid() && eq(a.table(), b.table()) && eq(a.gateway(), b.gateway())
                && eq(a.device(), b.device()) && eq(a.prefsrc(), b.prefsrc()) && eq(a.protocol(), b.protocol())
                && eq(a.scope(), b.scope()) && eq(a.flags(), b.flags()) && eq(a.nextHops(), b.nextHops())
                && eq(a.metrics(), b.metrics()) && eq(a.preference(), b.preference()) && eq(a.expires(), b.expires())
                && eq(a.src(), b.src()) && sameText(a.gateway(), b.gateway()) && sameText(a.prefsrc(), b.prefsrc());
    }

    private static boolean eq(Object a, Object b) {
        return a == b || (a != null && a.equals(b));
    }

    /** InetAddress.equals ignores a host name that toString prints: a template must print like the route. */
    private static boolean sameText(java.net.InetAddress a, java.net.InetAddress b) {
        return a == b || a == null || b == null || a.toString().equals(b.toString());
    }

    /** {@code r} with destination {@code dst}: r itself when it has it (stored as itself), else rebuilt from it. */
    static Route materialize(Route r, IpPrefix dst) {
        return r.dst().equals(dst) ? r : withDst(r, dst);
    }

    /**
     * {@code r} (an entry found by probing at length {@code len} for the address (hi, lo)) with its destination:
     * r itself unless it is a template stored for another destination.
     */
    static Route materialize(Route r, long hi, long lo, int len) {
        IpPrefix d = r.dst();
        if (d.length() == len) {
            long mh = Bits.maskHi(hi, len);
            long ml = Bits.maskLo(lo, len);
            if (Bits.hi(d.address()) == mh && Bits.lo(d.address()) == ml) {
                return r;
            }
        }
        return withDst(r, new IpPrefix(Bits.toAddress(r.family(), Bits.maskHi(hi, len), Bits.maskLo(lo, len)), len));
    }

    private static Route withDst(Route r, IpPrefix dst) {
        return new Route(r.family(), r.type(), r.table(), dst, r.src(), r.tos(), r.gateway(), r.device(),
                r.deviceIndex(), r.prefsrc(), r.priority(), r.protocol(), r.scope(), r.flags(), r.nextHops(),
                r.metrics(), r.preference(), r.expires(), r.realms(), r.nhid());
    }

    /** Removes every entry. */
    public void clear() {
        init();
        nodes = 0;
        routeCount = 0;
        Arrays.fill(lenCount, 0);
        Arrays.fill(lenBits, 0);
        sorted = null;
        template = null;
    }

    private void lengthGone(int len) {
        if (--lenCount[len] == 0) {
            lenBits[len >>> 6] &= ~(1L << (len & 63));
        }
    }

    /** Empties slot i and moves back the slots after it that would no longer be found (linear probing). */
    private void removeAt(int i) {
        int mask = khi.length - 1;
        clearSlot(i);
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (!occupied(j)) {
                return;
            }
            int k = home(j, mask);
            // move slot j back to i if its home k is not in (i, j]
            boolean between = i <= j ? (k > i && k <= j) : (k > i || k <= j);
            if (!between) {
                khi[i] = khi[j];
                if (!v4) {
                    klo[i] = klo[j];
                    klen[i] = klen[j];
                    val[i] = val[j];
                }
                clearSlot(j);
                i = j;
            }
        }
    }

    private void clearSlot(int i) {
        khi[i] = 0;
        if (!v4) {
            val[i] = null;
        }
    }

    private void grow() {
        long[] oh = khi;
        long[] ol = klo;
        byte[] on = klen;
        Object[] ov = val;
        int cap = oh.length * 2;
        int mask = cap - 1;
        khi = new long[cap];
        if (v4) {
            for (long x : oh) {
                if (x != 0) {
                    int i = Bits.mix(x >>> IDX_BITS, 0, 0) & mask;
                    while (khi[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    khi[i] = x;
                }
            }
            return;
        }
        klo = new long[cap];
        klen = new byte[cap];
        val = new Object[cap];
        for (int j = 0; j < ov.length; j++) {
            if (ov[j] != null) {
                int i = Bits.mix(oh[j], ol[j], on[j] & 255) & mask;
                while (val[i] != null) {
                    i = (i + 1) & mask;
                }
                khi[i] = oh[j];
                klo[i] = ol[j];
                klen[i] = on[j];
                val[i] = ov[j];
            }
        }
    }

    /** The slot of a destination, or -1. */
    private int find(long hi, long lo, int len) {
        long[] h = khi;
        int mask = h.length - 1;
        if (v4) {
            long key = key4(hi, len);
            for (int i = Bits.mix(key, 0, 0) & mask;; i = (i + 1) & mask) {
                long x = h[i];
                if ((x >>> IDX_BITS) == key) {
                    return i;
                }
                if (x == 0) {
                    return -1;
                }
            }
        }
        int i = Bits.mix(hi, lo, len) & mask;
        while (val[i] != null) {
            if (h[i] == hi && (klen[i] & 255) == len && klo[i] == lo) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The longest prefix length present that is ≤ {@code len}, or -1. */
    int lengthAtMost(int len) {
        if (len < 0) {
            return -1;
        }
        int w = len >>> 6;
        long bits = lenBits[w] & (len % 64 == 63 ? -1L : ((1L << ((len & 63) + 1)) - 1));
        while (true) {
            if (bits != 0) {
                return (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
            }
            if (--w < 0) {
                return -1;
            }
            bits = lenBits[w];
        }
    }

    /**
     * The entries (a Route, possibly a template for another destination: see {@link #materialize(Route, long, long,
     * int)}, or a Route[]) of the candidate prefix of length exactly {@code len} containing the address, or null.
     */
    Object probe(long hi, long lo, int len) {
        Stride24 s = s24;
        if (len == 24 && s != null) {
            int idx = s.get((int) (hi >>> 40) & 0xFF_FFFF);
            return idx == 0 ? null : pal[idx];
        }
        return probeSlots(hi, lo, len);
    }

    /** Whether the /24 stride index is in use (for the property that compares it with the slots). */
    boolean hasStride24() {
        return s24 != null;
    }

    /** {@link #probe} through the slots alone, without the stride index (the property compares the two). */
    Object probeSlots(long hi, long lo, int len) {
        int i = find(Bits.maskHi(hi, len), Bits.maskLo(lo, len), len);
        return i < 0 ? null : valueAt(i);
    }

    /**
     * Every entry in dump order.
     *
     * @return every entry in dump order
     */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>(routeCount);
        forEach(out::add);
        return out;
    }

    /**
     * Every entry in dump order.
     *
     * @param action called with each entry
     */
    public void forEach(Consumer<? super Route> action) {
        for (int i : sortedSlots()) {
            Object v = valueAt(i);
            if (v instanceof Route r) {
                action.accept(materialize(r, hiAt(i), loAt(i), lenAt(i)));
            } else {
                for (Route r : (Route[]) v) {
                    action.accept(r);
                }
            }
        }
    }

    /**
     * Every destination in dump order.
     *
     * @return every destination in dump order
     */
    public List<IpPrefix> prefixes() {
        List<IpPrefix> out = new ArrayList<>(nodes);
        for (int i : sortedSlots()) {
            Object v = valueAt(i);
            if (v instanceof Route r) {
                out.add(materialize(r, hiAt(i), loAt(i), lenAt(i)).dst());
            } else {
                out.add(((Route[]) v)[0].dst());
            }
        }
        return out;
    }

    private int[] sortedSlots() {
        int[] s = sorted;
        if (s == null) {
            s = new int[nodes];
            if (v4) {
                if (khi.length > (1 << 26)) {
                    throw new IllegalStateException("table too large to sort: " + khi.length + " slots");
                }
                // address ascending (unsigned), longer prefix first: one primitive sort of packed keys
                long[] keys = new long[nodes];
                int k = 0;
                for (int i = 0; i < khi.length; i++) {
                    if (khi[i] != 0) {
                        keys[k++] = ((hiAt(i) >>> 32) << 32 | (long) (32 - lenAt(i)) << 26 | i) ^ Long.MIN_VALUE;
                    }
                }
                Arrays.sort(keys);
                for (int j = 0; j < keys.length; j++) {
                    s[j] = (int) (keys[j] & ((1 << 26) - 1));
                }
            } else {
                Integer[] boxed = new Integer[nodes];
                int k = 0;
                for (int i = 0; i < val.length; i++) {
                    if (val[i] != null) {
                        boxed[k++] = i;
                    }
                }
                Arrays.sort(boxed, this::compareV6);
                for (int j = 0; j < boxed.length; j++) {
                    s[j] = boxed[j];
                }
            }
            sorted = s;
        }
        return s;
    }

    /** The fib6 tree's post-order of two slots: by the first differing bit, else the longer prefix first. */
    private int compareV6(int a, int b) {
        int min = Math.min((klen[a] & 255), (klen[b] & 255));
        int common = Bits.commonPrefix(khi[a], klo[a], khi[b], klo[b], min);
        if (common < min) {
            return Integer.compare(Bits.bit(khi[a], klo[a], common), Bits.bit(khi[b], klo[b], common));
        }
        return Integer.compare((klen[b] & 255), (klen[a] & 255));
    }

    /**
     * A deep copy (the routes themselves are immutable and shared).
     *
     * @return a deep copy (the routes themselves are immutable and shared)
     */
    public FibTable copy() {
        FibTable t = new FibTable(family, id);
        t.khi = khi.clone();
        if (v4) {
            t.pal = pal.clone(); // Route[] values are never changed in place
            t.palRefs = palRefs.clone();
            t.palTop = palTop;
            t.palFree = palFree.clone();
            t.palFreeCount = palFreeCount;
            t.templateIdx = templateIdx;
            t.recent = recent.clone();
            t.octets = octets == null ? null : octets.clone();
            t.s24 = s24 == null ? null : s24.copy();
        } else {
            t.klo = klo.clone();
            t.klen = klen.clone();
            t.val = val.clone(); // Route[] values are never changed in place
        }
        t.nodes = nodes;
        t.routeCount = routeCount;
        t.template = template;
        t.sorted = sorted;
        System.arraycopy(lenCount, 0, t.lenCount, 0, lenCount.length);
        System.arraycopy(lenBits, 0, t.lenBits, 0, lenBits.length);
        return t;
    }

    @Override
    public String toString() {
        return "table " + id + " (" + family.ipName() + ", " + routeCount + " routes)";
    }
}
