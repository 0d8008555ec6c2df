package io.github.netroute.examples.scenario;

import io.github.netroute.routing.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals in and out, with the library's formatting ({@code fd00:1::2}, not {@code fd00:1:0:0:0:0:0:2}). */
final class Addresses {
    private Addresses() {}

    /** An address literal (never a DNS lookup: literals only). */
    static InetAddress parse(String literal) {
        if (literal.isEmpty() || !(Character.digit(literal.charAt(0), 16) >= 0 || literal.charAt(0) == ':')) {
            throw new IllegalArgumentException("not an address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    /** {@code 10.0.0.0}, {@code fd00:10::}. */
    static String format(InetAddress a) {
        String s = IpPrefix.host(a).toString();
        return s.substring(0, s.indexOf('/'));
    }
}
