package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.NextHop;
import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.PortRange;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteMetrics;
import io.github.netroute.routing.RoutePreference;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.UidRange;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.LookupCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the routing codecs, 10 000 tries each: encode → decode is the identity on routes and rules as the
 * kernel reports them; random, truncated and mutated reply bytes make every decoder (routes, rules, links,
 * addresses, lookups) fail only with {@link NetlinkDecodeException} — which the client turns into a
 * {@link RoutingException} with EBADMSG — never with anything else.
 */
class RoutingCodecProperties {
  private static final int TRIES = 10_000;
  private static final LinkNames NAMES = new LinkNames(new LinkNames.Source() {
    @Override
    public String nameOf(int index) {
      return index <= 0 ? null : "dev" + index;
    }

    @Override
    public int indexOf(String name) {
      return name.startsWith("dev") ? Integer.parseInt(name.substring(3)) : 0;
    }
  });

  // ------------------------------------------------------------------------------------------ round trips

  @Property(tries = TRIES)
  void routesRoundTrip(@ForAll("routes") Route r) throws Exception {
    AttrWriter w = new AttrWriter();
    new RouteCodec(NAMES).writeNew(w, 0, r);
    w.check();
    NlMsgCursor c = new NlMsgCursor(w.view(), 0, w.size());
    assertTrue(c.next());
    assertEquals(r, new RouteCodec(NAMES).decode(c));
  }

  @Property(tries = TRIES)
  void rulesRoundTrip(@ForAll("rules") Rule r) throws Exception {
    AttrWriter w = new AttrWriter();
    new RuleCodec().writeAdd(w, r);
    w.check();
    NlMsgCursor c = new NlMsgCursor(w.view(), 0, w.size());
    assertTrue(c.next());
    assertEquals(r, new RuleCodec().decode(c));
  }

  // ------------------------------------------------------------------------------------------ robustness

  @Property(tries = TRIES)
  void randomBytesFailOnlyWithDecodeException(@ForAll @Size(max = 400) byte[] body, @ForAll("types") int type) {
    byte[] m = new byte[16 + body.length];
    ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
    b.putInt(0, m.length).putShort(4, (short) type);
    System.arraycopy(body, 0, m, 16, body.length);
    decodeAll(m);
  }

  @Property(tries = TRIES)
  void truncatedAndMutatedRoutesFailOnlyWithDecodeException(@ForAll("routes") Route r, @ForAll Random random)
      throws Exception {
    AttrWriter w = new AttrWriter();
    new RouteCodec(NAMES).writeNew(w, 0, r);
    damage(w.toByteArray(), random);
  }

  @Property(tries = TRIES)
  void truncatedAndMutatedRulesFailOnlyWithDecodeException(@ForAll("rules") Rule r, @ForAll Random random) {
    AttrWriter w = new AttrWriter();
    new RuleCodec().writeAdd(w, r);
    damage(w.toByteArray(), random);
  }

  @Property(tries = TRIES)
  void mutatedCapturedRepliesFailOnlyWithDecodeException(@ForAll("captured") byte[] reply, @ForAll Random random) {
    damage(reply.clone(), random);
  }

  private static void damage(byte[] full, Random random) {
    int mode = random.nextInt(3);
    byte[] b = full;
    if (mode == 0) {
      b = java.util.Arrays.copyOf(full, random.nextInt(full.length + 1));
      if (b.length >= 16) ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(0, b.length);
    } else {
      int flips = 1 + random.nextInt(6);
      for (int i = 0; i < flips; i++) {
        int at = 16 + random.nextInt(Math.max(1, b.length - 16));
        if (at < b.length) b[at] = (byte) (mode == 1 ? b[at] ^ (1 << random.nextInt(8)) : random.nextInt(256));
      }
    }
    decodeAll(b);
  }

