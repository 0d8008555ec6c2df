package io.github.netroute.routing.netlink.internal.wire;

/** Linux errno numbers (x86-64 and arm64 share the generic table) with their symbolic names and texts. */
public final class Errno {
  private Errno() {}

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int ENXIO = 6;
  public static final int E2BIG = 7;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EXDEV = 18;
  public static final int ENODEV = 19;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int ENOSPC = 28;
  public static final int ERANGE = 34;
  public static final int ENOSYS = 38;
  public static final int ENODATA = 61;
  public static final int EBADMSG = 74;
  public static final int ENOTSOCK = 88;
  public static final int EMSGSIZE = 90;
  public static final int ENOPROTOOPT = 92;
  public static final int EPROTONOSUPPORT = 93;
  public static final int EOPNOTSUPP = 95;
  public static final int EAFNOSUPPORT = 97;
  public static final int EADDRINUSE = 98;
  public static final int EADDRNOTAVAIL = 99;
  public static final int ENETDOWN = 100;
  public static final int ENETUNREACH = 101;
  public static final int ENOBUFS = 105;
  public static final int ETIMEDOUT = 110;
  public static final int ECONNREFUSED = 111;
  public static final int EHOSTUNREACH = 113;
  public static final int EALREADY = 114;

  /** The symbolic name, e.g. {@code EEXIST}, or {@code errno 123}. */
  public static String name(int errno) {
    String[] e = entry(errno);
    return e == null ? "errno " + errno : e[0];
  }

  /** The strerror(3) text, e.g. {@code File exists}, or {@code Unknown error 123}. */
  public static String text(int errno) {
    String[] e = entry(errno);
    return e == null ? "Unknown error " + errno : e[1];
  }

  /** {@code EEXIST (File exists)}. */
  public static String describe(int errno) {
    return name(errno) + " (" + text(errno) + ")";
  }

  private static String[] entry(int errno) {
    switch (errno) {
      case EPERM: return new String[] {"EPERM", "Operation not permitted"};
      case ENOENT: return new String[] {"ENOENT", "No such file or directory"};
      case ESRCH: return new String[] {"ESRCH", "No such process"};
      case EINTR: return new String[] {"EINTR", "Interrupted system call"};
      case EIO: return new String[] {"EIO", "Input/output error"};
      case ENXIO: return new String[] {"ENXIO", "No such device or address"};
      case E2BIG: return new String[] {"E2BIG", "Argument list too long"};
      case EBADF: return new String[] {"EBADF", "Bad file descriptor"};
      case EAGAIN: return new String[] {"EAGAIN", "Resource temporarily unavailable"};
      case ENOMEM: return new String[] {"ENOMEM", "Cannot allocate memory"};
      case EACCES: return new String[] {"EACCES", "Permission denied"};
      case EFAULT: return new String[] {"EFAULT", "Bad address"};
      case EBUSY: return new String[] {"EBUSY", "Device or resource busy"};
      case EEXIST: return new String[] {"EEXIST", "File exists"};
      case EXDEV: return new String[] {"EXDEV", "Invalid cross-device link"};
      case ENODEV: return new String[] {"ENODEV", "No such device"};
      case ENOTDIR: return new String[] {"ENOTDIR", "Not a directory"};
      case EINVAL: return new String[] {"EINVAL", "Invalid argument"};
      case ENFILE: return new String[] {"ENFILE", "Too many open files in system"};
      case EMFILE: return new String[] {"EMFILE", "Too many open files"};
      case ENOSPC: return new String[] {"ENOSPC", "No space left on device"};
      case ERANGE: return new String[] {"ERANGE", "Numerical result out of range"};
      case ENOSYS: return new String[] {"ENOSYS", "Function not implemented"};
      case ENODATA: return new String[] {"ENODATA", "No data available"};
      case EBADMSG: return new String[] {"EBADMSG", "Bad message"};
      case ENOTSOCK: return new String[] {"ENOTSOCK", "Socket operation on non-socket"};
      case EMSGSIZE: return new String[] {"EMSGSIZE", "Message too long"};
      case ENOPROTOOPT: return new String[] {"ENOPROTOOPT", "Protocol not available"};
      case EPROTONOSUPPORT: return new String[] {"EPROTONOSUPPORT", "Protocol not supported"};
      case EOPNOTSUPP: return new String[] {"EOPNOTSUPP", "Operation not supported"};
      case EAFNOSUPPORT: return new String[] {"EAFNOSUPPORT", "Address family not supported by protocol"};
      case EADDRINUSE: return new String[] {"EADDRINUSE", "Address already in use"};
      case EADDRNOTAVAIL: return new String[] {"EADDRNOTAVAIL", "Cannot assign requested address"};
      case ENETDOWN: return new String[] {"ENETDOWN", "Network is down"};
      case ENETUNREACH: return new String[] {"ENETUNREACH", "Network is unreachable"};
      case ENOBUFS: return new String[] {"ENOBUFS", "No buffer space available"};
      case ETIMEDOUT: return new String[] {"ETIMEDOUT", "Connection timed out"};
      case ECONNREFUSED: return new String[] {"ECONNREFUSED", "Connection refused"};
      case EHOSTUNREACH: return new String[] {"EHOSTUNREACH", "No route to host"};
      case EALREADY: return new String[] {"EALREADY", "Operation already in progress"};
      default: return null;
    }
  }
}
