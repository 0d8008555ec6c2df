package io.github.netroute.examples.ip;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.RoutingException;
import java.util.List;
import java.util.Optional;

/**
 * What iproute2 6.1 does under {@code -0} ({@code -f link}), {@code -M} ({@code -f mpls}) and {@code -B}
 * ({@code -f bridge}) for the objects netroute has: {@code ip -0 addr} lists the links (no addresses), the route and
 * nexthop dumps of those families are empty, the rule dump fails as the kernel makes it fail; {@code link show} is
 * unchanged under {@code -0}. Anything else is refused with netroute's message.
 */
final class OtherFamily {
    private OtherFamily() {}

    /** Runs {@code ip -0|-M|-B OBJECT a...} when this class knows what it does; false: the object runs as usual. */
    static boolean run(IpContext ip, IpObject obj, List<String> a) throws IpError, RoutingException {
        String fam = ip.otherFamily;
        String cmd = a.isEmpty() ? "show" : obj.command(a.get(0));
        boolean show = "show".equals(cmd);
        if (obj instanceof LinkCommand && fam.equals("link")) {
            return false;
        }
        if (obj instanceof AddressCommand && show) {
            if (fam.equals("link")) {
                links(ip, a.isEmpty() ? a : a.subList(1, a.size()));
            }
            return true; // mpls, bridge: no link has an address of those families
        }
        if ((obj instanceof RouteCommand || obj instanceof NexthopCommand) && show) {
            return true; // the kernel's dump of that family is empty
        }
        if (obj instanceof RuleCommand && show) {
            throw new IpError("RTNETLINK answers: Address family not supported by protocol\nDump terminated", 255,
                    false);
        }
        if (obj instanceof AddressCommand && fam.equals("link") && cmd != null && !cmd.equals("flush")
                && a.size() > 1) {
            // get_prefix() under AF_PACKET: the first address of ipaddr_modify ends ip
            String w = a.get(1).equals("local") && a.size() > 2 ? a.get(2) : a.get(1);
            throw new IpError("Error: \"" + w + "\" may be inet prefix, but it is not allowed in this context.", 1,
                    true);
        }
        if (cmd == null || obj instanceof UnsupportedObject) {
            return false; // iproute2's error for the command, or netroute's for the object
        }
        throw new IpError("netroute ip: \"ip -f " + fam + " " + obj.name() + " " + cmd + "\" is not supported");
    }

    /** {@code ip -0 addr show [dev NAME]}: the links as ip addr prints them, without addresses. */
    private static void links(IpContext ip, List<String> rest) throws IpError, RoutingException {
        String name = rest.isEmpty() ? null : rest.get(rest.get(0).equals("dev") && rest.size() > 1 ? 1 : 0);
        List<Link> links;
        if (name != null) {
            Optional<Link> l = ip.routing.link(name);
            if (l.isEmpty()) {
                throw new IpError("Device \"" + name + "\" does not exist.");
            }
            links = List.of(l.get());
        } else {
            links = ip.routing.links();
        }
        for (Link l : links) {
            if (ip.printer instanceof BriefPrinter) {
                ip.printer.link(l); // -br -0: the link's brief line (state, address, flags)
            } else if (ip.printer instanceof OnelinePrinter o) {
                o.linkOfAddresses(l, ip.doLink);
            } else {
                ip.printer.addresses(l, List.of(), ip.doLink, false, true);
            }
        }
    }
}
