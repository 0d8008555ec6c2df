package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWNEIGH;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.Neighbour;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.NeighbourCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Neighbour dumps, single-entry reads and changes (RTM_NEWNEIGH/DELNEIGH/GETNEIGH). */
final class Neighbours {
  private final Requests requests;
  private final LinkNameLookups lookups;
  private final NeighbourCodec codec;

  Neighbours(Requests requests, LinkNameLookups lookups, NeighbourCodec codec) {
    this.requests = requests;
    this.lookups = lookups;
    this.codec = codec;
  }

  List<Neighbour> list(Family family, boolean proxy) throws RoutingException {
    List<Neighbour> out = new ArrayList<>();
    requests.dump("RTM_GETNEIGH", proxy ? "proxy" : "", w -> NeighbourCodec.writeDump(w, family, proxy), m -> {
      if (m.type() == RTM_NEWNEIGH) {
        Neighbour n = codec.decode(m);
        if (n != null && (family == null || n.family() == family)) out.add(n);
      }
    }, out::clear, false);
    return out;
  }

  Optional<Neighbour> get(InetAddress address, String device, boolean proxy) throws RoutingException {
    String subject = (proxy ? "proxy " : "") + io.github.netroute.routing.IpAddresses.format(address) + " dev " + device;
    int index = lookups.freshIndex("RTM_GETNEIGH", device);
    AttrWriter w = requests.writer();
    NeighbourCodec.writeGet(w, address, index, proxy);
    Neighbour[] out = new Neighbour[1];
    try {
      requests.channel().exchange(w, m -> {
        if (m.type() == RTM_NEWNEIGH) out[0] = codec.decode(m);
      });
    } catch (NetlinkErrorException e) {
      if (e.errno() == Errno.ENOENT) return Optional.empty();
      throw RoutingErrors.of("RTM_GETNEIGH", subject, e);
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_GETNEIGH", subject, e);
    } finally {
      requests.release(w);
    }
    return Optional.ofNullable(out[0]);
  }

  void modify(RouteVerb verb, Neighbour n) throws RoutingException {
    int index = index(n, "RTM_NEWNEIGH");
    AttrWriter w = requests.writer();
    NeighbourCodec.writeModify(w, verb, n, index);
    requests.request("RTM_NEWNEIGH", n.toString(), w);
  }

  void delete(Neighbour n) throws RoutingException {
    int index = index(n, "RTM_DELNEIGH");
    AttrWriter w = requests.writer();
    NeighbourCodec.writeDelete(w, n, index);
    requests.request("RTM_DELNEIGH", n.toString(), w);
  }

  private int index(Neighbour n, String op) throws RoutingException {
    return n.device() != null ? lookups.freshIndex(op, n.device()) : n.deviceIndex();
  }
}
