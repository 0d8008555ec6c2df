package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.Netlink;

/** The socket's test seams, for fault tests in other packages. */
public final class SocketSeams {
  private SocketSeams() {}

  /** A receive buffer of {@code bytes}, so that the kernel truncates (MSG_TRUNC) a larger datagram. */
  public static void useReceiveBuffer(NetlinkSocket s, int bytes) {
    s.useReceiveBufferForTest(bytes);
  }

  /** NETLINK_NO_ENOBUFS: the kernel drops what does not fit the receive queue without telling (no ENOBUFS). */
  public static void dropSilentlyWhenFull(NetlinkSocket s) {
    if (!s.setIntOptionForTest(Netlink.SOL_NETLINK, Netlink.NETLINK_NO_ENOBUFS, 1)) {
      throw new IllegalStateException("NETLINK_NO_ENOBUFS refused");
    }
  }
}
