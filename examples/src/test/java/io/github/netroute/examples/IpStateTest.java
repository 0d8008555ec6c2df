package io.github.netroute.examples;

import io.github.netroute.examples.ip.IpCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netroute ip --state FILE}: a node's routing designed offline over several invocations. */
class IpStateTest {
    @TempDir
    Path dir;

    private Cli.Result ip(Path state, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("--state", state.toString()));
        argv.addAll(List.of(args));
        return Cli.ip(argv, null);
    }

    @Test
    void aSessionBuildsStateAndTheStateFileIsAJournal() throws Exception {
        Path f = dir.resolve("node.ip");
        assertEquals(0, ip(f, "link", "set", "lo", "up").code());
        assertEquals(0, ip(f, "link", "add", "eth0", "type", "bridge").code());
        assertEquals(0, ip(f, "link", "set", "eth0", "up").code());
        assertEquals(0, ip(f, "addr", "add", "192.168.1.2/24", "dev", "eth0").code());
        assertEquals(0, ip(f, "route", "add", "default", "via", "192.168.1.1").code());
        assertEquals(0, ip(f, "link", "add", "kube-ipvs0", "type", "bridge").code());
        assertEquals(0, ip(f, "route", "add", "local", "10.96.0.0/12", "dev", "kube-ipvs0", "scope", "host",
                "src", "192.168.1.2").code());
        assertEquals(0, ip(f, "rule", "add", "from", "10.0.0.0/32", "table", "44").code());
        assertEquals(0, ip(f, "-6", "route", "add", "unreachable", "fd00:99::/48").code());
        assertEquals(0, ip(f, "-6", "route", "add", "unreachable", "default").code());
        // a failing command is not journaled and changes nothing
        Cli.Result dup = ip(f, "route", "add", "default", "via", "192.168.1.1");
        assertEquals(2, dup.code());
        assertEquals("RTNETLINK answers: File exists\n", dup.err());
        // shows are not journaled
        Cli.Result show = ip(f, "route", "show");
        assertEquals(0, show.code(), show::toString);
        assertEquals("default via 192.168.1.1 dev eth0 \n"
                + "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.2 \n", show.out());
        String local = ip(f, "route", "show", "table", "local").out();
        assertTrue(local.contains("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2 \n"), local);
        Cli.Result get = ip(f, "route", "get", "10.96.0.1");
        assertEquals("local 10.96.0.1 dev lo table local src 192.168.1.2 uid 0 \n    cache <local> \n", get.out());
        assertTrue(ip(f, "rule", "show").out().contains("32765:\tfrom 10.0.0.0 lookup 44\n"));
        assertTrue(ip(f, "-6", "route", "show").out().contains("unreachable fd00:99::/48 dev lo metric 1024"));

        // the journal: every successful change, in order; an 'ip -batch' file, but for the one line that needs its
        // -6 (iproute2 batch lines cannot carry it; netroute replays it)
        List<String> journal = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "link set lo up",
                "link add eth0 type bridge",
                "link set eth0 up",
                "addr add 192.168.1.2/24 dev eth0",
                "route add default via 192.168.1.1",
                "link add kube-ipvs0 type bridge",
                "route add local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2",
                "rule add from 10.0.0.0/32 table 44",
                "route add unreachable fd00:99::/48",
                "-6 route add unreachable default"), journal);

        // a later change in a batch is journaled too; a deletion is journaled as such
        Cli.Result batch = Cli.ip(List.of("--state", f.toString(), "-batch", "-"),
                "route del default\nroute show\n");
        assertEquals(0, batch.code(), batch::toString);
        assertEquals("192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.2 \n", batch.out());
        assertEquals("route del default", Files.readAllLines(f).get(journal.size()));
        assertFalse(ip(f, "route", "show").out().contains("default"));
    }

    @Test
    void withoutStateEveryRunStartsFromAFreshNamespace() {
        assertEquals(0, Cli.ip("link", "add", "br0", "type", "bridge").code());
        Cli.Result links = Cli.ip("link", "show");
        assertEquals("1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n", links.out());
        assertEquals("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n",
                Cli.ip("rule", "show").out());
    }

    @Test
    void addrGenModeIsKeptInTheStateFile() throws Exception {
        Path f = dir.resolve("v6.ip");
        assertEquals(0, Cli.ip("--state", f.toString(), "--addr-gen-mode", "none", "link", "add", "br0", "type",
                "bridge").code());
        assertEquals(0, ip(f, "link", "set", "br0", "up").code());
        assertEquals(IpCommand.GEN_MODE_LINE + "none", Files.readAllLines(f).get(0));
        // no MAC-derived link-local address: addr_gen_mode none came back from the file
        assertFalse(ip(f, "-6", "addr", "show").out().contains("fe80::"));
        Path g = dir.resolve("eui64.ip");
        assertEquals(0, ip(g, "link", "add", "br0", "type", "bridge").code());
        assertEquals(0, ip(g, "link", "set", "br0", "up").code());
        assertTrue(ip(g, "-6", "addr", "show").out().contains("inet6 fe80::"));
    }

    @Test
    void stateExcludesARealKernel() {
        Cli.Result r = Cli.ip("--state", dir.resolve("x").toString(), "--netns", "nr-none", "route", "show");
        assertEquals(255, r.code());
        assertTrue(r.err().contains("--state is for the in-memory kernel"), r::toString);
    }
}
