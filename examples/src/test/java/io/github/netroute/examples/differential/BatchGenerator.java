package io.github.netroute.examples.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random {@code ip -batch} files drawn from the grammar that {@code netroute ip} accepts: links (add, up, down,
 * delete, show), addresses of both families with flags, routes of every type with scopes, protocols, metrics,
 * flags, tables and multipath, rules with every selector and action, {@code route get} with every selector, and
 * the show commands, nexthop objects ({@code ip nexthop add|replace|del|flush|get|show}: single nexthops of both
 * families, blackholes, fdb, groups, resilient groups) and routes on them ({@code nhid N}) — plus, on purpose, what
 * Linux rejects: prefixes with host bits, missing devices, tables and
 * gateways, duplicates, bad scopes.
 *
 * <p>A batch has two parts. The <em>prologue</em> makes the links and every IPv6 address and brings links up:
 * the real kernel finishes IPv6 addresses asynchronously (DAD and address routes from a work queue, even with
 * {@code nodad}), so the real runs wait for it to settle before the <em>body</em>. The body never adds an IPv6
 * address nor brings up a link that has one, so it is deterministic on every side.
 *
 * <p>Only lines iproute2 accepts as arguments are drawn: an argument error ends {@code ip -batch} at once, even
 * with {@code -force}, and would cut the batch short (those are covered by {@code ip-batches/1*-argument-error*}).
 *
 * <pre>{@code
 * BatchGenerator.Batch b = new BatchGenerator(42L).batch(250);
 * b.prologue(); b.body();   // the lines, without the comparison markers
 * }</pre>
 */
final class BatchGenerator {
    /**
     * The generated lines of one batch: the prologue (settled on the real kernel), then the body; {@code options}
     * are the global options all three runs get ({@code -j}, {@code -p}, {@code -d}, {@code -s}: a batch line cannot
     * carry them).
     */
    record Batch(List<String> options, List<String> prologue, List<String> body) {
        Batch(List<String> prologue, List<String> body) {
            this(List.of(), prologue, body);
        }
    }

