package io.github.netroute.routing.netlink.internal.codec;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.UnknownDeviceException;

/** Maps a netlink-layer failure to the {@link RoutingException} the API promises. */
public final class RoutingErrors {
  private RoutingErrors() {}

  /**
   * The kernel's errno and extended ack for {@link NetlinkErrorException}, ENODEV for an unknown device, EBADMSG for
   * undecodable bytes, else the failure's errno (EIO when it has none) with the failure suppressed.
   *
   * @param op the operation, e.g. {@code RTM_NEWROUTE}
   * @param subject the object in iproute2 syntax
   * @param e the failure
   * @return the exception to throw
   */
  public static RoutingException of(String op, String subject, NetlinkException e) {
    if (e instanceof NetlinkErrorException ne) {
      return RoutingException.of(op, subject, Errno.of(ne.errno()), ne.extackMessage());
    }
    if (e instanceof UnknownDeviceException) {
      return RoutingException.of(op, subject, Errno.ENODEV, e.getMessage());
    }
    if (e instanceof NetlinkDecodeException) {
      return new RoutingException(op, subject, Errno.EBADMSG, e.getMessage(), e);
    }
    int errno = e.errno() == 0 ? io.github.netroute.routing.netlink.internal.wire.Errno.EIO : e.errno();
    // a failed system call's message only repeats the operation and the errno, which the exception prints anyway
    boolean onlyRepeats = e.errno() != 0 && e.getMessage() != null && e.getMessage().equals(
        NetlinkException.syscall(e.operation(), e.errno()).getMessage());
    RoutingException r = RoutingException.of(op, subject, Errno.of(errno), onlyRepeats ? null : e.getMessage());
    r.addSuppressed(e);
    return r;
  }
}
