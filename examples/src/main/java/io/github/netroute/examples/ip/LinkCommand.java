package io.github.netroute.examples.ip;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.LinkData;
import io.github.netroute.routing.LinkKind;
import io.github.netroute.routing.LinkSettings;
import io.github.netroute.routing.LinkSpec;
import io.github.netroute.routing.IpAddresses;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.netroute.routing.RoutingException;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip link}: add (bridge, dummy, veth with its peer, vxlan, macvlan, or any kind without options), set|change
 * (up, down, mtu, address, name, alias, master, nomaster, netns), delete, show [NAME].
 */
final class LinkCommand extends IpObject {
    private static final String DEV_REQUIRED = "Not enough information: \"dev\" argument is required.";

    LinkCommand() {
        // do_iplink's order
        super("link", false, "add", "set", "change", "replace", "delete", "show", "lst", "list", "xstats",
                "afstats", "property", "help");
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        String cmd = command(a, "add", "set", "change", "delete");
        if (cmd.equals("show")) {
            show(ip, a.isEmpty() ? a : a.subList(1, a.size()));
            return;
        }
        List<String> args = a.subList(1, a.size());
        if (cmd.equals("add")) {
            add(ip, args);
        } else if (cmd.equals("set") || cmd.equals("change")) {
            set(ip, args);
        } else if (cmd.equals("delete")) {
            String name = args.isEmpty() ? null : args.get(args.get(0).equals("dev") && args.size() > 1 ? 1 : 0);
            if (name == null) {
                throw new IpError(DEV_REQUIRED, 255, true);
            }
            ip.device(name);
            ip.routing.deleteLink(name);
        } else {
            throw unknown(cmd);
        }
    }

    private static void show(IpContext ip, List<String> rest) throws IpError, RoutingException {
        ip.doLink = true;
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
        ip.printer.begin();
        for (Link l : links) {
            ip.printer.link(l);
        }
        ip.printer.end();
    }

