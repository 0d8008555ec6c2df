package io.github.netroute.routing.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Test helper: annotated hex tables. Everything after '#' on a line is a comment; whitespace is ignored. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String annotated) {
    StringBuilder sb = new StringBuilder();
    for (String line : annotated.split("\n")) {
      int hash = line.indexOf('#');
      sb.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("[\\s|]", ""));
    }
    return HexFormat.of().parseHex(sb.toString());
  }

  static ByteBuffer buffer(String annotated) {
    return ByteBuffer.wrap(bytes(annotated)).order(ByteOrder.nativeOrder());
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
