package io.github.netroute.routing.netlink;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.sys.Namespace;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.sys.RtnlChannel;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link Routing} against the Linux kernel over rtnetlink, in pure Java (JNA for the socket system calls only).
 * It never runs {@code ip}; the requests it sends are byte for byte those of iproute2 6.1 for the same command
 * (sequence number and port id aside).
 *
 * <pre>{@code
 * try (NetlinkRouting routing = NetlinkRouting.open()) {               // this process's network namespace
 *     routing.replaceRoute(Route.parse("local 10.96.0.0/12 dev kube-ipvs0 scope host src 192.168.1.2"));
 *     for (Route r : routing.routes(RouteFilter.table(RouteTable.LOCAL))) {
 *         System.out.println(r);                                       // as ip route show table local prints it
 *     }
 *     LookupResult hit = routing.lookup(RouteLookup.to(InetAddress.getByName("10.96.0.1")));
 * } catch (RoutingException.Exists e) {
 *     // RTM_NEWROUTE local 10.96.0.0/12 dev kube-ipvs0 table local scope host src 192.168.1.2: File exists (EEXIST)
 * }
 *
 * try (NetlinkRouting scratch = NetlinkRouting.openIsolated()) {      // a brand-new, empty network namespace
 *     scratch.setLinkUp("lo", true);
 *     scratch.addLink("br0", LinkKind.BRIDGE);
 * }
 * }</pre>
 *
 * <h2>Namespaces</h2>
 * {@link #open()} uses the caller's network namespace, {@link #open(String)} / {@link #open(Path)} a named one
 * ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}; needs CAP_SYS_ADMIN), {@link #openIsolated()} a new anonymous
 * one ({@code unshare(CLONE_NEWNET)}) that exists as long as the client. Namespace switches happen on short-lived
 * dedicated platform threads; the caller's threads never change namespace. Changes need CAP_NET_ADMIN in the target
 * namespace, else they fail with {@link RoutingException.Permission}. On anything but 64-bit Linux every
 * {@code open} throws {@link UnsupportedOperationException} saying so.
 *
 * <h2>Threading</h2>
 * A client is safe to use from many threads. It owns one request socket: every request, dump and batch holds that
 * socket's lock from send to final ack (so requests are serialised; use several clients for parallelism), a second
 * socket for interface-name lookups (so names resolve while a dump is being decoded), and one socket plus one daemon
 * reader thread per {@link #subscribe subscription}. Do not call the client from inside
 * {@link #forEachRoute}'s action: its dump still owns the socket (an {@link IllegalStateException} says so).
 *
 * <h2>Mapping</h2>
 * Routes, rules, links and addresses are decoded straight from the receive buffer into the value types: tables above
 * 255 travel in RTA_TABLE/FRA_TABLE, device indexes become names through a cache refreshed on a miss, IPv6 routes
 * report scope global, IPv6 expiry comes in whole seconds (the kernel's clock ticks / 100). {@link #deleteRoute}
 * sends the route exactly as given, with the kernel's wildcards for unset values (type unspec, scope nowhere,
 * protocol unspec, metric 0, no device or gateway), so a route returned by {@link #routes} deletes exactly itself.
 * {@link #lookup} sends {@code ip route get fibmatch} and then {@code ip route get}: the result carries the matched
 * FIB entry in {@link LookupResult#route()} (null when the kernel has none, e.g. for an error route).
 *
 * <h2>Errors</h2>
 * Every kernel error becomes {@code RoutingException.of(operation, subject, errno, extack)}: operation
 * {@code RTM_NEWROUTE}, {@code RTM_DELRULE}, …, subject the object in iproute2 syntax, plus the kernel's
 * extended-ack text. A device name that does not exist fails with {@link RoutingException.NotFound} (ENODEV,
 * {@code Cannot find device "X"}) before anything is sent; undecodable replies fail with EBADMSG. Dumps interrupted
 * by concurrent changes (NLM_F_DUMP_INTR) are retried {@link Options#dumpRetries()} times, then fail with
 * {@link RoutingException.Interrupted}.
 */
public final class NetlinkRouting implements Routing {

  /**
   * Client options.
   *
   * <pre>{@code
   * NetlinkRouting.Options big = NetlinkRouting.Options.defaults()   // 1 MiB receive buffer, 10 dump retries, 30 s
   *     .withReceiveBufferBytes(8 << 20).withDumpRetries(20).withReplyTimeout(Duration.ofSeconds(5));
   * try (NetlinkRouting routing = NetlinkRouting.open("myns", big)) { ... }
   * }</pre>
   *
   * <p>Immutable and safe to share between threads.
   *
   * @param receiveBufferBytes SO_RCVBUFFORCE for every socket of the client (the kernel doubles it); at least 4096.
   *     Subscriptions that fall behind by more than this lose events and get {@link RoutingEvent.ResyncNeeded}.
   * @param dumpRetries how often an interrupted dump is retried before {@link RoutingException.Interrupted}
   * @param replyTimeout how long a call waits for each answer from the kernel (the next datagram of a dump, an ack)
   *     before it fails with a {@link RoutingException} of errno ETIMEDOUT; the kernel answers every request at
   *     once, so this only ends a wait that would otherwise never end. {@link Duration#ZERO} waits forever. A
   *     change whose ack timed out may or may not have been applied.
   */
  public record Options(int receiveBufferBytes, int dumpRetries, Duration replyTimeout) {
    /** The default {@link #replyTimeout()}: 30 seconds. */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Validates.
     *
     * @param receiveBufferBytes SO_RCVBUFFORCE for every socket of the client (the kernel doubles it); at least 4096.
     *     Subscriptions that fall behind by more than this lose events and get {@link RoutingEvent.ResyncNeeded}.
     * @param dumpRetries how often an interrupted dump is retried before {@link RoutingException.Interrupted}
     * @param replyTimeout how long a call waits for each answer from the kernel; zero waits forever; whole
     *     milliseconds, at most {@code Integer.MAX_VALUE} of them
     */
    public Options {
      if (receiveBufferBytes < 4096) throw new IllegalArgumentException("receiveBufferBytes < 4096");
      if (dumpRetries < 0) throw new IllegalArgumentException("dumpRetries < 0");
      Objects.requireNonNull(replyTimeout, "replyTimeout");
      if (replyTimeout.isNegative() || replyTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0
          || (!replyTimeout.isZero() && replyTimeout.toMillis() == 0)) {
        throw new IllegalArgumentException("replyTimeout " + replyTimeout + " outside [1 ms, " + Integer.MAX_VALUE
            + " ms] (or zero: wait forever)");
      }
    }

    /**
     * The options before the reply timeout existed: {@link #DEFAULT_REPLY_TIMEOUT}.
     *
     * @param receiveBufferBytes SO_RCVBUFFORCE for every socket of the client
     * @param dumpRetries how often an interrupted dump is retried
     */
    public Options(int receiveBufferBytes, int dumpRetries) {
      this(receiveBufferBytes, dumpRetries, DEFAULT_REPLY_TIMEOUT);
    }

    /**
     * 1 MiB receive buffers, 10 dump retries, a 30-second reply timeout.
     *
     * @return the default options
     */
    public static Options defaults() {
      return new Options(1 << 20, 10, DEFAULT_REPLY_TIMEOUT);
    }

    /**
     * These options with another receive buffer size.
     *
     * @param bytes the receive buffer size in bytes
     * @return a copy with that size
     */
    public Options withReceiveBufferBytes(int bytes) {
      return new Options(bytes, dumpRetries, replyTimeout);
    }

    /**
     * These options with another dump retry limit.
     *
     * @param retries how many times an interrupted dump is retried
     * @return a copy with that limit
     */
    public Options withDumpRetries(int retries) {
      return new Options(receiveBufferBytes, retries, replyTimeout);
    }

    /**
     * These options with another reply timeout.
     *
     * @param timeout how long a call waits for each answer from the kernel; {@link Duration#ZERO} waits forever
     * @return a copy with that timeout
     */
    public Options withReplyTimeout(Duration timeout) {
      return new Options(receiveBufferBytes, dumpRetries, timeout);
    }
  }

  private final Requests requests;
  private final LinkNameLookups names;
  private final Routes routes;
  private final Rules rules;
  private final Nexthops nexthops;
  private final Links links;
  private final Neighbours neighbours;
  private final Addresses addresses;
  private final FlowLookups lookups;
  private final BatchApply batches;
  private final Subscriptions subscriptions;
  private final AutoCloseable resource;
  private final String where;
  private volatile boolean closed;

  /**
   * @param channel the request channel (closed with the client)
   * @param opener opens sockets for name lookups and subscriptions, or null to resolve names on {@code channel}
   *     (fakes) and to refuse subscriptions
   * @param resource closed last (e.g. the isolated namespace), or null
   * @param dumpRetries how often an interrupted dump (NLM_F_DUMP_INTR) is retried before failing with EINTR
   * @param where the namespace, for {@link #toString()}
   */
  private NetlinkRouting(RtnlChannel channel, SocketOpener opener, AutoCloseable resource, int dumpRetries,
      String where) {
    this.requests = new Requests(channel, dumpRetries);
    this.names = new LinkNameLookups(requests, opener, () -> closed);
    Codecs codecs = Codecs.over(names.names());
    this.routes = new Routes(requests, names, codecs.route());
    this.rules = new Rules(requests, codecs.rule());
    this.links = new Links(requests, names, codecs.link());
    this.addresses = new Addresses(requests, names, codecs.address());
    this.lookups = new FlowLookups(requests, codecs.route(), codecs.lookup());
    this.nexthops = new Nexthops(requests, names, codecs.nexthop());
    this.neighbours = new Neighbours(requests, names, codecs.neighbour());
    this.batches = new BatchApply(channel, codecs.route(), codecs.rule(), codecs.address(), codecs.nexthop());
    this.subscriptions = new Subscriptions(opener, names.names(), () -> closed, names::refresh);
    this.resource = resource;
    this.where = where;
  }

  /**
   * A client over a scripted channel (tests): names resolve on the channel, subscriptions are refused.
   *
   * @param channel the channel, closed with the client
   * @param dumpRetries how often an interrupted dump is retried
   */
  static NetlinkRouting over(RtnlChannel channel, int dumpRetries) {
    return new NetlinkRouting(channel, null, null, dumpRetries, "scripted");
  }

  /**
   * A client in the caller's network namespace, default options.
   *
   * @return a client in the caller's network namespace, default options
   * @throws RoutingException when the socket cannot be opened or the namespace entered
   */
  public static NetlinkRouting open() throws RoutingException {
    return open(Options.defaults());
  }

  /**
   * A client in the caller's network namespace.
   *
   * @param options the socket options
   * @return a client in the caller's network namespace
   * @throws RoutingException when the socket cannot be opened or the namespace entered
   */
  public static NetlinkRouting open(Options options) throws RoutingException {
    return open(Namespace.current(), options);
  }

  /**
   * A client in the named network namespace {@code /run/netns/NAME} ({@code ip netns add NAME}).
   *
   * @param netnsName the namespace name
   * @return a client in the named network namespace {@code /run/netns/NAME} ({@code ip netns add NAME})
   * @throws RoutingException when the socket cannot be opened or the namespace entered
   */
  public static NetlinkRouting open(String netnsName) throws RoutingException {
    return open(netnsName, Options.defaults());
  }

  /**
   * A client in the named network namespace {@code /run/netns/NAME}.
   *
   * @param netnsName the namespace name
   * @param options the socket options
   * @return a client in the named network namespace {@code /run/netns/NAME}
   * @throws RoutingException when the socket cannot be opened or the namespace entered
   */
  public static NetlinkRouting open(String netnsName, Options options) throws RoutingException {
    if (netnsName == null || netnsName.isEmpty() || netnsName.contains("/") || netnsName.equals(".")
        || netnsName.equals("..")) {
      throw new IllegalArgumentException("invalid network namespace name \"" + netnsName + "\"");
    }
    return open(Path.of("/run/netns", netnsName), options);
  }

  /**
   * A client in the network namespace of a file ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}).
   *
   * @param netnsFile the namespace file
   * @return a client in the network namespace of a file ({@code /run/netns/NAME}, {@code /proc/PID/ns/net})
   * @throws RoutingException when the socket cannot be opened or the namespace entered
   */
  public static NetlinkRouting open(Path netnsFile) throws RoutingException {
    return open(netnsFile, Options.defaults());
  }

  /**
   * A client in the network namespace of a file.
   *
   * @param netnsFile the namespace file
   * @param options the socket options
   * @return a client in the network namespace of a file
   * @throws RoutingException when the socket cannot be opened or the namespace entered
   */
  public static NetlinkRouting open(Path netnsFile, Options options) throws RoutingException {
    return open(Namespace.of(netnsFile), options);
  }

  /**
   * A client in a brand-new anonymous network namespace (only {@code lo}, down) that lives as long as the client:
   * handy for tests and warm-ups. Needs CAP_SYS_ADMIN.
   *
   * @return a client in a new anonymous network namespace
   * @throws RoutingException when the socket cannot be opened or the namespace made (e.g. without CAP_SYS_ADMIN)
   */
  public static NetlinkRouting openIsolated() throws RoutingException {
    return openIsolated(Options.defaults());
  }

  /**
   * {@link #openIsolated()} with options.
   *
   * @param options the socket options
   * @return a client in a new anonymous network namespace
   * @throws RoutingException when the socket cannot be opened or the namespace made (e.g. without CAP_SYS_ADMIN)
   */
  public static NetlinkRouting openIsolated(Options options) throws RoutingException {
    Namespace ns;
    try {
      ns = Namespace.isolated();
    } catch (NetlinkException e) {
      throw RoutingErrors.of("unshare", "CLONE_NEWNET", e);
    }
    return open(ns, options);
  }

  private static NetlinkRouting open(Namespace ns, Options options) throws RoutingException {
    NetlinkSocket.Options so = NetlinkSocket.Options.defaults().withReceiveBufferBytes(options.receiveBufferBytes())
        .withReplyTimeoutMillis((int) options.replyTimeout().toMillis());
    NetlinkSocket socket;
    try {
      socket = ns.openSocket(so);
    } catch (NetlinkException e) {
      ns.close();
      throw RoutingErrors.of("open", ns.toString(), e);
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return new NetlinkRouting(socket, () -> ns.openSocket(so), ns, options.dumpRetries(), ns.toString());
  }

  private void checkCall() {
    if (closed) throw new IllegalStateException("NetlinkRouting is closed");
    if (requests.inDump()) {
      throw new IllegalStateException("NetlinkRouting called from inside forEachRoute's action: the dump is still"
          + " running on this client's socket; collect the routes first (routes()), or use a second client");
    }
  }

  @Override
  public void forEachRoute(RouteFilter filter, Consumer<? super Route> action) throws RoutingException {
    checkCall();
    routes.forEach(filter, action);
  }

  @Override
  public List<Route> routes(RouteFilter filter) throws RoutingException {
    checkCall();
    return routes.list(filter);
  }

  @Override
  public List<Route> routes() throws RoutingException {
    return routes(RouteFilter.ALL);
  }

  @Override
  public void modifyRoute(RouteVerb verb, Route route) throws RoutingException {
    checkCall();
    routes.modify(verb, route);
  }

  @Override
  public void deleteRoute(Route route) throws RoutingException {
    checkCall();
    routes.delete(route);
  }

  /** Sends the destination as written, host bits and all: the kernel answers (see {@link Routing}). */
  @Override
  public void modifyRoute(RouteVerb verb, Route route, io.github.netroute.routing.CidrAddress destination)
      throws RoutingException {
    checkCall();
    if (!destination.toPrefix().equals(route.dst())) {
      throw new IllegalArgumentException("destination " + destination + " is not the route's " + route.dst()
          + " with host bits");
    }
    routes.modify(verb, route, destination);
  }

  /** Sends the destination as written, host bits and all: the kernel answers (see {@link Routing}). */
  @Override
  public void deleteRoute(Route route, io.github.netroute.routing.CidrAddress destination) throws RoutingException {
    checkCall();
    if (!destination.toPrefix().equals(route.dst())) {
      throw new IllegalArgumentException("destination " + destination + " is not the route's " + route.dst()
          + " with host bits");
    }
    routes.delete(route, destination);
  }

  @Override
  public List<Rule> rules(Family family) throws RoutingException {
    checkCall();
    return rules.list(family);
  }

  @Override
  public void addRule(Rule rule) throws RoutingException {
    checkCall();
    rules.add(rule);
  }

  @Override
  public void deleteRule(Rule rule) throws RoutingException {
    checkCall();
    rules.delete(rule);
  }

  @Override
  public List<Link> links() throws RoutingException {
    checkCall();
    return links.list();
  }

  @Override
  public Optional<Link> link(String name) throws RoutingException {
    checkCall();
    return links.byName(name);
  }

  @Override
  public Optional<Link> link(int index) throws RoutingException {
    checkCall();
    return links.byIndex(index);
  }

  @Override
  public Optional<io.github.netroute.routing.LinkStatistics> linkStatistics(int index) throws RoutingException {
    checkCall();
    return links.statistics(index);
  }

  /** {@code ip link add ...}; kinds the kernel has no driver for fail with EOPNOTSUPP. */
  @Override
  public Link addLink(io.github.netroute.routing.LinkSpec spec) throws RoutingException {
    checkCall();
    return links.add(spec);
  }

  @Override
  public void setLink(String name, io.github.netroute.routing.LinkSettings settings) throws RoutingException {
    checkCall();
    links.set(name, settings);
  }

  @Override
  public List<io.github.netroute.routing.Neighbour> neighbours(Family family, boolean proxy) throws RoutingException {
    checkCall();
    return neighbours.list(family, proxy);
  }

  @Override
  public Optional<io.github.netroute.routing.Neighbour> neighbour(java.net.InetAddress address, String device,
      boolean proxy) throws RoutingException {
    checkCall();
    return neighbours.get(address, device, proxy);
  }

  @Override
  public void modifyNeighbour(RouteVerb verb, io.github.netroute.routing.Neighbour neighbour)
      throws RoutingException {
    checkCall();
    neighbours.modify(verb, neighbour);
  }

  @Override
  public void deleteNeighbour(io.github.netroute.routing.Neighbour neighbour) throws RoutingException {
    checkCall();
    neighbours.delete(neighbour);
  }

  @Override
  public void setLinkUp(String name, boolean up) throws RoutingException {
    checkCall();
    links.setUp(name, up);
  }

  @Override
  public void deleteLink(String name) throws RoutingException {
    checkCall();
    links.delete(name);
  }

  @Override
  public List<Address> addresses(Family family) throws RoutingException {
    checkCall();
    return addresses.list(family);
  }

  @Override
  public void addAddress(Address address) throws RoutingException {
    checkCall();
    addresses.add(address);
  }

  @Override
  public void deleteAddress(Address address) throws RoutingException {
    checkCall();
    addresses.delete(address);
  }

  @Override
  public List<Nexthop> nexthops(NexthopFilter filter) throws RoutingException {
    checkCall();
    return nexthops.list(filter);
  }

  @Override
  public Optional<Nexthop> nexthop(long id) throws RoutingException {
    checkCall();
    return nexthops.get(id);
  }

  @Override
  public void modifyNexthop(boolean replace, Nexthop nexthop) throws RoutingException {
    checkCall();
    nexthops.modify(replace, java.util.Objects.requireNonNull(nexthop, "nexthop"));
  }

  @Override
  public void deleteNexthop(long id) throws RoutingException {
    checkCall();
    nexthops.delete(id);
  }

  @Override
  public LookupResult lookup(RouteLookup flow) throws RoutingException {
    checkCall();
    return lookups.lookup(flow);
  }

  /**
   * Applies the changes pipelined: many requests per {@code sendto}, acks matched by sequence number, one
   * {@link ChangeResult} per change in order. A change whose ack was lost to a receive-buffer overflow is reported
   * failed with ENOBUFS (it may or may not have been applied), never as OK.
   */
  @Override
  public List<ChangeResult> apply(List<? extends Change> changes) {
    checkCall();
    return batches.apply(changes);
  }

  @Override
  public Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException {
    if (closed) throw new IllegalStateException("NetlinkRouting is closed");
    return subscriptions.subscribe(listener);
  }

  /** Closes every socket and subscription (and an isolated namespace). Never throws; idempotent. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    subscriptions.closeAll();
    requests.channel().close();
    names.close();
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        // nothing to do: closing never throws
      }
    }
  }

  @Override
  public String toString() {
    return "NetlinkRouting[" + where + "]";
  }
}
