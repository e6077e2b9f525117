package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code trade_updates} WebSocket on the JDK client: connects, authenticates (the secret goes only into the
 * auth message), listens, and hands each event to the {@link StreamListener}. Alpaca's paper stream sends binary
 * frames and the live one text frames; both are read. The connection is taken for dead when the socket closes or
 * fails, or when nothing (no message, no pong to the pings sent every third of the silence limit) arrives for
 * {@code streamSilence}: the socket is then aborted and a new one opened after a bounded, growing backoff.
 * Thread-safe: each socket's callbacks carry its generation, and a stale socket's are ignored.
 */
final class TradeUpdateStream implements AutoCloseable {
    private static final Duration FIRST_RECONNECT = Duration.ofMillis(100);
    private static final Duration MAX_RECONNECT = Duration.ofSeconds(30);

    private final AlpacaSettings settings;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final StreamListener listener;

    private long generation;
    private WebSocket socket;
    private boolean live;
    private boolean closed;
    private long lastHeardNanos;
    private long openedNanos;
    private int failedAttempts;
    /** The JDK WebSocket allows one send at a time: each waits for the one before it. */
    private CompletableFuture<WebSocket> sends;

    TradeUpdateStream(AlpacaSettings settings, HttpClient http, ScheduledExecutorService timer, StreamListener listener) {
        this.settings = settings;
        this.http = http;
        this.timer = timer;
        this.listener = listener;
    }

    /** Opens the stream in the background and returns at once. */
    void start() {
        long tick = Math.max(settings.streamSilence().toMillis() / 3, 10);
        timer.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
        timer.execute(this::open);
    }

    private void open() {
        long myGeneration;
        synchronized (this) {
            if (closed) return;
            myGeneration = ++generation;
            lastHeardNanos = System.nanoTime();
            openedNanos = lastHeardNanos;
        }
        http.newWebSocketBuilder()
                .connectTimeout(settings.queryTimeout())
                .buildAsync(settings.streamUrl(), new Frames(myGeneration))
                .whenComplete((opened, failure) -> {
                    if (failure != null) died(myGeneration, "cannot open the Alpaca stream: " + rootMessage(failure));
                    else adopt(myGeneration, opened);
                });
    }

    private void adopt(long myGeneration, WebSocket opened) {
        synchronized (this) {
            if (myGeneration != generation || closed) {
                opened.abort();
                return;
            }
            socket = opened;
            sends = CompletableFuture.completedFuture(opened);
        }
        ObjectNode auth = AlpacaJson.object().put("action", "auth").put("key", settings.keyId())
                .put("secret", settings.secretKey().reveal());
        send(myGeneration, target -> target.sendText(AlpacaJson.write(auth), true));
    }

    /** Queues a send on this generation's socket; a send that fails kills the connection. */
    private void send(long myGeneration, Function<WebSocket, CompletableFuture<WebSocket>> operation) {
        synchronized (this) {
            if (myGeneration != generation || sends == null) return;
            sends = sends.thenCompose(operation);
            sends.whenComplete((sent, failure) -> {
                if (failure != null) died(myGeneration, "cannot send on the Alpaca stream: " + rootMessage(failure));
            });
        }
    }

    /** The silence watchdog and pinger. */
    private void watch() {
        long myGeneration;
        String dead = null;
        synchronized (this) {
            if (closed || socket == null) return;
            myGeneration = generation;
            long now = System.nanoTime();
            long authLimit = Math.max(settings.streamSilence().toNanos(), settings.queryTimeout().toNanos());
            if (now - lastHeardNanos > settings.streamSilence().toNanos()) {
                dead = "the Alpaca stream was silent for more than " + settings.streamSilence();
            } else if (!live && now - openedNanos > authLimit) {
                // Pongs alone do not make a stream: auth and listen must be answered.
                dead = "Alpaca did not answer the stream's auth and listen within " + Duration.ofNanos(authLimit);
            }
        }
        if (dead != null) died(myGeneration, dead);
        else send(myGeneration, target -> target.sendPing(ByteBuffer.allocate(0)));
    }

    private void handle(long myGeneration, String text) {
        JsonNode message;
        try {
            message = AlpacaJson.parse(text);
        } catch (AlpacaProtocolException e) {
            listener.trouble(e.getMessage());
            return;
        }
        String stream = AlpacaJson.text(message, "stream");
        JsonNode data = message.path("data");
        if ("authorization".equals(stream)) {
            if ("authorized".equals(AlpacaJson.text(data, "status"))) {
                JsonNode listen = AlpacaJson.object().put("action", "listen").set("data",
                        AlpacaJson.object().set("streams", AlpacaJson.MAPPER.createArrayNode().add("trade_updates")));
                send(myGeneration, target -> target.sendText(AlpacaJson.write(listen), true));
            } else {
                died(myGeneration, "Alpaca refused the stream's credentials (key id " + settings.keyId() + ")");
            }
        } else if ("listening".equals(stream)) {
            boolean listening = false;
            for (JsonNode name : data.path("streams")) listening |= "trade_updates".equals(name.asText());
            if (listening) becameLive(myGeneration);
            else died(myGeneration, "Alpaca did not subscribe the stream to trade_updates");
        } else if ("trade_updates".equals(stream)) {
            listener.tradeUpdate(data);
        }
    }

    private void becameLive(long myGeneration) {
        synchronized (this) {
            if (myGeneration != generation || closed || live) return;
            live = true;
            failedAttempts = 0;
        }
        listener.connectionChanged(true, "Alpaca trade_updates stream connected");
    }

    /** This socket is dead: report it once if it was live, abort it, and open another after a backoff. */
    private void died(long myGeneration, String detail) {
        WebSocket dead;
        boolean wasLive;
        Duration wait;
        synchronized (this) {
            if (myGeneration != generation || closed) return;
            generation++;
            dead = socket;
            socket = null;
            sends = null;
            wasLive = live;
            live = false;
            failedAttempts++;
            long millis = FIRST_RECONNECT.toMillis() << Math.min(failedAttempts - 1, 16);
            wait = Duration.ofMillis(Math.min(millis, MAX_RECONNECT.toMillis()));
        }
        if (dead != null) dead.abort();
        if (wasLive) listener.connectionChanged(false, detail);
        else if (failedAttempts == 1) listener.trouble(detail);
        timer.schedule(this::open, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void heard(long myGeneration) {
        if (myGeneration == generation) lastHeardNanos = System.nanoTime();
    }

    @Override
    public void close() {
        WebSocket last;
        synchronized (this) {
            closed = true;
            last = socket;
            socket = null;
            sends = null;
        }
        if (last != null) last.abort();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) root = root.getCause();
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }

    /** One socket's frames, reassembled into whole messages. */
    private final class Frames implements WebSocket.Listener {
        private final long myGeneration;
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        Frames(long myGeneration) {
            this.myGeneration = myGeneration;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            heard(myGeneration);
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                handle(myGeneration, message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            heard(myGeneration);
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
                String message = StandardCharsets.UTF_8.decode(binary).toString();
                binary = ByteBuffer.allocate(0);
                handle(myGeneration, message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            heard(myGeneration);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            heard(myGeneration);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            died(myGeneration, "Alpaca closed the stream (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            died(myGeneration, "the Alpaca stream failed: " + rootMessage(error));
        }
    }
}
