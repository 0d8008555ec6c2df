package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.FibRuleHdr;
import io.github.netroute.routing.netlink.internal.wire.FixedHeader;
import io.github.netroute.routing.netlink.internal.wire.IfAddrMsg;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.NlMsgHeader;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Codec properties, 10 000 tries each: decoding any bytes fails only with {@link NetlinkDecodeException};
 * encode → decode is the identity on generated messages; decode → encode → decode is stable on whatever decodes.
 */
class CodecProperties {
  private static final int TRIES = 10_000;

  // ------------------------------------------------------------------------------------------ properties

  @Property(tries = TRIES)
  void randomBytesFailOnlyWithDecodeException(@ForAll @Size(max = 600) byte[] bytes) {
    decodeEverything(bytes);
  }

  @Property(tries = TRIES)
  void randomBytesBehindAPlausibleHeaderFailOnlyWithDecodeException(@ForAll("plausible") byte[] bytes) {
    decodeEverything(bytes);
  }

  @Property(tries = TRIES)
  void truncatedMessagesFailOnlyWithDecodeException(@ForAll("messages") NlMessage m, @ForAll Random random) {
    byte[] full = m.encode();
    int cut = random.nextInt(full.length + 1);
    byte[] t = Arrays.copyOf(full, cut);
    decodeEverything(t);
    if (cut >= 16) { // also claim the truncated length, so the damage is inside the message
      ByteBuffer.wrap(t).order(ByteOrder.nativeOrder()).putInt(0, cut);
      decodeEverything(t);
    }
  }

