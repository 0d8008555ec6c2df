package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.util.Arrays;

/**
 * What each attribute type of one attribute space holds, for the generic decoder ({@link NlMessage}). Kinds follow
 * the kernel's nla_policy tables (net/ipv4/fib_frontend.c rtm_ipv4_policy, net/core/fib_rules.c fib_rule_policy,
 * net/core/rtnetlink.c ifla_policy, net/ipv4/devinet.c ifa_ipv4_policy). Kind-specific blobs (IFLA_INFO_DATA,
 * IFLA_AF_SPEC, RTA_ENCAP) are {@link Kind#BINARY}.
 */
public final class AttrSchema {
  /** The payload shape of an attribute type. */
  public enum Kind { U8, U16, BE16, U32, BE32, U64, BE64, STRING, ADDRESS, BINARY, NESTED, MULTIPATH }

  private final String name;
  private final Kind[] kinds;
  private final AttrSchema[] nested;

  private AttrSchema(String name, int max) {
    this.name = name;
    this.kinds = new Kind[max + 1];
    this.nested = new AttrSchema[max + 1];
  }

  private AttrSchema k(Kind kind, int... types) {
    for (int t : types) kinds[t] = kind;
    return this;
  }

  private AttrSchema nest(int type, AttrSchema inner) {
    kinds[type] = Kind.NESTED;
    nested[type] = inner;
    return this;
  }

  public String name() {
    return name;
  }

  /** The kind of {@code type}, or null when this space does not know it. */
  public Kind kind(int type) {
    return type >= 0 && type < kinds.length ? kinds[type] : null;
  }

  /** The schema of a NESTED type's members (for MULTIPATH: of each nexthop's attributes). */
  public AttrSchema nestedSchema(int type) {
    if (kind(type) == Kind.MULTIPATH) return ROUTE;
    return type >= 0 && type < nested.length ? nested[type] : null;
  }

  /** The highest type this space knows. */
  public int maxType() {
    return kinds.length - 1;
  }

  /** Types this space knows, ascending. */
  public int[] knownTypes() {
    return java.util.stream.IntStream.range(0, kinds.length).filter(t -> kinds[t] != null).toArray();
  }

  @Override
  public String toString() {
    return "AttrSchema[" + name + ", " + Arrays.toString(kinds) + "]";
  }

  /** RTA_METRICS members. */
  public static final AttrSchema METRICS = new AttrSchema("RTAX", Rtnl.RTAX_FASTOPEN_NO_COOKIE)
      .k(Kind.U32, Rtnl.RTAX_LOCK, Rtnl.RTAX_MTU, Rtnl.RTAX_WINDOW, Rtnl.RTAX_RTT, Rtnl.RTAX_RTTVAR,
          Rtnl.RTAX_SSTHRESH, Rtnl.RTAX_CWND, Rtnl.RTAX_ADVMSS, Rtnl.RTAX_REORDERING, Rtnl.RTAX_HOPLIMIT,
          Rtnl.RTAX_INITCWND, Rtnl.RTAX_FEATURES, Rtnl.RTAX_RTO_MIN, Rtnl.RTAX_INITRWND, Rtnl.RTAX_QUICKACK,
          Rtnl.RTAX_FASTOPEN_NO_COOKIE)
      .k(Kind.STRING, Rtnl.RTAX_CC_ALGO);

  /** RTA_* (also the attributes inside each rtnexthop of RTA_MULTIPATH). */
  public static final AttrSchema ROUTE = new AttrSchema("RTA", RouteAttr.NH_ID.number());

