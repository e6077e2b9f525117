package dev.ballast.adapter.alpaca;

import dev.ballast.engine.broker.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the Alpaca adapter talks to Alpaca: the REST base URL, the {@code trade_updates} WebSocket URL, the
 * API key pair, how long the stream may stay silent (no message, no pong) before it is taken for dead, the venue's
 * request budget per minute, and how long one REST request may take. Immutable; {@link #toString} never shows the
 * secret (a {@link Secret} prints as hidden).
 */
public record AlpacaSettings(URI tradingUrl, URI streamUrl, String keyId, Secret secretKey, Duration streamSilence,
                             int maxRequestsPerMinute, Duration queryTimeout) {
    /** Alpaca's paper-trading REST endpoint. */
    public static final URI PAPER_TRADING_URL = URI.create("https://paper-api.alpaca.markets");
    /** Alpaca's paper-trading {@code trade_updates} stream. */
    public static final URI PAPER_STREAM_URL = URI.create("wss://paper-api.alpaca.markets/stream");
    /** Alpaca allows 200 requests per minute per account. */
    public static final int DEFAULT_MAX_REQUESTS_PER_MINUTE = 200;
    public static final Duration DEFAULT_STREAM_SILENCE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    public AlpacaSettings {
        requireUrl(tradingUrl, "tradingUrl", "http", "https");
        requireUrl(streamUrl, "streamUrl", "ws", "wss");
        if (keyId == null || keyId.isBlank()) throw new IllegalArgumentException("alpaca keyId must not be blank");
        Objects.requireNonNull(secretKey, "alpaca secretKey must be given");
        requirePositive(streamSilence, "streamSilence");
        requirePositive(queryTimeout, "queryTimeout");
        if (maxRequestsPerMinute < 1) {
            throw new IllegalArgumentException("alpaca maxRequestsPerMinute must be at least 1, was " + maxRequestsPerMinute);
        }
        // A trailing slash would double the one every request path starts with.
        tradingUrl = URI.create(stripTrailingSlash(tradingUrl.toString()));
    }

    /** The paper endpoints with the default silence, budget and timeout. */
    public static AlpacaSettings paper(String keyId, Secret secretKey) {
        return new AlpacaSettings(PAPER_TRADING_URL, PAPER_STREAM_URL, keyId, secretKey, DEFAULT_STREAM_SILENCE,
                DEFAULT_MAX_REQUESTS_PER_MINUTE, DEFAULT_QUERY_TIMEOUT);
    }

    private static void requireUrl(URI url, String field, String plainScheme, String secureScheme) {
        if (url == null) throw new IllegalArgumentException("alpaca " + field + " must be given");
        String scheme = url.getScheme();
        if (!plainScheme.equals(scheme) && !secureScheme.equals(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("alpaca " + field + " must be an absolute " + secureScheme + "://"
                    + " (or " + plainScheme + "://) URL, was '" + url + "'");
        }
    }

    private static void requirePositive(Duration duration, String field) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("alpaca " + field + " must be a positive duration, was " + duration);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
