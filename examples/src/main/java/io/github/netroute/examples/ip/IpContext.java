package io.github.netroute.examples.ip;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import java.util.Optional;

/** What the object commands of one {@code ip} run share: the routing, the printer and iproute2's run state. */
final class IpContext {
    final Routing routing;
    final Printer printer;
    /** The {@code -4}/{@code -6} preference (null: unspecified). */
    Family family;
    /** iproute2's do_link: set by the first 'link show' of a run and never reset (ip addr show then shows link mode). */
    boolean doLink;

    IpContext(Routing routing, Printer printer) {
        this.routing = routing;
        this.printer = printer;
    }

    /** The link called {@code name}, or iproute2's {@code Cannot find device} failure. */
    Link device(String name) throws IpError, RoutingException {
        Optional<Link> l = routing.link(name);
        if (l.isEmpty()) {
            throw new IpError("Cannot find device \"" + name + "\"");
        }
        return l.get();
    }
}
