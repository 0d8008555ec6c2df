package io.github.netroute.routing.netlink.internal.wire;

/**
 * rtnetlink constants: message types, fixed-header field values and attribute types for routes
 * ({@code <linux/rtnetlink.h>}), policy rules ({@code <linux/fib_rules.h>}), links ({@code <linux/if_link.h>},
 * {@code <linux/if.h>}) and addresses ({@code <linux/if_addr.h>}).
 *
 * <p>Byte order: every attribute is in host byte order except where noted ("big-endian"). Values were checked
 * against the uapi headers (see {@code RtnlConstantsTest}); attributes newer than those headers (FRA_DSCP and
 * later) were taken from Linux 6.17 {@code include/uapi/linux/fib_rules.h}.
 */
public final class Rtnl {
  private Rtnl() {}

  // address families
  public static final int AF_UNSPEC = 0;
  public static final int AF_INET = 2;
  public static final int AF_BRIDGE = 7;
  public static final int AF_INET6 = 10;
  public static final int AF_MPLS = 28;

  // message types
  public static final int RTM_NEWLINK = 16;
  public static final int RTM_DELLINK = 17;
  public static final int RTM_GETLINK = 18;
  public static final int RTM_SETLINK = 19;
  public static final int RTM_NEWADDR = 20;
  public static final int RTM_DELADDR = 21;
  public static final int RTM_GETADDR = 22;
  public static final int RTM_NEWROUTE = 24;
  public static final int RTM_DELROUTE = 25;
  public static final int RTM_GETROUTE = 26;
  public static final int RTM_NEWNEIGH = 28;
  public static final int RTM_DELNEIGH = 29;
  public static final int RTM_GETNEIGH = 30;
  public static final int RTM_NEWRULE = 32;
  public static final int RTM_DELRULE = 33;
  public static final int RTM_GETRULE = 34;
  public static final int RTM_NEWNEXTHOP = 104;
  public static final int RTM_DELNEXTHOP = 105;
  public static final int RTM_GETNEXTHOP = 106;

  // fixed header sizes
  public static final int RTMSG_SIZE = 12;
  public static final int FIB_RULE_HDR_SIZE = 12;
  public static final int IFINFOMSG_SIZE = 16;
  public static final int IFADDRMSG_SIZE = 8;
  public static final int RTNEXTHOP_SIZE = 8;
  public static final int RTGENMSG_SIZE = 1;

  // rtm_type
  public static final int RTN_UNSPEC = 0;
  public static final int RTN_UNICAST = 1;
  public static final int RTN_LOCAL = 2;
  public static final int RTN_BROADCAST = 3;
  public static final int RTN_ANYCAST = 4;
  public static final int RTN_MULTICAST = 5;
  public static final int RTN_BLACKHOLE = 6;
  public static final int RTN_UNREACHABLE = 7;
  public static final int RTN_PROHIBIT = 8;
  public static final int RTN_THROW = 9;
  public static final int RTN_NAT = 10;
  public static final int RTN_XRESOLVE = 11;

  // rtm_protocol (open range)
  public static final int RTPROT_UNSPEC = 0;
  public static final int RTPROT_REDIRECT = 1;
  public static final int RTPROT_KERNEL = 2;
  public static final int RTPROT_BOOT = 3;
  public static final int RTPROT_STATIC = 4;
  public static final int RTPROT_GATED = 8;
  public static final int RTPROT_RA = 9;
  public static final int RTPROT_MRT = 10;
  public static final int RTPROT_ZEBRA = 11;
  public static final int RTPROT_BIRD = 12;
  public static final int RTPROT_DNROUTED = 13;
  public static final int RTPROT_XORP = 14;
  public static final int RTPROT_NTK = 15;
  public static final int RTPROT_DHCP = 16;
  public static final int RTPROT_MROUTED = 17;
  public static final int RTPROT_KEEPALIVED = 18;
  public static final int RTPROT_BABEL = 42;
  public static final int RTPROT_OPENR = 99;
  public static final int RTPROT_BGP = 186;
  public static final int RTPROT_ISIS = 187;
  public static final int RTPROT_OSPF = 188;
  public static final int RTPROT_RIP = 189;
  public static final int RTPROT_EIGRP = 192;

