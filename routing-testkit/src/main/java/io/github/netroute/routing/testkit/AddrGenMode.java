package io.github.netroute.routing.testkit;

/**
 * IPv6 link-local address generation ({@code net.ipv6.conf.{all,default}.addr_gen_mode}) of an
 * {@link InMemoryKernel}.
 *
 * <pre>{@code
 * InMemoryKernel k = InMemoryKernel.freshNamespace();
 * k.setAddrGenMode(AddrGenMode.NONE);   // what the differential tests set in the real namespace
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum AddrGenMode {
    /**
     * 0, the kernel's default: a link going up gets {@code fe80::/64 metric 256} and a link-local address made from
     * its MAC (EUI-64). The in-memory kernel makes the address usable at once (no DAD delay) and derives MACs
     * deterministically from the ifindex ({@code 02:00:00:00:HH:LL}), unlike the kernel's random ones.
     */
    EUI64,
    /** 1: no link-local addresses and no {@code fe80::/64} route; {@code lo} gets {@code ::1 dev lo metric 256} in main. */
    NONE
}
