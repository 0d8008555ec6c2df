package io.github.netroute.routing.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the public types (top-level and nested) of a module's exported packages whose Javadoc does not say how they
 * behave between threads (the word "thread" in the type's own comment). Packages named {@code internal} are not
 * exported and are skipped.
 *
 * <pre>{@code
 * assertEquals(List.of(), ThreadSafetyDocs.undocumented(Path.of("src/main/java")));
 * }</pre>
 *
 * Stateless; safe to use from any thread.
 */
public final class ThreadSafetyDocs {
  private static final Pattern TYPE = Pattern.compile(
      "^\\s*public (?:static |final |sealed |non-sealed |abstract )*(?:class|interface|record|enum) (\\w+)");

  private ThreadSafetyDocs() {}

  /**
   * The undocumented public types under a source root, as {@code File.java: Name}, sorted.
   *
   * @param sourceRoot e.g. {@code src/main/java}
   * @return the types whose Javadoc lacks the word "thread"
   */
  public static List<String> undocumented(Path sourceRoot) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(sourceRoot)) {
      files = s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/internal/")
          && !p.getFileName().toString().equals("package-info.java")
          && !p.getFileName().toString().equals("module-info.java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) throw new IllegalStateException("no sources under " + sourceRoot.toAbsolutePath());
    List<String> missing = new ArrayList<>();
    for (Path f : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = TYPE.matcher(lines.get(i));
        if (!m.find()) continue;
        int end = i - 1;
        while (end >= 0 && lines.get(end).trim().startsWith("@")) end--; // annotations between comment and type
        String doc = "";
        if (end >= 0 && lines.get(end).trim().endsWith("*/")) {
          int start = end;
          while (start > 0 && !lines.get(start).trim().startsWith("/**")) start--;
          doc = String.join("\n", lines.subList(start, end + 1)).toLowerCase(Locale.ROOT);
        }
        if (!doc.contains("thread")) missing.add(f.getFileName() + ": " + m.group(1));
      }
    }
    return missing;
  }
}
