package io.github.netroute.routing;

import io.github.netroute.routing.internal.FlagBits;

/**
 * Next-hop flags ({@code RTNH_F_*}) and the route flags the kernel reports beside them in {@code rtm_flags}
 * ({@code RTM_F_NOTIFY}, {@code RTM_F_OFFLOAD}, {@code RTM_F_TRAP}, {@code RTM_F_OFFLOAD_FAILED}), which iproute2's
 * {@code print_rt_flags()} prints from the same mask. {@link #ONLINK} is set by users; the others are reported by the
 * kernel (a request carries only onlink and pervasive).
 *
 * <pre>{@code
 * Route r = Route.parse("default via 10.0.0.1 dev eth0 onlink");
 * r.flags().contains(NextHopFlag.ONLINK);   // true
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum NextHopFlag {
    /** 1: the nexthop is dead ({@code dead}). */
    DEAD(1, "dead"),
    /** 2: pervasive ({@code pervasive}). */
    PERVASIVE(2, "pervasive"),
    /** 4: the gateway is on the link even if no prefix says so ({@code onlink}). */
    ONLINK(4, "onlink"),
    /** 8: offloaded to hardware ({@code offload}). */
    OFFLOAD(8, "offload"),
    /** 16: the device has no carrier ({@code linkdown}). */
    LINKDOWN(16, "linkdown"),
    /** 32: the gateway is unresolved ({@code unresolved}). */
    UNRESOLVED(32, "unresolved"),
    /** 64: trapped by hardware ({@code trap}). */
    TRAP(64, "trap"),
    /** RTM_F_NOTIFY (0x100), a route flag: {@code notify}. */
    NOTIFY(0x100, "notify"),
    /** RTM_F_OFFLOAD (0x4000), a route flag: the route is offloaded ({@code rt_offload}). */
    RT_OFFLOAD(0x4000, "rt_offload"),
    /** RTM_F_TRAP (0x8000), a route flag: the route traps to the CPU ({@code rt_trap}). */
    RT_TRAP(0x8000, "rt_trap"),
    /** RTM_F_OFFLOAD_FAILED (0x20000000), a route flag: offloading failed ({@code rt_offload_failed}). */
    RT_OFFLOAD_FAILED(0x20000000, "rt_offload_failed");

    private final int bit;
    private final String ipName;

    NextHopFlag(int bit, String ipName) {
        this.bit = bit;
        this.ipName = ipName;
    }

    /**
     * The flag's bit.
     *
     * @return the flag's bit
     */
    public int bit() {
        return bit;
    }

    /**
     * The word iproute2 prints.
     *
     * @return the word iproute2 prints
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The flags set in a bit mask (unknown bits are dropped).
     *
     * @param bits the {@code RTNH_F_*} bit mask
     * @return the flags set in a bit mask (unknown bits are dropped)
     */
    public static java.util.Set<NextHopFlag> ofBits(int bits) {
        return FlagBits.of(NextHopFlag.class, NextHopFlag::bit, bits);
    }

    /**
     * The bit mask of a set of flags.
     *
     * @param flags the flags
     * @return the bit mask of a set of flags
     */
    public static int toBits(java.util.Collection<NextHopFlag> flags) {
        return FlagBits.mask(NextHopFlag::bit, flags);
    }
}
