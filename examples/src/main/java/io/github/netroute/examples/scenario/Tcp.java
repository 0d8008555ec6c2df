package io.github.netroute.examples.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The scenario's traffic: servers that answer every connection with one line naming their host, and a client that
 * opens several connections at once and counts the answers, like the seed's {@code mconnect -nconn 4}.
 */
final class Tcp {
    /** Connect timeout: a SYN whose SYN-ACK went elsewhere is not retransmitted (1 s) before this expires. */
    static final int CONNECT_TIMEOUT_MS = 600;
    static final int READ_TIMEOUT_MS = 1000;

    private Tcp() {}

    /** What {@code nconn} connections to one address got. */
    record Result(int ok, int total, Set<String> answeredBy, Set<String> sources, Set<String> errors) {
        @Override
        public String toString() {
            return ok + "/" + total;
        }
    }

    /** A listening server, closed with {@link #close()}. */
    static final class Server implements AutoCloseable {
        private final ServerSocket socket;

        private Server(ServerSocket socket, String host) {
            this.socket = socket;
            Thread t = new Thread(() -> serve(host), "tcp-" + host + "-" + socket.getLocalSocketAddress());
            t.setDaemon(true);
            t.start();
        }

        private void serve(String host) {
            while (!socket.isClosed()) {
                try (Socket c = socket.accept()) {
                    c.getOutputStream().write((host + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed, or a client gave up: keep serving until closed
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** Starts a server in {@code ns} on {@code address:port} that answers with {@code host}. */
    static Server listen(Netns ns, String host, InetAddress address, int port) {
        ServerSocket s = ns.call(() -> {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(address, port), 64);
            return ss;
        }, 5000);
        return new Server(s, host);
    }

    /** {@code nconn} parallel connections from {@code ns} to {@code address:port}. */
    static Result connect(Netns ns, InetAddress address, int port, int nconn) {
        List<Callable<String[]>> tasks = new ArrayList<>();
        for (int i = 0; i < nconn; i++) {
            tasks.add(() -> once(address, port));
        }
        int ok = 0;
        Set<String> by = new TreeSet<>();
        Set<String> sources = new TreeSet<>();
        Set<String> errors = new TreeSet<>();
        for (String[] r : ns.all(tasks, CONNECT_TIMEOUT_MS + READ_TIMEOUT_MS + 3000)) {
            if (r[0] != null) {
                ok++;
                by.add(r[0]);
                sources.add(r[1]);
            } else {
                errors.add(r[2]);
            }
        }
        return new Result(ok, nconn, by, sources, errors);
    }

    /** {answeredBy, source, null} or {null, null, error}. */
    private static String[] once(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (line == null) {
                return new String[] {null, null, "closed without an answer"};
            }
            return new String[] {line, Addresses.format(s.getLocalAddress()), null};
        } catch (IOException e) {
            return new String[] {null, null, e.getClass().getSimpleName() + ": " + e.getMessage()};
        }
    }
}
