package io.github.netroute.routing.netlink;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;

/**
 * Run by {@link PermissionKernelTest} in a child JVM that lacks CAP_NET_ADMIN, inside a throwaway namespace:
 * reading works, a change fails. Prints one line per step: {@code read OK N} and {@code change ExceptionClass: message}.
 */
public final class PermissionProbe {
  private PermissionProbe() {}

  public static void main(String[] args) throws Exception {
    try (Routing r = NetlinkRouting.open()) {
      System.out.println("read OK " + r.routes(RouteFilter.ALL).size());
      try {
        r.addRoute(Route.parse("blackhole 10.99.0.0/16"));
        System.out.println("change OK");
      } catch (RoutingException e) {
        System.out.println("change " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
