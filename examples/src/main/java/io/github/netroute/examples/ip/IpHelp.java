package io.github.netroute.examples.ip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * iproute2 6.1's help texts (its {@code usage()} functions), printed as iproute2 prints them: on stderr, then exit
 * 255 (fatal: a batch ends there). The texts are resources ({@code help/OBJECT.txt}, captured from iproute2 6.1 by
 * the test fixtures' {@code capture.sh}; iproute2 is GPL-2.0, see {@code help/README.md}).
 */
final class IpHelp {
    private IpHelp() {}

    /**
     * The commands of an object after which a first argument {@code help} (or an abbreviation of it) prints the
     * object's usage, as iproute2 6.1's parsers do (where they parse a prefix or a device there instead, the
     * command's own error comes; {@code ip route show help}: "any valid prefix is expected").
     */
    private static final Map<String, List<String>> HELP_AFTER = Map.of(
            "route", List.of("add", "change", "replace", "prepend", "append", "delete", "get"),
            "rule", List.of("add", "delete"),
            "link", List.of("add", "set", "change", "replace", "delete", "show"),
            "address", List.of("add", "change", "replace", "delete", "show", "flush"),
            "nexthop", List.of("add", "replace", "delete", "show", "get", "flush"));

    /** The text of {@code ip OBJECT help} ({@code help}: of {@code ip help}), with its final newline. */
    static String text(String object) {
        try (InputStream in = IpHelp.class.getResourceAsStream("help/" + object + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no help text for ip " + object);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code ip OBJECT help} does: the text on stderr and iproute2's exit (255; 0 for {@code ip stats}). */
    static IpError usage(String object) {
        String t = text(object);
        String message = t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
        return object.equals("stats") ? new IpError(message, 0, false) : new IpError(message, 255, true);
    }

    /** {@code ip}'s own usage (ip.c usage()). */
    static IpError ipUsage() {
        return usage("help");
    }

    /** Whether {@code ip OBJECT a...} asks for the object's usage ({@code help}, or {@code COMMAND help}). */
    static boolean asks(IpObject obj, List<String> a) {
        if (a.isEmpty()) {
            return false;
        }
        String cmd = obj.command(a.get(0));
        if ("help".equals(cmd)) {
            return true;
        }
        List<String> after = HELP_AFTER.get(obj.name());
        return after != null && cmd != null && after.contains(cmd) && a.size() > 1 && IpTool.matches(a.get(1), "help");
    }
}
