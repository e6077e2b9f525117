package dev.ballast.cli.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local OpenAI-compatible chat-completions stub on 127.0.0.1 (ephemeral port), scripted per test: each
 * request takes the next scripted reply (the last one repeats). Records every request. A reply may echo
 * the request's headers back in its text (appended, or in place of {@code {{HEADERS}}} in the content), to
 * check that the API key never leaks.
 */
public final class ChatStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply; {@code content} is sent as choices[0].message.content when status is 200 and body is null. */
    public record Reply(int status, String content, String body, Map<String, String> headers, long delayMs, boolean echoHeaders) {
        public Reply delayed(long ms) { return new Reply(status, content, body, headers, ms, echoHeaders); }

        public Reply echoingHeaders() { return new Reply(status, content, body, headers, delayMs, true); }
    }

    public static Reply answer(String content) { return new Reply(200, content, null, Map.of(), 0, false); }

    public static Reply status(int status) {
        return new Reply(status, null, "{\"error\":{\"message\":\"stub says " + status + "\",\"type\":\"stub\"}}", Map.of(), 0, false);
    }

    public static Reply tooMany(String retryAfter) {
        return new Reply(429, null, "{\"error\":{\"message\":\"Rate limit reached\"}}",
                retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), 0, false);
    }

    /** A recorded request. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        public String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().getFirst();
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Reply last;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rawBodies = Collections.synchronizedList(new ArrayList<>());

    public ChatStub(Reply... replies) throws IOException {
        script.addAll(List.of(replies));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The HTTP bodies of the 200 answers, in order. */
    public List<String> rawBodies() {
        synchronized (rawBodies) {
            return List.copyOf(rawBodies);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body));
            Reply next = script.poll();
            Reply reply = next != null ? (last = next) : last;
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    return;
                }
            }
            String echo = reply.echoHeaders() ? " request headers were: " + headers : "";
            String out;
            if (reply.body() != null) {
                out = reply.echoHeaders() ? "{\"error\":{\"message\":" + JSON.writeValueAsString("denied;" + echo) + "}}" : reply.body();
            } else {
                var root = JSON.createObjectNode();
                root.put("id", "chatcmpl-stub").put("object", "chat.completion").put("model", "stub");
                root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                        .putObject("message").put("role", "assistant").put("content", reply.content().replace("{{HEADERS}}", headers.toString()) + echo);
                out = JSON.writeValueAsString(root);
                rawBodies.add(out);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            } catch (IOException closedByClient) {
                // the client timed out and went away
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
