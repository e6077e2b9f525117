package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * A thin client of Alpaca's REST API on the JDK {@link HttpClient}: sends one request with the key headers under the
 * venue's {@link RateLimiter}, waits at most the query timeout, and returns whatever Alpaca answered (the caller
 * decides what a status means). The secret goes only into the {@code APCA-API-SECRET-KEY} header. Blocking: called
 * on worker threads only. Thread-safe.
 */
final class AlpacaRestClient {
    private static final Runnable NOTHING = () -> { };

    private final AlpacaSettings settings;
    private final HttpClient http;
    private final RateLimiter limiter;

    AlpacaRestClient(AlpacaSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
        this.limiter = new RateLimiter(settings.maxRequestsPerMinute(), Duration.ofMinutes(1));
    }

    AlpacaResponse get(String path, Map<String, String> query) throws AlpacaRequestFailed, InterruptedException {
        return send("GET", path + queryString(query), null, NOTHING);
    }

    /**
     * A post that runs {@code justBeforeSending} on this thread once the rate limiter lets it go, immediately before
     * it is sent (a failure there is thrown and nothing is sent): what it records is never a queue's length ahead of
     * what left.
     */
    AlpacaResponse post(String path, JsonNode body, Runnable justBeforeSending)
            throws AlpacaRequestFailed, InterruptedException {
        return send("POST", path, body, justBeforeSending);
    }

    AlpacaResponse patch(String path, JsonNode body) throws AlpacaRequestFailed, InterruptedException {
        return send("PATCH", path, body, NOTHING);
    }

    AlpacaResponse delete(String path) throws AlpacaRequestFailed, InterruptedException {
        return send("DELETE", path, null, NOTHING);
    }

    /** An answer with a 2xx status, else the failure naming the request, its status and Alpaca's message. */
    JsonNode getOk(String path, Map<String, String> query) throws AlpacaRequestFailed, InterruptedException {
        AlpacaResponse response = get(path, query);
        if (!response.ok()) throw response.failure();
        return response.body();
    }

    private AlpacaResponse send(String method, String pathAndQuery, JsonNode body, Runnable justBeforeSending)
            throws AlpacaRequestFailed, InterruptedException {
        String request = method + " " + pathAndQuery;
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(AlpacaJson.write(body));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.tradingUrl() + pathAndQuery))
                .timeout(settings.queryTimeout())
                .header("APCA-API-KEY-ID", settings.keyId())
                .header("APCA-API-SECRET-KEY", settings.secretKey().reveal())
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) builder.header("Content-Type", "application/json");
        limiter.acquire();
        justBeforeSending.run();
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AlpacaRequestFailed(request, e);
        }
        JsonNode json = response.body() == null || response.body().isBlank()
                ? MissingNode.getInstance() : readBody(request, response);
        OptionalLong reset = response.headers().firstValue("X-Ratelimit-Reset")
                .map(AlpacaRestClient::epochSeconds).orElse(OptionalLong.empty());
        return new AlpacaResponse(request, response.statusCode(), json, reset);
    }

    private static JsonNode readBody(String request, HttpResponse<String> response) throws AlpacaRequestFailed {
        try {
            return AlpacaJson.parse(response.body());
        } catch (AlpacaProtocolException e) {
            // An error page from a proxy is still an answer with a status worth reporting.
            if (response.statusCode() >= 300) return MissingNode.getInstance();
            throw new AlpacaRequestFailed(request, response.statusCode(), e.getMessage());
        }
    }

    private static OptionalLong epochSeconds(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) return "";
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
