package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny interpreter of {@code ip -batch} lines over a {@link Routing}: {@code link add|set|del}, {@code addr
 * add|del}, {@code route add|replace|change|prepend|append|test|del|get}, {@code rule add|del}. A line may start
 * with {@code -6} (IPv6: {@code default} means {@code ::/0}, rules are IPv6). Each line's outcome is what
 * iproute2 would print on failure: {@code RTNETLINK answers: <strerror>} or {@code Error: <extack>.}.
 */
final class IpScript {
    private IpScript() {}

    /** The outcome of one line: null text for success. */
    record Outcome(String line, String error, Object value) {
        boolean ok() {
            return error == null;
        }
    }

    static List<Outcome> run(Routing r, List<String> lines) {
        List<Outcome> out = new ArrayList<>();
        for (String l : lines) {
            out.add(run(r, l));
        }
        return out;
    }

    static String errorText(RoutingException e) {
        if (e.extack() != null) {
            String x = e.extack();
            return "Error: " + x + (x.endsWith(".") ? "" : ".");
        }
        return "RTNETLINK answers: " + e.errno().description();
    }

    static Outcome run(Routing r, String line) {
        String l = line.trim();
        try {
            return new Outcome(line, null, exec(r, l));
        } catch (RoutingException e) {
            return new Outcome(line, errorText(e), null);
        }
    }

    private static Object exec(Routing r, String l) throws RoutingException {
        boolean v6 = false;
        if (l.startsWith("-6 ")) {
            v6 = true;
            l = l.substring(3).trim();
        }
        String[] w = l.split("\\s+", 3);
        String obj = w[0];
        String verb = w.length > 1 ? w[1] : "";
        String rest = w.length > 2 ? w[2] : "";
        if (v6 && obj.equals("route")) {
            String[] t = rest.split("\\s+");
            int i = t.length > 1 && io.github.netroute.routing.RouteType.values().length > 0 && isType(t[0]) ? 1 : 0;
            if (i < t.length && t[i].equals("to")) {
                i++;
            }
            if (i < t.length) {
                if (t[i].equals("default")) {
                    t[i] = "::/0";
                } else if (t[i].contains("/") && t[i].contains(":")) {
                    t[i] = io.github.netroute.routing.CidrAddress.parse(t[i]).toPrefix().toString();
                }
            }
            rest = String.join(" ", t);
        }
        switch (obj) {
            case "link": {
                String[] a = rest.split("\\s+");
                switch (verb) {
                    case "add":
                        return r.addLink(a[0], a[2]);
                    case "set":
                        r.setLinkUp(a[0], a[1].equals("up"));
                        return null;
                    case "del":
                        r.deleteLink(a[0]);
                        return null;
                    default:
                        throw new IllegalArgumentException(l);
                }
            }
            case "addr":
            case "address": {
                Address a = Address.parse(rest);
                if (verb.equals("add")) {
                    r.addAddress(a);
                } else {
                    r.deleteAddress(a);
                }
                return null;
            }
            case "route": {
                if (verb.equals("del")) {
                    r.deleteRoute(Route.parseSelector(rest));
                    return null;
                }
                if (verb.equals("get")) {
                    return r.lookup(RouteLookup.parse(rest));
                }
                r.modifyRoute(RouteVerb.parse(verb), Route.parse(rest));
                return null;
            }
            case "rule": {
                Family f = v6 ? Family.INET6 : null;
                if (verb.equals("add")) {
                    r.addRule(f == null ? Rule.parse(rest) : Rule.parse(rest, f));
                } else {
                    r.deleteRule(Rule.parseSelector(rest, f == null ? Family.INET : f));
                }
                return null;
            }
            default:
                throw new IllegalArgumentException("unknown object in " + l);
        }
    }

    private static boolean isType(String w) {
        for (io.github.netroute.routing.RouteType t : io.github.netroute.routing.RouteType.values()) {
            if (t.ipName().equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ip -4|-6 route show table all}, as text. */
    static String routes(Routing r, Family f) throws RoutingException {
        StringBuilder sb = new StringBuilder();
        for (Route x : r.routes(RouteFilter.ALL.withFamily(f))) {
            sb.append(x).append('\n');
        }
        return sb.toString();
    }

    /** {@code ip -4|-6 rule show}, as text. */
    static String rules(Routing r, Family f) throws RoutingException {
        StringBuilder sb = new StringBuilder();
        for (Rule x : r.rules(f)) {
            sb.append(x).append('\n');
        }
        return sb.toString();
    }

    /** Normalises {@code ip} output for comparison: trailing blanks per line dropped. */
    static String norm(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            String t = line.replaceAll("\\s+$", "");
            if (!t.isEmpty()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }
}
