package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWADDR;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.AddressCodec;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/** Address dumps and address changes. */
final class Addresses {
  private final Requests requests;
  private final LinkNameLookups names;
  private final AddressCodec codec;

  Addresses(Requests requests, LinkNameLookups names, AddressCodec codec) {
    this.requests = requests;
    this.names = names;
    this.codec = codec;
  }

  List<Address> list(Family family) throws RoutingException {
    names.preload();
    List<Address> out = new ArrayList<>();
    requests.dump("RTM_GETADDR", family == null ? "" : family.ipName(), w -> AddressCodec.writeDump(w, family), m -> {
      if (m.type() != RTM_NEWADDR) return;
      Address a = codec.decode(m);
      if (a != null && (family == null || a.family() == family)) out.add(a);
    }, out::clear, false);
    return out;
  }

  void add(Address address) throws RoutingException {
    AttrWriter w = requests.writer();
    try {
      codec.writeAdd(w, address);
    } catch (NetlinkException e) {
      requests.release(w);
      throw RoutingErrors.of("RTM_NEWADDR", address.toString(), e);
    }
    requests.request("RTM_NEWADDR", address.toString(), w);
  }

  void delete(Address address) throws RoutingException {
    AttrWriter w = requests.writer();
    try {
      codec.writeDelete(w, address);
    } catch (NetlinkException e) {
      requests.release(w);
      throw RoutingErrors.of("RTM_DELADDR", address.toString(), e);
    }
    requests.request("RTM_DELADDR", address.toString(), w);
  }
}
