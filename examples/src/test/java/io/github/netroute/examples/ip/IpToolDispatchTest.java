package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's object table and abbreviations, as iproute2 resolves them. */
class IpToolDispatchTest {
    @Test
    void objectsResolveInIproute2Order() {
        assertEquals("address", IpTool.object("a").name());
        assertEquals("route", IpTool.object("r").name());
        assertEquals("rule", IpTool.object("ru").name());
        assertEquals("link", IpTool.object("l").name());
        // ip.c cmds[]: n is neighbor, m maddress, h help; nh is no object's abbreviation
        assertEquals("neighbor", IpTool.object("n").name());
        assertEquals("nexthop", IpTool.object("nex").name());
        assertEquals("maddress", IpTool.object("m").name());
        assertEquals("monitor", IpTool.object("mo").name());
        assertEquals("help", IpTool.object("h").name());
        assertEquals("netns", IpTool.object("net").name());
        assertEquals("tunnel", IpTool.object("t").name());
        assertEquals("sr", IpTool.object("s").name());
        assertNull(IpTool.object("nh"));
        assertNull(IpTool.object("neighbors"));
        assertEquals("neighbor", IpTool.object("neighbou").name()); // "neighbour": the same command
        assertTrue(IpTool.mutates(List.of("neigh", "add", "192.0.2.1", "dev", "lo")));
        assertFalse(IpTool.mutates(List.of("neigh", "get", "192.0.2.1", "dev", "lo")));
    }

    @Test
    void commandsResolveAsIproute2Does() {
        assertEquals("add", IpTool.object("r").command("a"));
        assertEquals("change", IpTool.object("r").command("chg"));
        assertEquals("show", IpTool.object("ru").command("l"));
        assertEquals("set", IpTool.object("l").command("s"));
        assertNull(IpTool.object("l").command("chg"));
        assertTrue(IpTool.mutates(List.of("r", "a", "10.0.0.0/8", "dev", "lo")));
        assertFalse(IpTool.mutates(List.of("route", "get", "10.0.0.1")));
        assertTrue(IpTool.mutates(List.of("nexthop", "add", "id", "1")));
        assertFalse(IpTool.mutates(List.of("nexthop", "get", "id", "1")));
    }

    @Test
    void unsupportedObjectsAreRefusedAndUnknownOnesGetIproute2sMessage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (InMemoryKernel k = InMemoryKernel.freshNamespace();
                PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            IpTool ip = new IpTool(k, o, e);
            assertEquals(1, ip.exec(List.of("xfrm")));
            assertEquals(1, ip.exec(List.of("nh")));
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("netroute ip: \"ip xfrm\" is not supported\n"
                + "Object \"nh\" is unknown, try \"ip help\".\n", err.toString(StandardCharsets.UTF_8));
    }
}
