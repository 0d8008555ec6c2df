package io.github.netroute.routing.netlink;

import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.sys.ExchangeResult;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.sys.RtnlChannel;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The client's request channel: pooled writers, one request → ack, and dumps with NLM_F_DUMP_INTR retries. Every
 * exchange holds the channel's lock from send to final ack, so requests are serialised. A thread inside a dump's
 * callback is marked ({@link #inDump()}) so that calls back into the client fail clearly instead of deadlocking.
 */
final class Requests {
  private final RtnlChannel channel;
  private final int dumpRetries;
  private final ConcurrentLinkedQueue<AttrWriter> writers = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Boolean> inDump = new ThreadLocal<>();

  /**
   * @param channel the request channel
   * @param dumpRetries how often an interrupted dump (NLM_F_DUMP_INTR) is retried before failing with EINTR
   */
  Requests(RtnlChannel channel, int dumpRetries) {
    this.channel = channel;
    this.dumpRetries = dumpRetries;
  }

  RtnlChannel channel() {
    return channel;
  }

  /** A pooled, empty writer; give it back with {@link #release}. */
  AttrWriter writer() {
    AttrWriter w = writers.poll();
    return w == null ? new AttrWriter() : w.reset();
  }

  void release(AttrWriter w) {
    if (w.size() <= 64 << 10) writers.offer(w); // keep small buffers only
  }

  /** Whether the calling thread is inside a dump's callback. */
  boolean inDump() {
    return inDump.get() != null;
  }

  /** Sends the request in {@code w} (then released) and waits for its ack. */
  void request(String op, String subject, AttrWriter w) throws RoutingException {
    try {
      channel.exchange(w, ReplyHandler.IGNORE);
    } catch (NetlinkException e) {
      throw RoutingErrors.of(op, subject, e);
    } finally {
      release(w);
    }
  }

  /**
   * A dump with retries: interrupted by concurrent changes (NLM_F_DUMP_INTR) or by a receive-queue overflow
   * (ENOBUFS, after which the socket has read the dump to its end), it is done again from the start, at most
   * {@code dumpRetries} times (then EINTR, or ENOBUFS for an overflow). {@code build} writes the request (again for
   * each attempt), {@code each}
   * sees every reply, {@code onRetry} (or null) runs before each retry to drop a partial result. The first failure
   * of {@code each} stops delivery; the dump is drained and the failure rethrown. With {@code missingTableIsEmpty},
   * ENOENT ("FIB table does not exist") ends the dump without results.
   */
  void dump(String op, String subject, Consumer<AttrWriter> build, ReplyHandler each, Runnable onRetry,
      boolean missingTableIsEmpty) throws RoutingException {
    AttrWriter w = writer();
    try {
      for (int attempt = 0; ; attempt++) {
        w.reset();
        build.accept(w);
        Throwable[] failure = new Throwable[1];
        ExchangeResult res;
        boolean overrun = false;
        inDump.set(Boolean.TRUE);
        try {
          res = channel.exchange(w, m -> {
            if (failure[0] != null) return; // keep draining the dump, deliver nothing more
            try {
              each.onMessage(m);
            } catch (NetlinkException | RuntimeException | Error e) {
              failure[0] = e;
            }
          });
        } catch (NetlinkErrorException e) {
          if (missingTableIsEmpty && e.errno() == Errno.ENOENT) return; // "FIB table does not exist"
          throw RoutingErrors.of(op, subject, e);
        } catch (NetlinkOverrunException e) {
          // the receive queue overflowed (ENOBUFS): messages were dropped, so dump again from the start
          if (attempt >= dumpRetries) throw RoutingErrors.of(op, subject, e);
          res = null;
          overrun = true;
        } catch (NetlinkException e) {
          throw RoutingErrors.of(op, subject, e);
        } finally {
          inDump.remove();
        }
        if (failure[0] instanceof NetlinkException ne) throw RoutingErrors.of(op, subject, ne);
        if (failure[0] instanceof RuntimeException re) throw re;
        if (failure[0] instanceof Error er) throw er;
        if (!overrun && !res.dumpInterrupted()) return;
        if (attempt >= dumpRetries) {
          throw RoutingException.of(op, subject, io.github.netroute.routing.Errno.EINTR,
              "dump interrupted by concurrent changes (NLM_F_DUMP_INTR) " + (attempt + 1) + " times in a row");
        }
        if (onRetry != null) onRetry.run();
      }
    } finally {
      release(w);
    }
  }
}
