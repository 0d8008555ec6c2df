package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
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
 *   <li>what decodes re-encodes and decodes to the same value (route, rule, address: decode → encode → decode);
 *   <li>the cursor is where it was (a decoder never moves the shared cursor).
 * </ul>
 * {@link #MULTIPART} walks a whole received datagram the way the client does: every message dispatched by type,
 * NLMSG_ERROR and NLMSG_DONE (with their extended acks) included. Nexthop objects have no decoder yet, so there is
 * no nexthop target.
 */
enum DecoderTargets {
  ROUTE(Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE, Rtnl.RTM_GETROUTE),
  RULE(Rtnl.RTM_NEWRULE, Rtnl.RTM_DELRULE, Rtnl.RTM_GETRULE),
  LINK(Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK, Rtnl.RTM_GETLINK),
  ADDRESS(Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR, Rtnl.RTM_GETADDR),
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
        o = r == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (r != null) roundTrip(input, requestable(r), reencode(requestable(r)));
        break;
      }
      case RULE: {
        Rule r = new RuleCodec().decode(c);
        o = r == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (r != null) roundTrip(input, requestable(r), reencode(requestable(r)));
        break;
      }
      case LINK: {
        LinkCodec codec = new LinkCodec();
        Link l = codec.decode(c);
        if (!Objects.equals(l.name(), codec.nameOf(c))) {
          throw new Finding(this, input, "nameOf disagrees with decode", null);
        }
        o = Outcome.DECODED;
        break;
      }
      case ADDRESS: {
        Address a = new AddressCodec(NAMES).decode(c);
        o = a == null ? Outcome.SKIPPED : Outcome.DECODED;
        if (a != null && a.device() != null) roundTrip(input, requestable(a), reencode(requestable(a)));
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
      default: throw new IllegalStateException(this + " has no value");
    }
  }

  private void roundTrip(byte[] input, Record first, Record second) {
    if (!first.equals(second)) {
      throw new Finding(this, input, "decode → encode → decode changed " + diff(first, second), null);
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

  private static Route reencode(Route r) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    new RouteCodec(NAMES).writeNew(w, 0, r);
    w.check();
    NlMsgCursor c = new NlMsgCursor(w.view(), 0, w.size());
    c.next();
    return new RouteCodec(NAMES).decode(c);
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

  private static Rule reencode(Rule r) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    new RuleCodec().writeAdd(w, r);
    w.check();
    NlMsgCursor c = new NlMsgCursor(w.view(), 0, w.size());
    c.next();
    return new RuleCodec().decode(c);
  }

  private static Address reencode(Address a) throws NetlinkException {
    AttrWriter w = new AttrWriter();
    new AddressCodec(NAMES).writeAdd(w, a);
    w.check();
    NlMsgCursor c = new NlMsgCursor(w.view(), 0, w.size());
    c.next();
    return new AddressCodec(NAMES).decode(c);
  }

  /** Tally of outcomes per target, for the printed figures. */
  static Map<Outcome, Integer> tally() {
    return new EnumMap<>(Outcome.class);
  }
}
