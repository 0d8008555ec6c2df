package io.github.netroute.examples.scenario;

import io.github.netroute.routing.Family;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netroute scenario}: the seed's lab with real packets, in throwaway network namespaces. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Builds the seed's xcluster lab in throwaway network namespaces and checks it with real packets.",
            "The lab has the node vm-002, the routers vm-201 and vm-202, the OaM client vm-221, a traffic client and"
                + " a POD, joined by veth pairs. TCP connections and the routers' packet counters show that (1) one"
                + " local route for the ClusterIP CIDR answers every ClusterIP, (2-3) a source-based policy route"
                + " fixes asymmetric OaM routing, (4-5) it breaks the node's own connections to the LB IP unless the"
                + " LB IP's local route has 'src NODE-IP', and (6) everything is removed cleanly.",
            "It needs root, iproute2 and nft. The exit status is 0 when every step behaved as the seed says."})
public final class ScenarioCommand implements Callable<Integer> {
    @Option(names = "--family", defaultValue = "both", paramLabel = "4|6|both",
            description = "Address family (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--without", paramLabel = "FIX",
            description = "Leave a fix out to see the step that needs it: local-route (step 1), policy-route"
                    + " (step 3), node-src (step 5). Repeatable.")
    List<String> without = new ArrayList<>();

    @Option(names = "--nconn", defaultValue = "4", description = "Connections per check (default: ${DEFAULT-VALUE},"
            + " as the seed's mconnect -nconn 4).")
    int nconn;

    @Option(names = "--keep", description = "Keep the namespaces (nr-sc-*) for a look; delete them with ip netns del.")
    boolean keep;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Set<Scenario.Fix> fixes = EnumSet.noneOf(Scenario.Fix.class);
        for (String w : without) {
            try {
                fixes.add(Scenario.Fix.parse(w));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--without " + e.getMessage());
            }
        }
        List<Family> families = switch (family) {
            case "4" -> List.of(Family.INET);
            case "6" -> List.of(Family.INET6);
            case "both" -> List.of(Family.INET, Family.INET6);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--family " + family + ": must be 4, 6 or both");
        };
        String why = Scenario.unusableReason();
        if (why != null) {
            // refused, as every command's refusals: exit 1 with one line saying why
            System.err.println("netroute scenario: " + why);
            return 1;
        }
        boolean ok = true;
        for (Family f : families) {
            ok &= new Scenario(f, fixes, nconn, keep).run(out).firstFailedStep() == 0;
        }
        return ok ? 0 : 1;
    }
}
