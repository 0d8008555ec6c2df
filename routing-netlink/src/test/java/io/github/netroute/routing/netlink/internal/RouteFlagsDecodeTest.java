package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.NextHopFlag;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.netlink.internal.codec.LinkNames;
import io.github.netroute.routing.netlink.internal.codec.RouteCodec;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The decoder keeps the route flags of rtm_flags that iproute2's print_rt_flags() prints (RTM_F_OFFLOAD,
 * RTM_F_TRAP, RTM_F_OFFLOAD_FAILED, RTM_F_NOTIFY) beside the RTNH_F ones, and drops the bits that are no flags of a
 * route (RTM_F_CLONED); the route prints them in iproute2's order.
 */
class RouteFlagsDecodeTest {
    @Test
    void rtmFlagsAreKeptAndPrintedInIproute2sOrder() throws Exception {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the bytes are little-endian");
        String msg = """
                2c000000 1800 0000 01000000 00000000   # RTM_NEWROUTE, 44 bytes, seq 1
                02 08 00 00 fe 03 00 01                # inet, dst_len 8, table main, proto boot, universe, unicast
                10420020                               # rtm_flags: LINKDOWN|CLONED|RTM_F_OFFLOAD|RTM_F_OFFLOAD_FAILED
                0800 0100 0a000000                     # RTA_DST 10.0.0.0
                0800 0f00 fe000000                     # RTA_TABLE 254
                """;
        ByteBuffer b = Hex.buffer(msg);
        NlMsgCursor c = new NlMsgCursor(b, 0, b.limit());
        assertTrue(c.next());
        Route r = new RouteCodec(new LinkNames(Golden.BASE_LINKS)).decode(c);
        assertEquals(EnumSet.of(NextHopFlag.LINKDOWN, NextHopFlag.RT_OFFLOAD, NextHopFlag.RT_OFFLOAD_FAILED), r.flags());
        assertEquals("10.0.0.0/8 linkdown rt_offload rt_offload_failed", r.toString());
    }
}
