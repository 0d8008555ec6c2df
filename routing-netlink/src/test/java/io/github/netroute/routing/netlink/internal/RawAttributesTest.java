package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The raw-attribute list: bytes as emitted, value semantics, copies, and errors naming the bad value. */
class RawAttributesTest {
  @Test
  void emitsHeaderTypeAsSentPayloadAndZeroPadding() {
    RawAttributes r = RawAttributes.builder().add(0x8123, new byte[] {1, 2, 3}).add(301, new byte[0]).build();
    // little-endian host: nla_len 7, type 0x8123, 01 02 03, one pad byte; nla_len 4, type 301
    assertEquals("070023810102030004002d01", HexFormat.of().formatHex(r.toBytes()));
    assertEquals("[type 0x8123: 010203, type 301: ]", r.toString());
    AttrWriter w = new AttrWriter();
    w.beginMessage(Rtnl.RTM_NEWRULE, 0);
    w.putU32(0).putU32(0).putU32(0);
    r.writeTo(w);
    w.endMessage();
    byte[] m = w.toByteArray();
    assertEquals(HexFormat.of().formatHex(r.toBytes()), HexFormat.of().formatHex(m, 28, m.length));
    AttrReader a = new AttrReader(Mutator.le(m), 28, m.length);
    RawAttributes.Builder back = RawAttributes.builder();
    while (a.next()) back.add(a);
    assertEquals(r, back.build());
    assertEquals(r.hashCode(), back.build().hashCode());
  }

  @Test
  void isImmutableAndComparesByContent() {
    byte[] p = {9, 9};
    RawAttributes r = RawAttributes.of(500, p);
    p[0] = 0;
    assertArrayEquals(new byte[] {9, 9}, r.payload(0), "the payload was not copied in");
    r.payload(0)[1] = 0;
    assertArrayEquals(new byte[] {9, 9}, r.payload(0), "the payload was not copied out");
    assertNotEquals(r, RawAttributes.of(501, new byte[] {9, 9}));
    assertNotEquals(r, RawAttributes.of(500, new byte[] {9, 8}));
    assertSame(RawAttributes.NONE, RawAttributes.builder().build());
    assertTrue(RawAttributes.NONE.isEmpty());
  }

  @Test
  void badInputNamesTheValue() {
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> RawAttributes.of(70000, new byte[0]));
    assertEquals("attribute type 70000 outside u16", t.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> RawAttributes.of(1, new byte[65532]));
    assertEquals("attribute payload 65532 bytes exceeds 65531", n.getMessage());
  }
}