  // rtm_scope
  public static final int RT_SCOPE_UNIVERSE = 0;
  public static final int RT_SCOPE_SITE = 200;
  public static final int RT_SCOPE_LINK = 253;
  public static final int RT_SCOPE_HOST = 254;
  public static final int RT_SCOPE_NOWHERE = 255;

  // rtm_flags
  public static final int RTM_F_NOTIFY = 0x100;
  public static final int RTM_F_CLONED = 0x200;
  public static final int RTM_F_EQUALIZE = 0x400;
  public static final int RTM_F_PREFIX = 0x800;
  public static final int RTM_F_LOOKUP_TABLE = 0x1000;
  public static final int RTM_F_FIB_MATCH = 0x2000;
  public static final int RTM_F_OFFLOAD = 0x4000;
  public static final int RTM_F_TRAP = 0x8000;
  public static final int RTM_F_OFFLOAD_FAILED = 0x20000000;

  // tables: rtm_table is one byte; ids >= 256 travel in RTA_TABLE with rtm_table = RT_TABLE_COMPAT
  public static final int RT_TABLE_UNSPEC = 0;
  public static final int RT_TABLE_COMPAT = 252;
  public static final int RT_TABLE_DEFAULT = 253;
  public static final int RT_TABLE_MAIN = 254;
  public static final int RT_TABLE_LOCAL = 255;

  // route attributes (enum rtattr_type_t): RouteAttr; nexthop object attributes (NHA_*): NexthopAttr

  // rtnexthop flags
  public static final int RTNH_F_DEAD = 1;
  public static final int RTNH_F_PERVASIVE = 2;
  public static final int RTNH_F_ONLINK = 4;
  public static final int RTNH_F_OFFLOAD = 8;
  public static final int RTNH_F_LINKDOWN = 16;
  public static final int RTNH_F_UNRESOLVED = 32;
  public static final int RTNH_F_TRAP = 64;

  // RTA_METRICS members (all u32, RTAX_CC_ALGO is a string)
  public static final int RTAX_UNSPEC = 0;
  public static final int RTAX_LOCK = 1;
  public static final int RTAX_MTU = 2;
  public static final int RTAX_WINDOW = 3;
  public static final int RTAX_RTT = 4;
  public static final int RTAX_RTTVAR = 5;
  public static final int RTAX_SSTHRESH = 6;
  public static final int RTAX_CWND = 7;
  public static final int RTAX_ADVMSS = 8;
  public static final int RTAX_REORDERING = 9;
  public static final int RTAX_HOPLIMIT = 10;
  public static final int RTAX_INITCWND = 11;
  public static final int RTAX_FEATURES = 12;
  public static final int RTAX_RTO_MIN = 13;
  public static final int RTAX_INITRWND = 14;
  public static final int RTAX_QUICKACK = 15;
  public static final int RTAX_CC_ALGO = 16;
  public static final int RTAX_FASTOPEN_NO_COOKIE = 17;

  // fib_rule_hdr.flags
  public static final int FIB_RULE_PERMANENT = 0x1;
  public static final int FIB_RULE_INVERT = 0x2;
  public static final int FIB_RULE_UNRESOLVED = 0x4;
  public static final int FIB_RULE_IIF_DETACHED = 0x8;
  public static final int FIB_RULE_OIF_DETACHED = 0x10;
  public static final int FIB_RULE_FIND_SADDR = 0x10000;

  // fib_rule_hdr.action
  public static final int FR_ACT_UNSPEC = 0;
  public static final int FR_ACT_TO_TBL = 1;
  public static final int FR_ACT_GOTO = 2;
  public static final int FR_ACT_NOP = 3;
  public static final int FR_ACT_RES3 = 4;
  public static final int FR_ACT_RES4 = 5;
  public static final int FR_ACT_BLACKHOLE = 6;
  public static final int FR_ACT_UNREACHABLE = 7;
  public static final int FR_ACT_PROHIBIT = 8;

