package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWNEXTHOP;

import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.NexthopFilter;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.NexthopCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Nexthop object dumps (with the kernel's filters), gets and changes (RTM_*NEXTHOP). */
final class Nexthops {
  private final Requests requests;
  private final LinkNameLookups names;
  private final NexthopCodec codec;

  Nexthops(Requests requests, LinkNameLookups names, NexthopCodec codec) {
    this.requests = requests;
    this.names = names;
    this.codec = codec;
  }

  List<Nexthop> list(NexthopFilter filter) throws RoutingException {
    NexthopFilter f = filter == null ? NexthopFilter.ALL : filter;
    names.preload();
    int oif = 0;
    if (f.device() != null) {
      try {
        oif = names.names().index(f.device());
      } catch (NetlinkException e) {
        throw RoutingErrors.of("RTM_GETNEXTHOP", "dev " + f.device(), e);
      }
      if (oif <= 0) return List.of(); // no such device: no nexthop uses it
    }
    int dev = oif;
    List<Nexthop> out = new ArrayList<>();
    requests.dump("RTM_GETNEXTHOP", describe(f), w -> NexthopCodec.writeDump(w, f, dev), m -> {
      if (m.type() != RTM_NEWNEXTHOP) return;
      Nexthop n = codec.decode(m);
      if (n != null && f.matches(n, dev)) out.add(n);
    }, out::clear, false);
    return out;
  }

  private static String describe(NexthopFilter f) {
    StringBuilder sb = new StringBuilder("nexthop show");
    if (f.family() != null) sb.append(' ').append(f.family().ipName());
    if (f.device() != null) sb.append(" dev ").append(f.device());
    if (f.groups()) sb.append(" groups");
    if (f.fdb()) sb.append(" fdb");
    if (f.protocol() != null) sb.append(" proto ").append(f.protocol());
    return sb.toString();
  }

  Optional<Nexthop> get(long id) throws RoutingException {
    AttrWriter w = requests.writer();
    try {
      NexthopCodec.writeGet(w, id);
      Nexthop[] out = new Nexthop[1];
      requests.channel().exchange(w, m -> {
        if (m.type() == RTM_NEWNEXTHOP) out[0] = codec.decode(m);
      });
      return Optional.ofNullable(out[0]);
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENOENT) return Optional.empty();
      throw RoutingErrors.of("RTM_GETNEXTHOP", "id " + id, e);
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_GETNEXTHOP", "id " + id, e);
    } finally {
      requests.release(w);
    }
  }

  void modify(boolean replace, Nexthop n) throws RoutingException {
    AttrWriter w = requests.writer();
    try {
      codec.writeNew(w, replace, n);
    } catch (NetlinkException e) {
      requests.release(w);
      throw RoutingErrors.of("RTM_NEWNEXTHOP", n.toString(), e);
    }
    requests.request("RTM_NEWNEXTHOP", n.toString(), w);
  }

  void delete(long id) throws RoutingException {
    AttrWriter w = requests.writer();
    NexthopCodec.writeDelete(w, id);
    requests.request("RTM_DELNEXTHOP", "id " + id, w);
  }
}
