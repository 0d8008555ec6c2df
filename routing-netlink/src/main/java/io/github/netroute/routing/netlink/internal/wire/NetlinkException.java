package io.github.netroute.routing.netlink.internal.wire;

import java.io.IOException;

/**
 * A failure of the netlink layer: a failed system call (with its errno), a kernel error reply
 * ({@link NetlinkErrorException}), lost messages ({@link NetlinkOverrunException}) or a malformed message
 * ({@link NetlinkDecodeException}). Checked, so the operations layer has to map every one of them to a
 * {@code RoutingException}.
 */
public class NetlinkException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int errno;

  /**
   * @param operation what was being done, e.g. {@code "bind"} or {@code "RTM_NEWROUTE"}
   * @param errno a positive errno, or 0 when the failure has none
   */
  public NetlinkException(String operation, int errno, String message) {
    super(message);
    this.operation = operation;
    this.errno = errno;
  }

  public NetlinkException(String operation, int errno, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.errno = errno;
  }

  /** A failed system call: the message is {@code "<op>: EXXX (text)"}. */
  public static NetlinkException syscall(String operation, int errno) {
    return new NetlinkException(operation, errno, operation + ": " + Errno.describe(errno));
  }

  public String operation() {
    return operation;
  }

  /** The positive errno, or 0. */
  public int errno() {
    return errno;
  }
}
