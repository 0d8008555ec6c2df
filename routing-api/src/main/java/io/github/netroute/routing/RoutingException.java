package io.github.netroute.routing;

/**
 * A routing operation failed: the kernel (or the in-memory kernel) answered with an errno.
 * Carries the operation, the object it was about, the errno and the kernel's extended-ack message, and its
 * {@link #getMessage() message} holds all four, e.g.
 * {@code RTM_NEWROUTE 10.0.0.0/8 via 192.168.9.1 dev eth0: Network is unreachable (ENETUNREACH): Nexthop has invalid
 * gateway}. Subclasses name the classes of errno callers branch on; {@link #of} picks the one for an errno, and
 * the rtnetlink client ({@code NetlinkRouting}) and the in-memory kernel ({@code InMemoryKernel}) both create their
 * exceptions through it, so the same errno is always the same subclass:
 *
 * <table>
 * <caption>errno classes</caption>
 * <tr><th>subclass</th><th>errno</th></tr>
 * <tr><td>{@link Exists}</td><td>EEXIST</td></tr>
 * <tr><td>{@link NotFound}</td><td>ENOENT, ESRCH, ENODEV, ENXIO, EADDRNOTAVAIL</td></tr>
 * <tr><td>{@link Permission}</td><td>EPERM, EACCES</td></tr>
 * <tr><td>{@link InvalidArgument}</td><td>EINVAL, ERANGE, E2BIG, EMSGSIZE</td></tr>
 * <tr><td>{@link Unreachable}</td><td>ENETUNREACH, EHOSTUNREACH, ENETDOWN</td></tr>
 * <tr><td>{@link Busy}</td><td>EBUSY, EAGAIN</td></tr>
 * <tr><td>{@link NoBufferSpace}</td><td>ENOBUFS (a socket overrun), ENOMEM, ENOSPC</td></tr>
 * <tr><td>{@link NotSupported}</td><td>EOPNOTSUPP, ENOTSUPP, EAFNOSUPPORT, EPROTONOSUPPORT</td></tr>
 * <tr><td>{@link Interrupted}</td><td>EINTR (a dump interrupted too often)</td></tr>
 * <tr><td>{@code RoutingException} itself</td><td>any other errno (e.g. EBADMSG for an undecodable reply)</td></tr>
 * </table>
 *
 * <pre>{@code
 * try {
 *     routing.addRoute(Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2"));
 * } catch (RoutingException.Exists e) {
 *     // already there: fine for an idempotent agent
 * } catch (RoutingException.NotFound e) {
 *     // ENODEV: kube-ipvs0 is missing
 * } catch (RoutingException e) {
 *     log.error("{}", e.getMessage());
 *     // RTM_NEWROUTE local 10.96.0.0/12 dev kube-ipvs0 table local scope host src 192.168.1.2: Invalid argument (EINVAL): Invalid prefsrc address
 * }
 * }</pre>
 *
 * <p><b>Why it is checked.</b> A route change talks to the kernel, and the kernel refuses often and for ordinary
 * reasons (the route exists, the device went away, the gateway is unreachable): a caller has to decide what each
 * means, so the compiler reminds it, as the JDK does for I/O ({@link java.io.IOException} from every
 * {@code java.nio.channels} and {@code java.net.Socket} call, with typed subclasses such as
 * {@link java.net.NoRouteToHostException} and {@link java.nio.file.FileAlreadyExistsException} that callers catch).
 * The style anchors agree: mdlayher/netlink returns one typed error ({@code OpError}) from every call, and jimfs
 * throws the JDK's checked exceptions exactly as the real file system does. Programming errors are not
 * {@code RoutingException}: a malformed value is an {@link IllegalArgumentException} when it is built, before any
 * call. Code that cannot handle a refusal where it happens (a lambda, a stream) wraps it as it would wrap an
 * {@code IOException} in {@link java.io.UncheckedIOException}.
 *
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
     * The exception for an errno: the subclass of its class (see the table above), or this class for any other
     * errno. The rtnetlink client and the in-memory kernel both create their exceptions here.
     *
     * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
     * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
     * @param errno the error
     * @param extack the kernel's extended-ack message, or null
     * @return the exception, of the type for its errno
     */
    public static RoutingException of(String operation, String subject, Errno errno, String extack) {
        switch (errno.number()) {
            case 17:                    // EEXIST
                return new Exists(operation, subject, errno, extack);
            case 2:                     // ENOENT
            case 3:                     // ESRCH
            case 6:                     // ENXIO
            case 19:                    // ENODEV
            case 99:                    // EADDRNOTAVAIL
                return new NotFound(operation, subject, errno, extack);
            case 1:                     // EPERM
            case 13:                    // EACCES
                return new Permission(operation, subject, errno, extack);
            case 22:                    // EINVAL
            case 34:                    // ERANGE
            case 7:                     // E2BIG
            case 90:                    // EMSGSIZE
                return new InvalidArgument(operation, subject, errno, extack);
            case 100:                   // ENETDOWN
            case 101:                   // ENETUNREACH
            case 113:                   // EHOSTUNREACH
                return new Unreachable(operation, subject, errno, extack);
            case 16:                    // EBUSY
            case 11:                    // EAGAIN
                return new Busy(operation, subject, errno, extack);
            case 105:                   // ENOBUFS
            case 12:                    // ENOMEM
            case 28:                    // ENOSPC
                return new NoBufferSpace(operation, subject, errno, extack);
            case 95:                    // EOPNOTSUPP
            case 524:                   // ENOTSUPP
            case 97:                    // EAFNOSUPPORT
            case 93:                    // EPROTONOSUPPORT
                return new NotSupported(operation, subject, errno, extack);
            case 4:                     // EINTR
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
     * ENOENT, ESRCH, ENODEV, ENXIO or EADDRNOTAVAIL: no such route, rule, table, address or device.
     *
     * <pre>{@code
     * try {
     *     routing.deleteRoute(Route.parseSelector("10.0.0.0/8"));
     * } catch (RoutingException.NotFound e) {
     *     // ENOENT/ESRCH/ENODEV/EADDRNOTAVAIL: nothing to delete; e.errno() says which
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
     * EPERM or EACCES: not permitted; changes need CAP_NET_ADMIN in the target network namespace.
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
     * EINVAL, ERANGE, E2BIG or EMSGSIZE: the kernel refused the object as invalid (bad type/scope, gateway, prefsrc,
 * a value out of range, a request too large).
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
     * ENETUNREACH, EHOSTUNREACH or ENETDOWN: no route (a lookup), an unreachable gateway (a change), or a nexthop
 * device that is down (IPv6).
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

    /**
     * EBUSY or EAGAIN: the object is in use or the kernel asks to try again (e.g. deleting a nexthop a group
     * still needs, a device busy with another change).
     *
     * <pre>{@code
     * try {
     *     routing.deleteLink("br0");
     * } catch (RoutingException.Busy e) {
     *     // EBUSY/EAGAIN: retry later
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class Busy extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public Busy(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }

    /**
     * ENOBUFS, ENOMEM or ENOSPC: the kernel ran out of room; ENOBUFS on a netlink socket is an overrun (replies or
     * events were dropped), so state read before it may be stale.
     *
     * <pre>{@code
     * try {
     *     List<Route> routes = routing.routes();
     * } catch (RoutingException.NoBufferSpace e) {
     *     // ENOBUFS: the socket overran; read the state again
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class NoBufferSpace extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public NoBufferSpace(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }

    /**
     * EOPNOTSUPP, ENOTSUPP, EAFNOSUPPORT or EPROTONOSUPPORT: this kernel lacks the feature (a link type, a nexthop
     * attribute, IPv6 disabled).
     *
     * <pre>{@code
     * try {
     *     routing.addLink("kube-ipvs0", "dummy");
     * } catch (RoutingException.NotSupported e) {
     *     // EOPNOTSUPP: no dummy link type in this kernel (CONFIG_DUMMY off)
     * }
     * }</pre>
     *
     * <p>Its fields are final: once thrown it may be handed to and read from any thread.
     */
    public static class NotSupported extends RoutingException {
        private static final long serialVersionUID = 1L;

        /**
         * See {@link RoutingException#RoutingException(String, String, Errno, String)}.
         *
         * @param operation what was attempted, e.g. {@code RTM_NEWROUTE} or {@code lookup}
         * @param subject the object, e.g. the route in iproute2 syntax (may be empty)
         * @param errno the error
         * @param extack the kernel's extended-ack message, or null
         */
        public NotSupported(String operation, String subject, Errno errno, String extack) {
            super(operation, subject, errno, extack);
        }
    }
}
