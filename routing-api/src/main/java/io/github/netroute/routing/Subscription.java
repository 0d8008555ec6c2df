package io.github.netroute.routing;

/**
 * A live subscription to {@link RoutingEvent}s; close it to stop delivery.
 *
 * <pre>{@code
 * try (Subscription s = routing.subscribe(System.out::println)) {
 *     Thread.sleep(60_000);
 * }
 * }</pre>
 */
public interface Subscription extends AutoCloseable {
    /** Stops delivery; no event is delivered after this returns. Never throws. */
    @Override
    void close();
}