  // rule attributes
  public static final int FRA_UNSPEC = 0;
  public static final int FRA_DST = 1;
  public static final int FRA_SRC = 2;
  /** NUL-terminated string. */
  public static final int FRA_IIFNAME = 3;
  /** u32 target priority. */
  public static final int FRA_GOTO = 4;
  /** u32. */
  public static final int FRA_PRIORITY = 6;
  /** u32. */
  public static final int FRA_FWMARK = 10;
  /** u32 realms. */
  public static final int FRA_FLOW = 11;
  /** big-endian u64. */
  public static final int FRA_TUN_ID = 12;
  /** u32. */
  public static final int FRA_SUPPRESS_IFGROUP = 13;
  /** u32. */
  public static final int FRA_SUPPRESS_PREFIXLEN = 14;
  /** u32. */
  public static final int FRA_TABLE = 15;
  /** u32. */
  public static final int FRA_FWMASK = 16;
  /** NUL-terminated string. */
  public static final int FRA_OIFNAME = 17;
  public static final int FRA_PAD = 18;
  /** u8. */
  public static final int FRA_L3MDEV = 19;
  /** struct fib_rule_uid_range: two u32 in host order. */
  public static final int FRA_UID_RANGE = 20;
  /** u8. */
  public static final int FRA_PROTOCOL = 21;
  /** u8. */
  public static final int FRA_IP_PROTO = 22;
  /** struct fib_rule_port_range: two u16 in <em>host</em> order (start, end). */
  public static final int FRA_SPORT_RANGE = 23;
  /** struct fib_rule_port_range: two u16 in <em>host</em> order (start, end). */
  public static final int FRA_DPORT_RANGE = 24;
  /** u8 DSCP (Linux 6.13). */
  public static final int FRA_DSCP = 25;
  /** big-endian u32 (Linux 6.16). */
  public static final int FRA_FLOWLABEL = 26;
  /** big-endian u32 (Linux 6.16). */
  public static final int FRA_FLOWLABEL_MASK = 27;
  /** u16, host order (Linux 6.16). */
  public static final int FRA_SPORT_MASK = 28;
  /** u16, host order (Linux 6.16). */
  public static final int FRA_DPORT_MASK = 29;
  /** u8 (Linux 6.17). */
  public static final int FRA_DSCP_MASK = 30;

  // link flags (ifi_flags)
  public static final int IFF_UP = 1;
  public static final int IFF_BROADCAST = 1 << 1;
  public static final int IFF_DEBUG = 1 << 2;
  public static final int IFF_LOOPBACK = 1 << 3;
  public static final int IFF_POINTOPOINT = 1 << 4;
  public static final int IFF_NOTRAILERS = 1 << 5;
  public static final int IFF_RUNNING = 1 << 6;
  public static final int IFF_NOARP = 1 << 7;
  public static final int IFF_PROMISC = 1 << 8;
  public static final int IFF_ALLMULTI = 1 << 9;
  public static final int IFF_MASTER = 1 << 10;
  public static final int IFF_SLAVE = 1 << 11;
  public static final int IFF_MULTICAST = 1 << 12;
  public static final int IFF_PORTSEL = 1 << 13;
  public static final int IFF_AUTOMEDIA = 1 << 14;
  public static final int IFF_DYNAMIC = 1 << 15;
  public static final int IFF_LOWER_UP = 1 << 16;
  public static final int IFF_DORMANT = 1 << 17;
  public static final int IFF_ECHO = 1 << 18;

