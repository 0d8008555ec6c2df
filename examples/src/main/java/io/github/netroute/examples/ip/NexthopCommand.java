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
                for (int i = 0; i + 1 < args.size(); i++) {
                    if (args.get(i).equals("group")) {
                        checkGroup(args.get(i + 1));
                    }
                }
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
            case "show":
                listOrFlush(ip, args, false);
                return;
            case "flush":
                listOrFlush(ip, args, true);
                return;
            default:
                throw unknown(cmd);
        }
    }

    /**
     * print_cache_nexthop as ipnh_get_id calls it: the static filter's protocol (set by an earlier {@code show proto
     * P} of the batch) applies to {@code get} and {@code show id} too; its other fields do not. A nexthop the filter
     * leaves out still makes the JSON array around it (ipnh_get_id(): new_json_obj() ... delete_json_obj(): {@code []}).
     */
    private static void print(IpContext ip, Optional<Nexthop> n, long id) throws RoutingException {
        if (n.isEmpty()) {
            throw RoutingException.of("RTM_GETNEXTHOP", "id " + id, Errno.ENOENT, null);
        }
        int proto = ip.nexthopFilter.proto;
        // ipnh_get_id(): new_json_obj() once the kernel answered, so a filtered-out answer is "[]" under -j
        ip.printer.begin();
        if (proto == 0 || n.get().protocol().value() == proto) {
            ip.printer.nexthop(n.get());
        }
        ip.printer.end();
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

    /**
     * ipnh_list_flush: the arguments set fields of iproute2's static filter, which outlives the command (a batch's
     * later {@code show}/{@code flush} keep them); {@code id N} lists or deletes that one nexthop at once.
     */
    private static void listOrFlush(IpContext ip, List<String> args, boolean flush) throws IpError, RoutingException {
        IpContext.NexthopFilterState st = ip.nexthopFilter;
        boolean all = args.isEmpty();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (matches(w, "dev")) {
                String d = next(args, ++i);
                Optional<io.github.netroute.routing.Link> l = ip.routing.link(d);
                if (l.isEmpty()) {
                    throw new IpError("Error: argument \"" + d + "\" is wrong: Device does not exist\n", 255, true);
                }
                st.ifindex = l.get().index();
            } else if (matches(w, "groups")) {
                st.groups = true;
            } else if (w.equals("id")) {
                long id = id(args.subList(i, args.size()));
                if (!flush) {
                    print(ip, ip.routing.nexthop(id), id);
                } else {
                    ip.routing.deleteNexthop(id);
                }
                return;
            } else if (matches(w, "protocol")) {
                String p = next(args, ++i);
                long v = unsigned(p);
                if (v < 0) {
                    throw new IpError("Error: argument \"" + p + "\" is wrong: invalid protocol value", 255, true);
                }
                st.proto = (int) v;
            } else if (matches(w, "fdb")) {
                st.fdb = true;
            } else {
                throw new IpError("Error: argument \"" + w + "\" is wrong: ", 255, true);
            }
        }
        if (!flush) {
            ip.printer.begin();
            for (Nexthop n : dump(ip)) {
                ip.printer.nexthop(n);
            }
            ip.printer.end();
            return;
        }
        // ipnh_flush: everything is groups first (so that no group goes with its last member mid-flush), then the rest
        if (all) {
            st.groups = true;
            st.ifindex = 0;
        }
        while (true) {
            for (Nexthop n : dump(ip)) {
                try {
                    ip.routing.deleteNexthop(n.id());
                    st.flushed++;
                } catch (RoutingException e) {
                    ip.err.println(IpTool.kernelError(e)); // flush_nexthop goes on
                }
            }
            if (all && st.groups) {
                st.groups = false;
                continue;
            }
            break;
        }
        ip.printer.message(st.flushed == 0 ? "Nothing to flush" : "Flushed " + st.flushed + " nexthops");
    }

    /** The dump with the kernel's filters (family, device, groups, fdb) and iproute2's protocol filter. */
    private static List<Nexthop> dump(IpContext ip) throws RoutingException {
        IpContext.NexthopFilterState st = ip.nexthopFilter;
        NexthopFilter f = NexthopFilter.ALL.withFamily(ip.family);
        if (st.groups) {
            f = f.withGroups();
        }
        if (st.fdb) {
            f = f.withFdb();
        }
        if (st.ifindex != 0) {
            Optional<io.github.netroute.routing.Link> l = ip.routing.link(st.ifindex);
            if (l.isEmpty()) {
                return List.of(); // the kernel's filter on a gone ifindex: no single nexthop, and no group, passes
            }
            f = f.withDevice(l.get().name());
        }
        if (st.proto > 255) {
            return List.of();
        }
        if (st.proto != 0) {
            f = f.withProtocol(RouteProtocol.of(st.proto));
        }
        return ip.routing.nexthops(f);
    }

    /**
     * add_nh_group_attr of iproute2 6.1: {@code ID[,WEIGHT]/...}, weights 1..256. Its errors name the argument as
     * the C code left it: cut at the first '/' or ',' (the parser writes NULs into it).
     */
    private static void checkGroup(String v) throws IpError {
        String cut = v.split("[/,]", 2)[0];
        if (v.isEmpty()) {
            throw new IpError("Error: argument \"\" is wrong: \"group\" value is invalid\n", 255, true);
        }
        for (String part : v.split("/", -1)) {
            int comma = part.indexOf(',');
            String idText = comma < 0 ? part : part.substring(0, comma);
            if (unsigned(idText) < 0) {
                throw new IpError("Error: argument \"" + cut + "\" is wrong: \"group\" value is invalid\n", 255, true);
            }
            if (comma >= 0) {
                String w = part.substring(comma + 1);
                long weight = unsigned(w);
                if (weight < 1 || weight > 256) {
                    throw new IpError("Error: argument \"" + w + "\" is wrong: \"weight\" is invalid\n", 255, true);
                }
            }
        }
    }

    /** iproute2's matches(): {@code w} is a non-empty prefix of {@code keyword}. */
    private static boolean matches(String w, String keyword) {
        return !w.isEmpty() && keyword.startsWith(w);
    }

    private static String next(List<String> args, int i) throws IpError {
        if (i >= args.size()) {
            throw new IpError("Command line is not complete. Try option \"help\"", 255, true);
        }
        return args.get(i);
    }

    /** get_unsigned(…, 0): decimal, 0x hex or 0 octal, at most 2^32-1; -1 if not one. */
    private static long unsigned(String s) {
        try {
            String t = s.startsWith("+") ? s.substring(1) : s;
            long v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
            return v < 0 || v > 0xFFFF_FFFFL || t.startsWith("+") || t.startsWith("-") ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
