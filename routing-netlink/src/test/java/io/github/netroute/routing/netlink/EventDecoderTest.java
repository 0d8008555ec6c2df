package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Notifications decode into events that carry the notification's nlmsg_flags. */
class EventDecoderTest {
  private static final int RTM_NEWROUTE = 24;
  private static final int RTM_DELROUTE = 25;

  /** A route notification as the kernel sends it: blackhole 10.1.2.0/24 proto static. */
  private static ByteBuffer routeNotification(int type, int flags) {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.nativeOrder());
    b.putInt(44).putShort((short) type).putShort((short) flags).putInt(0).putInt(0); // nlmsghdr
    b.put((byte) 2).put((byte) 24).put((byte) 0).put((byte) 0)                 // AF_INET, /24, src 0, tos 0
        .put((byte) 254).put((byte) 4).put((byte) 0).put((byte) 6).putInt(0); // main, static, universe, blackhole
    b.putShort((short) 8).putShort((short) 15).putInt(254);                    // RTA_TABLE 254
    b.putShort((short) 8).putShort((short) 1).put(new byte[] {10, 1, 2, 0});  // RTA_DST 10.1.2.0
    return b.flip();
  }

  private static RoutingEvent decode(ByteBuffer b) throws Exception {
    LinkNames names = new LinkNames(DumpRetryTest.NO_LINKS);
    NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
    assertTrue(c.next());
    RoutingEvent e = new EventDecoder(names).decode(c);
    assertFalse(c.next());
    return e;
  }

  @Test
  void replacedRouteCarriesNlmFReplace() throws Exception {
    RoutingEvent e = decode(routeNotification(RTM_NEWROUTE, RoutingEvent.NLM_F_REPLACE));
    RoutingEvent.RouteAdded added = assertInstanceOf(RoutingEvent.RouteAdded.class, e);
    assertEquals(RoutingEvent.NLM_F_REPLACE, added.flags());
    assertEquals("RTM_NEWROUTE", added.messageType());
    assertEquals(Route.parse("blackhole 10.1.2.0/24 proto static"), added.route());
  }

  @Test
  void createdRouteCarriesItsFlagsAsSent() throws Exception {
    int flags = RoutingEvent.NLM_F_CREATE | RoutingEvent.NLM_F_EXCL;
    RoutingEvent e = decode(routeNotification(RTM_NEWROUTE, flags));
    assertEquals(flags, e.flags());
    assertEquals(0, e.flags() & RoutingEvent.NLM_F_REPLACE);
  }

  @Test
  void removedRouteWithoutFlags() throws Exception {
    RoutingEvent e = decode(routeNotification(RTM_DELROUTE, 0));
    assertInstanceOf(RoutingEvent.RouteRemoved.class, e);
    assertEquals(0, e.flags());
    assertTrue(e.isDelete());
  }
}
