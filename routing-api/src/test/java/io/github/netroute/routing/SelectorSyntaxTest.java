package io.github.netroute.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code ip route del} / {@code ip rule del} arguments: what is not given is the kernel's wildcard. */
class SelectorSyntaxTest {
    @Test
    void routeSelectorLeavesTypeScopeProtocolAsWildcards() {
        Route r = Route.parseSelector("10.0.0.0/8");
        assertEquals(RouteType.UNSPEC, r.type());
        assertEquals(RouteScope.NOWHERE, r.scope());
        assertEquals(RouteProtocol.UNSPEC, r.protocol());
        assertEquals(RouteTable.MAIN, r.table());
        assertEquals(0, r.priority());
    }

    @Test
    void routeSelectorKeepsWhatIsGiven() {
        Route r = Route.parseSelector("local 10.96.0.0/12 dev kube-ipvs0 scope host proto static");
        assertEquals(RouteType.LOCAL, r.type());
        assertEquals(RouteTable.LOCAL, r.table());
        assertEquals(RouteScope.HOST, r.scope());
        assertEquals(RouteProtocol.STATIC, r.protocol());
        assertEquals("kube-ipvs0", r.device());
        Route t = Route.parseSelector("to blackhole 10.1.0.0/16 table 300");
        assertEquals(RouteType.BLACKHOLE, t.type());
        assertEquals(RouteTable.of(300), t.table());
    }

    @Test
    void ruleSelectorWithoutActionMatchesAnyAction() {
        Rule r = Rule.parseSelector("pref 100", Family.INET);
        assertNull(r.action());
        assertEquals(100L, r.priority());
        assertEquals("100:\tfrom all", r.toString());
        assertNull(r.toBuilder().build().action(), "toBuilder keeps the wildcard");
    }

    @Test
    void ruleSelectorWithTableLooksItUp() {
        Rule r = Rule.parseSelector("from 10.0.0.0/32 table 44", Family.INET);
        assertEquals(RuleAction.lookup(RouteTable.of(44)), r.action());
        assertEquals(RuleAction.prohibit(), Rule.parseSelector("iif eth0 prohibit", Family.INET).action());
    }

    @Test
    void addFormStillDefaultsToLookupMain() {
        assertEquals(RuleAction.lookup(RouteTable.MAIN), Rule.parse("pref 100", Family.INET).action());
        assertEquals(RuleAction.lookup(RouteTable.MAIN), Rule.builder().build().action());
    }
}
