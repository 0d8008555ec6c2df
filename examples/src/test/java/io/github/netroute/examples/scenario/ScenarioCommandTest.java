package io.github.netroute.examples.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.examples.Netroute;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line of {@code netroute scenario}, without running it (no root needed). */
class ScenarioCommandTest {

    private static String stdout(Runnable r) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void registeredWithItsOptions() {
        String top = stdout(() -> assertEquals(0, Netroute.run("--help")));
        assertTrue(top.contains("scenario"), top);
        String help = stdout(() -> assertEquals(0, Netroute.run("scenario", "--help")));
        for (String option : new String[] {"--family", "--without", "--nconn", "--keep", "local-route", "policy-route",
            "node-src"}) {
            assertTrue(help.contains(option), () -> option + " missing in\n" + help);
        }
    }

    @Test
    void fixesByTheirCommandLineNames() {
        assertEquals(Scenario.Fix.LOCAL_ROUTE, Scenario.Fix.parse("local-route"));
        assertEquals(Scenario.Fix.POLICY_ROUTE, Scenario.Fix.parse("policy-route"));
        assertEquals(Scenario.Fix.NODE_SRC, Scenario.Fix.parse("NODE-SRC"));
        assertEquals(1, Scenario.Fix.LOCAL_ROUTE.step());
        assertEquals(3, Scenario.Fix.POLICY_ROUTE.step());
        assertEquals(5, Scenario.Fix.NODE_SRC.step());
        assertThrows(IllegalArgumentException.class, () -> Scenario.Fix.parse("rule"));
    }

    @Test
    void badArgumentsFailBeforeAnythingIsBuilt() {
        // a bad command line exits 2, as in every netroute command
        assertEquals(2, Netroute.run("scenario", "--without", "rule"));
        assertEquals(2, Netroute.run("scenario", "--family", "5"));
    }
}
