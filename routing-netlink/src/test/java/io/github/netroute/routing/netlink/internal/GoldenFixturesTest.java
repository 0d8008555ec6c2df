package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.wire.IfInfoMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every buffer captured from iproute2 ↔ kernel in {@code src/test/resources/golden/*.txt} (requests, replies, dumps,
 * errors) decodes with the framing, error and generic decoders, and re-encoding each decoded message reproduces its
 * bytes exactly. Error replies carry the kernel's message that iproute2 printed.
 */
class GoldenFixturesTest {
  private static final Path DIR = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> goldenBuffersDecodeAndReencode() throws Exception {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are x86-64 captures");
    List<Path> files = fixtureFiles();
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  /**
   * The fixtures are checked in: a missing or emptied folder fails, and the folder holds exactly the fixtures
   * INDEX.md lists (one table row each), so a deleted or unlisted file fails too.
   */
  static List<Path> fixtureFiles() throws Exception {
    assertTrue(Files.isDirectory(DIR), "no golden fixtures at " + DIR.toAbsolutePath());
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    List<String> listed = Files.readAllLines(DIR.resolve("INDEX.md")).stream()
        .filter(l -> l.startsWith("| `"))
        .map(l -> l.substring(3, l.indexOf('`', 3)) + ".txt")
        .sorted().toList();
    assertFalse(listed.isEmpty(), "INDEX.md lists no fixture");
    List<String> present = files.stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(listed, present, () -> "the golden folder must hold exactly the fixtures INDEX.md lists; missing: "
        + listed.stream().filter(n -> !present.contains(n)).toList() + ", not listed: "
        + present.stream().filter(n -> !listed.contains(n)).toList());
    return files;
  }


  private static void check(Path file) throws Exception {
    List<String> stderr = new ArrayList<>();
    List<String> extacks = new ArrayList<>();
    int messages = 0;
    int paddingDiffs = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("# stderr: ")) stderr.add(line.substring(10));
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] kv = line.split(" ", 2);
      byte[] bytes = HexFormat.of().parseHex(kv[1].trim());
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
      int end = messagesEnd(buf);
      NlMsgCursor c = new NlMsgCursor(buf, 0, end);
      while (c.next()) {
        messages++;
        String where = file.getFileName() + " " + kv[0] + " @" + c.offset() + " " + Netlink.typeName(c.type());
        if (c.type() == Netlink.NLMSG_ERROR) {
          NlError e = NlError.decodeError(c);
          if (e.extackMessage() != null) extacks.add(e.extackMessage());
          assertNotNull(e.request(), where);
        } else if (c.type() == Netlink.NLMSG_DONE) {
          NlError.decodeDone(c);
        }
        NlMessage m = NlMessage.decode(c);
        byte[] original = new byte[c.length()];
        buf.get(c.offset(), original, 0, original.length);
        byte[] again = m.encode();
        if (m.fixed() instanceof IfInfoMsg) again[17] = original[17]; // ifinfomsg's pad byte is not modelled
        if (!java.util.Arrays.equals(original, again)) {
          // only padding may differ: iproute2 leaves stack garbage in the padding after an unterminated string
          // (RTAX_CC_ALGO "cubic" is sent without its NUL); the re-encoding pads with zeros
          assertEquals(original.length, again.length, where);
          NlMsgCursor c2 = new NlMsgCursor(ByteBuffer.wrap(again).order(ByteOrder.nativeOrder()), 0, again.length);
          assertTrue(c2.next());
          assertEquals(m, NlMessage.decode(c2), where);
          paddingDiffs++;
        }
      }
    }
    assertTrue(messages > 0, file + " has no messages");
    assertTrue(paddingDiffs <= 1, file + ": " + paddingDiffs + " messages re-encode differently");
    for (String x : extacks) {
      assertTrue(stderr.stream().anyMatch(s -> s.contains(x)), file + ": extack '" + x + "' not in stderr " + stderr);
    }
  }

  /** iproute2 sends fixed-size request structs: the messages end where only zero padding is left. */
  private static int messagesEnd(ByteBuffer b) {
    int pos = 0;
    while (b.limit() - pos >= 16) {
      int len = b.getInt(pos);
      if (len == 0) break;
      if (len < 16 || len > b.limit() - pos) return b.limit(); // let the cursor report it
      pos += Math.min(Netlink.align(len), b.limit() - pos);
    }
    for (int i = pos; i < b.limit(); i++) {
      if (b.get(i) != 0) return b.limit();
    }
    return pos;
  }
}
