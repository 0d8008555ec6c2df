package io.github.netroute.examples;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testkit.InMemoryKernel;
import picocli.CommandLine.Option;

/**
 * Where a command runs: the in-memory kernel (default), a named network namespace, or this one. A picocli mixin.
 *
 * <pre>{@code
 * @Mixin Target target;
 * try (Routing r = target.real() ? target.openReal() : InMemoryKernel.typicalNode()) { ... }
 * }</pre>
 */
public final class Target {
    @Option(names = "--netns", paramLabel = "NAME",
            description = "Run on the real kernel in the network namespace NAME (/run/netns/NAME).")
    public String netns;

    @Option(names = "--host", description = "Run on the real kernel in this process's own network namespace.")
    public boolean host;

    public boolean real() {
        return netns != null || host;
    }

    public String describe() {
        return netns != null ? "network namespace " + netns : host ? "this host's network namespace"
                : "the in-memory kernel";
    }

    public Routing openReal() throws RoutingException {
        if (netns != null && host) {
            throw new IllegalArgumentException("--netns and --host exclude each other");
        }
        if (netns == null) {
            return NetlinkRouting.open();
        }
        try {
            return NetlinkRouting.open(netns);
        } catch (RoutingException.NotFound e) {
            // say it once, in the flag's words
            throw new IllegalArgumentException("--netns " + netns + ": no such network namespace (/run/netns/" + netns
                    + " does not exist; 'ip netns list' shows the namespaces, 'ip netns add " + netns
                    + "' makes one)", e);
        }
    }

    /** A command's work on a {@link Routing}; returns the exit code. */
    interface Job {
        int run(Routing r) throws Exception;
    }

    /** Gives a fresh in-memory kernel the command's starting state; returns what that state is, for the reader. */
    interface MemoryState {
        String setUp(InMemoryKernel k) throws Exception;
    }

    /**
     * Runs {@code job} on the real kernel this target names, else on a fresh in-memory kernel that {@code state} set
     * up, after a line saying which ({@code # on ...}).
     */
    int run(Job job, MemoryState state) throws Exception {
        if (real()) {
            try (Routing r = openReal()) {
                System.out.println("# on " + describe());
                return job.run(r);
            }
        }
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            String what = state.setUp(k);
            System.out.println("# on " + describe() + ": " + what);
            return job.run(k);
        }
    }
}
