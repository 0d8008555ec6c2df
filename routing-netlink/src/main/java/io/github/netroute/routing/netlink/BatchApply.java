package io.github.netroute.routing.netlink;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.NexthopCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.sys.BatchResult;
import io.github.netroute.routing.netlink.internal.sys.RtnlChannel;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NetlinkRouting#apply}: every change encoded into one writer (dispatching only through
 * {@link Change.Visitor}, so a new kind of change does not compile here until it is handled), sent pipelined, acks
 * matched by sequence number, one {@link ChangeResult} per change in order.
 */
final class BatchApply {
  private final RtnlChannel channel;
  private final RouteCodec routes;
  private final RuleCodec rules;
  private final AddressCodec addresses;
  private final NexthopCodec nexthops;

  BatchApply(RtnlChannel channel, RouteCodec routes, RuleCodec rules, AddressCodec addresses,
      NexthopCodec nexthops) {
    this.nexthops = nexthops;
    this.channel = channel;
    this.routes = routes;
    this.rules = rules;
    this.addresses = addresses;
  }

  List<ChangeResult> apply(List<? extends Change> changes) {
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
        errors[i] = RoutingErrors.of(c.messageType(), subject(c), e);
        if (w.error() == null && w.size() != before) {
          throw new IllegalStateException("encoder left a partial message"); // cannot happen: names resolve first
        }
        if (w.error() != null) {
          // the writer is unusable after its first error: fail this and every later change
          for (int j = i + 1; j < n; j++) {
            Change later = changes.get(j);
            errors[j] = RoutingException.of(later.messageType(), subject(later), Errno.EMSGSIZE,
                "not sent: an earlier change could not be encoded");
          }
          break;
        }
      }
    }
    if (count > 0) send(changes, w, sent, count, errors);
    List<ChangeResult> out = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      out.add(new ChangeResult(changes.get(i), errors[i]));
    }
    return out;
  }

  private void send(List<? extends Change> changes, AttrWriter w, int[] sent, int count, RoutingException[] errors) {
    try {
      BatchResult r = channel.batch(w);
      for (int k = 0; k < count; k++) {
        int errno = r.errno(k);
        if (errno != 0) {
          Change c = changes.get(sent[k]);
          errors[sent[k]] = RoutingException.of(c.messageType(), subject(c), Errno.of(errno), r.extackMessage(k));
        }
      }
    } catch (NetlinkException e) {
      // the socket failed: nothing is known about the changes sent; none is reported OK
      for (int k = 0; k < count; k++) {
        Change c = changes.get(sent[k]);
        if (errors[sent[k]] == null) errors[sent[k]] = RoutingErrors.of(c.messageType(), subject(c), e);
      }
    }
  }

  private static String subject(Change c) {
    return String.valueOf(c.subject());
  }

  /** Appends each change's request to {@code w}: the one dispatch over change kinds. */
  private Change.Visitor<Void, NetlinkException> encoder(AttrWriter w) {
    return new Change.Visitor<>() {
      @Override
      public Void route(RouteVerb verb, Route route) throws NetlinkException {
        routes.writeNew(w, verb.nlmFlags(), route);
        return null;
      }

      @Override
      public Void deleteRoute(Route route) throws NetlinkException {
        routes.writeDelete(w, route);
        return null;
      }

      @Override
      public Void addRule(Rule rule) {
        rules.writeAdd(w, rule);
        return null;
      }

      @Override
      public Void deleteRule(Rule rule) {
        rules.writeDelete(w, rule);
        return null;
      }

      @Override
      public Void addAddress(Address address) throws NetlinkException {
        addresses.writeAdd(w, address);
        return null;
      }

      @Override
      public Void deleteAddress(Address address) throws NetlinkException {
        addresses.writeDelete(w, address);
        return null;
      }

      @Override
      public Void nexthop(boolean replace, Nexthop nexthop) throws NetlinkException {
        nexthops.writeNew(w, replace, nexthop);
        return null;
      }

      @Override
      public Void deleteNexthop(long id) {
        NexthopCodec.writeDelete(w, id);
        return null;
      }
    };
  }
}
