package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Family;

/**
 * A saved state of an {@link InMemoryKernel} (links, addresses, rules, routes, settings), for
 * {@link InMemoryKernel#restore}. Opaque and immutable; it can be restored any number of times.
 *
 * <pre>{@code
 * KernelSnapshot before = kernel.snapshot();
 * kernel.addRoute(route);
 * kernel.restore(before);   // as if the add never happened
 * }</pre>
 * <p>Safe to share between threads: nothing in it ever changes.
 */
public final class KernelSnapshot {
    final KernelState state;

    KernelSnapshot(KernelState state) {
        this.state = state;
    }

    @Override
    public String toString() {
        return "KernelSnapshot[" + state.links.count() + " links, " + state.rules.count(Family.INET) + "+"
                + state.rules.count(Family.INET6) + " rules]";
    }
}
