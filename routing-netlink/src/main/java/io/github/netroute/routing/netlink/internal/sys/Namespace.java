package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a client's sockets live: the caller's network namespace, a namespace named by a file
 * ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}), or a fresh anonymous namespace made with
 * {@code unshare(CLONE_NEWNET)} and kept alive by an open file descriptor (reached as {@code /proc/self/fd/N}) until
 * {@link #close()}. Every socket of a client (requests, name lookups, subscriptions) is opened through the same
 * instance, so they all see the same namespace.
 */
public final class Namespace implements AutoCloseable {
  private final Path file;
  private final int heldFd;
  private final String description;
  private volatile boolean closed;

  private Namespace(Path file, int heldFd, String description) {
    this.file = file;
    this.heldFd = heldFd;
    this.description = description;
  }

  /** The namespace of the calling thread (sockets are opened directly, no setns). */
  public static Namespace current() {
    return new Namespace(null, -1, "the caller's network namespace");
  }

  /** The namespace of a file such as {@code /run/netns/NAME}. */
  public static Namespace of(Path file) {
    return new Namespace(file, -1, file.toString());
  }

  /**
   * A new, empty network namespace (only a down {@code lo}): a dedicated platform thread calls
   * {@code unshare(CLONE_NEWNET)}, opens its new namespace's file, and switches back before it ends, so no other
   * thread ever changes namespace. Needs CAP_SYS_ADMIN.
   */
  public static Namespace isolated() throws NetlinkException {
    Os.requireLinux();
    int[] fd = {-1};
    NetlinkException[] failure = new NetlinkException[1];
    NamespaceThread.run("netroute-unshare", () -> {
      int self = LibC.open(cString("/proc/thread-self/ns/net"), Netlink.O_RDONLY | Netlink.O_CLOEXEC);
      if (self < 0) {
        failure[0] = NetlinkException.syscall("open /proc/thread-self/ns/net", LibC.errno());
        return;
      }
      try {
        if (LibC.unshare(Netlink.CLONE_NEWNET) != 0) {
          failure[0] = NetlinkException.syscall("unshare(CLONE_NEWNET)", LibC.errno());
          return;
        }
        int ns = LibC.open(cString("/proc/thread-self/ns/net"), Netlink.O_RDONLY | Netlink.O_CLOEXEC);
        if (ns < 0) failure[0] = NetlinkException.syscall("open new namespace", LibC.errno());
        fd[0] = ns;
        // switch back; if that fails this thread just ends, nothing else runs on it
        LibC.setns(self, Netlink.CLONE_NEWNET);
      } finally {
        LibC.close(self);
      }
    });
    if (failure[0] != null) throw failure[0];
    return new Namespace(Path.of("/proc/self/fd/" + fd[0]), fd[0], "an isolated network namespace (fd " + fd[0] + ")");
  }

  /**
   * Opens {@code /run/netns/NAME} read-only, as iproute2's {@code netns_get_fd()} does, for IFLA_NET_NS_FD; close it
   * with {@link #closeFd} once the request is answered.
   */
  public static int openNamedFd(String name) throws NetlinkException {
    Os.requireLinux();
    String path = "/run/netns/" + name;
    int fd = LibC.open(cString(path), Netlink.O_RDONLY | Netlink.O_CLOEXEC);
    if (fd < 0) throw NetlinkException.syscall("open " + path, LibC.errno());
    return fd;
  }

  /** Closes a descriptor from {@link #openNamedFd}. */
  public static void closeFd(int fd) {
    if (fd >= 0) LibC.close(fd);
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  /** Opens a NETLINK_ROUTE socket in this namespace. */
  public NetlinkSocket openSocket(NetlinkSocket.Options options) throws NetlinkException {
    if (closed) throw new NetlinkException("open", Errno.EBADF, "the client is closed");
    return file == null ? NetlinkSocket.open(options) : NetlinkSocket.open(file, options);
  }

  /** The namespace file, or null for the caller's namespace. */
  public Path file() {
    return file;
  }

  /** Releases an isolated namespace's file descriptor (the namespace goes away with its last socket). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (heldFd >= 0) LibC.close(heldFd);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
