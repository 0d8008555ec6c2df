package io.github.netroute.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced blocks of the project's README.md, read from the file itself so that test and README cannot drift. */
final class ReadmeSnippets {
    private ReadmeSnippets() {}

    private static final Pattern FENCE = Pattern.compile("(?m)^( *)```(\\w*)\\n(.*?)^\\1```\\s*$", Pattern.DOTALL);

    /** The README (tests run in the examples module directory). */
    static String readme() {
        try {
            return Files.readString(Path.of("../README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of the ```java blocks, in order. */
    static List<String> javaBlocks(String markdown) {
        return blocks(markdown, "java");
    }

    /** The contents of the blocks with this info string ("" for plain ``` blocks), in order, unindented. */
    static List<String> blocks(String markdown, String lang) {
        List<String> out = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            if (m.group(2).equals(lang)) {
                String indent = m.group(1);
                StringBuilder sb = new StringBuilder();
                for (String line : m.group(3).split("\n", -1)) {
                    sb.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
                }
                out.add(sb.toString().stripTrailing() + "\n");
            }
        }
        return out;
    }
}
