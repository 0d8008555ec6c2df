package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket.Options;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating a {@link NetlinkSocket}: socket(2), the socket options, bind(2) and getsockname(2), optionally in another
 * network namespace entered with setns(2) on a dedicated short-lived platform thread (the caller's namespace is never
 * changed; that thread ends right after switching back).
 */
final class SocketSetup {
  private static final Logger LOG = LoggerFactory.getLogger(NetlinkSocket.class);
  private static final int SNDBUF_DEFAULT_LIMIT = 200 << 10;

  private SocketSetup() {}

  /** A socket in the network namespace of {@code netnsFile}, created on a thread that switches there. */
  static NetlinkSocket openIn(Path netnsFile, Options options) throws NetlinkException {
    byte[] target = cString(netnsFile.toString());
    Object[] result = new Object[1];
    // the socket may be half made when the caller is interrupted: the thread is waited for either way
    NamespaceThread.run("netroute-setns", () -> {
      try {
        result[0] = switchAndCreate(target, netnsFile, options);
      } catch (Throwable e) {
        result[0] = e;
      }
    });
    Object r = result[0];
    if (r instanceof NetlinkSocket s) return s;
    if (r instanceof NetlinkException e) throw e;
    if (r instanceof RuntimeException e) throw e;
    if (r instanceof Error e) throw e;
    throw new NetlinkException("setns", 0, "opening a socket in " + netnsFile + " failed", (Throwable) r);
  }

  private static NetlinkSocket switchAndCreate(byte[] target, Path netnsFile, Options options) throws NetlinkException {
    int self = LibC.open(cString("/proc/thread-self/ns/net"), Netlink.O_RDONLY | Netlink.O_CLOEXEC);
    if (self < 0) throw NetlinkException.syscall("open /proc/thread-self/ns/net", LibC.errno());
    try {
      int ns = LibC.open(target, Netlink.O_RDONLY | Netlink.O_CLOEXEC);
      if (ns < 0) throw NetlinkException.syscall("open " + netnsFile, LibC.errno());
      try {
        if (LibC.setns(ns, Netlink.CLONE_NEWNET) != 0) {
          throw NetlinkException.syscall("setns " + netnsFile, LibC.errno());
        }
        try {
          return create(options);
        } finally {
          if (LibC.setns(self, Netlink.CLONE_NEWNET) != 0) {
            // this thread ends right after; nothing else ever runs in the namespace it is stuck in
            LOG.warn("setns back to the original network namespace failed: {}", Errno.describe(LibC.errno()));
          }
        }
      } finally {
        LibC.close(ns);
      }
    } finally {
      LibC.close(self);
    }
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  /** A socket in the calling thread's network namespace, options applied, bound, port id read. */
  static NetlinkSocket create(Options o) throws NetlinkException {
    int fd = LibC.socket(Netlink.AF_NETLINK, Netlink.SOCK_RAW | Netlink.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
    if (fd < 0) throw NetlinkException.syscall("socket(AF_NETLINK, NETLINK_ROUTE)", LibC.errno());
    ByteBuffer scratch = NetlinkSocket.direct(NetlinkSocket.SCRATCH_SIZE);
    long sa = LibC.address(scratch);
    try {
      if (o.receiveBufferBytes() > 0
          && !setInt(fd, scratch, sa, Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, o.receiveBufferBytes())
          && !setInt(fd, scratch, sa, Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, o.receiveBufferBytes())) {
        LOG.debug("SO_RCVBUF {} refused: {}", o.receiveBufferBytes(), Errno.describe(LibC.errno()));
      }
      if (o.batchBytes() > SNDBUF_DEFAULT_LIMIT
          && !setInt(fd, scratch, sa, Netlink.SOL_SOCKET, Netlink.SO_SNDBUFFORCE, o.batchBytes() * 2)) {
        setInt(fd, scratch, sa, Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, o.batchBytes() * 2);
      }
      if (o.replyTimeoutMillis() > 0) {
        scratch.putLong(NetlinkSocket.TIMEVAL, o.replyTimeoutMillis() / 1000); // struct timeval: tv_sec, tv_usec
        scratch.putLong(NetlinkSocket.TIMEVAL + 8, (o.replyTimeoutMillis() % 1000) * 1000L);
        if (LibC.setsockopt(fd, Netlink.SOL_SOCKET, Netlink.SO_RCVTIMEO, sa + NetlinkSocket.TIMEVAL, 16) != 0) {
          throw NetlinkException.syscall("setsockopt SO_RCVTIMEO " + o.replyTimeoutMillis() + " ms", LibC.errno());
        }
      }
      boolean ext = o.extendedAck() && setInt(fd, scratch, sa, Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
      boolean strict = o.strictCheck()
          && setInt(fd, scratch, sa, Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
      boolean cap = o.capAck() && setInt(fd, scratch, sa, Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);

      scratch.putShort(NetlinkSocket.SA, (short) Netlink.AF_NETLINK);
      scratch.putShort(NetlinkSocket.SA + 2, (short) 0);
      scratch.putInt(NetlinkSocket.SA + 4, 0); // let the kernel pick the port id
      scratch.putInt(NetlinkSocket.SA + 8, 0);
      if (LibC.bind(fd, sa + NetlinkSocket.SA, Netlink.SOCKADDR_NL_SIZE) != 0) {
        throw NetlinkException.syscall("bind", LibC.errno());
      }
      scratch.putInt(NetlinkSocket.SALEN, Netlink.SOCKADDR_NL_SIZE);
      if (LibC.getsockname(fd, sa + NetlinkSocket.SA, sa + NetlinkSocket.SALEN) != 0) {
        throw NetlinkException.syscall("getsockname", LibC.errno());
      }
      int pid = scratch.getInt(NetlinkSocket.SA + 4);
      int rcvbuf = getInt(fd, scratch, sa, Netlink.SOL_SOCKET, Netlink.SO_RCVBUF);
      LOG.debug("netlink socket fd={} pid={} rcvbuf={} extack={} strict={} capack={}", fd,
          Integer.toUnsignedString(pid), rcvbuf, ext, strict, cap);
      return new NetlinkSocket(fd, pid, ext, strict, cap, rcvbuf, o, scratch);
    } catch (NetlinkException | RuntimeException | Error e) {
      LibC.close(fd);
      throw e;
    }
  }

  /** setsockopt(2) of an int through the scratch buffer at address {@code sa}; false on failure (errno set). */
  static boolean setInt(int fd, ByteBuffer scratch, long sa, int level, int opt, int value) {
    scratch.putInt(NetlinkSocket.OPT, value);
    return LibC.setsockopt(fd, level, opt, sa + NetlinkSocket.OPT, 4) == 0;
  }

  private static int getInt(int fd, ByteBuffer scratch, long sa, int level, int opt) {
    scratch.putInt(NetlinkSocket.SALEN, 4);
    return LibC.getsockopt(fd, level, opt, sa + NetlinkSocket.OPT, sa + NetlinkSocket.SALEN) == 0
        ? scratch.getInt(NetlinkSocket.OPT) : -1;
  }
}
