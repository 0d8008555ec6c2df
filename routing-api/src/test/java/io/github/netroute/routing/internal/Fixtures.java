package io.github.netroute.routing.internal;

import io.github.netroute.routing.Family;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The iproute2 {@code show} fixtures under {@code src/test/resources/iproute2/<scenario>/}. */
final class Fixtures {
    private Fixtures() {}

    /** One fixture entry: a route (continuation lines joined with "\n") or a rule line. */
    record Line(String scenario, String file, int lineNumber, String text, Family family) {
        @Override
        public String toString() {
            return scenario + "/" + file + ":" + lineNumber + " " + text.replace("\n", "\\n").replace("\t", "\\t");
        }
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/iproute2").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> scenarios() {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Route entries of route-v4.txt and route-v6.txt; lines starting with whitespace continue the entry before. */
    static List<Line> routes() {
        List<Line> out = new ArrayList<>();
        for (Path d : scenarios()) {
            for (String f : List.of("route-v4.txt", "route-v6.txt")) {
                List<String> lines = read(d.resolve(f));
                StringBuilder cur = null;
                int start = 0;
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (l.isBlank()) {
                        continue;
                    }
                    if (Character.isWhitespace(l.charAt(0)) && cur != null) {
                        cur.append('\n').append(l);
                        continue;
                    }
                    if (cur != null) {
                        out.add(new Line(d.getFileName().toString(), f, start, cur.toString(), family(f)));
                    }
                    cur = new StringBuilder(l);
                    start = i + 1;
                }
                if (cur != null) {
                    out.add(new Line(d.getFileName().toString(), f, start, cur.toString(), family(f)));
                }
            }
        }
        return out;
    }

    /** Lines of rule-v4.txt and rule-v6.txt, with the file's family. */
    static List<Line> rules() {
        List<Line> out = new ArrayList<>();
        for (Path d : scenarios()) {
            for (String f : List.of("rule-v4.txt", "rule-v6.txt")) {
                List<String> lines = read(d.resolve(f));
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        out.add(new Line(d.getFileName().toString(), f, i + 1, lines.get(i), family(f)));
                    }
                }
            }
        }
        return out;
    }

    private static Family family(String file) {
        return file.contains("v6") ? Family.INET6 : Family.INET;
    }

    private static List<String> read(Path p) {
        if (!Files.exists(p)) {
            return List.of();
        }
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs of spaces, tabs and newlines collapsed to one space, trimmed. */
    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
