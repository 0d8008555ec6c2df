package io.github.netroute.routing.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios for the real-kernel check: {@code ip -batch} lines (a leading {@code -6} marks an IPv6 command; a
 * line {@code settle} waits for the real kernel's asynchronous IPv6 address routes). Every scenario starts in a
 * fresh namespace with {@code net.ipv6.conf.{all,default}.addr_gen_mode=1}.
 */
final class Scenarios {
    private Scenarios() {}

    static final String BASE = """
            link set lo up
            link add br0 type bridge
            link set br0 up
            addr add 192.168.1.2/24 dev br0
            link add br1 type bridge
            link set br1 up
            addr add 10.1.0.2/16 dev br1
            -6 addr add 2001:db8:1::2/64 dev br0 nodad
            settle
            """;

    static Map<String, List<String>> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fresh-lo-down", """
                link add br0 type bridge
                route add 10.0.0.0/8 dev br0
                route del 10.0.0.0/8 table main
                link set br0 up
                route add 10.0.0.0/8 dev br0
                route get 10.1.2.3
                route get 127.0.0.1
                link add br1 type bridge
                link del br0
                link add br2 type bridge
                """);
        m.put("lo-up", """
                link set lo up
                route get 127.0.0.5
                link set lo down
                link set lo up
                settle
                """);
        m.put("route-verbs-v4", BASE + """
                route add 10.10.0.0/16 via 192.168.1.1
                route add 10.10.0.0/16 via 192.168.1.1
                route add 10.10.0.0/16 via 192.168.1.5
                route add blackhole 10.10.0.0/16
                route append 10.10.0.0/16 via 192.168.1.5
                route append 10.10.0.0/16 via 192.168.1.5
                route prepend 10.10.0.0/16 via 192.168.1.6
                route prepend 10.10.0.0/16 via 192.168.1.1
                route replace 10.10.0.0/16 via 192.168.1.6
                route replace 10.10.0.0/16 via 192.168.1.5
                route change 10.11.0.0/16 via 192.168.1.1
                route test 10.11.0.0/16 via 192.168.1.1
                route test 10.10.0.0/16 via 192.168.1.1
                route replace 10.11.0.0/16 via 192.168.1.1 metric 10
                route add 10.11.0.0/16 via 192.168.1.1 metric 5
                route add 10.11.0.0/16 tos 0x10 via 192.168.1.1 metric 5
                route add 10.11.0.0/16 via 192.168.1.1 metric 20 table 100
                route change 10.11.0.0/16 via 192.168.1.7 metric 20 table 100
                route add 10.12.0.0/16 nexthop via 192.168.1.1 weight 2 nexthop via 10.1.0.1
                route del 10.11.0.0/16 tos 0x10
                route del 10.11.0.0/16 tos 0x08
                route del 10.10.0.0/16 via 192.168.1.99
                route del 10.10.0.0/16 via 192.168.1.5
                route del 10.11.0.0/16
                route del 10.11.0.0/16 table 77
                route get 10.11.1.1
                """);
        m.put("route-checks-v4", BASE + """
                link add brdown type bridge
                addr add 172.16.5.1/24 dev brdown
                route add 10.2.0.0/16 via 10.200.0.1
                route add 10.2.0.0/16 via 10.200.0.1 dev br0
                route add 10.2.0.0/16 via 192.168.1.1 scope link
                route add 10.2.0.0/16 via 192.168.1.255
                route add 10.2.0.0/16 via 192.168.1.1 dev br1
                route add 10.2.0.0/16 dev brdown
                route add 10.2.0.0/16 via 10.99.0.1 dev brdown onlink
                route add 10.2.0.0/16 via 10.99.0.1 onlink
                route add 10.2.0.0/16 dev br0 onlink
                route add 10.2.0.0/16 via 192.168.1.2 dev br0 onlink
                route add 10.2.0.0/16 via 10.99.0.1 dev br0 onlink
                route add 10.3.0.0/16 via 192.168.1.2
                route add 10.2.0.0/16 via 192.168.1.1 src 10.9.9.9
                route add 10.4.0.0/16 via 192.168.1.1 src 10.1.0.2
                route add local 10.3.0.0/16 dev br0 scope link
                route add local 10.5.0.0/16 via 192.168.1.1
                route add local 10.5.0.0/16
                route add local 10.5.0.0/16 dev brdown
                route add blackhole 10.6.0.0/16 dev br0
                route add unreachable 10.6.0.0/16 via 192.168.1.1
                route add 10.6.0.0/16 dev br0 scope nowhere
                route add broadcast 10.6.0.255 dev br0 scope host
                route add 10.6.0.0/16 via 192.168.1.1 tos 0x01
                route add nat 10.7.0.1
                route add xresolve 10.7.0.0/16 scope nowhere
                route add 10.8.0.0/16 dev br0 scope host
                route add 10.9.0.0/16 via 192.168.1.1 table 44
                route add 10.9.1.0/24 via 10.9.0.1 table 44
                route add 10.9.2.0/24 dev br0 table 45 proto static scope link metric 7
                route add 10.9.3.0/24 via 10.9.2.1 table 45
                route add 10.6.0.0/16 nexthop dev br0 nexthop via 10.200.0.1
                """);
        m.put("route-v6", BASE + """
                link add brdown type bridge
                -6 addr add 2001:db8:2::2/64 dev br1 nodad
                settle
                -6 route add 2001:db8:10::/48 via 2001:db8:1::1
                -6 route add 2001:db8:10::/48 via 2001:db8:1::1
                -6 route add 2001:db8:10::/48 via 2001:db8:1::5
                -6 route append 2001:db8:10::/48 via 2001:db8:1::5
                -6 route prepend 2001:db8:10::/48 dev br1
                -6 route prepend 2001:db8:10::/48 via 2001:db8:2::1
                -6 route add 2001:db8:10::/48 via 2001:db8:1::1 metric 5
                -6 route replace 2001:db8:10::/48 via 2001:db8:1::7 metric 5
                -6 route replace 2001:db8:10::/48 dev br1 metric 5
                -6 route change 2001:db8:12::/48 via 2001:db8:1::1
                -6 route test 2001:db8:31::/48 via 2001:db8:1::1
                -6 route test 2001:db8:31::/48 via 2001:db8:1::1
                -6 route change 2001:db8:10::/48 via 2001:db8:1::8 metric 1024
                -6 route add 2001:db8:13::1/48 via 2001:db8:1::1
                -6 route add 2001:db8:11::/48 via 2001:db8:99::1
                -6 route add 2001:db8:11::/48 dev brdown
                -6 route add local 2001:db8:11::1 dev brdown
                -6 route add 2001:db8:11::/48 via 2001:db8:1::1 src 2001:db8:99::9
                -6 route add 2001:db8:11::/48 via 2001:db8:1::1 src 2001:db8:2::2
                -6 route add 2001:db8:14::/48 via 2001:db8:1::2 dev br0
                -6 route add 2001:db8:14::/48 via 2001:db8:1::2
                -6 route add 2001:db8:15::/48 nexthop via 2001:db8:1::1 nexthop via 2001:db8:2::1
                -6 route add unreachable 2001:db8:16::/48
                -6 route add prohibit 2001:db8:17::/48 metric 10
                -6 route add 2001:db8:18::/48 via 2001:db8:1::1 table 100
                -6 route del 2001:db8:10::/48 via 2001:db8:1::5
                -6 route del 2001:db8:10::/48 via 2001:db8:1::99
                -6 route del 2001:db8:99::/48
                -6 route del 2001:db8:10::/48 table 77
                -6 route del 2001:db8:15::/48 via 2001:db8:2::1
                -6 route get 2001:db8:10::1
                -6 route get 2001:db8:16::1
                -6 route get 2001:db8:17::1
                -6 route get 2001:db8:99::1
                """);
        m.put("rules", BASE + """
                rule add from 10.0.0.0/8 table 5
                rule add from 10.0.0.0/8 table 5
                rule add pref 500 from 10.0.0.0/8 table 5
                rule add pref 500 from 10.0.0.0/8 table 5
                rule add pref 500 table 5
                rule add pref 500 not from 10.0.0.0/8 table 5
                rule add pref 500 to 10.0.0.1/8 table 6
                rule add pref 600 goto 400
                rule add pref 600 goto 700
                rule add pref 601 goto 700
                rule add pref 700 table 7
                rule add pref 700 table 8
                rule del pref 700 table 7
                rule del pref 700
                rule add pref 800 fwmark 1/0xff table 9
                rule del fwmark 1
                rule del fwmark 1/0xff
                rule add pref 900 iif nosuch table 10
                rule add pref 901 oif br1 table 11
                rule add pref 902 fwmark 1 table 0
                rule add pref 903 tos 0x01 table 5
                rule add pref 903 tos 0x20 table 5
                rule add pref 903 tos 0x10 table 5
                rule add pref 904 ipproto tcp sport 1024-65535 table 5
                rule add pref 904 ipproto tcp dport 80-90 table 5
                rule add pref 905 uidrange 1000-2000 table 5
                rule add pref 906 suppress_prefixlength 0 table main
                rule del pref 999
                -6 rule add from 2001:db8::/32 table 5
                -6 rule add fwmark 1 table 0
                -6 rule add pref 600 goto 400
                -6 rule add pref 100 iif br0 table 6
                rule del pref 0
                rule add pref 0 table local
                """);
        m.put("link-down-flush", BASE + """
                route add 10.20.0.0/16 via 10.1.0.1 table 100
                route add 10.21.0.0/16 dev br1 table 100
                route add 10.22.0.0/16 via 10.1.0.1
                route add local 10.23.0.1 dev br1 table 100
                route add blackhole 10.24.0.0/16 table 100
                route add 10.25.0.0/16 nexthop via 10.1.0.1 nexthop via 192.168.1.1
                route add 10.26.0.0/16 dev br1 scope host
                -6 addr add 2001:db8:2::2/64 dev br1 nodad
                settle
                -6 route add 2001:db8:20::/48 via 2001:db8:2::1 table 100
                -6 route add unreachable 2001:db8:21::/48
                link set br1 down
                link set br1 up
                settle
                """);
        m.put("addr-del", BASE + """
                addr add 192.168.1.3/24 dev br0
                addr add 192.168.1.4/24 brd + dev br0
                addr add 10.30.0.1/32 dev br0
                addr add 10.31.0.1/31 dev br0
                addr add 10.32.0.1 peer 10.32.0.2/32 dev br0
                addr add 10.33.0.1/24 dev br0 noprefixroute
                addr add 10.34.0.1/24 dev br0 metric 50
                route add 10.40.0.0/16 via 192.168.1.1 src 192.168.1.2
                route add 10.41.0.0/16 via 192.168.1.1 src 192.168.1.2 table 100
                route add 10.42.0.0/16 via 192.168.1.1 src 10.1.0.2
                addr del 192.168.1.3/24 dev br0
                addr del 192.168.1.2/24 dev br0
                addr del 10.77.0.1/24 dev br0
                addr add 192.168.1.2/24 dev br0
                addr add 192.168.1.2/24 dev br0
                addr del 10.1.0.2/16 dev br1
                -6 addr add 2001:db8:1::3/64 dev br0 nodad
                -6 addr add 2001:db8:1::2/64 dev br0 nodad
                settle
                -6 route add 2001:db8:40::/48 via 2001:db8:1::1 src 2001:db8:1::3
                -6 addr del 2001:db8:1::3/64 dev br0
                -6 addr del 2001:db8:9::3/64 dev br0
                settle
                """);
        m.put("lookups", BASE + """
                route add default via 192.168.1.1
                route add 10.50.0.0/16 via 10.1.0.1
                route add 10.50.1.0/24 via 10.1.0.1 tos 0x10
                route add unreachable 10.51.0.0/16
                route add prohibit 10.52.0.0/16
                route add blackhole 10.53.0.0/16
                route add local 10.96.0.0/12 dev br1 scope host src 192.168.1.2
                route add 10.60.0.0/16 via 192.168.1.202 table 44
                route get 10.50.1.1
                route get 10.50.1.1 tos 0x10
                route get 10.51.0.1
                route get 10.52.0.1
                route get 10.53.0.1
                route get 10.96.0.1
                route get 192.168.1.2
                route get 8.8.8.8
                route get 8.8.8.8 from 10.1.0.2
                route get 8.8.8.8 from 10.9.9.9
                route get 8.8.8.8 oif br1
                route get 192.168.1.255
                rule add pref 100 from 10.96.0.0/12 table 44
                rule add pref 101 fwmark 0x10/0xff table 44
                rule add pref 102 to 10.61.0.0/16 prohibit
                rule add pref 103 to 10.62.0.0/16 unreachable
                rule add pref 104 table 44 suppress_prefixlength 0
                route add throw 10.63.0.0/16 table 44
                route get 10.60.0.1
                route get 10.60.0.1 from 10.96.0.1
                route get 10.60.0.1 mark 0x10
                route get 10.61.0.1
                route get 10.62.0.1
                route get 10.63.0.1 mark 0x10
                route get 10.96.0.1
                route get 192.168.1.2
                route get 10.53.0.1
                """);
        m.put("merged-quirk", """
                link set lo up
                link add br0 type bridge
                link set br0 up
                addr add 192.168.1.2/24 dev br0
                route add local 10.0.0.0/8 dev lo
                route add 10.0.0.1/32 dev br0
                route add unreachable 10.70.0.0/16
                route get 10.0.0.1
                route get 10.0.0.2
                route get 10.70.0.1
                rule add pref 100 table 100
                route get 10.0.0.1
                route get 10.70.0.1
                """);
        m.put("tables-order", BASE + """
                route add 10.0.0.0/8 via 192.168.1.1 table 5
                route add 10.0.0.0/8 via 192.168.1.1 table 1000
                route add 10.0.0.0/8 via 192.168.1.1 table 256
                route add 10.0.0.0/8 via 192.168.1.1 table 512
                route add 10.0.0.0/8 via 192.168.1.1 table 253
                route add 10.0.0.0/8 via 192.168.1.1 table 261
                route add 10.0.0.0/16 via 192.168.1.1
                route add 0.0.0.0/8 via 192.168.1.1
                route add default via 192.168.1.1
                route add 10.0.0.0/8 via 192.168.1.1 metric 5
                route append 10.0.0.0/8 via 192.168.1.3 metric 5
                route add 10.0.0.0/8 via 192.168.1.1 metric 3 tos 0x10
                route add 10.0.0.0/8 via 192.168.1.1 metric 3 tos 0x08
                route add 10.0.0.0/8 via 192.168.1.1 table 4294967295
                -6 route add 2001:db8:5::/48 via 2001:db8:1::1 table 1000
                -6 route add 2001:db8:5::/48 via 2001:db8:1::1 table 256
                -6 route add 2001:db8:5::/64 via 2001:db8:1::1
                -6 route add 2001:db8:5:1::/64 via 2001:db8:1::1
                -6 route add 2001:db8::/32 via 2001:db8:1::1
                -6 route add 2001:db8:5::/48 via 2001:db8:1::1 metric 10
                """);
        m.put("v6-rules-lookups", BASE + """
                -6 addr add 2001:db8:2::2/64 dev br1 nodad
                settle
                -6 route add default via 2001:db8:1::1
                -6 route add 2001:db8:50::/48 via 2001:db8:2::1 table 50
                -6 route add throw 2001:db8:51::/48 table 50
                -6 rule add pref 100 from 2001:db8:2::2 table 50
                -6 rule add pref 101 to 2001:db8:52::/48 prohibit
                -6 rule add pref 102 fwmark 0x5 table 50
                -6 route get 2001:db8:50::1
                -6 route get 2001:db8:50::1 from 2001:db8:2::2
                -6 route get 2001:db8:51::1 from 2001:db8:2::2
                -6 route get 2001:db8:52::1
                -6 route get 2001:db8:50::1 mark 0x5
                -6 route get 2001:db8:1::2
                -6 route get 2001:db8:2::7
                link set br1 down
                -6 route get 2001:db8:50::1 mark 0x5
                """);
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            List<String> lines = new ArrayList<>();
            for (String l : v.split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l.trim());
                }
            }
            out.put(k, lines);
        });
        return out;
    }
}
