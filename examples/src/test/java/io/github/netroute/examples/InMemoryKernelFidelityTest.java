package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the in-memory kernel differences the {@code netroute ip} differential test
 * ({@link IpBatchDifferentialTest}) found against Linux 6.18; these run without root.
 */
class InMemoryKernelFidelityTest {

    /** The kernel answers an IPv6 route get without RTA_UID ({@code ip -6 route get} prints no uid); IPv4 with. */
    @Test
    void ipv6RouteGetHasNoUid() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            k.setAddrGenMode(AddrGenMode.NONE);
            k.addLink("eth0", "bridge");
            k.setLinkUp("eth0", true);
            k.addAddress(Address.parse("fd00:1::2/64 dev eth0"));
            k.addAddress(Address.parse("192.168.1.2/24 dev eth0"));
            LookupResult v6 = k.lookup(RouteLookup.to(IpAddresses.parse("fd00:1::7")));
            assertNull(v6.uid(), v6::toString);
            assertEquals("fd00:1::7 from :: dev eth0 proto kernel src fd00:1::2 metric 256 pref medium", v6.toString());
            LookupResult v4 = k.lookup(RouteLookup.to(IpAddresses.parse("192.168.1.7")));
            assertEquals("192.168.1.7 dev eth0 src 192.168.1.2 uid 0", v4.toString());
        }
    }

    /** A link that has been up keeps its noqueue qdisc when set down; a link never up has noop. */
    @Test
    void qdiscStaysAfterTheFirstUp() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            k.addLink("br0", "bridge");
            k.addLink("br1", "bridge");
            k.setLinkUp("br1", true);
            k.setLinkUp("br1", false);
            assertEquals("noop", k.link("br0").orElseThrow().qdisc());
            assertEquals("noqueue", k.link("br1").orElseThrow().qdisc());
            assertEquals("DOWN", k.link("br1").orElseThrow().operState());
        }
    }

    /** Writing net.ipv6.conf.all.addr_gen_mode gives a down lo its ::1/128 at once (observed on Linux 6.18). */
    @Test
    void addrGenModeGivesDownLoItsV6Address() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.freshNamespace()) {
            assertTrue(k.addresses(Family.INET6).isEmpty());
            k.setAddrGenMode(AddrGenMode.NONE);
            assertEquals("::1/128 scope host", k.addresses(Family.INET6).get(0).toString().replace("inet6 ", ""));
            assertEquals(false, k.link("lo").orElseThrow().up());
        }
    }
}
