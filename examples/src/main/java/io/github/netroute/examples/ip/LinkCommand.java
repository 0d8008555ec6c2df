package io.github.netroute.examples.ip;

import io.github.netroute.routing.Link;
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
        ip.routing.addLink(spec);
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

    /** vxlan_parse_opt() for id/vni, remote, local, dev and dstport. */
    private static LinkSpec vxlan(IpContext ip, String name, List<String> opts) throws IpError, RoutingException {
        Integer vni = null;
        InetAddress remote = null;
        InetAddress local = null;
        String dev = null;
        Integer port = null;
        for (int i = 0; i < opts.size(); i++) {
            String w = opts.get(i);
            if (IpTool.matches(w, "id") || IpTool.matches(w, "vni")) {
                String v = IpArgs.next(opts, ++i);
                try {
                    long n = Long.decode(v);
                    if (n < 0 || n >= 1 << 24) {
                        throw new NumberFormatException();
                    }
                    vni = (int) n;
                } catch (NumberFormatException e) {
                    throw IpArgs.invarg("invalid id", v);
                }
            } else if (IpTool.matches(w, "remote")) {
                String v = IpArgs.next(opts, ++i);
                remote = IpAddresses.parseOrNull(v);
                if (remote == null || remote.isMulticastAddress() || remote.isAnyLocalAddress()) {
                    throw IpArgs.invarg("invalid remote address", v);
                }
            } else if (IpTool.matches(w, "local")) {
                String v = IpArgs.next(opts, ++i);
                local = IpAddresses.parseOrNull(v);
                if (local == null || local.isMulticastAddress() || local.isAnyLocalAddress()) {
                    throw IpArgs.invarg("invalid local address", v);
                }
            } else if (IpTool.matches(w, "dev")) {
                dev = IpArgs.next(opts, ++i);
                if (ip.routing.link(dev).isEmpty()) {
                    throw new IpError("Cannot find device \"" + dev + "\"", 1, true);
                }
            } else if (IpTool.matches(w, "dstport")) {
                String v = IpArgs.next(opts, ++i);
                try {
                    port = Integer.decode(v);
                    if (port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw IpArgs.invarg("dstport", v);
                }
            } else {
                throw new IpError("vxlan: unknown command \"" + w + "\"? (netroute ip takes id, remote, local, dev"
                        + " and dstport)", 1, false);
            }
        }
        if (vni == null) {
            throw new IpError("vxlan: missing virtual network identifier", 1, false);
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
        return port == null ? s : s.withDstPort(port);
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
