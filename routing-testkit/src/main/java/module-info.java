/**
 * The test kit: {@link io.github.netroute.routing.testkit.InMemoryKernel}, an in-memory
 * {@link io.github.netroute.routing.Routing} that behaves like Linux, the jqwik generators
 * ({@code testkit.arbitraries}) and the contract suite ({@code testkit.contract}).
 *
 * <p>jqwik and the JUnit Jupiter API are optional ({@code requires static}): the in-memory kernel runs without
 * them; only the generators and the contract suite need them, and their users have them on the test path anyway.
 *
 * <p>The jqwik {@code ArbitraryProvider} ({@code @ForAll Route} and friends) is registered for the class path only,
 * in {@code META-INF/services}, which is where jqwik runs. It is deliberately not a {@code provides} clause here:
 * the module system resolves a service's type at start-up, so {@code provides} would make this module unusable
 * without jqwik (the in-memory kernel in a plain application). On the module path, use
 * {@link io.github.netroute.routing.testkit.arbitraries.RoutingArbitraries} directly.
 *
 * <pre>{@code
 * module my.controller.test {
 *   requires io.github.netroute.routing.testkit;     // InMemoryKernel; reads io.github.netroute.routing too
 * }
 * }</pre>
 */
module io.github.netroute.routing.testkit {
  requires transitive io.github.netroute.routing;
  requires static net.jqwik.api;
  requires static org.junit.jupiter.api;

  exports io.github.netroute.routing.testkit;
  exports io.github.netroute.routing.testkit.arbitraries;
  exports io.github.netroute.routing.testkit.contract;
}
