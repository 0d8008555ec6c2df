package io.github.netroute.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.LinkStatistics.Counter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkStatisticsTest {
    @Test
    void countersAreKeptAndTheRestAreZero() {
        LinkStatistics s = LinkStatistics.of(Map.of(Counter.TX_PACKETS, 4L, Counter.TX_BYTES, 328L), 1);
        assertEquals(4, s.get(Counter.TX_PACKETS));
        assertEquals(328, s.get(Counter.TX_BYTES));
        assertEquals(0, s.get(Counter.RX_OTHERHOST_DROPPED));
        assertEquals(1, s.carrierChanges());
        assertEquals(s, LinkStatistics.of(Map.of(Counter.TX_BYTES, 328L, Counter.TX_PACKETS, 4L), 1));
        assertNotEquals(s, LinkStatistics.of(Map.of(Counter.TX_BYTES, 328L, Counter.TX_PACKETS, 4L), -1));
        assertEquals("LinkStatistics[tx_packets=4, tx_bytes=328, carrier_changes=1]", s.toString());
        assertEquals("18446744073709551615",
                Long.toUnsignedString(LinkStatistics.of(Map.of(Counter.RX_BYTES, -1L), -1).get(Counter.RX_BYTES)));
    }

    @Test
    void badCarrierChangesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkStatistics.of(Map.of(), -2));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
    }
}
