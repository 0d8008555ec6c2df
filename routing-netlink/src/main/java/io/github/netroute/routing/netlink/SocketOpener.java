package io.github.netroute.routing.netlink;

import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;

/** Opens further sockets (name lookups, subscriptions) in a client's namespace. */
interface SocketOpener {
  NetlinkSocket open() throws NetlinkException;
}