  static {
    ROUTE.k(Kind.ADDRESS, rta(RouteAttr.DST, RouteAttr.SRC, RouteAttr.GATEWAY, RouteAttr.PREFSRC))
        .k(Kind.U32, rta(RouteAttr.IIF, RouteAttr.OIF, RouteAttr.PRIORITY, RouteAttr.FLOW, RouteAttr.TABLE,
            RouteAttr.MARK, RouteAttr.EXPIRES, RouteAttr.UID, RouteAttr.NH_ID))
        .k(Kind.U8, rta(RouteAttr.PREF, RouteAttr.TTL_PROPAGATE, RouteAttr.IP_PROTO))
        .k(Kind.U16, rta(RouteAttr.ENCAP_TYPE))
        .k(Kind.BE16, rta(RouteAttr.SPORT, RouteAttr.DPORT))
        .k(Kind.BINARY, rta(RouteAttr.CACHEINFO, RouteAttr.MFC_STATS, RouteAttr.VIA, RouteAttr.NEWDST,
            RouteAttr.ENCAP, RouteAttr.PAD))
        .k(Kind.MULTIPATH, rta(RouteAttr.MULTIPATH))
        .nest(RouteAttr.METRICS.number(), METRICS);
  }

  private static int[] rta(RouteAttr... attrs) {
    int[] n = new int[attrs.length];
    for (int i = 0; i < attrs.length; i++) n[i] = attrs[i].number();
    return n;
  }

  /** FRA_*. */
  public static final AttrSchema RULE = new AttrSchema("FRA", Rtnl.FRA_DSCP_MASK)
      .k(Kind.ADDRESS, Rtnl.FRA_DST, Rtnl.FRA_SRC)
      .k(Kind.STRING, Rtnl.FRA_IIFNAME, Rtnl.FRA_OIFNAME)
      .k(Kind.U32, Rtnl.FRA_GOTO, Rtnl.FRA_PRIORITY, Rtnl.FRA_FWMARK, Rtnl.FRA_FLOW, Rtnl.FRA_SUPPRESS_IFGROUP,
          Rtnl.FRA_SUPPRESS_PREFIXLEN, Rtnl.FRA_TABLE, Rtnl.FRA_FWMASK)
      .k(Kind.BE64, Rtnl.FRA_TUN_ID)
      .k(Kind.U8, Rtnl.FRA_L3MDEV, Rtnl.FRA_PROTOCOL, Rtnl.FRA_IP_PROTO, Rtnl.FRA_DSCP, Rtnl.FRA_DSCP_MASK)
      .k(Kind.BINARY, Rtnl.FRA_UID_RANGE, Rtnl.FRA_SPORT_RANGE, Rtnl.FRA_DPORT_RANGE, Rtnl.FRA_PAD)
      .k(Kind.BE32, Rtnl.FRA_FLOWLABEL, Rtnl.FRA_FLOWLABEL_MASK)
      .k(Kind.U16, Rtnl.FRA_SPORT_MASK, Rtnl.FRA_DPORT_MASK);

  /** IFLA_INFO_* (inside IFLA_LINKINFO). */
  public static final AttrSchema LINKINFO = new AttrSchema("IFLA_INFO", Rtnl.IFLA_INFO_SLAVE_DATA)
      .k(Kind.STRING, Rtnl.IFLA_INFO_KIND, Rtnl.IFLA_INFO_SLAVE_KIND)
      .k(Kind.BINARY, Rtnl.IFLA_INFO_DATA, Rtnl.IFLA_INFO_XSTATS, Rtnl.IFLA_INFO_SLAVE_DATA);

  /** IFLA_PROP_LIST members. */
  public static final AttrSchema LINK_PROPS = new AttrSchema("IFLA_PROP", Rtnl.IFLA_ALT_IFNAME)
      .k(Kind.STRING, Rtnl.IFLA_ALT_IFNAME);

