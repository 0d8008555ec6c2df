package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWLINK;

import io.github.netroute.routing.Link;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Link dumps, single-link reads and link changes; every link read or changed updates the name cache. */
final class Links {
  private final Requests requests;
  private final LinkNameLookups lookups;
  private final LinkNames names;
  private final LinkCodec codec;

  Links(Requests requests, LinkNameLookups lookups, LinkCodec codec) {
    this.requests = requests;
    this.lookups = lookups;
    this.names = lookups.names();
    this.codec = codec;
  }

  List<Link> list() throws RoutingException {
    List<Link> out = new ArrayList<>();
    requests.dump("RTM_GETLINK", "", LinkCodec::writeDump, m -> {
      if (m.type() == RTM_NEWLINK) out.add(codec.decode(m));
    }, out::clear, false);
    out.sort(Comparator.comparingInt(Link::index));
    for (Link l : out) names.learn(l.index(), l.name());
    return out;
  }

  Optional<Link> byName(String name) throws RoutingException {
    if (name == null || name.isEmpty() || name.length() > 15) return Optional.empty();
    return get(0, name, name);
  }

  /** A link's counters: RTM_GETLINK by index without RTEXT_FILTER_SKIP_STATS. */
  Optional<io.github.netroute.routing.LinkStatistics> statistics(int index) throws RoutingException {
    if (index <= 0) return Optional.empty();
    AttrWriter w = requests.writer();
    LinkCodec.writeGetWithStatistics(w, index);
    io.github.netroute.routing.LinkStatistics[] out = new io.github.netroute.routing.LinkStatistics[1];
    try {
      requests.channel().exchange(w, m -> {
        if (m.type() == RTM_NEWLINK) out[0] = codec.decodeStatistics(m);
      });
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENODEV) return Optional.empty();
      throw RoutingErrors.of("RTM_GETLINK", "index " + index, e);
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_GETLINK", "index " + index, e);
    } finally {
      requests.release(w);
    }
    return Optional.ofNullable(out[0]);
  }

  Optional<Link> byIndex(int index) throws RoutingException {
    if (index <= 0) return Optional.empty();
    return get(index, null, "index " + index);
  }

  private Optional<Link> get(int index, String name, String subject) throws RoutingException {
    AttrWriter w = requests.writer();
    LinkCodec.writeGet(w, index, name);
    Link[] out = new Link[1];
    try {
      requests.channel().exchange(w, m -> {
        if (m.type() == RTM_NEWLINK) out[0] = codec.decode(m);
      });
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENODEV) return Optional.empty();
      throw RoutingErrors.of("RTM_GETLINK", subject, e);
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_GETLINK", subject, e);
    } finally {
      requests.release(w);
    }
    if (out[0] != null) names.learn(out[0].index(), out[0].name());
    return Optional.ofNullable(out[0]);
  }

  Link add(io.github.netroute.routing.LinkSpec spec) throws RoutingException {
    String subject = spec.toString();
    int lower = spec.device() == null ? 0 : lookups.freshIndex("RTM_NEWLINK", spec.device());
    int fd = peerNs(spec.peerNetns(), subject);
    AttrWriter w = requests.writer();
    try {
      LinkCodec.writeAdd(w, spec, lower, fd);
      requests.request("RTM_NEWLINK", subject, w);
    } finally {
      io.github.netroute.routing.netlink.internal.sys.Namespace.closeFd(fd);
    }
    return byName(spec.name()).orElseThrow(() -> RoutingException.of("RTM_GETLINK", spec.name(),
        io.github.netroute.routing.Errno.ENODEV, "the new link vanished before it could be read back"));
  }

  /** An open descriptor of /run/netns/NAME, or -1 for none; a missing namespace is ENOENT. */
  private static int peerNs(String name, String subject) throws RoutingException {
    if (name == null) return -1;
    try {
      return io.github.netroute.routing.netlink.internal.sys.Namespace.openNamedFd(name);
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_NEWLINK", subject, e);
    }
  }

  void set(String name, io.github.netroute.routing.LinkSettings s) throws RoutingException {
    String subject = name;
    int index = lookups.freshIndex("RTM_NEWLINK", name);
    int master = s.master() == null || s.master().isEmpty() ? 0 : lookups.freshIndex("RTM_NEWLINK", s.master());
    int fd = peerNs(s.netns(), subject);
    AttrWriter w = requests.writer();
    try {
      LinkCodec.writeSet(w, index, s, master, fd);
      requests.request("RTM_NEWLINK", subject, w);
    } finally {
      io.github.netroute.routing.netlink.internal.sys.Namespace.closeFd(fd);
      if (s.newName() != null || s.netns() != null) names.forget(index, name);
    }
  }

  void setUp(String name, boolean up) throws RoutingException {
    String subject = name + (up ? " up" : " down");
    int index = lookups.freshIndex("RTM_NEWLINK", name);
    AttrWriter w = requests.writer();
    LinkCodec.writeSetUp(w, index, up);
    requests.request("RTM_NEWLINK", subject, w);
  }

  void delete(String name) throws RoutingException {
    int index = lookups.freshIndex("RTM_DELLINK", name);
    // a veth's peer goes with it: forget its name too
    Optional<Link> l = byIndex(index);
    int peer = l.isPresent() && l.get().parentNetnsId() < 0 ? l.get().parent() : 0;
    AttrWriter w = requests.writer();
    LinkCodec.writeDelete(w, index);
    try {
      requests.request("RTM_DELLINK", name, w);
    } finally {
      // the name goes now; the index's name stays for events still queued (the RTM_DELLINK event forgets it)
      names.retire(index, name);
      if (peer > 0) names.retire(peer, null);
    }
  }
}
