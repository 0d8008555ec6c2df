package io.github.netroute.routing.model;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.internal.InetAddresses;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@link FibTable}'s hand-written IPv4 index against two libraries that could replace it, on the job the index does:
 * N destinations {@code A.B.C.0/24} (as in {@code netroute bench --in-memory}) mapped to one shared value (the
 * template every route of a bulk add shares), then longest-prefix matches of 65 536 random addresses, about 9 % of
 * which miss. Each side returns the stored value, nothing is materialized:
 *
 * <ul>
 * <li>{@code netroute}: the table itself ({@link FibTable#set}, then {@link FibTable#probe} over the lengths present,
 * through the /24 stride index);</li>
 * <li>{@code fastutil}: fastutil's {@code Long2IntOpenHashMap} (a primitive open-addressing map, keys and values in
 * two arrays) from the same 33-bit key to a palette index, probed over the lengths present the same way;</li>
 * <li>{@code trie}: the IPAddress library's {@code IPv4AddressAssociativeTrie} (a compact binary trie of prefix
 * blocks), {@code longestPrefixMatchNode}.</li>
 * </ul>
 *
 * <p>{@code insert*} time the N inserts (single shot), {@code lpm*} the lookups (operations per second, one thread),
 * {@code heap*} the heap each holds per destination (the {@code bytesPerRoute} counter: what it keeps of its inputs
 * counts, the rest does not). Run them with
 *
 * <pre>{@code
 * mvn -B -o -Pjmh-alternatives -pl routing-api test -DskipTests
 * }</pre>
 *
 * <p>This class sits in the model's package, in the benchmark source set only, to reach the table's package-private
 * probe; the benchmarks run on the class path.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TableAlternatives {

    static final Route TEMPLATE = Route.builder().dst(IpPrefix.parse("10.0.0.0/24"))
            .gateway(InetAddresses.parse("192.168.1.1")).table(RouteTable.MAIN).protocol(RouteProtocol.BOOT).build();

    /** The /24 of destination i as 32 bits (A.B.C.0), as {@code netroute bench} numbers them. */
    static int dst(int i) {
        return (10 + (i >>> 16)) << 24 | ((i >>> 8) & 255) << 16 | (i & 255) << 8;
    }

    static IpPrefix prefix(int a, int len) {
        return IpPrefix.of(InetAddresses.fromBytes(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8),
            (byte) a}), len);
    }

    /** FibTable's IPv4 key: the prefix's len network bits below a marker bit at position len. */
    static long key4(int a, int len) {
        return len == 0 ? 1L : (Integer.toUnsignedLong(a) >>> (32 - len)) | (1L << len);
    }

    /** What each structure is given to insert, built before the measurement: prefixes and routes, or addresses. */
    @State(Scope.Benchmark)
    public static class Inputs {
        @Param({"1000000"})
        public int n;
        IpPrefix[] prefixes;
        List<Route>[] routes;
        int[] dsts;
        IPv4Address[] blocks;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void build() {
            prefixes = new IpPrefix[n];
            routes = new List[n];
            dsts = new int[n];
            blocks = new IPv4Address[n];
            for (int i = 0; i < n; i++) {
                dsts[i] = dst(i);
                prefixes[i] = prefix(dsts[i], 24);
                // a route equal to the template but for its destination: the table stores the template
                routes[i] = List.of(TEMPLATE.toBuilder().dst(prefixes[i]).build());
                blocks[i] = new IPv4Address(dsts[i], 24).toPrefixBlock();
            }
        }
    }

    static FibTable netroute(Inputs in) {
        FibTable t = new FibTable(Family.INET, RouteTable.MAIN);
        for (int i = 0; i < in.n; i++) {
            t.set(in.prefixes[i], in.routes[i]);
        }
        return t;
    }

    /** fastutil's primitive map from the key to a palette index, with the lengths present as a bit set. */
    static final class Fastutil {
        final Long2IntOpenHashMap map = new Long2IntOpenHashMap();
        final Object[] palette = {null, TEMPLATE};
        long lengths;

        void put(int a, int len) {
            map.put(key4(a, len), 1);
            lengths |= 1L << len;
        }

        Object lpm(int a) {
            long ls = lengths;
            while (ls != 0) {
                int len = 63 - Long.numberOfLeadingZeros(ls);
                int idx = map.get(key4(a, len));
                if (idx != 0) {
                    return palette[idx];
                }
                ls &= ~(1L << len);
            }
            return null;
        }
    }

    static Fastutil fastutil(Inputs in) {
        Fastutil f = new Fastutil();
        for (int i = 0; i < in.n; i++) {
            f.put(in.dsts[i], 24);
        }
        return f;
    }

    static IPv4AddressAssociativeTrie<Route> trie(Inputs in) {
        IPv4AddressAssociativeTrie<Route> t = new IPv4AddressAssociativeTrie<>();
        for (int i = 0; i < in.n; i++) {
            t.put(in.blocks[i], TEMPLATE);
        }
        return t;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Object insertNetroute(Inputs in) {
        return netroute(in);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Object insertFastutil(Inputs in) {
        return fastutil(in);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Object insertTrie(Inputs in) {
        return trie(in);
    }

    /** The three structures holding N destinations, and the addresses to look up in each one's form. */
    @State(Scope.Benchmark)
    public static class Loaded {
        FibTable table;
        Fastutil map;
        IPv4AddressAssociativeTrie<Route> trie;
        int[] addrs;
        long[] his;
        IPv4Address[] trieAddrs;

        @Setup(Level.Trial)
        public void load(Inputs in) {
            int n = in.n;
            table = netroute(in);
            map = fastutil(in);
            trie = trie(in);
            Random rnd = new Random(42);
            addrs = new int[1 << 16];
            his = new long[addrs.length];
            trieAddrs = new IPv4Address[addrs.length];
            for (int i = 0; i < addrs.length; i++) {
                int j = rnd.nextInt(n + n / 10); // ~9 % miss
                addrs[i] = dst(j) | (1 + rnd.nextInt(250));
                his[i] = Integer.toUnsignedLong(addrs[i]) << 32;
                trieAddrs[i] = new IPv4Address(addrs[i]);
            }
        }
    }

    /** Walks the addresses in order, one per call. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object lpmNetroute(Loaded s, Cursor c) {
        long hi = s.his[c.i++ & (s.his.length - 1)];
        FibTable t = s.table;
        for (int len = t.lengthAtMost(32); len >= 0; len = t.lengthAtMost(len - 1)) {
            Object v = t.probe(hi, 0, len);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object lpmFastutil(Loaded s, Cursor c) {
        return s.map.lpm(s.addrs[c.i++ & (s.addrs.length - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object lpmTrie(Loaded s, Cursor c) {
        var node = s.trie.longestPrefixMatchNode(s.trieAddrs[c.i++ & (s.trieAddrs.length - 1)]);
        return node == null ? null : node.getValue();
    }

    /** The heap a structure of N destinations holds per destination, as an extra JMH result column. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        public double bytesPerRoute;
        /** 1 / the measurement iterations: JMH sums an EVENTS counter over them, so each adds its share of the mean. */
        double share;

        @Setup(Level.Trial)
        public void iterations(BenchmarkParams p) {
            share = 1.0 / p.getMeasurement().getCount();
        }

        /** The heap per destination of what {@code build} makes of fresh inputs, recorded as this iteration's share. */
        double measure(int n, java.util.function.Function<Inputs, Object> build) {
            long before = usedHeap();
            Object o = build.apply(fresh(n));
            bytesPerRoute = share * (usedHeap() - before) / n;
            // kept alive up to the measurement, and not returned: JMH's blackhole could keep it into the next iteration
            java.lang.ref.Reference.reachabilityFence(o);
            return bytesPerRoute;
        }
    }

    /**
     * Inputs of its own, so that what the structure keeps of them (the trie keeps its keys) counts and the rest (the
     * table keeps one template, not the routes) does not.
     */
    private static Inputs fresh(int n) {
        Inputs in = new Inputs();
        in.n = n;
        in.build();
        return in;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double heapNetroute(Inputs given, Heap h) {
        return h.measure(given.n, TableAlternatives::netroute);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double heapFastutil(Inputs given, Heap h) {
        return h.measure(given.n, TableAlternatives::fastutil);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double heapTrie(Inputs given, Heap h) {
        return h.measure(given.n, TableAlternatives::trie);
    }
}
