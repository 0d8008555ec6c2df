package io.github.netroute.routing.netlink.internal.sys;

import io.github.netroute.routing.netlink.internal.wire.Errno;

/**
 * Per-request outcome of {@link NetlinkSocket#batch}: for request {@code i} (in the order written), 0 when the
 * kernel acked it, else the positive errno and, if the kernel sent one, its extended-ack message.
 */
public final class BatchResult {
  /** The extended-ack text of a request whose ack was dropped by a receive-queue overflow (errno ENOBUFS). */
  public static final String ACK_LOST =
      "ack lost: netlink receive queue overflowed (ENOBUFS); the request may or may not have been applied";

  private final int[] errnos;
  private String[] messages;
  private int failures;

  /** All {@code size} requests acked; channels other than the socket (fakes) fill it with {@link #set}. */
  public BatchResult(int size) {
    errnos = new int[size];
  }

  /** Records request {@code index}'s errno (0 = acked) and extended-ack text (or null). */
  public void set(int index, int errno, String extack) {
    if (errno != 0 && errnos[index] == 0) failures++;
    errnos[index] = errno;
    if (extack != null) {
      if (messages == null) messages = new String[errnos.length];
      messages[index] = extack;
    }
  }

  public int size() {
    return errnos.length;
  }

  /** 0 or the positive errno of request {@code index}. */
  public int errno(int index) {
    return errnos[index];
  }

  /** The kernel's extended-ack message for request {@code index}, or null. */
  public String extackMessage(int index) {
    return messages == null ? null : messages[index];
  }

  public int failures() {
    return failures;
  }

  public boolean allSucceeded() {
    return failures == 0;
  }

  /** Index of the first failed request, or -1. */
  public int firstFailure() {
    for (int i = 0; i < errnos.length; i++) {
      if (errnos[i] != 0) return i;
    }
    return -1;
  }

  /** The errno array (a copy). */
  public int[] errnos() {
    return errnos.clone();
  }

  @Override
  public String toString() {
    return "BatchResult[size=" + errnos.length + ", failures=" + failures
        + (failures == 0 ? "" : ", first=#" + firstFailure() + " " + Errno.name(errnos[firstFailure()])) + "]";
  }
}
