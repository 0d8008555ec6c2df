package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.testkit.InMemoryKernel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API as a first controller meets it: literals without DNS, primitive setters, both families, equality. */
class ApiErgonomicsTest {

    @Test
    void ipLiteralsParseWithoutDnsAndPrintAsRfc5952() throws Exception {
        InetAddress a = IpAddresses.parse("fd00:0:0:0:0:0:0:1");
        assertEquals("fd00::1", IpAddresses.format(a));
        assertEquals("2001:db8::1:0:0:1", IpAddresses.format(IpAddresses.parse("2001:DB8:0:0:1:0:0:1")));
        assertEquals("::ffff:10.0.0.1", IpAddresses.format(IpAddresses.parse("::ffff:10.0.0.1")));
        assertEquals("192.168.1.2", IpAddresses.format(IpAddresses.parse("192.168.1.2")));
        assertEquals(16, IpAddresses.fromBytes(IpAddresses.parse("::ffff:10.0.0.1").getAddress()).getAddress().length);
        // a name is refused, never looked up
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddresses.parse("localhost"));
        assertTrue(e.getMessage().contains("\"localhost\""), e.getMessage());
        assertNull(IpAddresses.parseOrNull("eth0"));
        assertThrows(IllegalArgumentException.class, () -> IpAddresses.parse("10.0.0.256"));
    }

    @Test
    void buildersTakePrimitives() {
        Rule r = Rule.builder().priority(100).fwmark(0x10).fwmask(0xff)
                .action(RuleAction.lookup(RouteTable.of(44))).build();
        assertEquals(100L, r.priority());
        assertEquals(Rule.parse("100: from all fwmark 0x10/0xff lookup 44"), r);
        RouteLookup l = RouteLookup.builder().to(IpAddresses.parse("10.0.0.1")).mark(7).uid(0).build();
        assertEquals(7L, l.mark());
        assertEquals(0L, l.uid());
        // a boxed null still clears
        assertNull(r.toBuilder().priority((Long) null).build().priority());
        assertThrows(IllegalArgumentException.class, () -> Rule.builder().priority(-1).build());
    }

    @Test
    void bothFamiliesIsAnExplicitCall() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.typicalNode()) {
            k.addAddress(Address.parse("fd00:1::2/64 dev eth0"));
            k.addRule(Rule.parse("from fd00:1::2 lookup 44"));
            List<Rule> both = new ArrayList<>(k.rules(Family.INET));
            both.addAll(k.rules(Family.INET6));
            assertEquals(both, k.rules());
            assertTrue(k.rules().stream().anyMatch(x -> x.family() == Family.INET6));
            List<Address> all = new ArrayList<>(k.addresses(Family.INET));
            all.addAll(k.addresses(Family.INET6));
            assertEquals(all, k.addresses());
            assertTrue(k.addresses().stream().anyMatch(x -> x.family() == Family.INET6));
        }
    }

    @Test
    void aParsedRouteEqualsTheSameRouteReadFromTheKernel() throws Exception {
        try (InMemoryKernel k = InMemoryKernel.typicalNode()) {
            Route want = Route.parse("local 10.96.0.0/12 dev eth0 scope host src 192.168.1.2");
            k.addRoute(want);
            Route read = k.routes(RouteFilter.table(RouteTable.LOCAL)).stream()
                    .filter(r -> r.dst().equals(IpPrefix.parse("10.96.0.0/12"))).findFirst().orElseThrow();
            assertEquals(2, read.deviceIndex());
            assertEquals(0, want.deviceIndex());
            assertEquals(want, read);
            assertEquals(want.hashCode(), read.hashCode());
            // the documented user comparison: a list written as ip prints it
            Route mp = Route.parse("10.1.0.0/16 nexthop via 192.168.1.1 dev eth0 weight 1 nexthop via 192.168.1.3"
                    + " dev eth0 weight 1");
            k.addRoute(mp);
            Route readMp = k.routes(RouteFilter.table(RouteTable.MAIN)).stream()
                    .filter(r -> r.dst().equals(IpPrefix.parse("10.1.0.0/16"))).findFirst().orElseThrow();
            assertEquals(mp, readMp);
        }
        // without a name the index is the device
        Route byIndex = Route.parse("10.0.0.0/8 via 192.168.1.1").toBuilder().deviceIndex(2).build();
        assertNotEquals(byIndex, byIndex.toBuilder().deviceIndex(3).build());
        assertNotEquals(byIndex, byIndex.toBuilder().device("eth0").build());
        NextHop h = NextHop.of(IpAddresses.parse("192.168.1.1"), "eth0", 1);
        assertEquals(h, new NextHop(h.gateway(), "eth0", 5, 1, h.flags(), 0));
        assertNotEquals(new NextHop(h.gateway(), null, 5, 1, h.flags(), 0), new NextHop(h.gateway(), null, 6, 1,
                h.flags(), 0));
    }

    private static final Pattern INTERNAL_IMPORT = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?io\\.github\\.netroute\\.[\\w.]*\\binternal\\b", Pattern.MULTILINE);

    @Test
    void noExampleAndNoReadmeSnippetImportsAnInternalPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = INTERNAL_IMPORT.matcher(Files.readString(p));
                while (m.find()) {
                    offenders.add(p + ": " + m.group());
                }
            }
        }
        for (String snippet : ReadmeSnippets.javaBlocks(ReadmeSnippets.readme())) {
            Matcher m = INTERNAL_IMPORT.matcher(snippet);
            while (m.find()) {
                offenders.add("README.md: " + m.group());
            }
        }
        assertEquals(List.of(), offenders);
        // the scan itself finds what it looks for
        assertTrue(INTERNAL_IMPORT.matcher("import io.github.netroute.routing.internal.InetAddresses;").find());
    }

    @Test
    void noMessageIsBuiltWithGetHostAddress() throws IOException {
        // InetAddress.getHostAddress() prints fd00:0:0:0:0:0:0:1; IpAddresses.format prints fd00::1 as ip does
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("../routing-api", "../routing-netlink", "../routing-testkit", ".")) {
            try (Stream<Path> files = Files.walk(Path.of(module, "src/main/java"))) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    List<String> lines = Files.readAllLines(p);
                    for (int i = 0; i < lines.size(); i++) {
                        String l = lines.get(i).trim();
                        if (l.contains(".getHostAddress()") && !l.startsWith("*") && !l.startsWith("//")) {
                            offenders.add(p + ":" + (i + 1) + ": " + l);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
