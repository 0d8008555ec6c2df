package io.github.netroute.examples;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands against a real network namespace ({@code --netns}), the outcome read back with the real
 * {@code ip}, not with netroute. Needs root, Linux and iproute2 (skipped otherwise). The CI kernel has no
 * {@code dummy} link type: kube-ipvs0 and the node's NICs are bridges here.
 */
@RealKernelTest
class RealKernelCommandsTest {
    private RealNs ns;

    @BeforeEach
    void namespace() {
        RealNs.assumeUsable();
        ns = RealNs.create();
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    private void ip(String... args) {
        ns.ip(args).ok();
    }

    private String show(String... args) {
        return ns.ip(args).ok().out();
    }

    /** eth0 (a bridge) up with the node IP, a default route, kube-ipvs0 (a bridge) down with ClusterIP /32s. */
    private void ipvsNode(boolean v6) {
        ip("link", "set", "lo", "up");
        ip("link", "add", "eth0", "type", "bridge");
        ip("link", "set", "eth0", "up");
        ip("addr", "add", "192.168.1.2/24", "dev", "eth0");
        ip("route", "add", "default", "via", "192.168.1.1");
        ip("link", "add", "kube-ipvs0", "type", "bridge");
        for (int i = 1; i <= 50; i++) {
            ip("addr", "add", "10.96.0." + i + "/32", "dev", "kube-ipvs0");
        }
        ip("addr", "add", "10.96.100.7/32", "dev", "kube-ipvs0");
        if (v6) {
            ip("addr", "add", "fd00:1::2/64", "dev", "eth0", "nodad");
            ip("-6", "route", "add", "default", "via", "fd00:1::1");
            for (int i = 1; i <= 20; i++) {
                ip("addr", "add", "fd00:96::" + Integer.toHexString(i) + "/128", "dev", "kube-ipvs0", "nodad");
            }
            ns.settle();
        }
        assertTrue(show("route", "show", "table", "local").contains("local 10.96.0.10 dev kube-ipvs0 proto kernel"
                + " scope host src 10.96.0.10 "));
    }

    @Test
    void kubeIpvs0OnARealNamespace() {
        ipvsNode(false);
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2",
                "--netns", ns.name);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("- addr del 51 per-ClusterIP address(es) from kube-ipvs0"), r::toString);

        // read back with iproute2: one local route with src NODE-IP, no per-ClusterIP local routes, no addresses
        String local = show("route", "show", "table", "local");
        assertTrue(local.contains("local 10.96.0.0/12 dev kube-ipvs0 proto 200 scope host src 192.168.1.2 \n"), local);
        assertFalse(local.contains("local 10.96.0.10 "), local);
        String addrs = show("addr", "show", "dev", "kube-ipvs0");
        assertFalse(addrs.contains("inet 10.96."), addrs);
        String get = show("route", "get", "10.96.0.10");
        assertTrue(get.startsWith("local 10.96.0.10 dev lo ") && get.contains(" src 192.168.1.2 "), get);
        assertTrue(get.contains("cache <local>"), get);

