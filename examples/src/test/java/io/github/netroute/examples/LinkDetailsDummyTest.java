package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ip -d link show} of a dummy link, on the in-memory kernel only: the CI kernel has no dummy driver, so the
 * expected text is iproute2 6.1's code read against Linux's dummy driver — ip/iplink_dummy.c's link_util has no
 * print_opt (the kind alone on its line, no {@code info_data} in JSON), drivers/net/dummy.c dummy_setup() sets
 * {@code min_mtu = 0; max_mtu = 0} and no TSO limit (GSO_LEGACY_MAX_SIZE, 65536), ether_setup() a queue length of
 * 1000, NOARP.
 */
class LinkDetailsDummyTest {
    @Test
    void aDummyPrintsItsKindAloneAndTheDefaultsOfEveryDevice() {
        Cli.Result r = Cli.ip(List.of("--addr-gen-mode", "none", "-d", "-batch", "-"),
                "link add kube-ipvs0 type dummy\nlink show kube-ipvs0\n");
        assertEquals(0, r.code(), r::toString);
        assertEquals("2: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN mode DEFAULT group default"
                + " qlen 1000\n"
                + "    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 \n"
                + "    dummy addrgenmode none numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535"
                + " tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 \n", r.out());
        Cli.Result j = Cli.ip(List.of("--addr-gen-mode", "none", "-d", "-j", "-batch", "-"),
                "link add kube-ipvs0 type dummy\nlink show kube-ipvs0\n");
        assertEquals("[{\"ifindex\":2,\"ifname\":\"kube-ipvs0\",\"flags\":[\"BROADCAST\",\"NOARP\"],\"mtu\":1500,"
                + "\"qdisc\":\"noop\",\"operstate\":\"DOWN\",\"linkmode\":\"DEFAULT\",\"group\":\"default\","
                + "\"txqlen\":1000,\"link_type\":\"ether\",\"address\":\"02:00:00:00:00:02\","
                + "\"broadcast\":\"ff:ff:ff:ff:ff:ff\",\"promiscuity\":0,\"allmulti\":0,\"min_mtu\":0,\"max_mtu\":0,"
                + "\"linkinfo\":{\"info_kind\":\"dummy\"},\"inet6_addr_gen_mode\":\"none\",\"num_tx_queues\":1,"
                + "\"num_rx_queues\":1,\"gso_max_size\":65536,\"gso_max_segs\":65535,\"tso_max_size\":65536,"
                + "\"tso_max_segs\":65535,\"gro_max_size\":65536}]\n", j.out());
    }
}
