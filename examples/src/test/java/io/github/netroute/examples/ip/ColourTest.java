package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** lib/color.c's choices: when colour is on, which palette, and what a coloured field looks like. */
class ColourTest {
    private static final String E = "\033[";

    @Test
    void checkEnableColor() {
        assertSame(Colour.OFF, Colour.of(IpOptions.COLOR_ALWAYS, true, true, null), "-json turns colour off");
        assertSame(Colour.OFF, Colour.of(IpOptions.COLOR_NEVER, false, true, null));
        assertSame(Colour.OFF, Colour.of(IpOptions.COLOR_AUTO, false, false, null), "auto: not a terminal");
        assertTrue(Colour.of(IpOptions.COLOR_AUTO, false, true, null).on(), "auto: a terminal");
        assertTrue(Colour.of(IpOptions.COLOR_ALWAYS, false, false, null).on());
    }

    @Test
    void paletteFollowsColorfgbg() {
        for (String dark : List.of("15;0", "0;default;8", "7;6", ";1")) {
            assertTrue(Colour.darkBackground(dark), dark);
        }
        for (String light : List.of("0;15", "0;7", "9", "15;0x", "", "0;default")) {
            assertFalse(Colour.darkBackground(light), light);
        }
        assertFalse(Colour.darkBackground(null));
        assertEquals(E + "1;36mbr0 " + E + "0m", Colour.of(IpOptions.COLOR_ALWAYS, false, false, "15;0")
                .wrap(Colour.Attr.IFNAME, "br0 "));
        assertEquals(E + "36mbr0 " + E + "0m", Colour.of(IpOptions.COLOR_ALWAYS, false, false, "0;15")
                .wrap(Colour.Attr.IFNAME, "br0 "));
    }

    @Test
    void optionsParseAsMatchesColor() throws Exception {
        assertEquals(IpOptions.COLOR_ALWAYS, IpOptions.parse(List.of("-c", "link")).color);
        assertEquals(IpOptions.COLOR_AUTO, IpOptions.parse(List.of("-color=auto", "link")).color);
        assertEquals(IpOptions.COLOR_NEVER, IpOptions.parse(List.of("-c", "-col=never", "link")).color);
    }

    @Test
    void routeFields() {
        Colour c = Colour.of(IpOptions.COLOR_ALWAYS, false, false, null);
        String m = E + "35m";
        String z = E + "0m";
        assertEquals("default via " + m + "10.0.0.1 " + z + "dev " + E + "36mbr0 " + z + "\n",
                c.route("default via 10.0.0.1 dev br0 \n"));
        assertEquals(m + "10.2.0.0/16 " + z + "\n\tnexthop via " + m + "10.0.0.2 " + z + "dev br0 weight 1 \n",
                c.route("10.2.0.0/16 \n\tnexthop via 10.0.0.2 dev br0 weight 1 \n"));
        assertEquals("0:\tfrom " + m + "10.0.0.0" + z + "/8 iif " + E + "36mbr0" + z + " lookup 100",
                c.rule("0:\tfrom 10.0.0.0/8 iif br0 lookup 100"));
        assertEquals("    inet " + m + "10.0.0.1" + z + "/24 brd " + m + "10.0.0.255 " + z + "scope global br0",
                c.address("    inet 10.0.0.1/24 brd 10.0.0.255 scope global br0"));
    }
}
