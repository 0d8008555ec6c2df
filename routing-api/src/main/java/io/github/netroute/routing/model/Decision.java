package io.github.netroute.routing.model;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RoutingException;
import java.util.Objects;

/**
 * The outcome of a route lookup in a {@link RoutingModel} (or an in-memory kernel): a {@link LookupResult}
 * or the errno the kernel would answer, and a {@link Trace} of how it was reached (empty for untraced lookups).
 *
 * <pre>{@code
 * Decision d = model.lookup(RouteLookup.to(InetAddress.getByName("8.8.8.8")));
 * if (d.ok()) {
 *     System.out.println(d.result());     // 8.8.8.8 via 192.168.1.1 dev eth0 src 192.168.1.2 uid 0
 * } else {
 *     System.out.println(d.errno());      // Network is unreachable (ENETUNREACH)
 * }
 * System.out.print(d.explain());          // the trace, then the decision
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public final class Decision {
    private final RouteLookup flow;
    private final LookupResult result;
    private final Errno errno;
    private final Trace trace;

    private Decision(RouteLookup flow, LookupResult result, Errno errno, Trace trace) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.result = result;
        this.errno = errno;
        this.trace = trace == null ? Trace.NONE : trace;
    }

    /**
     * A successful decision.
     *
     * @param flow the flow looked up
     * @param result the result
     * @param trace the trace
     * @return a successful decision
     */
    public static Decision of(RouteLookup flow, LookupResult result, Trace trace) {
        return new Decision(flow, Objects.requireNonNull(result, "result"), null, trace);
    }

    /**
     * A failed decision.
     *
     * @param flow the flow looked up
     * @param errno the errno of the failure
     * @param trace the trace
     * @return a failed decision
     */
    public static Decision error(RouteLookup flow, Errno errno, Trace trace) {
        return new Decision(flow, null, Objects.requireNonNull(errno, "errno"), trace);
    }

    /**
     * The flow looked up.
     *
     * @return the flow looked up
     */
    public RouteLookup flow() {
        return flow;
    }

    /**
     * True when a route was found.
     *
     * @return true when a route was found
     */
    public boolean ok() {
        return result != null;
    }

    /**
     * The result, or null when the lookup failed.
     *
     * @return the result, or null when the lookup failed
     */
    public LookupResult result() {
        return result;
    }

    /**
     * The errno, or null on success.
     *
     * @return the errno, or null on success
     */
    public Errno errno() {
        return errno;
    }

    /**
     * The trace (empty for untraced lookups).
     *
     * @return the trace (empty for untraced lookups)
     */
    public Trace trace() {
        return trace;
    }

    /**
     * The result, or the exception the kernel's RTM_GETROUTE would give
     * ({@code RoutingException.of("RTM_GETROUTE", flow, errno, null)}).
     *
     * @return the result
     * @throws RoutingException of the type for the errno, when the lookup failed
     */
    public LookupResult orThrow() throws RoutingException {
        if (result != null) {
            return result;
        }
        throw RoutingException.of("RTM_GETROUTE", flow.toString(), errno, null);
    }

    /**
     * The trace followed by the decision, for people.
     *
     * @return the trace followed by the decision, for people
     */
    public String explain() {
        return "lookup " + flow + "\n" + trace + "=> " + this + "\n";
    }

    /** {@code <result>} or {@code error: <errno>}. */
    @Override
    public String toString() {
        return result != null ? result.toString() : "error: " + errno;
    }
}
