package io.github.netroute.routing;

import io.github.netroute.routing.internal.FlagBits;

/**
 * Interface address flags ({@code IFA_F_*}).
 *
 * <pre>{@code
 * Address a = Address.parse("10.96.0.10/32 dev kube-ipvs0 noprefixroute");
 * a.flags().contains(AddressFlag.NOPREFIXROUTE);   // true
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum AddressFlag {
    /** 0x01: secondary (IPv4) / temporary (IPv6). */
    SECONDARY(0x01, "secondary"),
    /** 0x02: no duplicate address detection. */
    NODAD(0x02, "nodad"),
    /** 0x04: optimistic DAD. */
    OPTIMISTIC(0x04, "optimistic"),
    /** 0x08: DAD failed. */
    DADFAILED(0x08, "dadfailed"),
    /** 0x10: home address (mobile IPv6). */
    HOMEADDRESS(0x10, "home"),
    /** 0x20: deprecated. */
    DEPRECATED(0x20, "deprecated"),
    /** 0x40: tentative (DAD running). */
    TENTATIVE(0x40, "tentative"),
    /** 0x80: permanent (configured, not autoconfigured). */
    PERMANENT(0x80, "permanent"),
    /** 0x100: manage temporary addresses. */
    MANAGETEMPADDR(0x100, "mngtmpaddr"),
    /** 0x200: do not create a prefix route. */
    NOPREFIXROUTE(0x200, "noprefixroute"),
    /** 0x400: multicast auto-join. */
    MCAUTOJOIN(0x400, "autojoin"),
    /** 0x800: stable privacy. */
    STABLE_PRIVACY(0x800, "stable-privacy");

    private final int bit;
    private final String ipName;

    AddressFlag(int bit, String ipName) {
        this.bit = bit;
        this.ipName = ipName;
    }

    /**
     * The flag bit.
     *
     * @return the flag bit
     */
    public int bit() {
        return bit;
    }

    /**
     * The word iproute2 uses.
     *
     * @return the word iproute2 uses
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The flags in a bit mask.
     *
     * @param bits the {@code IFA_F_*} bit mask
     * @return the flags in a bit mask
     */
    public static java.util.Set<AddressFlag> ofBits(int bits) {
        return FlagBits.of(AddressFlag.class, AddressFlag::bit, bits);
    }

    /**
     * The bit mask of flags.
     *
     * @param flags the flags
     * @return the bit mask of flags
     */
    public static int toBits(java.util.Collection<AddressFlag> flags) {
        return FlagBits.mask(AddressFlag::bit, flags);
    }
}
