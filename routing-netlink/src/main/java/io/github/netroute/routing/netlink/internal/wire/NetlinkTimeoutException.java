package io.github.netroute.routing.netlink.internal.wire;

/**
 * A blocking receive waited longer than the socket's reply timeout ({@code SO_RCVTIMEO} expired, {@code recvfrom}
 * failed with EAGAIN) without a datagram from the kernel: the exchange is abandoned with ETIMEDOUT. A request whose
 * ack did not come may or may not have taken effect; a late answer carries the abandoned sequence number and is
 * skipped by the next exchange.
 */
public final class NetlinkTimeoutException extends NetlinkException {
  private static final long serialVersionUID = 1L;

  public NetlinkTimeoutException(String operation, int timeoutMillis) {
    super(operation, Errno.ETIMEDOUT, operation + ": no answer from the kernel within " + timeoutMillis
        + " ms (reply timeout); the request may or may not have taken effect");
  }
}
