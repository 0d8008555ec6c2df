package io.github.netroute.examples.ip;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run of {@code bin/netroute}: what it runs once, with output discarded, to make the JVM's
 * class-data-sharing archive (JDK 17-24: {@code -XX:ArchiveClassesAtExit}) or AOT cache (JDK 25+:
 * {@code -XX:AOTCacheOutput}) that later starts use. It goes through the {@code ip} paths a script takes: option
 * parsing, every object's commands and printers on the in-memory kernel, and rtnetlink — in a new, empty network
 * namespace when it may make one (root), else read-only dumps of its own namespace (what {@code ip route show}
 * reads). It changes nothing outside that new namespace.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=netroute.jsa -cp netroute.jar io.github.netroute.examples.ip.IpTraining
 * }</pre>
 */
public final class IpTraining {
    private IpTraining() {}

    private static final List<String> CHANGES = List.of(
            "link set lo up", "link add br0 type bridge", "link set br0 up", "addr add 10.1.0.1/24 dev br0",
            "addr add 2001:db8::1/64 dev br0 nodad", "route add 10.9.0.0/16 via 10.1.0.2",
            "route add 10.8.0.0/16 nexthop via 10.1.0.2 weight 2 nexthop via 10.1.0.3",
            "route add 2001:db8:9::/48 via 2001:db8::2", "rule add from 10.1.0.0/24 table 100 pref 100",
            "route add blackhole 10.7.0.0/16 table 100", "nexthop add id 1 via 10.1.0.2 dev br0",
            "route add 10.6.0.0/16 nhid 1", "route del 10.9.0.0/16", "route get 10.8.0.1", "rule del pref 100");
    private static final List<String> SHOWS = List.of(
            "link show", "addr show", "route show", "route show table all", "-6 route show", "rule show",
            "-6 rule show", "nexthop show", "neigh show", "link show dev lo", "addr show dev lo");

    /**
     * Runs the training; the arguments are ignored. With {@code -Dnetroute.jna.dir=DIR} it also copies JNA's native
     * library for this platform from the jar to {@code DIR/libjnidispatch.so}, which the launcher then names in
     * {@code jna.boot.library.path} (JNA otherwise extracts it to a temporary file at every start).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        IpLogging.select();
        String jnaDir = System.getProperty("netroute.jna.dir");
        if (jnaDir != null) {
            copyJnaLibrary(java.nio.file.Path.of(jnaDir));
        }
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            run(k, quiet, true);
        } catch (Exception e) {
            // a training run: what it reached is archived
        }
        try (Routing r = NetlinkRouting.openIsolated()) {
            run(r, quiet, true);
        } catch (Exception | LinkageError e) {
            try (Routing r = NetlinkRouting.open()) {
                run(r, quiet, false);
            } catch (Exception | LinkageError e2) {
                // no rtnetlink here
            }
        }
        for (List<String> argv : List.of(List.of("-br", "addr"), List.of("-o", "route"), List.of("-0", "addr"),
                List.of("route", "help"), List.of("-x"))) {
            try {
                IpCommand.run(argv, System.in, quiet, quiet);
            } catch (Exception e) {
                // as above
            }
        }
        System.exit(0);
    }

    /** Copies com/sun/jna/PLATFORM/libjnidispatch.so to DIR (atomically: a file and a rename). */
    private static void copyJnaLibrary(java.nio.file.Path dir) {
        String resource = "/com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/libjnidispatch.so";
        try (java.io.InputStream in = com.sun.jna.Native.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile(dir, "libjnidispatch", ".tmp");
            java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.move(tmp, dir.resolve("libjnidispatch.so"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException | RuntimeException e) {
            // JNA extracts it itself, as without the launcher
        }
    }

    private static void run(Routing routing, PrintStream quiet, boolean change) {
        for (boolean brief : new boolean[] {false, true}) {
            IpOptions o = new IpOptions();
            o.brief = brief;
            o.oneline = brief;
            IpTool ip = new IpTool(routing, IpCommand.printer(o, quiet), quiet);
            if (change && !brief) {
                CHANGES.forEach(c -> ip.exec(IpTool.split(c)));
            }
            SHOWS.forEach(c -> ip.exec(IpTool.split(c)));
        }
    }
}
