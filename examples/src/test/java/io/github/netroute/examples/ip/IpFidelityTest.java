package io.github.netroute.examples.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of difference the generated differential suite found, pinned on the in-memory kernel (no root
 * needed); the same lines run against Linux in {@code ip-batches/16..20-*.batch}.
 */
class IpFidelityTest {
    @TempDir
    Path tmp;

    /** stdout and stderr in one stream, in order, and the exit code (as the differential suite reads them). */
    private String batch(String... lines) throws Exception {
        Path f = tmp.resolve("t.batch");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            int rc = IpCommand.run(List.of("--addr-gen-mode", "none", "-force", "-batch", f.toString()),
                    new ByteArrayInputStream(new byte[0]), both, both);
            return bytes.toString(StandardCharsets.UTF_8).replace(f.toString(), "F") + "exit " + rc + "\n";
        }
    }

    @Test
    void ipv4HostBitsAreLinuxsEinvalAndIpv6HostBitsAreMasked() throws Exception {
        assertEquals("""
                Error: Invalid prefix for given prefix length.
                Command failed F:4
                Cannot find device "nosuch"
                Command failed F:5
                Error: Invalid prefix for given prefix length.
                Command failed F:6
                2001:db8:1::/64 dev br0 metric 1024 pref medium
                exit 1
                """, batch("link add br0 type bridge", "link set br0 up", "addr add 192.168.1.2/24 dev br0",
                "route add 10.1.2.3/24 dev br0", "route add 10.1.2.3/24 dev nosuch", "route del 10.13.0.0/15",
                "route add 2001:db8:1::1/64 dev br0", "route show table all 2001:db8:1::/64"));
    }

    @Test
    void aForceBatchGoesOnAfterEveryFailingLine() throws Exception {
        assertEquals("""
                "ip rule add" requires arguments.
                Command failed F:1
                "ip rule del" requires arguments.
                Command failed F:2
                Flush requires arguments.
                Command failed F:3
                Error: Invalid dst address.
                Command failed F:4
                0:	from all lookup local
                32765:	from all lookup 101
                32766:	from all lookup main
                32767:	from all lookup default
                exit 1
                """, batch("rule add", "rule del", "addr flush", "rule add to fd00::/8 lookup 100",
                "rule add from ::/0 lookup 101", "rule show"));
    }

    @Test
    void protocolAndScopeNamesGoThroughIproute2sOneEntryCaches() {
        NameCache c = new NameCache();
        assertEquals(List.of("proto", "boot"), c.rewrite(List.of("proto", "boot")));
        assertEquals(List.of("proto", "42"), c.rewrite(List.of("proto", "42")));
        assertEquals(List.of("proto", "42"), c.rewrite(List.of("proto", "boot")));
        assertEquals(List.of("proto", "static"), c.rewrite(List.of("proto", "static")));
        assertEquals(List.of("scope", "link"), c.rewrite(List.of("scope", "link")));
        assertEquals(List.of("scope", "200"), c.rewrite(List.of("scope", "200")));
        assertEquals(List.of("scope", "200"), c.rewrite(List.of("scope", "link")));
    }

    @Test
    void nexthopShowReadsItsProtocolAsANumberOutsideTheCache() {
        // iproute2 6.1 ipnh_list_flush_args: get_unsigned(), so "proto 4" there leaves the cache of "proto 42"
        NameCache c = new NameCache();
        c.rewrite(List.of("nexthop", "add", "id", "1", "blackhole", "proto", "static"));
        c.rewrite(List.of("route", "show", "proto", "42"));
        assertEquals(List.of("nexthop", "show", "proto", "4"), c.rewrite(List.of("nexthop", "show", "proto", "4")));
        assertEquals(List.of("nexthop", "add", "id", "2", "blackhole", "proto", "42"),
                c.rewrite(List.of("nexthop", "add", "id", "2", "blackhole", "proto", "static")));
    }

    @Test
    void routeGetAnswersBroadcastMulticastAndTheInputPathAsLinux() throws Exception {
        assertEquals("""
                broadcast 255.255.255.255 dev br0 src 192.168.1.2 uid 0\s
                    cache <local,brd>\s
                multicast 224.0.0.1 dev br0 src 192.168.1.2 rt_offload_failed uid 0\s
                    cache <local,mc>\s
                multicast 239.1.1.1 dev br0 src 192.168.1.2 rt_offload_failed uid 0\s
                    cache <mc>\s
                local 0.0.0.0 dev lo src 127.0.0.1 uid 0\s
                    cache <local>\s
                broadcast 192.168.1.255 from 192.168.1.7 dev lo\s
                    cache <local,brd> iif br0\s
                RTNETLINK answers: No route to host
                Command failed F:10
                Error: Unsupported ip proto.
                Command failed F:11
                exit 1
                """, batch("link add br0 type bridge", "link set br0 up", "addr add 192.168.1.2/24 dev br0",
                "route add default via 192.168.1.1", "route get 255.255.255.255", "route get 224.0.0.1",
                "route get 239.1.1.1", "route get 0.0.0.0", "route get 192.168.1.255 from 192.168.1.7 iif br0",
                "route get fibmatch 0.0.0.0", "route get ::1 ipproto icmp"));
    }
}
