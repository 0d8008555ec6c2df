package io.github.netroute.routing;

/**
 * The ways to send a route to the kernel, named after iproute2's verbs, each with its exact NLM_F flags.
 *
 * <pre>{@code
 * routing.modifyRoute(RouteVerb.REPLACE, route);   // ip route replace: CREATE|REPLACE
 * RouteVerb.APPEND.nlmFlags();                     // 0x400|0x800
 * }</pre>
 *
 * <p>What the kernel does with each combination differs between IPv4 and IPv6; see
 * {@code kernel-semantics.md} and the in-memory kernel's Javadoc.
 * <p>Immutable and safe to share between threads.
 */
public enum RouteVerb {
    /** {@code ip route add}: NLM_F_CREATE|NLM_F_EXCL — fails with EEXIST when the key exists. */
    ADD(0x400 | 0x200, "add"),
    /** {@code ip route replace}: NLM_F_CREATE|NLM_F_REPLACE — replaces the first entry with the key, or adds. */
    REPLACE(0x400 | 0x100, "replace"),
    /** {@code ip route change}: NLM_F_REPLACE — replaces, fails with ENOENT when absent. */
    CHANGE(0x100, "change"),
    /** {@code ip route prepend}: NLM_F_CREATE — adds before existing entries with the key (IPv4). */
    PREPEND(0x400, "prepend"),
    /** {@code ip route append}: NLM_F_CREATE|NLM_F_APPEND — adds after existing entries with the key. */
    APPEND(0x400 | 0x800, "append"),
    /** {@code ip route test}: NLM_F_EXCL — fails with EEXIST when the key exists, ENOENT otherwise (IPv4). */
    TEST(0x200, "test");

    private final int nlmFlags;
    private final String ipName;

    RouteVerb(int nlmFlags, String ipName) {
        this.nlmFlags = nlmFlags;
        this.ipName = ipName;
    }

    /**
     * The NLM_F_* flags sent with RTM_NEWROUTE (besides NLM_F_REQUEST|NLM_F_ACK).
     *
     * @return the NLM_F_* flags sent with RTM_NEWROUTE (besides NLM_F_REQUEST|NLM_F_ACK)
     */
    public int nlmFlags() {
        return nlmFlags;
    }

    /**
     * The iproute2 verb.
     *
     * @return the iproute2 verb
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The verb for an iproute2 word.
     *
     * @param s the word, e.g. {@code replace}
     * @return the verb for an iproute2 word
     */
    public static RouteVerb parse(String s) {
        for (RouteVerb v : values()) {
            if (v.ipName.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown route verb \"" + s + "\"");
    }
}
