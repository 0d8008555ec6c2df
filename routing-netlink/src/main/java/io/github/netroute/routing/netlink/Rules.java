package io.github.netroute.routing.netlink;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.RTM_NEWRULE;

import io.github.netroute.routing.Family;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.netlink.internal.codec.RuleCodec;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import java.util.ArrayList;
import java.util.List;

/** Rule dumps (one per family) and rule changes. */
final class Rules {
  private final Requests requests;
  private final RuleCodec codec;

  Rules(Requests requests, RuleCodec codec) {
    this.requests = requests;
    this.codec = codec;
  }

  List<Rule> list(Family family) throws RoutingException {
    List<Rule> out = new ArrayList<>();
    for (Family fam : family != null ? List.of(family) : List.of(Family.INET, Family.INET6)) {
      int start = out.size();
      requests.dump("RTM_GETRULE", fam == Family.INET ? "-4" : "-6", w -> RuleCodec.writeDump(w, fam), m -> {
        if (m.type() != RTM_NEWRULE) return;
        Rule r = codec.decode(m);
        if (r != null && r.family() == fam) out.add(r);
      }, () -> out.subList(start, out.size()).clear(), false);
    }
    return out;
  }

  void add(Rule rule) throws RoutingException {
    AttrWriter w = requests.writer();
    codec.writeAdd(w, rule);
    requests.request("RTM_NEWRULE", rule.toString(), w);
  }

  void delete(Rule rule) throws RoutingException {
    AttrWriter w = requests.writer();
    codec.writeDelete(w, rule);
    requests.request("RTM_DELRULE", rule.toString(), w);
  }
}
