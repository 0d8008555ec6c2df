package io.github.netroute.routing.netlink.internal.wire;

/** A device name given in a request names no link (ENODEV, iproute2's {@code Cannot find device "X"}). */
public final class UnknownDeviceException extends NetlinkException {
  private static final long serialVersionUID = 1L;

  private final String device;

  public UnknownDeviceException(String device) {
    super("resolve", Errno.ENODEV, "Cannot find device \"" + device + "\"");
    this.device = device;
  }

  public String device() {
    return device;
  }
}
