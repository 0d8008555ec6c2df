package io.github.netroute.examples.ip;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.RoutingException;
import java.util.List;
import java.util.Optional;

/** {@code ip link}: add NAME type KIND, set|change NAME up|down, delete NAME, show [NAME]. */
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

    private static void add(IpContext ip, List<String> args) throws IpError, RoutingException {
        String name = null;
        String kind = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("type")) {
                kind = IpArgs.next(args, ++i);
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
        if (name == null) {
            throw new IpError(DEV_REQUIRED, 255, true);
        }
        ip.routing.addLink(name, kind);
    }

    private static void set(IpContext ip, List<String> args) throws IpError, RoutingException {
        String name = null;
        Boolean up = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                name = IpArgs.next(args, ++i);
            } else if (w.equals("up") || w.equals("down")) {
                up = w.equals("up");
            } else if (name == null) {
                name = w;
            } else {
                throw IpArgs.duparg2("dev", w);
            }
        }
        if (name == null) {
            throw new IpError(DEV_REQUIRED, 255, true);
        }
        ip.device(name);
        if (up != null) {
            ip.routing.setLinkUp(name, up);
        }
    }
}
