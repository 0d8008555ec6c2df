package io.github.netroute.examples.ip;

import io.github.netroute.routing.RoutingException;
import java.util.List;

/**
 * One {@code ip} object ({@code ip OBJECT COMMAND ARGS...}): its commands in iproute2's matching order, which
 * decides abbreviations, and how it runs them. Implementations print only through {@link IpContext#printer}.
 */
abstract class IpObject {
    private final String name;
    private final boolean chg;
    private final String[] commands;

    /**
     * @param name the object's full name in iproute2's object table
     * @param chg whether {@code chg} means {@code change} (as in do_ipaddr and do_iproute)
     * @param commands the object's commands in iproute2's matching order (list/lst resolve to show)
     */
    IpObject(String name, boolean chg, String... commands) {
        this.name = name;
        this.chg = chg;
        this.commands = commands;
    }

    final String name() {
        return name;
    }

    /** Runs one command: {@code a} is what follows the object's name. */
    abstract void run(IpContext ip, List<String> a) throws IpError, RoutingException;

    /**
     * The command an abbreviation means, as iproute2 resolves it (the first of the object's commands it is a
     * prefix of; {@code chg} is change where iproute2 says so): {@code ip r a} is route add, {@code ip l s} link
     * set, {@code ip ru s} rule show. list/lst come back as show. Null when unknown.
     */
    final String command(String cmd) {
        if (chg && cmd.equals("chg")) {
            return "change";
        }
        for (String c : commands) {
            if (IpTool.matches(cmd, c)) {
                return c.equals("list") || c.equals("lst") ? "show" : c;
            }
        }
        return null;
    }

    /** The canonical command, or iproute2's error for an unknown one (netroute's for one it does not do). */
    final String command(List<String> a, String... supported) throws IpError {
        if (a.isEmpty()) {
            return "show";
        }
        String c = command(a.get(0));
        if (c == null) {
            throw new IpError("Command \"" + a.get(0) + "\" is unknown, try \"ip " + name + " help\".", 255, true);
        }
        if (!c.equals("show") && !List.of(supported).contains(c)) {
            // not fatal: a -force batch goes on after it, as after any failed line
            throw new IpError("netroute ip: \"ip " + name + " " + c + "\" is not supported");
        }
        return c;
    }

    /** iproute2's error for a command this object resolved but has no branch for. */
    final IpError unknown(String cmd) {
        return new IpError("Command \"" + cmd + "\" is unknown, try \"ip " + name + " help\".", 255, true);
    }
}
