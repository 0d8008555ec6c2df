package io.github.netroute.examples.ip;

import io.github.netroute.routing.LinkStatistics;
import io.github.netroute.routing.LinkStatistics.Counter;

/**
 * {@code ip -s link} / {@code ip -s addr}: a link's counters as iproute2 6.1's print_stats64() prints them — the
 * RX and TX blocks with their column widths sized to the widest number (size_columns()), and with {@code -s -s} the
 * error lines ({@code RX errors:}, {@code TX errors:} with {@code transns}, the carrier changes); in JSON the
 * {@code "stats64"} object.
 *
 * <pre>{@code
 * LinkStatsFormat.text(stats, 1);   // "    RX:  bytes packets errors dropped  missed   mcast           \n    ..."
 * }</pre>
 */
final class LinkStatsFormat {

    /** What {@code -s} asked for: how many times, and where a link's counters are read (set once per run). */
    static final class Request {
        private int level;
        private java.util.function.IntFunction<LinkStatistics> lookup = i -> null;

        void set(int level, java.util.function.IntFunction<LinkStatistics> lookup) {
            this.level = level;
            this.lookup = lookup;
        }

        int level() {
            return level;
        }

        /** The link's counters when {@code -s} was given and the kernel reported them, else null. */
        LinkStatistics of(io.github.netroute.routing.Link l) {
            return level == 0 ? null : lookup.apply(l.index());
        }
    }
    private LinkStatsFormat() {}

    /** The lines (joined by '\n', no newline at the end) for {@code level} {@code -s} options. */
    static String text(LinkStatistics s, int level) {
        long[] cols = {10, 7, 6, 7, 7, 7, 10, 9}; // strlen("*X errors:"), "packets", ..., "otherhost"
        long cc = Math.max(0, s.carrierChanges());
        boolean hasCc = s.carrierChanges() >= 0;
        size(cols, g(s, Counter.RX_BYTES), g(s, Counter.RX_PACKETS), g(s, Counter.RX_ERRORS),
                g(s, Counter.RX_DROPPED), g(s, Counter.RX_MISSED_ERRORS), g(s, Counter.MULTICAST),
                g(s, Counter.RX_COMPRESSED), 0);
        if (level > 1) {
            size(cols, 0, g(s, Counter.RX_LENGTH_ERRORS), g(s, Counter.RX_CRC_ERRORS), g(s, Counter.RX_FRAME_ERRORS),
                    g(s, Counter.RX_FIFO_ERRORS), g(s, Counter.RX_OVER_ERRORS), g(s, Counter.RX_NOHANDLER),
                    g(s, Counter.RX_OTHERHOST_DROPPED));
        }
        size(cols, g(s, Counter.TX_BYTES), g(s, Counter.TX_PACKETS), g(s, Counter.TX_ERRORS),
                g(s, Counter.TX_DROPPED), g(s, Counter.TX_CARRIER_ERRORS), g(s, Counter.COLLISIONS),
                g(s, Counter.TX_COMPRESSED), 0);
        if (level > 1) {
            size(cols, 0, 0, g(s, Counter.TX_ABORTED_ERRORS), g(s, Counter.TX_FIFO_ERRORS),
                    g(s, Counter.TX_WINDOW_ERRORS), g(s, Counter.TX_HEARTBEAT_ERRORS), cc, 0);
        }
        StringBuilder b = new StringBuilder();
        long rxCompressed = g(s, Counter.RX_COMPRESSED);
        b.append("    RX: ").append(pad(cols[0] - 4, "bytes")).append(' ').append(pad(cols[1], "packets")).append(' ')
                .append(pad(cols[2], "errors")).append(' ').append(pad(cols[3], "dropped")).append(' ')
                .append(pad(cols[4], "missed")).append(' ').append(pad(cols[5], "mcast")).append(' ')
                .append(pad(cols[6], rxCompressed != 0 ? "compressed" : "")).append('\n');
        b.append("    ");
        num(b, cols[0], g(s, Counter.RX_BYTES));
        num(b, cols[1], g(s, Counter.RX_PACKETS));
        num(b, cols[2], g(s, Counter.RX_ERRORS));
        num(b, cols[3], g(s, Counter.RX_DROPPED));
        num(b, cols[4], g(s, Counter.RX_MISSED_ERRORS));
        num(b, cols[5], g(s, Counter.MULTICAST));
        if (rxCompressed != 0) {
            num(b, cols[6], rxCompressed);
        }
        if (level > 1) {
            long nohandler = g(s, Counter.RX_NOHANDLER);
            long otherhost = g(s, Counter.RX_OTHERHOST_DROPPED);
            b.append('\n').append("    RX errors:").append(pad(cols[0] - 10, "")).append(' ')
                    .append(pad(cols[1], "length")).append(' ').append(pad(cols[2], "crc")).append(' ')
                    .append(pad(cols[3], "frame")).append(' ').append(pad(cols[4], "fifo")).append(' ')
                    .append(pad(cols[5], "overrun"))
                    .append(pad(nohandler != 0 ? cols[6] + 1 : 0, nohandler != 0 ? " nohandler" : ""))
                    .append(pad(otherhost != 0 ? cols[7] + 1 : 0, otherhost != 0 ? " otherhost" : "")).append('\n');
            b.append(pad(cols[0] + 5, ""));
            num(b, cols[1], g(s, Counter.RX_LENGTH_ERRORS));
            num(b, cols[2], g(s, Counter.RX_CRC_ERRORS));
            num(b, cols[3], g(s, Counter.RX_FRAME_ERRORS));
            num(b, cols[4], g(s, Counter.RX_FIFO_ERRORS));
            num(b, cols[5], g(s, Counter.RX_OVER_ERRORS));
            if (nohandler != 0) {
                num(b, cols[6], nohandler);
            }
            if (otherhost != 0) {
                num(b, cols[7], otherhost);
            }
        }
        b.append('\n');
        long txCompressed = g(s, Counter.TX_COMPRESSED);
        b.append("    TX: ").append(pad(cols[0] - 4, "bytes")).append(' ').append(pad(cols[1], "packets")).append(' ')
                .append(pad(cols[2], "errors")).append(' ').append(pad(cols[3], "dropped")).append(' ')
                .append(pad(cols[4], "carrier")).append(' ').append(pad(cols[5], "collsns")).append(' ')
                .append(pad(cols[6], txCompressed != 0 ? "compressed" : "")).append('\n');
        b.append("    ");
        num(b, cols[0], g(s, Counter.TX_BYTES));
        num(b, cols[1], g(s, Counter.TX_PACKETS));
        num(b, cols[2], g(s, Counter.TX_ERRORS));
        num(b, cols[3], g(s, Counter.TX_DROPPED));
        num(b, cols[4], g(s, Counter.TX_CARRIER_ERRORS));
        num(b, cols[5], g(s, Counter.COLLISIONS));
        if (txCompressed != 0) {
            num(b, cols[6], txCompressed);
        }
        if (level > 1) {
            b.append('\n').append("    TX errors:").append(pad(cols[0] - 10, "")).append(' ')
                    .append(pad(cols[1], "aborted")).append(' ').append(pad(cols[2], "fifo")).append(' ')
                    .append(pad(cols[3], "window")).append(' ').append(pad(cols[4], "heartbt")).append(' ')
                    .append(pad(cols[5], hasCc ? "transns" : "")).append('\n');
            b.append(pad(cols[0] + 5, ""));
            num(b, cols[1], g(s, Counter.TX_ABORTED_ERRORS));
            num(b, cols[2], g(s, Counter.TX_FIFO_ERRORS));
            num(b, cols[3], g(s, Counter.TX_WINDOW_ERRORS));
            num(b, cols[4], g(s, Counter.TX_HEARTBEAT_ERRORS));
            if (hasCc) {
                num(b, cols[5], cc);
            }
        }
        return b.toString();
    }

