package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.LinkData;
import io.github.netroute.routing.LinkDetails;
import io.github.netroute.routing.LinkKind;
import io.github.netroute.routing.LinkSettings;
import io.github.netroute.routing.LinkSpec;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.testkit.AddrGenMode;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testsupport.RealKernelTest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory kernel's link details ({@link LinkDetails}: every common number and every attribute of a kind's
 * {@code IFLA_INFO_DATA} and a port's {@code IFLA_INFO_SLAVE_DATA}, printed by iproute2 or not) against what Linux
 * reports for the same links made the same way, through {@link NetlinkRouting} in a throwaway namespace. Only the
 * timers are left out (a running bridge's and port's count down on Linux; KERNEL-FIDELITY.md).
 */
@RealKernelTest
class LinkDetailsKernelTest {
    private static final Set<Integer> BRIDGE_TIMERS = Set.of(LinkData.Bridge.HELLO_TIMER, LinkData.Bridge.TCN_TIMER,
            LinkData.Bridge.TOPOLOGY_CHANGE_TIMER, LinkData.Bridge.GC_TIMER);
    private static final Set<Integer> PORT_TIMERS = Set.of(LinkData.BridgePort.MESSAGE_AGE_TIMER,
            LinkData.BridgePort.FORWARD_DELAY_TIMER, LinkData.BridgePort.HOLD_TIMER);

    @BeforeAll
    static void kernel() {
        Kernel.assumeKernel();
    }

    /** The same links on both: a bridge with an address and two veth ports, vxlans, macvlans. */
    private static void build(Routing r) throws Exception {
        r.addLink(LinkSpec.of("br0", LinkKind.BRIDGE).withAddress("02:00:00:00:00:b0"));
        r.addLink(LinkSpec.of("br1", LinkKind.BRIDGE).withMtu(1400).withTxQueueLength(500).withQueues(3, 4));
        r.addLink(LinkSpec.veth("veth1", "veth2"));
        r.addLink(LinkSpec.veth("veth3", "veth4"));
        r.setLink("veth1", LinkSettings.NONE.withMaster("br0"));
        r.setLink("veth3", LinkSettings.NONE.withMaster("br0"));
        r.addLink(LinkSpec.vxlan("vx0", 42).withDstPort(4789));
        r.addLink(LinkSpec.vxlan("vx1", 43).withLocal(InetAddress.getByName("10.0.0.1"))
                .withRemote(InetAddress.getByName("10.0.0.2")).withDevice("veth2").withDstPort(4789));
        r.addLink(LinkSpec.vxlan("vx2", 44).withRemote(InetAddress.getByName("2001:db8::1"))
                .withData(LinkData.builder("vxlan").number(LinkData.Vxlan.TTL, 64).number(LinkData.Vxlan.TOS, 0x10)
                        .number(LinkData.Vxlan.AGEING, 0).number(LinkData.Vxlan.LIMIT, 5)
                        .number(LinkData.Vxlan.PORT_RANGE, 1000L << 16 | 2000).number(LinkData.Vxlan.LEARNING, 0)
                        .number(LinkData.Vxlan.UDP_CSUM, 0).number(LinkData.Vxlan.LABEL, 0x12345).build()));
        r.addLink(LinkSpec.macvlan("mv0", "veth2", "bridge"));
        r.addLink(LinkSpec.macvlan("mv1", "br1", null));
    }

    @Test
    void theInMemoryKernelReportsWhatLinuxReports() throws Exception {
        String ns = Kernel.newNamespace();
        try (NetlinkRouting real = NetlinkRouting.open(ns)) {
            InMemoryKernel mem = InMemoryKernel.freshNamespace();
            mem.setAddrGenMode(AddrGenMode.NONE); // as Kernel.newNamespace() sets it
            build(real);
            build(mem);
            List<String> want = new ArrayList<>();
            List<String> have = new ArrayList<>();
            for (Link l : real.links()) {
                want.add(text(l));
            }
            for (Link l : mem.links()) {
                have.add(text(l));
            }
            assertEquals(String.join("\n", want), String.join("\n", have));
            // up: veth1 has carrier with veth2, so its port forwards (STP off); veth3's peer stays down: disabled
            for (Routing r : List.of(real, mem)) {
                for (String n : List.of("br0", "veth1", "veth2", "veth3")) {
                    r.setLinkUp(n, true);
                }
            }
            for (int i = 0; i < 40 && real.link("veth1").orElseThrow().details().slaveData()
                    .number(LinkData.BridgePort.STATE).orElse(0) != 3; i++) {
                Thread.sleep(50); // the port follows the carrier from linkwatch work
            }
            assertEquals(text(real.link("veth1").orElseThrow()) + "\n" + text(real.link("veth3").orElseThrow()),
                    text(mem.link("veth1").orElseThrow()) + "\n" + text(mem.link("veth3").orElseThrow()));
        } finally {
            Kernel.deleteNamespace(ns);
        }
    }

    /** A link's name, kind and details, timers out. */
    private static String text(Link l) {
        LinkDetails d = l.details();
        return l.name() + " " + l.linkKind() + " mtu " + l.mtu() + " qlen " + l.txQueueLength() + " "
                + d.withData(strip(d.data(), BRIDGE_TIMERS)).withSlaveData(strip(d.slaveData(), PORT_TIMERS));
    }

    private static LinkData strip(LinkData d, Set<Integer> timers) {
        if (d == null) {
            return null;
        }
        LinkData.Builder b = d.toBuilder();
        for (int t : timers) {
            b.remove(t);
        }
        return b.build();
    }
}
