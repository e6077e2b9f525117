package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixSettingsTest {
    private static final Path STORE = Path.of("store");

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> settings("", 9876, "BALLAST", 30, 10, Duration.ofSeconds(5), null))
                .hasMessage("FIX host is required");
        assertThatThrownBy(() -> settings("h", 0, "BALLAST", 30, 10, Duration.ofSeconds(5), null))
                .hasMessage("FIX port must be 1..65535, got 0");
        assertThatThrownBy(() -> settings("h", 9876, "BAL LAST", 30, 10, Duration.ofSeconds(5), null))
                .hasMessage("FIX senderCompId 'BAL LAST' contains whitespace");
        assertThatThrownBy(() -> settings("h", 9876, "BALLAST", 0, 10, Duration.ofSeconds(5), null))
                .hasMessage("FIX heartbeatSeconds must be at least 1, got 0");
        assertThatThrownBy(() -> settings("h", 9876, "BALLAST", 30, 0, Duration.ofSeconds(5), null))
                .hasMessage("FIX maxMessagesPerSecond must be at least 1, got 0");
        assertThatThrownBy(() -> settings("h", 9876, "BALLAST", 30, 10, Duration.ZERO, null))
                .hasMessage("FIX queryTimeout must be positive, got PT0S");
        assertThatThrownBy(() -> settings("h", 9876, "BALLAST", 30, 10, Duration.ofSeconds(5), "acc\u0001t"))
                .hasMessage("FIX account contains the control character U+0001");
    }

    @Test
    void theSettingsTextHidesThePassword() {
        FixSettings settings = new FixSettings("h", 9876, "BALLAST", "VENUE", STORE, 30, false, false, false, 10,
                Duration.ofSeconds(5), "ACC-1", Secret.of("s3cr3t-value"));
        assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("(hidden)");
    }

    private static FixSettings settings(String host, int port, String sender, int heartbeat, int rate, Duration timeout,
                                        String account) {
        return new FixSettings(host, port, sender, "VENUE", STORE, heartbeat, false, false, false, rate, timeout,
                account, null);
    }
}