    /**
     * The global option sets a batch is drawn with. {@code -d} batches draw link and address listings (a running
     * bridge's gc_timer is {@link KnownDifference#BRIDGE_TIMERS}); {@code -s} batches draw them with their counters
     * ({@link KnownDifference#LINK_COUNTERS}: the numbers of up links move), and no route get (iproute2 adds the
     * answer's reference count and age, which no two runs share).
     */
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of(), List.of(), List.of("-j"),
            List.of("-json"), List.of("-j", "-p"), List.of("-d"), List.of("-details"), List.of("-d", "-j"),
            List.of("-s"), List.of("-s", "-j"), List.of("-d", "-s", "-j", "-p"));

    private List<String> options = List.of();

    private final Random rnd;

    /** Links the batch may name; the last one is never created (a missing device). */
    private static final String[] DEVS = {"br0", "br1", "br2", "nosuch"};
    /** br2 gets no IPv6 address, so the body may bring it up again. */
    private static final String V4_ONLY = "br2";
    private static final String[] TABLES = {"main", "100", "200", "local", "777", "default", "255"};
    private static final String[] PROTOS = {"static", "boot", "kernel", "redirect", "zebra", "bird", "42", "dhcp",
        "ra"};
    private static final String[] SCOPES = {"global", "link", "host", "site", "nowhere", "200"};
    private static final String[] TYPES4 = {"unicast", "local", "broadcast", "multicast", "blackhole",
        "unreachable", "prohibit", "throw", "anycast"};
    private static final String[] TYPES6 = {"unicast", "local", "multicast", "blackhole", "unreachable",
        "prohibit", "throw", "anycast"};

    BatchGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    Batch batch(int bodyCommands) {
        options = OPTIONS.get(rnd.nextInt(OPTIONS.size()));
        List<String> pro = new ArrayList<>();
        pro.add("link add br0 type bridge");
        pro.add("link add br1 type bridge");
        if (rnd.nextInt(4) != 0) {
            pro.add("link add br2 type bridge");
        }
        if (rnd.nextBoolean()) {
            pro.add("link set lo up");
        }
        for (String d : List.of("br0", "br1", "br2")) {
            if (rnd.nextInt(5) != 0) {
                pro.add("link set " + d + " up");
            }
        }
        pro.add("addr add 192.168.1.2/24 dev br0");
        // no scope word in the prologue: the real runs make it a process of its own, so iproute2's one-entry name
        // caches (NameCache) start empty for the body there, while the in-memory run is one process
        pro.add("addr add 192.168.2.2/24 dev br1" + addr4Flags().replaceAll(" scope \\w+", ""));
        for (int i = 0; i < 2; i++) {
            pro.add(addrAdd6());
        }
        List<String> body = new ArrayList<>();
        while (body.size() < bodyCommands) {
            body.add(command());
        }
        return new Batch(options, pro, body);
    }

    private boolean stats() {
        return options.contains("-s");
    }

    private String command() {
        String c = anyCommand();
        while (stats() && c.startsWith("route get")) {
            c = anyCommand();
        }
        return c;
    }

    private String anyCommand() {
        // nexthop objects with every option set: with -d, routes on them print their nh_info line (object)
        if (chance(12)) {
            return nexthop();
        }
        int k = rnd.nextInt(100);
        if (k < 30) {
            return routeChange();
        } else if (k < 45) {
            return routeGet();
        } else if (k < 55) {
            return routeShow();
        } else if (k < 70) {
            return rule();
        } else if (k < 80) {
            return address();
        } else if (k < 85) {
            return link();
        } else if (k < 90) {
            if (chance(15)) {
                return "route del " + (chance(30) ? prefix6() : prefix4()) + " nhid " + nexthopId()
                        + (chance(30) ? " table " + table() : "");
            }
            return routeDel();
        } else if (k < 95) {
            return pick("rule show", "addr show", "route show table all", "addr show dev br0",
                    "route show table local");
        } else {
            return chance(50) ? pick("route flush table 100", "route flush table 777", "rule flush",
                    "route flush dev br1", "route flush proto 42") : addrFlush();
        }
    }

    // ---------------------------------------------------------------- values

    private String pick(String... s) {
        return s[rnd.nextInt(s.length)];
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private String dev() {
        return chance(4) ? "nosuch" : DEVS[rnd.nextInt(3)];
    }

    /**
     * A nexthop's device: one that always exists (iproute2 exits on a missing one inside {@code nexthop},
     * "Error: cannot parse nexthop", ending the batch).
     */
    private String nexthopDev() {
        return rnd.nextBoolean() ? "br0" : "br1";
    }

    /** An IPv4 prefix, with host bits now and then. */
    private String prefix4() {
        int k = rnd.nextInt(12);
        return switch (k) {
            case 0 -> "default";
            case 1 -> "10.13.0.0/15";                              // host bits
            case 2 -> "10.1.2." + rnd.nextInt(4) + "/24";          // host bits (or not, for .0)
            case 3 -> "192.168.1." + (1 + rnd.nextInt(4));          // a /32 in a connected subnet
            case 4 -> "172.16." + rnd.nextInt(3) + ".0/24";
            case 5 -> "10." + rnd.nextInt(3) + ".0.0/16";
            case 6 -> "10.0.0.0/8";
            case 7 -> "224.1.0.0/16";
            case 8 -> "192.168.3.0/" + (24 + rnd.nextInt(9));
            default -> "10." + rnd.nextInt(3) + "." + rnd.nextInt(3) + ".0/24";
        };
    }

    private String prefix6() {
        int k = rnd.nextInt(9);
        return switch (k) {
            case 0 -> "default";
            case 1 -> "2001:db8:" + rnd.nextInt(3) + "::1/64";    // host bits: masked silently
            case 2 -> "2001:db8:" + rnd.nextInt(3) + "::/64";
            case 3 -> "2001:db8::/32";
            case 4 -> "fd00:" + rnd.nextInt(3) + "::/48";
            case 5 -> "fd00::" + (1 + rnd.nextInt(3));
            case 6 -> "ff05::/16";
            default -> "2001:db8:" + rnd.nextInt(3) + ":" + rnd.nextInt(3) + "::/64";
        };
    }

    private String gw4() {
        return pick("192.168.1.1", "192.168.1.254", "192.168.2.1", "10.99.0.1", "192.168.1.2");
    }

    private String gw6() {
        return pick("fd00:1::1", "fd00:1::fe", "fd00:2::1", "2001:db8:99::1", "fe80::1");
    }

    private String table() {
        return TABLES[rnd.nextInt(TABLES.length)];
    }

    private String addr4Flags() {
        StringBuilder b = new StringBuilder();
        if (chance(20)) {
            b.append(" noprefixroute");
        }
        if (chance(15)) {
            b.append(" scope ").append(pick("link", "host", "global"));
        }
        if (chance(15)) {
            b.append(" brd +");
        }
        if (chance(10)) {
            b.append(" metric ").append(rnd.nextInt(300));
        }
        return b.toString();
    }

    private String addrAdd6() {
        String a = pick("fd00:1::2/64", "fd00:2::2/64", "2001:db8:5::" + (1 + rnd.nextInt(3)) + "/64",
                "fd00:3::" + (1 + rnd.nextInt(3)) + "/128");
        String dev = rnd.nextBoolean() ? "br0" : "br1";
        StringBuilder b = new StringBuilder("addr add " + a + " dev " + dev + " nodad");
        if (chance(20)) {
            b.append(" noprefixroute");
        }
        if (chance(15)) {
            b.append(" home");
        }
        if (chance(10)) {
            b.append(" metric ").append(1 + rnd.nextInt(300));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- routes

    private String routeChange() {
        String verb = pick("add", "add", "add", "replace", "replace", "change", "prepend", "append");
        return "route " + verb + " " + (chance(30) ? route6() : route4());
    }

    private String routeDel() {
        return "route del " + (chance(30) ? route6() : route4());
    }

    private String route4() {
        if (chance(12)) {
            return nhidRoute(prefix4(), 4);
        }
        StringBuilder b = new StringBuilder();
        String type = chance(60) ? "unicast" : TYPES4[rnd.nextInt(TYPES4.length)];
        if (!type.equals("unicast") || chance(10)) {
            b.append(type).append(' ');
        }
        b.append(prefix4());
        boolean multipath = type.equals("unicast") && chance(10);
        if (multipath) {
            common(b, 4); // iproute2 reads no route option after the first nexthop
            int n = 2 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                b.append(" nexthop via ").append(gw4());
                if (chance(70)) {
                    b.append(" dev ").append(nexthopDev());
                }
                if (chance(30)) {
                    b.append(" weight ").append(1 + rnd.nextInt(5));
                }
                if (chance(5)) {
                    b.append(" onlink");
                }
            }
        } else {
            if (type.equals("unicast") && chance(60)) {
                b.append(" via ").append(gw4());
            }
            if (chance(type.equals("unicast") || type.equals("local") || type.equals("broadcast")
                    || type.equals("multicast") || type.equals("anycast") ? 75 : 15)) {
                b.append(" dev ").append(dev());
            }
            if (chance(5)) {
                b.append(" onlink");
            }
            common(b, 4);
        }
        return b.toString();
    }

    private String route6() {
        if (chance(12)) {
            return nhidRoute(prefix6(), 6);
        }
        StringBuilder b = new StringBuilder();
        String type = chance(60) ? "unicast" : TYPES6[rnd.nextInt(TYPES6.length)];
        if (!type.equals("unicast") || chance(10)) {
            b.append(type).append(' ');
        }
        b.append(prefix6());
        if (type.equals("unicast") && chance(10)) {
            common(b, 6);
            int n = 2 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                b.append(" nexthop via ").append(gw6()).append(" dev ").append(nexthopDev());
                if (chance(30)) {
                    b.append(" weight ").append(1 + rnd.nextInt(5));
                }
            }
        } else {
            if (type.equals("unicast") && chance(55)) {
                b.append(" via ").append(gw6());
            }
            if (chance(type.equals("unicast") || type.equals("local") || type.equals("multicast")
                    || type.equals("anycast") ? 80 : 15)) {
                b.append(" dev ").append(dev());
            }
            common(b, 6);
        }
        return b.toString();
    }

    private void common(StringBuilder b, int family) {
        if (chance(35)) {
            b.append(" table ").append(table());
        }
        if (chance(25)) {
            b.append(" proto ").append(PROTOS[rnd.nextInt(PROTOS.length)]);
        }
        if (chance(25)) {
            b.append(" metric ").append(pick("0", "1", "5", "100", "1024", String.valueOf(rnd.nextInt(70000))));
        }
        if (chance(15)) {
            b.append(" scope ").append(SCOPES[rnd.nextInt(SCOPES.length)]);
        }
        if (chance(12)) {
            b.append(" src ").append(family == 4 ? pick("192.168.1.2", "192.168.2.2", "10.9.9.9")
                    : pick("fd00:1::2", "fd00:2::2", "2001:db8:5::1", "fd00:9::9"));
        }
        if (family == 6 && chance(8)) {
            b.append(" pref ").append(pick("low", "medium", "high"));
        }
        if (family == 4 && chance(5)) {
            b.append(" tos ").append(pick("0x10", "0x08", "0"));
        }
    }

    // ---------------------------------------------------------------- nexthop objects

    /** Single nexthops get ids 1..8, groups 10..14 (a replace across the two kinds is refused on purpose). */
    private String nexthopId() {
        return chance(60) ? String.valueOf(1 + rnd.nextInt(8)) : String.valueOf(10 + rnd.nextInt(5));
    }

    /** A single nexthop's body: a gateway of either family, a device only, onlink, blackhole, fdb, a protocol. */
    private String singleNexthop() {
        String dev = nexthopDev();
        int k = rnd.nextInt(12);
        String b = switch (k) {
            case 0 -> "blackhole";
            case 1 -> "dev " + dev;
            case 2, 3 -> "via " + gw6() + " dev " + dev;
            case 4 -> "via 10.99.0.1 dev " + dev + " onlink";
            case 5 -> "via " + pick("192.168.1.1", "fd00:1::1") + " fdb";
            default -> "via " + gw4() + " dev " + dev;
        };
        if (chance(15)) {
            b += " proto " + pick("static", "zebra", "42");
        }
        return b;
    }

    /** A group of one to three members with weights now and then; resilient ones with idle_timer 0. */
    private String groupNexthop() {
        int n = 1 + rnd.nextInt(3);
        StringBuilder g = new StringBuilder("group ");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                g.append('/');
            }
            g.append(chance(90) ? 1 + rnd.nextInt(8) : 10 + rnd.nextInt(5)); // a group in a group is refused
            if (chance(30)) {
                g.append(',').append(1 + rnd.nextInt(4));
            }
        }
        if (chance(30)) {
            // with the default idle_timer a shrunk resilient group counts unbalanced_time in seconds
            g.append(" type resilient");
            if (chance(85)) {
                g.append(" buckets ").append(pick("4", "8", "16"));
            }
            g.append(" idle_timer 0");
        }
        if (chance(5)) {
            g.append(" fdb");
        }
        return g.toString();
    }

    private String nexthop() {
        int k = rnd.nextInt(100);
        if (k < 30) {
            String id = String.valueOf(1 + rnd.nextInt(8));
            return chance(10) ? "nexthop add " + singleNexthop() : "nexthop add id " + id + " " + singleNexthop();
        } else if (k < 45) {
            return "nexthop add id " + (10 + rnd.nextInt(5)) + " " + groupNexthop();
        } else if (k < 55) {
            return "nexthop replace id " + nexthopId() + " " + singleNexthop();
        } else if (k < 63) {
            return "nexthop replace id " + nexthopId() + " " + groupNexthop();
        } else if (k < 78) {
            return "nexthop del id " + nexthopId();
        } else if (k < 80) {
            return "nexthop flush";
        } else if (k < 84) {
            return "nexthop get id " + nexthopId();
        } else {
            return pick("nexthop show", "nexthop show groups", "nexthop show dev br0", "nexthop show fdb",
                    "nexthop show id " + nexthopId(), "nexthop show proto 4", "nexthop show dev br1");
        }
    }

    /** A route on a nexthop object: {@code nhid N} with the route options. */
    private String nhidRoute(String prefix, int family) {
        StringBuilder b = new StringBuilder();
        if (chance(5)) {
            b.append(pick("blackhole ", "local ", "unicast "));
        }
        b.append(prefix).append(" nhid ").append(nexthopId());
        common(b, family);
        return b.toString();
    }

    // ---------------------------------------------------------------- route get / show

    private String routeGet() {
        boolean v6 = chance(30);
        StringBuilder b = new StringBuilder("route get ");
        if (chance(8)) {
            b.append("fibmatch ");
        }
        b.append(v6 ? pick("2001:db8:1::5", "fd00:1::9", "fd00:2::2", "ff02::1", "ff05::2", "::1", "2001:db8:99::7",
                "fd00:3::1", "fe80::5", "64:ff9b::1")
                : pick("10.1.2.3", "10.0.5.5", "192.168.1.2", "192.168.1.255", "192.168.1.9", "255.255.255.255",
                "224.0.0.1", "239.1.1.1", "8.8.8.8", "127.0.0.1", "10.13.1.1", "172.16.1.1", "192.168.2.0",
                "192.168.3.7", "0.0.0.0"));
        if (chance(20)) {
            b.append(" from ").append(v6 ? pick("fd00:1::2", "fd00:2::2", "2001:db8:5::1", "fd00:9::9")
                    : pick("192.168.1.2", "192.168.2.2", "10.9.9.9", "192.168.1.7"));
            if (chance(40)) {
                b.append(" iif ").append(dev());
            }
        }
        if (chance(10)) {
            b.append(" oif ").append(dev());
        }
        if (chance(8)) {
            b.append(" mark ").append(pick("0x10", "16", "0x20"));
        }
        if (chance(8) && !v6) {
            b.append(" tos ").append(pick("0x10", "0x08"));
        }
        if (chance(8)) {
            b.append(" uid ").append(pick("0", "1000", "65534"));
        }
        if (chance(8)) {
            b.append(" ipproto ").append(pick("tcp", "udp", "icmp", "17"));
            if (chance(60)) {
                b.append(" sport ").append(rnd.nextInt(65536));
            }
            if (chance(60)) {
                b.append(" dport ").append(pick("53", "80", "443"));
            }
        }
        return b.toString();
    }

    private String routeShow() {
        StringBuilder b = new StringBuilder("route show");
        if (chance(50)) {
            b.append(" table ").append(pick("all", "main", "100", "200", "local", "777"));
        }
        if (chance(20)) {
            b.append(" proto ").append(pick("static", "kernel", "boot", "42"));
        }
        if (chance(15)) {
            b.append(" scope ").append(pick("link", "host", "global"));
        }
        if (chance(15)) {
            b.append(" type ").append(pick("unicast", "local", "blackhole", "unreachable", "broadcast"));
        }
        if (chance(15)) {
            b.append(" dev ").append(dev());
        }
        if (chance(25)) {
            b.append(' ').append(pick("root", "match", "exact", "")).append(' ')
                    .append(chance(30) ? pick("::/0", "2001:db8::/32", "fd00::/8") : pick("10.0.0.0/8",
                    "0.0.0.0/0", "192.168.0.0/16", "10.1.2.0/24"));
        }
        return b.toString().replace("  ", " ");
    }

    // ---------------------------------------------------------------- rules

    private String rule() {
        boolean v6 = chance(30);
        String verb = chance(75) ? "add" : "del";
        StringBuilder b = new StringBuilder("rule " + verb);
        if (chance(20)) {
            b.append(" not");
        }
        boolean to = chance(25);
        if (chance(40) || (v6 && !to)) {
            // the family comes from an address: a v6 rule always has one
            b.append(" from ").append(v6 ? pick("fd00:1::/64", "2001:db8::/32", "fd00:9::9", "::/0", "2001:db8::1/32")
                    : pick("10.0.0.0/8", "192.168.1.2", "10.1.2.3/24", "all", "192.168.0.0/16", "0.0.0.0/0"));
        }
        if (to) {
            b.append(" to ").append(v6 ? pick("2001:db8:1::/48", "fd00::/8") : pick("10.1.0.0/16", "172.16.0.0/12",
                    "8.8.8.8"));
        }
        if (chance(35)) {
            b.append(' ').append(pick("pref", "priority", "prio")).append(' ')
                    .append(pick("0", "100", "200", "300", "32766", "32767", "1000", String.valueOf(rnd.nextInt(40000))));
        }
        if (chance(12)) {
            b.append(" fwmark ").append(pick("0x10", "0x10/0xff", "16", "0x20/0x30"));
        }
        if (chance(10)) {
            b.append(" iif ").append(pick("br0", "br1", "lo", "eth9"));
        }
        if (chance(8)) {
            b.append(" oif ").append(pick("br0", "br1", "eth9"));
        }
        if (chance(8) && !v6) {
            b.append(" tos ").append(pick("0x10", "0x08"));
        }
        if (chance(8)) {
            b.append(" uidrange ").append(pick("0-0", "1000-2000", "100-100"));
        }
        if (chance(8)) {
            b.append(" ipproto ").append(pick("tcp", "udp", "6"));
            if (chance(50)) {
                b.append(" sport ").append(pick("53", "1000-2000"));
            }
            if (chance(50)) {
                b.append(" dport ").append(pick("443", "80-90"));
            }
        }
        if (chance(5)) {
            b.append(" protocol ").append(pick("static", "boot", "42"));
        }
        int a = rnd.nextInt(100);
        if (a < 45) {
            b.append(' ').append(pick("lookup", "table")).append(' ').append(pick("main", "100", "200", "777",
                    "local", "default", "44"));
            if (chance(15)) {
                b.append(" suppress_prefixlength ").append(pick("0", "8", "24"));
            }
            if (chance(8)) {
                b.append(" suppress_ifgroup ").append(pick("0", "5"));
            }
        } else if (a < 55) {
            b.append(" goto ").append(pick("100", "200", "300", "32766", "50"));
        } else if (a < 65) {
            b.append(" nop");
        } else if (a < 80) {
            b.append(' ').append(pick("blackhole", "unreachable", "prohibit"));
        } else if (verb.equals("add") && a < 85) {
            b.append(" type ").append(pick("blackhole", "unreachable", "prohibit", "nop"));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- addresses, links

    private String address() {
        String verb = chance(70) ? "add" : "del";
        String a = pick("192.168.1.2/24", "192.168.1.3/24", "192.168.2.5/24", "10.5.0.1/16", "10.6.0.1/32",
                "192.168.1.2/32", "10.7.0.1/8", "10.1.2.3/24");
        if (verb.equals("del") && chance(35)) {
            // IPv6 deletion is synchronous; adding one is not (see the class comment)
            a = pick("fd00:1::2/64", "fd00:2::2/64", "2001:db8:5::1/64", "fd00:3::1/128");
        }
        String dev = chance(5) ? "nosuch" : DEVS[rnd.nextInt(3)];
        return "addr " + verb + " " + a + " dev " + dev + (verb.equals("add") ? addr4Flags() : "");
    }

    /** {@code addr flush} with its selectors (at least one: a bare flush is "Flush requires arguments."). */
    private String addrFlush() {
        StringBuilder b = new StringBuilder("addr flush");
        if (chance(70)) {
            b.append(chance(20) ? " " : " dev ").append(chance(5) ? "nosuch" : DEVS[rnd.nextInt(3)]);
        }
        if (chance(20)) {
            b.append(" scope ").append(pick("global", "link", "host", "all"));
        }
        if (chance(20)) {
            b.append(" to ").append(pick("10.0.0.0/8", "192.168.1.0/24", "fd00::/8", "192.168.1.3"));
        }
        if (chance(15)) {
            b.append(' ').append(pick("primary", "secondary", "permanent", "dynamic", "noprefixroute",
                    "-noprefixroute"));
        }
        if (chance(8)) {
            b.append(" label ").append(pick("br1", "br*", "lo"));
        }
        if (chance(5) || b.length() == "addr flush".length()) {
            return chance(50) ? "addr flush" : b.append(" dev br2").toString();
        }
        return b.toString();
    }

    private String link() {
        int k = rnd.nextInt(10);
        String d = DEVS[rnd.nextInt(3)];
        if (k < 4) {
            return "link set " + d + " down";
        } else if (k < 6) {
            return "link set " + V4_ONLY + " up";
        } else if (k < 7) {
            return "link del " + pick("br2", "nosuch");
        } else if (k < 8) {
            return "link add br2 type bridge";
        } else {
            return pick("link show", "link show dev br0", "link show br1", "link show dev nosuch");
        }
    }
}
