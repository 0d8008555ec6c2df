/** A user's application on the module path: it reads netroute's modules and nothing else (no jqwik, no JUnit). */
module netroute.smoke {
  requires io.github.netroute.routing.netlink;
  requires io.github.netroute.routing.testkit;
}
