package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.FibRuleHdr;
import io.github.netroute.routing.netlink.internal.wire.FixedHeader;
import io.github.netroute.routing.netlink.internal.wire.IfAddrMsg;
import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic decoded form of one netlink message: header fields, the family's fixed header and its attributes in
 * wire order, typed by {@link AttrSchema}; unknown attributes are kept as {@link Attr.Unknown}. Used for fixtures,
 * diagnostics and the less hot operations; the hot paths read with {@link NlMsgCursor} and {@link AttrReader}
 * directly.
 *
 * <p>Message types with no schema (control messages, neighbours, ...) keep their whole payload in
 * {@link FixedHeader.Raw} with no attributes. {@code decode(encode(m)).equals(m)} for every message whose
 * attributes match their schema kinds and {@code Unknown} entries use types the schema does not know.
 *
 * @param type nlmsg_type
 * @param flags nlmsg_flags
 * @param seq nlmsg_seq
 * @param pid nlmsg_pid
 */
public record NlMessage(int type, int flags, int seq, int pid, FixedHeader fixed, List<Attr> attrs) {
  /** Nested attributes deeper than this are a decode error (the schemas nest at most 2 levels). */
  private static final int MAX_DEPTH = 8;

  public NlMessage {
    FixedHeader.requireU16("nlmsg_type", type);
    FixedHeader.requireU16("nlmsg_flags", flags);
    attrs = List.copyOf(attrs);
    if (!attrs.isEmpty() && fixed instanceof FixedHeader.Raw) {
      throw new IllegalArgumentException("a Raw message has no attributes");
    }
  }

  /** The first attribute of {@code type}, or null. */
  public Attr attr(int type) {
    for (Attr a : attrs) {
      if (a.type() == type) return a;
    }
    return null;
  }

  /** Appends this message to {@code w}. */
  public void writeTo(AttrWriter w) {
    w.beginMessage(type, flags, seq, pid);
    fixed.writeTo(w);
    for (Attr a : attrs) a.writeTo(w);
    w.endMessage();
  }

  /** This message's bytes. */
  public byte[] encode() {
    AttrWriter w = new AttrWriter(256);
    writeTo(w);
    return w.toByteArray();
  }

  /** Decodes the message the cursor is on. */
  public static NlMessage decode(NlMsgCursor c) throws NetlinkDecodeException {
    ByteBuffer buf = c.buffer();
    int p = c.payloadOffset();
    int end = c.messageEnd();
    AttrSchema schema = AttrSchema.forMessageType(c.type());
    if (schema == null) {
      return new NlMessage(c.type(), c.flags(), c.seq(), c.pid(), new FixedHeader.Raw(copy(buf, p, end)), List.of());
    }
    FixedHeader fixed = decodeFixed(c.type(), buf, p, end);
    int attrStart = Math.min(end, p + Netlink.align(fixed.size()));
    return new NlMessage(c.type(), c.flags(), c.seq(), c.pid(), fixed,
        decodeAttrs(buf, attrStart, end, schema, 0));
  }

  /** Decodes every message in {@code [start, end)} of {@code buf}. */
  public static List<NlMessage> decodeAll(ByteBuffer buf, int start, int end) throws NetlinkDecodeException {
    NlMsgCursor c = new NlMsgCursor(buf, start, end);
    List<NlMessage> out = new ArrayList<>();
    while (c.next()) out.add(decode(c));
    return out;
  }

