package io.github.netroute.routing.netlink.internal;

import static io.github.netroute.routing.netlink.internal.wire.Netlink.*;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.FibRuleHdr;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.net.InetAddress;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Encoding tables: every expected byte annotated, on a little-endian host (x86-64, arm64). */
class AttrWriterTest {
  @BeforeAll
  static void littleEndian() {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "tables are little-endian");
  }

  /** What nlfloor.c sends for its first route (seq 1), byte for byte. */
  static final String NLFLOOR_ROUTE = """
      2c000000   # nlmsg_len 44
      1800       # nlmsg_type RTM_NEWROUTE (24)
      0506       # flags REQUEST|ACK|EXCL|CREATE = 0x605
      01000000   # seq 1
      00000000   # pid 0
      02         # rtm_family AF_INET
      18         # rtm_dst_len 24
      00         # rtm_src_len
      00         # rtm_tos
      64         # rtm_table 100
      03         # rtm_protocol boot
      00         # rtm_scope universe
      01         # rtm_type unicast
      00000000   # rtm_flags
      0800 0100  0a000000   # RTA_DST 10.0.0.0
      0800 0500  c0a80101   # RTA_GATEWAY 192.168.1.1
      """;

  @Test
  void routeAsNlfloorSendsIt() throws Exception {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, 1, 0);
    new RtMsg(AF_INET, 24, 0, 0, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0).writeTo(w);
    w.ipv4(RouteAttr.DST.number(), 0x0A000000);
    w.address(RouteAttr.GATEWAY, InetAddress.getByName("192.168.1.1"));
    assertEquals(44, w.endMessage());
    w.check();
    assertEquals(Hex.hex(Hex.bytes(NLFLOOR_ROUTE)), Hex.hex(w.toByteArray()));
  }

  @Test
  void scalarsStringsAndPadding() throws Exception {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_NEWRULE, NLM_F_REQUEST);
    new FibRuleHdr(AF_INET, 0, 0, 0, RT_TABLE_MAIN, 0, 0, FR_ACT_TO_TBL, 0).writeTo(w);
    w.u8(FRA_PROTOCOL, 4);
    w.u16(FRA_SPORT_MASK, 0xff00);
    w.be16(RouteAttr.SPORT, 0x1234);
    w.u32(FRA_PRIORITY, 1000);
    w.u64(99, 0x0102030405060708L);
    w.be64(FRA_TUN_ID, 0x0102030405060708L);
    w.string(FRA_IIFNAME, "eth0");
    w.u16Pair(FRA_DPORT_RANGE, 80, 443);
    w.u32Pair(FRA_UID_RANGE, 1000, 2000);
    w.flag(77);
    w.be32(FRA_FLOWLABEL, 0xABCDE);
    w.endMessage();
    w.check();
    String expected = """
        80000000 2000 0100 00000000 00000000   # len 128, RTM_NEWRULE, REQUEST
        02 00 00 00 fe 00 00 01 00000000       # fib_rule_hdr: inet, table main, action to_tbl
        0500 1500 04 000000                    # FRA_PROTOCOL u8 4 + 3 pad bytes
        0600 1c00 00ff 0000                    # FRA_SPORT_MASK u16 0xff00 host order + pad
        0600 1c00 1234 0000                    # RTA_SPORT (28) big-endian 0x1234 + pad
        0800 0600 e8030000                     # FRA_PRIORITY 1000
        0c00 6300 0807060504030201             # type 99 u64 host order
        0c00 0c00 0102030405060708             # FRA_TUN_ID big-endian u64
        0900 0300 65746830 00 000000           # FRA_IIFNAME "eth0\\0" + 3 pad
        0800 1800 5000 bb01                    # FRA_DPORT_RANGE 80..443, two host-order u16
        0c00 1400 e8030000 d0070000            # FRA_UID_RANGE 1000..2000
        0400 4d00                              # flag attribute 77, empty
        0800 1a00 000abcde                     # FRA_FLOWLABEL big-endian
        """;
    assertEquals(Hex.hex(Hex.bytes(expected)), Hex.hex(w.toByteArray()));
  }

  @Test
  void nestedMetricsAndMultipath() throws Exception {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE);
    new RtMsg(AF_INET, 0, 0, 0, RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0).writeTo(w);
    int m = w.beginNested(RouteAttr.METRICS);
    w.u32(RTAX_MTU, 1400);
    w.endNested(m);
    int mp = w.beginNested(RouteAttr.MULTIPATH);
    int h1 = w.beginNexthop(RTNH_F_ONLINK, 0, 2);
    w.ipv4(RouteAttr.GATEWAY.number(), 0x0A000001);
    w.endNexthop(h1);
    int h2 = w.beginNexthop(0, 4, 3);
    w.endNexthop(h2);
    w.endNested(mp);
    w.endMessage();
    w.check();
    String expected = """
        44000000 1800 0504 00000000 00000000   # len 68, NEWROUTE, REQUEST|ACK|CREATE
        02 00 00 00 fe 04 00 01 00000000       # rtmsg: inet, main, static, universe, unicast
        0c00 0800                              # RTA_METRICS, 12 bytes
          0800 0200 78050000                   #   RTAX_MTU 1400
        1c00 0900                              # RTA_MULTIPATH, 28 bytes
          1000 04 00 02000000                  #   rtnexthop len 16, onlink, hops 0, ifindex 2
            0800 0500 0a000001                 #     RTA_GATEWAY 10.0.0.1
          0800 00 04 03000000                  #   rtnexthop len 8, weight 5, ifindex 3
        """;
    assertEquals(Hex.hex(Hex.bytes(expected)), Hex.hex(w.toByteArray()));
  }

  @Test
  void linkInfoKindAndOddFixedHeader() throws Exception {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
    new IfInfoMsg(AF_UNSPEC, 0, 0, IFF_UP, IFF_UP).writeTo(w);
    w.string(IFLA_IFNAME, "br0");
    int li = w.beginNested(IFLA_LINKINFO);
    w.string(IFLA_INFO_KIND, "bridge");
    w.endNested(li);
    w.endMessage();
    // a dump request with only rtgenmsg: length 17, next message aligned
    w.beginMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
    w.putU8(AF_UNSPEC);
    assertEquals(17, w.endMessage());
    w.check();
    String expected = """
        38000000 1000 0506 00000000 00000000   # len 56 RTM_NEWLINK
        00 00 0000 00000000 01000000 01000000  # ifinfomsg: unspec, index 0, flags UP, change UP
        0800 0300 62723000                     # IFLA_IFNAME "br0\\0"
        1000 1200                              # IFLA_LINKINFO, 16 bytes
          0b00 0100 62726964676500 00          #   IFLA_INFO_KIND "bridge\\0" + 1 pad
        11000000 1200 0103 00000000 00000000   # len 17 RTM_GETLINK REQUEST|DUMP
        00 000000                              # rtgenmsg + padding to the next message
        """;
    assertEquals(Hex.hex(Hex.bytes(expected)), Hex.hex(w.toByteArray()));
    assertEquals(2, w.messageCount());
  }

  @Test
  void ipv6AddressFromLongsAndFromInetAddress() throws Exception {
    AttrWriter a = new AttrWriter();
    a.beginMessage(RTM_NEWROUTE, 0);
    a.ipv6(RouteAttr.DST.number(), 0x20010db800000000L, 0x0000000000000001L);
    a.endMessage();
    AttrWriter b = new AttrWriter();
    b.beginMessage(RTM_NEWROUTE, 0);
    b.address(RouteAttr.DST, InetAddress.getByName("2001:db8::1"));
    b.endMessage();
    assertArrayEquals(b.toByteArray(), a.toByteArray());
    assertTrue(Hex.hex(a.toByteArray()).endsWith("1400010020010db8000000000000000000000001"));
  }

  @Test
  void firstErrorWinsAndLaterCallsAreNoOps() {
    AttrWriter w = new AttrWriter();
    w.u32(RouteAttr.TABLE, 1); // outside a message
    NetlinkException first = w.error();
    assertNotNull(first);
    w.beginMessage(RTM_NEWROUTE, 0);
    w.bytes(RouteAttr.DST.number(), new byte[70000]);
    w.endMessage();
    assertSame(first, w.error());
    assertEquals(0, w.size());
    NetlinkException thrown = assertThrows(NetlinkException.class, w::check);
    assertSame(first, thrown);
    assertTrue(thrown.getMessage().contains("outside a message"), thrown.getMessage());
  }

  @Test
  void oversizedAttributeAndUnbalancedNests() {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_NEWROUTE, 0);
    w.bytes(RouteAttr.DST.number(), new byte[65532]);
    assertEquals(Errno.EMSGSIZE, w.error().errno());

    AttrWriter n = new AttrWriter();
    n.beginMessage(RTM_NEWROUTE, 0);
    int a = n.beginNested(RouteAttr.METRICS);
    n.beginNested(RouteAttr.MULTIPATH);
    n.endNested(a);
    assertTrue(n.error().getMessage().contains("unbalanced"));

    AttrWriter o = new AttrWriter();
    o.beginMessage(RTM_NEWROUTE, 0);
    o.beginNested(RouteAttr.METRICS);
    assertThrows(NetlinkException.class, o::check); // left open

    AttrWriter h = new AttrWriter();
    h.beginMessage(RTM_NEWROUTE, 0);
    h.beginNexthop(0, 0, 1);
    assertTrue(h.error().getMessage().contains("outside RTA_MULTIPATH"));
  }

  @Test
  void growsPastInitialCapacityAndResets() throws Exception {
    AttrWriter w = new AttrWriter(64);
    for (int i = 0; i < 1000; i++) {
      w.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST);
      new RtMsg(AF_INET, 32, 0, 0, 100, 3, 0, 1, 0).writeTo(w);
      w.ipv4(RouteAttr.DST.number(), i);
      w.endMessage();
    }
    w.check();
    assertEquals(1000 * 36, w.size());
    assertEquals(1000, NlMessage.decodeAll(w.toByteArray()).size());
    w.reset();
    assertEquals(0, w.size());
    assertEquals(0, w.messageCount());
  }
}
