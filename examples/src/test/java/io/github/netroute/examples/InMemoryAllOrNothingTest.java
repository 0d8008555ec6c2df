package io.github.netroute.examples;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;

/** {@link AllOrNothingContract} on the in-memory kernel. */
class InMemoryAllOrNothingTest extends AllOrNothingContract {
    @Override
    protected Routing fresh() {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setAddrGenMode(AddrGenMode.NONE);
        return k;
    }
}
