package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.engine.broker.Secret;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Alpaca for tests: a Javalin server on 127.0.0.1 (a free port) with the REST endpoints the adapter uses
 * ({@code POST/GET /v2/orders}, {@code GET /v2/orders:by_client_order_id}, {@code GET/DELETE/PATCH
 * /v2/orders/{id}}, {@code GET /v2/positions}, {@code GET /v2/account/activities/FILL}) and a {@code /stream}
 * WebSocket speaking the {@code trade_updates} protocol (auth, listen, events in binary frames as Alpaca's paper
 * stream sends them). Both check the key pair and refuse a wrong one.
 *
 * <p>By default it accepts orders, fills a market order at once at the price set for its symbol
 * ({@link #setPrice}), and emits {@code new} and {@code fill}. Scripting hooks make it misbehave the ways Alpaca
 * does: scripted failures of order posts (429 with {@code X-Ratelimit-Reset}, 500 with or without having created
 * the order) and of any other request, a 422 on a reused client order id (always), repeated events, a fill sent
 * before its {@code new}, fills and amendments ({@code trade_correct}, {@code trade_bust}) on demand, any event on
 * demand, a stream that goes silent without closing ({@link #stallStream}) or closes ({@link #dropStream}), a
 * stream that lags the REST answers ({@link #holdEvents}).
 * Fills made while no stream listens are lost to the stream and found only in the activities, as at Alpaca.
 *
 * <p>Use: {@code try (AlpacaFake fake = new AlpacaFake()) { new AlpacaBroker(fake.settings(), clock) ... }}.
 * Thread-safe: the state is guarded by the fake's monitor.
 */
public final class AlpacaFake implements AutoCloseable {
    public static final String KEY_ID = "fake-key-id";
    /** The fake's secret: tests look for it in every output to prove it never leaks. */
    public static final String SECRET = "s3cr3t-VALUE-never-printed";

    /** A scripted answer to the next order post. */
    public enum PostFailure {
        /** 429 with X-Ratelimit-Reset one second ahead; the order is not created. */
        RATE_LIMITED,
        /** 500 and the order is not created. */
        SERVER_ERROR,
        /** 500 after the order was created (the answer was lost, not the order). */
        SERVER_ERROR_AFTER_CREATING
    }

    private static final DateTimeFormatter ACTIVITY_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final Set<String> OPEN = Set.of("accepted", "new", "partially_filled", "pending_new",
            "pending_cancel", "pending_replace");

    private final String keyId;
    private final String secret;
    private final Javalin server;
    private final StallableRelay relay;
    private final List<WsContext> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, FakeOrder> ordersById = new LinkedHashMap<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private final Map<String, BigDecimal> positions = new HashMap<>();
    private final List<ObjectNode> activities = new ArrayList<>();
    private final Deque<PostFailure> postFailures = new ArrayDeque<>();
    private final Map<String, Deque<Integer>> requestFailures = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> orderPosts = new CopyOnWriteArrayList<>();
    private final AtomicInteger postsInProgress = new AtomicInteger();
    private volatile boolean textFrames;
    private boolean repeatEvents;
    private boolean fillBeforeNew;
    private boolean autoFill = true;
    private CountDownLatch postGate;
    private List<ObjectNode> heldEvents;
    private Duration clockOffset = Duration.ZERO;

    public AlpacaFake() {
        this(KEY_ID, SECRET);
    }

    public AlpacaFake(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
        this.server = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.routes.before(this::checkKeys);
            config.routes.post("/v2/orders", this::postOrder);
            config.routes.get("/v2/orders", this::listOrders);
            config.routes.get("/v2/orders:by_client_order_id", this::orderByClientId);
            config.routes.get("/v2/orders/{id}", this::orderById);
            config.routes.delete("/v2/orders/{id}", this::cancelOrder);
            config.routes.patch("/v2/orders/{id}", this::replaceOrder);
            config.routes.get("/v2/positions", this::listPositions);
            config.routes.get("/v2/account/activities/FILL", this::listFills);
            config.routes.ws("/stream", ws -> {
                ws.onMessage(ctx -> streamMessage(ctx, ctx.message()));
                ws.onBinaryMessage(ctx -> streamMessage(ctx, StandardCharsets.UTF_8.decode(ctx.data()).toString()));
                ws.onClose(listeners::remove);
                ws.onError(listeners::remove);
            });
        }).start();
        try {
            this.relay = new StallableRelay(server.port());
        } catch (IOException e) {
            server.stop();
            throw new UncheckedIOException(e);
        }
    }

    public URI tradingUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The stream, through the relay that can make it go silent. */
    public URI streamUrl() {
        return URI.create("ws://127.0.0.1:" + relay.port() + "/stream");
    }

    /** Settings for an adapter on this fake: the fake's keys, a 1 s silence limit, a 2 s query timeout. */
    public AlpacaSettings settings() {
        return new AlpacaSettings(tradingUrl(), streamUrl(), keyId, Secret.of(secret), Duration.ofSeconds(1), 6000,
                Duration.ofSeconds(2));
    }

    // ---- scripting ----

    public synchronized void setPrice(String symbol, String price) {
        prices.put(symbol, new BigDecimal(price));
    }

    /** The next order posts fail as given, one failure per post, in order. */
    public synchronized void failNextOrderPosts(PostFailure... failures) {
        postFailures.addAll(List.of(failures));
    }

    /** The next requests whose "METHOD path" starts with {@code request} answer these statuses, one per request. */
    public synchronized void failNextRequests(String request, Integer... statuses) {
        requestFailures.computeIfAbsent(request, key -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** Messages go in text frames, as Alpaca's live stream sends them (binary frames, as on paper, by default). */
    public void textFrames(boolean text) {
        textFrames = text;
    }

    /** Every event is sent twice. */
    public synchronized void repeatEvents(boolean repeat) {
        repeatEvents = repeat;
    }

    /** A market order's fill is sent before its {@code new}. */
    public synchronized void fillBeforeNew(boolean before) {
        fillBeforeNew = before;
    }

    /** Whether market orders fill at once (default) or wait for {@link #fill}. */
    public synchronized void autoFill(boolean fill) {
        autoFill = fill;
    }

    /** Order posts wait, unanswered, until {@link #releaseOrderPosts}. */
    public synchronized void holdOrderPosts() {
        postGate = new CountDownLatch(1);
    }

    public void releaseOrderPosts() {
        CountDownLatch gate;
        synchronized (this) {
            gate = postGate;
            postGate = null;
        }
        if (gate != null) gate.countDown();
    }

    /** The fake's clock jumps ahead by {@code by}: the times of later events and fills are that much later. */
    public synchronized void advanceClock(Duration by) {
        clockOffset = clockOffset.plus(by);
    }

    /** Stream events are kept back, in order, until {@link #releaseEvents} (a stream lagging the REST answers). */
    public synchronized void holdEvents() {
        heldEvents = new ArrayList<>();
    }

    public synchronized void releaseEvents() {
        List<ObjectNode> held = heldEvents;
        heldEvents = null;
        if (held != null) held.forEach(this::emit);
    }

    /** Fills {@code qty} of the working order at {@code price}; returns the execution id. */
    public synchronized String fill(String clientOrderId, String qty, String price) {
        FakeOrder order = byClientId(clientOrderId);
        return execute(order, new BigDecimal(qty), new BigDecimal(price));
    }

    /** Sends {@code trade_correct}: the execution now stands at {@code qty} at {@code price}. */
    public synchronized void correct(String executionId, String qty, String price) {
        ObjectNode activity = activity(executionId);
        FakeOrder order = ordersById.get(activity.get("order_id").asText());
        ObjectNode data = event("trade_correct", order).put("execution_id", UUID.randomUUID().toString())
                .put("original_execution_id", executionId).put("qty", qty).put("price", price)
                .put("event_id", UUID.randomUUID().toString());
        emit(data);
    }

    /** Sends {@code trade_bust} for the execution. */
    public synchronized void bust(String executionId) {
        ObjectNode activity = activity(executionId);
        FakeOrder order = ordersById.get(activity.get("order_id").asText());
        emit(event("trade_bust", order).put("execution_id", UUID.randomUUID().toString())
                .put("original_execution_id", executionId).put("event_id", UUID.randomUUID().toString()));
    }

    /** Sends any event about the order (expired, done_for_day, rejected, pending_new...), setting its status. */
    public synchronized void emit(String eventName, String clientOrderId, String newStatus) {
        FakeOrder order = byClientId(clientOrderId);
        if (newStatus != null) order.status = newStatus;
        emit(event(eventName, order));
    }

    /** Sends raw text on the stream (garbage, unknown messages). */
    public void sendRaw(String text) {
        for (WsContext listener : listeners) listener.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Open streams go silent without closing: nothing is sent either way, pings go unanswered. */
    public void stallStream() {
        listeners.clear();
        relay.stallAll();
    }

    /** Open streams are closed by the server. */
    public void dropStream() {
        List<WsContext> open = List.copyOf(listeners);
        listeners.clear();
        open.forEach(WsContext::closeSession);
    }

    // ---- what the fake saw ----

    public boolean isStreaming() {
        return !listeners.isEmpty();
    }

    /** Every request as "METHOD path?query". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of every order post, in order. */
    public List<JsonNode> orderPosts() {
        return List.copyOf(orderPosts);
    }

    /** Order posts being handled now (received, not yet answered). */
    public int postsInProgress() {
        return postsInProgress.get();
    }

    /** The id of every execution the fake made (each fill activity's id after "::"), in order. */
    public synchronized List<String> executionIds() {
        List<String> ids = new ArrayList<>();
        for (ObjectNode activity : activities) {
            String id = activity.get("id").asText();
            ids.add(id.substring(id.indexOf("::") + 2));
        }
        return ids;
    }

    /** How many orders the fake holds under this client order id (Alpaca allows one). */
    public synchronized long ordersWithClientId(String clientOrderId) {
        return ordersById.values().stream().filter(order -> order.clientOrderId.equals(clientOrderId)).count();
    }

    public synchronized String status(String clientOrderId) {
        return byClientId(clientOrderId).status;
    }

    // ---- REST ----

    private void checkKeys(Context ctx) {
        if (ctx.path().equals("/stream")) return;
        requests.add(ctx.method().name() + " " + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        if (!keyId.equals(ctx.header("APCA-API-KEY-ID")) || !secret.equals(ctx.header("APCA-API-SECRET-KEY"))) {
            ctx.skipRemainingHandlers();
            error(ctx, 401, "request is not authorized");
            return;
        }
        Integer scripted = scriptedFailure(ctx.method().name() + " " + ctx.path());
        if (scripted != null) {
            ctx.skipRemainingHandlers();
            error(ctx, scripted, "scripted failure " + scripted);
        }
    }

    private synchronized Integer scriptedFailure(String request) {
        for (Map.Entry<String, Deque<Integer>> entry : requestFailures.entrySet()) {
            if (request.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) return entry.getValue().poll();
        }
        return null;
    }

    private void postOrder(Context ctx) throws InterruptedException {
        postsInProgress.incrementAndGet();
        try {
            handlePost(ctx);
        } finally {
            postsInProgress.decrementAndGet();
        }
    }

    private void handlePost(Context ctx) throws InterruptedException {
        JsonNode body = AlpacaJson.parse(ctx.body());
        orderPosts.add(body);
        CountDownLatch gate;
        synchronized (this) {
            gate = postGate;
        }
        if (gate != null && !gate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("post gate never opened");
        synchronized (this) {
            PostFailure failure = postFailures.poll();
            if (failure == PostFailure.RATE_LIMITED) {
                ctx.header("X-Ratelimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 1));
                error(ctx, 429, "rate limit exceeded");
                return;
            }
            if (failure == PostFailure.SERVER_ERROR) {
                error(ctx, 500, "internal server error");
                return;
            }
            String clientOrderId = body.path("client_order_id").asText();
            if (ordersWithClientId(clientOrderId) > 0) {
                error(ctx, 422, "client_order_id must be unique");
                return;
            }
            BigDecimal qty = new BigDecimal(body.path("qty").asText("0"));
            if (qty.signum() <= 0) {
                error(ctx, 422, "qty must be > 0");
                return;
            }
            FakeOrder order = new FakeOrder(UUID.randomUUID().toString(), clientOrderId, body.path("symbol").asText(),
                    body.path("side").asText(), body.path("type").asText(), body.path("time_in_force").asText(), qty,
                    decimal(body, "limit_price"), decimal(body, "stop_price"), null);
            ordersById.put(order.id, order);
            boolean fillNow = autoFill && "market".equals(order.type) && prices.containsKey(order.symbol);
            if (fillNow && fillBeforeNew) {
                execute(order, qty, prices.get(order.symbol));
                emit(event("new", order));
            } else {
                order.status = "new";
                emit(event("new", order));
                if (fillNow) execute(order, qty, prices.get(order.symbol));
            }
            if (failure == PostFailure.SERVER_ERROR_AFTER_CREATING) {
                error(ctx, 500, "internal server error");
                return;
            }
            json(ctx, 200, order.json().put("status", "accepted"));
        }
    }

    private synchronized void listOrders(Context ctx) {
        String status = ctx.queryParam("status") == null ? "open" : ctx.queryParam("status");
        Instant after = ctx.queryParam("after") == null ? null : Instant.parse(ctx.queryParam("after"));
        int limit = ctx.queryParam("limit") == null ? 50 : Integer.parseInt(ctx.queryParam("limit"));
        ArrayNode answer = AlpacaJson.MAPPER.createArrayNode();
        ordersById.values().stream()
                .filter(order -> !"open".equals(status) || OPEN.contains(order.status))
                .filter(order -> after == null || order.submittedAt.isAfter(after))
                .sorted(Comparator.comparing(order -> order.submittedAt))
                .limit(limit)
                .forEach(order -> answer.add(order.json()));
        json(ctx, 200, answer);
    }

    private synchronized void orderByClientId(Context ctx) {
        String clientOrderId = ctx.queryParam("client_order_id");
        FakeOrder order = ordersById.values().stream().filter(o -> o.clientOrderId.equals(clientOrderId))
                .findFirst().orElse(null);
        if (order == null) error(ctx, 404, "order not found");
        else json(ctx, 200, order.json());
    }

    private synchronized void orderById(Context ctx) {
        FakeOrder order = ordersById.get(ctx.pathParam("id"));
        if (order == null) error(ctx, 404, "order not found");
        else json(ctx, 200, order.json());
    }

    private synchronized void cancelOrder(Context ctx) {
        FakeOrder order = ordersById.get(ctx.pathParam("id"));
        if (order == null) {
            error(ctx, 404, "order not found");
        } else if (!OPEN.contains(order.status)) {
            error(ctx, 422, "order is not cancelable (status " + order.status + ")");
        } else {
            order.status = "canceled";
            emit(event("canceled", order));
            ctx.status(204);
        }
    }

    private synchronized void replaceOrder(Context ctx) {
        FakeOrder old = ordersById.get(ctx.pathParam("id"));
        if (old == null) {
            error(ctx, 404, "order not found");
            return;
        }
        if (!OPEN.contains(old.status)) {
            error(ctx, 422, "order is not replaceable (status " + old.status + ")");
            return;
        }
        JsonNode body = AlpacaJson.parse(ctx.body());
        BigDecimal qty = body.hasNonNull("qty") ? new BigDecimal(body.get("qty").asText()) : old.qty;
        BigDecimal limit = body.hasNonNull("limit_price") ? decimal(body, "limit_price") : old.limitPrice;
        BigDecimal stop = body.hasNonNull("stop_price") ? decimal(body, "stop_price") : old.stopPrice;
        // Alpaca makes up the replacement's client order id when none is given.
        FakeOrder replacement = new FakeOrder(UUID.randomUUID().toString(), UUID.randomUUID().toString(), old.symbol,
                old.side, old.type, old.timeInForce, qty, limit, stop, old.id);
        replacement.status = "new";
        old.status = "replaced";
        old.replacedBy = replacement.id;
        ordersById.put(replacement.id, replacement);
        emit(event("replaced", replacement));
        json(ctx, 200, replacement.json());
    }

    private synchronized void listPositions(Context ctx) {
        ArrayNode answer = AlpacaJson.MAPPER.createArrayNode();
        positions.forEach((symbol, qty) -> {
            if (qty.signum() != 0) {
                answer.add(AlpacaJson.object().put("symbol", symbol).put("qty", qty.toPlainString())
                        .put("side", qty.signum() > 0 ? "long" : "short"));
            }
        });
        json(ctx, 200, answer);
    }

    private synchronized void listFills(Context ctx) {
        Instant after = ctx.queryParam("after") == null ? null : Instant.parse(ctx.queryParam("after"));
        int pageSize = ctx.queryParam("page_size") == null ? 100 : Integer.parseInt(ctx.queryParam("page_size"));
        String pageToken = ctx.queryParam("page_token");
        ArrayNode answer = AlpacaJson.MAPPER.createArrayNode();
        boolean pastToken = pageToken == null;
        for (ObjectNode activity : activities) {
            if (!pastToken) {
                pastToken = activity.get("id").asText().equals(pageToken);
                continue;
            }
            if (after != null && !Instant.parse(activity.get("transaction_time").asText()).isAfter(after)) continue;
            if (answer.size() == pageSize) break;
            answer.add(activity);
        }
        json(ctx, 200, answer);
    }

    // ---- stream ----

    private void streamMessage(WsContext ctx, String text) {
        JsonNode message = AlpacaJson.parse(text);
        String action = message.path("action").asText();
        if ("auth".equals(action)) {
            boolean good = keyId.equals(message.path("key").asText()) && secret.equals(message.path("secret").asText());
            send(ctx, AlpacaJson.object().put("stream", "authorization").set("data", AlpacaJson.object()
                    .put("action", "authenticate").put("status", good ? "authorized" : "unauthorized")));
            if (good) ctx.attribute("authorized", true);
            else ctx.closeSession(1008, "unauthorized");
        } else if ("listen".equals(action)) {
            if (ctx.attribute("authorized") == null) {
                ctx.closeSession(1008, "listen before auth");
                return;
            }
            ArrayNode streams = AlpacaJson.MAPPER.createArrayNode();
            for (JsonNode stream : message.path("data").path("streams")) {
                if ("trade_updates".equals(stream.asText())) streams.add("trade_updates");
            }
            send(ctx, AlpacaJson.object().put("stream", "listening")
                    .set("data", AlpacaJson.object().set("streams", streams)));
            if (!streams.isEmpty()) listeners.add(ctx);
        }
    }

    private void emit(ObjectNode data) {
        if (heldEvents != null) {
            heldEvents.add(data);
            return;
        }
        ObjectNode message = AlpacaJson.object().put("stream", "trade_updates");
        message.set("data", data);
        int times = repeatEvents ? 2 : 1;
        for (int i = 0; i < times; i++) {
            for (WsContext listener : listeners) send(listener, message);
        }
    }

    private void send(WsContext ctx, JsonNode message) {
        String text = AlpacaJson.write(message);
        if (textFrames) ctx.send(text);
        else ctx.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private ObjectNode event(String name, FakeOrder order) {
        ObjectNode data = AlpacaJson.object().put("event", name).put("timestamp", now().toString());
        data.set("order", order.json());
        return data;
    }

    /** Books an execution, emits it, and returns its id. */
    private String execute(FakeOrder order, BigDecimal qty, BigDecimal price) {
        String executionId = UUID.randomUUID().toString();
        Instant at = now();
        order.filledQty = order.filledQty.add(qty);
        boolean complete = order.filledQty.compareTo(order.qty) >= 0;
        order.status = complete ? "filled" : "partially_filled";
        BigDecimal signed = "buy".equals(order.side) ? qty : qty.negate();
        BigDecimal position = positions.merge(order.symbol, signed, BigDecimal::add);
        activities.add(AlpacaJson.object().put("id", ACTIVITY_ID_TIME.format(at) + "::" + executionId)
                .put("activity_type", "FILL").put("transaction_time", at.toString())
                .put("type", complete ? "fill" : "partial_fill").put("price", price.toPlainString())
                .put("qty", qty.toPlainString()).put("side", order.side).put("symbol", order.symbol)
                .put("leaves_qty", order.qty.subtract(order.filledQty).toPlainString()).put("order_id", order.id)
                .put("cum_qty", order.filledQty.toPlainString()).put("order_status", order.status));
        ObjectNode data = event(complete ? "fill" : "partial_fill", order).put("execution_id", executionId)
                .put("timestamp", at.toString()).put("price", price.toPlainString()).put("qty", qty.toPlainString())
                .put("position_qty", position.toPlainString());
        emit(data);
        return executionId;
    }

    /** The fake's time: the wall clock, moved on by {@link #advanceClock}. */
    private Instant now() {
        return Instant.now().plus(clockOffset);
    }

    private FakeOrder byClientId(String clientOrderId) {
        return ordersById.values().stream().filter(order -> order.clientOrderId.equals(clientOrderId)
                && !"replaced".equals(order.status)).findFirst()
                .or(() -> ordersById.values().stream().filter(order -> order.clientOrderId.equals(clientOrderId))
                        .findFirst())
                .map(this::latest)
                .orElseThrow(() -> new IllegalArgumentException("the fake has no order " + clientOrderId));
    }

    /** The order a replace chain ends at. */
    private FakeOrder latest(FakeOrder order) {
        FakeOrder current = order;
        while (current.replacedBy != null) current = ordersById.get(current.replacedBy);
        return current;
    }

    private ObjectNode activity(String executionId) {
        return activities.stream().filter(a -> a.get("id").asText().endsWith("::" + executionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no execution " + executionId));
    }

    private static BigDecimal decimal(JsonNode body, String field) {
        return body.hasNonNull(field) ? new BigDecimal(body.get(field).asText()) : null;
    }

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, AlpacaJson.object().put("code", status * 100000).put("message", message));
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(AlpacaJson.write(body));
    }

    @Override
    public void close() throws IOException {
        releaseOrderPosts();
        relay.close();
        server.stop();
    }

    /** One order as the fake keeps it. */
    private static final class FakeOrder {
        final String id;
        final String clientOrderId;
        final String symbol;
        final String side;
        final String type;
        final String timeInForce;
        final BigDecimal qty;
        final BigDecimal limitPrice;
        final BigDecimal stopPrice;
        final String replaces;
        final Instant submittedAt = Instant.now();
        BigDecimal filledQty = BigDecimal.ZERO;
        String status = "accepted";
        String replacedBy;

        FakeOrder(String id, String clientOrderId, String symbol, String side, String type, String timeInForce,
                  BigDecimal qty, BigDecimal limitPrice, BigDecimal stopPrice, String replaces) {
            this.id = id;
            this.clientOrderId = clientOrderId;
            this.symbol = symbol;
            this.side = side;
            this.type = type;
            this.timeInForce = timeInForce;
            this.qty = qty;
            this.limitPrice = limitPrice;
            this.stopPrice = stopPrice;
            this.replaces = replaces;
        }

        ObjectNode json() {
            ObjectNode json = AlpacaJson.object().put("id", id).put("client_order_id", clientOrderId)
                    .put("symbol", symbol).put("side", side).put("type", type).put("order_type", type)
                    .put("time_in_force", timeInForce).put("qty", qty.toPlainString())
                    .put("filled_qty", filledQty.toPlainString()).put("status", status)
                    .put("created_at", submittedAt.toString()).put("submitted_at", submittedAt.toString())
                    .put("replaces", replaces).put("replaced_by", replacedBy);
            json.put("limit_price", limitPrice == null ? null : limitPrice.toPlainString());
            json.put("stop_price", stopPrice == null ? null : stopPrice.toPlainString());
            return json;
        }
    }
}
