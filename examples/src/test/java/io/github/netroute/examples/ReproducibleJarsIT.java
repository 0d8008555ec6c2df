package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The library jars are reproducible: every entry carries the build's fixed {@code project.build.outputTimestamp}
 * (read from the root pom), so two builds of one commit give identical bytes. A jar built without it (entries
 * stamped with the build time) fails here.
 */
class ReproducibleJarsIT {

    @Test
    void everyEntryOfTheLibraryJarsCarriesTheFixedTimestamp() throws Exception {
        String pom = Files.readString(Path.of("..").resolve("pom.xml"));
        Matcher m = Pattern.compile("<project.build.outputTimestamp>([^<]+)</project.build.outputTimestamp>")
                .matcher(pom);
        assertTrue(m.find(), "the root pom sets project.build.outputTimestamp");
        Instant fixed = Instant.parse(m.group(1));
        for (String artifact : List.of("routing-api", "routing-netlink", "routing-testkit")) {
            Path jar = ModulePath.onClassPath(artifact);
            List<String> off = new ArrayList<>();
            try (JarFile f = new JarFile(jar.toFile())) {
                for (JarEntry e : java.util.Collections.list(f.entries())) {
                    // zip entries hold local date-time; the build writes the fixed instant in the JVM's zone
                    Instant t = e.getTimeLocal().atZone(ZoneId.systemDefault()).toInstant();
                    if (!t.equals(fixed) && !e.getTimeLocal().equals(
                            java.time.LocalDateTime.ofInstant(fixed, java.time.ZoneOffset.UTC))) {
                        off.add(e.getName() + " " + e.getTimeLocal());
                    }
                }
            }
            assertEquals(List.of(), off, jar + ": entries not stamped " + fixed);
        }
    }
}
