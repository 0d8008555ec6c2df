package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.sys.BatchResult;
import io.github.netroute.routing.netlink.internal.sys.ExchangeResult;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.sys.RtnlChannel;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NLM_F_DUMP_INTR and overflow (ENOBUFS) handling with a scripted channel (the real kernel cannot be made to
 * interrupt a dump on demand; an overflow on a real namespace is in {@code SocketFaultsKernelTest}): interrupted and
 * overrun dumps are retried, {@code routes()} never returns a partial or doubled list, the retry limit ends in
 * {@link RoutingException.Interrupted}, and a failed or lost batch never reports a change as OK.
 */
class DumpRetryTest {
  /** The scripted routes name no device. */
  static final LinkNames.Source NO_LINKS = new LinkNames.Source() {
    @Override
    public String nameOf(int index) {
      return null;
    }

    @Override
    public int indexOf(String name) {
      return 0;
    }
  };

  /** Answers route dumps with fixed routes; the first {@code interruptions} dumps are flagged NLM_F_DUMP_INTR. */
  static final class ScriptedChannel implements RtnlChannel {
    final List<byte[]> routes = new ArrayList<>();
    int interruptions;
    /** Dumps (after the interrupted ones) that end in a receive-queue overflow after delivering half. */
    int overruns;
    int dumps;
    NetlinkException batchFailure;
    int[] batchErrnos;

    ScriptedChannel(int count) throws NetlinkException {
      RouteCodec c = new RouteCodec(new LinkNames(NO_LINKS));
      for (int i = 0; i < count; i++) {
        AttrWriter w = new AttrWriter();
        c.writeNew(w, 0, Route.parse("blackhole 10.0." + i + ".0/24"));
        routes.add(w.toByteArray());
      }
    }

    @Override
    public ExchangeResult exchange(AttrWriter request, ReplyHandler handler) throws NetlinkException {
      ByteBuffer req = request.view();
      int type = req.getShort(4) & 0xFFFF;
      if (type != Rtnl.RTM_GETROUTE) throw new NetlinkErrorException("x", Errno.ENODEV, null, -1, null);
      if ((req.get(16) & 0xFF) != Rtnl.AF_INET) return new ExchangeResult(0, false); // no IPv6 routes
      boolean intr = dumps < interruptions;
      boolean overrun = !intr && dumps < interruptions + overruns;
      dumps++;
      int delivered = 0;
      for (byte[] m : routes) {
        // an interrupted dump delivers only part of the table
        if (intr && delivered == routes.size() / 2) break;
        if (overrun && delivered == routes.size() / 2) throw new NetlinkOverrunException("RTM_GETROUTE");
        NlMsgCursor c = new NlMsgCursor(ByteBuffer.wrap(m).order(java.nio.ByteOrder.nativeOrder()), 0, m.length);
        c.next();
        handler.onMessage(c);
        delivered++;
      }
      return new ExchangeResult(delivered, intr);
    }

    @Override
    public BatchResult batch(AttrWriter requests) throws NetlinkException {
      if (batchFailure != null) throw batchFailure;
      BatchResult r = new BatchResult(requests.messageCount());
      for (int i = 0; i < batchErrnos.length; i++) {
        if (batchErrnos[i] != 0) {
          r.set(i, batchErrnos[i], batchErrnos[i] == Errno.ENOBUFS ? BatchResult.ACK_LOST : null);
        }
      }
      return r;
    }

    @Override
    public boolean strictCheck() {
      return true;
    }

    @Override
    public void close() {}
  }

  @Test
  void interruptedDumpsAreRetriedAndRoutesNeverReturnsAPartialList() throws Exception {
    ScriptedChannel ch = new ScriptedChannel(10);
    ch.interruptions = 3;
    try (NetlinkRouting c = NetlinkRouting.over(ch, 5)) {
      List<Route> routes = c.routes(RouteFilter.ALL);
      assertEquals(10, routes.size());
      assertEquals(10, routes.stream().map(Route::toString).distinct().count());
      assertEquals(3 + 1, ch.dumps); // 3 interrupted IPv4 dumps + the complete one (IPv6 dumps are not counted)
    }
  }