  @Property(tries = TRIES)
  void mutatedMessagesFailOnlyWithDecodeExceptionAndRedecodeStably(@ForAll("messages") NlMessage m,
      @ForAll Random random) throws Exception {
    byte[] b = m.encode();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      int at = random.nextInt(b.length);
      b[at] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) (b[at] ^ (1 << random.nextInt(8)));
    }
    List<NlMessage> decoded = decodeEverything(b);
    if (decoded != null) {
      AttrWriter w = new AttrWriter();
      for (NlMessage d : decoded) d.writeTo(w);
      w.check();
      assertEquals(decoded, NlMessage.decodeAll(w.toByteArray()));
    }
  }

  @Property(tries = TRIES)
  void encodeThenDecodeIsIdentity(@ForAll("messages") NlMessage m) throws Exception {
    assertEquals(List.of(m), NlMessage.decodeAll(m.encode()));
  }

  @Property(tries = TRIES)
  void manyMessagesInOneBufferRoundTrip(@ForAll("messageLists") List<NlMessage> ms) throws Exception {
    AttrWriter w = new AttrWriter(64);
    for (NlMessage m : ms) m.writeTo(w);
    w.check();
    assertEquals(ms.size(), w.messageCount());
    assertEquals(ms, NlMessage.decodeAll(w.toByteArray()));
  }

  // ------------------------------------------------------------------------------------------ decoding all ways

  /**
   * Runs every decoder over {@code bytes}; returns the generic decode, or null if it failed with
   * NetlinkDecodeException. Any other exception fails the property.
   */
  static List<NlMessage> decodeEverything(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    List<NlMessage> generic;
    try {
      generic = NlMessage.decodeAll(buf, 0, bytes.length);
    } catch (NetlinkDecodeException e) {
      generic = null;
    }
    try {
      NlMsgCursor c = new NlMsgCursor(buf, 0, bytes.length);
      AttrReader r = new AttrReader();
      while (c.next()) {
        if (c.type() == Netlink.NLMSG_ERROR) NlError.decodeError(c);
        if (c.type() == Netlink.NLMSG_DONE) NlError.decodeDone(c);
        for (int fixed : new int[] {0, 1, 8, 12, 16}) {
          if (c.payloadLength() < fixed) continue;
          readAll(c.attributes(fixed, r), 0);
        }
      }
    } catch (NetlinkDecodeException expected) {
      // fine
    }
    // the attribute reader straight over the bytes, and the fixed headers at offset 0
    readAll(new AttrReader(buf, 0, bytes.length), 0);
    try {
      RtMsg.decode(buf, 0, bytes.length);
      FibRuleHdr.decode(buf, 0, bytes.length);
      IfInfoMsg.decode(buf, 0, bytes.length);
      IfAddrMsg.decode(buf, 0, bytes.length);
      NlMsgHeader.decode(buf, 0, bytes.length);
    } catch (NetlinkDecodeException expected) {
      // fine
    }
    try {
      for (AttrSchema s : new AttrSchema[] {AttrSchema.ROUTE, AttrSchema.RULE, AttrSchema.LINK, AttrSchema.ADDRESS}) {
        NlMessage.decodeAttrs(buf, 0, bytes.length, s);
      }
    } catch (NetlinkDecodeException expected) {
      // fine
    }
    return generic;
  }

  /** Every accessor on every attribute, nests and multipath included; errors are recorded, never thrown. */
  private static void readAll(AttrReader r, int depth) {
    while (r.next()) {
      r.u8();
      r.u16();
      r.be16();
      r.u32();
      r.be32();
      r.u64();
      r.be64();
      r.string();
      r.bytes();
      r.address();
      r.u16At(1, 4);
      r.u32At(1, 8);
      if (depth < 4) {
        readAll(r.nested(), depth + 1);
        AttrReader.NexthopReader h = r.multipath(new AttrReader.NexthopReader());
        while (h.next()) {
          h.flags();
          h.hops();
          h.ifindex();
          readAll(h.attributes(new AttrReader()), depth + 1);
        }
      }
    }
    r.error();
  }

  // ------------------------------------------------------------------------------------------ generators

  @Provide
  Arbitrary<NlMessage> messages() {
    return Arbitraries.randomValue(CodecProperties::message);
  }

  @Provide
  Arbitrary<List<NlMessage>> messageLists() {
    return Arbitraries.randomValue(CodecProperties::message).list().ofMaxSize(5);
  }

  /** A header with a length that is sometimes right, then random bytes. */
  @Provide
  Arbitrary<byte[]> plausible() {
    return Arbitraries.randomValue(r -> {
      byte[] b = new byte[16 + r.nextInt(200)];
      r.nextBytes(b);
      ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
      bb.putInt(0, r.nextBoolean() ? b.length : r.nextInt(b.length + 8));
      int[] types = {2, 3, 16, 20, 24, 32, 26, 34};
      bb.putShort(4, (short) types[r.nextInt(types.length)]);
      if (r.nextBoolean()) bb.putShort(6, (short) (Netlink.NLM_F_ACK_TLVS | (r.nextBoolean() ? 0x100 : 0)));
      return b;
    });
  }

  static NlMessage message(Random r) {
    int[] types = {Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE, Rtnl.RTM_GETROUTE, Rtnl.RTM_NEWRULE, Rtnl.RTM_DELRULE,
        Rtnl.RTM_NEWLINK, Rtnl.RTM_SETLINK, Rtnl.RTM_NEWADDR, Rtnl.RTM_GETADDR, Rtnl.RTM_NEWNEIGH, 100,
        Netlink.NLMSG_DONE};
    int type = types[r.nextInt(types.length)];
    int flags = r.nextInt(0x10000);
    AttrSchema schema = AttrSchema.forMessageType(type);
    if (schema == null) {
      byte[] raw = new byte[r.nextInt(40)];
      r.nextBytes(raw);
      return new NlMessage(type, flags, r.nextInt(), r.nextInt(), new FixedHeader.Raw(raw), List.of());
    }
    FixedHeader fixed;
    if (Rtnl.isRouteMessage(type)) {
      fixed = new RtMsg(u8(r), u8(r), u8(r), u8(r), u8(r), u8(r), u8(r), u8(r), r.nextInt());
    } else if (Rtnl.isRuleMessage(type)) {
      fixed = new FibRuleHdr(u8(r), u8(r), u8(r), u8(r), u8(r), u8(r), u8(r), u8(r), r.nextInt());
    } else if (Rtnl.isLinkMessage(type)) {
      fixed = new IfInfoMsg(u8(r), r.nextInt(0x10000), r.nextInt(), r.nextInt(), r.nextInt());
    } else {
      fixed = new IfAddrMsg(u8(r), u8(r), u8(r), u8(r), r.nextInt());
    }
    return new NlMessage(type, flags, r.nextInt(), r.nextInt(), fixed, attrs(r, schema, 0));
  }

  private static int u8(Random r) {
    return r.nextInt(256);
  }

  private static List<Attr> attrs(Random r, AttrSchema schema, int depth) {
    int n = r.nextInt(depth == 0 ? 9 : 4);
    int[] known = schema.knownTypes();
    List<Attr> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (r.nextInt(6) == 0) {
        int t = schema.maxType() + 1 + r.nextInt(0x3FFF - schema.maxType());
        if (r.nextInt(4) == 0) t |= r.nextBoolean() ? Netlink.NLA_F_NESTED : Netlink.NLA_F_NET_BYTEORDER;
        out.add(new Attr.Unknown(t, bytes(r, 24)));
      } else {
        out.add(attr(r, schema, known[r.nextInt(known.length)], depth));
      }
    }
    return out;
  }

  private static Attr attr(Random r, AttrSchema schema, int type, int depth) {
    switch (schema.kind(type)) {
      case U8: return new Attr.U8(type, u8(r));
      case U16: return new Attr.U16(type, r.nextInt(0x10000));
      case BE16: return new Attr.Be16(type, r.nextInt(0x10000));
      case U32: return new Attr.U32(type, r.nextInt());
      case BE32: return new Attr.Be32(type, r.nextInt());
      case U64: return new Attr.U64(type, r.nextLong());
      case BE64: return new Attr.Be64(type, r.nextLong());
      case STRING: return new Attr.Str(type, string(r));
      case ADDRESS: return new Attr.Address(type, AttrReader.address(bytesExactly(r, r.nextBoolean() ? 4 : 16)));
      case BINARY: return new Attr.Binary(type, bytes(r, 24));
      case NESTED: return new Attr.Nested(type, r.nextBoolean(),
          depth < 3 ? attrs(r, schema.nestedSchema(type), depth + 1) : List.of());
      case MULTIPATH: {
        List<Attr.NextHop> hops = new ArrayList<>();
        int n = depth < 3 ? r.nextInt(4) : 0;
        for (int i = 0; i < n; i++) {
          hops.add(new Attr.NextHop(u8(r), u8(r), r.nextInt(), attrs(r, schema.nestedSchema(type), depth + 1)));
        }
        return new Attr.Multipath(type, hops);
      }
      default: throw new AssertionError();
    }
  }

  private static String string(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(16);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      if (kind < 7) {
        sb.append((char) ('a' + r.nextInt(26)));
      } else if (kind < 9) {
        sb.append((char) (1 + r.nextInt(0x7F)));
      } else {
        sb.append((char) (0x80 + r.nextInt(0xD7FF - 0x80))); // BMP, no surrogates
      }
    }
    return sb.toString();
  }

  private static byte[] bytes(Random r, int max) {
    return bytesExactly(r, r.nextInt(max + 1));
  }

  private static byte[] bytesExactly(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
