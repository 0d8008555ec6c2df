package io.github.netroute.routing.netlink.internal.wire;

import java.nio.ByteBuffer;

/**
 * A decoded {@code NLMSG_ERROR} (ack or error) or {@code NLMSG_DONE} status.
 *
 * <p>Layout of NLMSG_ERROR: {@code int error} (0 or a negated errno), the original request's nlmsghdr, then —
 * unless {@code NLM_F_CAPPED} — the original payload (NLMSG_ALIGNed), then — with {@code NLM_F_ACK_TLVS} —
 * extended-ack attributes ({@code NLMSGERR_ATTR_MSG} string, {@code NLMSGERR_ATTR_OFFS} u32, ...). Kernels since
 * 4.x send successful acks capped. NLMSG_DONE carries an {@code int} status (negative errno for a failed dump)
 * optionally followed by extended-ack attributes.
 *
 * @param error 0 or a <em>negative</em> errno, as the kernel sends it
 * @param request the echoed request header (null for NLMSG_DONE)
 * @param extackMessage NLMSGERR_ATTR_MSG or null
 * @param extackOffset NLMSGERR_ATTR_OFFS or -1
 * @param missingType NLMSGERR_ATTR_MISS_TYPE or -1
 */
public record NlError(int error, NlMsgHeader request, String extackMessage, int extackOffset, int missingType) {

  /** Positive errno (0 for success). */
  public int errno() {
    return -error;
  }

  public boolean isAck() {
    return error == 0;
  }

  public NetlinkErrorException toException(String operation) {
    return new NetlinkErrorException(operation, -error, extackMessage, extackOffset, request);
  }

  /** Decodes the NLMSG_ERROR message the cursor is on. */
  public static NlError decodeError(NlMsgCursor c) throws NetlinkDecodeException {
    return decodeError(c.buffer(), c.offset(), c.length(), c.flags());
  }

  /** Decodes an NLMSG_ERROR message at {@code offset} of length {@code length} with nlmsg_flags {@code flags}. */
  public static NlError decodeError(ByteBuffer buf, int offset, int length, int flags) throws NetlinkDecodeException {
    buf = NlMsgHeader.native_(buf);
    int p = offset + NlMsgHeader.SIZE;
    int end = offset + length;
    if (end - p < Netlink.NLMSGERR_SIZE) {
      throw new NetlinkDecodeException("NLMSG_ERROR payload " + (end - p) + " bytes, need 20", offset);
    }
    int error = buf.getInt(p);
    NlMsgHeader request = NlMsgHeader.decode(buf, p + 4, end);
    int tlv = p + Netlink.NLMSGERR_SIZE;
    if ((flags & Netlink.NLM_F_CAPPED) == 0) {
      long echoed = Netlink.align(request.length() - NlMsgHeader.SIZE);
      if (echoed > end - tlv) {
        if ((flags & Netlink.NLM_F_ACK_TLVS) != 0) {
          throw new NetlinkDecodeException("NLMSG_ERROR echoes " + echoed + " request bytes, only " + (end - tlv)
              + " left", offset);
        }
        echoed = end - tlv; // an old kernel that echoed a truncated request: nothing follows anyway
      }
      tlv += (int) echoed;
    }
    return withExtack(error, request, buf, tlv, end, flags, offset);
  }

  /** Decodes the status of the NLMSG_DONE message the cursor is on (an empty payload counts as 0). */
  public static NlError decodeDone(NlMsgCursor c) throws NetlinkDecodeException {
    ByteBuffer buf = c.buffer();
    int p = c.payloadOffset();
    int end = c.messageEnd();
    if (end - p < 4) {
      if (end == p) return new NlError(0, null, null, -1, -1);
      throw new NetlinkDecodeException("NLMSG_DONE payload " + (end - p) + " bytes, need 4", c.offset());
    }
    // some families report a positive byte count here; only a negative value is an error
    return withExtack(Math.min(0, buf.getInt(p)), null, buf, p + 4, end, c.flags(), c.offset());
  }

  private static NlError withExtack(int error, NlMsgHeader request, ByteBuffer buf, int start, int end, int flags,
      int where) throws NetlinkDecodeException {
    String msg = null;
    int offs = -1;
    int miss = -1;
    if ((flags & Netlink.NLM_F_ACK_TLVS) != 0 && start < end) {
      AttrReader r = new AttrReader(buf, start, end);
      while (r.next()) {
        switch (r.type()) {
          case Netlink.NLMSGERR_ATTR_MSG: msg = r.string(); break;
          case Netlink.NLMSGERR_ATTR_OFFS: offs = r.u32(); break;
          case Netlink.NLMSGERR_ATTR_MISS_TYPE: miss = r.u32(); break;
          default: break;
        }
      }
      r.check();
    }
    if (error > 0) throw new NetlinkDecodeException("positive error " + error + " in netlink status", where);
    return new NlError(error, request, msg, offs, miss);
  }
}