  /** IFLA_*. */
  public static final AttrSchema LINK = new AttrSchema("IFLA", Rtnl.IFLA_ALLMULTI)
      .k(Kind.BINARY, Rtnl.IFLA_ADDRESS, Rtnl.IFLA_BROADCAST, Rtnl.IFLA_PERM_ADDRESS, Rtnl.IFLA_STATS,
          Rtnl.IFLA_STATS64, Rtnl.IFLA_MAP, Rtnl.IFLA_PHYS_PORT_ID, Rtnl.IFLA_PHYS_SWITCH_ID, Rtnl.IFLA_AF_SPEC,
          Rtnl.IFLA_XDP, Rtnl.IFLA_VFINFO_LIST, Rtnl.IFLA_VF_PORTS, Rtnl.IFLA_PORT_SELF,
          Rtnl.IFLA_PROTO_DOWN_REASON, Rtnl.IFLA_PROTINFO, Rtnl.IFLA_WIRELESS, Rtnl.IFLA_PAD)
      .k(Kind.STRING, Rtnl.IFLA_IFNAME, Rtnl.IFLA_QDISC, Rtnl.IFLA_IFALIAS, Rtnl.IFLA_PHYS_PORT_NAME,
          Rtnl.IFLA_ALT_IFNAME, Rtnl.IFLA_PARENT_DEV_NAME, Rtnl.IFLA_PARENT_DEV_BUS_NAME)
      .k(Kind.U32, Rtnl.IFLA_MTU, Rtnl.IFLA_LINK, Rtnl.IFLA_COST, Rtnl.IFLA_PRIORITY, Rtnl.IFLA_MASTER,
          Rtnl.IFLA_TXQLEN, Rtnl.IFLA_WEIGHT, Rtnl.IFLA_NET_NS_PID, Rtnl.IFLA_NUM_VF, Rtnl.IFLA_GROUP,
          Rtnl.IFLA_NET_NS_FD, Rtnl.IFLA_EXT_MASK, Rtnl.IFLA_PROMISCUITY, Rtnl.IFLA_NUM_TX_QUEUES,
          Rtnl.IFLA_NUM_RX_QUEUES, Rtnl.IFLA_CARRIER_CHANGES, Rtnl.IFLA_LINK_NETNSID, Rtnl.IFLA_GSO_MAX_SEGS,
          Rtnl.IFLA_GSO_MAX_SIZE, Rtnl.IFLA_EVENT, Rtnl.IFLA_NEW_NETNSID, Rtnl.IFLA_TARGET_NETNSID,
          Rtnl.IFLA_CARRIER_UP_COUNT, Rtnl.IFLA_CARRIER_DOWN_COUNT, Rtnl.IFLA_NEW_IFINDEX, Rtnl.IFLA_MIN_MTU,
          Rtnl.IFLA_MAX_MTU, Rtnl.IFLA_GRO_MAX_SIZE, Rtnl.IFLA_TSO_MAX_SIZE, Rtnl.IFLA_TSO_MAX_SEGS,
          Rtnl.IFLA_ALLMULTI)
      .k(Kind.U8, Rtnl.IFLA_OPERSTATE, Rtnl.IFLA_LINKMODE, Rtnl.IFLA_CARRIER, Rtnl.IFLA_PROTO_DOWN)
      .nest(Rtnl.IFLA_LINKINFO, LINKINFO)
      .nest(Rtnl.IFLA_PROP_LIST, LINK_PROPS);

  /** IFA_*. */
  public static final AttrSchema ADDRESS = new AttrSchema("IFA", Rtnl.IFA_PROTO)
      .k(Kind.ADDRESS, Rtnl.IFA_ADDRESS, Rtnl.IFA_LOCAL, Rtnl.IFA_BROADCAST, Rtnl.IFA_ANYCAST, Rtnl.IFA_MULTICAST)
      .k(Kind.STRING, Rtnl.IFA_LABEL)
      .k(Kind.BINARY, Rtnl.IFA_CACHEINFO)
      .k(Kind.U32, Rtnl.IFA_FLAGS, Rtnl.IFA_RT_PRIORITY, Rtnl.IFA_TARGET_NETNSID)
      .k(Kind.U8, Rtnl.IFA_PROTO);

  /** The attribute space of a message type, or null for types without attributes here. */
  public static AttrSchema forMessageType(int type) {
    if (Rtnl.isRouteMessage(type)) return ROUTE;
    if (Rtnl.isRuleMessage(type)) return RULE;
    if (Rtnl.isLinkMessage(type)) return LINK;
    if (Rtnl.isAddressMessage(type)) return ADDRESS;
    return null;
  }
}
