package io.github.netroute.routing;

import java.util.List;
import java.util.Objects;

/**
 * The group part of a nexthop object ({@code ip nexthop add id 10 group 1/2,3 [type resilient buckets 8]}):
 * member nexthop ids with weights, and the group type.
 *
 * <pre>{@code
 * Nexthop g = Nexthop.parse("id 10 group 1/2,3");
 * g.group().members().get(1).weight();          // 3
 * g.group().type();                             // MPATH
 * Nexthop r = Nexthop.parse("id 11 group 1/2 type resilient buckets 8 idle_timer 10");
 * r.group().buckets();                          // 8
 * }</pre>
 *
 * @param members the member nexthops in the order given (at least one; an id given twice is the kernel's to refuse)
 * @param type hash-threshold ({@code mpath}) or {@code resilient}
 * @param buckets the number of buckets of a resilient group (1..65535; 0 = not given, for mpath always 0)
 * @param idleTimer a resilient group's idle timer in seconds, or null when not given
 * @param unbalancedTimer a resilient group's unbalanced timer in seconds, or null when not given
 * @param unbalancedTime how long a resilient group has been unbalanced, in seconds, as the kernel reports it (null
 *     when not reported)
 *
 * <p>Immutable and safe to share between threads.
 */
public record NexthopGroup(List<Member> members, Type type, int buckets, Long idleTimer, Long unbalancedTimer,
        Long unbalancedTime) {

    /**
     * The group type ({@code NHA_GROUP_TYPE}).
     *
     * <pre>{@code
     * Nexthop r = Nexthop.parse("id 11 group 1/2 type resilient buckets 8");
     * r.group().type();                                    // RESILIENT
     * NexthopGroup.Type.ofNumber(0).ipName();              // "mpath"
     * }</pre>
     *
     * <p>An enum: its constants are safe to share between threads.
     */
    public enum Type {
        /** {@code NEXTHOP_GRP_TYPE_MPATH} (0): hash-threshold multipath. */
        MPATH(0, "mpath"),
        /** {@code NEXTHOP_GRP_TYPE_RES} (1): resilient, with a bucket table. */
        RESILIENT(1, "resilient");

        private final int number;
        private final String ipName;

        Type(int number, String ipName) {
            this.number = number;
            this.ipName = ipName;
        }

        /**
         * The kernel's number.
         *
         * @return it
         */
        public int number() {
            return number;
        }

        /**
         * The iproute2 word.
         *
         * @return it
         */
        public String ipName() {
            return ipName;
        }

        /**
         * The type with this number, or null.
         *
         * @param n the number
         * @return the type
         */
        public static Type ofNumber(int n) {
            for (Type t : values()) {
                if (t.number == n) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * One member of a group.
     *
     * <pre>{@code
     * NexthopGroup.Member m = Nexthop.parse("id 10 group 1/2,3").group().members().get(1);
     * m.id();                                              // 2
     * m.weight();                                          // 3; m.toString() is "2,3"
     * }</pre>
     *
     * <p>Immutable and safe to share between threads.
     *
     * @param id the member nexthop's id (1..4294967295)
     * @param weight 1..256
     */
    public record Member(long id, int weight) {
        /**
         * Validates the ranges.
         *
         * @param id the member nexthop's id (1..4294967295)
         * @param weight 1..256
         */
        public Member {
            if (id < 1 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("group member id " + id + " out of range 1..4294967295");
            }
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("group member weight " + weight + " out of range 1..256");
            }
        }

        /** {@code ID} or {@code ID,WEIGHT} as iproute2 prints it. */
        @Override
        public String toString() {
            return weight == 1 ? Long.toString(id) : id + "," + weight;
        }
    }

    /**
     * Validates and freezes the group.
     *
     * @param members the member nexthops in the order given (at least one; an id given twice is the kernel's to refuse)
     * @param type hash-threshold ({@code mpath}) or {@code resilient}
     * @param buckets the number of buckets of a resilient group (1..65535; 0 = not given, for mpath always 0)
     * @param idleTimer a resilient group's idle timer in seconds, or null when not given
     * @param unbalancedTimer a resilient group's unbalanced timer in seconds, or null when not given
     * @param unbalancedTime how long a resilient group has been unbalanced, in seconds, as the kernel reports it (null
     *     when not reported)
     */
    public NexthopGroup {
        Objects.requireNonNull(type, "type");
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a nexthop group needs at least one member");
        }
        if (buckets < 0 || buckets > 0xFFFF) {
            throw new IllegalArgumentException("buckets " + buckets + " out of range 1..65535");
        }
        if (type == Type.MPATH && (buckets != 0 || idleTimer != null || unbalancedTimer != null)) {
            throw new IllegalArgumentException("buckets and timers are only for resilient groups");
        }
        checkTimer("idle_timer", idleTimer);
        checkTimer("unbalanced_timer", unbalancedTimer);
    }

    private static void checkTimer(String what, Long v) {
        if (v != null && (v < 0 || v > 0xFFFF_FFFFL / 100)) {
            throw new IllegalArgumentException(what + " " + v + " out of range 0.." + 0xFFFF_FFFFL / 100);
        }
    }

    /**
     * A hash-threshold group of members.
     *
     * @param members the members
     * @return the group
     */
    public static NexthopGroup mpath(List<Member> members) {
        return new NexthopGroup(members, Type.MPATH, 0, null, null, null);
    }

    /**
     * A resilient group.
     *
     * @param members the members
     * @param buckets the bucket count
     * @return the group
     */
    public static NexthopGroup resilient(List<Member> members, int buckets) {
        return new NexthopGroup(members, Type.RESILIENT, buckets, null, null, null);
    }

    /**
     * Whether a member has this id.
     *
     * @param id the id
     * @return true if so
     */
    public boolean contains(long id) {
        for (Member m : members) {
            if (m.id() == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * This group with other members (type, buckets and timers kept).
     *
     * @param ms the members
     * @return the group
     */
    public NexthopGroup withMembers(List<Member> ms) {
        return new NexthopGroup(ms, type, buckets, idleTimer, unbalancedTimer, unbalancedTime);
    }

    /** {@code 1/2,3 [type resilient buckets N idle_timer S unbalanced_timer S unbalanced_time S]}. */
    @Override
    public String toString() {
        return io.github.netroute.routing.internal.NexthopSyntax.formatGroup(this);
    }
}
