package io.github.netroute.examples;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.model.RoutingModel;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netroute bench}: benchmark programs that print figures (no timing assertions anywhere).
 *
 * <pre>{@code
 * java -jar netroute.jar bench --netns NS --routes 100000        # install_s / dump_s, as ../shared/bench/compare.sh wants
 * java -jar netroute.jar bench --in-memory --routes 1000000      # in-memory kernel: add time (and at N/10), heap and
 *                                                                # allocation per route, lookups/s with and without trace
 * java -jar netroute.jar bench --in-memory --mixed --routes 1000000   # the same on an Internet-shaped table
 * java -jar netroute.jar bench --reconcile --routes 100000       # reconcile plan with 1% drift
 * java -Xmx64m -jar netroute.jar bench --netns NS --routes 1000000 --stream   # streamed dump in a 64 MiB heap
 * java -jar netroute.jar bench --nexthops --routes 100000     # routes on one nexthop group vs inline gateways, beside ip
 * }</pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the benchmarks and prints their figures.",
            "By default it installs N routes 'A.B.C.0/24 via 192.168.1.1 table 100' into --netns NS with one batched"
                + " apply and lists them back as typed objects D times (--dumps; dump_s is the median, as compare.sh"
                + " times the C floor's). It prints 'install_s SECONDS' and 'dump_s SECONDS' after a JVM warm-up on a"
                + " separate, isolated namespace, which is the contract of ../shared/bench/compare.sh. NS needs eth0"
                + " 192.168.1.2/24 up.",
            "With --in-memory it measures the in-memory kernel: the add time, the heap, and lookups per second with"
                + " 100 rules. With --reconcile it measures the plan time for N desired against N actual routes with"
                + " 1%% drift. With --stream it only streams a dump, counting the routes of table 100.",
            "With --nexthops it compares N routes on one shared nexthop group with N routes with inline gateways: it"
                + " installs them, then moves all of them to another gateway (one group replace against N route"
                + " replaces), through netroute and through 'ip -batch' of the same commands, each in its own"
                + " throwaway namespace.",
            "On a terminal, each long phase shows its elapsed time on stderr while it runs. When the output is piped"
                + " or redirected, only the figures are printed."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--netns", paramLabel = "NS", description = "Network namespace for the netlink benchmark.")
    String netns;

    @Option(names = "--routes", paramLabel = "N", defaultValue = "100000", description = "Number of routes (default ${DEFAULT-VALUE}).")
    int routes;

    @Option(names = "--in-memory", description = "Benchmark the in-memory kernel and the routing model.")
    boolean inMemory;

    @Option(names = "--mixed", description = "With --in-memory: a table shaped like the Internet's (lengths /8 to /24, "
            + "about 60%% /24s, through 8 gateways, interleaved) instead of N /24s through one gateway.")
    boolean mixed;

    @Option(names = "--reconcile", description = "Benchmark the reconciler's plan.")
    boolean reconcile;

    @Option(names = "--stream", description = "Install (unless table 100 already has N routes) and stream-count table 100.")
    boolean stream;

    @Option(names = "--nexthops", description = "Routes on a shared nexthop group vs inline gateways, beside iproute2.")
    boolean nexthops;

    @Option(names = "--warmups", paramLabel = "W", defaultValue = "3",
            description = "Warm-up rounds (install + dump of min(N, 100000) routes on isolated namespaces; default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--dumps", paramLabel = "D", defaultValue = "5",
            description = "Time the dump D times; dump_s is the median, as compare.sh takes the C floor's (default ${DEFAULT-VALUE}).")
    int dumpReps;

    @Option(names = {"-v", "--verbose"}, description = "Print the warm-up rounds' figures too.")
    boolean verbose;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5", description = "Measured rounds where it applies (default ${DEFAULT-VALUE}).")
    int rounds;

    static final InetAddress GW = IpAddresses.parse("192.168.1.1");

    /** The i-th route, exactly as compare.sh's awk makes them. */
    static Route route(int i, RouteProtocol proto) {
        byte[] b = {(byte) (10 + (i >>> 16)), (byte) ((i >>> 8) & 255), (byte) (i & 255), 0};
        return Route.builder().dst(IpPrefix.of(IpAddresses.fromBytes(b), 24)).gateway(GW).table(100)
                .protocol(proto).build();
    }

    @Override
    public Integer call() throws Exception {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double load0 = os.getSystemLoadAverage();
        try {
            return run();
        } finally {
            // a busy machine slows every figure down: the load it ran under is printed with them
            System.out.printf("load_average %.2f at start, %.2f at end   (1-minute system load average; %d CPUs)%n",
                    load0, os.getSystemLoadAverage(), os.getAvailableProcessors());
        }
    }

    private Integer run() throws Exception {
        if (inMemory) {
            return inMemory();
        }
        if (reconcile) {
            return reconcile();
        }
        if (nexthops) {
            return NexthopBench.run(routes, warmups);
        }
        if (netns == null) {
            System.err.println("bench: --netns NS is needed (or --in-memory / --reconcile)");
            return 2;
        }
        if (stream) {
            return stream();
        }
        // Warm-up: the same work on isolated namespaces of the same shape, so that the JIT has compiled the encode,
        // batch, receive and decode paths. The warm-up namespaces stay open until the figures are printed: closing
        // one makes the kernel tear down its routes in the background (cleanup_net, under the RTNL lock), which
        // would otherwise run on the other CPU while the measured install and dump are running.
        List<NetlinkRouting> warm = new ArrayList<>();
        try {
            for (int w = 0; w < warmups; w++) {
                NetlinkRouting scratch = NetlinkRouting.openIsolated();
                warm.add(scratch);
                shape(scratch);
                long a = System.nanoTime();
                install(scratch, Math.min(routes, 100_000));
                long b = System.nanoTime();
                dump(scratch);
                long c = System.nanoTime();
                if (verbose) {
                    System.out.printf("warm-up install_s %.4f dump_s %.4f%n", (b - a) / 1e9, (c - b) / 1e9);
                }
            }
            try (Routing r = NetlinkRouting.open(netns)) {
                settle();
                long a0 = allocated();
                long t0 = System.nanoTime();
                int failed = install(r, routes);
                long t1 = System.nanoTime();
                long installAlloc = allocated() - a0;
                // the dump is timed dumpReps times and dump_s is the median, exactly as compare.sh times the C floor's
                // dump (nldumpfloor 5, the 3rd of 5 sorted); the first one is printed too
                double[] dumps = new double[Math.max(1, dumpReps)];
                double[] dumpAlloc = new double[dumps.length];
                double[] dumpCpu = new double[dumps.length];
                double[] dumpGc = new double[dumps.length];
                long n = -1;
                for (int x = 0; x < dumps.length; x++) {
                    settle();
                    long a2 = allocated();
                    long g2 = gcMillis();
                    long c2 = cpuNanos();
                    long t2 = System.nanoTime();
                    long got = dump(r);
                    dumps[x] = (System.nanoTime() - t2) / 1e9;
                    dumpCpu[x] = (cpuNanos() - c2) / 1e9;
                    dumpGc[x] = (gcMillis() - g2) / 1e3;
                    dumpAlloc[x] = (allocated() - a2) / (double) Math.max(1, got);
                    n = x == 0 ? got : Math.min(n, got);
                }
                double[] sorted = dumps.clone();
                Arrays.sort(sorted);
                System.out.printf("install_s %.4f%n", (t1 - t0) / 1e9);
                System.out.printf("dump_s %.4f%n", sorted[(sorted.length - 1) / 2]);
                StringBuilder each = new StringBuilder();
                for (double d : dumps) {
                    each.append(String.format(" %.4f", d));
                }
                System.out.printf("dump_first_s %.4f   (dump_s is the median of %d dumps:%s)%n", dumps[0], dumps.length,
                        each);
                System.out.printf("dump_stats_s %s%n", stats(dumps, "%.4f"));
                System.out.printf("dump_cpu_s %s   (CPU time of the dumping thread, its recv calls' kernel time "
                        + "included; GC threads not counted)%n", stats(dumpCpu, "%.4f"));
                System.out.printf("dump_gc_s %s   (time the collectors report for the collections during each dump, "
                        + "which the wall time includes)%n", stats(dumpGc, "%.4f"));
                System.out.printf("install_alloc_bytes_per_route %.0f%n", installAlloc / (double) routes);
                System.out.printf("dump_alloc_bytes_per_route %s%n", stats(dumpAlloc, "%.0f"));
                System.out.println("installed " + (routes - failed) + " failed " + failed + " listed " + n);
                return failed == 0 && n == routes ? 0 : 1;
            }
        } finally {
            // after the figures: empty the warm-up namespaces before closing them, so that the kernel's teardown of
            // their routes does not run on into whatever is measured next (e.g. the next compare.sh run's floor)
            for (NetlinkRouting scratch : warm) {
                try {
                    scratch.apply(scratch.routes(RouteFilter.table(RouteTable.of(100))).stream()
                            .map(Change::deleteRoute).toList());
                } catch (RoutingException e) {
                    // closing tears the namespace down anyway
                }
                scratch.close();
            }
        }
    }

    /**
     * Between measured phases (never inside one): ends with a young collection, so that a phase starts with an empty
     * young generation instead of paying for a collection caused by the garbage of the phase before. Garbage a phase
     * makes itself is still collected inside it when it fills the young generation. (A full {@code System.gc()}
     * would shrink the heap, and the next phase would then collect over and over while the heap grows back.)
     */
    static void settle() {
        List<java.lang.management.GarbageCollectorMXBean> gcs =
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();
        long before = collections(gcs);
        long cap = Math.min(4L << 30, Runtime.getRuntime().maxMemory() / 2); // a collector that never collects
        for (long allocated = 0; allocated < cap && collections(gcs) == before; allocated += 64 << 10) {
            sink = new byte[64 << 10];
        }
        sink = null;
    }

    private static volatile Object sink;

    /** Milliseconds the collectors report having spent so far (GarbageCollectorMXBean.getCollectionTime). */
    static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean b
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
        }
        return ms;
    }

    private static long collections(List<java.lang.management.GarbageCollectorMXBean> gcs) {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean b : gcs) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    private static void shape(Routing r) throws RoutingException {
        r.setLinkUp("lo", true);
        r.addLink("eth0", "bridge");
        r.setLinkUp("eth0", true);
        r.addAddress(Address.of(CidrAddress.parse("192.168.1.2/24"), "eth0"));
    }

    /** One batched apply of n route adds (route objects built inside the timing); returns the failure count. */
    private static int install(Routing r, int n) {
        List<Change> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            changes.add(Change.addRoute(route(i, RouteProtocol.BOOT)));
        }
        int failed = 0;
        ChangeResult firstFailure = null;
        List<ChangeResult> results;
        try (Progress p = Progress.phase("install " + n + " routes in one batch")) {
            results = r.apply(changes);
        }
        for (ChangeResult c : results) {
            if (!c.ok()) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = c;
                }
            }
        }
        if (firstFailure != null) {
            System.err.println("first failure: " + firstFailure);
        }
        return failed;
    }

    /** Lists table 100 back as typed routes. */
    private static long dump(Routing r) throws RoutingException {
        try (Progress p = Progress.phase("dump table 100")) {
            return r.routes(RouteFilter.table(RouteTable.of(100))).size();
        }
    }

    private int stream() throws RoutingException {
        try (Routing r = NetlinkRouting.open(netns)) {
            AtomicLong count = new AtomicLong();
            r.forEachRoute(RouteFilter.table(RouteTable.of(100)), x -> count.incrementAndGet());
            int failed = 0;
            long held = count.get();
            long t0 = System.nanoTime();
            if (held < routes) {
                try (Progress p = Progress.phase("install " + routes + " routes, 50 000 per batch")) {
                for (int start = 0; start < routes; start += 50_000) {
                    List<Change> changes = new ArrayList<>();
                    for (int i = start; i < Math.min(routes, start + 50_000); i++) {
                        changes.add(Change.addRoute(route(i, RouteProtocol.BOOT)));
                    }
                    for (ChangeResult c : r.apply(changes)) {
                        failed += c.ok() ? 0 : 1;
                    }
                }
                }
            }
            long t1 = System.nanoTime();
            count.set(0);
            settle();
            long a1 = allocated();
            long g1 = gcMillis();
            long c1 = cpuNanos();
            long ts = System.nanoTime();
            try (Progress p = Progress.phase("streamed dump of table 100")) {
                r.forEachRoute(RouteFilter.table(RouteTable.of(100)), x -> count.incrementAndGet());
            }
            long t2 = System.nanoTime();
            long streamCpu = cpuNanos() - c1;
            long streamGc = gcMillis() - g1;
            long streamAlloc = allocated() - a1;
            Runtime rt = Runtime.getRuntime();
            if (held < routes) {
                System.out.printf("install_s %.4f%n", (t1 - t0) / 1e9);
            } else {
                System.out.printf("install_s -   (not installed: table 100 held %d routes already)%n", held);
            }
            System.out.printf("stream_dump_s %.4f%n", (t2 - ts) / 1e9);
            System.out.printf("stream_dump_cpu_s %.4f   (CPU time of the dumping thread, its recv calls' kernel time "
                    + "included)%n", streamCpu / 1e9);
            System.out.printf("stream_dump_gc_s %.4f   (time the collectors report for the collections meanwhile)%n",
                    streamGc / 1e3);
            System.out.printf("stream_dump_alloc_bytes_per_route %.0f%n", streamAlloc / (double) Math.max(1, count.get()));
            System.out.println("streamed " + count.get() + " routes, failed installs " + failed + ", max heap "
                    + rt.maxMemory() / (1 << 20) + " MiB");
            return count.get() >= routes && failed == 0 ? 0 : 1;
        }
    }

    private int inMemory() throws RoutingException {
        int n = routes;
        int r = Math.max(1, rounds);
        // N/10 first, with the same rounds: linear means adding N takes at most 10 times as long as adding N/10
        double[] small = new double[r];
        double[] smallCpu = new double[r];
        for (int round = 0; round < r; round++) {
            try (InMemoryKernel k = kernel()) {
                List<Route> rs = mainRoutes(Math.max(1, n / 10), mixed);
                double[] t = addAll(k, rs);
                small[round] = t[0];
                smallCpu[round] = t[2];
            }
        }
        double[] times = new double[r];
        double[] heap = new double[r];
        double[] alloc = new double[r];
        double[] cpu = new double[r];
        InMemoryKernel kept = null;
        Progress adding = Progress.phase("in-memory kernel: add " + n + " routes, " + r + " round(s)");
        for (int round = 0; round < r; round++) {
            if (kept != null) {
                kept.close();
                kept = null;
            }
            InMemoryKernel k = kernel();
            // the heap held by the routes: measured with the kernel in place and nothing else of this round alive,
            // so the route objects themselves count (the kernel keeps them), not only its index
            long before = usedHeap();
            List<Route> rs = mainRoutes(n, mixed);
            double[] t = addAll(k, rs);
            rs = null;
            long after = usedHeap();
            times[round] = t[0];
            alloc[round] = t[1] / n;
            cpu[round] = t[2];
            heap[round] = (after - before) / (double) n;
            kept = k;
        }
        adding.close();
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double[] sortedSmall = small.clone();
        Arrays.sort(sortedSmall);
        double[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        double[] sortedSmallCpu = smallCpu.clone();
        Arrays.sort(sortedSmallCpu);
        System.out.printf("inmemory_table %s%n", mixed ? "mixed: /8 to /24 (about 60% /24s) through 8 gateways, interleaved"
                : "A.B.C.0/24 through one gateway");
        System.out.printf("inmemory_add_s %s   (%d routes with 100 rules)%n", stats(times, "%.4f"), n);
        System.out.printf("inmemory_add_cpu_s %s   (CPU time of the adding thread; GC threads not counted)%n",
                stats(cpu, "%.4f"));
        System.out.printf("inmemory_add_small_s %s   (%d routes)%n", stats(small, "%.4f"), Math.max(1, n / 10));
        System.out.printf("inmemory_add_small_cpu_s %s%n", stats(smallCpu, "%.4f"));
        System.out.printf("inmemory_add_linearity %.2f   (median time for N / (10 x median time for N/10); "
                + "linear <= 1)%n", sorted[(r - 1) / 2] / (10 * sortedSmall[(r - 1) / 2]));
        System.out.printf("inmemory_add_cpu_linearity %.2f   (the same in CPU time)%n",
                sortedCpu[(r - 1) / 2] / (10 * sortedSmallCpu[(r - 1) / 2]));
        System.out.printf("inmemory_heap_bytes_per_route %s   (heap held by the kernel's routes, route objects "
                + "included)%n", stats(heap, "%.1f"));
        System.out.printf("inmemory_add_alloc_bytes_per_route %s%n", stats(alloc, "%.0f"));

        RoutingModel model = kept.model();
        // the add rounds and the model's construction left millions of objects behind: a full collection now (which
        // also ends a concurrent marking cycle) keeps the collector from working on them beside the measured lookups
        System.gc();
        int flows = 1 << 16;
        RouteLookup[] fs = new RouteLookup[flows];
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < flows; i++) {
            byte[] b;
            if (mixed) { // anywhere in 1.0.0.0-222.255.255.255 but 127/8
                int a = (1 + rnd.nextInt(222)) << 24 | rnd.nextInt(1 << 24);
                a = (a >>> 24) == 127 ? a ^ 0x0100_0000 : a;
                b = new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            } else {
                int j = rnd.nextInt(n + n / 10); // ~9% miss the /24s and take the default-less path
                b = new byte[] {(byte) (10 + (j >>> 16)), (byte) ((j >>> 8) & 255), (byte) (j & 255),
                    (byte) (1 + rnd.nextInt(250))};
            }
            fs[i] = RouteLookup.to(IpAddresses.fromBytes(b));
        }
        long ok = 0;
        Progress looking = Progress.phase("routing model: lookups");
        // warm-up: the compiler's last tiers and the collector's sizing of the young generation take a few seconds to
        // settle (the first million lookups run at half the steady pace); at least 3M lookups and 3 s
        long warm = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 3_000_000 || System.nanoTime() < warm; i++) {
            ok += model.decide(fs[i & (flows - 1)]).ok() ? 1 : 0;
        }
        ok = 0; // the hits of the measured rounds only (the warm-up's length varies)
        double[] rates = new double[Math.max(1, rounds)];
        double[] cpuRates = new double[rates.length];
        for (int round = 0; round < rates.length; round++) {
            int count = 2_000_000;
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                ok += model.decide(fs[i & (flows - 1)]).ok() ? 1 : 0;
            }
            rates[round] = count / ((System.nanoTime() - t0) / 1e9);
            cpuRates[round] = count / ((cpuNanos() - c0) / 1e9);
        }
        looking.close();
        System.out.printf("lookups_per_s %s   (%d routes, 100 rules, one thread, no trace; %d hits)%n",
                stats(rates, "%.0f"), n, ok);
        System.out.printf("lookups_per_cpu_s %s   (the same per second of the thread's CPU time)%n",
                stats(cpuRates, "%.0f"));
        // the same lookups with their trace (every rule and route looked at, as text): the price of explaining
        Progress tracing = Progress.phase("routing model: traced lookups");
        warm = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 200_000 || System.nanoTime() < warm; i++) { // warm-up: at least 200 000 lookups and 1 s
            ok += model.lookup(fs[i & (flows - 1)]).ok() ? 1 : 0;
        }
        double[] traced = new double[Math.max(1, rounds)];
        double[] tracedCpu = new double[traced.length];
        for (int round = 0; round < traced.length; round++) {
            int count = 200_000;
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                ok += model.lookup(fs[i & (flows - 1)]).ok() ? 1 : 0;
            }
            traced[round] = count / ((System.nanoTime() - t0) / 1e9);
            tracedCpu[round] = count / ((cpuNanos() - c0) / 1e9);
        }
        tracing.close();
        System.out.printf("traced_lookups_per_s %s   (the same lookups with their trace)%n", stats(traced, "%.0f"));
        System.out.printf("traced_lookups_per_cpu_s %s   (the same per second of the thread's CPU time)%n",
                stats(tracedCpu, "%.0f"));
        kept.close();
        return 0;
    }

    /** A kernel with eth0 192.168.1.2/24 and 100 rules 'from 172.16.i.0/24 lookup 1000+i' (no flow matches them). */
    private static InMemoryKernel kernel() throws RoutingException {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        shape(k);
        for (int i = 0; i < 100; i++) {
            k.addRule(Rule.parse("from 172.16." + i + ".0/24 lookup " + (1000 + i)));
        }
        return k;
    }

    private static List<Route> mainRoutes(int n, boolean mixed) {
        List<Route> rs = new ArrayList<>(n);
        if (!mixed) {
            for (int i = 0; i < n; i++) {
                rs.add(route(i, RouteProtocol.BOOT).toBuilder().table(RouteTable.MAIN).build());
            }
            return rs;
        }
        // --mixed: distinct random prefixes of 1.0.0.0-222.255.255.255 (not 127/8 or 192.168/16, the node's own),
        // lengths drawn as an Internet table has them (/24 most, then /22-/23, then /8-/21), each through one of 8
        // gateways at random; the same table every run
        int[] lengths = {24, 24, 24, 24, 24, 24, 23, 23, 22, 22, 21, 20, 19, 18, 17, 16, 16, 15, 14, 13, 12, 11, 10, 9, 8};
        InetAddress[] gws = new InetAddress[8];
        for (int g = 0; g < gws.length; g++) {
            gws[g] = IpAddresses.parse("192.168.1." + (10 + g));
        }
        java.util.Random rnd = new java.util.Random(7);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (rs.size() < n) {
            int len = lengths[rnd.nextInt(lengths.length)];
            int a = ((1 + rnd.nextInt(222)) << 24 | rnd.nextInt(1 << 24)) & (-1 << (32 - len));
            if ((a >>> 24) == 127 || (a >>> 16) == 0xC0A8 || !seen.add((long) a << 6 | len)) {
                continue;
            }
            byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            rs.add(Route.builder().dst(IpPrefix.of(IpAddresses.fromBytes(b), len)).gateway(gws[rnd.nextInt(gws.length)])
                    .table(RouteTable.MAIN).protocol(RouteProtocol.BOOT).build());
        }
        return rs;
    }

    /** CPU time of the calling thread: on a busy machine, wall time also counts the time other processes ran. */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Adds the routes one call each; returns {seconds, bytes allocated by this thread meanwhile, CPU seconds}. */
    private static double[] addAll(InMemoryKernel k, List<Route> rs) throws RoutingException {
        settle();
        long a0 = allocated();
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        for (Route x : rs) {
            k.addRoute(x);
        }
        long t1 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, allocated() - a0, (cpuNanos() - c0) / 1e9};
    }

    /** "median M (min A, max B, of R)" of some figures, each printed with {@code fmt}. */
    static String stats(double[] xs, String fmt) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return String.format(fmt + "   (median of %d; min " + fmt + ", max " + fmt + ")", s[(s.length - 1) / 2],
                s.length, s[0], s[s.length - 1]);
    }

    /** Bytes allocated so far by the calling thread (HotSpot's com.sun.management.ThreadMXBean). */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private int reconcile() {
        int n = routes;
        RouteProtocol proto = RouteProtocol.of(200);
        Reconciler rec = Reconciler.of(Ownership.of(proto, Set.of(RouteTable.of(100))));
        List<Route> desired = new ArrayList<>(n);
        List<Route> actual = new ArrayList<>(n);
        InetAddress otherGw = IpAddresses.parse("192.168.1.9");
        int drift = n / 100;
        for (int i = 0; i < n; i++) {
            Route d = route(i, proto);
            desired.add(d);
            int k = i % 100 == 0 ? (i / 100) % 3 : -1; // 1% drift: a third missing, a third changed, a third extra
            if (k == 0) {
                continue;
            }
            actual.add(k == 1 ? d.toBuilder().gateway(otherGw).build() : d);
            if (k == 2) {
                actual.add(route(n + i, proto));
            }
        }
        DesiredState want = DesiredState.routes(desired);
        Plan plan = null;
        double[] ms = new double[Math.max(3, rounds)];
        double[] cpuMs = new double[ms.length];
        Progress planning = Progress.phase("reconcile: plan " + n + " desired vs " + actual.size() + " actual routes");
        for (int w = 0; w < 3; w++) {
            plan = rec.plan(want, actual, List.of());
        }
        for (int r = 0; r < ms.length; r++) {
            settle();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            plan = rec.plan(want, actual, List.of());
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpuMs[r] = (cpuNanos() - c0) / 1e6;
        }
        planning.close();
        System.out.printf("reconcile_plan_ms %s   (%d desired vs %d actual, %d changes planned, %d drifted)%n",
                stats(ms, "%.1f"), desired.size(), actual.size(), plan.changes().size(), drift);
        System.out.printf("reconcile_plan_cpu_ms %s   (CPU time of the planning thread; GC threads not counted)%n",
                stats(cpuMs, "%.1f"));
        return 0;
    }
}
