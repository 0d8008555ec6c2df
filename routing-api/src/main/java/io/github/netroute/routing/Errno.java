package io.github.netroute.routing;

/**
 * A Linux errno: number, symbolic name and glibc's {@code strerror} text.
 *
 * <pre>{@code
 * Errno e = Errno.of(17);   // EEXIST
 * e.name();                 // "EEXIST"
 * e.description();          // "File exists"
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param number the errno value (positive)
 * @param name the symbolic name, e.g. {@code EEXIST}
 * @param description glibc's strerror text, e.g. {@code File exists}
 */
public record Errno(int number, String name, String description) {
    /** 1. */
    public static final Errno EPERM = new Errno(1, "EPERM", "Operation not permitted");
    /** 2. */
    public static final Errno ENOENT = new Errno(2, "ENOENT", "No such file or directory");
    /** 3. */
    public static final Errno ESRCH = new Errno(3, "ESRCH", "No such process");
    /** 4. */
    public static final Errno EINTR = new Errno(4, "EINTR", "Interrupted system call");
    /** 6. */
    public static final Errno ENXIO = new Errno(6, "ENXIO", "No such device or address");
    /** 7. */
    public static final Errno E2BIG = new Errno(7, "E2BIG", "Argument list too long");
    /** 9. */
    public static final Errno EBADF = new Errno(9, "EBADF", "Bad file descriptor");
    /** 11. */
    public static final Errno EAGAIN = new Errno(11, "EAGAIN", "Resource temporarily unavailable");
    /** 12. */
    public static final Errno ENOMEM = new Errno(12, "ENOMEM", "Cannot allocate memory");
    /** 13. */
    public static final Errno EACCES = new Errno(13, "EACCES", "Permission denied");
    /** 14. */
    public static final Errno EFAULT = new Errno(14, "EFAULT", "Bad address");
    /** 16. */
    public static final Errno EBUSY = new Errno(16, "EBUSY", "Device or resource busy");
    /** 17. */
    public static final Errno EEXIST = new Errno(17, "EEXIST", "File exists");
    /** 19. */
    public static final Errno ENODEV = new Errno(19, "ENODEV", "No such device");
    /** 22. */
    public static final Errno EINVAL = new Errno(22, "EINVAL", "Invalid argument");
    /** 23. */
    public static final Errno ENFILE = new Errno(23, "ENFILE", "Too many open files in system");
    /** 24. */
    public static final Errno EMFILE = new Errno(24, "EMFILE", "Too many open files");
    /** 28. */
    public static final Errno ENOSPC = new Errno(28, "ENOSPC", "No space left on device");
    /** 34. */
    public static final Errno ERANGE = new Errno(34, "ERANGE", "Numerical result out of range");
    /** 71. */
    public static final Errno EPROTO = new Errno(71, "EPROTO", "Protocol error");
    /** 74. */
    public static final Errno EBADMSG = new Errno(74, "EBADMSG", "Bad message");
    /** 90. */
    public static final Errno EMSGSIZE = new Errno(90, "EMSGSIZE", "Message too long");
    /** 93. */
    public static final Errno EPROTONOSUPPORT = new Errno(93, "EPROTONOSUPPORT", "Protocol not supported");
    /** 95. */
    public static final Errno EOPNOTSUPP = new Errno(95, "EOPNOTSUPP", "Operation not supported");
    /** 97. */
    public static final Errno EAFNOSUPPORT = new Errno(97, "EAFNOSUPPORT", "Address family not supported by protocol");
    /** 99. */
    public static final Errno EADDRNOTAVAIL = new Errno(99, "EADDRNOTAVAIL", "Cannot assign requested address");
    /** 100. */
    public static final Errno ENETDOWN = new Errno(100, "ENETDOWN", "Network is down");
    /** 101. */
    public static final Errno ENETUNREACH = new Errno(101, "ENETUNREACH", "Network is unreachable");
    /** 40: e.g. a bridge made a port of a bridge. */
    public static final Errno ELOOP = new Errno(40, "ELOOP", "Too many levels of symbolic links");
    /** 105. */
    public static final Errno ENOBUFS = new Errno(105, "ENOBUFS", "No buffer space available");
    /** 110: no answer in time (a netlink client's reply timeout). */
    public static final Errno ETIMEDOUT = new Errno(110, "ETIMEDOUT", "Connection timed out");
    /** 113. */
    public static final Errno EHOSTUNREACH = new Errno(113, "EHOSTUNREACH", "No route to host");
    /** 524: the kernel-internal ENOTSUPP. */
    public static final Errno ENOTSUPP = new Errno(524, "ENOTSUPP", "Unknown error 524");

    private static final Errno[] KNOWN = {
        EPERM, ENOENT, ESRCH, EINTR, ENXIO, E2BIG, EBADF, EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, ENODEV,
        EINVAL, ENFILE, EMFILE, ENOSPC, ERANGE, EPROTO, EBADMSG, EMSGSIZE, EPROTONOSUPPORT, EOPNOTSUPP, ELOOP,
        EAFNOSUPPORT, EADDRNOTAVAIL, ENETDOWN, ENETUNREACH, ENOBUFS, ETIMEDOUT, EHOSTUNREACH, ENOTSUPP,
    };

    /**
     * The errno for a number (a negative kernel error is accepted too); unknown numbers get a generic name.
     *
     * @param number the errno number
     * @return the errno for a number (a negative kernel error is accepted too); unknown numbers get a generic name
     */
    public static Errno of(int number) {
        int n = Math.abs(number);
        for (Errno e : KNOWN) {
            if (e.number == n) {
                return e;
            }
        }
        return new Errno(n, "E" + n, "Unknown error " + n);
    }

    /** {@code File exists (EEXIST)}. */
    @Override
    public String toString() {
        return description + " (" + name + ")";
    }
}