  // link attributes
  public static final int IFLA_UNSPEC = 0;
  public static final int IFLA_ADDRESS = 1;
  public static final int IFLA_BROADCAST = 2;
  public static final int IFLA_IFNAME = 3;
  public static final int IFLA_MTU = 4;
  public static final int IFLA_LINK = 5;
  public static final int IFLA_QDISC = 6;
  public static final int IFLA_STATS = 7;
  public static final int IFLA_COST = 8;
  public static final int IFLA_PRIORITY = 9;
  public static final int IFLA_MASTER = 10;
  public static final int IFLA_WIRELESS = 11;
  public static final int IFLA_PROTINFO = 12;
  public static final int IFLA_TXQLEN = 13;
  public static final int IFLA_MAP = 14;
  public static final int IFLA_WEIGHT = 15;
  public static final int IFLA_OPERSTATE = 16;
  public static final int IFLA_LINKMODE = 17;
  public static final int IFLA_LINKINFO = 18;
  public static final int IFLA_NET_NS_PID = 19;
  public static final int IFLA_IFALIAS = 20;
  public static final int IFLA_NUM_VF = 21;
  public static final int IFLA_VFINFO_LIST = 22;
  public static final int IFLA_STATS64 = 23;
  public static final int IFLA_VF_PORTS = 24;
  public static final int IFLA_PORT_SELF = 25;
  public static final int IFLA_AF_SPEC = 26;
  public static final int IFLA_GROUP = 27;
  public static final int IFLA_NET_NS_FD = 28;
  public static final int IFLA_EXT_MASK = 29;
  public static final int IFLA_PROMISCUITY = 30;
  public static final int IFLA_NUM_TX_QUEUES = 31;
  public static final int IFLA_NUM_RX_QUEUES = 32;
  public static final int IFLA_CARRIER = 33;
  public static final int IFLA_PHYS_PORT_ID = 34;
  public static final int IFLA_CARRIER_CHANGES = 35;
  public static final int IFLA_PHYS_SWITCH_ID = 36;
  public static final int IFLA_LINK_NETNSID = 37;
  public static final int IFLA_PHYS_PORT_NAME = 38;
  public static final int IFLA_PROTO_DOWN = 39;
  public static final int IFLA_GSO_MAX_SEGS = 40;
  public static final int IFLA_GSO_MAX_SIZE = 41;
  public static final int IFLA_PAD = 42;
  public static final int IFLA_XDP = 43;
  public static final int IFLA_EVENT = 44;
  public static final int IFLA_NEW_NETNSID = 45;
  public static final int IFLA_TARGET_NETNSID = 46;
  public static final int IFLA_CARRIER_UP_COUNT = 47;
  public static final int IFLA_CARRIER_DOWN_COUNT = 48;
  public static final int IFLA_NEW_IFINDEX = 49;
  public static final int IFLA_MIN_MTU = 50;
  public static final int IFLA_MAX_MTU = 51;
  public static final int IFLA_PROP_LIST = 52;
  public static final int IFLA_ALT_IFNAME = 53;
  public static final int IFLA_PERM_ADDRESS = 54;
  public static final int IFLA_PROTO_DOWN_REASON = 55;
  public static final int IFLA_PARENT_DEV_NAME = 56;
  public static final int IFLA_PARENT_DEV_BUS_NAME = 57;
  public static final int IFLA_GRO_MAX_SIZE = 58;
  public static final int IFLA_TSO_MAX_SIZE = 59;
  public static final int IFLA_TSO_MAX_SEGS = 60;
  public static final int IFLA_ALLMULTI = 61;

  // IFLA_LINKINFO members
  public static final int IFLA_INFO_UNSPEC = 0;
  /** NUL-terminated string, e.g. "bridge". */
  public static final int IFLA_INFO_KIND = 1;
  public static final int IFLA_INFO_DATA = 2;
  /** veth's IFLA_INFO_DATA: the peer (an ifinfomsg and its attributes). */
  public static final int VETH_INFO_PEER = 1;
  public static final int IFLA_VXLAN_ID = 1;
  public static final int IFLA_VXLAN_GROUP = 2;
  public static final int IFLA_VXLAN_LINK = 3;
  public static final int IFLA_VXLAN_LOCAL = 4;
  public static final int IFLA_VXLAN_LEARNING = 7;
  public static final int IFLA_VXLAN_PORT = 15;
  public static final int IFLA_VXLAN_GROUP6 = 16;
  public static final int IFLA_VXLAN_LOCAL6 = 17;
  public static final int IFLA_MACVLAN_MODE = 1;
  public static final int NDMSG_SIZE = 12;
  public static final int NDA_DST = 1;
  public static final int NDA_LLADDR = 2;
  public static final int NDA_PROTOCOL = 12;
  public static final int NUD_PERMANENT = 0x80;
  public static final int NTF_PROXY = 0x08;
  public static final int NTF_EXT_LEARNED = 0x10;
  public static final int NTF_ROUTER = 0x80;
  public static final int IFLA_INFO_XSTATS = 3;
  public static final int IFLA_INFO_SLAVE_KIND = 4;
  public static final int IFLA_INFO_SLAVE_DATA = 5;

  /** IFLA_EXT_MASK bit: skip stats. */
  public static final int RTEXT_FILTER_VF = 1;
  public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

  // address attributes
  public static final int IFA_UNSPEC = 0;
  public static final int IFA_ADDRESS = 1;
  public static final int IFA_LOCAL = 2;
  /** NUL-terminated string. */
  public static final int IFA_LABEL = 3;
  public static final int IFA_BROADCAST = 4;
  public static final int IFA_ANYCAST = 5;
  public static final int IFA_CACHEINFO = 6;
  public static final int IFA_MULTICAST = 7;
  /** u32, supersedes ifa_flags. */
  public static final int IFA_FLAGS = 8;
  /** u32 metric of the prefix route. */
  public static final int IFA_RT_PRIORITY = 9;
  public static final int IFA_TARGET_NETNSID = 10;
  /** u8. */
  public static final int IFA_PROTO = 11;

