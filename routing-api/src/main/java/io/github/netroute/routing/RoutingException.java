package io.github.netroute.routing;

/**
 * A routing operation failed: the kernel (or the in-memory kernel) answered with an errno.
 * Carries the operation, the object it was about, the errno and the kernel's extended-ack message.
 * Subclasses name the cases callers branch on; {@link #of} picks the right one for an errno.
 *
 * <pre>{@code
 * try {
 *     routing.addRoute(Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2"));
 * } catch (RoutingException.Exists e) {
 *     // already there: fine for an idempotent agent
 * } catch (RoutingException e) {
 *     log.error("{}", e.getMessage());
 *     // RTM_NEWROUTE local 10.96.0.0/12 dev kube-ipvs0 table local scope host src 192.168.1.2: No such device (ENODEV)
 * }
 * }</pre>
 * <p>Its fields are final: it can be handed to another thread and read there.
 */
public class RoutingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was attempted, e.g. {@code RTM_NEWROUTE}. */
    private final String operation;
    /** The object, e.g. the route in iproute2 syntax; may be empty. */
    private final String subject;
    /** The kernel's error number. */
    private final Errno errno;
    /** The kernel's extended-ack message, or null. */
    private final String extack;

    /**
     * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
     * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
     * @param errno the error
     * @param extack the kernel's extended-ack message, or null
     */
    public RoutingException(String operation, String subject, Errno errno, String extack) {
        this(operation, subject, errno, extack, null);
    }

    /**
     * As the four-argument constructor, with a cause.
     *
     * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
     * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
     * @param errno the error
     * @param extack the kernel's extended-ack message, or null
     * @param cause the cause, or null
     */
    public RoutingException(String operation, String subject, Errno errno, String extack, Throwable cause) {
        super(message(operation, subject, errno, extack), cause);
        this.operation = operation;
        this.subject = subject == null ? "" : subject;
        this.errno = errno;
        this.extack = extack == null || extack.isEmpty() ? null : extack;
    }

    private static String message(String operation, String subject, Errno errno, String extack) {
        StringBuilder sb = new StringBuilder(operation);
        if (subject != null && !subject.isEmpty()) {
            sb.append(' ').append(subject.replace('\n', ' ').replace("\t", ""));
        }
        sb.append(": ").append(errno);
        if (extack != null && !extack.isEmpty()) {
            sb.append(": ").append(extack);
        }
        return sb.toString();
    }

    /**
     * The exception type for an errno: {@link Exists}, {@link NotFound}, {@link Permission}, {@link InvalidArgument}, {@link Unreachable}, or this class.
     *
     * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
     * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
     * @param errno the error
     * @param extack the kernel's extended-ack message, or null
     * @return the exception, of the type for its errno
     */
    public static RoutingException of(String operation, String subject, Errno errno, String extack) {
        switch (errno.number()) {
            case 17:
                return new Exists(operation, subject, errno, extack);
            case 2:
            case 3:
            case 19:
                return new NotFound(operation, subject, errno, extack);
            case 1:
                return new Permission(operation, subject, errno, extack);
            case 22:
                return new InvalidArgument(operation, subject, errno, extack);
            case 101:
            case 113:
                return new Unreachable(operation, subject, errno, extack);
            case 4:
                return new Interrupted(operation, subject, errno, extack);
            default:
                return new RoutingException(operation, subject, errno, extack);
        }
    }

    /**
     * What was attempted, e.g. {@code RTM_NEWROUTE}.
     *
     * @return what was attempted, e.g. {@code RTM_NEWROUTE}
     */
    public String operation() {
        return operation;
    }

    /**
     * The object, in iproute2 syntax; empty when none.
     *
     * @return the object, in iproute2 syntax; empty when none
     */
    public String subject() {
        return subject;
    }

    /**
     * The errno.
     *
     * @return the errno
     */
    public Errno errno() {
        return errno;
    }

    /**
     * The kernel's extended-ack message, or null.
     *
     * @return the kernel's extended-ack message, or null
     */
    public String extack() {
        return extack;
    }

    /**
     * EEXIST: the object (or one with the same key) already exists.
     *
     * <pre>{@code
     * try {
     *     routing.addRoute(Route.parse("10.0.0.0/8 via 192.168.1.1"));
     * } catch (RoutingException.Exists e) {
     *     // EEXIST: the route is already there; replaceRoute would not have failed
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class Exists extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public Exists(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }

    /**
     * ENOENT, ESRCH or ENODEV: no such route, rule, table, address or device.
     *
     * <pre>{@code
     * try {
     *     routing.deleteRoute(Route.parseSelector("10.0.0.0/8"));
     * } catch (RoutingException.NotFound e) {
     *     // ENOENT/ESRCH/ENODEV: nothing to delete; e.errno() says which
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class NotFound extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public NotFound(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }

    /**
     * EPERM: not permitted; changes need CAP_NET_ADMIN in the target network namespace.
     *
     * <pre>{@code
     * try (Routing routing = NetlinkRouting.open()) {
     *     routing.addRoute(Route.parse("10.0.0.0/8 dev eth0"));
     * } catch (RoutingException.Permission e) {
     *     // EPERM: run as root or with CAP_NET_ADMIN
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class Permission extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public Permission(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }

        /** The message, ending with a note that changes need CAP_NET_ADMIN. */
        @Override
        public String getMessage() {
            return super.getMessage() + " (changing routes, rules, links and addresses needs CAP_NET_ADMIN in the"
                    + " target network namespace)";
        }
    }

    /**
     * EINVAL: the kernel refused the object as invalid (bad type/scope, gateway, prefsrc, …).
     *
     * <pre>{@code
     * try {
     *     routing.addRoute(Route.parse("10.0.0.0/8 via 192.168.1.1 src 10.9.9.9"));
     * } catch (RoutingException.InvalidArgument e) {
     *     System.err.println(e.extack());                  // the kernel's reason, e.g. "Invalid prefsrc address"
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class InvalidArgument extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public InvalidArgument(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }

    /**
     * ENETUNREACH or EHOSTUNREACH: no route (a lookup), or an unreachable gateway (a change).
     *
     * <pre>{@code
     * try {
     *     routing.lookup(RouteLookup.to(InetAddress.getByName("203.0.113.1")));
     * } catch (RoutingException.Unreachable e) {
     *     // ENETUNREACH: no route to that address
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class Unreachable extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public Unreachable(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }

    /**
     * EINTR: a dump kept being interrupted by concurrent changes (NLM_F_DUMP_INTR) beyond the retry limit.
     *
     * <pre>{@code
     * try {
     *     List<Route> routes = routing.routes();
     * } catch (RoutingException.Interrupted e) {
     *     // EINTR: the dump kept being interrupted by concurrent changes; try again later
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class Interrupted extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public Interrupted(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }
}
