package io.github.netroute.examples.ip;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ip monitor [all | label | OBJECT...]}: prints every notification of the chosen objects as iproute2's
 * {@code ip monitor} prints it, until the thread is interrupted (the command line: until Ctrl-C). {@code all} and
 * {@code label} prefix each one with iproute2's banner ({@code [LINK]}, {@code [ADDR]}, {@code [ROUTE]},
 * {@code [RULE]}, {@code [NEXTHOP]}). Without an object, or with {@code all}: links, addresses, routes, rules and
 * nexthops (iproute2 also shows neighbours, netconf and the rest, which netroute does not watch).
 *
 * <p>When notifications were lost ({@link RoutingEvent.ResyncNeeded}: the socket's buffer overflowed), iproute2
 * prints {@code netlink receive error No buffer space available (105)} on stderr and carries on with a gap; netroute
 * prints {@link Printer#resync}'s line and then the current state of the chosen objects (read afresh, printed as
 * notifications), so that the output once more describes the kernel, then goes on.
 *
 * <pre>{@code
 * netroute ip -n blue monitor route rule
 * }</pre>
 */
final class MonitorCommand extends IpObject {
    /** The objects netroute monitors, in the order it prints a resynchronised state. */
    enum Group {
        LINK("[LINK]"), ADDRESS("[ADDR]"), ROUTE("[ROUTE]"), RULE("[RULE]"), NEXTHOP("[NEXTHOP]");

        final String banner;

        Group(String banner) {
            this.banner = banner;
        }
    }

    /**
     * do_ipmonitor's abbreviable words in its matching order (the first one a word is a prefix of: {@code l} is
     * label, {@code a} address, {@code al} all-nsid, as iproute2 6.1 takes them); {@code all}, {@code stats} and
     * {@code dev} must be spelled out.
     */
    private static final List<String> WORDS = List.of("file", "label", "link", "address", "route", "mroute",
            "prefix", "neigh", "netconf", "rule", "nsid", "nexthop", "all-nsid", "help");

    MonitorCommand() {
        super("monitor", false);
    }

    /** What a command line asks for. */
    record Selection(Set<Group> groups, boolean banner) {}

    /** Parses {@code ip monitor}'s arguments as do_ipmonitor does. */
    static Selection parse(List<String> a) throws IpError {
        EnumSet<Group> groups = EnumSet.noneOf(Group.class);
        boolean banner = false;
        for (String w : a) {
            if (w.equals("all")) {
                banner = true;
                continue;
            }
            String word = w.equals("stats") || w.equals("dev") ? w : null;
            for (String c : WORDS) {
                if (word == null && IpTool.matches(w, c)) {
                    word = c;
                    break;
                }
            }
            if (word == null) {
                throw new IpError("Argument \"" + w + "\" is unknown, try \"ip monitor help\".", 255, true);
            }
            switch (word) {
                case "label" -> banner = true;
                case "link" -> groups.add(Group.LINK);
                case "address" -> groups.add(Group.ADDRESS);
                case "route" -> groups.add(Group.ROUTE);
                case "rule" -> groups.add(Group.RULE);
                case "nexthop" -> groups.add(Group.NEXTHOP);
                case "help" -> throw IpHelp.usage("monitor");
                default -> throw new IpError("netroute ip: \"ip monitor " + word + "\" is not supported", 255, true);
            }
        }
        return new Selection(groups.isEmpty() ? EnumSet.allOf(Group.class) : groups, banner);
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError, RoutingException {
        Selection sel = parse(a);
        Object lock = new Object();
        Printer p = ip.printer;
        try (Subscription s = ip.routing.subscribe(e -> {
            synchronized (lock) {
                handle(ip.routing, p, sel, e);
            }
        })) {
            while (true) {
                Thread.sleep(Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the end of a monitor: the caller sees the interruption
        }
    }

    /** What the monitor does with one event: prints it, or on ResyncNeeded the line and the state read afresh. */
    static void handle(Routing routing, Printer p, Selection sel, RoutingEvent e) {
        if (e instanceof RoutingEvent.ResyncNeeded r) {
            p.resync(r.reason());
            try {
                printState(routing, p, sel);
            } catch (RoutingException x) {
                p.message("netroute: resynchronising failed: " + IpTool.kernelError(x));
            }
        } else {
            print(p, e, sel);
        }
        p.flush();
    }

    /**
     * Prints one notification if its object is selected: the one dispatch over {@link RoutingEvent}'s variants.
     * A variant this does not know is not printed until it is added here.
     */
    static void print(Printer p, RoutingEvent e, Selection sel) {
        if (e instanceof RoutingEvent.RouteAdded x) {
            route(p, x.route(), false, sel);
        } else if (e instanceof RoutingEvent.RouteRemoved x) {
            route(p, x.route(), true, sel);
        } else if (e instanceof RoutingEvent.RuleAdded x) {
            rule(p, x.rule(), false, sel);
        } else if (e instanceof RoutingEvent.RuleRemoved x) {
            rule(p, x.rule(), true, sel);
        } else if (e instanceof RoutingEvent.LinkChanged x) {
            link(p, x.link(), false, sel);
        } else if (e instanceof RoutingEvent.LinkRemoved x) {
            link(p, x.link(), true, sel);
        } else if (e instanceof RoutingEvent.AddressAdded x) {
            address(p, x.address(), false, sel);
        } else if (e instanceof RoutingEvent.AddressRemoved x) {
            address(p, x.address(), true, sel);
        } else if (e instanceof RoutingEvent.NexthopAdded x) {
            nexthop(p, x.nexthop(), false, sel);
        } else if (e instanceof RoutingEvent.NexthopRemoved x) {
            nexthop(p, x.nexthop(), true, sel);
        } else if (e instanceof RoutingEvent.ResyncNeeded x) {
            p.resync(x.reason());
        }
    }

    /**
     * Every selected object as it is now, printed as notifications (links, addresses, nexthops, routes of all tables,
     * rules): nexthops before the routes that use them.
     */
    static void printState(Routing routing, Printer p, Selection sel) throws RoutingException {
        if (sel.groups().contains(Group.LINK)) {
            for (Link l : routing.links()) {
                link(p, l, false, sel);
            }
        }
        for (Family f : List.of(Family.INET, Family.INET6)) {
            if (sel.groups().contains(Group.ADDRESS)) {
                for (Address x : routing.addresses(f)) {
                    address(p, x, false, sel);
                }
            }
        }
        if (sel.groups().contains(Group.NEXTHOP)) {
            for (io.github.netroute.routing.Nexthop n : routing.nexthops(null)) {
                nexthop(p, n, false, sel);
            }
        }
        for (Family f : List.of(Family.INET, Family.INET6)) {
            if (sel.groups().contains(Group.ROUTE)) {
                for (Route r : routing.routes(RouteFilter.ALL.withFamily(f))) {
                    route(p, r, false, sel);
                }
            }
        }
        for (Family f : List.of(Family.INET, Family.INET6)) {
            if (sel.groups().contains(Group.RULE)) {
                for (Rule r : routing.rules(f)) {
                    rule(p, r, false, sel);
                }
            }
        }
        p.message("netroute: resynchronised");
    }

    private static String banner(Selection sel, Group g) {
        return sel.banner() ? g.banner : "";
    }

    private static void route(Printer p, Route r, boolean deleted, Selection sel) {
        if (sel.groups().contains(Group.ROUTE)) {
            p.routeEvent(r, deleted, banner(sel, Group.ROUTE));
        }
    }

    private static void rule(Printer p, Rule r, boolean deleted, Selection sel) {
        if (sel.groups().contains(Group.RULE)) {
            p.ruleEvent(r, deleted, banner(sel, Group.RULE));
        }
    }

    private static void link(Printer p, Link l, boolean deleted, Selection sel) {
        if (sel.groups().contains(Group.LINK)) {
            p.linkEvent(l, deleted, banner(sel, Group.LINK));
        }
    }

    private static void nexthop(Printer p, io.github.netroute.routing.Nexthop n, boolean deleted, Selection sel) {
        if (sel.groups().contains(Group.NEXTHOP)) {
            p.nexthopEvent(n, deleted, banner(sel, Group.NEXTHOP));
        }
    }

    private static void address(Printer p, Address a, boolean deleted, Selection sel) {
        if (sel.groups().contains(Group.ADDRESS)) {
            p.addressEvent(a, deleted, banner(sel, Group.ADDRESS));
        }
    }
}
