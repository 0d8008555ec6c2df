package io.github.netroute.routing.netlink.internal;

import static io.github.netroute.routing.netlink.internal.wire.Netlink.*;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.NlMsgHeader;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding tables: framing, acks and errors, attributes, the generic message form. */
class DecodeTest {
  @BeforeAll
  static void littleEndian() {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "tables are little-endian");
  }

  @Test
  void nlfloorRouteDecodes() throws Exception {
    List<NlMessage> msgs = NlMessage.decodeAll(Hex.bytes(AttrWriterTest.NLFLOOR_ROUTE));
    assertEquals(1, msgs.size());
    NlMessage m = msgs.get(0);
    assertEquals(RTM_NEWROUTE, m.type());
    assertEquals(0x605, m.flags());
    assertEquals(1, m.seq());
    assertEquals(new RtMsg(AF_INET, 24, 0, 0, 100, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST, 0), m.fixed());
    assertEquals(List.of(new Attr.Address(RouteAttr.DST.number(), InetAddress.getByName("10.0.0.0")),
        new Attr.Address(RouteAttr.GATEWAY.number(), InetAddress.getByName("192.168.1.1"))), m.attrs());
    assertArrayEquals(Hex.bytes(AttrWriterTest.NLFLOOR_ROUTE), m.encode());
  }

  @Test
  void cursorWalksPackedMessagesAndRejectsBadLengths() throws Exception {
    String two = """
        14000000 0300 0200 05000000 99000000 00000000   # NLMSG_DONE, MULTI, seq 5, pid 0x99, status 0
        11000000 1200 0000 06000000 00000000 02         # 17-byte message, last one unpadded
        """;
    ByteBuffer b = Hex.buffer(two);
    NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
    assertTrue(c.next());
    assertEquals(NLMSG_DONE, c.type());
    assertTrue(c.hasFlag(NLM_F_MULTI));
    assertEquals(5, c.seq());
    assertEquals(0x99, c.pid());
    assertEquals(0, NlError.decodeDone(c).error());
    assertTrue(c.next());
    assertEquals(17, c.length());
    assertEquals(RTM_GETLINK, c.type());
    assertFalse(c.next());

    for (String bad : new String[] {
        "0f000000 0000 0000 00000000 00000000",  // nlmsg_len 15 < 16
        "20000000 0000 0000 00000000 00000000",  // nlmsg_len 32 > 16 bytes present
        "10000000 0000 0000 00000000 000000",    // 15 bytes
        "10000000 0000 0000 00000000 00000000 ff", // trailing byte
    }) {
      ByteBuffer bb = Hex.buffer(bad);
      NlMsgCursor cc = new NlMsgCursor(bb, 0, bb.limit());
      assertThrows(NetlinkDecodeException.class, () -> {
        while (cc.next()) { }
      }, bad);
    }
  }

  @Test
  void cappedErrorWithExtendedAck() throws Exception {
    String err = """
        34000000 0200 0003 07000000 2a000000   # NLMSG_ERROR, flags CAPPED|ACK_TLVS, seq 7, pid 42
        eaffffff                               # error -22 (EINVAL)
        2c000000 1800 0506 07000000 00000000   # the request's header (44 bytes, payload not echoed)
        0800 0100 62616400                     # NLMSGERR_ATTR_MSG "bad"
        0800 0200 1c000000                     # NLMSGERR_ATTR_OFFS 28
        """;
    ByteBuffer b = Hex.buffer(err);
    NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
    assertTrue(c.next());
    NlError e = NlError.decodeError(c);
    assertEquals(-22, e.error());
    assertEquals(Errno.EINVAL, e.errno());
    assertEquals(new NlMsgHeader(44, RTM_NEWROUTE, 0x605, 7, 0), e.request());
    assertEquals("bad", e.extackMessage());
    assertEquals(28, e.extackOffset());
    NetlinkErrorException x = e.toException("RTM_NEWROUTE");
    assertEquals(Errno.EINVAL, x.errno());
    assertEquals("RTM_NEWROUTE: EINVAL (Invalid argument): bad", x.getMessage());
    assertEquals(7, x.failedRequest().seq());
  }

  @Test
  void uncappedErrorEchoesTheRequestBeforeTheTlvs() throws Exception {
    String err = """
        3c000000 0200 0002 07000000 2a000000   # NLMSG_ERROR, 60 bytes, flags ACK_TLVS only
        efffffff                               # error -17 (EEXIST)
        1c000000 1800 0506 07000000 00000000   # request header, 28 bytes
        02 18 00 00 64 03 00 01 00000000       # its rtmsg, echoed
        0c00 0100 65786973747300 00            # NLMSGERR_ATTR_MSG "exists" + pad
        """;
    ByteBuffer b = Hex.buffer(err);
    NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
    assertTrue(c.next());
    NlError e = NlError.decodeError(c);
    assertEquals(Errno.EEXIST, e.errno());
    assertEquals("exists", e.extackMessage());
    assertEquals(-1, e.extackOffset());
  }

  @Test
  void successfulAckAndDumpDoneWithError() throws Exception {
    String ack = "24000000 0200 0001 09000000 00000000 00000000 2c000000 1800 0506 09000000 00000000";
    ByteBuffer b = Hex.buffer(ack);
    NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
    assertTrue(c.next());
    assertTrue(NlError.decodeError(c).isAck());

    String done = """
        1c000000 0300 0202 0a000000 00000000   # NLMSG_DONE, MULTI|ACK_TLVS
        f9ffffff                               # -7 (E2BIG)
        0800 0100 78797a00                     # NLMSGERR_ATTR_MSG "xyz"
        """;
    b = Hex.buffer(done);
    c.reset(b, 0, b.limit());
    assertTrue(c.next());
    NlError d = NlError.decodeDone(c);
    assertEquals(Errno.E2BIG, d.errno());
    assertEquals("xyz", d.extackMessage());
    assertNull(d.request());
  }

  @Test
  void truncatedErrorsAreDecodeErrors() {
    for (String bad : new String[] {
        "14000000 0200 0000 01000000 00000000 00000000",              // no echoed header
        "34000000 0200 0002 07000000 2a000000 eaffffff 2c000000 1800 0506 07000000 00000000"
            + " 0800 0100 62616400 0800 0200 1c000000",                // uncapped: echo claims 28 bytes
        "1c000000 0200 0003 07000000 2a000000 eaffffff 2c000000 1800 0506 07000000 00000000"
            .substring(0, 0) + "24000000 0200 0003 07000000 2a000000 eaffffff 2c000000 1800 0506 07000000 00000000 0000 0100",
    }) {
      ByteBuffer b = Hex.buffer(bad);
      assertThrows(NetlinkDecodeException.class, () -> {
        NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
        while (c.next()) NlError.decodeError(c);
      }, bad);
    }
  }

  @Test
  void readerAccessorsNestedAndMultipath() throws Exception {
    String attrs = """
        0500 1500 07 000000                    # u8 7
        0800 0f00 10270000                     # RTA_TABLE 10000
        0600 1c00 0050 0000                    # RTA_SPORT be16 80
        0c00 0800                              # RTA_METRICS
          0800 0200 dc050000                   #   RTAX_MTU 1500
        1c00 0900                              # RTA_MULTIPATH
          1000 00 01 02000000                  #   hop ifindex 2, weight 2
            0800 0500 0a000001                 #     gateway 10.0.0.1
          0800 01 00 03000000                  #   hop ifindex 3, dead
        0800 0182 01000000                     # type 0x201 with NLA_F_NESTED
        """;
    ByteBuffer b = Hex.buffer(attrs);
    AttrReader r = new AttrReader(b, 0, b.limit());
    assertTrue(r.next());
    assertEquals(7, r.u8());
    assertTrue(r.next());
    assertEquals(RouteAttr.TABLE.number(), r.type());
    assertEquals(10000, r.u32());
    assertTrue(r.next());
    assertEquals(80, r.be16());
    assertTrue(r.next());
    AttrReader m = r.nested();
    assertTrue(m.next());
    assertEquals(RTAX_MTU, m.type());
    assertEquals(1500, m.u32());
    assertFalse(m.next());
    assertTrue(r.next());
    AttrReader.NexthopReader hops = r.multipath(new AttrReader.NexthopReader());
    assertTrue(hops.next());
    assertEquals(2, hops.ifindex());
    assertEquals(1, hops.hops());
    AttrReader ha = hops.attributes(new AttrReader());
    assertTrue(ha.next());
    assertEquals(InetAddress.getByName("10.0.0.1"), ha.address());
    assertEquals(0x0A000001, ha.ipv4());
    assertFalse(ha.next());
    assertTrue(hops.next());
    assertEquals(RTNH_F_DEAD, hops.flags());
    assertFalse(hops.next());
    assertTrue(r.next());
    assertEquals(0x201, r.type());
    assertEquals(0x8201, r.rawType());
    assertTrue(r.isNestedFlag());
    assertFalse(r.next());
    r.check();
  }

  @Test
  void readerKeepsTheFirstErrorAndStops() {
    ByteBuffer b = Hex.buffer("0800 0f00 10270000  0800 0600 01000000");
    AttrReader r = new AttrReader(b, 0, b.limit());
    assertTrue(r.next());
    assertEquals(0, r.u16()); // wrong size: error recorded, 0 returned
    NetlinkDecodeException first = r.error();
    assertNotNull(first);
    assertFalse(r.next()); // no-op after the error
    assertEquals(0, r.u32());
    assertSame(first, assertThrows(NetlinkDecodeException.class, r::check));

    for (String bad : new String[] {"0000 0100", "0300 0100 00", "0c00 0100 00000000", "0800 01", "0400 0100 00"}) {
      ByteBuffer bb = Hex.buffer(bad);
      AttrReader rr = new AttrReader(bb, 0, bb.limit());
      while (rr.next()) { }
      assertThrows(NetlinkDecodeException.class, rr::check, bad);
    }

    // an error inside a nest reaches the parent
    ByteBuffer n = Hex.buffer("0c00 0800 0900 0200 01000000");
    AttrReader p = new AttrReader(n, 0, n.limit());
    assertTrue(p.next());
    AttrReader child = p.nested();
    while (child.next()) { }
    assertNotNull(child.error());
    assertSame(child.error(), p.error());
  }

  @Test
  void genericFormKeepsUnknownAndMisshapenAttributes() throws Exception {
    String msg = """
        40000000 1800 0000 00000000 00000000   # RTM_NEWROUTE, len 64
        0a 80 00 00 fe 03 00 01 00000000       # rtmsg inet6 /128
        1400 0100 00000000000000000000ffff01020304   # RTA_DST ::ffff:1.2.3.4
        0600 0f00 0100 0000                    # RTA_TABLE with 2 bytes: kept raw
        0800 6400 deadbeef                     # type 100: unknown, kept raw
        """;
    NlMessage m = NlMessage.decodeAll(Hex.bytes(msg)).get(0);
    Attr dst = m.attrs().get(0);
    assertTrue(((Attr.Address) dst).value() instanceof Inet6Address);
    assertEquals(new Attr.Unknown(RouteAttr.TABLE.number(), new byte[] {1, 0}), m.attrs().get(1));
    assertEquals(new Attr.Unknown(100, Hex.bytes("deadbeef")), m.attrs().get(2));
    assertArrayEquals(Hex.bytes(msg), m.encode());
  }

  @Test
  void genericFormOfALinkWithStringsAndNests() throws Exception {
    AttrWriter w = new AttrWriter();
    w.beginMessage(RTM_NEWLINK, NLM_F_MULTI, 3, 0);
    new IfInfoMsg(AF_UNSPEC, 772, 1, IFF_UP | IFF_LOOPBACK, 0).writeTo(w);
    w.string(IFLA_IFNAME, "lo");
    w.u32(IFLA_MTU, 65536);
    w.u8(IFLA_OPERSTATE, 0);
    int li = w.beginNested(IFLA_LINKINFO | NLA_F_NESTED);
    w.string(IFLA_INFO_KIND, "dummy");
    w.endNested(li);
    w.bytes(IFLA_ADDRESS, new byte[6]);
    w.bytes(IFLA_IFALIAS, new byte[] {'a', 'b'}); // no NUL: not a well-formed string, kept raw
    w.endMessage();
    NlMessage m = NlMessage.decodeAll(w.toByteArray()).get(0);
    assertEquals(new IfInfoMsg(AF_UNSPEC, 772, 1, IFF_UP | IFF_LOOPBACK, 0), m.fixed());
    assertEquals(List.of(new Attr.Str(IFLA_IFNAME, "lo"), new Attr.U32(IFLA_MTU, 65536),
        new Attr.U8(IFLA_OPERSTATE, 0),
        new Attr.Nested(IFLA_LINKINFO, true, List.of(new Attr.Str(IFLA_INFO_KIND, "dummy"))),
        new Attr.Binary(IFLA_ADDRESS, new byte[6]), new Attr.Unknown(IFLA_IFALIAS, new byte[] {'a', 'b'})),
        m.attrs());
    assertArrayEquals(w.toByteArray(), m.encode());
  }

  @Test
  void fixedHeaderShorterThanItsStructIsADecodeError() {
    String shortRoute = "18000000 1800 0000 00000000 00000000 02180000 64030001"; // rtmsg cut at 8 bytes
    assertThrows(NetlinkDecodeException.class, () -> NlMessage.decodeAll(Hex.bytes(shortRoute)));
  }
}
