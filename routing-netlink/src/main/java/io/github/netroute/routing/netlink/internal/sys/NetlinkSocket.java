package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkOverrunException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkTimeoutException;
import io.github.netroute.routing.netlink.internal.wire.NlError;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.NlMsgHeader;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket: sequence numbers, request/response exchanges (acks,
 * multipart dumps, errors with extended ack), pipelined batches, and multicast membership.
 *
 * <h2>Threading</h2>
 * A socket may be shared between threads. Each operation that touches the wire — {@link #exchange},
 * {@link #batch}, {@link #send}, {@link #receive} — holds the socket's one lock for its whole duration (an exchange
 * from send to its final ack or NLMSG_DONE, a batch for all its chunks), so exchanges never interleave and replies
 * are matched to requests by sequence number only. The send and receive buffers are owned by the socket and used
 * only under that lock; a buffer returned by {@link #receive} is valid until the next operation. Throughput comes
 * from batching, not from concurrent exchanges: use several sockets for parallelism. A socket that listens to
 * multicast groups should be used for nothing else (notifications would be skipped by exchanges), and read with
 * {@link #receive(int)} so that {@link #close()}, which takes the lock, is not blocked forever.
 *
 * <h2>Namespaces</h2>
 * {@link #open(Path, Options)} creates the socket inside the network namespace named by a file such as
 * {@code /run/netns/NAME} or {@code /proc/PID/ns/net}. A netlink socket stays bound to the namespace it was created
 * in, so this needs {@code setns(2)} only once, on a dedicated short-lived platform thread: the calling thread's
 * namespace is never changed, and that thread ends after switching back (even a failed switch back cannot leak).
 *
 * <h2>Buffers and allocation</h2>
 * Requests are copied into a direct send buffer (sequence number and flags patched there; the caller's buffer is not
 * modified); replies land in a direct receive buffer of at least 1 MiB, read with {@code MSG_TRUNC} so a datagram
 * that did not fit is detected (the buffer grows and {@link NetlinkException} EMSGSIZE is thrown — with a 1 MiB
 * buffer this needs a single netlink message over 1 MiB). The send/receive path allocates nothing per message.
 * Datagrams whose sender port id is not 0 (not the kernel) are dropped.
 *
 * <h2>Faults</h2>
 * A system call interrupted by a signal (EINTR) is issued again ({@link #interruptedCalls()} counts them); a receive
 * queue overflow (ENOBUFS) is {@link NetlinkOverrunException}; a datagram larger than the receive buffer (MSG_TRUNC)
 * is EMSGSIZE; with {@link Options#replyTimeoutMillis()} a blocking receive that gets nothing from the kernel for
 * that long is {@link NetlinkTimeoutException} (ETIMEDOUT). None of them leaves the socket unusable: later
 * exchanges skip the answers of an abandoned one by sequence number.
 */
public final class NetlinkSocket implements RtnlChannel {

  /**
   * Socket options.
   *
   * @param receiveBufferBytes SO_RCVBUF(FORCE) to request (the kernel doubles it); 0 keeps the default
   * @param extendedAck turn on NETLINK_EXT_ACK (error strings from the kernel)
   * @param strictCheck turn on NETLINK_GET_STRICT_CHK (strict header checks and kernel-side filtering of dumps;
   *     dump requests must then carry a full, zeroed fixed header)
   * @param capAck turn on NETLINK_CAP_ACK (error acks do not echo the request payload)
   * @param batchBytes at most this many request bytes per sendto in {@link #batch}
   * @param batchMessages at most this many requests in flight (unacked) in {@link #batch}
   * @param replyTimeoutMillis SO_RCVTIMEO: a blocking receive (an exchange's or a batch's) that gets no datagram from
   *     the kernel for this long fails with {@link NetlinkTimeoutException}; 0 waits forever
   */
  public record Options(int receiveBufferBytes, boolean extendedAck, boolean strictCheck, boolean capAck,
      int batchBytes, int batchMessages, int replyTimeoutMillis) {
    public Options {
      if (receiveBufferBytes < 0) throw new IllegalArgumentException("receiveBufferBytes < 0");
      if (replyTimeoutMillis < 0) throw new IllegalArgumentException("replyTimeoutMillis " + replyTimeoutMillis + " < 0");
      if (batchBytes < 1024) throw new IllegalArgumentException("batchBytes < 1024");
      if (batchMessages < 1) throw new IllegalArgumentException("batchMessages < 1");
    }

    /**
     * 1 MiB receive buffer, extended ack, strict checking, capped acks, 64 KiB / 256 requests per batch send, no
     * reply timeout (the client sets its own, see {@code NetlinkRouting.Options#replyTimeout}).
     */
    public static Options defaults() {
      return new Options(1 << 20, true, true, true, 64 << 10, 256, 0);
    }

    public Options withReceiveBufferBytes(int v) {
      return new Options(v, extendedAck, strictCheck, capAck, batchBytes, batchMessages, replyTimeoutMillis);
    }

    public Options withStrictCheck(boolean v) {
      return new Options(receiveBufferBytes, extendedAck, v, capAck, batchBytes, batchMessages, replyTimeoutMillis);
    }

    public Options withCapAck(boolean v) {
      return new Options(receiveBufferBytes, extendedAck, strictCheck, v, batchBytes, batchMessages,
          replyTimeoutMillis);
    }

    public Options withExtendedAck(boolean v) {
      return new Options(receiveBufferBytes, v, strictCheck, capAck, batchBytes, batchMessages, replyTimeoutMillis);
    }

    public Options withBatch(int bytes, int messages) {
      return new Options(receiveBufferBytes, extendedAck, strictCheck, capAck, bytes, messages, replyTimeoutMillis);
    }

    public Options withReplyTimeoutMillis(int millis) {
      return new Options(receiveBufferBytes, extendedAck, strictCheck, capAck, batchBytes, batchMessages, millis);
    }
  }

  // scratch layout: sockaddr_nl at 0 (12 bytes), socklen_t at 16, int optval at 24, pollfd at 32 (8 bytes),
  // struct timeval at 40 (16 bytes); SocketSetup fills it while creating the socket
  static final int SA = 0;
  static final int SALEN = 16;
  static final int OPT = 24;
  private static final int POLLFD = 32;
  static final int TIMEVAL = 40;
  static final int SCRATCH_SIZE = 64;
  private static final int MIN_RECEIVE_BUFFER = 1 << 20;

  private final int fd;
  private final int portId;
  private final boolean extendedAck;
  private final boolean strictCheck;
  private final boolean capAck;
  private final int receiveBufferSize;
  private final Options options;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger seq = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));
  private final ByteBuffer scratch;
  private final long scratchAddr;
  private final NlMsgCursor cursor = new NlMsgCursor();
  private ByteBuffer sendBuf;
  private long sendAddr;
  private ByteBuffer recvBuf;
  private long recvAddr;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.LongAdder interrupted = new java.util.concurrent.atomic.LongAdder();

  NetlinkSocket(int fd, int portId, boolean extendedAck, boolean strictCheck, boolean capAck,
      int receiveBufferSize, Options options, ByteBuffer scratch) {
    this.fd = fd;
    this.portId = portId;
    this.extendedAck = extendedAck;
    this.strictCheck = strictCheck;
    this.capAck = capAck;
    this.receiveBufferSize = receiveBufferSize;
    this.options = options;
    this.scratch = scratch;
    this.scratchAddr = LibC.address(scratch);
    this.sendBuf = direct(Math.max(options.batchBytes(), 8192));
    this.sendAddr = LibC.address(sendBuf);
    this.recvBuf = direct(MIN_RECEIVE_BUFFER);
    this.recvAddr = LibC.address(recvBuf);
  }

  static ByteBuffer direct(int size) {
    return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
  }

  // ------------------------------------------------------------------------------------------------ opening

  /** Opens a socket in the caller's network namespace with {@link Options#defaults()}. */
  public static NetlinkSocket open() throws NetlinkException {
    return open(Options.defaults());
  }

  /** Opens a socket in the caller's network namespace. */
  public static NetlinkSocket open(Options options) throws NetlinkException {
    Os.requireLinux();
    return SocketSetup.create(options);
  }

  /** Opens a socket in the network namespace of {@code netnsFile} (e.g. {@code /run/netns/NAME}), defaults. */
  public static NetlinkSocket open(Path netnsFile) throws NetlinkException {
    return open(netnsFile, Options.defaults());
  }

  /**
   * Opens a socket in the network namespace of {@code netnsFile} (e.g. {@code /run/netns/NAME} or
   * {@code /proc/PID/ns/net}). The namespace switch happens on a dedicated platform thread; the caller's namespace
   * is untouched. Needs CAP_SYS_ADMIN (setns).
   */
  public static NetlinkSocket open(Path netnsFile, Options options) throws NetlinkException {
    Os.requireLinux();
    return SocketSetup.openIn(netnsFile, options);
  }

  // ------------------------------------------------------------------------------------------------ properties

  /** The port id the kernel assigned (nl_pid of our address). */
  public int portId() {
    return portId;
  }

  /** Whether NETLINK_EXT_ACK was requested and accepted. */
  public boolean extendedAck() {
    return extendedAck;
  }

  /** Whether NETLINK_GET_STRICT_CHK was requested and accepted. */
  public boolean strictCheck() {
    return strictCheck;
  }

  /** Whether NETLINK_CAP_ACK was requested and accepted. */
  public boolean capAck() {
    return capAck;
  }

  /** SO_RCVBUF as the kernel reports it (doubled), or -1 if it could not be read. */
  public int receiveBufferSize() {
    return receiveBufferSize;
  }

  public Options options() {
    return options;
  }

  /**
   * How many system calls of this socket were interrupted by a signal (EINTR) and retried, for diagnostics: an
   * interrupted {@code sendto}, {@code recvfrom} or {@code poll} is simply issued again.
   */
  public long interruptedCalls() {
    return interrupted.sum();
  }

  /**
   * Test seam: replaces the receive buffer with one of {@code bytes} (at least 64), so that a datagram larger than
   * it — which the kernel truncates (MSG_TRUNC) — can be provoked without a megabyte-sized message. After a
   * truncation the buffer grows back to at least its usual 1 MiB.
   */
  void useReceiveBufferForTest(int bytes) {
    if (bytes < 64) throw new IllegalArgumentException("receive buffer of " + bytes + " bytes");
    lock.lock();
    try {
      recvBuf = direct(bytes);
      recvAddr = LibC.address(recvBuf);
    } finally {
      lock.unlock();
    }
  }

  /** Test seam: sets an int socket option (e.g. NETLINK_NO_ENOBUFS); false when the kernel refuses it. */
  boolean setIntOptionForTest(int level, int option, int value) {
    lock.lock();
    try {
      return !closed && SocketSetup.setInt(fd, scratch, scratchAddr, level, option, value);
    } finally {
      lock.unlock();
    }
  }

  /** A fresh sequence number (never 0, which notifications use). */
  public int nextSeq() {
    int s;
    do {
      s = seq.incrementAndGet();
    } while (s == 0);
    return s;
  }

  public boolean isOpen() {
    return !closed;
  }

  // ------------------------------------------------------------------------------------------------ multicast

  /** Joins an rtnetlink multicast group ({@code Rtnl.RTNLGRP_*}). */
  public void joinGroup(int group) throws NetlinkException {
    membership(Netlink.NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP");
  }

  public void leaveGroup(int group) throws NetlinkException {
    membership(Netlink.NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP");
  }

  private void membership(int opt, int group, String what) throws NetlinkException {
    lock.lock();
    try {
      ensureOpen();
      if (!SocketSetup.setInt(fd, scratch, scratchAddr, Netlink.SOL_NETLINK, opt, group)) {
        throw NetlinkException.syscall(what + " " + group, LibC.errno());
      }
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------------------ raw I/O

  /** Sends {@code [position, limit)} of {@code messages} as one datagram, unchanged (no seq patching). */
  public void send(ByteBuffer messages) throws NetlinkException {
    lock.lock();
    try {
      ensureOpen();
      int n = messages.remaining();
      ensureSendCapacity(n);
      sendBuf.put(0, messages, messages.position(), n);
      sendRaw(n, "send");
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks for the next datagram from the kernel and returns the receive buffer holding it ({@code [0, limit)},
   * native order; valid until the next operation on this socket). Throws {@link NetlinkOverrunException} when the
   * kernel dropped messages (ENOBUFS).
   */
  public ByteBuffer receive() throws NetlinkException {
    lock.lock();
    try {
      ensureOpen();
      int n = receiveRaw("recv", 0);
      return recvBuf.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(n);
    } finally {
      lock.unlock();
    }
  }

  /** Like {@link #receive()} but gives up after {@code timeoutMillis} (negative: wait forever); null on timeout. */
  public ByteBuffer receive(int timeoutMillis) throws NetlinkException {
    lock.lock();
    try {
      ensureOpen();
      while (true) {
        scratch.putInt(POLLFD, fd);
        scratch.putShort(POLLFD + 4, Netlink.POLLIN);
        scratch.putShort(POLLFD + 6, (short) 0);
        int r = LibC.poll(scratchAddr + POLLFD, 1, timeoutMillis);
        if (r < 0) {
          int e = LibC.errno();
          if (e == Errno.EINTR) {
            interrupted.increment();
            continue;
          }
          throw NetlinkException.syscall("poll", e);
        }
        if (r == 0) return null;
        int n = receiveRaw("recv", Netlink.MSG_DONTWAIT);
        if (n < 0) continue; // woken for a datagram we dropped (not from the kernel) or spuriously
        return recvBuf.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(n);
      }
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() throws NetlinkException {
    if (closed) throw new NetlinkException("use", Errno.EBADF, "netlink socket is closed");
  }

  private void ensureSendCapacity(int n) {
    if (n > sendBuf.capacity()) {
      sendBuf = direct(Math.max(n, sendBuf.capacity() * 2));
      sendAddr = LibC.address(sendBuf);
    }
  }

  void sendRaw(int len, String op) throws NetlinkException {
    while (true) {
      long r = LibC.sendto(fd, sendAddr, len, 0, 0L, 0);
      if (r >= 0) return;
      int e = LibC.errno();
      if (e != Errno.EINTR) throw NetlinkException.syscall(op + " sendto", e);
      interrupted.increment();
    }
  }

  /**
   * Receives one datagram from the kernel into {@link #recvBuf}; returns its length, or -1 when {@code flags}
   * has MSG_DONTWAIT and nothing (from the kernel) was there.
   */
  int receiveRaw(String op, int flags) throws NetlinkException {
    while (true) {
      scratch.putInt(SALEN, Netlink.SOCKADDR_NL_SIZE);
      int cap = recvBuf.capacity();
      long n = LibC.recvfrom(fd, recvAddr, cap, flags | Netlink.MSG_TRUNC, scratchAddr + SA, scratchAddr + SALEN);
      if (n < 0) {
        int e = LibC.errno();
        if (e == Errno.EINTR) {
          interrupted.increment();
          continue;
        }
        if (e == Errno.EAGAIN && (flags & Netlink.MSG_DONTWAIT) != 0) return -1;
        if (e == Errno.EAGAIN && options.replyTimeoutMillis() > 0) {
          throw new NetlinkTimeoutException(op, options.replyTimeoutMillis());
        }
        if (e == Errno.ENOBUFS) throw new NetlinkOverrunException(op);
        throw NetlinkException.syscall(op + " recvfrom", e);
      }
      if (scratch.getInt(SA + 4) != 0) {
        if ((flags & Netlink.MSG_DONTWAIT) != 0) return -1;
        continue; // not from the kernel
      }
      if (n > cap) {
        recvBuf = direct((int) Math.min(Integer.MAX_VALUE - 8, Math.max(n + 4096, Math.max(2L * cap,
            MIN_RECEIVE_BUFFER))));
        recvAddr = LibC.address(recvBuf);
        throw new NetlinkException(op, Errno.EMSGSIZE, op + ": a " + n + "-byte datagram did not fit the " + cap
            + "-byte receive buffer and was lost (buffer grown for next time)");
      }
      return (int) n;
    }
  }

  // ------------------------------------------------------------------------------------------------ exchanges

  /**
   * Sends the single message in {@code request} (NLM_F_REQUEST and — except for GET requests — NLM_F_ACK are
   * added, a fresh sequence number is set) and hands every reply message with that sequence number to
   * {@code handler}, until the kernel's ack (NLMSG_ERROR 0), for a dump NLMSG_DONE, and for a non-dump GET without
   * NLM_F_ACK its one reply message (exactly the bytes iproute2 sends for {@code ip route get}).
   *
   * @throws NetlinkErrorException the kernel rejected the request (or failed the dump), with its extended ack
   * @throws NetlinkOverrunException the receive queue overflowed during the exchange (during a dump: reported once
   *     the dump has been read to its end, so that the socket can dump again at once; messages delivered before the
   *     overflow may be delivered again by that new dump)
   * @throws NetlinkTimeoutException no datagram from the kernel within {@link Options#replyTimeoutMillis()}
   * @throws NetlinkDecodeException a reply could not be parsed
   */
  public ExchangeResult exchange(AttrWriter request, ReplyHandler handler) throws NetlinkException {
    request.check();
    return exchange(request.buffer(), 0, request.size(), handler);
  }

  /** {@link #exchange(AttrWriter, ReplyHandler)} for a request in {@code [position, limit)} of a buffer. */
  public ExchangeResult exchange(ByteBuffer request, ReplyHandler handler) throws NetlinkException {
    return exchange(request, request.position(), request.limit(), handler);
  }

  private ExchangeResult exchange(ByteBuffer src, int from, int to, ReplyHandler handler) throws NetlinkException {
    int len = to - from;
    if (len < NlMsgHeader.SIZE) throw new NetlinkException("send", Errno.EINVAL, "request shorter than nlmsghdr");
    ByteBuffer in = NlMsgHeader.native_(src);
    int mlen = in.getInt(from);
    if (mlen < NlMsgHeader.SIZE || mlen > len || Netlink.align(mlen) < len) {
      throw new NetlinkException("send", Errno.EINVAL,
          "exchange takes exactly one message; nlmsg_len " + mlen + " in " + len + " bytes (use batch for many)");
    }
    int type = in.getShort(from + 4) & 0xFFFF;
    int flags = in.getShort(from + 6) & 0xFFFF;
    String op = Netlink.typeName(type);
    // GET requests are sent as iproute2 sends them: no NLM_F_ACK (a dump ends with NLMSG_DONE, a single GET with its
    // one reply or an error); everything else asks for an ack
    boolean get = type >= Netlink.NLMSG_MIN_TYPE && (type & 3) == 2;
    boolean singleReply = get && (flags & Netlink.NLM_F_DUMP) == 0 && (flags & Netlink.NLM_F_ACK) == 0;
    boolean dump = (flags & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
    int add = get ? Netlink.NLM_F_REQUEST : Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;
    lock.lock();
    try {
      ensureOpen();
      ensureSendCapacity(len);
      sendBuf.put(0, in, from, len);
      int s = nextSeq();
      sendBuf.putShort(6, (short) (sendBuf.getShort(6) | add));
      sendBuf.putInt(8, s);
      sendBuf.putInt(12, 0);
      sendRaw(len, op);
      boolean interrupted = false;
      boolean overrun = false;
      int count = 0;
      NlMsgCursor c = cursor;
      while (true) {
        int n;
        try {
          n = receiveRaw(op, 0);
        } catch (NetlinkOverrunException e) {
          if (!dump) throw e;
          // the kernel dropped messages for this socket. A dump is never lossy itself, but it keeps running in the
          // kernel (a second dump on the socket would be EBUSY): read it to its NLMSG_DONE, delivering nothing more,
          // then report the overrun so that the caller can dump again on a clean socket
          overrun = true;
          continue;
        }
        c.reset(recvBuf, 0, n);
        while (c.next()) {
          if (c.seq() != s) continue; // a notification or the tail of an abandoned exchange
          if ((c.flags() & Netlink.NLM_F_DUMP_INTR) != 0) interrupted = true;
          switch (c.type()) {
            case Netlink.NLMSG_ERROR: {
              NlError e = NlError.decodeError(c);
              if (e.isAck()) return new ExchangeResult(count, interrupted);
              if (dump && e.errno() == Errno.ENOBUFS) {
                // netlink_dump_start found the queue full: the dump stays registered and starts once there is room
                overrun = true;
                break;
              }
              throw e.toException(op);
            }
            case Netlink.NLMSG_DONE: {
              if (overrun) throw new NetlinkOverrunException(op);
              NlError d = NlError.decodeDone(c);
              if (d.isAck()) return new ExchangeResult(count, interrupted);
              throw d.toException(op + " dump");
            }
            case Netlink.NLMSG_OVERRUN:
              if (!dump) throw new NetlinkOverrunException(op);
              overrun = true;
              break;
            case Netlink.NLMSG_NOOP:
              break;
            default:
              count++;
              if (!overrun) handler.onMessage(c);
              if (singleReply) return new ExchangeResult(count, interrupted);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------------------ batches

  /**
   * Sends every message in {@code requests} (written back to back, e.g. 100 000 RTM_NEWROUTE) pipelined: packed into
   * datagrams of at most {@link Options#batchBytes()} / {@link Options#batchMessages()}, each datagram's answers
   * drained before the next is sent. NLM_F_REQUEST is added and consecutive sequence numbers set. A failed request
   * does not stop the batch; its errno and extended-ack message are in the result at its index.
   * Requests must be acked operations (NEW/DEL/SET), not dumps.
   *
   * <h3>Errors and one ack per datagram</h3>
   * The kernel answers a request with an error message when it fails (always) and with a success ack only when asked
   * (NLM_F_ACK). rtnetlink handles the requests of a datagram one after the other inside {@code sendto}, queueing their
   * answers in order, so only the <em>last</em> request of each datagram asks for an ack (NLM_F_ACK is cleared on the
   * others): when that ack (or that request's error) has been read, every error of the datagram has been read before
   * it, and a request without an error succeeded. This spares the kernel one ack message, and the client one
   * {@code recvmsg}, per request — most of a bulk install's cost besides the FIB insert itself.
   *
   * <p>When the receive queue overflows while a datagram's answers are queued (ENOBUFS), error messages may have been
   * dropped: every request of that datagram without an error read is reported at its index with ENOBUFS and
   * {@link BatchResult#ACK_LOST} — it may or may not have taken effect — never as a success. The batch goes on with
   * the next datagram.
   */
  public BatchResult batch(AttrWriter requests) throws NetlinkException {
    requests.check();
    ByteBuffer src = requests.buffer();
    int end = requests.size();
    NlMsgCursor walk = new NlMsgCursor(src, 0, end);
    int total = 0;
    while (walk.next()) total++;
    BatchResult result = new BatchResult(total);
    if (total == 0) return result;
    lock.lock();
    try {
      ensureOpen();
      PipelinedBatch.run(this, src, end, result);
      return result;
    } finally {
      lock.unlock();
    }
  }

  // the batch's access to the socket, under the lock

  /** {@code n} consecutive sequence numbers; returns the first. */
  int reserveSeqs(int n) {
    return seq.getAndAdd(n) + 1;
  }

  /** The send buffer, grown to {@code needed} bytes if smaller, keeping its first {@code used} bytes. */
  ByteBuffer sendBuffer(int used, int needed) {
    if (needed > sendBuf.capacity()) {
      ByteBuffer nb = direct(Math.max(needed, sendBuf.capacity() * 2));
      nb.put(0, sendBuf, 0, used);
      sendBuf = nb;
      sendAddr = LibC.address(sendBuf);
    }
    return sendBuf;
  }

  /** The receive buffer holding the datagram {@link #receiveRaw} returned. */
  ByteBuffer receiveBuffer() {
    return recvBuf;
  }

  /** The socket's reusable message cursor. */
  NlMsgCursor cursor() {
    return cursor;
  }

  // ------------------------------------------------------------------------------------------------ closing

  /** Closes the socket; waits for an operation in progress on another thread to finish. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        LibC.close(fd);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "NetlinkSocket[fd=" + fd + ", pid=" + Integer.toUnsignedString(portId) + (closed ? ", closed" : "") + "]";
  }
}
