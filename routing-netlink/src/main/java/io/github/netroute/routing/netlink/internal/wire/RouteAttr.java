package io.github.netroute.routing.netlink.internal.wire;

/**
 * Route attributes ({@code enum rtattr_type_t}, {@code RTA_*}): in RTM_NEWROUTE/DELROUTE/GETROUTE after the
 * {@link RtMsg}, and inside each rtnexthop of {@link #MULTIPATH}. {@link #of(int)} maps a number read from the wire
 * to its constant without allocating, and a number this kernel-version snapshot does not know to {@link #UNKNOWN}
 * (its value stays available as the reader's raw {@link AttrReader#type()}), so a switch over it must handle every
 * known attribute or say {@code default}.
 *
 * <pre>{@code
 * while (r.next()) {
 *   switch (RouteAttr.of(r.type())) {
 *     case TABLE -> table = r.u32();
 *     case UNKNOWN -> unknown.add(r.type());
 *     default -> { }
 *   }
 * }
 * }</pre>
 */
public enum RouteAttr implements AttrType {
  UNSPEC(0),
  /** Destination address. */
  DST(1),
  /** Source address (IPv6 source routing). */
  SRC(2),
  /** u32 input ifindex. */
  IIF(3),
  /** u32 output ifindex. */
  OIF(4),
  /** Gateway address. */
  GATEWAY(5),
  /** u32 metric. */
  PRIORITY(6),
  /** Preferred source address. */
  PREFSRC(7),
  /** Nested RTAX_* u32 attributes (RTAX_CC_ALGO a string). */
  METRICS(8),
  /** Array of rtnexthop, each followed by nested RTA_* attributes. */
  MULTIPATH(9),
  PROTOINFO(10),
  /** u32 realms. */
  FLOW(11),
  /** struct rta_cacheinfo (expiry in clock ticks at offset 8). */
  CACHEINFO(12),
  SESSION(13),
  MP_ALGO(14),
  /** u32 table id. */
  TABLE(15),
  /** u32 fwmark (route get). */
  MARK(16),
  MFC_STATS(17),
  /** struct rtvia: u16 family + address. */
  VIA(18),
  NEWDST(19),
  /** u8 IPv6 router preference. */
  PREF(20),
  /** u16 lwtunnel encap type. */
  ENCAP_TYPE(21),
  /** lwtunnel encap data (nested). */
  ENCAP(22),
  /** u32 seconds (IPv6). */
  EXPIRES(23),
  PAD(24),
  /** u32 uid (route get). */
  UID(25),
  /** u8. */
  TTL_PROPAGATE(26),
  /** u8 (route get). */
  IP_PROTO(27),
  /** Big-endian u16 (route get). */
  SPORT(28),
  /** Big-endian u16 (route get). */
  DPORT(29),
  /** u32 id of the nexthop object (RTM_NEWNEXTHOP) the route uses. */
  NH_ID(30),
  /** Any number not above: a newer kernel's attribute. Never written. */
  UNKNOWN(-1);

  private static final RouteAttr[] BY_NUMBER = AttrTypes.index(values(), UNKNOWN, new RouteAttr[NH_ID.number + 1]);

  private final int number;

  RouteAttr(int number) {
    this.number = number;
  }

  @Override
  public int number() {
    return number;
  }

  /**
   * The constant for an attribute number (flag bits masked off), {@link #UNKNOWN} for others.
   *
   * @param type the number
   * @return the constant
   */
  public static RouteAttr of(int type) {
    return type >= 0 && type < BY_NUMBER.length ? BY_NUMBER[type] : UNKNOWN;
  }
}
