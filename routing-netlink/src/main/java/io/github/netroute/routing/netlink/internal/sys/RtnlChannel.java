package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.io.Closeable;

/**
 * What the routing client needs from a netlink socket: request/response exchanges and pipelined batches. Implemented
 * by {@link NetlinkSocket}; tests substitute scripted fakes (e.g. to deliver NLM_F_DUMP_INTR on demand).
 */
public interface RtnlChannel extends Closeable {
  /** See {@link NetlinkSocket#exchange(AttrWriter, ReplyHandler)}. */
  ExchangeResult exchange(AttrWriter request, ReplyHandler handler) throws NetlinkException;

  /** See {@link NetlinkSocket#batch(AttrWriter)}. */
  BatchResult batch(AttrWriter requests) throws NetlinkException;

  /** Whether NETLINK_GET_STRICT_CHK is on (dump requests are then filtered by the kernel). */
  boolean strictCheck();

  @Override
  void close();
}
