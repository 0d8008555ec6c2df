package io.github.netroute.routing.testkit;

/**
 * The deliberate differences between an {@link InMemoryKernel} and a real Linux kernel, by name. Tests that compare
 * the two (the {@link io.github.netroute.routing.testkit.contract.RoutingContract contract suite}, differential properties) exclude a difference by naming it
 * here rather than by loosening their comparison; {@link InMemoryKernel}'s Javadoc lists the same names.
 *
 * <pre>{@code
 * // in a differential test: an exclusion names the difference it stands for
 * static final Exclusion NO_DUMMY = new Exclusion(KnownDifference.DUMMY_DRIVER, step -> step.text().contains("dummy"));
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public enum KnownDifference {
    /**
     * The in-memory kernel always has the {@code dummy} link driver; a real kernel built without
     * {@code CONFIG_DUMMY} (or without the module) refuses {@code ip link add X type dummy} with EOPNOTSUPP
     * "Unknown device type". Tests use {@code bridge} links, which both have.
     */
    DUMMY_DRIVER("a real kernel may lack the dummy driver (EOPNOTSUPP \"Unknown device type\")"),

    /**
     * A real kernel installs an IPv6 address's {@code local} route from a work queue (even with {@code nodad}), so a
     * dump or lookup right after {@code addr add} may not see it yet; the in-memory kernel installs it at once. Tests
     * wait for the local route before comparing.
     */
    IPV6_ADDRESS_ROUTES_ASYNC("IPv6 address routes appear asynchronously in a real kernel"),

    /**
     * Without {@code nodad} a real kernel's IPv6 address stays tentative (and unusable as a source or prefsrc) for a
     * second or two; the in-memory kernel has no DAD. Tests add IPv6 addresses with {@code nodad}.
     */
    IPV6_DAD("IPv6 duplicate address detection: tentative addresses in a real kernel"),

    /**
     * Link identity beyond index, name, kind and the up flag: a real kernel picks random MAC addresses, reports
     * qdiscs, operational states and carrier changes that the in-memory kernel models only roughly, and sends several
     * RTM_NEWLINK messages (register, up, carrier, operstate) for what the in-memory kernel reports as one
     * {@link io.github.netroute.routing.RoutingEvent.LinkChanged}. Comparisons use index, name, kind and up.
     */
    LINK_DETAILS("link attributes and the number of RTM_NEWLINK messages per change"),

    /**
     * The address lists of a real kernel carry lifetimes that count down and flags set by DAD and address
     * generation; comparisons use the address, length, peer, broadcast, device, scope and the flags a caller sets
     * (secondary, nodad, noprefixroute, permanent).
     */
    ADDRESS_DETAILS("address lifetimes and DAD flags"),

    /**
     * With several usable routes of equal cost (multipath, several default gateways), a real kernel picks one by
     * flow hash and neighbour state; the in-memory kernel takes the first live nexthop. Lookups whose answer depends
     * on that choice are not compared.
     */
    MULTIPATH_SELECTION("which nexthop of a multipath route a lookup picks (hash, neighbour state)"),

    /**
     * A real kernel keeps the hops of an IPv6 multipath route as separate entries of the prefix's list and puts a hop
     * that joins later at the end of the routes of that metric; its dump prints the first hop with all its siblings
     * and then jumps past the last sibling, so a single-path route of the same metric that sits between them exists
     * (lookups and deletes find it) but is not listed, and deleting the first hop changes the order. The in-memory
     * kernel keeps a multipath route as one entry at the first hop's place and lists everything. Comparisons stop
     * at a state where an IPv6 multipath route shares its prefix and metric with a single-path route.
     */
    IPV6_SIBLINGS_HIDE_ROUTES_IN_DUMPS("IPv6 dumps skip single-path routes between multipath siblings"),

    /**
     * When the last IPv4 address of a device goes, a real kernel marks the nexthops of IPv4 multipath routes through
     * that device dead ({@code fib_sync_down_dev}); the in-memory kernel keeps such hops alive. Comparisons stop at
     * a state with an IPv4 multipath hop on a device without IPv4 addresses.
     */
    IPV4_MULTIPATH_HOP_NOT_MARKED_DEAD("IPv4 multipath hops on a device that lost its last address stay alive");

    private final String summary;

    KnownDifference(String summary) {
        this.summary = summary;
    }

    /**
     * One line saying what differs.
     *
     * @return the line
     */
    public String summary() {
        return summary;
    }
}
