package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.testsupport.RealKernelTest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory kernel cannot do (it is one namespace), checked on Linux two ways: a veth whose peer is made in
 * another namespace ({@code peer name X netns NS}) and a link moved to another ({@code link set X netns NS}), done by
 * iproute2 in namespaces {@code nr-links-R-a}/{@code -b} and by {@code netroute ip -n} in {@code -c}/{@code -d}; both
 * sides are then read with iproute2, so IFLA_NET_NS_FD is what is compared, not the printing of {@code link-netns}.
 */
@RealKernelTest
class LinkNetnsKernelTest {
    private static final Pattern MAC = Pattern.compile("link/ether [0-9a-f]{2}(:[0-9a-f]{2}){5}");

    @Test
    void vethPeersAndLinksMoveToNamedNamespacesAsWithIproute2() throws Exception {
        RealNs.assumeUsable();
        String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String[] ns = {"nr-links-" + id + "-a", "nr-links-" + id + "-b", "nr-links-" + id + "-c",
            "nr-links-" + id + "-d"};
        try {
            for (String n : ns) {
                assertEquals(0, RealNs.exec(List.of("ip", "netns", "add", n), null).code());
            }
            String iproute2 = run(ns[0], ns[1], true);
            String netroute = run(ns[2], ns[3], false);
            assertEquals(iproute2, netroute);
        } finally {
            for (String n : ns) {
                RealNs.exec(List.of("ip", "netns", "del", n), null);
            }
        }
    }

    /** The same steps in namespaces {@code a} (where they run) and {@code b} (the other one), read with iproute2. */
    private static String run(String a, String b, boolean iproute2) {
        List<List<String>> steps = List.of(
                List.of("link", "add", "veth1", "type", "veth", "peer", "name", "veth2", "netns", "OTHER"),
                List.of("link", "add", "veth3", "type", "veth", "peer", "name", "veth4"),
                List.of("link", "set", "veth4", "netns", "OTHER"),
                List.of("link", "set", "veth3", "mtu", "1400", "alias", "to-the-other"),
                List.of("link", "add", "veth5", "type", "veth", "peer", "name", "veth6", "netns", "nosuch-ns"));
        StringBuilder sb = new StringBuilder();
        for (List<String> s : steps) {
            List<String> argv = new ArrayList<>();
            for (String w : s) {
                argv.add(w.equals("OTHER") ? b : w);
            }
            int code;
            String out;
            if (iproute2) {
                List<String> c = new ArrayList<>(List.of("ip", "-n", a));
                c.addAll(argv);
                RealNs.Proc p = RealNs.exec(c, null);
                code = p.code();
                out = p.out() + p.err();
            } else {
                List<String> c = new ArrayList<>(List.of("-n", a));
                c.addAll(argv);
                Cli.Result r = Cli.ip(c, null);
                code = r.code();
                out = r.out() + r.err();
            }
            sb.append(String.join(" ", s)).append(" -> ").append(code).append('\n').append(out);
        }
        for (String n : new String[] {a, b}) {
            RealNs.Proc p = RealNs.exec(List.of("ip", "-n", n, "-o", "link", "show"), null);
            sb.append(n.equals(a) ? "[this]" : "[other]").append('\n').append(p.out());
        }
        return MAC.matcher(sb.toString().replace(a, "THIS").replace(b, "OTHER")).replaceAll("link/ether MAC");
    }
}
