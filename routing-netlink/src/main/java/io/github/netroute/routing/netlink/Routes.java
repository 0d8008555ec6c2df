package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWROUTE;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Route dumps (one per family, filtered in the kernel where it can and here always) and route changes. */
final class Routes {
  private final Requests requests;
  private final LinkNameLookups names;
  private final RouteCodec codec;

  Routes(Requests requests, LinkNameLookups names, RouteCodec codec) {
    this.requests = requests;
    this.names = names;
    this.codec = codec;
  }

  void forEach(RouteFilter filter, Consumer<? super Route> action) throws RoutingException {
    dump(filter == null ? RouteFilter.ALL : filter, action, null, null);
  }

  List<Route> list(RouteFilter filter) throws RoutingException {
    List<Route> out = new ArrayList<>();
    int[] familyStart = {0};
    dump(filter == null ? RouteFilter.ALL : filter, out::add, () -> {
      // a retry of one family's dump replaces what that family delivered so far
      out.subList(familyStart[0], out.size()).clear();
    }, () -> familyStart[0] = out.size());
    return out;
  }

  private void dump(RouteFilter f, Consumer<? super Route> action, Runnable onRetry, Runnable onFamily)
      throws RoutingException {
    names.preload();
    int oif = 0;
    if (f.device() != null) {
      try {
        oif = names.names().index(f.device());
      } catch (NetlinkException e) {
        throw RoutingErrors.of("RTM_GETROUTE", "dev " + f.device(), e);
      }
      if (oif <= 0) return; // no such device: no route uses it
    }
    int dev = oif;
    boolean strict = requests.channel().strictCheck();
    for (Family fam : f.family() != null ? List.of(f.family()) : List.of(Family.INET, Family.INET6)) {
      if (onFamily != null) onFamily.run();
      requests.dump("RTM_GETROUTE", describe(f, fam), w -> RouteCodec.writeDump(w, fam, f, dev, strict), m -> {
        if (m.type() != RTM_NEWROUTE) return;
        Route r = codec.decode(m);
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

  void modify(RouteVerb verb, Route route) throws RoutingException {
    modify(verb, route, null);
  }

  /** RTM_NEWROUTE; {@code dst} non-null: RTA_DST as written, host bits and all (the raw path). */
  void modify(RouteVerb verb, Route route, io.github.netroute.routing.CidrAddress dst) throws RoutingException {
    AttrWriter w = requests.writer();
    try {
      if (dst != null) {
        codec.writeNew(w, verb.nlmFlags(), route, dst);
      } else {
        codec.writeNew(w, verb.nlmFlags(), route);
      }
    } catch (NetlinkException e) {
      requests.release(w);
      throw RoutingErrors.of("RTM_NEWROUTE", route.toString(), e);
    }
    requests.request("RTM_NEWROUTE", route.toString(), w);
  }

  void delete(Route route) throws RoutingException {
    delete(route, null);
  }

  /** RTM_DELROUTE; {@code dst} non-null: RTA_DST as written (the raw path). */
  void delete(Route route, io.github.netroute.routing.CidrAddress dst) throws RoutingException {
    AttrWriter w = requests.writer();
    try {
      if (dst != null) {
        codec.writeDelete(w, route, dst);
      } else {
        codec.writeDelete(w, route);
      }
    } catch (NetlinkException e) {
      requests.release(w);
      throw RoutingErrors.of("RTM_DELROUTE", route.toString(), e);
    }
    requests.request("RTM_DELROUTE", route.toString(), w);
  }
}
