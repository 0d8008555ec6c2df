package io.github.netroute.examples.ip;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RoutingException;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip nexthop}: add, replace, delete, show/list (with {@code id N}, {@code dev D}, {@code groups},
 * {@code fdb}, {@code proto P}), get, flush, as iproute2 6.1's ipnexthop.c prints and fails.
 */
final class NexthopCommand extends IpObject {
    NexthopCommand() {
        // do_ipnh's order
        super("nexthop", false, "add", "replace", "delete", "list", "show", "lst", "get", "flush", "bucket", "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        String cmd = command(a, "add", "replace", "delete", "get", "flush");
        List<String> args = a.isEmpty() ? List.of() : a.subList(1, a.size());
        switch (cmd) {
            case "add":
            case "replace": {
                Nexthop n = Nexthop.parse(String.join(" ", args), ip.family);
                if (n.device() != null && ip.routing.link(n.device()).isEmpty()) {
                    throw new IpError("Error: argument \"" + n.device() + "\" is wrong: Device does not exist\n", 255,
                            true);
                }
                ip.routing.modifyNexthop(cmd.equals("replace"), n);
                return;
            }
            case "delete":
                ip.routing.deleteNexthop(id(args));
                return;
            case "get":
                print(ip, ip.routing.nexthop(id(args)), id(args));
                return;
            case "show": {
                if (!args.isEmpty() && args.get(0).equals("id")) {
                    print(ip, ip.routing.nexthop(id(args)), id(args));
                    return;
                }
                for (Nexthop n : ip.routing.nexthops(filter(ip, args))) {
                    ip.printer.nexthop(n);
                }
                return;
            }
            case "flush": {
                int flushed = 0;
                for (Nexthop n : ip.routing.nexthops(filter(ip, args))) {
                    try {
                        ip.routing.deleteNexthop(n.id());
                        flushed++;
                    } catch (RoutingException e) {
                        if (e.errno() != Errno.ENOENT) {
                            throw e;
                        }
                    }
                }
                ip.printer.message(flushed == 0 ? "Nothing to flush" : "Flushed " + flushed + " nexthops");
                return;
            }
            default:
                throw unknown(cmd);
        }
    }

    private static void print(IpContext ip, Optional<Nexthop> n, long id) throws RoutingException {
        if (n.isEmpty()) {
            throw RoutingException.of("RTM_GETNEXTHOP", "id " + id, Errno.ENOENT, null);
        }
        ip.printer.nexthop(n.get());
    }

    /** {@code id N} as the only selector of del and get. */
    private static long id(List<String> args) throws IpError {
        if (args.size() < 2 || !args.get(0).equals("id")) {
            throw new IpError("Error: Nexthop id is missing.", 255, true); // iproute2: "id is required"
        }
        try {
            long v = Long.parseLong(args.get(1));
            if (v < 1 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IpError("Error: argument \"" + args.get(1) + "\" is wrong: invalid id value", 255, true);
        }
    }

    private static NexthopFilter filter(IpContext ip, List<String> args) throws IpError {
        NexthopFilter f = NexthopFilter.ALL.withFamily(ip.family);
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "dev":
                    if (i + 1 >= args.size()) {
                        throw new IpError("Command line is not complete. Try option \"help\"", 255, true);
                    }
                    String d = args.get(++i);
                    f = f.withDevice(d);
                    break;
                case "groups":
                    f = f.withGroups();
                    break;
                case "fdb":
                    f = f.withFdb();
                    break;
                case "proto":
                case "protocol":
                    if (i + 1 >= args.size()) {
                        throw new IpError("Command line is not complete. Try option \"help\"", 255, true);
                    }
                    try {
                        f = f.withProtocol(RouteProtocol.parse(args.get(++i)));
                    } catch (IllegalArgumentException e) {
                        throw new IpError("Error: argument \"" + args.get(i) + "\" is wrong: invalid protocol", 255,
                                true);
                    }
                    break;
                default:
                    throw new IpError("Error: argument \"" + w + "\" is wrong: Unknown nexthop show argument", 255,
                            true);
            }
        }
        return f;
    }
}
