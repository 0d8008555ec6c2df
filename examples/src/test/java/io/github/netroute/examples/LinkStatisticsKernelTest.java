package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.testsupport.RealKernelTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ip -s link} with counters that are not zero: a veth pair across two fresh namespaces, a few UDP datagrams from
 * one to the other (IPv4 only, addr_gen_mode 1: no IPv6 address sends MLD reports), then iproute2 and {@code netroute
 * ip --netns} print the same counters, column widths, error lines and carrier changes, in text and JSON.
 */
@RealKernelTest
class LinkStatisticsKernelTest {

    @Test
    void countersOfALinkThatCarriedTrafficAreIproute2s() throws Exception {
        RealNs.assumeUsable();
        try (RealNs a = RealNs.create(false); RealNs b = RealNs.create(false)) {
            run("ip", "-n", a.name, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b.name);
            run("ip", "-n", a.name, "addr", "add", "10.9.0.1/24", "dev", "va");
            run("ip", "-n", b.name, "addr", "add", "10.9.0.2/24", "dev", "vb");
            run("ip", "-n", a.name, "link", "set", "va", "up");
            run("ip", "-n", b.name, "link", "set", "vb", "up");
            run("ip", "-n", a.name, "link", "set", "lo", "up");
            a.settle();
            b.settle();
            // traffic without ping (not installed everywhere): bash's /dev/udp sends a datagram (ARP first, an ICMP
            // port unreachable back)
            for (int i = 0; i < 3; i++) {
                run("ip", "netns", "exec", a.name, "bash", "-c", "echo hello > /dev/udp/10.9.0.2/9");
            }
            Thread.sleep(300);
            for (List<String> opts : List.of(List.of("-s"), List.of("-s", "-s"), List.of("-s", "-s", "-j", "-p"))) {
                for (List<String> cmd : List.of(List.of("link", "show", "dev", "va"), List.of("addr", "show"))) {
                    List<String> ip = new java.util.ArrayList<>(List.of("ip", "-n", a.name));
                    ip.addAll(opts);
                    ip.addAll(cmd);
                    List<String> nr = new java.util.ArrayList<>(List.of("--netns", a.name));
                    nr.addAll(opts);
                    nr.addAll(cmd);
                    RealNs.Proc want = RealNs.exec(ip, null);
                    Cli.Result have = Cli.ip(nr, null);
                    assertEquals(0, want.code(), want::toString);
                    // only the counters: a veth whose peer is in another namespace prints "@ifN" in iproute2 (a
                    // separate matter of the link lines)
                    String counters = counters(want.out());
                    assertTrue(counters.contains("RX") || counters.contains("rx"), want::out);
                    assertEquals(counters, counters(have.out()), () -> opts + " " + cmd);
                    assertEquals(want.err(), have.err());
                }
            }
            String text = Cli.ip(List.of("--netns", a.name, "-s", "link", "show", "dev", "va"), null).out();
            assertTrue(text.matches("(?s).*TX: +bytes.*\\n +[1-9][0-9]* +[1-9].*"), text); // traffic was counted
        }
    }

    private static final java.util.regex.Pattern JSON = java.util.regex.Pattern.compile(
            "\"stats64\": ?\\{.*?\\}\\s*\\}", java.util.regex.Pattern.DOTALL);

    /** The counter lines of a text listing, or the stats64 objects of a JSON one. */
    private static String counters(String out) {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = JSON.matcher(out);
        while (m.find()) {
            b.append(m.group()).append('\n');
        }
        for (String l : out.split("\n")) {
            if (l.matches("    [RT]X.*") || l.matches(" +[0-9][0-9 ]*")) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }

    private static void run(String... cmd) {
        RealNs.Proc p = RealNs.exec(List.of(cmd), null);
        assertEquals(0, p.code(), () -> String.join(" ", cmd) + ": " + p);
    }
}
