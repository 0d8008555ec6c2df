package io.github.netroute.examples;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.NetlinkRouting;
import picocli.CommandLine.Option;

/** Where a command runs: the in-memory kernel (default), a named network namespace, or this one. */
final class Target {
    @Option(names = "--netns", paramLabel = "NAME",
            description = "Run on the real kernel in network namespace NAME (/run/netns/NAME).")
    String netns;

    @Option(names = "--host", description = "Run on the real kernel in this process's own network namespace.")
    boolean host;

    boolean real() {
        return netns != null || host;
    }

    String describe() {
        return netns != null ? "network namespace " + netns : host ? "this host's network namespace"
                : "the in-memory kernel";
    }

    Routing openReal() throws RoutingException {
        if (netns != null && host) {
            throw new IllegalArgumentException("--netns and --host exclude each other");
        }
        return netns != null ? NetlinkRouting.open(netns) : NetlinkRouting.open();
    }
}
