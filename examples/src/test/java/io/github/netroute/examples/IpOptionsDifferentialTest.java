package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.testsupport.RealKernelTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ip}'s global options and abbreviations, {@code netroute ip --netns NS OPTIONS...} against {@code ip -n NS
 * OPTIONS...} on one namespace (the same state, read by both): stdout, stderr and the exit status must be equal.
 * Output options ({@code -br}, {@code -o}, {@code -0}, {@code -f}, colour when not asked), option spellings and
 * abbreviations ({@code -fam}, {@code --}, {@code -h} as -human), option errors, and object and command
 * abbreviations ({@code li}, {@code a lst}, {@code ru list}...).
 */
@RealKernelTest
class IpOptionsDifferentialTest {
    static RealNs ns;

    @BeforeAll
    static void setUp() {
        RealNs.assumeUsable();
        ns = RealNs.create();
        for (String c : List.of("link set lo up", "link add br0 type bridge", "link set br0 up",
                "link add br1 type bridge", "addr add 10.0.0.1/24 dev br0", "addr add 2001:db8::1/64 dev br0 nodad",
                "addr add 10.0.1.1/24 brd + dev br1 label br1:x", "addr add 10.0.2.1 peer 10.0.2.2/32 dev br0",
                "route add 10.9.0.0/16 nexthop via 10.0.0.2 dev br0 nexthop via 10.0.0.3 dev br0",
                "route add 2001:db8:9::/48 nexthop via 2001:db8::2 dev br0 nexthop via 2001:db8::3 dev br0",
                "route add 10.8.0.0/16 via 10.0.0.4 table 100", "rule add from 10.0.0.0/24 table 100 pref 100")) {
            ns.ip(c.split(" ")).ok();
        }
        ns.settle();
    }

    @AfterAll
    static void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    @ParameterizedTest(name = "ip {0}")
    @ValueSource(strings = {
        // -brief, -oneline, and both
        "-br link", "-brief link show", "-br link show dev br0", "-br addr", "-br -4 addr", "-br -6 addr",
        "-br addr show dev lo", "-br -o addr", "-br route", "-br rule", "-o link", "-oneline link show", "-o addr",
        "-o -4 addr", "-o -6 addr", "-o route", "-o -6 route", "-o route show table all", "-o rule",
        "-o route get 10.0.0.5", "-o route get 10.9.0.1", "-o -6 route get 2001:db8::5", "-o nexthop",
        // families
        "-4 route", "-6 route", "-f inet route", "-family inet6 route", "-fam inet6 addr", "-f inet6 rule",
        "-0 addr", "-o -0 addr", "-br -0 addr", "-0 link", "-4 -0 addr", "-0 -4 addr", "-6 link", "-0 route",
        "-M route", "-B route", "-f link route", "-f mpls addr", "-B addr", "-0 nexthop", "-0 rule", "-M rule",
        "-f bogus route", "-f", "-f help", "-family",
        // colour: off unless a terminal asks (these tests' stdout is a pipe)
        "-c=auto route", "-color=auto link", "-c=never link", "-col=never addr", "-c=bad route",
        // spellings, ignored options, errors
        "-- route", "--oneline link", "- route", "-l 3 route", "-loops 1 addr", "-rc 100000 route", "-rc x route",
        "-rcvbuf", "-h route", "-human-readable link", "-iec route", "-a route", "-x", "--foo", "-e route",
        "-help", "--help", "-he", "-b", "-batch", "-n nr-no-such-namespace route", "-4",
        // abbreviations of objects and commands (ip.c cmds[] order, each do_* order)
        "a", "addr", "addr lst", "a sh dev br0", "r", "ro", "ro ls", "r list table 100", "r sh table all",
        "ru", "ru list", "ru lst", "ru sh", "l", "li", "lin sh", "l ls", "l list br0", "nexthop", "nex ls",
        "r g 10.9.0.1", "nh", "neighbors", "ip"})
    void netrouteIpTakesTheOptionAsIproute2(String args) {
        List<String> argv = Arrays.asList(args.split(" "));
        List<String> real = new ArrayList<>(List.of("ip", "-n", ns.name));
        real.addAll(argv);
        RealNs.Proc ip = RealNs.exec(real, null);
        List<String> nr = new ArrayList<>(List.of("--netns", ns.name));
        nr.addAll(argv);
        Cli.Result got = Cli.ip(nr, null);
        assertEquals(ip.err(), got.err(), () -> "stderr of ip " + args);
        assertEquals(ip.out(), got.out(), () -> "stdout of ip " + args);
        assertEquals(ip.code(), got.code(), () -> "exit status of ip " + args);
    }
}
