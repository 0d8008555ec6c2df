package io.github.netroute.routing.testkit.arbitraries;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.Rule;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Makes {@code @ForAll IpPrefix}, {@code @ForAll CidrAddress}, {@code @ForAll Route}, {@code @ForAll Rule},
 * {@code @ForAll Link}, {@code @ForAll Address}, {@code @ForAll RouteLookup} and {@code @ForAll RoutingState} work
 * without a {@code @Provide} method, with the generators of {@link RoutingArbitraries}. Registered through
 * {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}; jqwik finds it when routing-testkit is on the
 * test class path.
 *
 * <pre>{@code
 * <p>Stateless and thread-safe.
 *
 * @Property
 * void parsesWhatItPrints(@ForAll Route route) {
 *     assertEquals(route, Route.parse(route.toString()));
 * }
 * }</pre>
 */
public final class RoutingArbitraryProvider implements ArbitraryProvider {
    private static final Map<Class<?>, Supplier<Arbitrary<?>>> ARBITRARIES = Map.of(
            IpPrefix.class, RoutingArbitraries::prefixes,
            CidrAddress.class, RoutingArbitraries::cidrAddresses,
            Route.class, RoutingArbitraries::routes,
            Rule.class, RoutingArbitraries::rules,
            Link.class, RoutingArbitraries::links,
            Address.class, RoutingArbitraries::addresses,
            RouteLookup.class, RoutingArbitraries::lookups,
            RoutingState.class, RoutingArbitraries::routingStates);

    /** For ServiceLoader. */
    public RoutingArbitraryProvider() {}

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        return ARBITRARIES.containsKey(targetType.getRawType());
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        return Set.of(ARBITRARIES.get(targetType.getRawType()).get());
    }
}
