package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;

/** An errno and extended-ack text raised inside the in-memory kernel; the facade turns it into a RoutingException. */
final class KErr extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Errno errno;
    final String extack;

    KErr(Errno errno, String extack) {
        super(errno + (extack == null ? "" : ": " + extack), null, false, false);
        this.errno = errno;
        this.extack = extack;
    }

    static KErr of(Errno e) {
        return new KErr(e, null);
    }

    static KErr of(Errno e, String extack) {
        return new KErr(e, extack);
    }
}
