package io.github.netroute.routing.testkit.jmh;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.model.Decision;
import io.github.netroute.routing.model.RoutingModel;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.net.InetAddress;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * JMH benchmarks of the in-memory kernel on the workload of {@code netroute bench --in-memory}: N routes
 * {@code A.B.C.0/24 via 192.168.1.1} in table main, 100 rules {@code from 172.16.i.0/24 lookup 1000+i} that no flow
 * matches, random flows over the routes (about 9 % miss them). Run them with (see the README's Performance section)
 *
 * <pre>{@code
 * mvn -B -o -Pjmh -pl routing-testkit -am test -DskipTests                       # all, N = 100000 and 1000000
 * mvn -B -o -Pjmh -pl routing-testkit -am test -DskipTests -Djmh.args="-p n=1000000 -prof gc lookup"
 * }</pre>
 *
 * <ul>
 * <li>{@code add}: adding N routes to a fresh kernel, one call each (single shot: seconds per N routes);</li>
 * <li>{@code lookup} / {@code lookupWithTrace}: one route lookup through the rules, without and with the trace
 * (operations per second, one thread);</li>
 * <li>{@code heap}: a kernel holding N routes; the {@code bytesPerRoute} counter is the heap it holds per route,
 * route objects included (used heap after a full GC, with and without the kernel).</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class InMemoryBenchmarks {

    static final InetAddress GW = InetAddresses.parse("192.168.1.1");

    static Route route(int i) {
        byte[] b = {(byte) (10 + (i >>> 16)), (byte) ((i >>> 8) & 255), (byte) (i & 255), 0};
        return Route.builder().dst(IpPrefix.of(InetAddresses.fromBytes(b), 24)).gateway(GW).table(RouteTable.MAIN)
                .protocol(RouteProtocol.BOOT).build();
    }

    static InMemoryKernel kernel() throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setLinkUp("lo", true);
        k.addLink("eth0", "bridge");
        k.setLinkUp("eth0", true);
        k.addAddress(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0"));
        for (int i = 0; i < 100; i++) {
            k.addRule(Rule.parse("from 172.16." + i + ".0/24 lookup " + (1000 + i)));
        }
        return k;
    }

    /** The routes to add, built before the measurement; a fresh kernel per measured add. */
    @State(Scope.Thread)
    public static class ToAdd {
        @Param({"100000", "1000000"})
        public int n;
        List<Route> routes;
        InMemoryKernel kernel;

        @Setup(Level.Trial)
        public void routes() {
            routes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                routes.add(route(i));
            }
        }

        @Setup(Level.Iteration)
        public void kernel() throws RoutingException {
            kernel = InMemoryBenchmarks.kernel();
        }

        @TearDown(Level.Iteration)
        public void close() {
            kernel.close();
            kernel = null;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public InMemoryKernel add(ToAdd s) throws RoutingException {
        for (Route r : s.routes) {
            s.kernel.addRoute(r);
        }
        return s.kernel;
    }

    /** A kernel with N routes, its model, and 65536 random flows. */
    @State(Scope.Benchmark)
    public static class Loaded {
        @Param({"100000", "1000000"})
        public int n;
        RoutingModel model;
        RouteLookup[] flows;

        @Setup(Level.Trial)
        public void load() throws RoutingException {
            try (InMemoryKernel k = kernel()) {
                for (int i = 0; i < n; i++) {
                    k.addRoute(route(i));
                }
                model = k.model();
            }
            flows = new RouteLookup[1 << 16];
            Random rnd = new Random(42);
            for (int i = 0; i < flows.length; i++) {
                int j = rnd.nextInt(n + n / 10);
                byte[] b = {(byte) (10 + (j >>> 16)), (byte) ((j >>> 8) & 255), (byte) (j & 255),
                    (byte) (1 + rnd.nextInt(250))};
                flows[i] = RouteLookup.to(InetAddresses.fromBytes(b));
            }
        }
    }

    /** Walks the flows in order, one per call. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Decision lookup(Loaded s, Cursor c) {
        return s.model.decide(s.flows[c.i++ & (s.flows.length - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Decision lookupWithTrace(Loaded s, Cursor c) {
        return s.model.lookup(s.flows[c.i++ & (s.flows.length - 1)]);
    }

    /** The number of routes of {@link #heap} (a state of its own: JMH resets every public field of a counter state). */
    @State(Scope.Benchmark)
    public static class Size {
        @Param({"100000", "1000000"})
        public int n;
    }

    /** The heap a kernel of N routes holds per route, as an extra JMH result column. */
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
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double heap(Size s, Heap h) throws RoutingException {
        long before = usedHeap();
        InMemoryKernel k = kernel();
        for (int i = 0; i < s.n; i++) {
            k.addRoute(route(i));
        }
        h.bytesPerRoute = h.share * (usedHeap() - before) / s.n;
        k.close();
        // measured with the kernel alive, and not returned: JMH's blackhole could keep it into the next iteration
        java.lang.ref.Reference.reachabilityFence(k);
        return h.bytesPerRoute;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
