package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netroute ip -j}, {@code -p} and {@code -d} on the in-memory kernel (no root needed), against what iproute2
 * 6.1 printed for the same commands on Linux 6.18 (captured with {@code ip -n NS -j …}; the batch files
 * {@code ip-batches/29..31-*.batch} compare the same output three ways on a real kernel).
 */
class IpJsonTest {
    @TempDir
    Path tmp;

    private String run(List<String> options, String... lines) throws Exception {
        Path f = tmp.resolve("t.batch");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("--addr-gen-mode", "none"));
        argv.addAll(options);
        argv.addAll(List.of("-force", "-batch", f.toString()));
        try (PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            IpCommand.run(argv, new ByteArrayInputStream(new byte[0]), both, both);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final String[] SETUP = {"link add br0 type bridge", "link set br0 up",
        "addr add 192.168.1.2/24 dev br0", "route add 10.0.0.0/8 via 192.168.1.1 proto 42 metric 100",
        "route add 10.1.0.0/16 nexthop via 192.168.1.1 weight 2 nexthop via 192.168.1.254"};

    private static String[] with(String... more) {
        List<String> l = new ArrayList<>(List.of(SETUP));
        l.addAll(List.of(more));
        return l.toArray(new String[0]);
    }

    @Test
    void routeShowIsIproute2sJsonKeyForKey() throws Exception {
        assertEquals("[{\"dst\":\"10.0.0.0/8\",\"gateway\":\"192.168.1.1\",\"dev\":\"br0\",\"protocol\":\"babel\","
                + "\"metric\":100,\"flags\":[]},{\"dst\":\"10.1.0.0/16\",\"flags\":[],\"nexthops\":[{\"gateway\":"
                + "\"192.168.1.1\",\"dev\":\"br0\",\"weight\":2,\"flags\":[]},{\"gateway\":\"192.168.1.254\","
                + "\"dev\":\"br0\",\"weight\":1,\"flags\":[]}]},{\"dst\":\"192.168.1.0/24\",\"dev\":\"br0\","
                + "\"protocol\":\"kernel\",\"scope\":\"link\",\"prefsrc\":\"192.168.1.2\",\"flags\":[]}]\n"
                + "[]\n", run(List.of("-j"), with("route show", "route show table 100")));
    }

    @Test
    void prettyRuleShowIsJsonWritersLayout() throws Exception {
        assertEquals("""
                [ {
                        "priority": 0,
                        "src": "all",
                        "table": "local"
                    },{
                        "priority": 100,
                        "src": "10.0.0.0",
                        "srclen": 8,
                        "table": "100"
                    },{
                        "priority": 32766,
                        "src": "all",
                        "table": "main"
                    },{
                        "priority": 32767,
                        "src": "all",
                        "table": "default"
                    } ]
                """, run(List.of("-j", "-p"), "rule add from 10.0.0.0/8 lookup 100 pref 100", "rule show"));
    }

    /** No rule was changed: local and main are one trie, and the answers report table main (not printed). */
    @Test
    void routeGetAnswersCarryTheCacheFlagsAsAnArray() throws Exception {
        assertEquals("[{\"type\":\"local\",\"dst\":\"10.96.0.1\",\"dev\":\"lo\",\"prefsrc\":"
                + "\"192.168.1.2\",\"flags\":[],\"uid\":0,\"cache\":[\"local\"]}]\n"
                + "[{\"type\":\"broadcast\",\"dst\":\"192.168.1.255\",\"dev\":\"br0\",\"prefsrc\":"
                + "\"192.168.1.2\",\"flags\":[],\"uid\":0,\"cache\":[\"local\",\"brd\"]}]\n",
                run(List.of("-json"), with("route add local 10.96.0.0/12 dev br0 src 192.168.1.2",
                        "route get 10.96.0.1", "route get 192.168.1.255")));
    }

    @Test
    void detailsPrintTypeTableProtocolAndScope() throws Exception {
        assertEquals("""
                unicast 10.0.0.0/8 via 192.168.1.1 dev br0 proto babel scope global metric 100\s
                unicast 10.1.0.0/16 proto boot scope global\s
                \tnexthop via 192.168.1.1 dev br0 weight 2\s
                \tnexthop via 192.168.1.254 dev br0 weight 1\s
                unicast 192.168.1.0/24 dev br0 proto kernel scope link src 192.168.1.2\s
                0:\tfrom all lookup local proto kernel
                32766:\tfrom all lookup main proto kernel
                32767:\tfrom all lookup default proto kernel
                """, run(List.of("-d"), with("route show", "rule show")));
    }

    @Test
    void addressesAndLinksInJson() throws Exception {
        assertEquals("[{\"ifindex\":2,\"ifname\":\"br0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],"
                + "\"mtu\":1500,\"qdisc\":\"noqueue\",\"operstate\":\"UNKNOWN\",\"group\":\"default\",\"txqlen\":1000,"
                + "\"link_type\":\"ether\",\"address\":\"<mac>\",\"broadcast\":\"ff:ff:ff:ff:ff:ff\",\"addr_info\":["
                + "{\"family\":\"inet\",\"local\":\"192.168.1.2\",\"prefixlen\":24,\"scope\":\"global\",\"label\":"
                + "\"br0\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},{\"family\":\"inet\","
                + "\"local\":\"10.5.0.1\",\"prefixlen\":16,\"metric\":5,\"scope\":\"global\",\"noprefixroute\":true,"
                + "\"label\":\"br0\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295}]}]\n"
                + "Device \"nosuch\" does not exist.\nCommand failed F:8\n",
                run(List.of("-j"), with("addr add 10.5.0.1/16 dev br0 noprefixroute metric 5", "addr show dev br0",
                        "addr show dev nosuch")).replaceAll("\"address\":\"[0-9a-f:]{17}\"", "\"address\":\"<mac>\"")
                        .replace(tmp.resolve("t.batch").toString(), "F"));
    }

    @Test
    void jsonWriterEscapesAsIproute2() {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb, false);
        w.startArray();
        w.startObject();
        w.field("k", "a\"b\\c\td");
        w.nullField("n");
        w.name("e");
        w.startArray();
        w.endArray();
        w.endObject();
        w.endArray();
        w.finish();
        assertEquals("[{\"k\":\"a\\\"b\\\\c\\td\",\"n\":null,\"e\":[]}]\n", sb.toString());
    }
}