  // address flags
  public static final int IFA_F_SECONDARY = 0x01;
  public static final int IFA_F_TEMPORARY = IFA_F_SECONDARY;
  public static final int IFA_F_NODAD = 0x02;
  public static final int IFA_F_OPTIMISTIC = 0x04;
  public static final int IFA_F_DADFAILED = 0x08;
  public static final int IFA_F_HOMEADDRESS = 0x10;
  public static final int IFA_F_DEPRECATED = 0x20;
  public static final int IFA_F_TENTATIVE = 0x40;
  public static final int IFA_F_PERMANENT = 0x80;
  public static final int IFA_F_MANAGETEMPADDR = 0x100;
  public static final int IFA_F_NOPREFIXROUTE = 0x200;
  public static final int IFA_F_MCAUTOJOIN = 0x400;
  public static final int IFA_F_STABLE_PRIVACY = 0x800;

  // multicast groups (NETLINK_ADD_MEMBERSHIP takes the group number, not a bit)
  public static final int RTNLGRP_LINK = 1;
  public static final int RTNLGRP_NOTIFY = 2;
  public static final int RTNLGRP_NEIGH = 3;
  public static final int RTNLGRP_TC = 4;
  public static final int RTNLGRP_IPV4_IFADDR = 5;
  public static final int RTNLGRP_IPV4_MROUTE = 6;
  public static final int RTNLGRP_IPV4_ROUTE = 7;
  public static final int RTNLGRP_IPV4_RULE = 8;
  public static final int RTNLGRP_IPV6_IFADDR = 9;
  public static final int RTNLGRP_IPV6_MROUTE = 10;
  public static final int RTNLGRP_IPV6_ROUTE = 11;
  public static final int RTNLGRP_IPV6_IFINFO = 12;
  public static final int RTNLGRP_IPV6_PREFIX = 18;
  public static final int RTNLGRP_IPV6_RULE = 19;
  public static final int RTNLGRP_ND_USEROPT = 20;
  public static final int RTNLGRP_IPV4_NETCONF = 24;
  public static final int RTNLGRP_IPV6_NETCONF = 25;
  public static final int RTNLGRP_NSID = 28;
  public static final int RTNLGRP_NEXTHOP = 32;

  /** The message family of a type: its fixed header. */
  public static boolean isRouteMessage(int type) {
    return type >= RTM_NEWROUTE && type <= RTM_GETROUTE;
  }

  public static boolean isRuleMessage(int type) {
    return type >= RTM_NEWRULE && type <= RTM_GETRULE;
  }

  public static boolean isLinkMessage(int type) {
    return type >= RTM_NEWLINK && type <= RTM_SETLINK;
  }

  public static boolean isAddressMessage(int type) {
    return type >= RTM_NEWADDR && type <= RTM_GETADDR;
  }

  static String messageTypeName(int type) {
    switch (type) {
      case RTM_NEWLINK: return "RTM_NEWLINK";
      case RTM_DELLINK: return "RTM_DELLINK";
      case RTM_GETLINK: return "RTM_GETLINK";
      case RTM_SETLINK: return "RTM_SETLINK";
      case RTM_NEWADDR: return "RTM_NEWADDR";
      case RTM_DELADDR: return "RTM_DELADDR";
      case RTM_GETADDR: return "RTM_GETADDR";
      case RTM_NEWROUTE: return "RTM_NEWROUTE";
      case RTM_DELROUTE: return "RTM_DELROUTE";
      case RTM_GETROUTE: return "RTM_GETROUTE";
      case RTM_NEWNEIGH: return "RTM_NEWNEIGH";
      case RTM_DELNEIGH: return "RTM_DELNEIGH";
      case RTM_GETNEIGH: return "RTM_GETNEIGH";
      case RTM_NEWRULE: return "RTM_NEWRULE";
      case RTM_DELRULE: return "RTM_DELRULE";
      case RTM_GETRULE: return "RTM_GETRULE";
      default: return Integer.toString(type);
    }
  }
}
