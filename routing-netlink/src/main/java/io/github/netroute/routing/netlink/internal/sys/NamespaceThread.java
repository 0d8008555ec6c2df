package io.github.netroute.routing.netlink.internal.sys;

/**
 * The short-lived platform thread that does what needs another network namespace (setns(2), unshare(2)), so that
 * the caller's thread never changes namespace.
 */
final class NamespaceThread {
  private NamespaceThread() {}

  /**
   * Runs {@code task} on a new daemon thread named {@code name} and waits for it to end, through interrupts too (what
   * it makes must not be left half made, and it must have switched back before anything else runs): an interrupt of
   * the caller is kept in its interrupt status for afterwards.
   */
  static void run(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
