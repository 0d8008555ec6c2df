package io.github.netroute.routing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FibTableTest {

    static Route r(String dst) {
        return Route.builder().dst(IpPrefix.parse(dst, dst.contains(":") ? Family.INET6 : Family.INET)).device("eth0")
                .deviceIndex(2).build();
    }

    static FibTable table(Family f, String... dsts) {
        FibTable t = new FibTable(f, RouteTable.MAIN);
        for (String d : dsts) {
            Route x = r(d);
            List<Route> l = new ArrayList<>(t.get(x.dst()));
            l.add(x);
            t.set(x.dst(), l);
        }
        return t;
    }

    static List<String> dsts(FibTable t) {
        List<String> out = new ArrayList<>();
        t.forEach(x -> out.add(x.dst().toString()));
        return out;
    }

    @Test
    void ipv4DumpIsTrieOrderAddressThenLongerFirst() {
        FibTable t = table(Family.INET, "10.0.0.0/8", "0.0.0.0/0", "192.168.1.0/24", "10.0.0.0/24", "0.0.0.0/8",
                "10.0.0.0/16", "127.0.0.0/8");
        // as the real kernel dumps main (verified with ip route show table main)
        assertEquals(List.of("0.0.0.0/8", "0.0.0.0/0", "10.0.0.0/24", "10.0.0.0/16", "10.0.0.0/8", "127.0.0.0/8",
                "192.168.1.0/24"), dsts(t));
    }

    @Test
    void ipv6DumpIsTreePostOrder() {
        FibTable t = table(Family.INET6, "::/0", "fd00:10:96::/108", "2001:db8:1::/64", "::1/128",
                "fd00:10:96::1/128", "ff00::/8");
        // the kube-ipvs0 fixture order: a prefix after the more specific prefixes inside it, ::/0 last
        assertEquals(List.of("::1/128", "2001:db8:1::/64", "fd00:10:96::1/128", "fd00:10:96::/108", "ff00::/8",
                "::/0"), dsts(t));
    }

    @Test
    void emptyListRemovesThePrefix() {
        FibTable t = table(Family.INET, "10.0.0.0/8", "10.0.0.0/16");
        t.set(IpPrefix.parse("10.0.0.0/8"), List.of());
        assertEquals(1, t.size());
        assertEquals(List.of("10.0.0.0/16"), dsts(t));
        assertEquals(-1, t.lengthAtMost(15));
        assertEquals(16, t.lengthAtMost(32));
    }

    @Test
    void lengthsArePresentBitsAcrossWords() {
        FibTable t = table(Family.INET6, "2001:db8::/32", "2001:db8::/64", "2001:db8::/65", "2001:db8::1/128");
        assertEquals(128, t.lengthAtMost(128));
        assertEquals(65, t.lengthAtMost(127));
        assertEquals(64, t.lengthAtMost(64));
        assertEquals(32, t.lengthAtMost(63));
        assertEquals(-1, t.lengthAtMost(31));
    }

    @Property(tries = 50)
    void hashIndexAgreesWithAMap(@ForAll @IntRange(min = 1, max = 3000) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        FibTable t = new FibTable(Family.INET, RouteTable.MAIN);
        Map<IpPrefix, Route> ref = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int len = rnd.nextInt(33);
            IpPrefix p = IpPrefix.masked(io.github.netroute.routing.internal.InetAddresses.fromBytes(new byte[] {
                (byte) rnd.nextInt(4), (byte) rnd.nextInt(4), (byte) rnd.nextInt(256), 0}), len);
            if (rnd.nextInt(3) == 0) {
                t.set(p, List.of());
                ref.remove(p);
            } else {
                Route x = Route.builder().dst(p).device("eth0").build();
                t.set(p, List.of(x));
                ref.put(p, x);
            }
        }
        assertEquals(ref.size(), t.size());
        for (Map.Entry<IpPrefix, Route> e : ref.entrySet()) {
            assertEquals(List.of(e.getValue()), t.get(e.getKey()));
        }
        assertTrue(t.routes().containsAll(ref.values()));
        assertEquals(ref.size(), t.copy().routes().size());
    }
}
