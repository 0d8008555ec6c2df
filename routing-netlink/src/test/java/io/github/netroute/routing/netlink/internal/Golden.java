package io.github.netroute.routing.netlink.internal;

import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One golden fixture file ({@code src/test/resources/golden/NAME.txt}, format in INDEX.md). */
record Golden(String name, String cmd, List<String> stdout, List<String> stderr, List<byte[]> requests,
    List<byte[]> replies) {
  static final Path DIR = Path.of("src/test/resources/golden");

  /** The base state's interface indexes (INDEX.md: lo, br0, br1, brdown; br9 is the next one made). */
  static final LinkNames.Source BASE_LINKS = new LinkNames.Source() {
    private final List<String> names = List.of("lo", "br0", "br1", "brdown", "br9");

    @Override
    public String nameOf(int index) {
      return index >= 1 && index <= names.size() ? names.get(index - 1) : null;
    }

    @Override
    public int indexOf(String name) {
      return names.indexOf(name) + 1;
    }
  };

  static Golden load(String name) {
    Path f = DIR.resolve(name + ".txt");
    String cmd = null;
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    List<byte[]> req = new ArrayList<>();
    List<byte[]> rep = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(f)) {
        if (line.startsWith("# cmd: ")) cmd = line.substring(7).trim();
        else if (line.startsWith("# stdout: ")) out.add(line.substring(10));
        else if (line.startsWith("# stderr: ")) err.add(line.substring(10));
        else if (line.startsWith("request ")) req.add(HexFormat.of().parseHex(line.substring(8).trim()));
        else if (line.startsWith("reply ")) rep.add(HexFormat.of().parseHex(line.substring(6).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Golden(name, cmd, out, err, req, rep);
  }

  static List<String> all() {
    try (var s = Files.list(DIR)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first netlink message of a request buffer (iproute2 pads fixed-size dump requests). */
  static byte[] firstMessage(byte[] buf) {
    int len = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder()).getInt(0);
    byte[] m = new byte[len];
    System.arraycopy(buf, 0, m, 0, len);
    return m;
  }

  /** The arguments after {@code ip [-4|-6] OBJECT VERB}. */
  String args(int skipWords) {
    String[] w = cmd.split("\\s+");
    int i = 1;
    if (w[i].equals("-6") || w[i].equals("-4")) i++;
    i += skipWords;
    return String.join(" ", java.util.Arrays.copyOfRange(w, Math.min(i, w.length), w.length));
  }

  boolean v6() {
    return cmd.startsWith("ip -6 ");
  }
}
