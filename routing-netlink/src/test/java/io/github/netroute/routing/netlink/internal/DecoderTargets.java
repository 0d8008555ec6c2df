package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopGroup;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.Decoded;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.NexthopCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteMessage;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decoders under fuzz, each with its seeds (every message of its kind in the golden fixtures, requests and
 * replies) and its oracle:
 * <ul>
 *   <li>only {@link NetlinkDecodeException} may come out, and the client maps it to EBADMSG;
 *   <li>what decodes re-encodes and decodes to the same message (route, rule, link, address, nexthop:
 *       decode → encode → decode): the same value as far as a request carries it, and the same attributes the
 *       decoder does not know, raw, in the same containers ({@link RouteMessage}, {@link Decoded});
 *   <li>the plain decode ({@code decode}) and the message decode ({@code decodeMessage}) give the same value;
 *   <li>the cursor is where it was (a decoder never moves the shared cursor).
 * </ul>
 * {@link #MULTIPART} walks a whole received datagram the way the client does: every message dispatched by type,
 * NLMSG_ERROR and NLMSG_DONE (with their extended acks) included.
 */
enum DecoderTargets {
  ROUTE(Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE, Rtnl.RTM_GETROUTE),
  RULE(Rtnl.RTM_NEWRULE, Rtnl.RTM_DELRULE, Rtnl.RTM_GETRULE),
  LINK(Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK, Rtnl.RTM_GETLINK),
  ADDRESS(Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR, Rtnl.RTM_GETADDR),
  NEXTHOP(Rtnl.RTM_NEWNEXTHOP, Rtnl.RTM_DELNEXTHOP, Rtnl.RTM_GETNEXTHOP),
  ERROR(Netlink.NLMSG_ERROR),
  MULTIPART();

  /** A decoder threw something other than {@link NetlinkDecodeException}, or an oracle failed. */
  static final class Finding extends AssertionError {
    private static final long serialVersionUID = 1L;

    Finding(DecoderTargets t, byte[] input, String what, Throwable cause) {
      super(t + ": " + what + " on input " + HexFormat.of().formatHex(input), cause);
    }
  }

  /** The outcome of one input. */
  enum Outcome { DECODED, REJECTED, SKIPPED }

  private final int[] types;
  private List<byte[]> seeds;
  private List<byte[]> replySeeds;

  DecoderTargets(int... types) {
    this.types = types;
  }

  private static final LinkNames NAMES = new LinkNames(Golden.BASE_LINKS);

  /** Every golden message of this target's types (whole datagrams for MULTIPART); never empty. */
  synchronized List<byte[]> seeds() {
    if (seeds == null) {
      List<byte[]> out = new ArrayList<>();
      List<byte[]> replies = new ArrayList<>();
      for (String n : Golden.all()) {
        if (n.equals("INDEX")) continue;
        Golden g = Golden.load(n);
        List<byte[]> buffers = new ArrayList<>(g.requests());
        buffers.addAll(g.replies());
        for (byte[] buf : buffers) {
          boolean reply = g.replies().contains(buf);
          if (this == MULTIPART) {
            if (reply) {
              out.add(buf);
              replies.add(buf);
            }
            continue;
          }
          for (byte[] m : split(buf)) {
            int type = Mutator.le(m).getShort(4) & 0xFFFF;
            if (Arrays.stream(types).anyMatch(t -> t == type)) {
              out.add(m);
              if (reply) replies.add(m);
            }
          }
        }
      }
      if (replies.isEmpty()) throw new IllegalStateException("no golden replies for " + this);
      seeds = List.copyOf(out);
      replySeeds = List.copyOf(replies);
    }
    return seeds;
  }

  /** The seeds the kernel sent (requests are seeds too, but a set-link request has no name to decode). */
  List<byte[]> replySeeds() {
    seeds();
    return replySeeds;
  }

  static List<byte[]> split(byte[] buf) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer b = Mutator.le(buf);
    int p = 0;
    while (p + 16 <= buf.length) {
      int len = b.getInt(p);
      if (len < 16 || p + len > buf.length) break;
      out.add(Arrays.copyOfRange(buf, p, p + len));
      p += (len + 3) & ~3;
    }
    return out;
  }

  /**
   * Runs this decoder over {@code input} (the first message, or every message for MULTIPART) and checks the
   * oracles; throws {@link Finding} on any violation.
   */
  Outcome check(byte[] input) {
    try {
      return run(input);
    } catch (NetlinkDecodeException e) {
      RoutingException x = RoutingErrors.of("decode", "", e);
      if (!"EBADMSG".equals(x.errno().name())) throw new Finding(this, input, "mapped to " + x.errno(), e);
      return Outcome.REJECTED;
    } catch (Finding f) {
      throw f;
    } catch (Throwable t) { // NOPMD: anything else is the finding
      throw new Finding(this, input, "unexpected " + t, t);
    }
  }

  private Outcome run(byte[] input) throws NetlinkException {
    ByteBuffer b = Mutator.le(input);
    NlMsgCursor c = new NlMsgCursor(b, 0, input.length);
    if (this == MULTIPART) {
      boolean any = false;
      while (c.next()) {
        any = true;
        DecoderTargets t = byType(c.type());
        if (t == MULTIPART) {
          if (c.type() == Netlink.NLMSG_DONE) NlError.decodeDone(c).toException("dump");
        } else {
          t.one(c, input);
        }
      }
      return any ? Outcome.DECODED : Outcome.SKIPPED;
    }
    if (!c.next()) return Outcome.SKIPPED;
    return one(c, input);
  }

  private static DecoderTargets byType(int type) {
    for (DecoderTargets t : values()) {
      for (int x : t.types) if (x == type) return t;
    }
    return MULTIPART;
  }

  private Outcome one(NlMsgCursor c, byte[] input) throws NetlinkException {
    int at = c.offset();
    Outcome o;
    switch (this) {
      case ROUTE: {
        Route r = new RouteCodec(NAMES).decode(c);
        RouteMessage m = new RouteCodec(NAMES).decodeMessage(c);
        same(input, r, m == null ? null : m.route());
        o = r == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (r != null) {
          RouteMessage want = m.with(requestable(r));
          roundTrip(input, want, reencode(want));
        }
        break;
      }
      case RULE: {
        Rule r = new RuleCodec().decode(c);
        Decoded<Rule> m = new RuleCodec().decodeMessage(c);
        same(input, r, m == null ? null : m.value());
        o = r == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (r != null) roundTrip(input, m.with(requestable(r)), reencode(m.with(requestable(r))));
        break;
      }
      case LINK: {
        LinkCodec codec = new LinkCodec();
        Link l = codec.decode(c);
        if (!Objects.equals(l.name(), codec.nameOf(c))) {
          throw new Finding(this, input, "nameOf disagrees with decode", null);
        }
        Decoded<Link> m = codec.decodeMessage(c);
        same(input, l, m.value());
        roundTrip(input, m, reencode(m));
        o = Outcome.DECODED;
        break;
      }
      case ADDRESS: {
        Address a = new AddressCodec(NAMES).decode(c);
        Decoded<Address> m = new AddressCodec(NAMES).decodeMessage(c);
        same(input, a, m == null ? null : m.value());
        o = a == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (a != null && a.device() != null) {
          roundTrip(input, m.with(requestable(a)), reencode(m.with(requestable(a))));
        }
        break;
      }
      case NEXTHOP: {
        Nexthop n = new NexthopCodec(NAMES).decode(c);
        Decoded<Nexthop> m = new NexthopCodec(NAMES).decodeMessage(c);
        same(input, n, m == null ? null : m.value());
        o = n == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (n != null) {
          roundTrip(input, m.with(requestable(n)), reencode(m.with(requestable(n))));
        }
        break;
      }
      case ERROR: {
        NlError e = NlError.decodeError(c);
        if (!e.isAck()) RoutingErrors.of("op", "", e.toException("op")); // mapping a kernel error never throws
        o = Outcome.DECODED;
        break;
      }
      default: throw new IllegalStateException();
    }
    if (c.offset() != at) throw new Finding(this, input, "decoder moved the cursor", null);
    return o;
  }

  /** The value the first message of {@code input} decodes to (route, rule, link, address), or null. */
  Record value(byte[] input) throws NetlinkException {
    NlMsgCursor c = new NlMsgCursor(Mutator.le(input), 0, input.length);
    if (!c.next()) return null;
    switch (this) {
      case ROUTE: return new RouteCodec(NAMES).decode(c);
      case RULE: return new RuleCodec().decode(c);
      case LINK: return new LinkCodec().decode(c);
      case ADDRESS: return new AddressCodec(NAMES).decode(c);
      case NEXTHOP: return new NexthopCodec(NAMES).decode(c);
      default: throw new IllegalStateException(this + " has no value");
    }
  }

  private void roundTrip(byte[] input, Record first, Record second) {
    if (!first.equals(second)) {
      throw new Finding(this, input, "decode → encode → decode changed " + diff(first, second), null);
    }
  }

  private void same(byte[] input, Object plain, Object fromMessage) {
    if (!Objects.equals(plain, fromMessage)) {
      throw new Finding(this, input, "decode and decodeMessage disagree: " + plain + " ≠ " + fromMessage, null);
    }
  }

  /** The record components that differ, as {@code name: a ≠ b}. */
  static String diff(Record a, Record b) {
    StringBuilder sb = new StringBuilder();
    try {
      for (java.lang.reflect.RecordComponent rc : a.getClass().getRecordComponents()) {
        Object x = rc.getAccessor().invoke(a);
        Object y = b == null ? null : rc.getAccessor().invoke(b);
        if (!Objects.equals(x, y)) sb.append("\n  ").append(rc.getName()).append(": ").append(x).append(" ≠ ").append(y);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return sb.toString();
  }

  /** The message encoded as a request (unknown attributes re-emitted) and decoded again. */
  static RouteMessage reencode(RouteMessage m) throws NetlinkException {
    return new RouteCodec(NAMES).decodeMessage(cursor(encode(m)));
  }

  static RouteMessage decodeRouteMessage(byte[] bytes) throws NetlinkException {
    return new RouteCodec(NAMES).decodeMessage(cursor(bytes));
  }

  static byte[] encode(RouteMessage m) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    new RouteCodec(NAMES).writeNew(w, 0, m);
    w.check();
    return w.toByteArray();
  }

  static byte[] encode(Decoded<?> m) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    Object v = m.value();
    if (v instanceof Rule) {
      new RuleCodec().writeAdd(w, cast(m, Rule.class));
    } else if (v instanceof Address) {
      new AddressCodec(NAMES).writeAdd(w, cast(m, Address.class));
    } else if (v instanceof Link) {
      LinkCodec.writeLink(w, Rtnl.RTM_NEWLINK, 0, cast(m, Link.class));
    } else if (v instanceof Nexthop) {
      new NexthopCodec(NAMES).writeNew(w, false, cast(m, Nexthop.class));
    } else {
      throw new IllegalArgumentException(String.valueOf(v));
    }
    w.check();
    return w.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <V> Decoded<V> cast(Decoded<?> m, Class<V> type) {
    type.cast(m.value());
    return (Decoded<V>) m;
  }

  /** The first message of {@code bytes}, decoded keeping its unknown attributes. */
  static Decoded<?> decodeMessage(DecoderTargets t, byte[] bytes) throws NetlinkException {
    NlMsgCursor c = cursor(bytes);
    switch (t) {
      case RULE: return new RuleCodec().decodeMessage(c);
      case LINK: return new LinkCodec().decodeMessage(c);
      case ADDRESS: return new AddressCodec(NAMES).decodeMessage(c);
      case NEXTHOP: return new NexthopCodec(NAMES).decodeMessage(c);
      default: throw new IllegalArgumentException(t + " has no Decoded message");
    }
  }

  static NlMsgCursor cursor(byte[] bytes) throws NetlinkException {
    NlMsgCursor c = new NlMsgCursor(Mutator.le(bytes), 0, bytes.length);
    if (!c.next()) throw new IllegalStateException("no message");
    return c;
  }

  private <V> Decoded<V> reencode(Decoded<V> m) throws NetlinkException {
    @SuppressWarnings("unchecked")
    Decoded<V> back = (Decoded<V>) decodeMessage(this, encode(m));
    return back;
  }

  /**
   * The part of a decoded route that a request carries: the kernel-set nexthop flags (dead, linkdown, offload…)
   * and the remaining lifetime (reported in RTA_CACHEINFO, requested as RTA_EXPIRES) are state, not request.
   */
  static Route requestable(Route r) {
    List<NextHop> hops = new ArrayList<>();
    for (NextHop h : r.nextHops()) {
      hops.add(new NextHop(h.gateway(), h.device(), h.deviceIndex(), h.weight(), userFlags(h.flags()), h.realms()));
    }
    Route.Builder b = r.toBuilder().expires(null).flags(userFlags(r.flags())).nextHops(hops);
    if (r.nhid() != 0) {
      // a route on a nexthop object is requested by its id alone: the gateway, device and paths in a dump are the
      // kernel's copy of the nexthop's (RouteCodec writes RTA_NH_ID without them)
      b.gateway(null).device(null).deviceIndex(0).nextHops(List.of());
    }
    return b.build();
  }

  private static Set<NextHopFlag> userFlags(Set<NextHopFlag> f) {
    return NextHopFlag.ofBits(NextHopFlag.toBits(f) & (Rtnl.RTNH_F_ONLINK | Rtnl.RTNH_F_PERVASIVE));
  }

  /** A rule request carries only the invert flag; the other FIB_RULE_* bits are the kernel's state. */
  static Rule requestable(Rule r) {
    return r.toBuilder().flags(Set.of()).build();
  }

  /** An address request carries the user-settable IFA_F_* flags; the rest (permanent, tentative…) is state. */
  static Address requestable(Address a) {
    Set<AddressFlag> user = EnumSet.noneOf(AddressFlag.class);
    for (AddressFlag f : a.flags()) {
      if (USER_ADDRESS_FLAGS.contains(f)) user.add(f);
    }
    return new Address(a.local(), a.peer(), a.broadcast(), a.device(), a.deviceIndex(), a.scope(), user, a.label(),
        a.metric(), a.validLifetime(), a.preferredLifetime());
  }

  private static final Set<AddressFlag> USER_ADDRESS_FLAGS = AddressFlag.ofBits(Rtnl.IFA_F_NODAD
      | Rtnl.IFA_F_OPTIMISTIC | Rtnl.IFA_F_HOMEADDRESS | Rtnl.IFA_F_MANAGETEMPADDR | Rtnl.IFA_F_NOPREFIXROUTE
      | Rtnl.IFA_F_MCAUTOJOIN);

  /**
   * The part of a decoded nexthop a request carries: the header scope (iproute2 sends 0; the kernel reports the
   * nexthop's scope), the kernel-set flags (dead, linkdown…) and a resilient group's unbalanced time are state.
   */
  static Nexthop requestable(Nexthop n) {
    NexthopGroup g = n.group();
    if (g != null && g.unbalancedTime() != null) {
      g = new NexthopGroup(g.members(), g.type(), g.buckets(), g.idleTimer(), g.unbalancedTimer(), null);
    }
    return new Nexthop(n.id(), n.family(), n.gateway(), n.device(), n.deviceIndex(), userFlags(n.flags()),
        n.blackhole(), n.fdb(), n.protocol(), RouteScope.UNIVERSE, g);
  }

  /** Tally of outcomes per target, for the printed figures. */
  static Map<Outcome, Integer> tally() {
    return new EnumMap<>(Outcome.class);
  }
}
