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

    // An open-addressing table in parallel arrays, one slot per destination: the key (hi, lo, len; lo only for
    // IPv6) and the value, null for an empty slot, a Route for a destination with one entry, a Route[] (two or more,
    // in order) otherwise. A one-entry destination whose route equals the one stored before it in everything but
    // the destination (the common case of a bulk add) stores that earlier route, the template, instead of its own:
    // the table then holds no object per route, and the route is rebuilt from the template and the key when it is
    // read (materialize). Lookups scan the template itself, since they read nothing but the destination from it.
    private final Family family;
    private final RouteTable id;
    private long[] khi = new long[16];
    private long[] klo;
    private byte[] klen = new byte[16];
    private Object[] val = new Object[16];
    private int nodes;
    private int routeCount;
    private final int[] lenCount = new int[129];
    private final long[] lenBits = new long[3];
    /** Slot indexes in dump order, or null when a destination was added or removed since they were sorted. */
    private int[] sorted;
    /** The last one-entry route stored as itself: the template the next ones are compared with. */
    private Route template;

    /**
     * An empty table.
     *
     * @param family the family
     * @param id the table id
     */
    public FibTable(Family family, RouteTable id) {
        this.family = Objects.requireNonNull(family, "family");
        this.id = Objects.requireNonNull(id, "id");
        if (family == Family.INET6) {
            klo = new long[16];
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
        int i = find(Bits.hi(dst.address()), Bits.lo(dst.address()), dst.length());
        if (i < 0) {
            return List.of();
        }
        Object v = val[i];
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
            if (template != null && sameButDst(template, r)) {
                v = template;
            } else {
                v = r;
                template = r;
            }
        } else {
            Route[] arr = routes.toArray(NONE);
            for (Route r : arr) {
                if (!r.dst().equals(dst)) {
                    throw new IllegalArgumentException("route " + r.dst() + " stored under " + dst);
                }
            }
            v = arr;
        }
        int mask = val.length - 1;
        int i = Bits.mix(hi, lo, len) & mask;
        long w = word(hi, len);
        while (val[i] != null) {
            if (khi[i] == w && (klo == null || ((klen[i] & 255) == len && klo[i] == lo))) {
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
        khi[i] = w;
        if (klo != null) {
            klo[i] = lo;
        }
        klen[i] = (byte) len;
        val[i] = v;
        nodes++;
        routeCount += count(v);
        if (lenCount[len]++ == 0) {
            lenBits[len >>> 6] |= 1L << (len & 63);
        }
        sorted = null;
        if (nodes * 4 > val.length * 3) {
            grow();
        }
    }

    /**
     * The word kept in {@code khi} for a key: an IPv6 key's high half; an IPv4 key packs its length and a bit
     * saying "occupied" into the low half, so that a probe compares one word (0 is an empty IPv4 slot).
     */
    private long word(long hi, int len) {
        return klo == null ? hi | 0x8000_0000L | len : hi;
    }

    /** The key's high half at slot i. */
    private long hiAt(int i) {
        return klo == null ? khi[i] & 0xFFFF_FFFF_0000_0000L : khi[i];
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
        khi = new long[16];
        klo = klo == null ? null : new long[16];
        klen = new byte[16];
        val = new Object[16];
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

    private void removeAt(int i) {
        int mask = val.length - 1;
        val[i] = null;
        khi[i] = 0;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (val[j] == null) {
                return;
            }
            int k = Bits.mix(hiAt(j), klo == null ? 0 : klo[j], (klen[j] & 255)) & mask;
            // move slot j back to i if its home k is not in (i, j]
            boolean between = i <= j ? (k > i && k <= j) : (k > i || k <= j);
            if (!between) {
                khi[i] = khi[j];
                if (klo != null) {
                    klo[i] = klo[j];
                }
                klen[i] = klen[j];
                val[i] = val[j];
                val[j] = null;
                khi[j] = 0;
                i = j;
            }
        }
    }

    private void grow() {
        long[] oh = khi;
        long[] ol = klo;
        byte[] on = klen;
        Object[] ov = val;
        int cap = ov.length * 2;
        khi = new long[cap];
        klo = ol == null ? null : new long[cap];
        klen = new byte[cap];
        val = new Object[cap];
        int mask = cap - 1;
        for (int j = 0; j < ov.length; j++) {
            if (ov[j] != null) {
                long lo = ol == null ? 0 : ol[j];
                int i = Bits.mix(ol == null ? oh[j] & 0xFFFF_FFFF_0000_0000L : oh[j], lo, on[j] & 255) & mask;
                while (val[i] != null) {
                    i = (i + 1) & mask;
                }
                khi[i] = oh[j];
                if (klo != null) {
                    klo[i] = lo;
                }
                klen[i] = on[j];
                val[i] = ov[j];
            }
        }
    }

    /** The slot of a destination, or -1. */
    private int find(long hi, long lo, int len) {
        long[] h = khi;
        int mask = h.length - 1;
        int i = Bits.mix(hi, lo, len) & mask;
        if (klo == null) {
            long w = hi | 0x8000_0000L | len;
            for (long x; (x = h[i]) != 0; i = (i + 1) & mask) {
                if (x == w) {
                    return i;
                }
            }
            return -1;
        }
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
        int i = find(Bits.maskHi(hi, len), Bits.maskLo(lo, len), len);
        return i < 0 ? null : val[i];
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
            Object v = val[i];
            if (v instanceof Route r) {
                action.accept(materialize(r, hiAt(i), klo == null ? 0 : klo[i], (klen[i] & 255)));
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
            Object v = val[i];
            if (v instanceof Route r) {
                out.add(materialize(r, hiAt(i), klo == null ? 0 : klo[i], (klen[i] & 255)).dst());
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
            if (family == Family.INET) {
                if (val.length > (1 << 26)) {
                    throw new IllegalStateException("table too large to sort: " + val.length + " slots");
                }
                // address ascending (unsigned), longer prefix first: one primitive sort of packed keys
                long[] keys = new long[nodes];
                int k = 0;
                for (int i = 0; i < val.length; i++) {
                    if (val[i] != null) {
                        keys[k++] = ((khi[i] >>> 32) << 32 | (long) (32 - (klen[i] & 255)) << 26 | i) ^ Long.MIN_VALUE;
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
        t.klo = klo == null ? null : klo.clone();
        t.klen = klen.clone();
        t.val = val.clone(); // Route[] values are never changed in place
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
