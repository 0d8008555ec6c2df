package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * For the integration tests (failsafe, after {@code package}): netroute's packaged jars and their runtime
 * dependencies, found on this JVM's class path; compiling the small application in
 * {@code src/test/module-path-app} against them and running it in a child JVM, on the module path or the class path.
 */
final class ModulePath {
    static final String SMOKE_MODULE = "netroute.smoke";
    static final String SMOKE_MAIN = "io.github.netroute.smoke.Smoke";
    private static final Path APP = Path.of("src", "test", "module-path-app", SMOKE_MODULE);

    private ModulePath() {}

    /** The library's jars and their runtime dependencies (JNA, slf4j-api): everything a user's module path needs. */
    static List<Path> libraryPath() {
        List<Path> path = new ArrayList<>();
        for (String name : List.of("routing-api", "routing-netlink", "routing-testkit", "jna", "slf4j-api")) {
            path.add(onClassPath(name));
        }
        return path;
    }

    /** The jar of artifact {@code artifactId} (not its test-jar) on this JVM's class path. */
    static Path onClassPath(String artifactId) {
        Pattern jar = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*(?<!-tests)\\.jar");
        List<Path> found = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> jar.matcher(p.getFileName().toString()).matches())
                .toList();
        assertEquals(1, found.size(), "one " + artifactId + " jar on the class path (is this run after package?): "
                + found);
        return found.get(0);
    }

    static String join(List<Path> path) {
        return path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Compiles the application as the module {@value #SMOKE_MODULE}; returns its output folder. */
    static Path compileModule(Path work) throws IOException {
        Path out = work.resolve("module");
        javac("--module-path", join(libraryPath()), "-d", out.toString(),
                APP.resolve("module-info.java").toString(), smokeSource().toString());
        return out;
    }

    /** Compiles the application without its module descriptor, for the class path; returns its output folder. */
    static Path compileClassPath(Path work) throws IOException {
        Path out = work.resolve("classpath");
        javac("-cp", join(libraryPath()), "-d", out.toString(), smokeSource().toString());
        return out;
    }

    /** Runs the application as a module: {@code java --module-path LIBS:APP --module netroute.smoke/...}. */
    static Result runModule(Path app, String... args) throws Exception {
        List<Path> mp = new ArrayList<>(libraryPath());
        mp.add(app);
        List<String> cmd = new ArrayList<>(List.of(java(), "--module-path", join(mp),
                "--module", SMOKE_MODULE + "/" + SMOKE_MAIN));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs the application on the class path: {@code java -cp LIBS:APP io.github.netroute.smoke.Smoke}. */
    static Result runClassPath(Path app, String... args) throws Exception {
        List<Path> cp = new ArrayList<>(libraryPath());
        cp.add(app);
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", join(cp), SMOKE_MAIN));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A child process's exit code, standard output and standard error. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(List<String> cmd) throws Exception {
        Path err = Files.createTempFile("nr-child", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish: " + cmd);
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Path smokeSource() {
        return APP.resolve(Path.of("io", "github", "netroute", "smoke", "Smoke.java"));
    }

    private static void javac(String... args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args);
        assertEquals(0, rc, "javac " + String.join(" ", args) + "\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }
}
