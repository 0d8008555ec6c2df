package io.github.netroute.examples.ip;

import java.util.List;

/**
 * {@code ip} itself: the entry point of the launcher's {@code ip} mode (a link named {@code ip} to
 * {@code bin/netroute}) and of {@code netroute ip}. It runs {@link IpCommand#run} without the option library
 * (picocli reads the command classes' annotations by reflection, which costs start-up time), so every word is
 * iproute2's: {@code ip -h} is -human-readable, {@code ip -V} prints the version line, {@code ip --help} the usage.
 *
 * <pre>{@code
 * java -cp netroute.jar io.github.netroute.examples.ip.IpMain -n blue route show
 * }</pre>
 */
public final class IpMain {
    private IpMain() {}

    /** Runs {@code ip ARGS...} and exits with its code. @param args the words after {@code ip} */
    public static void main(String[] args) {
        IpLogging.select();
        System.exit(run(args));
    }

    /** Chooses {@code ip}'s logging (warnings on stderr, without logback's start-up); call before any logging. */
    public static void selectLogging() {
        IpLogging.select();
    }

    /**
     * Runs {@code ip ARGS...} on System.in/out/err.
     *
     * @param args the words after {@code ip}
     * @return the exit code
     */
    public static int run(String... args) {
        try {
            return IpCommand.run(List.of(args), System.in, System.out, System.err);
        } catch (Exception e) {
            // as the netroute command's handler prints what a command threw
            System.err.println("netroute: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
    }
}
