package io.github.netroute.routing.netlink.internal.wire;

/**
 * The socket's receive queue overflowed ({@code recv} failed with ENOBUFS, or an {@code NLMSG_OVERRUN} arrived):
 * the kernel dropped messages, so a listener's view is stale and must be rebuilt from a fresh dump ("resync
 * needed"). A request in flight when this happens may have lost its reply.
 */
public final class NetlinkOverrunException extends NetlinkException {
  private static final long serialVersionUID = 1L;

  public NetlinkOverrunException(String operation) {
    super(operation, Errno.ENOBUFS, operation + ": " + Errno.describe(Errno.ENOBUFS)
        + ": netlink receive queue overflowed, messages were lost (resync needed)");
  }
}
