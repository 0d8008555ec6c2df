package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription: its own netlink socket joined to the link, IPv4/IPv6 address, route and rule groups and the
 * nexthop group (32: joined with NETLINK_ADD_MEMBERSHIP, which takes any group number, where bind's nl_groups mask
 * reaches only groups 1..32), read by one
 * daemon platform thread that decodes every RTM_NEW… and RTM_DEL… message into a {@link RoutingEvent} (with the
 * notification's nlmsg_flags, see {@link EventDecoder}) and hands it to the
 * listener in the kernel's order. A receive-queue overflow (ENOBUFS, NLMSG_OVERRUN), a message that cannot be
 * decoded or a failed receive is reported as {@link RoutingEvent.ResyncNeeded} — never swallowed. {@link #close()}
 * stops the thread and waits for it (unless called by the listener itself), so nothing is delivered after it
 * returns.
 */
final class EventSubscription implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
  static final int[] GROUPS = {
    RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE,
    RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE, RTNLGRP_NEXTHOP,
  };
  private static final int POLL_MILLIS = 100;

  private final NetlinkSocket socket;
  private final Consumer<? super RoutingEvent> listener;
  private final EventDecoder decoder;
  private final NlMsgCursor cursor = new NlMsgCursor();
  private final Thread thread;
  private final Runnable onClose;
  private volatile boolean closed;

  /** Joins the groups and starts the reader; the socket is closed on failure. */
  static EventSubscription start(NetlinkSocket socket, LinkNames names, Consumer<? super RoutingEvent> listener,
      Runnable onClose, Runnable joined) throws NetlinkException {
    try {
      for (int g : GROUPS) socket.joinGroup(g);
    } catch (NetlinkException | RuntimeException e) {
      socket.close();
      throw e;
    }
    joined.run();
    EventSubscription s = new EventSubscription(socket, names, listener, onClose);
    s.thread.start();
    return s;
  }

  private EventSubscription(NetlinkSocket socket, LinkNames names, Consumer<? super RoutingEvent> listener,
      Runnable onClose) {
    this.socket = socket;
    this.listener = listener;
    this.decoder = new EventDecoder(names);
    this.onClose = onClose;
    this.thread = new Thread(this::run, "netroute-events");
    this.thread.setDaemon(true);
  }

  /**
   * Reads and delivers until closed. An overflow (ENOBUFS) is reported as {@link RoutingEvent.ResyncNeeded} once the
   * events queued before it have been delivered and the socket's queue is empty: the kernel reports ENOBUFS only for
   * the first message it drops and then drops every further message without a word until the queue has been emptied
   * (NETLINK_S_CONGESTED), so a resync started at the ENOBUFS itself could miss changes dropped after it. Reported at
   * the empty queue, a resync sees every change made before it, and every later one arrives as an event.
   */
  private void run() {
    boolean overrun = false;
    while (!closed) {
      ByteBuffer b;
      try {
        b = socket.receive(overrun ? 0 : POLL_MILLIS);
      } catch (NetlinkOverrunException e) {
        overrun = true;
        continue;
      } catch (NetlinkException e) {
        if (closed) break;
        deliver(new RoutingEvent.ResyncNeeded("receiving events failed: " + e.getMessage()));
        try {
          Thread.sleep(POLL_MILLIS); // do not spin on a persistent failure
        } catch (InterruptedException ie) {
          break;
        }
        continue;
      }
      if (b == null) {
        if (overrun) {
          overrun = false;
          deliver(new RoutingEvent.ResyncNeeded("netlink receive queue overflowed (ENOBUFS): events were lost"));
        }
        continue;
      }
      try {
        cursor.reset(b, 0, b.limit());
        while (cursor.next() && !closed) {
          if (cursor.type() == Netlink.NLMSG_OVERRUN) {
            overrun = true;
            continue;
          }
          RoutingEvent e = decoder.decode(cursor);
          if (e != null) deliver(e);
        }
      } catch (NetlinkException e) {
        deliver(new RoutingEvent.ResyncNeeded("an event could not be decoded: " + e.getMessage()));
      }
    }
  }

  private void deliver(RoutingEvent e) {
    if (closed) return;
    try {
      listener.accept(e);
    } catch (RuntimeException ex) {
      LOG.warn("routing event listener threw on {}", e, ex);
    }
  }

  /** Whether the reader is still running. */
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (Thread.currentThread() != thread) {
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
    }
    socket.close();
    if (onClose != null) onClose.run();
  }
}
