package io.github.netroute.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every line of every captured {@code ip route show table all} / {@code ip rule show} fixture parses, and
 * prints back as the same line (whitespace-normalised).
 */
class IpRouteFidelityTest {

    /**
     * Lines whose text cannot say what the kernel holds, with the reason. iproute2 omits {@code table} when it is
     * main, and parsing applies {@code ip route add}'s default table for the type: a local/broadcast/anycast/nat
     * route that lives in table main prints without a table and parses into table local.
     */
    static final Map<String, String> ROUTE_EXCLUSIONS = Map.of(
            "local 10.32.0.1 dev br0 scope host", "local route in table main: re-parses into table local",
            "broadcast 10.33.1.255 dev br0 scope link", "broadcast route in table main: re-parses into table local",
            "nat 10.51.0.0/16 scope nowhere", "nat route in table main: re-parses into table local",
            "local 2001:db8:31::2 dev br0 metric 1024 pref medium",
                    "IPv6 local route in table main: re-parses into table local");

    @Test
    void everyRouteLinePrintsBackAsCaptured() {
        List<Fixtures.Line> lines = Fixtures.routes();
        List<String> failures = new ArrayList<>();
        Set<String> excludedSeen = new LinkedHashSet<>();
        int checked = 0;
        for (Fixtures.Line l : lines) {
            String expected = Fixtures.normalise(l.text());
            Route r;
            try {
                r = Route.parse(l.text());
            } catch (RuntimeException e) {
                failures.add(l + "\n    parse failed: " + e);
                continue;
            }
            assertEquals(l.family(), r.family(), () -> l + ": family");
            if (ROUTE_EXCLUSIONS.containsKey(expected)) {
                excludedSeen.add(expected);
                continue;
            }
            String actual = Fixtures.normalise(r.toString());
            if (!actual.equals(expected)) {
                failures.add(l + "\n    printed: " + actual);
            }
            checked++;
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " route lines differ:\n" + String.join("\n", failures));
        assertEquals(ROUTE_EXCLUSIONS.keySet(), excludedSeen, "every exclusion names a fixture line");
        assertTrue(checked >= 250, "route entries checked: " + checked);
        System.out.println("route fixture entries checked: " + checked + " (+" + excludedSeen.size() + " excluded)");
    }

    @Test
    void everyRuleLinePrintsBackAsCaptured() {
        List<Fixtures.Line> lines = Fixtures.rules();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Fixtures.Line l : lines) {
            String expected = Fixtures.normalise(l.text());
            Rule r;
            try {
                r = Rule.parse(l.text(), l.family());
            } catch (RuntimeException e) {
                failures.add(l + "\n    parse failed: " + e);
                continue;
            }
            assertEquals(l.family(), r.family(), () -> l + ": family");
            String actual = Fixtures.normalise(r.toString());
            if (!actual.equals(expected)) {
                failures.add(l + "\n    printed: " + actual);
            }
            checked++;
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " rule lines differ:\n" + String.join("\n", failures));
        assertTrue(checked >= 140, "rule lines checked: " + checked);
        System.out.println("rule fixture lines checked: " + checked);
    }
}
