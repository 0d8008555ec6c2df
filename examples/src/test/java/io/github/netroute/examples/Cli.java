package io.github.netroute.examples;

import io.github.netroute.examples.ip.IpCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the {@code netroute} command in this JVM and captures what it prints (for this package's tests and others'). */
public final class Cli {
    private Cli() {}

    /** Exit code, stdout and stderr of one run. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code netroute ARGS...} through {@link Netroute#run}, with System.out/err captured. */
    public static synchronized Result netroute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Netroute.run(args);
            o.flush();
            e.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** {@code netroute ip ARGV...} through {@link IpCommand#run} with the given stdin. */
    static Result ip(List<String> argv, String stdin) {
        return ip(argv, stdin, java.util.Map.of());
    }

    /** As {@link #ip(List, String)} with variables added to the environment netroute ip reads. */
    static Result ip(List<String> argv, String stdin, java.util.Map<String, String> extraEnv) {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = IpCommand.run(argv, new ByteArrayInputStream(
                    (stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)), o, e, env);
            o.flush();
            e.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception ex) {
            throw new AssertionError("netroute ip " + argv + " threw", ex);
        }
    }

    static Result ip(String... argv) {
        return ip(List.of(argv), null);
    }
}
