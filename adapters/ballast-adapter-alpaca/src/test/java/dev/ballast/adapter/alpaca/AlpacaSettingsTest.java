package dev.ballast.adapter.alpaca;

import dev.ballast.engine.broker.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlpacaSettingsTest {
    private static final Secret SECRET = Secret.of("abc");

    @Test
    void paperSettingsUseAlpacasPaperEndpoints() {
        AlpacaSettings settings = AlpacaSettings.paper("key", SECRET);
        assertThat(settings.tradingUrl()).isEqualTo(URI.create("https://paper-api.alpaca.markets"));
        assertThat(settings.streamUrl()).isEqualTo(URI.create("wss://paper-api.alpaca.markets/stream"));
        assertThat(settings.toString()).doesNotContain("abc").contains("(hidden)");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        URI rest = URI.create("https://x.example");
        URI ws = URI.create("wss://x.example/stream");
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new AlpacaSettings(ws, ws, "k", SECRET, second, 10, second))
                .hasMessageContaining("tradingUrl").hasMessageContaining("wss://x.example/stream");
        assertThatThrownBy(() -> new AlpacaSettings(rest, rest, "k", SECRET, second, 10, second))
                .hasMessageContaining("streamUrl");
        assertThatThrownBy(() -> new AlpacaSettings(rest, ws, " ", SECRET, second, 10, second))
                .hasMessageContaining("keyId");
        assertThatThrownBy(() -> new AlpacaSettings(rest, ws, "k", null, second, 10, second))
                .hasMessageContaining("secretKey");
        assertThatThrownBy(() -> new AlpacaSettings(rest, ws, "k", SECRET, Duration.ZERO, 10, second))
                .hasMessageContaining("streamSilence");
        assertThatThrownBy(() -> new AlpacaSettings(rest, ws, "k", SECRET, second, 0, second))
                .hasMessageContaining("maxRequestsPerMinute");
        assertThatThrownBy(() -> new AlpacaSettings(rest, ws, "k", SECRET, second, 10, null))
                .hasMessageContaining("queryTimeout");
    }

    @Test
    void aTrailingSlashOnTheTradingUrlIsDropped() {
        AlpacaSettings settings = new AlpacaSettings(URI.create("http://127.0.0.1:8080/"),
                URI.create("ws://127.0.0.1:8080/stream"), "k", SECRET, Duration.ofSeconds(1), 10, Duration.ofSeconds(1));
        assertThat(settings.tradingUrl().toString()).isEqualTo("http://127.0.0.1:8080");
    }
}
