package io.github.netroute.examples.ip;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.RoutingException;
import java.util.List;
import java.util.Optional;

/** {@code ip address}: add, change, replace, delete, show [dev NAME], flush SELECTOR. */
final class AddressCommand extends IpObject {
    AddressCommand() {
        // do_ipaddr's order
        super("address", true, "add", "change", "replace", "delete", "list", "show", "lst", "flush", "save",
                "showdump", "restore", "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        String cmd = command(a, "add", "change", "replace", "delete", "flush");
        if (cmd.equals("show")) {
            show(ip, a.isEmpty() ? a : a.subList(1, a.size()));
            return;
        }
        if (cmd.equals("flush")) {
            flush(ip, a.subList(1, a.size()));
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

    /**
     * {@code ip addr flush} as ipaddr_list_flush_or_save() and ipaddr_flush() do it: the selector ({@code dev},
     * {@code to PREFIX}, {@code scope S|all}, {@code label L}, flag filters such as {@code primary},
     * {@code secondary}, {@code permanent}, {@code dynamic}, {@code noprefixroute} and their {@code -NAME}
     * negations), then rounds of dump and delete until nothing matches. iproute2 sends a round's deletes in one
     * buffer without acks: each is carried out, and the first error the kernel queued is reported after the round as
     * {@code Failed to send flush request: ERROR} — unless it is EADDRNOTAVAIL (a secondary the kernel deleted with
     * its primary), which ipaddress.c flush_update() ignores. With {@code -s}
     * the rounds are reported; with {@code primary} only one round is made.
     */
    private static void flush(IpContext ip, List<String> args) throws IpError, RoutingException {
        if (args.isEmpty()) {
            throw new IpError("Flush requires arguments.");
        }
        Family family = ip.family;
        io.github.netroute.routing.CidrAddress to = null;
        io.github.netroute.routing.RouteScope scope = null;
        String label = null;
        String dev = null;
        int flags = 0;
        int mask = 0;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("to")) {
                String v = IpArgs.next(args, ++i);
                try {
                    to = io.github.netroute.routing.CidrAddress.parse(v);
                } catch (IllegalArgumentException e) {
                    throw IpArgs.invarg("invalid \"to\"\n", v);
                }
                if (family == null) {
                    family = to.family();
                }
            } else if (w.equals("scope")) {
                String v = IpArgs.next(args, ++i);
                if (!v.equals("all")) {
                    try {
                        scope = io.github.netroute.routing.RouteScope.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw IpArgs.invarg("invalid \"scope\"\n", v);
                    }
                }
            } else if (filterFlag(w) != 0) {
                int bit = Math.abs(filterFlag(w));
                mask |= bit;
                flags = filterFlag(w) > 0 ? flags | bit : flags & ~bit;
            } else if (w.equals("label")) {
                label = IpArgs.next(args, ++i);
            } else {
                if (w.equals("dev")) {
                    w = IpArgs.next(args, ++i);
                }
                if (dev != null) {
                    throw IpArgs.duparg2("dev", w);
                }
                dev = w;
            }
        }
        int ifindex = 0;
        if (dev != null) {
            Optional<Link> l = ip.routing.link(dev);
            if (l.isEmpty()) {
                throw new IpError("Device \"" + dev + "\" does not exist.");
            }
            ifindex = l.get().index();
        }
        boolean primaryOnly = (flags & 0x01) == 0 && (mask & 0x01) != 0;
        for (int round = 0; ; round++) {
            List<Address> victims = new java.util.ArrayList<>();
            for (Address x : ip.routing.addresses(family)) {
                int bits = io.github.netroute.routing.AddressFlag.toBits(x.flags());
                if ((ifindex != 0 && x.deviceIndex() != ifindex) || (scope != null && !scope.equals(x.scope()))
                        || ((flags ^ bits) & mask) != 0 || (to != null && !to.contains(x.address()))
                        || (label != null && !labelMatches(label, x))) {
                    continue;
                }
                victims.add(x);
            }
            if (victims.isEmpty() || round == 10) {
                done(ip, round);
                return;
            }
            RoutingException failed = null;
            for (Address x : victims) {
                try {
                    ip.routing.deleteAddress(x);
                } catch (RoutingException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null && failed.errno() != io.github.netroute.routing.Errno.EADDRNOTAVAIL) {
                // flush_update(): perror("Failed to send flush request") with the kernel's errno, except
                // EADDRNOTAVAIL, which it ignores (a secondary the kernel deleted with its primary)
                throw new IpError("Failed to send flush request: " + failed.errno().description());
            }
            if (ip.stats > 0) {
                ip.printer.message("\n*** Round " + (round + 1) + ", deleting " + victims.size() + " addresses ***");
            }
            if (primaryOnly) {
                done(ip, round + 1);
                return;
            }
        }
    }

    private static void done(IpContext ip, int round) {
        if (ip.stats > 0) {
            ip.printer.message(round == 0 ? "Nothing to flush." : "*** Flush is complete after " + round + " round"
                    + (round > 1 ? "s" : "") + " ***");
        }
    }

    /**
     * ipaddress.c get_filter(): the IFA_F bit a filter word selects, negative when the word asks for the bit clear
     * ({@code primary}, {@code dynamic}, {@code -NAME}); 0 when the word is not a filter.
     */
    private static int filterFlag(String w) {
        boolean inv = w.startsWith("-");
        String n = inv ? w.substring(1) : w;
        int bit;
        switch (n) {
            case "primary" -> {
                bit = 0x01;
                inv = !inv;
            }
            case "dynamic" -> {
                bit = 0x80;
                inv = !inv;
            }
            case "temporary" -> bit = 0x01;
            default -> {
                bit = 0;
                for (io.github.netroute.routing.AddressFlag f : io.github.netroute.routing.AddressFlag.values()) {
                    if (f.ipName().equals(n)) {
                        bit = f.bit();
                    }
                }
            }
        }
        return bit == 0 ? 0 : inv ? -bit : bit;
    }

    /** ifa_label_match_rta(): fnmatch on the IPv4 label, or on the device name for an address without one. */
    private static boolean labelMatches(String pattern, Address x) {
        String l = x.label() != null ? x.label() : x.device();
        if (l == null) {
            return false;
        }
        String regex = pattern.replace(".", "\\.").replace("*", ".*").replace("?", ".");
        return l.matches(regex);
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
                if (ip.printer instanceof BriefPrinter b) {
                    b.nameAndState(l.get()); // -br: print_linkinfo_brief for a family other than link: no newline
                } else {
                    ip.printer.link(l.get());
                }
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
