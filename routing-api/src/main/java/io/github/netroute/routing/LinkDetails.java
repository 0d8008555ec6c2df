package io.github.netroute.routing;

/**
 * What {@code ip -details link show} adds to a link: the device's counters of promiscuous and all-multicast users,
 * its MTU bounds, queue counts and offload limits, the IPv6 address generation mode, and the kind's own attributes
 * ({@link LinkData}) and those its master gives it (a bridge port's). Each number is -1 when the kernel did not report
 * it (iproute2 then prints nothing for it).
 *
 * <pre>{@code
 * LinkDetails d = routing.link("veth1").orElseThrow().details();
 * d.minMtu();                 // 68
 * d.numTxQueues();            // one per possible CPU for a veth
 * d.slaveData().kind();       // "bridge": veth1 is a bridge port; ip -d prints "bridge_slave state forwarding ..."
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param promiscuity {@code IFLA_PROMISCUITY}: how many users asked for promiscuous mode (a bridge port: 1)
 * @param allmulti {@code IFLA_ALLMULTI}: how many users asked for all-multicast mode
 * @param minMtu {@code IFLA_MIN_MTU}
 * @param maxMtu {@code IFLA_MAX_MTU}
 * @param addrGenMode {@code IFLA_INET6_ADDR_GEN_MODE} from {@code IFLA_AF_SPEC}: 0 eui64, 1 none, 2 stable_secret,
 *     3 random
 * @param numTxQueues {@code IFLA_NUM_TX_QUEUES}
 * @param numRxQueues {@code IFLA_NUM_RX_QUEUES}
 * @param gsoMaxSize {@code IFLA_GSO_MAX_SIZE}
 * @param gsoMaxSegs {@code IFLA_GSO_MAX_SEGS}
 * @param tsoMaxSize {@code IFLA_TSO_MAX_SIZE}
 * @param tsoMaxSegs {@code IFLA_TSO_MAX_SEGS}
 * @param groMaxSize {@code IFLA_GRO_MAX_SIZE}
 * @param gsoIpv4MaxSize {@code IFLA_GSO_IPV4_MAX_SIZE} (Linux 6.3)
 * @param groIpv4MaxSize {@code IFLA_GRO_IPV4_MAX_SIZE} (Linux 6.3)
 * @param parentBus {@code IFLA_PARENT_DEV_BUS_NAME} (a device on a bus, e.g. {@code pci}), or null
 * @param parentDev {@code IFLA_PARENT_DEV_NAME} (e.g. {@code 0000:00:03.0}), or null
 * @param data the kind's {@code IFLA_INFO_DATA}, or null when the kernel sent none (veth, lo)
 * @param slaveData the master kind's {@code IFLA_INFO_SLAVE_DATA} (its {@code IFLA_INFO_SLAVE_KIND} as the kind),
 *     or null for a link without master
 */
public record LinkDetails(int promiscuity, int allmulti, int minMtu, int maxMtu, int addrGenMode, int numTxQueues,
        int numRxQueues, int gsoMaxSize, int gsoMaxSegs, int tsoMaxSize, int tsoMaxSegs, int groMaxSize,
        int gsoIpv4MaxSize, int groIpv4MaxSize, String parentBus, String parentDev, LinkData data,
        LinkData slaveData) {

    /** Nothing reported. */
    public static final LinkDetails NONE = new LinkDetails(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            null, null, null, null);

    /**
     * Validates the numbers.
     *
     * @param promiscuity promiscuous users, or -1
     * @param allmulti all-multicast users, or -1
     * @param minMtu the minimum MTU, or -1
     * @param maxMtu the maximum MTU, or -1
     * @param addrGenMode the IPv6 address generation mode 0..255, or -1
     * @param numTxQueues transmit queues, or -1
     * @param numRxQueues receive queues, or -1
     * @param gsoMaxSize GSO size limit, or -1
     * @param gsoMaxSegs GSO segment limit, or -1
     * @param tsoMaxSize TSO size limit, or -1
     * @param tsoMaxSegs TSO segment limit, or -1
     * @param groMaxSize GRO size limit, or -1
     * @param gsoIpv4MaxSize IPv4 GSO size limit, or -1
     * @param groIpv4MaxSize IPv4 GRO size limit, or -1
     * @param parentBus the parent device's bus, or null
     * @param parentDev the parent device, or null
     * @param data the kind's attributes, or null
     * @param slaveData the master kind's attributes for this port, or null
     */
    public LinkDetails {
        if (addrGenMode < -1 || addrGenMode > 255) {
            throw new IllegalArgumentException("addrgenmode " + addrGenMode + " out of range 0..255");
        }
    }

    /**
     * The same details with other kind attributes.
     *
     * @param d the kind's attributes, or null
     * @return the changed copy
     */
    public LinkDetails withData(LinkData d) {
        return new LinkDetails(promiscuity, allmulti, minMtu, maxMtu, addrGenMode, numTxQueues, numRxQueues,
                gsoMaxSize, gsoMaxSegs, tsoMaxSize, tsoMaxSegs, groMaxSize, gsoIpv4MaxSize, groIpv4MaxSize, parentBus,
                parentDev, d, slaveData);
    }

    /**
     * The same details with other port attributes.
     *
     * @param d the master kind's attributes for this port, or null
     * @return the changed copy
     */
    public LinkDetails withSlaveData(LinkData d) {
        return new LinkDetails(promiscuity, allmulti, minMtu, maxMtu, addrGenMode, numTxQueues, numRxQueues,
                gsoMaxSize, gsoMaxSegs, tsoMaxSize, tsoMaxSegs, groMaxSize, gsoIpv4MaxSize, groIpv4MaxSize, parentBus,
                parentDev, data, d);
    }
}
