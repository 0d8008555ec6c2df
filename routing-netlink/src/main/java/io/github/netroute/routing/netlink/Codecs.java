package io.github.netroute.routing.netlink;

import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkCodec;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.LookupCodec;
import io.github.netroute.routing.netlink.internal.codec.NeighbourCodec;
import io.github.netroute.routing.netlink.internal.codec.NexthopCodec;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;

/** The codecs of one client, sharing its interface-name cache. */
record Codecs(LinkNames names, RouteCodec route, RuleCodec rule, LinkCodec link, AddressCodec address,
    LookupCodec lookup, NexthopCodec nexthop, NeighbourCodec neighbour) {
  static Codecs over(LinkNames names) {
    return new Codecs(names, new RouteCodec(names), new RuleCodec(), new LinkCodec(), new AddressCodec(names),
        new LookupCodec(names), new NexthopCodec(names), new NeighbourCodec(names));
  }
}
