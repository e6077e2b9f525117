package dev.ballast.adapter.alpaca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of the fake's WebSocket, to make a connection go silent without closing, as a
 * half-dead network path does: after {@link #stallAll} the connections open at that moment swallow every byte both
 * ways (no messages, no pongs) but stay open; new connections pass normally. Listens on 127.0.0.1, a free port.
 * Thread-safe.
 */
final class StallableRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    StallableRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void stallAll() {
        pairs.forEach(pair -> pair.stalled = true);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Pair pair = new Pair(client, target);
                pairs.add(pair);
                Thread.ofVirtual().start(() -> pair.pump(client, target));
                Thread.ofVirtual().start(() -> pair.pump(target, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pair pair : pairs) pair.close();
    }

    private final class Pair {
        private final Socket client;
        private final Socket target;
        volatile boolean stalled;

        Pair(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (stalled) continue;
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side went away: the pair ends.
            } finally {
                close();
            }
        }

        void close() {
            pairs.remove(this);
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                target.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
