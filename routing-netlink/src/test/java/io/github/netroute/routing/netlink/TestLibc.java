package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * libc for the real-kernel tests that act outside the client: a thread of their own entering a throwaway namespace
 * ({@code setns}), a foreign NETLINK_ROUTE socket sending forged datagrams, and signals. Never used by the code under
 * test (that has its own {@code internal.sys.LibC}).
 */
final class TestLibc {
  private TestLibc() {}

  static final int CLONE_NEWNET = 0x40000000;
  static final int O_RDONLY_CLOEXEC = 0x80000;

  /** The calls the tests make. */
  interface C extends Library {
    int open(String path, int flags);

    int setns(int fd, int nstype);

    int close(int fd);

    int socket(int domain, int type, int protocol);

    long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

    int sigaction(int signum, Pointer act, Pointer oldact);

    int tgkill(int tgid, int tid, int sig);

    int gettid();

    int getpid();
  }

  static final C LIBC = Native.load("c", C.class);

  /** Moves the calling thread (only it) into the namespace {@code /run/netns/NAME}. */
  static void enter(String name) {
    int fd = LIBC.open("/run/netns/" + name, O_RDONLY_CLOEXEC);
    assertTrue(fd >= 0, "open /run/netns/" + name + ": errno " + Native.getLastError());
    try {
      assertEquals(0, LIBC.setns(fd, CLONE_NEWNET), "setns: errno " + Native.getLastError());
    } finally {
      LIBC.close(fd);
    }
  }

  /** A raw NETLINK_ROUTE socket created inside the namespace {@code NAME} (by a thread that entered it). */
  static int foreignSocket(String name) throws InterruptedException {
    int[] fd = {-1};
    Thread t = new Thread(() -> {
      enter(name);
      fd[0] = LIBC.socket(16, 3 | 0x80000, 0); // AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE
    }, "nr-test-foreign-socket");
    t.start();
    t.join();
    assertTrue(fd[0] >= 0, "foreign socket: errno " + Native.getLastError());
    return fd[0];
  }

  /** {@code struct sockaddr_nl} for the socket with port id {@code pid}. */
  static byte[] sockaddrNl(int pid) {
    byte[] a = new byte[12];
    ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).putShort(0, (short) 16).putInt(4, pid);
    return a;
  }
}
