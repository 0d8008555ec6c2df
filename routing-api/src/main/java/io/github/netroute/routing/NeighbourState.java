package io.github.netroute.routing;

/**
 * A neighbour entry's NUD state ({@code ndm_state}), as {@code ip neigh} names it.
 *
 * <pre>{@code
 * NeighbourState.parse("permanent");   // PERMANENT (iproute2's nud_state_a2n: "perm" works too)
 * NeighbourState.PERMANENT.value();     // 0x80
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 */
public enum NeighbourState {
    /** NUD_NONE (0): no state, e.g. a proxy entry or {@code nud none}. */
    NONE(0x00),
    /** NUD_INCOMPLETE: resolution in progress. */
    INCOMPLETE(0x01),
    /** NUD_REACHABLE: confirmed recently. */
    REACHABLE(0x02),
    /** NUD_STALE: usable, to be confirmed. */
    STALE(0x04),
    /** NUD_DELAY: waiting before probing. */
    DELAY(0x08),
    /** NUD_PROBE: probing. */
    PROBE(0x10),
    /** NUD_FAILED: resolution failed. */
    FAILED(0x20),
    /** NUD_NOARP: valid without resolution. */
    NOARP(0x40),
    /** NUD_PERMANENT: static, set by an administrator. */
    PERMANENT(0x80);

    private final int value;

    NeighbourState(int value) {
        this.value = value;
    }

    /**
     * The {@code NUD_*} bit.
     *
     * @return the bit (0 for NONE)
     */
    public int value() {
        return value;
    }

    /**
     * Whether the entry has a usable link-layer address ({@code NUD_VALID}).
     *
     * @return true for PERMANENT, NOARP, REACHABLE, PROBE, STALE and DELAY
     */
    public boolean valid() {
        return (value & 0xDE) != 0;
    }

    /**
     * The state with this {@code NUD_*} value.
     *
     * @param value one bit, or 0
     * @return the state
     * @throws IllegalArgumentException for several bits or an unknown one
     */
    public static NeighbourState of(int value) {
        for (NeighbourState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("nud state 0x" + Integer.toHexString(value) + " is not one NUD_* bit");
    }

    /**
     * Parses a state as {@code ip neigh ... nud STATE} takes it ({@code nud_state_a2n}): {@code permanent} and
     * {@code failed} by any prefix, the others in full, or one bit as a number.
     *
     * @param s the text
     * @return the state
     * @throws IllegalArgumentException naming the bad text
     */
    public static NeighbourState parse(String s) {
        if (!s.isEmpty() && "permanent".startsWith(s)) {
            return PERMANENT;
        }
        if (!s.isEmpty() && "reachable".startsWith(s)) {
            return REACHABLE;
        }
        switch (s) {
            case "noarp": return NOARP;
            case "none": return NONE;
            case "stale": return STALE;
            case "incomplete": return INCOMPLETE;
            case "delay": return DELAY;
            case "probe": return PROBE;
            default: break;
        }
        if (!s.isEmpty() && "failed".startsWith(s)) {
            return FAILED;
        }
        try {
            int v = Integer.decode(s);
            if (v >= 0 && v < 0x100 && (v & (v - 1)) == 0) {
                return of(v);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("nud state \"" + s + "\" is bad");
    }

    /** As {@code ip neigh} prints it: {@code PERMANENT}, {@code NOARP}, … (empty for NONE). */
    @Override
    public String toString() {
        return this == NONE ? "" : name();
    }
}
