package io.github.netroute.routing.netlink;

import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The client's open {@link EventSubscription}s: one socket and reader thread each, all closed with the client. */
final class Subscriptions {
  private final SocketOpener opener;
  private final LinkNames names;
  private final BooleanSupplier closed;
  private final Set<EventSubscription> open = ConcurrentHashMap.newKeySet();
  private final Runnable joined;

  /**
   * @param opener opens each subscription's socket, or null to refuse subscriptions (fakes)
   * @param names the client's name cache, kept current by link events
   * @param closed whether the client is closed
   * @param joined runs once a subscription's socket has joined its groups and before its reader starts: reads
   *     every link's name afresh (as iproute2's monitor does with ll_init_map), so that a notification naming a
   *     device that is gone by the time it is decoded still gets its name
   */
  Subscriptions(SocketOpener opener, LinkNames names, BooleanSupplier closed, Runnable joined) {
    this.opener = opener;
    this.names = names;
    this.closed = closed;
    this.joined = joined;
  }

  Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException {
    if (opener == null) {
      throw RoutingException.of("subscribe", "", io.github.netroute.routing.Errno.EOPNOTSUPP,
          "this client cannot open sockets");
    }
    try {
      EventSubscription[] self = new EventSubscription[1];
      EventSubscription s = EventSubscription.start(opener.open(), names, listener, () -> open.remove(self[0]),
          joined);
      self[0] = s;
      open.add(s);
      if (closed.getAsBoolean()) s.close();
      return s;
    } catch (NetlinkException e) {
      throw RoutingErrors.of("subscribe", "", e);
    }
  }

  void closeAll() {
    for (EventSubscription s : List.copyOf(open)) s.close();
  }
}
