package io.github.netroute.examples.ip;

/**
 * An iproute2 usage/argument error: printed as is, with iproute2's exit code. Fatal ones are those iproute2
 * reports with exit(): they end a batch at once, -force or not, without a {@code Command failed} line.
 */
final class IpError extends Exception {
    private static final long serialVersionUID = 1L;
    final int exit;
    final boolean fatal;

    IpError(String message, int exit, boolean fatal) {
        super(message);
        this.exit = exit;
        this.fatal = fatal;
    }

    /** A failure of one command (ip returns -1: exit 1, or 'Command failed' in a batch). */
    IpError(String message) {
        this(message, 1, false);
    }
}
