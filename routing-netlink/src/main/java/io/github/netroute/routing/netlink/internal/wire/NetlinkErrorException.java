package io.github.netroute.routing.netlink.internal.wire;

/**
 * The kernel answered a request with an {@code NLMSG_ERROR} whose error is not 0 (or ended a dump with a negative
 * {@code NLMSG_DONE} status). Carries the extended-ack text and offset when the kernel sent them.
 */
public final class NetlinkErrorException extends NetlinkException {
  private static final long serialVersionUID = 1L;

  private final String extackMessage;
  private final int extackOffset;
  private final transient NlMsgHeader failedRequest;

  /**
   * @param errno the positive errno (the kernel sends it negated)
   * @param extackMessage NLMSGERR_ATTR_MSG, or null
   * @param extackOffset NLMSGERR_ATTR_OFFS (offset of the offending attribute from the start of the request's
   *     nlmsghdr), or -1
   * @param failedRequest the header of the request the kernel rejected, as echoed back; null for a failed dump
   */
  public NetlinkErrorException(String operation, int errno, String extackMessage, int extackOffset,
      NlMsgHeader failedRequest) {
    super(operation, errno, format(operation, errno, extackMessage));
    this.extackMessage = extackMessage;
    this.extackOffset = extackOffset;
    this.failedRequest = failedRequest;
  }

  private static String format(String operation, int errno, String extack) {
    return operation + ": " + Errno.describe(errno) + (extack == null || extack.isEmpty() ? "" : ": " + extack);
  }

  /** The kernel's extended-ack message, e.g. {@code "Invalid prefix for given prefix length"}; null if none. */
  public String extackMessage() {
    return extackMessage;
  }

  /** Offset of the offending attribute in the request, or -1. */
  public int extackOffset() {
    return extackOffset;
  }

  /** The rejected request's header as the kernel echoed it (its seq identifies it); null for dumps. */
  public NlMsgHeader failedRequest() {
    return failedRequest;
  }
}
