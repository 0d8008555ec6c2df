package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWROUTE;

import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.LookupCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;

/** {@code ip route get fibmatch} followed by {@code ip route get}: the lookup result with its matched FIB entry. */
final class FlowLookups {
  private final Requests requests;
  private final RouteCodec routes;
  private final LookupCodec codec;

  FlowLookups(Requests requests, RouteCodec routes, LookupCodec codec) {
    this.requests = requests;
    this.routes = routes;
    this.codec = codec;
  }

  LookupResult lookup(RouteLookup flow) throws RoutingException {
    String subject = flow.toString();
    int iif;
    int oif;
    try {
      iif = flow.iif() == null ? 0 : routes.deviceIndex(flow.iif(), 0);
      oif = flow.oif() == null ? 0 : routes.deviceIndex(flow.oif(), 0);
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_GETROUTE", subject, e);
    }
    AttrWriter w = requests.writer();
    try {
      // the matched FIB entry first (ip route get fibmatch), then the lookup itself
      Route[] fib = new Route[1];
      LookupCodec.write(w, flow, iif, oif, true);
      try {
        requests.channel().exchange(w, m -> {
          if (m.type() == RTM_NEWROUTE) fib[0] = routes.decode(m);
        });
      } catch (NetlinkErrorException e) {
        fib[0] = null; // the plain lookup below reports the error the way ip route get does
      }
      w.reset();
      LookupCodec.write(w, flow, iif, oif, false);
      LookupResult[] out = new LookupResult[1];
      requests.channel().exchange(w, m -> {
        if (m.type() == RTM_NEWROUTE) out[0] = codec.decode(m, flow, fib[0]);
      });
      if (out[0] == null) {
        throw new NetlinkDecodeException("no RTM_NEWROUTE in the answer to RTM_GETROUTE", -1);
      }
      return out[0];
    } catch (NetlinkException e) {
      throw RoutingErrors.of("RTM_GETROUTE", subject, e);
    } finally {
      requests.release(w);
    }
  }
}