    /** print_stats64()'s JSON: {@code "stats64":{"rx":{…},"tx":{…}}}. */
    static void json(JsonWriter j, LinkStatistics s, int level) {
        j.name("stats64");
        j.startObject();
        j.name("rx");
        j.startObject();
        j.number("bytes", g(s, Counter.RX_BYTES));
        j.number("packets", g(s, Counter.RX_PACKETS));
        j.number("errors", g(s, Counter.RX_ERRORS));
        j.number("dropped", g(s, Counter.RX_DROPPED));
        j.number("over_errors", g(s, Counter.RX_OVER_ERRORS));
        j.number("multicast", g(s, Counter.MULTICAST));
        nonZero(j, "compressed", g(s, Counter.RX_COMPRESSED));
        if (level > 1) {
            j.number("length_errors", g(s, Counter.RX_LENGTH_ERRORS));
            j.number("crc_errors", g(s, Counter.RX_CRC_ERRORS));
            j.number("frame_errors", g(s, Counter.RX_FRAME_ERRORS));
            j.number("fifo_errors", g(s, Counter.RX_FIFO_ERRORS));
            j.number("missed_errors", g(s, Counter.RX_MISSED_ERRORS));
            nonZero(j, "nohandler", g(s, Counter.RX_NOHANDLER));
            nonZero(j, "otherhost", g(s, Counter.RX_OTHERHOST_DROPPED));
        }
        j.endObject();
        j.name("tx");
        j.startObject();
        j.number("bytes", g(s, Counter.TX_BYTES));
        j.number("packets", g(s, Counter.TX_PACKETS));
        j.number("errors", g(s, Counter.TX_ERRORS));
        j.number("dropped", g(s, Counter.TX_DROPPED));
        j.number("carrier_errors", g(s, Counter.TX_CARRIER_ERRORS));
        j.number("collisions", g(s, Counter.COLLISIONS));
        nonZero(j, "compressed", g(s, Counter.TX_COMPRESSED));
        if (level > 1) {
            j.number("aborted_errors", g(s, Counter.TX_ABORTED_ERRORS));
            j.number("fifo_errors", g(s, Counter.TX_FIFO_ERRORS));
            j.number("window_errors", g(s, Counter.TX_WINDOW_ERRORS));
            j.number("heartbeat_errors", g(s, Counter.TX_HEARTBEAT_ERRORS));
            if (s.carrierChanges() >= 0) {
                j.number("carrier_changes", s.carrierChanges());
            }
        }
        j.endObject();
        j.endObject();
    }

    private static void nonZero(JsonWriter j, String key, long v) {
        if (v != 0) {
            j.number(key, v);
        }
    }

    private static long g(LinkStatistics s, Counter c) {
        return s.get(c);
    }

    /** size_columns(): each column at least as wide as its number's digits. */
    private static void size(long[] cols, long... values) {
        for (int i = 0; i < values.length; i++) {
            int len = Long.toUnsignedString(values[i]).length();
            if (len > cols[i]) {
                cols[i] = len;
            }
        }
    }

    /** printf's {@code %*s}: right-aligned in {@code width} (nothing added when the text is as wide). */
    private static String pad(long width, String text) {
        return width <= text.length() ? text : " ".repeat((int) (width - text.length())) + text;
    }

    /** print_num() without -human: {@code "%*llu "}. */
    private static void num(StringBuilder b, long width, long v) {
        b.append(pad(width, Long.toUnsignedString(v))).append(' ');
    }
}
