package dev.ballast.runtime.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Plans the configuration's {@code broker.type} and its section into a {@link VenuePlan}: every value checked, with
 * the file and key named when one is wrong; credentials only named (read when the venue opens).
 */
final class VenuePlanner {
    static final String FIX_PORT_ENV = "BALLAST_FIX_PORT";
    static final String ALPACA_KEY_ID_ENV = "ALPACA_KEY_ID";
    static final String ALPACA_SECRET_KEY_ENV = "ALPACA_SECRET_KEY";
    static final URI ALPACA_PAPER_TRADING = URI.create("https://paper-api.alpaca.markets");
    static final URI ALPACA_PAPER_STREAM = URI.create("wss://paper-api.alpaca.markets/stream");

    private VenuePlanner() {}

    static VenuePlan plan(Values values, RunConfig.Broker broker, Function<String, String> environment) {
        String type = broker == null || broker.type() == null ? "paper" : broker.type().strip().toLowerCase(Locale.ROOT);
        VenuePlan venue = switch (type) {
            case "paper" -> VenuePlan.PAPER;
            case "fix" -> fix(values, values.required("broker.fix", broker.fix()), environment);
            case "alpaca" -> alpaca(values, broker.alpaca() == null ? emptyAlpaca() : broker.alpaca());
            default -> throw values.error("broker.type", "'" + broker.type() + "' is not one of: paper, fix, alpaca");
        };
        if (broker != null && broker.fix() != null && !(venue instanceof VenuePlan.Fix)) {
            throw values.error("broker.fix", "is only read with broker.type: fix (the type is " + type + ")");
        }
        if (broker != null && broker.alpaca() != null && !(venue instanceof VenuePlan.Alpaca)) {
            throw values.error("broker.alpaca", "is only read with broker.type: alpaca (the type is " + type + ")");
        }
        return venue;
    }

    private static VenuePlan.Fix fix(Values values, RunConfig.Fix fix, Function<String, String> environment) {
        String host = text(values, "broker.fix.host", fix.host() == null ? "127.0.0.1" : fix.host());
        String portEnv = fix.portEnv() == null ? FIX_PORT_ENV : fix.portEnv();
        int port = fix.port() == null ? 9878 : fix.port();
        String fromEnv = environment.apply(portEnv);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                port = Integer.parseInt(fromEnv.strip());
            } catch (NumberFormatException e) {
                throw values.error("broker.fix.portEnv", "the environment variable " + portEnv + " is not a port number");
            }
        }
        if (port < 1 || port > 65535) throw values.error("broker.fix.port", "must be between 1 and 65535, was " + port);
        int heartbeat = fix.heartbeatSeconds() == null ? 30 : values.positiveInt("broker.fix.heartbeatSeconds", fix.heartbeatSeconds());
        int rate = fix.maxMessagesPerSecond() == null ? 50 : values.positiveInt("broker.fix.maxMessagesPerSecond", fix.maxMessagesPerSecond());
        Path file = fix.credentialsFile() == null ? null : values.resolve(fix.credentialsFile());
        Credential password = fix.passwordEnv() == null && file == null ? null
                : new Credential(fix.passwordEnv(), file, "password", values.where("broker.fix.password"));
        return new VenuePlan.Fix(host, port, text(values, "broker.fix.senderCompId", values.required("broker.fix.senderCompId", fix.senderCompId())),
                text(values, "broker.fix.targetCompId", values.required("broker.fix.targetCompId", fix.targetCompId())), heartbeat,
                Boolean.TRUE.equals(fix.resetOnLogon()), Boolean.TRUE.equals(fix.resetOnLogout()),
                Boolean.TRUE.equals(fix.resetOnDisconnect()), rate, queryTimeout(values, "broker.fix.queryTimeoutMs", fix.queryTimeoutMs()),
                fix.account() == null ? null : text(values, "broker.fix.account", fix.account()), password);
    }

    private static VenuePlan.Alpaca alpaca(Values values, RunConfig.Alpaca alpaca) {
        Path file = alpaca.credentialsFile() == null ? null : values.resolve(alpaca.credentialsFile());
        Credential keyId = new Credential(alpaca.keyIdEnv() == null ? ALPACA_KEY_ID_ENV : alpaca.keyIdEnv(), file, "keyId",
                values.where("broker.alpaca.keyId"));
        Credential secret = new Credential(alpaca.secretKeyEnv() == null ? ALPACA_SECRET_KEY_ENV : alpaca.secretKeyEnv(), file,
                "secretKey", values.where("broker.alpaca.secretKey"));
        long silence = alpaca.streamSilenceMs() == null ? 30_000 : values.positiveLong("broker.alpaca.streamSilenceMs", alpaca.streamSilenceMs());
        int rate = alpaca.maxRequestsPerMinute() == null ? 200 : values.positiveInt("broker.alpaca.maxRequestsPerMinute", alpaca.maxRequestsPerMinute());
        return new VenuePlan.Alpaca(url(values, "broker.alpaca.tradingUrl", alpaca.tradingUrl(), ALPACA_PAPER_TRADING, "http", "https"),
                url(values, "broker.alpaca.streamUrl", alpaca.streamUrl(), ALPACA_PAPER_STREAM, "ws", "wss"), keyId, secret,
                Duration.ofMillis(silence), rate, queryTimeout(values, "broker.alpaca.queryTimeoutMs", alpaca.queryTimeoutMs()));
    }

    private static RunConfig.Alpaca emptyAlpaca() {
        return new RunConfig.Alpaca(null, null, null, null, null, null, null, null);
    }

    private static Duration queryTimeout(Values values, String key, Long millis) {
        return Duration.ofMillis(millis == null ? 10_000 : values.positiveLong(key, millis));
    }

    private static URI url(Values values, String key, String text, URI fallback, String plain, String secure) {
        if (text == null) return fallback;
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw values.error(key, "is not a URL: " + e.getReason());
        }
        if (uri.getHost() == null || !(plain.equals(uri.getScheme()) || secure.equals(uri.getScheme()))) {
            throw values.error(key, "must be a " + secure + ":// (or, for a local test venue, " + plain + "://) URL with a host");
        }
        return uri;
    }

    /** A value sent to the venue in a header or a FIX field: printable ASCII only (no control characters). */
    private static String text(Values values, String key, String value) {
        String stripped = value.strip();
        if (stripped.isEmpty()) throw values.error(key, "is empty");
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c < 0x21 || c > 0x7e) throw values.error(key, String.format(Locale.ROOT, "contains the character U+%04X", (int) c));
        }
        return stripped;
    }
}
