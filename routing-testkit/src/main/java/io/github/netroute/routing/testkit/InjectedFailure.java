package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import java.util.Objects;

/**
 * A failure scripted into an {@link InMemoryKernel}: the next matching operation fails instead of running.
 *
 * <pre>{@code
 * kernel.inject(InjectedFailure.errno("RTM_NEWROUTE", Errno.ENOBUFS, null));    // next route change fails
 * kernel.inject(InjectedFailure.interruptedDump());   // next dump: NLM_F_DUMP_INTR beyond the retry budget
 * kernel.inject(InjectedFailure.dumpOverflow());      // next dump: ENOBUFS (socket buffer overrun)
 * }</pre>
 * <p>Every failure is an immutable value, safe to share between threads.
 */
public sealed interface InjectedFailure {
    /**
     * The operation it applies to ({@code RTM_NEWROUTE}, …, {@code RTM_GETROUTE} for dumps and lookups), or null for any.
     *
     * @return the operation it applies to ({@code RTM_NEWROUTE}, …, {@code RTM_GETROUTE} for dumps and lookups), or null for any
     */
    String operation();

    /**
     * The next operation named {@code operation} (any when null) fails with this errno and extended-ack message,
     * leaving the state unchanged.
     *
     * <pre>{@code
     * InMemoryKernel kernel = InMemoryKernel.typicalNode();
     * kernel.inject(new InjectedFailure.Fail("RTM_NEWROUTE", Errno.EEXIST, null));   // = InjectedFailure.errno(...)
     * assertThrows(RoutingException.Exists.class, () -> kernel.addRoute(Route.parse("10.0.0.0/8 dev eth0")));
     * }</pre>
     *
     * @param operation RTM_NEWROUTE, RTM_DELROUTE, RTM_NEWRULE, RTM_DELRULE, RTM_NEWLINK, RTM_DELLINK, RTM_NEWADDR,
     *     RTM_DELADDR, RTM_GETROUTE, RTM_GETRULE, RTM_GETLINK, RTM_GETADDR, or null
     * @param errno the errno
     * @param extack the extended-ack message, or null
     */
    record Fail(String operation, Errno errno, String extack) implements InjectedFailure {
        /**
         * Requires the errno.
         *
         * @param operation RTM_NEWROUTE, RTM_DELROUTE, RTM_NEWRULE, RTM_DELRULE, RTM_NEWLINK, RTM_DELLINK, RTM_NEWADDR,
         *     RTM_DELADDR, RTM_GETROUTE, RTM_GETRULE, RTM_GETLINK, RTM_GETADDR, or null
         * @param errno the errno
         * @param extack the extended-ack message, or null
         */
        public Fail {
            Objects.requireNonNull(errno, "errno");
        }
    }

    /**
     * The next dump of {@code operation} keeps being interrupted (NLM_F_DUMP_INTR) until the retry budget is spent:
     * it fails with {@link io.github.netroute.routing.RoutingException.Interrupted} (EINTR).
     *
     * <pre>{@code
     * kernel.inject(new InjectedFailure.InterruptedDump("RTM_GETRULE"));   // interruptedDump() is for RTM_GETROUTE
     * assertThrows(RoutingException.Interrupted.class, () -> kernel.rules(Family.INET));
     * }</pre>
     *
     * @param operation RTM_GETROUTE, RTM_GETRULE, RTM_GETLINK, RTM_GETADDR, or null for any dump
     */
    record InterruptedDump(String operation) implements InjectedFailure {}

    /**
     * The next dump of {@code operation} overflows the socket buffer and fails with ENOBUFS.
     *
     * <pre>{@code
     * kernel.inject(new InjectedFailure.DumpOverflow("RTM_GETADDR"));      // dumpOverflow() is for RTM_GETROUTE
     * RoutingException e = assertThrows(RoutingException.class, () -> kernel.addresses(Family.INET));
     * e.errno();                                                            // ENOBUFS
     * }</pre>
     *
     * @param operation as for {@link InterruptedDump}
     */
    record DumpOverflow(String operation) implements InjectedFailure {}

    /**
     * {@link Fail}.
     *
     * @param operation the operation it applies to, or null for any
     * @param errno the errno to fail with
     * @param extack the extended-ack message, or null
     * @return the failure
     */
    static InjectedFailure errno(String operation, Errno errno, String extack) {
        return new Fail(operation, errno, extack);
    }

    /**
     * An interrupted route dump.
     *
     * @return an interrupted route dump
     */
    static InjectedFailure interruptedDump() {
        return new InterruptedDump("RTM_GETROUTE");
    }

    /**
     * An overflowing route dump.
     *
     * @return an overflowing route dump
     */
    static InjectedFailure dumpOverflow() {
        return new DumpOverflow("RTM_GETROUTE");
    }
}
