package io.github.netroute.routing.testkit;

import io.github.netroute.routing.testkit.contract.RoutingContract;
import io.github.netroute.routing.Routing;

/** The {@link RoutingContract} against the in-memory kernel (always runs). */
class InMemoryKernelContractTest extends RoutingContract {

    @Override
    protected Routing newSubject() {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setAddrGenMode(AddrGenMode.NONE);
        return k;
    }

    /** The in-memory kernel always has the dummy driver ({@link KnownDifference#DUMMY_DRIVER}). */
    @Override
    protected boolean requiresDummyDriver() {
        return true;
    }
}
