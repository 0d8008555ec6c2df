package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWLINK;

import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.sys.ReplyHandler;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.UnknownDeviceException;
import java.util.function.BooleanSupplier;

/**
 * The client's interface-name cache ({@link LinkNames}) and what fills it: misses are one RTM_GETLINK each on a
 * lazily opened second socket (usable while a dump is in progress on the request socket), and the first dump that
 * maps indexes to names preloads every name with one link dump ({@link #preload()}).
 */
final class LinkNameLookups implements LinkNames.Source {
  private final Requests requests;
  private final SocketOpener opener;
  private final BooleanSupplier closed;
  private final LinkNames names = new LinkNames(this);
  private final LinkCodec nameCodec = new LinkCodec();
  private final Object auxLock = new Object();
  private NetlinkSocket aux;
  private volatile boolean preloaded;

  /**
   * @param requests the request channel (the preload dump; name lookups when {@code opener} is null)
   * @param opener opens the lookup socket, or null to look names up on the request channel (fakes)
   * @param closed whether the client is closed (no socket is opened then)
   */
  LinkNameLookups(Requests requests, SocketOpener opener, BooleanSupplier closed) {
    this.requests = requests;
    this.opener = opener;
    this.closed = closed;
  }

  LinkNames names() {
    return names;
  }

  @Override
  public String nameOf(int index) throws NetlinkException {
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

  @Override
  public int indexOf(String name) throws NetlinkException {
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
      requests.channel().exchange(w, h);
      return;
    }
    NetlinkSocket s;
    synchronized (auxLock) {
      if (closed.getAsBoolean()) throw new NetlinkException("use", Errno.EBADF, "the client is closed");
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
  void preload() {
    if (preloaded || opener == null) return;
    preloaded = true;
    load();
  }

  /** Reads every link's name with one dump now (a subscription starting), whether or not it was preloaded. */
  void refresh() {
    if (opener == null) return;
    preloaded = true;
    load();
  }

  private void load() {
    try {
      requests.dump("RTM_GETLINK", "", LinkCodec::writeDumpNames, m -> {
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
  int freshIndex(String op, String name) throws RoutingException {
    try {
      int i = indexOf(name);
      if (i <= 0) throw new UnknownDeviceException(name);
      names.learn(i, name);
      return i;
    } catch (NetlinkException e) {
      throw RoutingErrors.of(op, name, e);
    }
  }

  /** Closes the lookup socket. */
  void close() {
    synchronized (auxLock) {
      if (aux != null) aux.close();
    }
  }
}
