package io.github.netroute.routing.netlink.internal.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.Buffer;

/**
 * The few libc calls netroute needs, bound with JNA <em>direct mapping</em> ({@link Native#register}): no proxy,
 * no {@code Structure}, no per-call allocation. Pointers travel as {@code long} addresses (this class is only
 * loaded on 64-bit Linux, see {@link Os#requireLinux()}, where pointers, {@code size_t} and {@code long} are the
 * same 64-bit integer in the calling convention); {@code socklen_t} is an {@code int}. A call returning -1 leaves
 * its errno in {@link #errno()}, which must be read right after the call on the same thread.
 *
 * <p>Never touch this class on another OS: its static initialiser loads libc.
 */
final class LibC {
  static {
    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private LibC() {}

  static native int socket(int domain, int type, int protocol);

  static native int bind(int fd, long addr, int addrlen);

  static native int getsockname(int fd, long addr, long addrlenPtr);

  static native int setsockopt(int fd, int level, int optname, long optval, int optlen);

  static native int getsockopt(int fd, int level, int optname, long optval, long optlenPtr);

  static native long sendto(int fd, long buf, long len, int flags, long destAddr, int addrlen);

  static native long recvfrom(int fd, long buf, long len, int flags, long srcAddr, long addrlenPtr);

  static native int close(int fd);

  static native int setns(int fd, int nstype);

  static native int unshare(int flags);

  /** {@code open(2)} with a NUL-terminated path; {@code O_CREAT} is never used, so there is no mode argument. */
  static native int open(byte[] path, int flags);

  static native int poll(long fds, long nfds, int timeoutMillis);

  /** errno of the last failed call on this thread. */
  static int errno() {
    return Native.getLastError();
  }

  /** The native address of a direct buffer's first byte (not its position). */
  static long address(Buffer directBuffer) {
    if (!directBuffer.isDirect()) throw new IllegalArgumentException("not a direct buffer");
    return Pointer.nativeValue(Native.getDirectBufferPointer(directBuffer));
  }
}
