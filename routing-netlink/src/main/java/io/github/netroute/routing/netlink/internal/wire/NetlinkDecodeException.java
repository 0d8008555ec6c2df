package io.github.netroute.routing.netlink.internal.wire;

/**
 * A message or attribute could not be decoded: truncated, a length that overruns its container, an attribute
 * shorter than its header, a payload of the wrong size for its type. Checked and a {@link NetlinkException} (errno
 * EBADMSG), so callers handle it with every other netlink failure. The decoders in this package throw nothing else
 * for any input bytes.
 */
public final class NetlinkDecodeException extends NetlinkException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * @param offset byte offset in the buffer being decoded where the problem was found, or -1
   */
  public NetlinkDecodeException(String message, int offset) {
    super("decode", Errno.EBADMSG, offset < 0 ? message : message + " (at offset " + offset + ")");
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
