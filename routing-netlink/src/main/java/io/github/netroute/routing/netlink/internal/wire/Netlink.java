package io.github.netroute.routing.netlink.internal.wire;

/**
 * Constants of the netlink transport itself ({@code <linux/netlink.h>}, {@code <sys/socket.h>}): message types
 * below {@link #NLMSG_MIN_TYPE}, {@code NLM_F_*} flags, socket options and extended-ack attribute types.
 * Values checked against the uapi headers of Linux 6.x.
 */
public final class Netlink {
  private Netlink() {}

  // socket(2)
  public static final int AF_NETLINK = 16;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_CLOEXEC = 0x80000;
  public static final int NETLINK_ROUTE = 0;

  // header sizes and alignment
  public static final int NLMSG_ALIGNTO = 4;
  public static final int NLMSG_HDRLEN = 16;
  public static final int NLA_HDRLEN = 4;
  /** {@code struct nlmsgerr}: int error + the original nlmsghdr. */
  public static final int NLMSGERR_SIZE = 4 + NLMSG_HDRLEN;
  /** {@code struct sockaddr_nl}: family u16, pad u16, pid u32, groups u32. */
  public static final int SOCKADDR_NL_SIZE = 12;

  // control message types
  public static final int NLMSG_NOOP = 0x1;
  public static final int NLMSG_ERROR = 0x2;
  public static final int NLMSG_DONE = 0x3;
  public static final int NLMSG_OVERRUN = 0x4;
  public static final int NLMSG_MIN_TYPE = 0x10;

  // nlmsg_flags, standard
  public static final int NLM_F_REQUEST = 0x01;
  public static final int NLM_F_MULTI = 0x02;
  public static final int NLM_F_ACK = 0x04;
  public static final int NLM_F_ECHO = 0x08;
  public static final int NLM_F_DUMP_INTR = 0x10;
  public static final int NLM_F_DUMP_FILTERED = 0x20;
  // GET requests
  public static final int NLM_F_ROOT = 0x100;
  public static final int NLM_F_MATCH = 0x200;
  public static final int NLM_F_ATOMIC = 0x400;
  public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
  // NEW requests
  public static final int NLM_F_REPLACE = 0x100;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;
  public static final int NLM_F_APPEND = 0x800;
  // DELETE requests
  public static final int NLM_F_NONREC = 0x100;
  public static final int NLM_F_BULK = 0x200;
  // ACK (NLMSG_ERROR) flags
  public static final int NLM_F_CAPPED = 0x100;
  public static final int NLM_F_ACK_TLVS = 0x200;

  // nlattr type bits
  public static final int NLA_F_NESTED = 1 << 15;
  public static final int NLA_F_NET_BYTEORDER = 1 << 14;
  public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xFFFF;

  // extended ack attributes (enum nlmsgerr_attrs)
  public static final int NLMSGERR_ATTR_MSG = 1;
  public static final int NLMSGERR_ATTR_OFFS = 2;
  public static final int NLMSGERR_ATTR_COOKIE = 3;
  public static final int NLMSGERR_ATTR_POLICY = 4;
  public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
  public static final int NLMSGERR_ATTR_MISS_NEST = 6;

  // setsockopt levels and options
  public static final int SOL_SOCKET = 1;
  public static final int SO_SNDBUF = 7;
  public static final int SO_RCVBUF = 8;
  public static final int SO_SNDBUFFORCE = 32;
  public static final int SO_RCVBUFFORCE = 33;
  /** struct timeval (16 bytes on 64-bit) bounding each blocking receive; EAGAIN when it expires. */
  public static final int SO_RCVTIMEO = 20;
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_ADD_MEMBERSHIP = 1;
  public static final int NETLINK_DROP_MEMBERSHIP = 2;
  public static final int NETLINK_PKTINFO = 3;
  public static final int NETLINK_BROADCAST_ERROR = 4;
  public static final int NETLINK_NO_ENOBUFS = 5;
  public static final int NETLINK_LISTEN_ALL_NSID = 8;
  public static final int NETLINK_CAP_ACK = 10;
  public static final int NETLINK_EXT_ACK = 11;
  public static final int NETLINK_GET_STRICT_CHK = 12;

  // recv flags
  public static final int MSG_PEEK = 0x02;
  public static final int MSG_TRUNC = 0x20;
  public static final int MSG_DONTWAIT = 0x40;

  // open(2), setns(2), poll(2)
  public static final int O_RDONLY = 0;
  public static final int O_CLOEXEC = 0x80000;
  public static final int CLONE_NEWNET = 0x40000000;
  public static final short POLLIN = 0x001;

  /** NLMSG_ALIGN / NLA_ALIGN: round up to a multiple of 4. */
  public static int align(int len) {
    return (len + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);
  }

  /** Names a control or rtnetlink message type for diagnostics, e.g. {@code RTM_NEWROUTE}, else the number. */
  public static String typeName(int type) {
    switch (type) {
      case NLMSG_NOOP: return "NLMSG_NOOP";
      case NLMSG_ERROR: return "NLMSG_ERROR";
      case NLMSG_DONE: return "NLMSG_DONE";
      case NLMSG_OVERRUN: return "NLMSG_OVERRUN";
      default: return Rtnl.messageTypeName(type);
    }
  }
}
