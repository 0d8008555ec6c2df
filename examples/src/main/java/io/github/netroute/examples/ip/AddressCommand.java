package io.github.netroute.examples.ip;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.RoutingException;
import java.util.List;
import java.util.Optional;

/** {@code ip address}: add, change, replace, delete, show [dev NAME]. */
final class AddressCommand extends IpObject {
    AddressCommand() {
        // do_ipaddr's order
        super("address", true, "add", "change", "replace", "delete", "list", "show", "lst", "flush", "save",
                "showdump", "restore", "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        String cmd = command(a, "add", "change", "replace", "delete");
        if (cmd.equals("show")) {
            show(ip, a.isEmpty() ? a : a.subList(1, a.size()));
            return;
        }
        boolean add = !cmd.equals("delete");
        List<String> args = a.subList(1, a.size());
        IpArgs.address(args, ip.family);
        if (!args.contains("dev")) {
            throw new IpError("Not enough information: \"dev\" argument is required.");
        }
        Address addr = Address.parse(String.join(" ", args));
        ip.device(addr.device());
        if (add) {
            ip.routing.addAddress(addr);
        } else {
            ip.routing.deleteAddress(addr);
        }
    }

    private static void show(IpContext ip, List<String> rest) throws IpError, RoutingException {
        String name = rest.isEmpty() ? null : rest.get(rest.get(0).equals("dev") && rest.size() > 1 ? 1 : 0);
        List<Link> links;
        if (name != null) {
            Optional<Link> l = ip.routing.link(name);
            if (l.isEmpty()) {
                throw new IpError("Device \"" + name + "\" does not exist.");
            }
            links = List.of(l.get());
            if (ip.doLink) {
                // iproute2: with do_link set (an earlier 'link show' in this run) 'addr show dev X' only gets
                // the link (iplink_get), without addresses
                ip.printer.begin();
                ip.printer.link(l.get());
                ip.printer.end();
                return;
            }
        } else {
            links = ip.routing.links();
        }
        Family family = ip.family;
        List<Address> addrs = ip.routing.addresses(family);
        ip.printer.begin();
        for (Link l : links) {
            List<Address> mine = addrs.stream().filter(x -> x.deviceIndex() == l.index()
                    || (x.deviceIndex() == 0 && l.name().equals(x.device()))).toList();
            if (family != null && mine.isEmpty()) {
                continue;
            }
            // 'ip -6 addr' gets the links from the IPv6 link dump (inet6_fill_ifinfo): no qdisc, mode, group or
            // link/ line; and with -4/-6 iproute2 prints no link/ line
            ip.printer.addresses(l, mine, ip.doLink, family == Family.INET6 && name == null, family == null);
        }
        ip.printer.end();
    }
}
