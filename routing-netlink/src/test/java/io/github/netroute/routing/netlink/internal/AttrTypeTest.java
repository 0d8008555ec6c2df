package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.NexthopAttr;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The closed attribute types: numbers round-trip, unknown numbers map to UNKNOWN and stay raw in the reader. */
class AttrTypeTest {
  @Test
  void everyKnownNumberMapsBackToItsConstant() {
    for (RouteAttr a : RouteAttr.values()) {
      if (a != RouteAttr.UNKNOWN) assertSame(a, RouteAttr.of(a.number()), a.name());
    }
    for (NexthopAttr a : NexthopAttr.values()) {
      if (a != NexthopAttr.UNKNOWN) assertSame(a, NexthopAttr.of(a.number()), a.name());
    }
    assertEquals(30, RouteAttr.NH_ID.number());
    assertEquals(1, NexthopAttr.ID.number());
    assertEquals(13, NexthopAttr.RES_BUCKET.number());
    assertEquals(104, Rtnl.RTM_NEWNEXTHOP);
  }

  @Test
  void unknownNumbersAreUnknownAndTheReaderKeepsThemRaw() throws Exception {
    for (int n : new int[] {-1, 31, 99, 0x7fff, Integer.MAX_VALUE}) assertSame(RouteAttr.UNKNOWN, RouteAttr.of(n));
    for (int n : new int[] {-1, 14, 500}) assertSame(NexthopAttr.UNKNOWN, NexthopAttr.of(n));

    AttrWriter w = new AttrWriter();
    w.beginMessage(Rtnl.RTM_NEWROUTE, 0);
    w.u32(RouteAttr.TABLE, 1000);
    w.u32(99, 7); // a newer kernel's attribute
    w.u32(RouteAttr.OIF, 3);
    w.endMessage();
    w.check();
    AttrReader r = new AttrReader(w.buffer(), 16, w.size()); // after the nlmsghdr
    List<String> seen = new ArrayList<>();
    while (r.next()) {
      switch (RouteAttr.of(r.type())) {
        case TABLE -> seen.add("table " + r.u32());
        case OIF -> seen.add("oif " + r.u32());
        case UNKNOWN -> seen.add("raw " + r.type() + " " + r.u32());
        default -> fail("unexpected " + r.type());
      }
    }
    r.check();
    assertEquals(List.of("table 1000", "raw 99 7", "oif 3"), seen);
  }
}
