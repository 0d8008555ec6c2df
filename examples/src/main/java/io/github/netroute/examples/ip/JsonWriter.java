package io.github.netroute.examples.ip;

/**
 * A streaming JSON writer that writes byte for byte what iproute2's {@code lib/json_writer.c} writes, compact
 * ({@code ip -j}) or pretty ({@code ip -j -p}): the same commas, the same four-space indentation, the same spaces
 * inside arrays ({@code [ "a","b" ]}) and the same escapes (C escapes, no Unicode escapes). Written by hand rather
 * than taken from a JSON library: no library reproduces iproute2's pretty layout, and the writer is 100 lines.
 *
 * <pre>{@code
 * JsonWriter w = new JsonWriter(new StringBuilder(), false);
 * w.startArray(); w.startObject(); w.name("dst"); w.string("10.0.0.0/8"); w.endObject(); w.endArray();
 * // [{"dst":"10.0.0.0/8"}]
 * }</pre>
 */
final class JsonWriter {
    private final StringBuilder out;
    private final boolean pretty;
    private int depth;
    /** The separator owed before the next element: 0 (none) or ','. */
    private char sep;

    JsonWriter(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    private void indent() {
        for (int i = 0; i < depth; i++) {
            out.append("    ");
        }
    }

    private void eol() {
        if (pretty) {
            out.append('\n');
            indent();
        }
    }

    private void eor() {
        if (sep != 0) {
            out.append(sep);
        }
        sep = ',';
    }

    private void puts(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    private void begin(char c) {
        eor();
        out.append(c);
        depth++;
        sep = 0;
    }

    private void end(char c) {
        depth--;
        if (sep != 0) {
            eol();
        }
        out.append(c);
        sep = ',';
    }

    /** jsonw_name: a property name, then its value. */
    void name(String name) {
        eor();
        eol();
        sep = 0;
        puts(name);
        out.append(':');
        if (pretty) {
            out.append(' ');
        }
    }

    void startObject() {
        begin('{');
    }

    void endObject() {
        end('}');
    }

    void startArray() {
        begin('[');
        if (pretty) {
            out.append(' ');
        }
    }

    void endArray() {
        if (pretty && sep != 0) {
            out.append(' ');
        }
        sep = 0;
        end(']');
    }

    void string(String v) {
        eor();
        puts(v);
    }

    /** A number, a literal {@code true}/{@code false}/{@code null}: written as it is. */
    void raw(String v) {
        eor();
        out.append(v);
    }

    void field(String key, String value) {
        name(key);
        string(value);
    }

    void number(String key, long value) {
        name(key);
        raw(Long.toString(value));
    }

    /** {@code "key":null}: how iproute2 prints a flag word such as {@code not} or {@code nop} (print_null). */
    void nullField(String key) {
        name(key);
        raw("null");
    }

    void bool(String key, boolean value) {
        name(key);
        raw(value ? "true" : "false");
    }

    /** jsonw_destroy: the closing newline. */
    void finish() {
        out.append('\n');
    }
}