  /** Runs every decoder over every message; only NetlinkDecodeException may come out (mapped like the client). */
  private static void decodeAll(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    try {
      NlMsgCursor c = new NlMsgCursor(b, 0, bytes.length);
      while (c.next()) {
        int start = c.offset();
        for (int k = 0; k < 5; k++) {
          try {
            switch (k) {
              case 0: new RouteCodec(NAMES).decode(c); break;
              case 1: new RuleCodec().decode(c); break;
              case 2: new LinkCodec().decode(c); break;
              case 3: new AddressCodec(NAMES).decode(c); break;
              default: new LookupCodec(NAMES).decode(c, RouteLookup.to(InetAddresses.parse("10.0.0.1")), null);
            }
          } catch (NetlinkDecodeException e) {
            RoutingException x = RoutingErrors.of("RTM_GETROUTE", "", e);
            assertEquals("EBADMSG", x.errno().name());
            assertSame(e, x.getCause());
          }
          assertEquals(start, c.offset());
        }
      }
    } catch (NetlinkDecodeException e) {
      // framing damage
    } catch (NetlinkException e) {
      fail("unexpected " + e);
    }
  }

  // ------------------------------------------------------------------------------------------ generators

  @Provide
  Arbitrary<Integer> types() {
    return Arbitraries.of(Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE, Rtnl.RTM_NEWRULE, Rtnl.RTM_NEWLINK,
        Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR);
  }

  @Provide
  Arbitrary<byte[]> captured() {
    List<byte[]> replies = new ArrayList<>();
    for (String n : Golden.all()) {
      Golden g = Golden.load(n);
      for (byte[] r : g.replies()) {
        ByteBuffer b = ByteBuffer.wrap(r).order(ByteOrder.nativeOrder());
        int t = b.getShort(4) & 0xFFFF;
        if (t >= 16) replies.add(r);
      }
    }
    return Arbitraries.of(replies);
  }

  private static InetAddress address(Random r, Family f) {
    byte[] b = new byte[f.bytes()];
    r.nextBytes(b);
    return InetAddresses.fromBytes(b);
  }

  private static final RouteType[] TYPES = RouteType.values();

  @Provide
  Arbitrary<Route> routes() {
    return Arbitraries.randomValue(RoutingCodecProperties::route);
  }

