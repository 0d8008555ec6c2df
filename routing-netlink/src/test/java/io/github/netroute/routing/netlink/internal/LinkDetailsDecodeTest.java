package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.LinkData;
import io.github.netroute.routing.LinkDetails;
import io.github.netroute.routing.LinkKind;
import io.github.netroute.routing.netlink.internal.codec.Decoded;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ip -d link show}'s attributes decoded into {@link LinkDetails}: the captured dump ({@code
 * dump-link-details}: lo, bridges, a bridge port, a veth, a vxlan and a macvlan) against what iproute2 printed from
 * the same bytes, and a dummy link built as Linux sends one (no dummy driver on the CI kernel: iproute2's
 * ip/iplink.c has no dummy print_opt, so only the kind and the common numbers matter).
 */
class LinkDetailsDecodeTest {

    /** "word value" pairs of an {@code ip -d link show} entry, first occurrence kept per word. */
    private static Map<String, String> words(String text) {
        Map<String, String> m = new HashMap<>();
        String[] w = text.trim().split("\\s+");
        for (int i = 0; i + 1 < w.length; i++) {
            m.putIfAbsent(w[i], w[i + 1]);
        }
        return m;
    }

    @Test
    void theCapturedDumpDecodesToWhatIpPrinted() throws Exception {
        Golden g = Golden.load("dump-link-details");
        Map<String, String> printed = new LinkedHashMap<>();
        String cur = null;
        for (String l : g.stdout()) {
            if (Character.isDigit(l.charAt(0))) {
                cur = l.split(":")[1].trim().split("@")[0];
                printed.put(cur, "");
            }
            printed.put(cur, printed.get(cur) + " " + l);
        }
        Map<String, Link> decoded = new LinkedHashMap<>();
        LinkCodec codec = new LinkCodec();
        for (byte[] reply : g.replies()) {
            ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.nativeOrder());
            NlMsgCursor c = new NlMsgCursor(b, 0, reply.length);
            while (c.next()) {
                if (c.type() == Rtnl.RTM_NEWLINK) {
                    Link l = codec.decode(c);
                    decoded.put(l.name(), l);
                }
            }
        }
        assertEquals(printed.keySet(), decoded.keySet());
        int checked = 0;
        for (Map.Entry<String, String> e : printed.entrySet()) {
            Map<String, String> w = words(e.getValue());
            LinkDetails d = decoded.get(e.getKey()).details();
            assertEquals(w.get("promiscuity"), Integer.toString(d.promiscuity()), e.getKey());
            assertEquals(w.get("allmulti"), Integer.toString(d.allmulti()), e.getKey());
            assertEquals(w.get("minmtu"), Integer.toString(d.minMtu()), e.getKey());
            assertEquals(w.get("maxmtu"), Integer.toString(d.maxMtu()), e.getKey());
            assertEquals(w.get("addrgenmode"), List.of("eui64", "none").get(d.addrGenMode()), e.getKey());
            assertEquals(w.get("numtxqueues"), Integer.toString(d.numTxQueues()), e.getKey());
            assertEquals(w.get("numrxqueues"), Integer.toString(d.numRxQueues()), e.getKey());
            assertEquals(w.get("gso_max_size"), Integer.toString(d.gsoMaxSize()), e.getKey());
            assertEquals(w.get("tso_max_size"), Integer.toString(d.tsoMaxSize()), e.getKey());
            assertEquals(w.get("gro_max_size"), Integer.toString(d.groMaxSize()), e.getKey());
            assertTrue(d.gsoIpv4MaxSize() > 0, "Linux 6.18 sends IFLA_GSO_IPV4_MAX_SIZE (iproute2 6.1 does not print it)");
            LinkData data = d.data();
            switch (e.getKey()) {
                case "br0", "br1", "brdown" -> {
                    assertEquals("bridge", data.kind());
                    assertEquals(w.get("forward_delay"), Long.toString(data.number(LinkData.Bridge.FORWARD_DELAY)
                            .orElseThrow()));
                    assertEquals(w.get("priority"), Long.toString(data.number(LinkData.Bridge.PRIORITY).orElseThrow()));
                    assertEquals(w.get("mcast_startup_query_interval"), Long.toString(data.number(
                            LinkData.Bridge.MCAST_STARTUP_QUERY_INTVL).orElseThrow()));
                    byte[] id = data.bytes(LinkData.Bridge.BRIDGE_ID).orElseThrow();
                    assertEquals(8, id.length);
                    StringBuilder bid = new StringBuilder(String.format("%02x%02x.", id[0] & 0xFF, id[1] & 0xFF));
                    for (int k = 2; k < 8; k++) {
                        bid.append(k > 2 ? ":" : "").append(Integer.toHexString(id[k] & 0xFF)); // ether_ntoa()
                    }
                    assertEquals(w.get("bridge_id"), bid.toString(), e.getKey());
                    assertEquals(w.get("no_linklocal_learn"), Long.toString(data.number(LinkData.Bridge.MULTI_BOOLOPT)
                            .orElseThrow() & 1));
                    assertNull(d.slaveData());
                }
                case "veth0" -> {
                    assertNull(data, "a veth has no IFLA_INFO_DATA");
                    LinkData port = d.slaveData();
                    w = words(e.getValue().substring(e.getValue().indexOf("bridge_slave")));
                    assertEquals("bridge", port.kind());
                    assertEquals(w.get("cost"), Long.toString(port.number(LinkData.BridgePort.COST).orElseThrow()));
                    assertEquals(w.get("port_no"), "0x" + Long.toHexString(port.number(LinkData.BridgePort.NO)
                            .orElseThrow()));
                    assertEquals(w.get("state"), List.of("disabled", "listening", "learning", "forwarding",
                            "blocking").get((int) port.number(LinkData.BridgePort.STATE).orElseThrow()));
                }
                case "vx5" -> {
                    assertEquals(w.get("id"), Long.toString(data.number(LinkData.Vxlan.ID).orElseThrow()));
                    assertEquals(w.get("dstport"), Long.toString(data.number(LinkData.Vxlan.PORT).orElseThrow()));
                    assertEquals(w.get("remote"), data.address(LinkData.Vxlan.GROUP).orElseThrow().getHostAddress());
                    assertEquals(w.get("srcport"), Long.toString(data.number(LinkData.Vxlan.PORT_RANGE)
                            .orElseThrow() >>> 16));
                    assertEquals(w.get("ageing"), Long.toString(data.number(LinkData.Vxlan.AGEING).orElseThrow()));
                }
                case "mv5" -> assertEquals(4L, data.number(LinkData.Macvlan.MODE).orElseThrow());
                default -> assertNull(data, e.getKey());
            }
            checked++;
        }
        assertTrue(checked >= 8, "lo, three bridges, a veth pair, a vxlan and a macvlan");
    }

    @Test
    void aDummyLinkDecodesWithItsKindAndNoData() throws Exception {
        AttrWriter w = new AttrWriter();
        w.beginMessage(Rtnl.RTM_NEWLINK, 0);
        new IfInfoMsg(0, 1, 7, 0x82, 0).writeTo(w);
        w.string(Rtnl.IFLA_IFNAME, "kube-ipvs0");
        w.u32(Rtnl.IFLA_TXQLEN, 1000);
        w.u32(Rtnl.IFLA_MTU, 1500);
        w.u32(Rtnl.IFLA_MIN_MTU, 0); // dummy_setup(): dev->min_mtu = 0; dev->max_mtu = 0
        w.u32(Rtnl.IFLA_MAX_MTU, 0);
        w.u32(Rtnl.IFLA_PROMISCUITY, 0);
        w.u32(Rtnl.IFLA_ALLMULTI, 0);
        w.u32(Rtnl.IFLA_NUM_TX_QUEUES, 1);
        w.u32(Rtnl.IFLA_NUM_RX_QUEUES, 1);
        w.u32(Rtnl.IFLA_GSO_MAX_SIZE, 65536);
        int li = w.beginNested(Rtnl.IFLA_LINKINFO);
        w.string(Rtnl.IFLA_INFO_KIND, "dummy");
        w.endNested(li);
        int af = w.beginNested(Rtnl.IFLA_AF_SPEC);
        int v6 = w.beginNested(10);
        w.u8(8, 1); // IFLA_INET6_ADDR_GEN_MODE none
        w.endNested(v6);
        w.endNested(af);
        w.endMessage();
        w.check();
        byte[] m = w.toByteArray();
        NlMsgCursor c = new NlMsgCursor(ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()), 0, m.length);
        assertTrue(c.next());
        Decoded<Link> d = new LinkCodec().decodeMessage(c);
        Link l = d.value();
        assertEquals(LinkKind.DUMMY, l.linkKind());
        assertNull(l.details().data());
        assertNull(l.details().slaveData());
        assertEquals(0, l.details().minMtu());
        assertEquals(0, l.details().maxMtu());
        assertEquals(1, l.details().addrGenMode());
        assertEquals(-1, l.details().tsoMaxSize(), "not sent: -1");
        // decode, encode, decode: the same value, IFLA_AF_SPEC carried as it came
        AttrWriter again = new AttrWriter();
        LinkCodec.writeLink(again, Rtnl.RTM_NEWLINK, 0, d);
        again.check();
        byte[] m2 = again.toByteArray();
        NlMsgCursor c2 = new NlMsgCursor(ByteBuffer.wrap(m2).order(ByteOrder.nativeOrder()), 0, m2.length);
        assertTrue(c2.next());
        assertEquals(l, new LinkCodec().decode(c2));
    }

    @Test
    void kindDataKeepsUnknownAttributesAndFlagsAsBytes() throws Exception {
        LinkData data = LinkData.builder("vxlan").number(LinkData.Vxlan.ID, 42).number(LinkData.Vxlan.PORT, 4789)
                .number(LinkData.Vxlan.PORT_RANGE, 1000L << 16 | 2000).number(LinkData.Vxlan.LABEL, 0x12345)
                .bytes(LinkData.Vxlan.GBP, new byte[0]).bytes(99, new byte[] {1, 2, 3}).build();
        Link in = new Link(9, "vx0", LinkKind.VXLAN, 0, 1450, 0, 1000, "noop", "DOWN", 1, "02:00:00:00:00:09",
                "ff:ff:ff:ff:ff:ff", 0, 0, -1, null, LinkDetails.NONE.withData(data));
        AttrWriter w = new AttrWriter();
        LinkCodec.writeLink(w, Rtnl.RTM_NEWLINK, 0, new Decoded<>(in,
                io.github.netroute.routing.netlink.internal.wire.RawAttributes.NONE));
        w.check();
        byte[] m = w.toByteArray();
        NlMsgCursor c = new NlMsgCursor(ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()), 0, m.length);
        assertTrue(c.next());
        Link out = new LinkCodec().decode(c);
        assertEquals(in, out);
        LinkData got = out.details().data();
        assertArrayEquals(new byte[] {1, 2, 3}, got.bytes(99).orElseThrow());
        assertTrue(got.has(LinkData.Vxlan.GBP));
        assertFalse(got.number(LinkData.Vxlan.GBP).isPresent());
        // the port range travels as two big-endian u16: 0x03e8, 0x07d0
        String hex = java.util.HexFormat.of().formatHex(m);
        assertTrue(hex.contains("08000a0003e807d0"), hex);
    }
}