    /**
     * iplink_modify(RTM_NEWLINK, CREATE|EXCL): {@code [link DEV] [name] NAME type KIND [ARGS]}; the kind's arguments
     * as iproute2's link_util parsers take them (veth: {@code peer [name] NAME [netns NS]}; vxlan: {@code id},
     * {@code remote}, {@code local}, {@code dev}, {@code dstport}; macvlan: {@code mode}).
     */
    private static void add(IpContext ip, List<String> args) throws IpError, RoutingException {
        String name = null;
        String kind = null;
        String link = null;
        int typeAt = -1;
        Common c = new Common();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("type")) {
                kind = IpArgs.next(args, ++i);
                typeAt = i + 1;
                break;
            } else if (w.equals("link")) {
                link = IpArgs.next(args, ++i);
            } else if (w.equals("name") || w.equals("dev")) {
                name = IpArgs.next(args, ++i);
            } else if (c.parse(args, i)) {
                i = c.next;
            } else if (name == null) {
                name = w;
            } else {
                throw IpArgs.duparg2("dev", w);
            }
        }
        if (kind == null) {
            throw new IpError("Not enough information: \"type\" argument is required");
        }
        List<String> opts = typeAt < 0 ? List.of() : args.subList(typeAt, args.size());
        LinkSpec spec;
        switch (kind) {
            case "veth" -> spec = veth(name, opts);
            case "vxlan" -> spec = vxlan(ip, name, opts);
            case "macvlan" -> spec = macvlan(name, link, opts);
            default -> {
                if (!opts.isEmpty()) {
                    // iplink_modify() for a kind without a parser (netroute ip parses no bridge or dummy options)
                    throw new IpError("Garbage instead of arguments \"" + opts.get(0) + " ...\". Try \"ip link help\".");
                }
                spec = name == null ? null : LinkSpec.of(name, LinkKind.of(kind));
            }
        }
        if (name == null) {
            throw new IpError(DEV_REQUIRED, 255, true);
        }
        if (link != null && !kind.equals("macvlan")) {
            throw new IpError("netroute ip: \"link\" is supported for macvlan only", 255, true);
        }
        if (link != null) {
            ip.device(link);
        }
        ip.routing.addLink(c.apply(spec));
    }

    /**
     * iplink_parse()'s options of any kind that {@code link add} takes before {@code type}: {@code mtu},
     * {@code address}, {@code txqueuelen}|{@code qlen}|{@code txqlen}, {@code numtxqueues}, {@code numrxqueues}, with
     * its errors (duparg, invarg, ll_addr_a2n()'s "is invalid lladdr.").
     */
    private static final class Common {
        Integer mtu;
        String address;
        /** An address that is not 6 bytes: the kernel refuses it (validate_linkmsg(): EINVAL). */
        boolean badAddress;
        Integer qlen;
        Integer tx;
        Integer rx;
        int next;

        boolean parse(List<String> a, int i) throws IpError {
            String w = a.get(i);
            if (IpTool.matches(w, "address")) {
                String v = IpArgs.next(a, ++i);
                address = lladdr(v);
                badAddress = address == null;
            } else if (IpTool.matches(w, "txqueuelen") || w.equals("qlen") || IpTool.matches(w, "txqlen")) {
                String v = IpArgs.next(a, ++i);
                if (qlen != null) {
                    throw duparg("txqueuelen", v);
                }
                qlen = integer(v, "Invalid \"txqueuelen\" value\n");
            } else if (w.equals("mtu")) {
                String v = IpArgs.next(a, ++i);
                if (mtu != null) {
                    throw duparg("mtu", v);
                }
                mtu = integer(v, "Invalid \"mtu\" value\n");
            } else if (IpTool.matches(w, "numtxqueues")) {
                String v = IpArgs.next(a, ++i);
                if (tx != null) {
                    throw duparg("numtxqueues", v);
                }
                tx = integer(v, "Invalid \"numtxqueues\" value\n");
            } else if (IpTool.matches(w, "numrxqueues")) {
                String v = IpArgs.next(a, ++i);
                if (rx != null) {
                    throw duparg("numrxqueues", v);
                }
                rx = integer(v, "Invalid \"numrxqueues\" value\n");
            } else {
                return false;
            }
            next = i;
            return true;
        }

        /** The spec with these options, or the kernel's answer to values it refuses before creating anything. */
        LinkSpec apply(LinkSpec s) throws IpError {
            if (badAddress) {
                throw new IpError("RTNETLINK answers: Invalid argument", 2, false);
            }
            // dev_validate_mtu() compares an int: a negative MTU is below the minimum
            if (mtu != null && mtu < 0) {
                throw new IpError("Error: mtu less than device minimum.", 2, false);
            }
            if (tx != null && (tx <= 0 || tx > 4096)) {
                throw new IpError("Error: Invalid number of transmit queues.", 2, false);
            }
            if (rx != null && (rx <= 0 || rx > 4096)) {
                throw new IpError("Error: Invalid number of receive queues.", 2, false);
            }
            if (mtu != null) {
                s = s.withMtu(mtu);
            }
            if (address != null) {
                s = s.withAddress(address);
            }
            if (qlen != null) {
                s = s.withTxQueueLength(qlen < 0 ? Integer.MAX_VALUE : qlen);
            }
            if (tx != null || rx != null) {
                s = s.withQueues(tx == null ? -1 : tx, rx == null ? -1 : rx);
            }
            return s;
        }
    }

    static IpError duparg(String key, String arg) {
        return new IpError("Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.", 255, true);
    }

    /** get_integer(): strtol base 0, the whole word, an int. */
    private static int integer(String v, String msg) throws IpError {
        Long n = strtoul(v, 0);
        if (n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw IpArgs.invarg(msg, v);
        }
        return (int) (long) n;
    }

    /** strtol/strtoul with {@code base} (0: 0x hex, 0 octal, else decimal), the whole word; null when not. */
    static Long strtoul(String v, int base) {
        String t = v.trim();
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        int b = base;
        if ((b == 0 || b == 16) && (t.startsWith("0x") || t.startsWith("0X")) && t.length() > 2) {
            t = t.substring(2);
            b = 16;
        } else if (b == 0 && t.startsWith("0") && t.length() > 1) {
            b = 8;
        } else if (b == 0) {
            b = 10;
        }
        if (t.isEmpty() || t.length() > 18) {
            return null;
        }
        try {
            long n = Long.parseLong(t, b);
            return neg ? -n : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ll_addr_a2n(): hex bytes separated by ':', as {@code aa:bb:..} when 6 bytes, null for another length. */
    private static String lladdr(String arg) throws IpError {
        if (arg.contains(".")) {
            if (IpAddresses.parseOrNull(arg) == null || arg.contains(":")) {
                throw new IpError("\"" + arg + "\" is invalid lladdr.", 1, false);
            }
            return null; // 4 bytes
        }
        String[] parts = arg.split(":", -1);
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (String p : parts) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(0[xX])?([0-9a-fA-F]+)").matcher(p);
            if (!m.find() || m.group(2).length() > 8) {
                throw new IpError("\"" + p + "\" is invalid lladdr.", 1, false);
            }
            long v = Long.parseLong(m.group(2), 16);
            if (v > 255) {
                throw new IpError("\"" + p + "\" is invalid lladdr.", 1, false);
            }
            b.append(n++ > 0 ? ":" : "").append(String.format("%02x", v));
            if (n == 32) {
                break;
            }
        }
        return n == 6 ? b.toString() : null;
    }

    /** veth_parse_opt(): {@code peer} and the peer's own iplink_parse ({@code [name] NAME}, {@code netns NS}). */
    private static LinkSpec veth(String name, List<String> opts) throws IpError {
        if (name == null) {
            return null;
        }
        String peer = null;
        String netns = null;
        if (!opts.isEmpty()) {
            if (!opts.get(0).equals("peer")) {
                throw new IpError("Usage: ip link <options> type veth [peer <options>]\n"
                        + "To get <options> type 'ip link add help'", 255, true);
            }
            for (int i = 1; i < opts.size(); i++) {
                String w = opts.get(i);
                if (w.equals("name") || w.equals("dev")) {
                    peer = IpArgs.next(opts, ++i);
                } else if (w.equals("netns")) {
                    netns = netns(IpArgs.next(opts, ++i));
                } else if (peer == null) {
                    peer = w;
                } else {
                    throw IpArgs.duparg2("dev", w);
                }
            }
        }
        LinkSpec s = LinkSpec.veth(name, peer);
        return netns == null ? s : s.withPeerNetns(netns);
    }

    /** The boolean vxlan options: word, attribute, value (vxlan_parse_opt()'s order: "no..." before the word). */
    private static final Object[][] VXLAN_FLAGS = {
        {"nolearning", LinkData.Vxlan.LEARNING, 0}, {"learning", LinkData.Vxlan.LEARNING, 1},
        {"noproxy", LinkData.Vxlan.PROXY, 0}, {"proxy", LinkData.Vxlan.PROXY, 1},
        {"norsc", LinkData.Vxlan.RSC, 0}, {"rsc", LinkData.Vxlan.RSC, 1},
        {"nol2miss", LinkData.Vxlan.L2MISS, 0}, {"l2miss", LinkData.Vxlan.L2MISS, 1},
        {"nol3miss", LinkData.Vxlan.L3MISS, 0}, {"l3miss", LinkData.Vxlan.L3MISS, 1},
        {"udpcsum", LinkData.Vxlan.UDP_CSUM, 1}, {"noudpcsum", LinkData.Vxlan.UDP_CSUM, 0},
        {"udp6zerocsumtx", LinkData.Vxlan.UDP_ZERO_CSUM6_TX, 1}, {"noudp6zerocsumtx", LinkData.Vxlan.UDP_ZERO_CSUM6_TX, 0},
        {"udp6zerocsumrx", LinkData.Vxlan.UDP_ZERO_CSUM6_RX, 1}, {"noudp6zerocsumrx", LinkData.Vxlan.UDP_ZERO_CSUM6_RX, 0},
        {"remcsumtx", LinkData.Vxlan.REMCSUM_TX, 1}, {"noremcsumtx", LinkData.Vxlan.REMCSUM_TX, 0},
        {"remcsumrx", LinkData.Vxlan.REMCSUM_RX, 1}, {"noremcsumrx", LinkData.Vxlan.REMCSUM_RX, 0},
    };

    /**
     * vxlan_parse_opt(): id|vni, group, remote, local, dev, ttl|hoplimit, tos|dsfield, df, flowlabel|label, ageing,
     * maxaddress, srcport|port, dstport and the on/off words ({@link #VXLAN_FLAGS}), each once (check_duparg()), with
     * iproute2's errors; external, gbp, gpe and vnifilter are not taken.
     */
    private static LinkSpec vxlan(IpContext ip, String name, List<String> opts) throws IpError, RoutingException {
        Integer vni = null;
        InetAddress remote = null;
        boolean group = false;
        InetAddress local = null;
        String dev = null;
        Integer port = null;
        LinkData.Builder data = LinkData.builder("vxlan");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < opts.size(); i++) {
            String w = opts.get(i);
            if (IpTool.matches(w, "id") || IpTool.matches(w, "vni")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.ID, "id", v);
                Long n = strtoul(v, 0);
                if (n == null || n < 0 || n >= 1 << 24) {
                    throw IpArgs.invarg("invalid id", v);
                }
                vni = (int) (long) n;
            } else if (IpTool.matches(w, "group")) {
                if (remote != null && !group) {
                    throw new IpError("vxlan: both group and remote cannot be specified", 1, false);
                }
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.GROUP, "group", v);
                remote = IpAddresses.parseOrNull(v);
                if (remote == null || !remote.isMulticastAddress()) {
                    throw IpArgs.invarg("invalid group address", v);
                }
                group = true;
            } else if (IpTool.matches(w, "remote")) {
                if (group) {
                    throw new IpError("vxlan: both group and remote cannot be specified", 1, false);
                }
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.GROUP, "remote", v);
                remote = IpAddresses.parseOrNull(v);
                if (remote == null || remote.isMulticastAddress() || remote.isAnyLocalAddress()) {
                    throw IpArgs.invarg("invalid remote address", v);
                }
            } else if (IpTool.matches(w, "local")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.LOCAL, "local", v);
                local = IpAddresses.parseOrNull(v);
                if (local == null || local.isMulticastAddress() || local.isAnyLocalAddress()) {
                    throw IpArgs.invarg("invalid local address", v);
                }
            } else if (IpTool.matches(w, "dev")) {
                dev = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.LINK, "dev", dev);
                if (ip.routing.link(dev).isEmpty()) {
                    throw new IpError("Cannot find device \"" + dev + "\"", 1, true);
                }
            } else if (IpTool.matches(w, "ttl") || IpTool.matches(w, "hoplimit")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.TTL, "ttl", v);
                if (v.equals("inherit")) {
                    data.bytes(LinkData.Vxlan.TTL_INHERIT, new byte[0]);
                } else if (v.equals("auto")) {
                    data.number(LinkData.Vxlan.TTL, 0);
                } else {
                    Long n = strtoul(v, 0);
                    if (n == null || n < 0 || n > 0xFFFFFFFFL) {
                        throw IpArgs.invarg("invalid TTL", v);
                    }
                    if (n > 255) {
                        throw IpArgs.invarg("TTL must be <= 255", v);
                    }
                    data.number(LinkData.Vxlan.TTL, n);
                }
            } else if (IpTool.matches(w, "tos") || IpTool.matches(w, "dsfield")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.TOS, "tos", v);
                if (v.equals("inherit")) {
                    data.number(LinkData.Vxlan.TOS, 1);
                } else {
                    // rtnl_dsfield_a2n(): a hexadecimal number (the names of /etc/iproute2/rt_dsfield are not read)
                    Long n = strtoul(v, 16);
                    if (n == null || n < 0 || n > 255) {
                        throw IpArgs.invarg("bad TOS value", v);
                    }
                    data.number(LinkData.Vxlan.TOS, n);
                }
            } else if (IpTool.matches(w, "df")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.DF, "df", v);
                int df = v.equals("unset") ? 0 : v.equals("set") ? 1 : v.equals("inherit") ? 2 : -1;
                if (df < 0) {
                    throw IpArgs.invarg("DF must be 'unset', 'set' or 'inherit'", v);
                }
                data.number(LinkData.Vxlan.DF, df);
            } else if (IpTool.matches(w, "label") || IpTool.matches(w, "flowlabel")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.LABEL, "flowlabel", v);
                Long n = strtoul(v, 0);
                if (n == null || n < 0 || (n & ~0xFFFFFL) != 0) {
                    throw IpArgs.invarg("invalid flowlabel", v);
                }
                data.number(LinkData.Vxlan.LABEL, n);
            } else if (IpTool.matches(w, "ageing")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.AGEING, "ageing", v);
                Long n = v.equals("none") ? Long.valueOf(0) : strtoul(v, 0);
                if (n == null || n < 0 || n > 0xFFFFFFFFL) {
                    throw IpArgs.invarg("ageing timer", v);
                }
                data.number(LinkData.Vxlan.AGEING, n);
            } else if (IpTool.matches(w, "maxaddress")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.LIMIT, "maxaddress", v);
                Long n = v.equals("unlimited") ? Long.valueOf(0) : strtoul(v, 0);
                if (n == null || n < 0 || n > 0xFFFFFFFFL) {
                    throw IpArgs.invarg("max addresses", v);
                }
                data.number(LinkData.Vxlan.LIMIT, n);
            } else if (IpTool.matches(w, "port") || IpTool.matches(w, "srcport")) {
                String lo = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.PORT_RANGE, "srcport", lo);
                Long low = strtoul(lo, 0);
                if (low == null || low < 0 || low > 65535) {
                    throw IpArgs.invarg("min port", lo);
                }
                String hi = IpArgs.next(opts, ++i);
                Long high = strtoul(hi, 0);
                if (high == null || high < 0 || high > 65535) {
                    throw IpArgs.invarg("max port", hi);
                }
                if (low != 0 || high != 0) {
                    data.number(LinkData.Vxlan.PORT_RANGE, low << 16 | high);
                }
            } else if (IpTool.matches(w, "dstport")) {
                String v = IpArgs.next(opts, ++i);
                dup(seen, LinkData.Vxlan.PORT, "dstport", v);
                Long n = strtoul(v, 0);
                if (n == null || n < 0 || n > 65535) {
                    throw IpArgs.invarg("dst port", v);
                }
                port = (int) (long) n;
            } else {
                Object[] flag = null;
                for (Object[] f : VXLAN_FLAGS) {
                    if (IpTool.matches(w, (String) f[0])) {
                        flag = f;
                        break;
                    }
                }
                if (flag == null) {
                    throw new IpError("vxlan: unknown command \"" + w + "\"? (netroute ip takes what iproute2 6.1"
                            + " takes except external, gbp, gpe and vnifilter)", 1, false);
                }
                dup(seen, (Integer) flag[1], w, w);
                data.number((Integer) flag[1], (Integer) flag[2]);
            }
        }
        if (vni == null) {
            throw new IpError("vxlan: missing virtual network identifier", 1, false);
        }
        if (group && dev == null) {
            throw new IpError("vxlan: 'group' requires 'dev' to be specified", 1, false);
        }
        if (port == null) {
            ip.err.println("vxlan: destination port not specified\nWill use Linux kernel default (non-standard value)");
            ip.err.println("Use 'dstport 4789' to get the IANA assigned value\n"
                    + "Use 'dstport 0' to get default and quiet this message");
        }
        if (name == null) {
            return null;
        }
        LinkSpec s = LinkSpec.vxlan(name, vni).withLocal(local).withRemote(remote).withDevice(dev);
        LinkData d = data.build();
        if (!d.numbers().isEmpty() || !d.byteAttributes().isEmpty()) {
            s = s.withData(d);
        }
        return port == null ? s : s.withDstPort(port);
    }

    /** check_duparg(): each attribute once. */
    private static void dup(java.util.Set<Integer> seen, int attr, String key, String arg) throws IpError {
        if (!seen.add(attr)) {
            throw IpArgs.duparg2(key, arg);
        }
    }

    /** macvlan_parse_opt(): {@code mode}; the parent is {@code link DEV}. */
    private static LinkSpec macvlan(String name, String link, List<String> opts) throws IpError {
        String mode = null;
        for (int i = 0; i < opts.size(); i++) {
            String w = opts.get(i);
            if (w.equals("mode")) {
                mode = IpArgs.next(opts, ++i);
                if (!List.of("private", "vepa", "bridge", "passthru", "source").contains(mode)) {
                    throw new IpError("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", "
                            + "\"passthru\" or \"source\", not \"" + mode + "\"", 255, true);
                }
            } else {
                throw new IpError("macvlan: unknown option \"" + w + "\"?", 255, true);
            }
        }
        if (link == null) {
            // the kernel refuses a macvlan without IFLA_LINK (macvlan_common_newlink: -EINVAL)
            throw new IpError("RTNETLINK answers: Invalid argument", 2, false);
        }
        return name == null ? null : LinkSpec.macvlan(name, link, mode);
    }

    /** netns_get_fd(): a name under /run/netns (a PID is not supported here). */
    private static String netns(String v) throws IpError {
        if (!Files.exists(Path.of("/run/netns", v)) || v.contains("/")) {
            throw IpArgs.invarg("Invalid \"netns\" value\n", v);
        }
        return v;
    }

    /**
     * iplink_modify() for set: the device, then {@code up|down}, {@code mtu}, {@code address}, {@code name},
     * {@code alias}, {@code master}, {@code nomaster}, {@code netns}, sent as one RTM_NEWLINK.
     */
    private static void set(IpContext ip, List<String> args) throws IpError, RoutingException {
        String name = null;
        LinkSettings s = LinkSettings.NONE;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "dev" -> name = IpArgs.next(args, ++i);
                case "up", "down" -> s = s.withUp(w.equals("up"));
                case "mtu" -> {
                    String v = IpArgs.next(args, ++i);
                    try {
                        s = s.withMtu(Integer.decode(v));
                    } catch (IllegalArgumentException e) {
                        throw IpArgs.invarg("Invalid \"mtu\" value\n", v);
                    }
                }
                case "address" -> {
                    String v = IpArgs.next(args, ++i);
                    try {
                        s = s.withAddress(v);
                    } catch (IllegalArgumentException e) {
                        throw new IpError("\"" + v + "\" is invalid lladdr.", 1, false);
                    }
                }
                case "name" -> {
                    String v = IpArgs.next(args, ++i);
                    try {
                        s = s.withName(v);
                    } catch (IllegalArgumentException e) {
                        throw IpArgs.invarg("\"name\" not a valid ifname", v);
                    }
                }
                case "alias" -> {
                    String v = IpArgs.next(args, ++i);
                    if (v.length() >= 256) {
                        throw IpArgs.invarg("alias too long\n", v);
                    }
                    s = s.withAlias(v);
                }
                case "master" -> {
                    String v = IpArgs.next(args, ++i);
                    if (ip.routing.link(v).isEmpty()) {
                        throw IpArgs.invarg("Device does not exist\n", v);
                    }
                    s = s.withMaster(v);
                }
                case "nomaster" -> s = s.withMaster("");
                case "netns" -> s = s.withNetns(netns(IpArgs.next(args, ++i)));
                default -> {
                    if (name == null) {
                        name = w;
                    } else {
                        throw IpArgs.duparg2("dev", w);
                    }
                }
            }
        }
        if (name == null) {
            throw new IpError(DEV_REQUIRED, 255, true);
        }
        ip.device(name);
        if (s.equals(LinkSettings.NONE)) {
            return;
        }
        if (s.equals(LinkSettings.NONE.withUp(true)) || s.equals(LinkSettings.NONE.withUp(false))) {
            ip.routing.setLinkUp(name, s.up());
            return;
        }
        ip.routing.setLink(name, s);
    }
}
