package io.github.netroute.examples;

import io.github.netroute.examples.ip.IpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code netroute} command: {@code java -jar examples/target/netroute.jar <command> --help}.
 *
 * <pre>{@code
 * java -jar netroute.jar kube-ipvs0 --service-cidr 10.96.0.0/12 --node-ip 192.168.1.2          # in-memory kernel
 * java -jar netroute.jar kube-ipvs0 --service-cidr 10.96.0.0/12 --node-ip 192.168.1.2 --host   # this node
 * java -jar netroute.jar ip -n NS route show table all
 * }</pre>
 */
@Command(name = "netroute", mixinStandardHelpOptions = true, version = "netroute 0.1.0-SNAPSHOT",
        description = {"Programs Linux routes and policy rules over rtnetlink, or on an in-memory kernel.",
            "Every command runs on the in-memory kernel unless --netns NAME or --host is given. Exit status: 0 when"
                + " done, 1 when refused or failed (with one line saying why), 2 for a bad command line."},
        subcommands = {KubeIpvs0Command.class, OamPolicyCommand.class, AsymmetricCommand.class, IpCommand.class,
            io.github.netroute.examples.scenario.ScenarioCommand.class,
            io.github.netroute.examples.agent.AgentCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Netroute {
    private Netroute() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("ip")) {
            io.github.netroute.examples.ip.IpMain.selectLogging();
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("ip")
                && !(args.length > 1 && (args[1].equals("--help") || args[1].equals("--version")))) {
            // 'netroute ip' is iproute2's ip: its words go to it as they are, before picocli is loaded (start-up
            // time); only 'netroute ip --help' and '--version' are picocli's
            return io.github.netroute.examples.ip.IpMain.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        // logging: logback (src/main/resources/logback.xml): warnings on stderr, the agent's per-pass summary
        CommandLine cl = new CommandLine(new Netroute());
        // 'netroute ip' takes iproute2's own options (-4, -6, -n, -batch, -force) and passes them through
        cl.getSubcommands().get("ip").setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
        // exit status: 0 done, 1 refused or failed (one line saying why), 2 a bad command line (naming the flag)
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("netroute: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 1;
        });
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl.execute(args);
    }
}
