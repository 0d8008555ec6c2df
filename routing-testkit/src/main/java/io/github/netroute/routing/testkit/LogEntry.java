package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;

/**
 * One operation recorded by an {@link InMemoryKernel}: what was called, on what, and the outcome. Immutable (the
 * subject's text is formatted on first use, so logging stays cheap).
 *
 * <pre>{@code
 * kernel.addRoute(route);
 * LogEntry e = kernel.log().get(kernel.log().size() - 1);
 * e.operation();   // "RTM_NEWROUTE"
 * e.ok();          // true
 * e.toString();    // "#12 RTM_NEWROUTE add 10.0.0.0/8 via 192.168.1.1 dev eth0: ok"
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public final class LogEntry {
    private final long seq;
    private final String operation;
    private final String verb;
    private final Object subject;
    private final Errno errno;
    private final String extack;
    private final boolean injected;
    private volatile String subjectText;

    LogEntry(long seq, String operation, String verb, Object subject, Errno errno, String extack, boolean injected) {
        this.seq = seq;
        this.operation = operation;
        this.verb = verb;
        this.subject = subject;
        this.errno = errno;
        this.extack = extack;
        this.injected = injected;
    }

    /**
     * The sequence number (from 1, per kernel).
     *
     * @return the sequence number (from 1, per kernel)
     */
    public long seq() {
        return seq;
    }

    /**
     * RTM_NEWROUTE, RTM_DELROUTE, RTM_NEWRULE, RTM_DELRULE, RTM_NEWLINK, RTM_DELLINK, RTM_NEWADDR, RTM_DELADDR,
     * RTM_GETROUTE (lookups and route dumps), RTM_GETRULE, RTM_GETLINK or RTM_GETADDR.
     *
     * @return the message type
     */
    public String operation() {
        return operation;
    }

    /**
     * The iproute2 verb of a route change ({@code add}, {@code replace}, …), or empty.
     *
     * @return the iproute2 verb of a route change ({@code add}, {@code replace}, …), or empty
     */
    public String verb() {
        return verb;
    }

    /**
     * The object, as its {@code toString}.
     *
     * @return the object, as its {@code toString}
     */
    public String subject() {
        String s = subjectText;
        if (s == null) {
            s = String.valueOf(subject);
            subjectText = s;
        }
        return s;
    }

    /**
     * The error, or null on success.
     *
     * @return the error, or null on success
     */
    public Errno errno() {
        return errno;
    }

    /**
     * The extended-ack message of an error, or null.
     *
     * @return the extended-ack message of an error, or null
     */
    public String extack() {
        return extack;
    }

    /**
     * Whether the failure was injected.
     *
     * @return whether the failure was injected
     */
    public boolean injected() {
        return injected;
    }

    /**
     * Whether the operation succeeded.
     *
     * @return whether the operation succeeded
     */
    public boolean ok() {
        return errno == null;
    }

    /** {@code #seq OPERATION [verb] subject: ok|errno[: extack]}. */
    @Override
    public String toString() {
        String s = subject();
        return "#" + seq + " " + operation + (verb.isEmpty() ? "" : " " + verb) + (s.isEmpty() ? "" : " " + s) + ": "
                + (errno == null ? "ok" : errno + (extack == null ? "" : ": " + extack) + (injected ? " (injected)" : ""));
    }
}