  static Route route(Random rnd) {
    Family f = rnd.nextBoolean() ? Family.INET : Family.INET6;
    RouteType type = TYPES[rnd.nextInt(TYPES.length)];
    long table = rnd.nextInt(4) == 0 ? Integer.toUnsignedLong(rnd.nextInt()) : rnd.nextInt(256);
    IpPrefix dst = IpPrefix.masked(address(rnd, f), rnd.nextInt(f.bits() + 1));
    IpPrefix src = f == Family.INET6 && rnd.nextInt(4) == 0
        ? IpPrefix.masked(address(rnd, f), 1 + rnd.nextInt(f.bits())) : null;
    boolean multipath = rnd.nextInt(5) == 0;
    List<NextHop> hops = new ArrayList<>();
    if (multipath) {
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        int idx = rnd.nextInt(4);
        hops.add(new NextHop(rnd.nextBoolean() ? address(rnd, f) : null, idx == 0 ? null : "dev" + idx, idx,
            1 + rnd.nextInt(256), flags(rnd), rnd.nextInt(3) == 0 ? Integer.toUnsignedLong(rnd.nextInt()) : 0));
      }
    }
    int oif = multipath ? 0 : rnd.nextInt(4);
    EnumMap<RouteMetric, Long> mv = new EnumMap<>(RouteMetric.class);
    EnumSet<RouteMetric> locked = EnumSet.noneOf(RouteMetric.class);
    if (rnd.nextInt(4) == 0) {
      for (RouteMetric m : RouteMetric.values()) {
        if (rnd.nextInt(4) == 0) mv.put(m, Integer.toUnsignedLong(rnd.nextInt()));
        if (rnd.nextInt(8) == 0) locked.add(m);
      }
    }
    String cc = rnd.nextInt(8) == 0 ? "cubic" : null;
    RouteMetrics metrics = new RouteMetrics(mv, locked, cc, cc != null && rnd.nextBoolean());
    return new Route(f, type, RouteTable.of(table), dst, src, f == Family.INET ? rnd.nextInt(256) : 0,
        !multipath && rnd.nextBoolean() ? address(rnd, f) : null, oif == 0 ? null : "dev" + oif, oif,
        rnd.nextBoolean() ? address(rnd, f) : null, rnd.nextBoolean() ? Integer.toUnsignedLong(rnd.nextInt()) : 0,
        RouteProtocol.of(rnd.nextInt(256)), f == Family.INET6 ? RouteScope.UNIVERSE : RouteScope.of(rnd.nextInt(256)),
        flags(rnd), hops, metrics,
        f == Family.INET6 && rnd.nextBoolean() ? RoutePreference.values()[rnd.nextInt(3)] : null, null,
        rnd.nextInt(3) == 0 ? Integer.toUnsignedLong(rnd.nextInt()) : 0);
  }

  private static Set<NextHopFlag> flags(Random rnd) {
    EnumSet<NextHopFlag> s = EnumSet.noneOf(NextHopFlag.class);
    if (rnd.nextInt(4) == 0) s.add(NextHopFlag.ONLINK);
    if (rnd.nextInt(8) == 0) s.add(NextHopFlag.PERVASIVE);
    return s;
  }

  @Provide
  Arbitrary<Rule> rules() {
    return Arbitraries.randomValue(RoutingCodecProperties::rule);
  }

  static Rule rule(Random rnd) {
    Family f = rnd.nextBoolean() ? Family.INET : Family.INET6;
    RuleAction action;
    switch (rnd.nextInt(6)) {
      case 0: action = RuleAction.gotoPriority(Integer.toUnsignedLong(rnd.nextInt())); break;
      case 1: action = RuleAction.nop(); break;
      case 2: action = RuleAction.blackhole(); break;
      case 3: action = RuleAction.unreachable(); break;
      case 4: action = RuleAction.prohibit(); break;
      default: action = RuleAction.lookup(RouteTable.of(rnd.nextInt(3) == 0 ? Integer.toUnsignedLong(rnd.nextInt())
          : rnd.nextInt(256)));
    }
    Long mark = rnd.nextInt(3) == 0 ? (long) rnd.nextInt(1 << 30) : null;
    Long mask = mark != null && rnd.nextBoolean() ? (long) rnd.nextInt(1 << 30) : null;
    int sp = rnd.nextInt(65536);
    int dp = rnd.nextInt(65536);
    return new Rule(f, Integer.toUnsignedLong(rnd.nextInt()), action,
        rnd.nextBoolean() ? CidrAddress.of(address(rnd, f), 1 + rnd.nextInt(f.bits())) : null,
        rnd.nextBoolean() ? CidrAddress.of(address(rnd, f), 1 + rnd.nextInt(f.bits())) : null,
        rnd.nextInt(3) == 0 ? "if" + rnd.nextInt(100) : null, rnd.nextInt(3) == 0 ? "of" + rnd.nextInt(100) : null,
        mark, mask, rnd.nextInt(256), rnd.nextInt(4) == 0 ? rnd.nextInt(64) : null,
        rnd.nextInt(3) == 0 ? rnd.nextInt(256) : null,
        rnd.nextInt(4) == 0 ? new PortRange(Math.min(sp, dp), Math.max(sp, dp)) : null,
        rnd.nextInt(4) == 0 ? PortRange.of(dp) : null,
        rnd.nextInt(4) == 0 ? new UidRange(rnd.nextInt(1000), 1000 + rnd.nextInt(1000)) : null,
        rnd.nextInt(8) == 0, rnd.nextInt(4) == 0, rnd.nextInt(4) == 0 ? rnd.nextInt(129) : null,
        rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 20) : null, RouteProtocol.of(rnd.nextInt(256)), Set.of(),
        f == Family.INET && rnd.nextInt(4) == 0 ? Integer.toUnsignedLong(rnd.nextInt()) : 0);
  }
}
