package io.github.netroute.routing.netlink.internal.wire;

/**
 * A closed set of attribute numbers for one kind of object ({@link RouteAttr}, {@link NexthopAttr}): what
 * {@link AttrWriter} accepts in place of a bare int. Numbers a set does not know stay raw ints
 * ({@link AttrReader#type()}); each set's {@code of(int)} maps them to its {@code UNKNOWN} constant.
 */
public interface AttrType {
  /** The attribute's number on the wire ({@code nla_type}), or -1 for an {@code UNKNOWN} marker. @return it */
  int number();
}
