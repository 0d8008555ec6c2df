package io.github.netroute.routing.netlink.internal.codec;

import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interface index ↔ name cache. Lookups hit an array (indexes below 4096) or a map; a miss asks the {@link Source}
 * (one RTM_GETLINK on the client's name-lookup socket, never the socket of a dump in progress) and remembers the
 * answer. Names are the same String instance for every route on a device (interned by the cache). Stale entries
 * (renamed or re-created devices) are dropped by {@link #forget}/{@link #clear} — the client calls them on link
 * changes it makes or sees — and refreshed by {@link #learn} from every link dump. Thread-safe.
 */
public final class LinkNames {
  /** Resolves what the cache does not know. */
  public interface Source {
    /** The name of {@code index}, or null when there is no such link. */
    String nameOf(int index) throws NetlinkException;

    /** The index of {@code name}, or 0 when there is no such link. */
    int indexOf(String name) throws NetlinkException;
  }

  private static final int ARRAY = 4096;

  private final Source source;
  private final java.util.concurrent.atomic.AtomicReferenceArray<String> small =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(ARRAY);
  private final ConcurrentHashMap<Integer, String> large = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> byName = new ConcurrentHashMap<>();

  public LinkNames(Source source) {
    this.source = source;
  }

  /** The name of a link, or null when the kernel knows no such index (then the route prints {@code dev ifN}). */
  public String name(int index) throws NetlinkException {
    if (index <= 0) return null;
    String n = cached(index);
    if (n != null) return n;
    n = source.nameOf(index);
    if (n != null) n = learn(index, n);
    return n;
  }

  /** The index of a link, or 0 when there is no such link. */
  public int index(String name) throws NetlinkException {
    Integer i = byName.get(name);
    if (i != null) return i;
    int idx = source.indexOf(name);
    if (idx > 0) learn(idx, name);
    return idx;
  }

  private String cached(int index) {
    return index < ARRAY ? small.get(index) : large.get(index);
  }

  /** Records a link (from a dump or an event); returns the cached name instance. */
  public String learn(int index, String name) {
    if (index <= 0 || name == null) return name;
    String old;
    if (index < ARRAY) {
      old = small.get(index);
      if (name.equals(old)) return old;
      small.set(index, name);
    } else {
      old = large.put(index, name);
      if (name.equals(old)) return old;
    }
    if (old != null) byName.remove(old, index);
    byName.put(name, index);
    return name;
  }

  /** Forgets a link (deleted or renamed). */
  public void forget(int index, String name) {
    if (index > 0) {
      String old;
      if (index < ARRAY) {
        old = small.getAndSet(index, null);
      } else {
        old = large.remove(index);
      }
      if (old != null) byName.remove(old, index);
    }
    if (name != null) {
      Integer i = byName.remove(name);
      if (i != null && i != index) forget(i, null);
    }
  }

  /**
   * A link this client deleted: its name no longer resolves to {@code index} (a new link may take the name), but the
   * index keeps its name until the deletion's RTM_DELLINK notification is decoded ({@link #forget}), so that a reader
   * thread still behind on earlier notifications of that link prints its name, as {@code ip monitor} does (its
   * cache follows the notification stream). Linux allocates interface indexes cyclically, so the kept entry is not
   * mistaken for a new link.
   */
  public void retire(int index, String name) {
    if (index <= 0) return;
    String old = cached(index);
    if (old != null) byName.remove(old, index);
    if (name != null) byName.remove(name, index);
  }

  /** Forgets everything. */
  public void clear() {
    for (int i = 0; i < ARRAY; i++) small.set(i, null);
    large.clear();
    byName.clear();
  }
}
