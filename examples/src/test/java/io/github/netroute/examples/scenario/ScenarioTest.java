package io.github.netroute.examples.scenario;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.RoutingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's lab with real packets: the whole scenario on IPv4 and IPv6, every step asserted by connections and
 * by the routers' counters, and for each fix a run without it that fails at the step that needs it. Needs Linux,
 * root, iproute2 and nft (skipped, saying why, otherwise); every run deletes its namespaces, which is checked.
 */
@RealKernelTest
class ScenarioTest {
    private static final int NCONN = 4;

    @BeforeEach
    void usable() {
        // the shared gate (@RealKernelTest) checked Linux, root and ip; the scenario also needs nft
        String why = Scenario.unusableReason();
        Assumptions.assumeTrue(why == null, () -> "real-kernel test skipped: " + why);
    }

    /** A run and its screen output. */
    private record Run(Scenario.Result result, String out) {
        Scenario.Step step(int n) {
            return result.steps().get(n - 1);
        }

        Scenario.Outcome check(int step, String client, String target) {
            return step(step).outcomes().stream()
                    .filter(o -> o.check().client().equals(client) && o.check().target().equals(target))
                    .findFirst().orElseThrow(() -> new AssertionError("no check " + client + " -> " + target + "\n"
                            + out));
        }
    }

    private static Run run(Family f, Set<Scenario.Fix> without) throws RoutingException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Scenario.Result r;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            r = new Scenario(f, without, NCONN, false).run(ps);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(6, r.steps().size(), out);
        assertTrue(namespaces().stream().noneMatch(n -> n.startsWith(r.namespacePrefix())),
                () -> "namespaces left behind: " + namespaces());
        return new Run(r, out);
    }

    private static List<String> namespaces() {
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return s.lines().map(l -> l.split(" ")[0]).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailedRunStillRemovesItsNamespaces() {
        Lab lab = new Lab(Family.INET, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (lab) {
                lab.build(NCONN, System.out);
                assertEquals(7, lab.namespaces().size());
                assertTrue(namespaces().containsAll(lab.namespaces()), () -> namespaces().toString());
                throw new IllegalStateException("a step failed");
            }
        });
        assertEquals("a step failed", e.getMessage());
        assertTrue(namespaces().stream().noneMatch(n -> n.startsWith(lab.prefix)),
                () -> "namespaces left behind: " + namespaces());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void everyStepBehavesAsTheSeedSays(Family f) throws RoutingException {
        Run run = run(f, EnumSet.noneOf(Scenario.Fix.class));
        Lab.Plan p = Lab.Plan.of(f);
        for (Scenario.Step s : run.result().steps()) {
            assertTrue(s.ok(), () -> "step " + s.number() + " failed:\n" + run.out());
        }
        assertEquals(0, run.result().firstFailedStep(), run.out());

        // 1: every ClusterIP in the CIDR answers through the one local route, via vm-201; the node's own source is
        // the route's src
        for (String ip : p.clusterIps()) {
            Scenario.Outcome o = run.check(1, "vm-231", ip);
            assertEquals(NCONN, o.result().ok(), run.out());
            assertTrue(o.toVm201() >= NCONN && o.toVm202() < NCONN, run.out());
        }
        Scenario.Outcome self = run.check(1, "vm-002", p.nodeClusterIp());
        assertEquals(NCONN, self.result().ok(), run.out());
        assertEquals(Set.of(p.node()), self.result().sources(), run.out());

        // 2: asymmetric: the OaM client fails, its replies reach vm-201
        Scenario.Outcome asym = run.check(2, "vm-221", p.lb());
        assertEquals(0, asym.result().ok(), run.out());
        assertTrue(asym.toVm201() >= NCONN && asym.toVm202() < NCONN, run.out());

        // 3: policy route: the OaM client works via vm-202; a traffic-network request's reply goes to vm-202 too
        Scenario.Outcome oam = run.check(3, "vm-221", p.lb());
        assertEquals(NCONN, oam.result().ok(), run.out());
        assertTrue(oam.toVm202() >= NCONN && oam.toVm201() < NCONN, run.out());
        Scenario.Outcome attack = run.check(3, "vm-231", p.lb());
        assertEquals(0, attack.result().ok(), run.out());
        assertTrue(attack.toVm202() >= NCONN, run.out());

        // 4: the node's own connection to the LB IP (DNAT to the POD) is sent to the OaM gateway and fails
        Scenario.Outcome drawback = run.check(4, "vm-002", p.lb());
        assertEquals(0, drawback.result().ok(), run.out());
        assertTrue(drawback.toVm202() >= NCONN, run.out());

        // 5: with src NODE-IP the node reaches the POD, and the OaM client still works
        Scenario.Outcome fixed = run.check(5, "vm-002", p.lb());
        assertEquals(NCONN, fixed.result().ok(), run.out());
        assertEquals(Set.of("pod"), fixed.result().answeredBy(), run.out());
        assertEquals(Set.of(p.node()), fixed.result().sources(), run.out());
        assertEquals(NCONN, run.check(5, "vm-221", p.lb()).result().ok(), run.out());

        // 6: the start state exactly, and the ClusterIPs are gone again
        assertTrue(run.step(6).problems().isEmpty(), run.out());
        assertEquals(0, run.check(6, "vm-231", p.clusterIps().get(0)).result().ok(), run.out());
        assertFalse(run.out().contains("FAILED"), run.out());
    }

    static Stream<Arguments> leftOut() {
        return Stream.of(Family.values()).flatMap(f -> Stream.of(Scenario.Fix.values()).map(x -> Arguments.of(f, x)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("leftOut")
    void withoutAFixTheStepThatNeedsItFails(Family f, Scenario.Fix fix) throws RoutingException {
        Run run = run(f, EnumSet.of(fix));
        Lab.Plan p = Lab.Plan.of(f);
        assertEquals(fix.step(), run.result().firstFailedStep(), run.out());
        assertTrue(run.out().contains("(left out: --without " + fix + ")"), run.out());
        switch (fix) {
            case LOCAL_ROUTE -> {
                // nothing answers a ClusterIP: the node drops what vm-201 forwards to it
                assertEquals(0, run.check(1, "vm-231", p.clusterIps().get(0)).result().ok(), run.out());
            }
            case POLICY_ROUTE -> {
                // the OaM client's replies still leave via vm-201
                Scenario.Outcome o = run.check(3, "vm-221", p.lb());
                assertEquals(0, o.result().ok(), run.out());
                assertTrue(o.toVm201() >= NCONN, run.out());
            }
            case NODE_SRC -> {
                // the node's connection to the LB IP still goes to the OaM gateway; the OaM client is unaffected
                Scenario.Outcome o = run.check(5, "vm-002", p.lb());
                assertEquals(0, o.result().ok(), run.out());
                assertTrue(o.toVm202() >= NCONN, run.out());
                assertEquals(NCONN, run.check(5, "vm-221", p.lb()).result().ok(), run.out());
            }
        }
        // whatever was left out, the end state is the start state
        assertTrue(run.step(6).problems().isEmpty(), run.out());
    }
}