  @Test
  void aDumpThatOverranIsDoneAgainAndBeyondTheLimitFailsWithEnobufs() throws Exception {
    ScriptedChannel ch = new ScriptedChannel(10);
    ch.interruptions = 1;
    ch.overruns = 2;
    try (NetlinkRouting c = NetlinkRouting.over(ch, 5)) {
      List<Route> routes = c.routes(RouteFilter.ALL);
      assertEquals(10, routes.size());
      assertEquals(10, routes.stream().map(Route::toString).distinct().count());
      assertEquals(1 + 2 + 1, ch.dumps); // interrupted, overran twice, complete
    }
    ScriptedChannel always = new ScriptedChannel(10);
    always.overruns = 100;
    try (NetlinkRouting c = NetlinkRouting.over(always, 3)) {
      RoutingException e = assertThrows(RoutingException.class, () -> c.routes(RouteFilter.ALL));
      assertEquals("ENOBUFS", e.errno().name());
      assertEquals(4, always.dumps);
      assertTrue(e.getMessage().contains("resync needed"), e.getMessage());
    }
  }

  @Test
  void forEachRouteMayRedeliverButCompletes() throws Exception {
    ScriptedChannel ch = new ScriptedChannel(10);
    ch.interruptions = 2;
    try (NetlinkRouting c = NetlinkRouting.over(ch, 5)) {
      List<Route> seen = new ArrayList<>();
      c.forEachRoute(RouteFilter.ALL.withFamily(Family.INET), seen::add);
      assertEquals(5 + 5 + 10, seen.size());
    }
  }

  @Test
  void beyondTheRetryLimitTheDumpFailsWithEintr() throws Exception {
    ScriptedChannel ch = new ScriptedChannel(10);
    ch.interruptions = 100;
    try (NetlinkRouting c = NetlinkRouting.over(ch, 3)) {
      RoutingException.Interrupted e =
          assertThrows(RoutingException.Interrupted.class, () -> c.routes(RouteFilter.ALL));
      assertEquals("EINTR", e.errno().name());
      assertEquals(4, ch.dumps);
      assertTrue(e.getMessage().startsWith("RTM_GETROUTE -4: Interrupted system call (EINTR)"), e.getMessage());
    }
  }

  @Test
  void aListenerExceptionIsRethrownAfterTheDumpIsDrained() throws Exception {
    ScriptedChannel ch = new ScriptedChannel(10);
    try (NetlinkRouting c = NetlinkRouting.over(ch, 3)) {
      int[] calls = {0};
      assertThrows(IllegalStateException.class, () -> c.forEachRoute(RouteFilter.ALL, r -> {
        calls[0]++;
        throw new IllegalStateException("stop");
      }));
      assertEquals(1, calls[0]);
      assertEquals(10, c.routes(RouteFilter.ALL).size()); // the channel is usable again
    }
  }

  @Test
  void lostAcksAndFailedBatchesAreNeverReportedOk() throws Exception {
    ScriptedChannel ch = new ScriptedChannel(0);
    List<io.github.netroute.routing.Change> changes = List.of(
        io.github.netroute.routing.Change.route(io.github.netroute.routing.RouteVerb.ADD,
            Route.parse("blackhole 10.1.0.0/16")),
        io.github.netroute.routing.Change.route(io.github.netroute.routing.RouteVerb.ADD,
            Route.parse("blackhole 10.2.0.0/16")),
        io.github.netroute.routing.Change.route(io.github.netroute.routing.RouteVerb.ADD,
            Route.parse("blackhole 10.3.0.0/16")));
    try (NetlinkRouting c = NetlinkRouting.over(ch, 3)) {
      ch.batchErrnos = new int[] {0, Errno.ENOBUFS, Errno.EEXIST};
      var res = c.apply(changes);
      assertTrue(res.get(0).ok());
      assertEquals("ENOBUFS", res.get(1).error().errno().name());
      assertEquals(BatchResult.ACK_LOST, res.get(1).error().extack());
      assertInstanceOf(RoutingException.Exists.class, res.get(2).error());
      ch.batchFailure = new NetlinkException("batch sendto", Errno.EBADF, "batch sendto: EBADF");
      assertTrue(c.apply(changes).stream().noneMatch(io.github.netroute.routing.ChangeResult::ok));
    }
  }
}
