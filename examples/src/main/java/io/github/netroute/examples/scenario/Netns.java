package io.github.netroute.examples.scenario;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads inside a named network namespace ({@code /run/netns/NAME}): each thread of the pool enters the namespace
 * with {@code setns(fd, CLONE_NEWNET)} before its first task, so sockets it creates live there, and {@code /proc/sys/net}
 * and {@code /proc/thread-self/net} opened from it show that namespace. The JVM's other threads never move.
 *
 * <pre>{@code
 * try (Netns ns = new Netns("nr-sc-1234-node", 4)) {
 *     ns.sysctl("net/ipv4/ip_forward", "1");
 *     long rx = ns.counters("eth1").rxPackets();
 * }
 * }</pre>
 */
final class Netns implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    /** The two libc calls this needs. */
    private interface LibC extends Library {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static LibC libc;

    private static synchronized LibC libc() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }

    /** rx/tx packet counters of one interface ({@code /proc/net/dev} of the namespace). */
    record Counters(long rxPackets, long txPackets) {
        Counters minus(Counters o) {
            return new Counters(rxPackets - o.rxPackets, txPackets - o.txPackets);
        }
    }

    private static final ThreadLocal<Boolean> ENTERED = ThreadLocal.withInitial(() -> false);

    final String name;
    private final String file;
    private final ExecutorService pool;

    /** A pool of {@code threads} threads inside namespace {@code name}. */
    Netns(String name, int threads) {
        this.name = name;
        String file = "/run/netns/" + name;
        this.file = file;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Every task enters the namespace first, once per thread; a failure to enter fails that task. */
    private <T> Callable<T> inside(Callable<T> task) {
        return () -> {
            if (!ENTERED.get()) {
                enter(file);
                ENTERED.set(true);
            }
            return task.call();
        };
    }

    private static void enter(String file) {
        LibC c = libc();
        int fd = c.open(file, O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("open " + file + ": errno " + Native.getLastError());
        }
        try {
            if (c.setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns " + file + ": errno " + Native.getLastError());
            }
        } finally {
            c.close(fd);
        }
    }

    /** Runs {@code task} on a thread inside the namespace and waits for it, at most {@code timeoutMillis}. */
    <T> T call(Callable<T> task, long timeoutMillis) {
        return all(List.of(task), timeoutMillis).get(0);
    }

    /** Runs the tasks in parallel inside the namespace; every result, waiting at most {@code timeoutMillis}. */
    <T> List<T> all(List<? extends Callable<T>> tasks, long timeoutMillis) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(inside(t)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return out;
        } catch (TimeoutException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("timed out after " + timeoutMillis + " ms in " + name, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c.toString(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Writes {@code /proc/sys/KEY} inside the namespace (e.g. {@code net/ipv4/ip_forward}). */
    void sysctl(String key, String value) {
        call(() -> {
            Files.writeString(Path.of("/proc/sys", key), value);
            return null;
        }, 5000);
    }

    /** The packet counters of {@code device} in this namespace ({@code /proc/thread-self/net/dev}). */
    Counters counters(String device) {
        return call(() -> parse(Files.readAllLines(Path.of("/proc/thread-self/net/dev"), StandardCharsets.UTF_8),
                device), 5000);
    }

    private Counters parse(List<String> lines, String device) throws IOException {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(device)) {
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets ...
                return new Counters(Long.parseLong(f[1]), Long.parseLong(f[9]));
            }
        }
        throw new IOException("no device " + device + " in " + name);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
