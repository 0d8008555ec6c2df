package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.NexthopCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;

/**
 * Turns one rtnetlink notification into a {@link RoutingEvent} carrying the notification's {@code nlmsg_flags}
 * (NLM_F_REPLACE on a replaced route, NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL as the kernel set them). Link
 * notifications also keep the interface-name cache current. Not thread-safe: one per reader thread.
 */
final class EventDecoder {
  private final LinkNames names;
  private final RouteCodec routes;
  private final RuleCodec rules = new RuleCodec();
  private final LinkCodec links = new LinkCodec();
  private final AddressCodec addresses;
  private final NexthopCodec nexthops;

  EventDecoder(LinkNames names) {
    this.names = names;
    this.routes = new RouteCodec(names);
    this.addresses = new AddressCodec(names);
    this.nexthops = new NexthopCodec(names);
  }

  /** The event for the cursor's current message, or null for messages that are no event (or decode to nothing). */
  RoutingEvent decode(NlMsgCursor c) throws NetlinkException {
    int flags = c.flags();
    switch (c.type()) {
      case Netlink.NLMSG_OVERRUN:
        return new RoutingEvent.ResyncNeeded("NLMSG_OVERRUN: events were lost");
      case RTM_NEWROUTE:
      case RTM_DELROUTE: {
        Route r = routes.decode(c);
        if (r == null) return null;
        return c.type() == RTM_NEWROUTE ? new RoutingEvent.RouteAdded(r, flags)
            : new RoutingEvent.RouteRemoved(r, flags);
      }
      case RTM_NEWRULE:
      case RTM_DELRULE: {
        Rule r = rules.decode(c);
        if (r == null) return null;
        return c.type() == RTM_NEWRULE ? new RoutingEvent.RuleAdded(r, flags) : new RoutingEvent.RuleRemoved(r, flags);
      }
      case RTM_NEWLINK: {
        Link l = links.decode(c);
        names.learn(l.index(), l.name());
        return new RoutingEvent.LinkChanged(l, flags);
      }
      case RTM_DELLINK: {
        Link l = links.decode(c);
        names.forget(l.index(), l.name());
        return new RoutingEvent.LinkRemoved(l, flags);
      }
      case RTM_NEWADDR:
      case RTM_DELADDR: {
        Address a = addresses.decode(c);
        if (a == null) return null;
        return c.type() == RTM_NEWADDR ? new RoutingEvent.AddressAdded(a, flags)
            : new RoutingEvent.AddressRemoved(a, flags);
      }
      case RTM_NEWNEXTHOP:
      case RTM_DELNEXTHOP: {
        Nexthop n = nexthops.decode(c);
        if (n == null) return null;
        return c.type() == RTM_NEWNEXTHOP ? new RoutingEvent.NexthopAdded(n, flags)
            : new RoutingEvent.NexthopRemoved(n, flags);
      }
      default:
        return null;
    }
  }
}
