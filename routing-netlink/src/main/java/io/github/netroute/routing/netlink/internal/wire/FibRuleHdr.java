package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;

/**
 * {@code struct fib_rule_hdr} (12 bytes), the fixed header of RTM_NEWRULE/DELRULE/GETRULE: family, dst_len,
 * src_len, tos, table (one byte; the real id travels in FRA_TABLE), res1, res2, action (FR_ACT_*) as u8 and flags
 * (u32, FIB_RULE_*).
 */
public record FibRuleHdr(int family, int dstLen, int srcLen, int tos, int table, int res1, int res2, int action,
    int flags) implements FixedHeader {
  public static final int SIZE = Rtnl.FIB_RULE_HDR_SIZE;

  public FibRuleHdr {
    FixedHeader.requireU8("family", family);
    FixedHeader.requireU8("dst_len", dstLen);
    FixedHeader.requireU8("src_len", srcLen);
    FixedHeader.requireU8("tos", tos);
    FixedHeader.requireU8("table", table);
    FixedHeader.requireU8("res1", res1);
    FixedHeader.requireU8("res2", res2);
    FixedHeader.requireU8("action", action);
  }

  public static FibRuleHdr decode(ByteBuffer buf, int offset, int end) throws NetlinkDecodeException {
    FixedHeader.requireSize(buf, offset, end, SIZE, "fib_rule_hdr");
    buf = NlMsgHeader.native_(buf);
    return new FibRuleHdr(buf.get(offset) & 0xFF, buf.get(offset + 1) & 0xFF, buf.get(offset + 2) & 0xFF,
        buf.get(offset + 3) & 0xFF, buf.get(offset + 4) & 0xFF, buf.get(offset + 5) & 0xFF,
        buf.get(offset + 6) & 0xFF, buf.get(offset + 7) & 0xFF, buf.getInt(offset + 8));
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public void writeTo(AttrWriter w) {
    w.putU8(family).putU8(dstLen).putU8(srcLen).putU8(tos).putU8(table).putU8(res1).putU8(res2).putU8(action)
        .putU32(flags);
  }
}
