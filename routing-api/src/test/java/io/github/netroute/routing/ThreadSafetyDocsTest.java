package io.github.netroute.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of this module's exported packages says in its Javadoc whether it may be shared between threads
 * (the word "thread" in the type's comment). A new public type without it fails here.
 */
class ThreadSafetyDocsTest {
  private static final Pattern TYPE =
      Pattern.compile("^public (?:final |sealed |abstract )*(?:class|interface|record|enum) (\\w+)");

  @Test
  void everyPublicTypeDocumentsItsThreadSafety() throws IOException {
    Path root = Path.of("src/main/java");
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/internal/")
          && !p.getFileName().toString().equals("package-info.java")).toList();
    }
    assertTrue(files.size() > 30, "sources not found under " + root.toAbsolutePath());
    List<String> missing = files.stream().flatMap(f -> {
      try {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = TYPE.matcher(lines.get(i));
          if (!m.find()) continue;
          int start = i;
          while (start > 0 && !lines.get(start).trim().startsWith("/**")) start--;
          String doc = String.join("\n", lines.subList(start, i)).toLowerCase(java.util.Locale.ROOT);
          return doc.contains("thread") ? Stream.empty() : Stream.of(m.group(1));
        }
        return Stream.empty();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).sorted().toList();
    assertEquals(List.of(), missing, "public types whose Javadoc does not say how they behave between threads");
  }
}