  /** Decodes every message in {@code bytes}. */
  public static List<NlMessage> decodeAll(byte[] bytes) throws NetlinkDecodeException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder());
    return decodeAll(b, 0, bytes.length);
  }

  static FixedHeader decodeFixed(int type, ByteBuffer buf, int p, int end) throws NetlinkDecodeException {
    if (Rtnl.isRouteMessage(type)) return RtMsg.decode(buf, p, end);
    if (Rtnl.isRuleMessage(type)) return FibRuleHdr.decode(buf, p, end);
    if (Rtnl.isLinkMessage(type)) return IfInfoMsg.decode(buf, p, end);
    if (Rtnl.isAddressMessage(type)) return IfAddrMsg.decode(buf, p, end);
    return new FixedHeader.Raw(copy(buf, p, end));
  }

  /** Decodes the attributes in {@code [start, end)} with {@code schema}. */
  public static List<Attr> decodeAttrs(ByteBuffer buf, int start, int end, AttrSchema schema)
      throws NetlinkDecodeException {
    return decodeAttrs(buf, start, end, schema, 0);
  }

  private static List<Attr> decodeAttrs(ByteBuffer buf, int start, int end, AttrSchema schema, int depth)
      throws NetlinkDecodeException {
    if (depth > MAX_DEPTH) throw new NetlinkDecodeException("attributes nested deeper than " + MAX_DEPTH, start);
    AttrReader r = new AttrReader(buf, start, end);
    List<Attr> out = new ArrayList<>();
    while (r.next()) out.add(decodeOne(r, schema, depth));
    r.check();
    return out;
  }

  private static Attr decodeOne(AttrReader r, AttrSchema schema, int depth) throws NetlinkDecodeException {
    int raw = r.rawType();
    int type = r.type();
    int len = r.payloadLength();
    AttrSchema.Kind kind = schema.kind(type);
    boolean flagged = raw != type;
    if (kind == null || (flagged && !(kind == AttrSchema.Kind.NESTED && raw == (type | Netlink.NLA_F_NESTED)))) {
      return new Attr.Unknown(raw, r.bytes());
    }
    switch (kind) {
      case U8: return len == 1 ? new Attr.U8(type, r.u8()) : unknown(r);
      case U16: return len == 2 ? new Attr.U16(type, r.u16()) : unknown(r);
      case BE16: return len == 2 ? new Attr.Be16(type, r.be16()) : unknown(r);
      case U32: return len == 4 ? new Attr.U32(type, r.u32()) : unknown(r);
      case BE32: return len == 4 ? new Attr.Be32(type, r.be32()) : unknown(r);
      case U64: return len == 8 ? new Attr.U64(type, r.u64()) : unknown(r);
      case BE64: return len == 8 ? new Attr.Be64(type, r.be64()) : unknown(r);
      case ADDRESS: return len == 4 || len == 16 ? new Attr.Address(type, r.address()) : unknown(r);
      case STRING: return string(r);
      case BINARY: return new Attr.Binary(type, r.bytes());
      case NESTED: {
        int p = r.payloadOffset();
        return new Attr.Nested(type, flagged,
            decodeAttrs(r.buffer(), p, p + len, schema.nestedSchema(type), depth + 1));
      }
      case MULTIPATH: {
        AttrReader.NexthopReader hops = r.multipath(new AttrReader.NexthopReader());
        List<Attr.NextHop> out = new ArrayList<>();
        AttrReader inner = new AttrReader();
        while (hops.next()) {
          AttrReader a = hops.attributes(inner);
          List<Attr> attrs = decodeAttrs(a.buffer(), a.positionForDecode(), a.endForDecode(),
              schema.nestedSchema(type), depth + 1);
          out.add(new Attr.NextHop(hops.flags(), hops.hops(), hops.ifindex(), attrs));
        }
        r.check();
        return new Attr.Multipath(type, out);
      }
      default: throw new AssertionError(kind);
    }
  }

  private static Attr unknown(AttrReader r) {
    return new Attr.Unknown(r.rawType(), r.bytes());
  }

  /** A string kept typed only when it is exactly UTF-8 text plus one final NUL; else raw. */
  private static Attr string(AttrReader r) {
    byte[] b = r.bytes();
    int n = b.length;
    if (n == 0 || b[n - 1] != 0) return unknown(r);
    for (int i = 0; i < n - 1; i++) {
      if (b[i] == 0) return unknown(r);
    }
    String s = new String(b, 0, n - 1, StandardCharsets.UTF_8);
    byte[] again = s.getBytes(StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(again, 0, again.length, b, 0, n - 1)) return unknown(r);
    return new Attr.Str(r.type(), s);
  }

  private static byte[] copy(ByteBuffer buf, int from, int to) {
    byte[] b = new byte[to - from];
    buf.get(from, b, 0, b.length);
    return b;
  }
}
