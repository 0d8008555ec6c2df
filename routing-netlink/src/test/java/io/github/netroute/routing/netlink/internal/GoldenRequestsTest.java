package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.LinkSettings;
import io.github.netroute.routing.LinkSpec;
import io.github.netroute.routing.Neighbour;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.LookupCodec;
import io.github.netroute.routing.netlink.internal.codec.NeighbourCodec;
import io.github.netroute.routing.netlink.internal.codec.NexthopCodec;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our encoders, fed the value objects parsed from each fixture's {@code # cmd:} line, produce the request iproute2
 * sent for that command — byte for byte, sequence number and port id masked. A few commands list their options in
 * an order other than {@code ip ... show}'s; iproute2 emits attributes in command-line order, so for those (named in
 * {@link #ORDER_ONLY}) the same attributes with the same bytes must come out, in our canonical order.
 */
class GoldenRequestsTest {
  /** Fixtures whose command line orders options differently from our canonical attribute order. */
  static final Set<String> ORDER_ONLY = Set.of(
      "route-add-v4-metrics-many", // hoplimit/window/rtt/initcwnd/congctl: we send RTAX_* ascending
      "rule-add-all-selectors", // pref before fwmark on the command line: we send FRA_PRIORITY last
      "rule-add-eexist", // pref before from
      "rule-add-backward-goto"); // pref before goto

  private static final Map<String, String> RESULTS = new LinkedHashMap<>();

  @BeforeAll
  static void fixtures() {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are x86-64 captures");
  }

  @AfterAll
  static void summary() {
    long exact = RESULTS.values().stream().filter(v -> v.equals("exact")).count();
    System.out.println("golden requests: " + RESULTS.size() + " checked, " + exact + " byte-identical, "
        + (RESULTS.size() - exact) + " same attributes in canonical order");
    assertTrue(exact >= 30, "only " + exact + " byte-identical fixtures");
  }

  private static LinkNames names() {
    return new LinkNames(Golden.BASE_LINKS);
  }

  /** Every fixture we can express, with the encoder call that should reproduce it. */
  private static List<String> expressible() {
    List<String> out = new ArrayList<>();
    for (String n : Golden.all()) {
      if (n.startsWith("route-add") || n.startsWith("route-replace") || n.startsWith("route-change")
          || n.startsWith("route-prepend") || n.startsWith("route-append") || n.startsWith("route-test")
          || n.startsWith("route-del") || n.startsWith("route-get") || n.startsWith("rule-add")
          || n.startsWith("rule-del") || n.startsWith("addr-") || n.startsWith("link-add") || n.startsWith("link-set")
          || n.equals("link-del") || n.startsWith("dump-") || n.startsWith("nexthop-") || n.startsWith("neigh-")) {
        out.add(n);
      }
    }
    out.removeAll(List.of(
        "dump-addr-v4", // per-device address dumps are not in the Routing API
        "route-add-v4-nhid-gw")); // a route naming a nexthop sends RTA_NH_ID only (iproute2 sends what it is given)
    return out;
  }

  @TestFactory
  Stream<DynamicTest> requestsMatchIproute2() {
    return expressible().stream().map(n -> DynamicTest.dynamicTest(n, () -> check(Golden.load(n))));
  }

  private static void check(Golden g) throws Exception {
    assertFalse(g.requests().isEmpty(), g.name() + " has no request");
    byte[] expected = Golden.firstMessage(g.requests().get(0));
    byte[] actual = encode(g);
    mask(expected);
    mask(actual);
    if (Arrays.equals(expected, actual)) {
      RESULTS.put(g.name(), "exact");
      return;
    }
    assertTrue(ORDER_ONLY.contains(g.name()), g.name() + " (" + g.cmd() + ")\n expected " + hex(expected)
        + "\n actual   " + hex(actual));
    assertEquals(canonical(expected), canonical(actual), g.name());
    RESULTS.put(g.name(), "order");
  }

  static byte[] encode(Golden g) throws Exception {
    AttrWriter w = new AttrWriter();
    String[] words = g.cmd().split("\\s+");
    int i = g.v6() || words[1].equals("-4") || words[1].equals("-d") ? 2 : 1; // -d: the same dump request
    String object = words[i];
    String verb = words[i + 1];
    String args = g.args(2);
    Family fam = g.v6() ? Family.INET6 : null;
    LinkNames names = names();
    switch (object) {
      case "route": {
        RouteCodec rc = new RouteCodec(names);
        if (verb.equals("get")) {
          boolean fib = args.startsWith("fibmatch ");
          RouteLookup f = RouteLookup.parse(fib ? args.substring(9) : args);
          LookupCodec.write(w, f, f.iif() == null ? 0 : names.index(f.iif()),
              f.oif() == null ? 0 : names.index(f.oif()), fib);
        } else if (verb.equals("del")) {
          Route r = parseRoute(args, fam);
          // what `ip route del` fills in: type 0, protocol 0, scope nowhere (IPv4) / universe (IPv6)
          r = r.toBuilder().type(RouteType.UNSPEC).protocol(RouteProtocol.UNSPEC)
              .scope(r.family() == Family.INET6 ? RouteScope.UNIVERSE : RouteScope.NOWHERE).build();
          rc.writeDelete(w, r);
        } else if (verb.equals("show")) {
          RouteFilter f = args.contains("table all") ? RouteFilter.ALL : RouteFilter.table(RouteTable.MAIN);
          Family df = g.v6() ? Family.INET6 : words[1].equals("-4") || !args.contains("table all") ? Family.INET : null;
          if (df == null) {
            w.beginMessage(Rtnl.RTM_GETROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
            new RtMsg(0, 0, 0, 0, 0, 0, 0, 0, 0).writeTo(w);
            w.endMessage(); // AF_UNSPEC: NetlinkRouting dumps per family instead (see RouteCodec.writeDump)
          } else {
            RouteCodec.writeDump(w, df, f, 0, true);
          }
        } else {
          rc.writeNew(w, RouteVerb.parse(verb).nlmFlags(), parseRoute(args, fam));
        }
        break;
      }
      case "rule": {
        RuleCodec rc = new RuleCodec();
        if (verb.equals("show")) {
          RuleCodec.writeDump(w, g.v6() ? Family.INET6 : Family.INET);
        } else {
          if (verb.equals("add")) rc.writeAdd(w, Rule.parse(args, fam));
          else rc.writeDelete(w, Rule.parseSelector(args, fam)); // ip rule del: no action given = any action
        }
        break;
      }
      case "addr": {
        AddressCodec ac = new AddressCodec(names);
        if (verb.equals("show")) {
          AddressCodec.writeDump(w, fam);
        } else if (verb.equals("add")) {
          ac.writeAdd(w, Address.parse(args));
        } else {
          ac.writeDelete(w, Address.parse(args));
        }
        break;
      }
      case "link": {
        String[] a = args.split(" ");
        // the devices the fixtures' setups add after the base (a veth registers its peer first)
        Map<String, Integer> extra = Map.of("veth1", 5, "veth0", 6);
        java.util.function.ToIntFunction<String> index = n -> extra.containsKey(n) ? extra.get(n) : idx(names, n);
        if (verb.equals("add") && a.length == 3) {
          LinkCodec.writeAdd(w, a[0], a[2]);
        } else if (verb.equals("add")) {
          LinkSpec spec = linkSpec(a);
          LinkCodec.writeAdd(w, spec, spec.device() == null ? 0 : index.applyAsInt(spec.device()),
              spec.peerNetns() == null ? -1 : 4); // iproute2's descriptor of the namespace file was 4
        } else if (verb.equals("set") && a.length == 2 && (a[1].equals("up") || a[1].equals("down"))) {
          LinkCodec.writeSetUp(w, names.index(a[0]), a[1].equals("up"));
        } else if (verb.equals("set")) {
          LinkSettings st = LinkSettings.NONE;
          int master = 0;
          boolean ns = false;
          for (int k = 1; k < a.length; k++) {
            switch (a[k]) {
              case "up": st = st.withUp(true); break;
              case "down": st = st.withUp(false); break;
              case "mtu": st = st.withMtu(Integer.parseInt(a[++k])); break;
              case "address": st = st.withAddress(a[++k]); break;
              case "name": st = st.withName(a[++k]); break;
              case "alias": st = st.withAlias(a[++k]); break;
              case "master": st = st.withMaster(a[++k]); master = index.applyAsInt(a[k]); break;
              case "nomaster": st = st.withMaster(""); break;
              case "netns": st = st.withNetns(a[++k]); ns = true; break;
              default: fail("link set " + a[k]);
            }
          }
          LinkCodec.writeSet(w, index.applyAsInt(a[0]), st, master, ns ? 4 : -1);
        } else if (verb.equals("del")) LinkCodec.writeDelete(w, names.index(a[0]));
        else if (verb.equals("show")) LinkCodec.writeDump(w);
        break;
      }
      case "neigh": {
        if (verb.equals("show")) {
          NeighbourCodec.writeDump(w, fam, args.equals("proxy"));
        } else {
          Neighbour n = Neighbour.parse(args);
          int ifindex = names.index(n.device());
          if (verb.equals("get")) NeighbourCodec.writeGet(w, n.address(), ifindex, n.proxy());
          else if (verb.equals("del")) NeighbourCodec.writeDelete(w, n, ifindex);
          else NeighbourCodec.writeModify(w, RouteVerb.valueOf(verb.toUpperCase(java.util.Locale.ROOT)), n, ifindex);
        }
        break;
      }
      case "nexthop": {
        NexthopCodec nc = new NexthopCodec(names);
        if (verb.equals("show")) {
          NexthopFilter f = NexthopFilter.ALL;
          int oif = 0;
          String[] a = args.isEmpty() ? new String[0] : args.split(" ");
          for (int k = 0; k < a.length; k++) {
            if (a[k].equals("dev")) oif = names.index(a[++k]);
            else if (a[k].equals("groups")) f = f.withGroups();
            else if (a[k].equals("fdb")) f = f.withFdb();
          }
          NexthopCodec.writeDump(w, f, oif);
        } else if (verb.equals("get")) {
          NexthopCodec.writeGet(w, Long.parseLong(args.split(" ")[1]));
        } else if (verb.equals("del")) {
          NexthopCodec.writeDelete(w, Long.parseLong(args.split(" ")[1]));
        } else {
          nc.writeNew(w, verb.equals("replace"), Nexthop.parse(args, fam));
        }
        break;
      }
      default:
        fail("unexpected object " + object);
    }
    w.check();
    return Golden.firstMessage(w.toByteArray());
  }

  private static int idx(LinkNames names, String n) {
    try {
      return names.index(n);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** {@code NAME [link DEV] type KIND ...} of the link-add fixtures, as netroute ip's LinkCommand reads it. */
  private static LinkSpec linkSpec(String[] a) throws Exception {
    String name = a[0];
    String link = null;
    int i = 1;
    if (a[i].equals("link")) {
      link = a[i + 1];
      i += 2;
    }
    int mtu = -1;
    String address = null;
    int qlen = -1;
    int tx = -1;
    int rx = -1;
    for (; !a[i].equals("type"); i += 2) {
      switch (a[i]) {
        case "mtu": mtu = Integer.parseInt(a[i + 1]); break;
        case "address": address = a[i + 1]; break;
        case "txqueuelen": qlen = Integer.parseInt(a[i + 1]); break;
        case "numtxqueues": tx = Integer.parseInt(a[i + 1]); break;
        case "numrxqueues": rx = Integer.parseInt(a[i + 1]); break;
        default: fail("link add " + a[i]);
      }
    }
    String kind = a[i + 1];
    i += 2;
    switch (kind) {
      case "veth": {
        String peer = null;
        String ns = null;
        for (i++; i < a.length; i++) {
          if (a[i].equals("name")) peer = a[++i];
          else if (a[i].equals("netns")) ns = a[++i];
        }
        LinkSpec s = LinkSpec.veth(name, peer);
        return ns == null ? s : s.withPeerNetns(ns);
      }
      case "vxlan": {
        LinkSpec s = null;
        int vni = -1;
        java.net.InetAddress local = null;
        java.net.InetAddress remote = null;
        String dev = null;
        int port = -1;
        io.github.netroute.routing.LinkData.Builder data = io.github.netroute.routing.LinkData.builder("vxlan");
        boolean more = false;
        Map<String, Integer> u8 = Map.of("ttl", 5, "tos", 6);
        Map<String, int[]> flags = Map.ofEntries(Map.entry("proxy", new int[] {11, 1}),
            Map.entry("rsc", new int[] {12, 1}), Map.entry("l2miss", new int[] {13, 1}),
            Map.entry("l3miss", new int[] {14, 1}), Map.entry("noudpcsum", new int[] {18, 0}),
            Map.entry("udp6zerocsumtx", new int[] {19, 1}), Map.entry("noudp6zerocsumrx", new int[] {20, 0}),
            Map.entry("remcsumtx", new int[] {21, 1}), Map.entry("noremcsumrx", new int[] {22, 0}),
            Map.entry("nolearning", new int[] {7, 0}));
        for (; i < a.length; i++) {
          more |= !List.of("id", "local", "remote", "group", "dev", "dstport").contains(a[i]);
          switch (a[i]) {
            case "id": vni = Integer.parseInt(a[++i]); break;
            case "local": local = java.net.InetAddress.getByName(a[++i]); break;
            case "remote": case "group": remote = java.net.InetAddress.getByName(a[++i]); break;
            case "dev": dev = a[++i]; break;
            case "dstport": port = Integer.parseInt(a[++i]); break;
            case "ttl": case "tos": {
              String v = a[++i];
              if (v.equals("inherit")) data.bytes(28, new byte[0]);
              else data.number(u8.get(a[i - 1]), Long.parseLong(v, a[i - 1].equals("tos") ? 16 : 10));
              break;
            }
            case "ageing": data.number(8, Long.parseLong(a[++i])); break;
            case "maxaddress": data.number(9, Long.parseLong(a[++i])); break;
            case "srcport": data.number(10, Long.parseLong(a[i + 1]) << 16 | Long.parseLong(a[i + 2])); i += 2; break;
            case "df": data.number(29, List.of("unset", "set", "inherit").indexOf(a[++i])); break;
            case "flowlabel": data.number(26, Long.decode(a[++i])); break;
            default:
              if (!flags.containsKey(a[i])) fail("vxlan " + a[i]);
              data.number(flags.get(a[i])[0], flags.get(a[i])[1]);
          }
        }
        s = LinkSpec.vxlan(name, vni).withLocal(local).withRemote(remote).withDevice(dev);
        if (more) s = s.withData(data.build());
        return port < 0 ? s : s.withDstPort(port);
      }
      case "macvlan":
        return LinkSpec.macvlan(name, link, a.length > i + 1 && a[i].equals("mode") ? a[i + 1] : null);
      default: {
        LinkSpec common = LinkSpec.of(name, io.github.netroute.routing.LinkKind.of(kind));
        if (mtu >= 0) common = common.withMtu(mtu);
        if (address != null) common = common.withAddress(address);
        if (qlen >= 0) common = common.withTxQueueLength(qlen);
        if (tx >= 0 || rx >= 0) common = common.withQueues(tx, rx);
        return common;
      }
    }
  }

  private static Route parseRoute(String args, Family fam) {
    Route r = Route.parse(args);
    if (fam != null && r.family() != fam) fail("family of " + args);
    return r;
  }

  static void mask(byte[] m) {
    for (int i = 8; i < 16 && i < m.length; i++) m[i] = 0;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** Header and fixed header as hex, then the attributes (nested RTA_METRICS too) sorted, padding ignored. */
  static String canonical(byte[] m) {
    ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
    int type = b.getShort(4) & 0xFFFF;
    int fixed = Rtnl.isRouteMessage(type) ? 12 : Rtnl.isRuleMessage(type) ? 12 : Rtnl.isAddressMessage(type) ? 8
        : type >= Rtnl.RTM_NEWNEXTHOP && type <= Rtnl.RTM_GETNEXTHOP ? 8 : 16;
    return hex(Arrays.copyOfRange(m, 0, 4 + 0)) + "|" + hex(Arrays.copyOfRange(m, 4, 16 + fixed)) + "|"
        + attrs(b, 16 + fixed, m.length, Rtnl.isRouteMessage(type));
  }

  private static String attrs(ByteBuffer b, int from, int to, boolean route) {
    List<String> out = new ArrayList<>();
    int p = from;
    while (p + 4 <= to) {
      int len = b.getShort(p) & 0xFFFF;
      int t = b.getShort(p + 2) & 0xFFFF;
      byte[] payload = new byte[len - 4];
      b.get(p + 4, payload);
      out.add(t + "=" + (route && t == RouteAttr.METRICS.number() ? "{" + attrs(b, p + 4, p + len, false) + "}"
          : hex(payload)));
      p += Netlink.align(len);
    }
    out.sort(null);
    return String.join(",", out);
  }
}
