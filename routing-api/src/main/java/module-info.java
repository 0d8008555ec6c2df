/**
 * netroute's API: the value types with iproute2 syntax both ways, the {@link io.github.netroute.routing.Routing}
 * interface and its {@link io.github.netroute.routing.RoutingException} hierarchy, the pure routing model and the
 * reconciler. No dependencies beyond {@code java.base}.
 *
 * <pre>{@code
 * module my.controller {
 *   requires io.github.netroute.routing;            // values, Routing, errors, model, reconciler
 *   requires io.github.netroute.routing.netlink;    // NetlinkRouting, the real client
 * }
 * }</pre>
 */
@SuppressWarnings("module") // the qualified export names the testkit, which is compiled after this module
module io.github.netroute.routing {
  exports io.github.netroute.routing;
  exports io.github.netroute.routing.model;
  exports io.github.netroute.routing.reconcile;
  // iproute2 syntax helpers: not API; the in-memory kernel shares them to print and parse exactly as the API does
  exports io.github.netroute.routing.internal to io.github.netroute.routing.testkit;
}
