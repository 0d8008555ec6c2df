package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;

/**
 * Receives each reply message of an exchange (control messages excluded) while the socket's lock is held. The
 * cursor and its buffer are reused: copy out what you need before returning. Throwing aborts the exchange; the
 * rest of the reply is skipped by the next exchange (it carries an old sequence number).
 */
@FunctionalInterface
public interface ReplyHandler {
  void onMessage(NlMsgCursor message) throws NetlinkException;

  /** Ignores replies (for requests that only need their ack). */
  ReplyHandler IGNORE = m -> { };
}
