package io.github.netroute.routing.netlink.internal.wire;

/**
 * Nexthop object attributes ({@code NHA_*}, {@code linux/nexthop.h}) of RTM_NEWNEXTHOP / RTM_DELNEXTHOP /
 * RTM_GETNEXTHOP ({@link Rtnl#RTM_NEWNEXTHOP} …), after a {@code struct nhmsg}; routes refer to a nexthop object
 * with {@link RouteAttr#NH_ID}. {@link #of(int)} as for {@link RouteAttr}: allocation-free, {@link #UNKNOWN} for
 * numbers not listed.
 */
public enum NexthopAttr implements AttrType {
  UNSPEC(0),
  /** u32 nexthop id; 0 in a request means auto-assign. */
  ID(1),
  /** Array of struct nexthop_grp (id, weight). */
  GROUP(2),
  /** u16 NEXTHOP_GRP_TYPE_*. */
  GROUP_TYPE(3),
  /** Flag: the nexthop blackholes packets. */
  BLACKHOLE(4),
  /** u32 nexthop device. */
  OIF(5),
  /** Gateway address (4 or 16 bytes). */
  GATEWAY(6),
  /** u16 lwtunnel encap type. */
  ENCAP_TYPE(7),
  /** lwtunnel encap data. */
  ENCAP(8),
  /** Flag: dump only groups. */
  GROUPS(9),
  /** u32: dump only nexthops with this master device. */
  MASTER(10),
  /** Flag: the nexthop belongs to a bridge FDB. */
  FDB(11),
  /** Nested resilient-group parameters. */
  RES_GROUP(12),
  /** Nested resilient-group bucket. */
  RES_BUCKET(13),
  /** Any number not above. Never written. */
  UNKNOWN(-1);

  private static final NexthopAttr[] BY_NUMBER =
      AttrTypes.index(values(), UNKNOWN, new NexthopAttr[RES_BUCKET.number + 1]);

  private final int number;

  NexthopAttr(int number) {
    this.number = number;
  }

  @Override
  public int number() {
    return number;
  }

  /** The constant for an attribute number, {@link #UNKNOWN} for others. @param type the number @return the constant */
  public static NexthopAttr of(int type) {
    return type >= 0 && type < BY_NUMBER.length ? BY_NUMBER[type] : UNKNOWN;
  }
}
