package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import java.nio.ByteBuffer;

/**
 * The body of {@link NetlinkSocket#batch}, run with the socket's lock held: requests packed into datagrams of at most
 * {@link NetlinkSocket.Options#batchBytes()} / {@link NetlinkSocket.Options#batchMessages()}, NLM_F_REQUEST added,
 * consecutive sequence numbers set, NLM_F_ACK only on each datagram's last request, and each datagram's answers
 * drained before the next is sent (see {@link NetlinkSocket#batch} for why one ack per datagram suffices).
 */
final class PipelinedBatch {
  private PipelinedBatch() {}

  /** Sends the messages in {@code [0, end)} of {@code src}, recording each request's outcome in {@code result}. */
  static void run(NetlinkSocket socket, ByteBuffer src, int end, BatchResult result) throws NetlinkException {
    int maxBytes = socket.options().batchBytes();
    int maxMsgs = socket.options().batchMessages();
    boolean[] seen = new boolean[maxMsgs];
    NlMsgCursor walk = new NlMsgCursor(src, 0, end);
    walk.next();
    int index = 0;
    boolean more = true;
    while (more) {
      // pack one datagram
      int base = index;
      int baseSeq = socket.reserveSeqs(maxMsgs);
      int len = 0;
      int k = 0;
      int last = 0;
      ByteBuffer sendBuf;
      do {
        int mlen = walk.length();
        int span = Netlink.align(mlen);
        if (k > 0 && len + span > maxBytes) break;
        sendBuf = socket.sendBuffer(len, len + span);
        sendBuf.put(len, src, walk.offset(), mlen);
        for (int i = mlen; i < span; i++) sendBuf.put(len + i, (byte) 0);
        sendBuf.putShort(len + 6,
            (short) ((sendBuf.getShort(len + 6) | Netlink.NLM_F_REQUEST) & ~Netlink.NLM_F_ACK));
        sendBuf.putInt(len + 8, baseSeq + k);
        sendBuf.putInt(len + 12, 0);
        last = len;
        len += span;
        k++;
        more = walk.next();
      } while (more && k < maxMsgs);
      // only the datagram's last request asks for an ack: it marks the end of the datagram's answers
      sendBuf = socket.sendBuffer(len, len);
      sendBuf.putShort(last + 6, (short) (sendBuf.getShort(last + 6) | Netlink.NLM_F_ACK));
      socket.sendRaw(len, "batch");
      drainAcks(socket, result, base, baseSeq, k, seen);
      index += k;
    }
  }

  /**
   * Reads the answers to one datagram of {@code count} requests: error messages for the failed ones and, last, the
   * ack (or error) of its last request. On an overflow, every request without an error read is reported lost.
   */
  private static void drainAcks(NetlinkSocket socket, BatchResult result, int base, int baseSeq, int count,
      boolean[] seen) throws NetlinkException {
    java.util.Arrays.fill(seen, 0, count, false);
    boolean done = false;
    boolean lost = false;
    NlMsgCursor c = socket.cursor();
    while (!done) {
      int n;
      if (!lost) {
        try {
          n = socket.receiveRaw("batch", 0);
        } catch (NetlinkOverrunException e) {
          // every answer of this datagram is already queued or dropped (rtnetlink answers inside sendto): collect
          // what is left without blocking, then report the requests without an answer as lost
          lost = true;
          continue;
        }
      } else {
        try {
          n = socket.receiveRaw("batch", Netlink.MSG_DONTWAIT);
        } catch (NetlinkOverrunException e) {
          continue;
        }
        if (n < 0) break;
      }
      ByteBuffer recvBuf = socket.receiveBuffer();
      c.reset(recvBuf, 0, n);
      while (c.next()) {
        int rel = c.seq() - baseSeq;
        if (rel < 0 || rel >= count || seen[rel]) continue;
        if (c.type() == Netlink.NLMSG_ERROR) {
          seen[rel] = true;
          if (recvBuf.getInt(c.payloadOffset()) != 0) { // the last request's ack (0) needs no decoding
            NlError e = NlError.decodeError(c);
            result.set(base + rel, e.errno(), e.extackMessage());
          }
          if (rel == count - 1) done = true;
        } else if (c.type() == Netlink.NLMSG_OVERRUN) {
          lost = true;
        }
      }
    }
    if (lost || !done) {
      for (int i = 0; i < count; i++) {
        if (!seen[i]) result.set(base + i, Errno.ENOBUFS, BatchResult.ACK_LOST);
      }
    }
  }
}
