/**
 * {@link io.github.netroute.routing.netlink.NetlinkRouting}, the real {@link io.github.netroute.routing.Routing}
 * client over Linux rtnetlink. Only {@code io.github.netroute.routing.netlink} is exported; the layers below it
 * ({@code internal.sys}, {@code internal.wire}, {@code internal.codec}) are not.
 *
 * <pre>{@code
 * module my.controller {
 *   requires io.github.netroute.routing.netlink;    // reads io.github.netroute.routing too (requires transitive)
 * }
 * }</pre>
 */
@SuppressWarnings("requires-automatic") // com.sun.jna, see below
module io.github.netroute.routing.netlink {
  requires transitive io.github.netroute.routing;
  // JNA: the plain `jna` artifact, the automatic module com.sun.jna (jna-jpms has the same module name and can replace
  // it with an exclusion, e.g. for jlink; depending on jna-jpms would give class-path users who also get `jna` from
  // another library two copies of JNA). LibC binds with Native.register, which needs no `opens`.
  requires com.sun.jna;
  requires org.slf4j;

  exports io.github.netroute.routing.netlink;
}
