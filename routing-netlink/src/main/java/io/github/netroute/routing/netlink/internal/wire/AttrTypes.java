package io.github.netroute.routing.netlink.internal.wire;

/** Builds the number → constant tables of the {@link AttrType} enums. */
final class AttrTypes {
  private AttrTypes() {}

  /** Fills {@code table} (sized for the largest number) with each constant at its number, {@code unknown} elsewhere. */
  static <T extends AttrType> T[] index(T[] constants, T unknown, T[] table) {
    java.util.Arrays.fill(table, unknown);
    for (T t : constants) {
      if (t.number() >= 0) table[t.number()] = t;
    }
    return table;
  }
}
