package io.github.netroute.routing.model;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The routes of one routing table of one family, indexed for longest-prefix match: one hash map keyed by
 * (prefix, length), probed longest length first over only the lengths present. Each prefix holds its entries in
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

    static final class Node {
        final long hi;
        final long lo;
        final int len;
        Route[] routes;

        Node(long hi, long lo, int len, Route[] routes) {
            this.hi = hi;
            this.lo = lo;
            this.len = len;
            this.routes = routes;
        }
    }

    private final Family family;
    private final RouteTable id;
    private Node[] slots = new Node[16];
    private int nodes;
    private int routeCount;
    private final int[] lenCount = new int[129];
    private final long[] lenBits = new long[3];
    private Node[] sorted;

    /**
     * An empty table.
     *
     * @param family the family
     * @param id the table id
     */
    public FibTable(Family family, RouteTable id) {
        this.family = Objects.requireNonNull(family, "family");
        this.id = Objects.requireNonNull(id, "id");
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
        Node n = find(Bits.hi(dst.address()), Bits.lo(dst.address()), dst.length());
        return n == null ? List.of() : Collections.unmodifiableList(Arrays.asList(n.routes));
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
        Route[] arr = routes.isEmpty() ? NONE : routes.toArray(NONE);
        for (Route r : arr) {
            if (!r.dst().equals(dst)) {
                throw new IllegalArgumentException("route " + r.dst() + " stored under " + dst);
            }
        }
        int mask = slots.length - 1;
        int i = Bits.mix(hi, lo, len) & mask;
        while (slots[i] != null) {
            Node n = slots[i];
            if (n.hi == hi && n.lo == lo && n.len == len) {
                if (arr.length == 0) {
                    routeCount -= n.routes.length;
                    removeAt(i);
                    nodes--;
                    lengthGone(len);
                    sorted = null;
                } else {
                    routeCount += arr.length - n.routes.length;
                    n.routes = arr;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        if (arr.length == 0) {
            return;
        }
        slots[i] = new Node(hi, lo, len, arr);
        nodes++;
        routeCount += arr.length;
        if (lenCount[len]++ == 0) {
            lenBits[len >>> 6] |= 1L << (len & 63);
        }
        sorted = null;
        if (nodes * 4 > slots.length * 3) {
            grow();
        }
    }

    /** Removes every entry. */
    public void clear() {
        slots = new Node[16];
        nodes = 0;
        routeCount = 0;
        Arrays.fill(lenCount, 0);
        Arrays.fill(lenBits, 0);
        sorted = null;
    }

    private void lengthGone(int len) {
        if (--lenCount[len] == 0) {
            lenBits[len >>> 6] &= ~(1L << (len & 63));
        }
    }

    private void removeAt(int i) {
        int mask = slots.length - 1;
        slots[i] = null;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            Node n = slots[j];
            if (n == null) {
                return;
            }
            int k = Bits.mix(n.hi, n.lo, n.len) & mask;
            // move n back to i if its home k is not in (i, j]
            boolean between = i <= j ? (k > i && k <= j) : (k > i || k <= j);
            if (!between) {
                slots[i] = n;
                slots[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        Node[] old = slots;
        slots = new Node[old.length * 2];
        int mask = slots.length - 1;
        for (Node n : old) {
            if (n != null) {
                int i = Bits.mix(n.hi, n.lo, n.len) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = n;
            }
        }
    }

    Node find(long hi, long lo, int len) {
        Node[] s = slots;
        int mask = s.length - 1;
        int i = Bits.mix(hi, lo, len) & mask;
        Node n;
        while ((n = s[i]) != null) {
            if (n.hi == hi && n.lo == lo && n.len == len) {
                return n;
            }
            i = (i + 1) & mask;
        }
        return null;
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

    /** Entries of the longest-match candidate prefix of length exactly {@code len} containing the address. */
    Route[] probe(long hi, long lo, int len) {
        Node n = find(Bits.maskHi(hi, len), Bits.maskLo(lo, len), len);
        return n == null ? null : n.routes;
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
        for (Node n : sortedNodes()) {
            for (Route r : n.routes) {
                action.accept(r);
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
        for (Node n : sortedNodes()) {
            out.add(n.routes[0].dst());
        }
        return out;
    }

    private Node[] sortedNodes() {
        Node[] s = sorted;
        if (s == null) {
            s = new Node[nodes];
            int k = 0;
            for (Node n : slots) {
                if (n != null) {
                    s[k++] = n;
                }
            }
            Arrays.sort(s, family == Family.INET ? V4_ORDER : V6_ORDER);
            sorted = s;
        }
        return s;
    }

    private static final Comparator<Node> V4_ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.hi, b.hi);
        return c != 0 ? c : Integer.compare(b.len, a.len);
    };

    private static final Comparator<Node> V6_ORDER = (a, b) -> {
        int min = Math.min(a.len, b.len);
        int common = Bits.commonPrefix(a.hi, a.lo, b.hi, b.lo, min);
        if (common < min) {
            return Integer.compare(Bits.bit(a.hi, a.lo, common), Bits.bit(b.hi, b.lo, common));
        }
        return Integer.compare(b.len, a.len);
    };

    /**
     * A deep copy (the routes themselves are immutable and shared).
     *
     * @return a deep copy (the routes themselves are immutable and shared)
     */
    public FibTable copy() {
        FibTable t = new FibTable(family, id);
        t.slots = new Node[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Node n = slots[i];
            if (n != null) {
                t.slots[i] = new Node(n.hi, n.lo, n.len, n.routes);
            }
        }
        t.nodes = nodes;
        t.routeCount = routeCount;
        System.arraycopy(lenCount, 0, t.lenCount, 0, lenCount.length);
        System.arraycopy(lenBits, 0, t.lenBits, 0, lenBits.length);
        return t;
    }

    @Override
    public String toString() {
        return "table " + id + " (" + family.ipName() + ", " + routeCount + " routes)";
    }
}
