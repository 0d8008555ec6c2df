package io.github.netroute.examples;

import io.github.netroute.routing.Routing;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link AllOrNothingContract} on the real kernel, each test in its own throwaway namespace ({@code nr-ex-*}). */
@RealKernelTest
class RealAllOrNothingTest extends AllOrNothingContract {
    private final List<RealNs> namespaces = new ArrayList<>();

    @Override
    protected Routing fresh() throws Exception {
        RealNs ns = RealNs.create();
        namespaces.add(ns);
        return NetlinkRouting.open(ns.name);
    }

    @AfterEach
    void deleteNamespaces() {
        namespaces.forEach(RealNs::close);
    }
}