        // idempotent: the second run on the same kernel changes nothing and says so
        Cli.Result again = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2",
                "--netns", ns.name);
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("nothing to change"), again::toString);
        assertEquals(local, show("route", "show", "table", "local"));
    }

    @Test
    void kubeIpvs0DualStackKeepsForeignAddresses() {
        ipvsNode(true);
        ip("addr", "add", "10.200.0.1/32", "dev", "kube-ipvs0"); // not in a service CIDR: stays
        Cli.Result dry = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--service-cidr",
                "fd00:96::/108", "--node-ip", "192.168.1.2", "--node-ip", "fd00:1::2", "--netns", ns.name, "--dry-run");
        assertEquals(0, dry.code(), dry::toString);
        assertTrue(show("addr", "show", "dev", "kube-ipvs0").contains("inet 10.96.0.10/32"), "dry run changed nothing");

        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--service-cidr",
                "fd00:96::/108", "--node-ip", "192.168.1.2", "--node-ip", "fd00:1::2", "--netns", ns.name);
        assertEquals(0, r.code(), r::toString);
        ns.settle();
        String addrs = show("addr", "show", "dev", "kube-ipvs0");
        assertTrue(addrs.contains("inet 10.200.0.1/32 scope global kube-ipvs0"), addrs);
        assertFalse(addrs.contains("inet 10.96."), addrs);
        assertFalse(addrs.contains("inet6 fd00:96::"), addrs);
        assertTrue(show("link", "show", "kube-ipvs0").contains(",UP,"), "kube-ipvs0 up for the IPv6 local route");
        String local4 = show("route", "show", "table", "local");
        assertTrue(local4.contains("local 10.96.0.0/12 dev kube-ipvs0 proto 200 scope host src 192.168.1.2 \n"),
                local4);
        String local6 = show("-6", "route", "show", "table", "local");
        assertTrue(local6.contains("local fd00:96::/108 dev kube-ipvs0 proto 200 src fd00:1::2 metric 1024 pref medium\n"),
                local6);
        assertFalse(local6.contains("local fd00:96::1 "), local6);
        assertTrue(show("route", "get", "10.96.0.1").contains(" src 192.168.1.2 "));
        String get6 = show("route", "get", "fd00:96::1");
        assertTrue(get6.startsWith("local fd00:96::1 ") && get6.contains(" src fd00:1::2 "), get6);

        Cli.Result again = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--service-cidr",
                "fd00:96::/108", "--node-ip", "192.168.1.2", "--node-ip", "fd00:1::2", "--netns", ns.name);
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("nothing to change"), again::toString);
    }

    /** Without kube-ipvs0 the command creates a dummy; this kernel has none, and the command must say so. */
    @Test
    void kubeIpvs0SaysClearlyWhenTheKernelHasNoDummy() {
        ip("link", "add", "eth0", "type", "bridge");
        ip("link", "set", "eth0", "up");
        ip("addr", "add", "192.168.1.2/24", "dev", "eth0");
        boolean dummy = ns.ip("link", "add", "nr-probe", "type", "dummy").code() == 0;
        if (dummy) {
            ip("link", "del", "nr-probe");
        }
        Cli.Result r = Cli.netroute("kube-ipvs0", "--service-cidr", "10.96.0.0/12", "--node-ip", "192.168.1.2",
                "--netns", ns.name);
        if (dummy) {
            // a kernel with dummies: kube-ipvs0 is created
            assertEquals(0, r.code(), r::toString);
            assertTrue(show("link", "show", "kube-ipvs0").contains("kube-ipvs0"));
            return;
        }
        assertNotEquals(0, r.code(), r::toString);
        assertTrue((r.out() + r.err()).contains("this kernel has no 'dummy' link type"), r::toString);
        assertFalse(ns.ip("link", "show", "kube-ipvs0").code() == 0, "no kube-ipvs0 was made");
        assertFalse(show("route", "show", "table", "local").contains("10.96.0.0/12"));
    }

    @Test
    void oamPolicyAddAndDeleteOnARealNamespace() {
        ip("link", "set", "lo", "up");
        ip("link", "add", "eth1", "type", "bridge");
        ip("link", "set", "eth1", "up");
        ip("addr", "add", "192.168.1.2/24", "dev", "eth1");
        ip("link", "add", "kube-ipvs0", "type", "bridge");
        ip("addr", "add", "10.0.0.0/32", "dev", "kube-ipvs0");
        // foreign state in the same table / for the same source, another protocol: must survive --delete
        ip("route", "add", "10.1.0.0/16", "via", "192.168.1.1", "table", "44", "proto", "static");
        ip("rule", "add", "from", "10.0.0.0/32", "lookup", "44", "priority", "1000", "proto", "static");
        String rulesBefore = show("rule", "show");
        String tableBefore = show("route", "show", "table", "44");

        Cli.Result r = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "192.168.1.202", "--table",
                "44", "--netns", ns.name);
        assertEquals(0, r.code(), r::toString);
        String rules = show("rule", "show");
        assertTrue(rules.contains("\tfrom 10.0.0.0 lookup 44 proto 200\n"), rules);
        String table = show("route", "show", "table", "44");
        assertTrue(table.contains("default via 192.168.1.202 dev eth1 proto 200 \n"), table);
        assertTrue(table.contains("10.1.0.0/16 via 192.168.1.1 dev eth1 proto static \n"), table);
        String get = show("route", "get", "192.168.2.221", "from", "10.0.0.0");
        assertTrue(get.contains("via 192.168.1.202 dev eth1"), get);

        Cli.Result again = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "192.168.1.202",
                "--table", "44", "--netns", ns.name);
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("nothing to change"), again::toString);
        assertEquals(rules, show("rule", "show"));

        Cli.Result del = Cli.netroute("oam-policy", "--lb-ip", "10.0.0.0", "--gateway", "192.168.1.202", "--table",
                "44", "--delete", "--netns", ns.name);
        assertEquals(0, del.code(), del::toString);
        assertEquals(rulesBefore, show("rule", "show"));
        assertEquals(tableBefore, show("route", "show", "table", "44"));
    }
}
