package io.github.netroute.routing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every gotcha of kernel-semantics.md (and those found on the real kernel) as a test of the in-memory kernel,
 * written as the {@code ip} commands one would type; the expected outcomes were checked on Linux 6.18.
 */
class KernelGotchaTest {

    static InMemoryKernel base() {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        k.setAddrGenMode(AddrGenMode.NONE);
        runOk(k, Scenarios.BASE);
        return k;
    }

    static void runOk(InMemoryKernel k, String script) {
        for (String l : script.split("\n")) {
            if (l.isBlank() || l.trim().equals("settle")) {
                continue;
            }
            IpScript.Outcome o = IpScript.run(k, l.trim());
            assertTrue(o.ok(), () -> l + ": " + o.error());
        }
    }

    static String err(InMemoryKernel k, String line) {
        IpScript.Outcome o = IpScript.run(k, line);
        assertFalse(o.ok(), () -> line + " succeeded");
        return o.error();
    }

    static String v4(InMemoryKernel k) throws Exception {
        return IpScript.routes(k, Family.INET);
    }

    static String v6(InMemoryKernel k) throws Exception {
        return IpScript.routes(k, Family.INET6);
    }

    @Test
    void freshNamespace() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        assertEquals("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n",
                IpScript.rules(k, Family.INET));
        assertEquals("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n", IpScript.rules(k, Family.INET6));
        assertEquals("", v4(k));
        assertEquals("", v6(k), "a fresh namespace has no IPv6 route until lo goes up or addr_gen_mode is written");
        assertTrue(k.addresses(Family.INET6).isEmpty());
        assertFalse(k.link("lo").orElseThrow().up());
        k.setAddrGenMode(AddrGenMode.NONE);
        assertEquals("local ::1 dev lo table local proto kernel metric 0 pref medium\n", v6(k),
                "writing addr_gen_mode gives the down lo ::1 and its local route");
        assertEquals("Error: FIB table does not exist.", err(k, "route del 1.2.3.4/32 table main"));
        assertEquals("RTNETLINK answers: No such process", err(k, "-6 route del 2001::1/128 table main"));
    }

    @Test
    void loUpGets127And1() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        runOk(k, "link set lo up");
        assertEquals("local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\n"
                + "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1\n"
                + "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1\n", v4(k));
        assertTrue(k.addresses(Family.INET6).stream().anyMatch(a -> a.toString().contains("::1/128")));
        runOk(k, "link set lo down");
        assertEquals("local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\n"
                + "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1\n", v4(k));
        assertEquals("", v6(k)); // lo down takes local ::1 too
    }

    @Test
    void ruleDuplicatesOnlyWithExcl() throws Exception {
        InMemoryKernel k = base();
        runOk(k, "rule add pref 500 from 10.0.0.0/8 table 5");
        assertEquals("RTNETLINK answers: File exists", err(k, "rule add pref 500 from 10.0.0.0/8 table 5"));
        // selectors the new rule does not set are not compared (real kernel: EEXIST)
        assertEquals("RTNETLINK answers: File exists", err(k, "rule add pref 500 table 5"));
        assertEquals("RTNETLINK answers: File exists", err(k, "rule add pref 500 not from 10.0.0.0/8 table 5"));
        k.addRuleAllowingDuplicates(Rule.parse("500: from 10.0.0.0/8 lookup 5"));
        runOk(k, "rule add from 10.0.0.0/8 table 5\nrule add from 10.0.0.0/8 table 5"); // auto prefs differ
        assertEquals(List.of(0L, 498L, 499L, 500L, 500L, 32766L, 32767L),
                k.rules(Family.INET).stream().map(Rule::priority).toList());
    }

    @Test
    void deleteFwmarkWithoutMaskOnlyMatchesFullMask() {
        InMemoryKernel k = base();
        runOk(k, "rule add pref 800 fwmark 1/0xff table 9");
        assertEquals("RTNETLINK answers: No such file or directory", err(k, "rule del fwmark 1"));
        runOk(k, "rule del fwmark 1/0xff");
    }

    @Test
    void gotoResolutionAndBackwardGoto() throws Exception {
        InMemoryKernel k = base();
        assertEquals("Error: Backward goto not supported.", err(k, "rule add pref 600 goto 400"));
        assertEquals("Error: Backward goto not supported.", err(k, "rule add goto 700")); // auto pref 32765
        runOk(k, "rule add pref 600 goto 700");
        assertTrue(IpScript.rules(k, Family.INET).contains("600:\tfrom all goto 700 [unresolved]"));
        runOk(k, "rule add pref 700 table 7\nrule add pref 700 table 8\nrule del pref 700 table 7");
        assertFalse(IpScript.rules(k, Family.INET).contains("[unresolved]"));
        runOk(k, "rule del pref 700");
        assertTrue(IpScript.rules(k, Family.INET).contains("[unresolved]"));
    }

    @Test
    void ruleValidationAndTableAllocation() throws Exception {
        InMemoryKernel k = base();
        assertEquals("Error: Invalid dsfield (tos): ECN bits must be 0.", err(k, "rule add tos 0x01 table 5"));
        assertEquals("Error: Invalid tos.", err(k, "rule add tos 0x20 table 5"));
        assertEquals("Error: Invalid sport range.", err(k, "rule add ipproto tcp sport 1024-65535 table 5"));
        assertEquals("Error: Invalid table.", err(k, "-6 rule add fwmark 1 table 0"));
        runOk(k, "rule add pref 902 fwmark 1 table 0");
        assertTrue(IpScript.rules(k, Family.INET).contains("902:\tfrom all fwmark 0x1 lookup 1"));
        runOk(k, "rule add pref 900 iif nosuch table 10");
        assertTrue(IpScript.rules(k, Family.INET).contains("iif nosuch [detached]"));
        runOk(k, "link add nosuch type bridge");
        assertFalse(IpScript.rules(k, Family.INET).contains("[detached]"));
    }

    @Test
    void ipv4TosIsPartOfTheKeyAlsoOnDelete() throws Exception {
        InMemoryKernel k = base();
        runOk(k, "route add 10.11.0.0/16 via 192.168.1.1\nroute add 10.11.0.0/16 tos 0x10 via 192.168.1.1");
        assertEquals("RTNETLINK answers: No such process", err(k, "route del 10.11.0.0/16 tos 0x08"));
        runOk(k, "route del 10.11.0.0/16 tos 0x10\nroute del 10.11.0.0/16");
        assertFalse(v4(k).contains("10.11.0.0"));
    }

    @Test
    void ipv4KeyIgnoresTypeAndVerbsFollowNlmFlags() throws Exception {
        InMemoryKernel k = base();
        runOk(k, "route add 10.10.0.0/16 via 192.168.1.1");
        assertEquals("RTNETLINK answers: File exists", err(k, "route add blackhole 10.10.0.0/16"));
        assertEquals("RTNETLINK answers: File exists", err(k, "route append 10.10.0.0/16 via 192.168.1.1"));
        runOk(k, "route append 10.10.0.0/16 via 192.168.1.5\nroute prepend 10.10.0.0/16 via 192.168.1.6");
        assertEquals("RTNETLINK answers: No such file or directory", err(k, "route change 10.11.0.0/16 via 192.168.1.1"));
        assertEquals("RTNETLINK answers: No such file or directory", err(k, "route test 10.11.0.0/16 via 192.168.1.1"));
        assertEquals("RTNETLINK answers: File exists", err(k, "route test 10.10.0.0/16 via 192.168.1.1"));
        runOk(k, "route replace 10.10.0.0/16 via 192.168.1.6"); // exact duplicate of the first: no change
        assertEquals("RTNETLINK answers: File exists", err(k, "route replace 10.10.0.0/16 via 192.168.1.5"));
        String s = v4(k);
        assertTrue(s.indexOf("via 192.168.1.6") < s.indexOf("via 192.168.1.1")
                && s.indexOf("via 192.168.1.1") < s.indexOf("via 192.168.1.5"), s);
    }

    @Test
    void ipv4RouteChecksAndExtack() {
        InMemoryKernel k = base();
        runOk(k, "link add brdown type bridge");
        assertEquals("Error: Nexthop has invalid gateway.", err(k, "route add 10.2.0.0/16 via 10.200.0.1"));
        assertEquals("Error: Nexthop has invalid gateway.", err(k, "route add 10.2.0.0/16 via 192.168.1.1 scope link"));
        assertEquals("Error: Nexthop has invalid gateway.", err(k, "route add 10.2.0.0/16 via 192.168.1.255"));
        assertEquals("Error: Nexthop has invalid gateway.", err(k, "route add 10.2.0.0/16 via 192.168.1.1 dev br1"));
        assertEquals("Error: Device for nexthop is not up.", err(k, "route add 10.2.0.0/16 dev brdown"));
        assertEquals("Error: Nexthop device is not up.", err(k, "route add 10.2.0.0/16 via 10.99.0.1 dev brdown onlink"));
        assertEquals("Error: Nexthop device required for onlink.", err(k, "route add 10.2.0.0/16 via 10.99.0.1 onlink"));
        assertEquals("Error: Invalid flags for nexthop - PERVASIVE and ONLINK can not be set.",
                err(k, "route add 10.2.0.0/16 dev br0 onlink"));
        assertEquals("Error: Nexthop has invalid gateway.", err(k, "route add 10.2.0.0/16 via 192.168.1.2 dev br0 onlink"));
        assertEquals("Error: Invalid prefsrc address.", err(k, "route add 10.2.0.0/16 via 192.168.1.1 src 10.9.9.9"));
        assertEquals("Error: Invalid scope.", err(k, "route add local 10.3.0.0/16 dev br0 scope link"));
        assertEquals("Error: Route with host scope can not have a gateway.",
                err(k, "route add local 10.3.0.0/16 via 192.168.1.1"));
        assertEquals("RTNETLINK answers: No such device", err(k, "route add local 10.3.0.0/16"));
        assertEquals("Error: Gateway, device and multipath can not be specified for this route type.",
                err(k, "route add blackhole 10.3.0.0/16 dev br0"));
        assertEquals("Error: Invalid dsfield (tos): ECN bits must be 0.",
                err(k, "route add 10.3.0.0/16 via 192.168.1.1 tos 0x01"));
        assertEquals("Error: Invalid scope.", err(k, "route add nat 10.3.0.1"));
        runOk(k, "route add 10.3.0.0/16 via 192.168.1.2\nroute add local 10.5.0.0/16 dev brdown\n"
                + "route add xresolve 10.7.0.0/16 scope nowhere\nroute add broadcast 10.6.0.255 dev br0 scope host");
    }

    @Test
    void ipv6QuirksMetricCreateMaskPrependMultipath() throws Exception {
        InMemoryKernel k = base();
        runOk(k, "-6 route add 2001:db8:13::1/48 via 2001:db8:1::1"); // host bits masked
        assertTrue(v6(k).contains("2001:db8:13::/48 via 2001:db8:1::1 dev br0 metric 1024 pref medium"), v6(k));
        runOk(k, "-6 route add 2001:db8:10::/48 via 2001:db8:1::1\n-6 route append 2001:db8:10::/48 via 2001:db8:1::5\n"
                + "-6 route prepend 2001:db8:10::/48 dev br1");
        String s = v6(k);
        assertTrue(s.contains("2001:db8:10::/48 dev br1 metric 1024 pref medium"), s);
        assertTrue(s.contains("2001:db8:10::/48 metric 1024 pref medium\n\tnexthop via 2001:db8:1::1 dev br0 weight 1"
                + "\n\tnexthop via 2001:db8:1::5 dev br0 weight 1"), s);
        assertTrue(s.indexOf("nexthop via 2001:db8:1::1") < s.indexOf("2001:db8:10::/48 dev br1"), "prepend goes last");
        // missing CREATE still adds a new key (ip route test = EXCL only); REPLACE without CREATE does not
        runOk(k, "-6 route test 2001:db8:30::/48 via 2001:db8:1::1");
        assertTrue(v6(k).contains("2001:db8:30::/48 via 2001:db8:1::1"), v6(k));
        assertEquals("Error: Can not replace route - no match found.", err(k, "-6 route change 2001:db8:12::/48 dev br0"));
        assertEquals("Error: Device only routes can not be added for IPv6 using the multipath API.",
                err(k, "-6 route add 2001:db8:11::/48 nexthop dev br0 nexthop via 2001:db8:1::1"));
        assertEquals("Error: Invalid dsfield (tos): option not available for IPv6.",
                err(k, "-6 route add 2001:db8:11::/48 via 2001:db8:1::1 tos 0x10"));
        assertEquals("RTNETLINK answers: No route to host", err(k, "-6 route add 2001:db8:11::/48 via 2001:db8:99::1"));
        assertEquals("Error: Invalid source address.",
                err(k, "-6 route add 2001:db8:11::/48 via 2001:db8:1::1 src 2001:db8:99::9"));
        assertEquals("Error: Gateway can not be a local address.",
                err(k, "-6 route add 2001:db8:14::/48 via 2001:db8:1::2 dev br0"));
        runOk(k, "link add brdown type bridge");
        assertEquals("Error: Nexthop device is not up.", err(k, "-6 route add local 2001:db8:11::1 dev brdown"));
    }

    @Test
    void linkDownFlushesUserRoutesInAllTablesAndUpDoesNotRestoreThem() throws Exception {
        InMemoryKernel k = base();
        runOk(k, "route add 10.20.0.0/16 via 10.1.0.1 table 100\nroute add 10.21.0.0/16 dev br1 table 100\n"
                + "route add local 10.23.0.1 dev br1 table 100\nroute add blackhole 10.24.0.0/16 table 100\n"
                + "route add 10.25.0.0/16 nexthop via 10.1.0.1 nexthop via 192.168.1.1");
        runOk(k, "link set br1 down");
        String down = v4(k);
        assertFalse(down.contains("10.20.0.0") || down.contains("10.21.0.0") || down.contains("10.1.0.0/16"), down);
        assertTrue(down.contains("local 10.23.0.1 dev br1 table 100") && down.contains("blackhole 10.24.0.0/16"), down);
        assertTrue(down.contains("nexthop via 10.1.0.1 dev br1 weight 1 dead linkdown"), down);
        runOk(k, "link set br1 up");
        String up = v4(k);
        assertTrue(up.contains("10.1.0.0/16 dev br1 proto kernel scope link src 10.1.0.2"), up);
        assertFalse(up.contains("10.20.0.0"), up);
    }

    @Test
    void addressRoutesSecondariesAndPrefsrcFlush() throws Exception {
        InMemoryKernel k = base();
        runOk(k, "addr add 192.168.1.3/24 dev br0\naddr add 10.30.0.1/32 dev br0\naddr add 10.31.0.1/31 dev br0\n"
                + "addr add 10.33.0.1/24 dev br0 noprefixroute\n"
                + "route add 10.40.0.0/16 via 192.168.1.1 src 192.168.1.2\n"
                + "route add 10.41.0.0/16 via 192.168.1.1 src 192.168.1.2 table 100");
        String s = v4(k);
        assertTrue(s.contains("local 192.168.1.3 dev br0 table local proto kernel scope host src 192.168.1.2"), s);
        assertFalse(s.contains("broadcast 10.31.0.1"), s); // /31: no broadcast
        assertTrue(s.contains("10.31.0.0/31 dev br0 proto kernel scope link src 10.31.0.1"), s);
        assertFalse(s.contains("10.33.0.0/24 dev"), s);
        assertTrue(s.contains("broadcast 10.33.0.255"), s); // even with noprefixroute
        assertEquals("Error: ipv4: Address already assigned.", err(k, "addr add 192.168.1.3/24 dev br0"));
        runOk(k, "addr del 192.168.1.2/24 dev br0");
        String after = v4(k);
        assertFalse(after.contains("192.168.1.3"), after); // the secondary went with its primary
        assertFalse(after.contains("10.40.0.0"), after); // main prefsrc route flushed
        assertTrue(after.contains("10.41.0.0/16 via 192.168.1.1 dev br0 table 100 src 192.168.1.2"), after);
        assertEquals("Error: ipv4: Address not found.", err(k, "addr del 10.77.0.1/24 dev br0"));
    }

    @Test
    void mergedLocalMainUntilAnIpv4RuleChanges() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        runOk(k, "link set lo up\nlink add br0 type bridge\nlink set br0 up\naddr add 192.168.1.2/24 dev br0\n"
                + "route add local 10.0.0.0/8 dev lo\nroute add 10.0.0.1/32 dev br0");
        LookupResult merged = (LookupResult) IpScript.run(k, "route get 10.0.0.1").value();
        assertEquals("br0", merged.device());
        runOk(k, "rule add pref 100 table 100");
        LookupResult split = (LookupResult) IpScript.run(k, "route get 10.0.0.1").value();
        assertEquals("lo", split.device());
        assertEquals("local", split.table().name());
    }

    @Test
    void lookupErrorsAndSources() {
        InMemoryKernel k = base();
        runOk(k, "route add default via 192.168.1.1\nroute add unreachable 10.51.0.0/16\nroute add prohibit 10.52.0.0/16");
        assertEquals("RTNETLINK answers: No route to host", err(k, "route get 10.51.0.1"));
        assertEquals("RTNETLINK answers: Permission denied", err(k, "route get 10.52.0.1"));
        assertEquals("RTNETLINK answers: Network is unreachable", err(k, "route get 8.8.8.8 from 10.9.9.9"));
        LookupResult r = (LookupResult) IpScript.run(k, "route get 8.8.8.8 from 10.1.0.2").value();
        assertNull(r.source()); // the kernel reports a prefsrc only when it chose the source
        LookupResult onlink = (LookupResult) IpScript.run(k, "route get 8.8.8.8 oif br1").value();
        assertEquals("br1", onlink.device());
    }

    @Test
    void ifindexesIncreaseAndAreNotReused() throws Exception {
        InMemoryKernel k = InMemoryKernel.freshNamespace();
        runOk(k, "link add br0 type bridge\nlink add br1 type bridge\nlink del br0\nlink add br2 type bridge");
        assertEquals(List.of(1, 3, 4), k.links().stream().map(l -> l.index()).toList());
        assertEquals("RTNETLINK answers: File exists", err(k, "link add br1 type bridge"));
    }
}
