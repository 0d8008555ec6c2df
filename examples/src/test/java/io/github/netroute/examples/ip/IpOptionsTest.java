package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ip.c main()'s option matching: prefixes in its order, "--x" as "-x", "--" and the first word ending them. */
class IpOptionsTest {
    static IpOptions parse(String line) throws IpError {
        return IpOptions.parse(line.isEmpty() ? List.of() : Arrays.asList(line.split(" ")));
    }

    @Test
    void prefixesResolveInIpcOrder() throws IpError {
        assertEquals(IpOptions.Fam.INET6, parse("-f inet6 route").family); // -f is -family, not -force
        assertTrue(parse("-fo route").force);
        assertEquals("x", parse("-b x").batch); // -b is -batch, -br -brief
        assertTrue(parse("-br link").brief);
        assertTrue(parse("-o link").oneline);
        assertTrue(parse("--oneline link").oneline);
        assertEquals("blue", parse("-n blue route").netns);
        assertEquals("blue", parse("--netns blue route").netns);
        assertEquals(List.of("route"), parse("-h route").rest); // -h is -human-readable
        assertEquals(List.of(), parse("- route").rest); // "-" is -loops, which takes "route"
        assertEquals(List.of("-4", "route"), parse("-- -4 route").rest);
        assertEquals(List.of("route", "-4"), parse("route -4").rest);
        assertTrue(parse("-V -x").version); // -Version exits before the unknown -x
    }

    @Test
    void familiesAndTheLastOneWins() throws IpError {
        assertEquals(IpOptions.Fam.PACKET, parse("-4 -0 addr").family);
        assertEquals(IpOptions.Fam.INET, parse("-0 -4 addr").family);
        assertEquals("-4", parse("-0 -4 addr").familyOpt);
        assertEquals(IpOptions.Fam.MPLS, parse("-fam mpls route").family);
        assertEquals(IpOptions.Fam.BRIDGE, parse("-B route").family);
        IpError bad = assertThrows(IpError.class, () -> parse("-f bogus route"));
        assertEquals("Error: argument \"bogus\" is wrong: invalid protocol family", bad.getMessage());
        assertEquals(255, bad.exit);
        assertTrue(assertThrows(IpError.class, () -> parse("-f")).getMessage().startsWith("Usage: ip [ OPTIONS ]"));
    }

    @Test
    void colourIsNeverUnlessAsked() throws IpError {
        assertEquals(IpOptions.COLOR_NEVER, parse("route").color);
        assertEquals(IpOptions.COLOR_ALWAYS, parse("-c route").color);
        assertEquals(IpOptions.COLOR_ALWAYS, parse("-color=always route").color);
        assertEquals(IpOptions.COLOR_AUTO, parse("-c=auto route").color);
        assertEquals(IpOptions.COLOR_NEVER, parse("-col=never route").color);
        assertEquals("Option \"-c=bad\" is unknown, try \"ip -help\".",
                assertThrows(IpError.class, () -> parse("-c=bad route")).getMessage());
    }

    @Test
    void errorsAreIproute2s() {
        assertEquals("Option \"-foo\" is unknown, try \"ip -help\".",
                assertThrows(IpError.class, () -> parse("--foo")).getMessage());
        assertEquals("Option \"-e\" is unknown, try \"ip -help\".",
                assertThrows(IpError.class, () -> parse("-e route")).getMessage());
        assertEquals("Invalid rcvbuf size 'x'", assertThrows(IpError.class, () -> parse("-rc x route")).getMessage());
        assertEquals("Cannot open network namespace \"(null)\": No such file or directory",
                assertThrows(IpError.class, () -> parse("-n")).getMessage());
        assertEquals("netroute ip: option \"-r\" (-resolve) is not supported",
                assertThrows(IpError.class, () -> parse("-r route")).getMessage());
    }

    @Test
    void netroutesOwnOptionsAreSpelledOut() throws IpError {
        IpOptions o = parse("--host --addr-gen-mode none --state s.ip --events e.log route");
        assertTrue(o.host);
        assertEquals("s.ip", o.state.toString());
        assertEquals("e.log", o.events.toString());
        assertEquals(io.github.netroute.routing.testkit.AddrGenMode.NONE, o.genMode);
        assertFalse(parse("route").host);
        assertNull(parse("route").netns);
        // one dash: iproute2's words only
        assertEquals("Option \"-host\" is unknown, try \"ip -help\".",
                assertThrows(IpError.class, () -> parse("-host route")).getMessage());
    }
}
