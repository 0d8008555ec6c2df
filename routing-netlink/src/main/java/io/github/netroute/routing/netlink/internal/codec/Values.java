package io.github.netroute.routing.netlink.internal.codec;

import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.RouteMetric;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Shared decoding helpers: interned value objects for the small kernel number ranges (scope, protocol, table ids
 * below 256, nexthop flag sets) so that a dump of many routes allocates only what differs per route, and a
 * direct-mapped cache of recently seen addresses (gateways, prefsrcs repeat across routes). Not thread-safe: each
 * decoder owns one instance.
 */
final class Values {
  private static final RouteScope[] SCOPES = new RouteScope[256];
  private static final RouteProtocol[] PROTOCOLS = new RouteProtocol[256];
  private static final RouteTable[] TABLES = new RouteTable[256];
  private static final RouteType[] TYPES = RouteType.values();
  private static final RouteMetric[] METRICS = new RouteMetric[32];
  @SuppressWarnings("unchecked")
  private static final Set<NextHopFlag>[] FLAG_SETS = new Set[128];

  static {
    for (int i = 0; i < 256; i++) {
      SCOPES[i] = RouteScope.of(i);
      PROTOCOLS[i] = RouteProtocol.of(i);
      TABLES[i] = RouteTable.of(i);
    }
    for (RouteMetric m : RouteMetric.values()) METRICS[m.number()] = m;
    for (int b = 0; b < 128; b++) {
      Set<NextHopFlag> s = NextHopFlag.ofBits(b);
      FLAG_SETS[b] = s.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(s));
    }
  }

  private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  private static final int V4_SLOTS = 1024;
  private static final int V6_SLOTS = 256;

  private final int[] v4Keys = new int[V4_SLOTS];
  private final InetAddress[] v4 = new InetAddress[V4_SLOTS];
  private final long[] v6Hi = new long[V6_SLOTS];
  private final long[] v6Lo = new long[V6_SLOTS];
  private final InetAddress[] v6 = new InetAddress[V6_SLOTS];
  // scratch arrays for InetAddress.getByAddress, which copies them (Inet4Address into an int, Inet6Address into its
  // own array): decoding an address allocates only the address object
  private final byte[] scratch4 = new byte[4];
  private final byte[] scratch16 = new byte[16];

  static RouteScope scope(int v) {
    return SCOPES[v & 0xFF];
  }

  static RouteProtocol protocol(int v) {
    return PROTOCOLS[v & 0xFF];
  }

  static RouteTable table(long id) {
    return id >= 0 && id < 256 ? TABLES[(int) id] : RouteTable.of(id);
  }

  /** The type for an rtm_type, or null when above RTN_MAX (11). */
  static RouteType type(int v) {
    return v >= 0 && v < TYPES.length ? TYPES[v] : null;
  }

  static RouteMetric metric(int number) {
    return number >= 0 && number < METRICS.length ? METRICS[number] : null;
  }

  /** rtm_flags bits that are route flags iproute2 prints (RTM_F_NOTIFY, _OFFLOAD, _TRAP, _OFFLOAD_FAILED). */
  static final int ROUTE_FLAGS = 0x100 | 0x4000 | 0x8000 | 0x2000_0000;

  /**
   * The flags of rtm_flags (or rtnh_flags) that iproute2 prints: the nexthop flags among the low 7 bits and the route
   * flags RTM_F_NOTIFY, RTM_F_OFFLOAD, RTM_F_TRAP and RTM_F_OFFLOAD_FAILED (kept, not dropped: {@code ip route}
   * prints {@code rt_offload_failed} from the same mask). Other bits (RTM_F_CLONED, …) are not flags of a route.
   */
  static Set<NextHopFlag> flags(int bits) {
    if ((bits & ROUTE_FLAGS) == 0) {
      return FLAG_SETS[bits & 0x7F];
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(NextHopFlag.ofBits(bits & (0x7F | ROUTE_FLAGS))));
  }

  /**
   * The address in the current attribute of {@code a}, which must be {@code len} (4 or 16) bytes; null (and an error
   * recorded in {@code a}) otherwise. With {@code cache}, repeated addresses return the same instance.
   */
  InetAddress address(AttrReader a, int len, boolean cache) {
    if (a.payloadLength() != len) {
      a.reject("address attribute " + a.type() + " has " + a.payloadLength() + " bytes, expected " + len);
      return null;
    }
    ByteBuffer b = a.buffer();
    int p = a.payloadOffset();
    if (len == 4) {
      int key = b.getInt(p);
      if (!cache) return make(b, p, 4);
      int slot = (key * 0x9E3779B9) >>> 22;
      InetAddress hit = v4[slot];
      if (hit != null && v4Keys[slot] == key) return hit;
      InetAddress made = make(b, p, 4);
      v4[slot] = made;
      v4Keys[slot] = key;
      return made;
    }
    if (!cache) return make(b, p, 16);
    long hi = b.getLong(p);
    long lo = b.getLong(p + 8);
    int slot = (int) ((hi * 31 + lo) * 0x9E3779B97F4A7C15L >>> 56);
    InetAddress hit = v6[slot];
    if (hit != null && v6Hi[slot] == hi && v6Lo[slot] == lo) return hit;
    InetAddress made = make(b, p, 16);
    v6[slot] = made;
    v6Hi[slot] = hi;
    v6Lo[slot] = lo;
    return made;
  }

  private InetAddress make(ByteBuffer b, int p, int n) {
    byte[] s = n == 4 ? scratch4 : scratch16;
    b.get(p, s, 0, n);
    return AttrReader.address(s);
  }

  static boolean little() {
    return LITTLE;
  }
}
