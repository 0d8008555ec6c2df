package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.LookupCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.sys.BatchResult;
import io.github.netroute.routing.netlink.internal.sys.ExchangeResult;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.sys.RtnlChannel;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import io.github.netroute.routing.netlink.internal.wire.UnknownDeviceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The rtnetlink implementation of {@link Routing} behind {@code NetlinkRouting}: codecs + one request channel (all
 * requests and dumps, serialised by the channel's lock) + a lazily opened second socket for interface-name lookups
 * (usable while a dump is in progress on the first) + one socket per subscription.
 */
public final class RtnlClient implements Routing {
  /** Opens further sockets (name lookups, subscriptions) in the client's namespace. */
  public interface SocketOpener {
    NetlinkSocket open() throws NetlinkException;
  }

  private final RtnlChannel channel;
  private final SocketOpener opener;
  private final AutoCloseable resource;
  private final int dumpRetries;
  private final LinkNames names;
  private final RouteCodec routeCodec;
  private final RuleCodec ruleCodec = new RuleCodec();
  private final LinkCodec linkCodec = new LinkCodec();
  private final AddressCodec addressCodec;
  private final LookupCodec lookupCodec;
  private final ConcurrentLinkedQueue<AttrWriter> writers = new ConcurrentLinkedQueue<>();
  private final Set<EventSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Boolean> inDump = new ThreadLocal<>();
  private final Object auxLock = new Object();
  private NetlinkSocket aux;
  private final LinkCodec nameCodec = new LinkCodec();
  private volatile boolean namesLoaded;
  private volatile boolean closed;

  /**
   * @param channel the request channel (closed with the client)
   * @param opener opens sockets for name lookups and subscriptions, or null to resolve names on {@code channel}
   *     (fakes) and to refuse subscriptions
   * @param resource closed last (e.g. the isolated namespace), or null
   * @param dumpRetries how often an interrupted dump (NLM_F_DUMP_INTR) is retried before failing with EINTR
   */
  public RtnlClient(RtnlChannel channel, SocketOpener opener, AutoCloseable resource, int dumpRetries) {
    this.channel = channel;
    this.opener = opener;
    this.resource = resource;
    this.dumpRetries = dumpRetries;
    this.names = new LinkNames(new LinkNames.Source() {
      @Override
      public String nameOf(int index) throws NetlinkException {
        return lookupName(index);
      }

      @Override
      public int indexOf(String name) throws NetlinkException {
        return lookupIndex(name);
      }
    });
    this.routeCodec = new RouteCodec(names);
    this.addressCodec = new AddressCodec(names);
    this.lookupCodec = new LookupCodec(names);
  }

  /** The interface-name cache (tests). */
  public LinkNames names() {
    return names;
  }

  // ------------------------------------------------------------------------------------------ plumbing

  private AttrWriter writer() {
    AttrWriter w = writers.poll();
    return w == null ? new AttrWriter() : w.reset();
  }

  private void release(AttrWriter w) {
    if (w.size() <= 64 << 10) writers.offer(w); // keep small buffers only
  }

  private void checkCall() {
    if (closed) throw new IllegalStateException("NetlinkRouting is closed");
    if (inDump.get() != null) {
      throw new IllegalStateException("NetlinkRouting called from inside forEachRoute's action: the dump is still"
          + " running on this client's socket; collect the routes first (routes()), or use a second client");
    }
  }

  /** Maps a netlink-layer failure to the RoutingException the API promises. */
  public static RoutingException error(String op, String subject, NetlinkException e) {
    if (e instanceof NetlinkErrorException ne) {
      return RoutingException.of(op, subject, io.github.netroute.routing.Errno.of(ne.errno()), ne.extackMessage());
    }
    if (e instanceof UnknownDeviceException) {
      return RoutingException.of(op, subject, io.github.netroute.routing.Errno.ENODEV, e.getMessage());
    }
    if (e instanceof NetlinkDecodeException) {
      return new RoutingException(op, subject, io.github.netroute.routing.Errno.EBADMSG, e.getMessage(), e);
    }
    int errno = e.errno() == 0 ? Errno.EIO : e.errno();
    RoutingException r = RoutingException.of(op, subject, io.github.netroute.routing.Errno.of(errno),
        e.getMessage());
    r.addSuppressed(e);
    return r;
  }

  private void request(String op, String subject, AttrWriter w) throws RoutingException {
    try {
      channel.exchange(w, ReplyHandler.IGNORE);
    } catch (NetlinkException e) {
      throw error(op, subject, e);
    } finally {
      release(w);
    }
  }

  /** A dump with NLM_F_DUMP_INTR retries; {@code onRetry} runs before each retry (to drop a partial result). */
  private void dump(String op, String subject, java.util.function.Consumer<AttrWriter> build, ReplyHandler each,
      Runnable onRetry, boolean missingTableIsEmpty) throws RoutingException {
    AttrWriter w = writer();
    try {
      for (int attempt = 0; ; attempt++) {
        w.reset();
        build.accept(w);
        Throwable[] failure = new Throwable[1];
        ExchangeResult res;
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
          throw error(op, subject, e);
        } catch (NetlinkException e) {
          throw error(op, subject, e);
        } finally {
          inDump.remove();
        }
        if (failure[0] instanceof NetlinkException ne) throw error(op, subject, ne);
        if (failure[0] instanceof RuntimeException re) throw re;
        if (failure[0] instanceof Error er) throw er;
        if (!res.dumpInterrupted()) return;
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

  // ------------------------------------------------------------------------------------------ names

  private String lookupName(int index) throws NetlinkException {
    AttrWriter w = new AttrWriter(128);
    LinkCodec.writeGet(w, index, null);
    String[] out = new String[1];
    try {
      auxExchange(w, m -> {
        if (m.type() == RTM_NEWLINK) out[0] = new LinkCodec().nameOf(m);
      });
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENODEV) return null;
      throw e;
    }
    return out[0];
  }

  private int lookupIndex(String name) throws NetlinkException {
    if (name.isEmpty() || name.length() > 15) return 0;
    AttrWriter w = new AttrWriter(128);
    LinkCodec.writeGet(w, 0, name);
    int[] out = new int[1];
    try {
      auxExchange(w, m -> {
        if (m.type() == RTM_NEWLINK) out[0] = LinkCodec.indexOf(m);
      });
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENODEV) return 0;
      throw e;
    }
    return out[0];
  }

  private void auxExchange(AttrWriter w, ReplyHandler h) throws NetlinkException {
    if (opener == null) {
      channel.exchange(w, h);
      return;
    }
    NetlinkSocket s;
    synchronized (auxLock) {
      if (closed) throw new NetlinkException("use", Errno.EBADF, "the client is closed");
      if (aux == null) aux = opener.open();
      s = aux;
    }
    s.exchange(w, h);
  }

  /**
   * Before the first dump that maps device indexes to names (routes, addresses): loads every link's name with one link
   * dump on the request socket. Without it the first route naming each device pays a lookup on the second socket in
   * the middle of the dump, and that rare path also makes the JIT throw away the dump loop's compiled code (an
   * uncommon trap) when it first happens after a warm-up. Best effort: on failure, names are looked up one by one as
   * before. Only for real sockets ({@code opener != null}); fake channels script their exchanges.
   */
  private void loadNames() {
    if (namesLoaded || opener == null) return;
    namesLoaded = true;
    try {
      dump("RTM_GETLINK", "", LinkCodec::writeDumpNames, m -> {
        if (m.type() != RTM_NEWLINK) return;
        int index = LinkCodec.indexOf(m);
        String name = nameCodec.nameOf(m);
        if (index > 0 && name != null) names.learn(index, name);
      }, null, false);
    } catch (RoutingException | RuntimeException e) {
      // the per-index lookup remains
    }
  }

  /** A fresh index for a link operation (a cached one may belong to a re-created device). */
  private int freshIndex(String op, String name) throws RoutingException {
    try {
      int i = lookupIndex(name);
      if (i <= 0) throw new UnknownDeviceException(name);
      names.learn(i, name);
      return i;
    } catch (NetlinkException e) {
      throw error(op, name, e);
    }
  }

  // ------------------------------------------------------------------------------------------ routes

  @Override
  public void forEachRoute(RouteFilter filter, Consumer<? super Route> action) throws RoutingException {
    dumpRoutes(filter == null ? RouteFilter.ALL : filter, action, null);
  }

  @Override
  public List<Route> routes(RouteFilter filter) throws RoutingException {
    List<Route> out = new ArrayList<>();
    int[] familyStart = {0};
    dumpRoutes(filter == null ? RouteFilter.ALL : filter, out::add, () -> {
      // a retry of one family's dump replaces what that family delivered so far
      out.subList(familyStart[0], out.size()).clear();
    }, () -> familyStart[0] = out.size());
    return out;
  }

  private void dumpRoutes(RouteFilter f, Consumer<? super Route> action, Runnable onRetry) throws RoutingException {
    dumpRoutes(f, action, onRetry, null);
  }

  private void dumpRoutes(RouteFilter f, Consumer<? super Route> action, Runnable onRetry, Runnable onFamily)
      throws RoutingException {
    checkCall();
    loadNames();
    int oif = 0;
    if (f.device() != null) {
      try {
        oif = names.index(f.device());
      } catch (NetlinkException e) {
        throw error("RTM_GETROUTE", "dev " + f.device(), e);
      }
      if (oif <= 0) return; // no such device: no route uses it
    }
    int dev = oif;
    boolean strict = channel.strictCheck();
    for (Family fam : f.family() != null ? List.of(f.family()) : List.of(Family.INET, Family.INET6)) {
      if (onFamily != null) onFamily.run();
      dump("RTM_GETROUTE", describe(f, fam), w -> RouteCodec.writeDump(w, fam, f, dev, strict), m -> {
        if (m.type() != RTM_NEWROUTE) return;
        Route r = routeCodec.decode(m);
        if (r != null && f.matches(r)) action.accept(r);
      }, onRetry, f.table() != null);
    }
  }

  private static String describe(RouteFilter f, Family fam) {
    StringBuilder sb = new StringBuilder(fam == Family.INET ? "-4" : "-6");
    if (f.table() != null) sb.append(" table ").append(f.table());
    if (f.type() != null) sb.append(" type ").append(f.type());
    if (f.protocol() != null) sb.append(" proto ").append(f.protocol());
    if (f.device() != null) sb.append(" dev ").append(f.device());
    if (f.dst() != null) sb.append(" root ").append(f.dst());
    return sb.toString();
  }

  @Override
  public void modifyRoute(RouteVerb verb, Route route) throws RoutingException {
    checkCall();
    AttrWriter w = writer();
    try {
      routeCodec.writeNew(w, verb.nlmFlags(), route);
    } catch (NetlinkException e) {
      release(w);
      throw error("RTM_NEWROUTE", route.toString(), e);
    }
    request("RTM_NEWROUTE", route.toString(), w);
  }

  @Override
  public void deleteRoute(Route route) throws RoutingException {
    checkCall();
    AttrWriter w = writer();
    try {
      routeCodec.writeDelete(w, route);
    } catch (NetlinkException e) {
      release(w);
      throw error("RTM_DELROUTE", route.toString(), e);
    }
    request("RTM_DELROUTE", route.toString(), w);
  }

  // ------------------------------------------------------------------------------------------ rules

  @Override
  public List<Rule> rules(Family family) throws RoutingException {
    checkCall();
    List<Rule> out = new ArrayList<>();
    for (Family fam : family != null ? List.of(family) : List.of(Family.INET, Family.INET6)) {
      int start = out.size();
      dump("RTM_GETRULE", fam == Family.INET ? "-4" : "-6", w -> RuleCodec.writeDump(w, fam), m -> {
        if (m.type() != RTM_NEWRULE) return;
        Rule r = ruleCodec.decode(m);
        if (r != null && r.family() == fam) out.add(r);
      }, () -> out.subList(start, out.size()).clear(), false);
    }
    return out;
  }

  @Override
  public void addRule(Rule rule) throws RoutingException {
    checkCall();
    AttrWriter w = writer();
    ruleCodec.writeAdd(w, rule);
    request("RTM_NEWRULE", rule.toString(), w);
  }

  @Override
  public void deleteRule(Rule rule) throws RoutingException {
    checkCall();
    AttrWriter w = writer();
    ruleCodec.writeDelete(w, rule);
    request("RTM_DELRULE", rule.toString(), w);
  }

  // ------------------------------------------------------------------------------------------ links

  @Override
  public List<Link> links() throws RoutingException {
    checkCall();
    List<Link> out = new ArrayList<>();
    dump("RTM_GETLINK", "", LinkCodec::writeDump, m -> {
      if (m.type() == RTM_NEWLINK) out.add(linkCodec.decode(m));
    }, out::clear, false);
    out.sort(Comparator.comparingInt(Link::index));
    for (Link l : out) names.learn(l.index(), l.name());
    return out;
  }

  @Override
  public Optional<Link> link(String name) throws RoutingException {
    checkCall();
    if (name == null || name.isEmpty() || name.length() > 15) return Optional.empty();
    return getLink(0, name, name);
  }

  @Override
  public Optional<Link> link(int index) throws RoutingException {
    checkCall();
    if (index <= 0) return Optional.empty();
    return getLink(index, null, "index " + index);
  }

  private Optional<Link> getLink(int index, String name, String subject) throws RoutingException {
    AttrWriter w = writer();
    LinkCodec.writeGet(w, index, name);
    Link[] out = new Link[1];
    try {
      channel.exchange(w, m -> {
        if (m.type() == RTM_NEWLINK) out[0] = linkCodec.decode(m);
      });
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENODEV) return Optional.empty();
      throw error("RTM_GETLINK", subject, e);
    } catch (NetlinkException e) {
      throw error("RTM_GETLINK", subject, e);
    } finally {
      release(w);
    }
    if (out[0] != null) names.learn(out[0].index(), out[0].name());
    return Optional.ofNullable(out[0]);
  }

  @Override
  public Link addLink(String name, String kind) throws RoutingException {
    checkCall();
    String subject = name + " type " + kind;
    AttrWriter w = writer();
    LinkCodec.writeAdd(w, name, kind);
    request("RTM_NEWLINK", subject, w);
    return link(name).orElseThrow(() -> RoutingException.of("RTM_GETLINK", name,
        io.github.netroute.routing.Errno.ENODEV, "the new link vanished before it could be read back"));
  }

  @Override
  public void setLinkUp(String name, boolean up) throws RoutingException {
    checkCall();
    String subject = name + (up ? " up" : " down");
    int index = freshIndex("RTM_NEWLINK", subject.isEmpty() ? name : name);
    AttrWriter w = writer();
    LinkCodec.writeSetUp(w, index, up);
    request("RTM_NEWLINK", subject, w);
  }

  @Override
  public void deleteLink(String name) throws RoutingException {
    checkCall();
    int index = freshIndex("RTM_DELLINK", name);
    AttrWriter w = writer();
    LinkCodec.writeDelete(w, index);
    try {
      request("RTM_DELLINK", name, w);
    } finally {
      names.forget(index, name);
    }
  }

  // ------------------------------------------------------------------------------------------ addresses

  @Override
  public List<Address> addresses(Family family) throws RoutingException {
    checkCall();
    loadNames();
    List<Address> out = new ArrayList<>();
    dump("RTM_GETADDR", family == null ? "" : family.ipName(), w -> AddressCodec.writeDump(w, family), m -> {
      if (m.type() != RTM_NEWADDR) return;
      Address a = addressCodec.decode(m);
      if (a != null && (family == null || a.family() == family)) out.add(a);
    }, out::clear, false);
    return out;
  }

  @Override
  public void addAddress(Address address) throws RoutingException {
    checkCall();
    AttrWriter w = writer();
    try {
      addressCodec.writeAdd(w, address);
    } catch (NetlinkException e) {
      release(w);
      throw error("RTM_NEWADDR", address.toString(), e);
    }
    request("RTM_NEWADDR", address.toString(), w);
  }

  @Override
  public void deleteAddress(Address address) throws RoutingException {
    checkCall();
    AttrWriter w = writer();
    try {
      addressCodec.writeDelete(w, address);
    } catch (NetlinkException e) {
      release(w);
      throw error("RTM_DELADDR", address.toString(), e);
    }
    request("RTM_DELADDR", address.toString(), w);
  }

  // ------------------------------------------------------------------------------------------ lookup

  @Override
  public LookupResult lookup(RouteLookup flow) throws RoutingException {
    checkCall();
    String subject = flow.toString();
    int iif;
    int oif;
    try {
      iif = flow.iif() == null ? 0 : routeCodec.deviceIndex(flow.iif(), 0);
      oif = flow.oif() == null ? 0 : routeCodec.deviceIndex(flow.oif(), 0);
    } catch (NetlinkException e) {
      throw error("RTM_GETROUTE", subject, e);
    }
    AttrWriter w = writer();
    try {
      // the matched FIB entry first (ip route get fibmatch), then the lookup itself
      Route[] fib = new Route[1];
      LookupCodec.write(w, flow, iif, oif, true);
      try {
        channel.exchange(w, m -> {
          if (m.type() == RTM_NEWROUTE) fib[0] = routeCodec.decode(m);
        });
      } catch (NetlinkErrorException e) {
        fib[0] = null; // the plain lookup below reports the error the way ip route get does
      }
      w.reset();
      LookupCodec.write(w, flow, iif, oif, false);
      LookupResult[] out = new LookupResult[1];
      channel.exchange(w, m -> {
        if (m.type() == RTM_NEWROUTE) out[0] = lookupCodec.decode(m, flow, fib[0]);
      });
      if (out[0] == null) {
        throw new NetlinkDecodeException("no RTM_NEWROUTE in the answer to RTM_GETROUTE", -1);
      }
      return out[0];
    } catch (NetlinkException e) {
      throw error("RTM_GETROUTE", subject, e);
    } finally {
      release(w);
    }
  }

  // ------------------------------------------------------------------------------------------ batches

  @Override
  public List<ChangeResult> apply(List<? extends Change> changes) {
    if (closed) throw new IllegalStateException("NetlinkRouting is closed");
    checkCall();
    int n = changes.size();
    RoutingException[] errors = new RoutingException[n];
    int[] sent = new int[n]; // batch index -> change index
    int count = 0;
    AttrWriter w = new AttrWriter(Math.max(4096, Math.min(n, 1 << 20) * 64));
    Change.Visitor<Void, NetlinkException> encoder = encoder(w);
    for (int i = 0; i < n; i++) {
      Change c = changes.get(i);
      int before = w.size();
      try {
        c.accept(encoder);
        if (w.error() != null) throw w.error();
        sent[count++] = i;
      } catch (NetlinkException e) {
        errors[i] = error(operation(c), subject(c), e);
        if (w.error() == null && w.size() != before) {
          throw new IllegalStateException("encoder left a partial message"); // cannot happen: names resolve first
        }
        if (w.error() != null) {
          // the writer is unusable after its first error: fail this and every later change
          for (int j = i + 1; j < n; j++) {
            errors[j] = RoutingException.of(operation(changes.get(j)), subject(changes.get(j)),
                io.github.netroute.routing.Errno.EMSGSIZE, "not sent: an earlier change could not be encoded");
          }
          n = i + 1;
          break;
        }
      }
    }
    if (count > 0) {
      try {
        BatchResult r = channel.batch(w);
        for (int k = 0; k < count; k++) {
          int errno = r.errno(k);
          if (errno != 0) {
            Change c = changes.get(sent[k]);
            errors[sent[k]] = RoutingException.of(operation(c), subject(c), io.github.netroute.routing.Errno.of(errno),
                r.extackMessage(k));
          }
        }
      } catch (NetlinkException e) {
        // the socket failed: nothing is known about the changes sent; none is reported OK
        for (int k = 0; k < count; k++) {
          Change c = changes.get(sent[k]);
          if (errors[sent[k]] == null) errors[sent[k]] = error(operation(c), subject(c), e);
        }
      }
    }
    List<ChangeResult> out = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      out.add(new ChangeResult(changes.get(i), errors[i]));
    }
    return out;
  }

  /** Appends each change's request to {@code w}: the one dispatch over change kinds. */
  private Change.Visitor<Void, NetlinkException> encoder(AttrWriter w) {
    return new Change.Visitor<>() {
      @Override
      public Void route(RouteVerb verb, Route route) throws NetlinkException {
        routeCodec.writeNew(w, verb.nlmFlags(), route);
        return null;
      }

      @Override
      public Void deleteRoute(Route route) throws NetlinkException {
        routeCodec.writeDelete(w, route);
        return null;
      }

      @Override
      public Void addRule(Rule rule) {
        ruleCodec.writeAdd(w, rule);
        return null;
      }

      @Override
      public Void deleteRule(Rule rule) {
        ruleCodec.writeDelete(w, rule);
        return null;
      }

      @Override
      public Void addAddress(Address address) throws NetlinkException {
        addressCodec.writeAdd(w, address);
        return null;
      }

      @Override
      public Void deleteAddress(Address address) throws NetlinkException {
        addressCodec.writeDelete(w, address);
        return null;
      }
    };
  }

  private static String operation(Change c) {
    return c.messageType();
  }

  private static String subject(Change c) {
    return String.valueOf(c.subject());
  }

  // ------------------------------------------------------------------------------------------ events

  @Override
  public Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException {
    if (closed) throw new IllegalStateException("NetlinkRouting is closed");
    if (opener == null) {
      throw RoutingException.of("subscribe", "", io.github.netroute.routing.Errno.EOPNOTSUPP,
          "this client cannot open sockets");
    }
    try {
      EventSubscription[] self = new EventSubscription[1];
      EventSubscription s = EventSubscription.start(opener.open(), names, listener,
          () -> subscriptions.remove(self[0]));
      self[0] = s;
      subscriptions.add(s);
      if (closed) s.close();
      return s;
    } catch (NetlinkException e) {
      throw error("subscribe", "", e);
    }
  }

  // ------------------------------------------------------------------------------------------ closing

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (EventSubscription s : List.copyOf(subscriptions)) s.close();
    channel.close();
    synchronized (auxLock) {
      if (aux != null) aux.close();
    }
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        // nothing to do: closing never throws
      }
    }
  }
}
