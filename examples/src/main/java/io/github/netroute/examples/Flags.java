package io.github.netroute.examples;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns the commands' flag values into values, with errors that name the flag and the value as the user typed them
 * (never a Java API). Every error is a picocli {@link ParameterException}: {@code netroute} prints it and exits 2,
 * before anything is read or changed. Lists take repeated flags and comma-separated values alike, as kube-proxy's
 * flags do ({@code --service-cidr 10.96.0.0/12,fd00:10:96::/108}).
 *
 * <pre>{@code
 * List<IpPrefix> cidrs = Flags.prefixes(spec, "--service-cidr", List.of("10.96.0.0/12,fd00:10:96::/108"));
 * List<InetAddress> ips = Flags.onePerFamily(spec, "--node-ip", Flags.addresses(spec, "--node-ip", values));
 * }</pre>
 */
public final class Flags {
    private Flags() {}

    /** The values of a repeatable flag, each split at commas; empty items are refused. */
    public static List<String> split(CommandSpec spec, String flag, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String item : v.split(",", -1)) {
                String s = item.trim();
                if (s.isEmpty()) {
                    throw error(spec, flag + " \"" + v + "\": an empty item in the comma-separated list");
                }
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Prefixes with an explicit length and no host bits: a bare address would silently mean /32 or /128, so it is
     * refused, as are host bits (kube-proxy refuses both too).
     */
    public static List<IpPrefix> prefixes(CommandSpec spec, String flag, List<String> values) {
        List<IpPrefix> out = new ArrayList<>();
        for (String s : split(spec, flag, values)) {
            int slash = s.indexOf('/');
            if (slash < 0) {
                InetAddress a = IpAddresses.parseOrNull(s);
                throw error(spec, a == null ? flag + " " + s + ": not a CIDR (an address with a prefix length, e.g."
                        + " 10.96.0.0/12)" : flag + " " + s + ": a CIDR needs its prefix length, e.g. " + s
                        + (Family.of(a) == Family.INET ? "/12" : "/108") + " (a single address is " + s + "/"
                        + Family.of(a).bits() + ")");
            }
            InetAddress a = IpAddresses.parseOrNull(s.substring(0, slash));
            int len;
            try {
                len = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (a == null || len < 0 || len > Family.of(a).bits()) {
                throw error(spec, flag + " " + s + ": not a CIDR (an address with a prefix length, e.g. 10.96.0.0/12)");
            }
            IpPrefix network = IpPrefix.masked(a, len);
            if (!network.address().equals(a)) {
                throw error(spec, flag + " " + s + ": host bits are set; the network is " + network);
            }
            if (out.contains(network)) {
                throw error(spec, flag + " " + network + " is given twice");
            }
            out.add(network);
        }
        return out;
    }

    /** Literal IP addresses (never names). */
    public static List<InetAddress> addresses(CommandSpec spec, String flag, List<String> values) {
        List<InetAddress> out = new ArrayList<>();
        for (String s : split(spec, flag, values)) {
            out.add(address(spec, flag, s));
        }
        return out;
    }

    /** One literal IP address. */
    public static InetAddress address(CommandSpec spec, String flag, String value) {
        InetAddress a = IpAddresses.parseOrNull(value.trim());
        if (a == null) {
            throw error(spec, flag + " " + value + ": not an IP address (a literal such as 192.168.1.2 or fd00:1::2)");
        }
        return a;
    }

    /** At most one address per family: two of one family are refused, naming both. */
    public static List<InetAddress> onePerFamily(CommandSpec spec, String flag, List<InetAddress> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            for (int j = i + 1; j < addresses.size(); j++) {
                if (Family.of(addresses.get(i)) == Family.of(addresses.get(j))) {
                    throw error(spec, "two " + (Family.of(addresses.get(i)) == Family.INET ? "IPv4" : "IPv6") + " "
                            + flag + " (" + IpAddresses.format(addresses.get(i)) + " and "
                            + IpAddresses.format(addresses.get(j)) + "): give one per family");
                }
            }
        }
        return addresses;
    }

    /** A protocol number 0..255, or a name from rt_protos. */
    public static RouteProtocol protocol(CommandSpec spec, String flag, String value) {
        try {
            return RouteProtocol.parse(value);
        } catch (IllegalArgumentException e) {
            throw error(spec, flag + " " + value + ": not a route protocol (a number 0..255 or a name such as static)");
        }
    }

    /** A table number or name. */
    public static RouteTable table(CommandSpec spec, String flag, String value) {
        try {
            return RouteTable.parse(value);
        } catch (IllegalArgumentException e) {
            throw error(spec, flag + " " + value + ": not a routing table (a number 1..4294967295 or a name such as"
                    + " main)");
        }
    }

    /** The error netroute prints before exiting 2. */
    public static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
