package io.github.netroute.examples;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.NetlinkRouting;
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
}
