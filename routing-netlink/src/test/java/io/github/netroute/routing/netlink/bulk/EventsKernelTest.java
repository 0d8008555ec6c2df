package io.github.netroute.routing.netlink.bulk;

import io.github.netroute.routing.testsupport.RealKernelTest;
import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.netlink.NamespaceFixture;
import io.github.netroute.routing.netlink.NetlinkRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Change events on the real kernel ({@link NetlinkRouting#subscribe}): typed events for IPv4 and IPv6 routes, rules,
 * links and addresses; a subscriber that falls behind while thousands of routes change gets an explicit
 * {@link RoutingEvent.ResyncNeeded} (never a silent gap) and keeps receiving afterwards; a watcher that resynchronises
 * on it ends equal to the kernel after another process's flood of 200 000 route adds; closing stops delivery.
 */
@RealKernelTest
class EventsKernelTest extends NamespaceFixture {
  @BeforeAll
  static void setUp() throws Exception {
    Namespaces.shape(r);
  }

  /** Every event received, in order; awaiting looks at all of them, so order between unrelated events is free. */
  static final class Recorder implements java.util.function.Consumer<RoutingEvent> {
    private final List<RoutingEvent> all = new ArrayList<>();

    @Override
    public synchronized void accept(RoutingEvent e) {
      all.add(e);
      notifyAll();
    }

    synchronized <T extends RoutingEvent> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        for (RoutingEvent e : all) {
          if (type.isInstance(e) && p.test(type.cast(e))) return type.cast(e);
        }
        long left = end - System.nanoTime();
        if (left <= 0) fail("no " + type.getSimpleName() + " as expected; got " + all);
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  private static <T extends RoutingEvent> T await(BlockingQueue<RoutingEvent> q, Class<T> type, Predicate<T> p)
      throws InterruptedException {
    List<RoutingEvent> seen = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      RoutingEvent e = q.poll(50, TimeUnit.MILLISECONDS);
      if (e == null) continue;
      if (type.isInstance(e) && p.test(type.cast(e))) return type.cast(e);
      seen.add(e);
    }
    fail("no " + type.getSimpleName() + " as expected; got " + seen);
    return null;
  }

  private static List<Change> routes(int table, int count, boolean delete) {
    List<Change> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] b = {10, (byte) table, (byte) (i >> 8), (byte) i};
      Route x = Route.builder().dst(IpPrefix.of(InetAddresses.fromBytes(b), 32))
          .gateway(InetAddresses.parse("192.168.1.1")).table(table).build();
      out.add(delete ? Change.deleteRoute(x) : Change.addRoute(x));
    }
    return out;
  }

  @Test
  void typedEventsForRoutesRulesLinksAndAddressesOfBothFamilies() throws Exception {
    Recorder q = new Recorder();
    try (Subscription s = r.subscribe(q)) {
      Route v4 = Route.parse("10.70.0.0/16 via 192.168.1.1 table 70 proto 200");
      Route v6 = Route.parse("2001:db8:70::/48 via 2001:db8:1::1 table 70 proto 200");
      Rule rule4 = Rule.parse("from 10.70.0.0/16 table 70 pref 70");
      Rule rule6 = Rule.parse("from 2001:db8:70::/48 table 70 pref 70");
      r.addRoute(v4);
      RoutingEvent.RouteAdded a4 = q.await(RoutingEvent.RouteAdded.class, e -> e.route().dst().equals(v4.dst()));
      assertEquals(Family.INET, a4.route().family());
      assertEquals(RouteTable.of(70), a4.route().table());
      assertEquals(v4.gateway(), a4.route().gateway());
      assertEquals("eth0", a4.route().device());
      assertEquals(200, a4.route().protocol().value());
      r.addRoute(v6);
      RoutingEvent.RouteAdded a6 = q.await(RoutingEvent.RouteAdded.class, e -> e.route().dst().equals(v6.dst()));
      assertEquals(Family.INET6, a6.route().family());
      assertEquals(RouteTable.of(70), a6.route().table());
      assertEquals(v6.gateway(), a6.route().gateway());
      assertEquals("eth0", a6.route().device());
      assertEquals(1024, a6.route().priority());
      r.addRule(rule4);
      RoutingEvent.RuleAdded ra4 = q.await(RoutingEvent.RuleAdded.class, e -> e.rule().family() == Family.INET);
      assertEquals("70:\tfrom 10.70.0.0/16 lookup 70", ra4.rule().toString());
      r.addRule(rule6);
      RoutingEvent.RuleAdded ra6 = q.await(RoutingEvent.RuleAdded.class, e -> e.rule().family() == Family.INET6);
      assertEquals("70:\tfrom 2001:db8:70::/48 lookup 70", ra6.rule().toString());
      r.deleteRoute(v4);
      q.await(RoutingEvent.RouteRemoved.class, e -> e.route().dst().equals(v4.dst()));
      r.deleteRoute(v6);
      q.await(RoutingEvent.RouteRemoved.class, e -> e.route().dst().equals(v6.dst()));
      r.deleteRule(rule4);
      q.await(RoutingEvent.RuleRemoved.class, e -> e.rule().family() == Family.INET && e.rule().priority() == 70);
      r.deleteRule(rule6);
      q.await(RoutingEvent.RuleRemoved.class, e -> e.rule().family() == Family.INET6 && e.rule().priority() == 70);

      r.addLink("evbr", "bridge");
      RoutingEvent.LinkChanged l = q.await(RoutingEvent.LinkChanged.class, e -> e.link().name().equals("evbr"));
      assertFalse(l.link().up());
      r.setLinkUp("evbr", true);
      q.await(RoutingEvent.LinkChanged.class, e -> e.link().name().equals("evbr") && e.link().up());
      r.addAddress(Address.parse("10.71.0.1/24 dev evbr"));
      RoutingEvent.AddressAdded ad4 = q.await(RoutingEvent.AddressAdded.class,
          e -> e.address().family() == Family.INET && "evbr".equals(e.address().device()));
      assertEquals("10.71.0.1/24", ad4.address().local().toString());
      r.addAddress(Address.parse("2001:db8:71::1/64 dev evbr nodad"));
      RoutingEvent.AddressAdded ad6 = q.await(RoutingEvent.AddressAdded.class,
          e -> e.address().family() == Family.INET6 && "evbr".equals(e.address().device()));
      assertEquals("2001:db8:71::1/64", ad6.address().local().toString());
      // the kernel's own routes for the new addresses come as events as well
      q.await(RoutingEvent.RouteAdded.class, e -> e.route().dst().toString().equals("10.71.0.1/32"));
      q.await(RoutingEvent.RouteAdded.class, e -> e.route().dst().toString().equals("2001:db8:71::1/128"));
      r.deleteAddress(Address.parse("10.71.0.1/24 dev evbr"));
      q.await(RoutingEvent.AddressRemoved.class, e -> e.address().local().toString().equals("10.71.0.1/24"));
      r.deleteLink("evbr");
      q.await(RoutingEvent.LinkRemoved.class, e -> e.link().name().equals("evbr"));
      synchronized (q) {
        assertTrue(q.all.stream().noneMatch(e -> e instanceof RoutingEvent.ResyncNeeded), q.all.toString());
      }
    }
  }

  @Test
  void aSlowSubscriberWithASmallBufferGetsResyncNeededAndThenKeepsReceiving() throws Exception {
    try (NetlinkRouting small = NetlinkRouting.open(ns, NetlinkRouting.Options.defaults().withReceiveBufferBytes(8192))) {
      CountDownLatch release = new CountDownLatch(1);
      BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
      AtomicInteger routeEvents = new AtomicInteger();
      try (Subscription s = small.subscribe(e -> {
        if (e instanceof RoutingEvent.RouteAdded || e instanceof RoutingEvent.RouteRemoved) routeEvents.incrementAndGet();
        q.add(e);
        try {
          release.await(); // slow: blocks on the first event until the changes are done
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      })) {
        int n = 5000;
        assertTrue(r.apply(routes(72, n, false)).stream().allMatch(ChangeResult::ok));
        assertTrue(r.apply(routes(72, n, true)).stream().allMatch(ChangeResult::ok));
        release.countDown();
        RoutingEvent.ResyncNeeded rs = await(q, RoutingEvent.ResyncNeeded.class, e -> true);
        assertTrue(rs.reason().contains("ENOBUFS"), rs.reason());
        // the gap is explicit: far fewer than the 2n route events arrived, and ResyncNeeded said so
        assertTrue(routeEvents.get() < 2 * n, "all " + routeEvents.get() + " events arrived: no overflow to test");
        // and delivery goes on after the overflow
        r.addRoute(Route.parse("10.73.0.0/16 via 192.168.1.1 table 73"));
        await(q, RoutingEvent.RouteAdded.class, e -> e.route().dst().toString().equals("10.73.0.0/16"));
        r.deleteRoute(Route.parse("10.73.0.0/16 via 192.168.1.1 table 73"));
      }
    }
  }

  @Test
  void aSubscriberThatKeepsUpGetsEveryEventAndNoResync() throws Exception {
    BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
    int n = 300;
    try (Subscription s = r.subscribe(q::add)) {
      assertTrue(r.apply(routes(74, n, false)).stream().allMatch(ChangeResult::ok));
      assertTrue(r.apply(routes(74, n, true)).stream().allMatch(ChangeResult::ok));
      int added = 0;
      int removed = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((added < n || removed < n) && System.nanoTime() < end) {
        RoutingEvent e = q.poll(50, TimeUnit.MILLISECONDS);
        assertFalse(e instanceof RoutingEvent.ResyncNeeded, "unexpected " + e);
        if (e instanceof RoutingEvent.RouteAdded a && a.route().table().id() == 74) added++;
        if (e instanceof RoutingEvent.RouteRemoved x && x.route().table().id() == 74) removed++;
      }
      assertEquals(n, added);
      assertEquals(n, removed);
    }
  }

  @Test
  void closingStopsDeliveryEvenWhileTheListenerIsBusy() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch inListener = new CountDownLatch(1);
    Subscription s = r.subscribe(e -> {
      calls.incrementAndGet();
      inListener.countDown();
      try {
        Thread.sleep(300); // busy when close() is called
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(r.apply(routes(75, 50, false)).stream().allMatch(ChangeResult::ok));
    assertTrue(inListener.await(10, TimeUnit.SECONDS));
    s.close(); // waits for the listener call in progress, then nothing more
    int atClose = calls.get();
    assertTrue(r.apply(routes(75, 50, true)).stream().allMatch(ChangeResult::ok));
    Thread.sleep(500);
    assertEquals(atClose, calls.get(), "delivered after close()");
    s.close(); // idempotent

    // closing from inside the listener does not deadlock and ends delivery too
    AtomicInteger after = new AtomicInteger();
    Subscription[] self = new Subscription[1];
    CountDownLatch closed = new CountDownLatch(1);
    self[0] = r.subscribe(e -> {
      after.incrementAndGet();
      self[0].close();
      closed.countDown();
    });
    r.addRoute(Route.parse("10.76.0.0/16 via 192.168.1.1 table 76"));
    assertTrue(closed.await(10, TimeUnit.SECONDS));
    r.deleteRoute(Route.parse("10.76.0.0/16 via 192.168.1.1 table 76"));
    Thread.sleep(300);
    assertEquals(1, after.get());
    assertEquals(List.of(), r.routes(RouteFilter.table(RouteTable.of(75))));
  }

  /**
   * The watcher survives a flood from another process: {@code ip -batch} adds 200 000 routes in a namespace while a
   * subscriber with a small receive buffer keeps a model of the table (its events applied; a fresh dump on
   * {@link RoutingEvent.ResyncNeeded}). The socket overflows, ResyncNeeded comes, and once the flood is over the
   * model equals a fresh dump, within a bound. Prints its figures (flood time, events, resyncs, convergence).
   */
  @Test
  void aWatcherSurvivesAFloodOf200000RouteChangesFromAnotherProcess() throws Exception {
    int n = 200_000;
    String fns = Namespaces.create();
    java.nio.file.Path batch = java.nio.file.Files.createTempFile("nr-flood", ".batch");
    try (NetlinkRouting setup = NetlinkRouting.open(fns);
        NetlinkRouting small = NetlinkRouting.open(fns, NetlinkRouting.Options.defaults().withReceiveBufferBytes(8192))) {
      Namespaces.shape(setup);
      StringBuilder sb = new StringBuilder(n * 48);
      for (int i = 0; i < n; i++) {
        sb.append("route add 10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.')
            .append(i & 255).append("/32 via 192.168.1.1 table 80\n");
      }
      java.nio.file.Files.writeString(batch, sb);
      RouteFilter t80 = RouteFilter.table(RouteTable.of(80));
      java.util.Set<IpPrefix> model = java.util.concurrent.ConcurrentHashMap.newKeySet();
      AtomicInteger events = new AtomicInteger();
      AtomicInteger resyncs = new AtomicInteger();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      try (Subscription s = small.subscribe(e -> {
        if (e instanceof RoutingEvent.ResyncNeeded) {
          resyncs.incrementAndGet();
          try {
            java.util.Set<IpPrefix> fresh = new java.util.HashSet<>();
            for (Route x : small.routes(t80)) fresh.add(x.dst());
            model.retainAll(fresh);
            model.addAll(fresh);
          } catch (Exception x) {
            failures.add(x.toString());
          }
        } else if (e instanceof RoutingEvent.RouteAdded a && a.route().table().id() == 80) {
          events.incrementAndGet();
          model.add(a.route().dst());
        } else if (e instanceof RoutingEvent.RouteRemoved x && x.route().table().id() == 80) {
          events.incrementAndGet();
          model.remove(x.route().dst());
        }
      })) {
        long t0 = System.nanoTime();
        Process ip = new ProcessBuilder("ip", "-n", fns, "-batch", batch.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(ip.waitFor(300, TimeUnit.SECONDS), "ip -batch did not finish");
        assertEquals(0, ip.exitValue(), "ip -batch failed");
        long flood = System.nanoTime() - t0;
        java.util.Set<IpPrefix> kernel = new java.util.HashSet<>();
        for (Route x : setup.routes(t80)) kernel.add(x.dst());
        assertEquals(n, kernel.size());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!model.equals(kernel) && System.nanoTime() < end) Thread.sleep(50);
        long converged = System.nanoTime() - t0;
        System.out.printf("flood: %d route adds by ip -batch in %d ms; the watcher (8 KiB buffer) got %d route events"
            + " and %d ResyncNeeded; model == fresh dump after %d ms: %s%n", n, flood / 1_000_000, events.get(),
            resyncs.get(), converged / 1_000_000, model.equals(kernel));
        assertEquals(List.of(), failures);
        assertTrue(resyncs.get() > 0, "no overflow: the flood did not test resynchronisation");
        assertEquals(kernel.size(), model.size(), "the watcher's model after the flood");
        assertEquals(kernel, model, "the watcher's model after the flood");
      }
    } finally {
      java.nio.file.Files.deleteIfExists(batch);
      Namespaces.delete(fns);
    }
  }
}
