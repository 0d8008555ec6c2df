package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OsTest {
  @Test
  void otherSystemsGetAClearErrorBeforeAnyNativeCode() {
    String saved = System.getProperty("os.name");
    System.setProperty("os.name", "Mac OS X");
    try {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, NetlinkSocket::open);
      assertTrue(e.getMessage().startsWith("netroute needs Linux rtnetlink; this is Mac OS X"), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> NetlinkSocket.open(Path.of("/run/netns/x")));
    } finally {
      System.setProperty("os.name", saved);
    }
  }
}
