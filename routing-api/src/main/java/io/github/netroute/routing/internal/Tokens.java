package io.github.netroute.routing.internal;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace-separated words of an iproute2 command line or {@code show} line, with their positions, and the
 * errors that name them. Positions are 0-based word indexes; {@code char} is the 0-based offset in the text.
 */
final class Tokens {
    private final String text;
    private final List<String> words = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int next;

    Tokens(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no text to parse (null)");
        }
        this.text = text;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
                offsets.add(start);
            }
        }
    }

    boolean hasNext() {
        return next < words.size();
    }

    /** The next word without consuming it, or null at the end. */
    String peek() {
        return next < words.size() ? words.get(next) : null;
    }

    /** Consumes the next word if it equals {@code w}. */
    boolean accept(String w) {
        if (w.equals(peek())) {
            next++;
            return true;
        }
        return false;
    }

    /** Consumes and returns the next word. */
    String next() {
        if (!hasNext()) {
            throw new IllegalArgumentException("unexpected end of input in " + quoted());
        }
        return words.get(next++);
    }

    /** Consumes and returns the value after the keyword just read. */
    String value() {
        if (!hasNext()) {
            throw new IllegalArgumentException("missing value after \"" + words.get(next - 1) + "\" at position "
                    + (next - 1) + " (char " + offsets.get(next - 1) + ") in " + quoted());
        }
        return words.get(next++);
    }

    /** The word just consumed. */
    String peekLast() {
        return words.get(next - 1);
    }

    /** Index of the last consumed word. */
    int last() {
        return next - 1;
    }

    int size() {
        return words.size();
    }

    /** An error for the word just consumed. */
    IllegalArgumentException unexpected() {
        return unexpected(next - 1);
    }

    IllegalArgumentException unexpected(int index) {
        return new IllegalArgumentException("unexpected token \"" + words.get(index) + "\" at position " + index
                + " (char " + offsets.get(index) + ") in " + quoted());
    }

    /** An error for a bad value (the word just consumed) of a keyword. */
    IllegalArgumentException invalid(String what) {
        return invalid(next - 1, what, null);
    }

    IllegalArgumentException invalid(String what, String why) {
        return invalid(next - 1, what, why);
    }

    IllegalArgumentException invalid(int index, String what, String why) {
        return new IllegalArgumentException("invalid " + what + " \"" + words.get(index) + "\" at position " + index
                + " (char " + offsets.get(index) + ") in " + quoted() + (why == null ? "" : ": " + why));
    }

    /** Wraps a value-constructor error with the position of the word it came from. */
    IllegalArgumentException wrap(int index, IllegalArgumentException e) {
        return new IllegalArgumentException(e.getMessage() + " (token \"" + words.get(index) + "\" at position "
                + index + ", char " + offsets.get(index) + " in " + quoted() + ")", e);
    }

    IllegalArgumentException whole(String message) {
        return new IllegalArgumentException(message + " in " + quoted());
    }

    String quoted() {
        String t = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return "\"" + t.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    // ---- typed values of the word just consumed ----

    /** An unsigned number (C strtoul base 0) up to {@code max}. */
    long unsigned(String what, long max) {
        long v = Numbers.parseOrMinus1(words.get(next - 1));
        if (v < 0 || v > max) {
            throw invalid(what);
        }
        return v;
    }

    /** The next word as a TOS/dsfield value: an rt_dsfield name or a hex number (iproute2 reads tos in hex). */
    int dsfield() {
        value();
        int d = Names.dsfieldValue(peekLast());
        if (d < 0) {
            throw invalid("tos");
        }
        return d;
    }

    /** The next word as a scope name or number. */
    io.github.netroute.routing.RouteScope scope() {
        value();
        try {
            return io.github.netroute.routing.RouteScope.parse(peekLast());
        } catch (IllegalArgumentException e) {
            throw invalid("scope");
        }
    }

    /** The next word as an IP protocol name or number. */
    int ipProto() {
        value();
        int p = Names.ipProtoValue(peekLast());
        if (p < 0) {
            throw invalid("ipproto");
        }
        return p;
    }

    /** A literal address. */
    InetAddress address(String what) {
        InetAddress a = InetAddresses.parseOrNull(words.get(next - 1));
        if (a == null) {
            throw invalid(what);
        }
        return a;
    }

    /** An address with an optional length (host bits kept). */
    CidrAddress cidr(String what) {
        String w = words.get(next - 1);
        int slash = w.indexOf('/');
        InetAddress a = InetAddresses.parseOrNull(slash < 0 ? w : w.substring(0, slash));
        if (a == null) {
            throw invalid(what);
        }
        int bits = Family.of(a).bits();
        int len = bits;
        if (slash >= 0) {
            long l = Numbers.parseOrMinus1(w.substring(slash + 1));
            if (l < 0 || l > bits) {
                throw invalid(next - 1, what, "prefix length out of range 0.." + bits);
            }
            len = (int) l;
        }
        return new CidrAddress(a, len);
    }
}
