package io.github.netroute.smoke;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.netlink.NetlinkRouting;
import io.github.netroute.routing.testkit.InMemoryKernel;

/**
 * Compiled and run by ModulePathIT / ModulePathKernelIT, once as the module {@code netroute.smoke} on the module
 * path and once on the class path. {@code memory}: a route on the in-memory kernel; {@code netlink NS}: a route
 * through {@code NetlinkRouting.open(NS)}. Prints the table and the module each implementation was loaded in.
 */
public final class Smoke {
  public static void main(String[] args) throws Exception {
    Routing routing = args[0].equals("memory") ? InMemoryKernel.typicalNode() : NetlinkRouting.open(args[1]);
    try (routing) {
      routing.replaceRoute(Route.parse("local 10.96.0.0/12 dev lo scope host"));
      for (Route r : routing.routes(RouteFilter.table(RouteTable.LOCAL))) {
        System.out.println("route " + r);
      }
      Module m = routing.getClass().getModule();
      System.out.println("module " + (m.isNamed() ? m.getName() : "unnamed"));
      System.out.println("app module " + (Smoke.class.getModule().isNamed() ? Smoke.class.getModule().getName() : "unnamed"));
    }
  }
}
