package dev.ballast.engine.broker.paper;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperBrokerSettingsTest {
    @Test
    void defaultsAreAFrictionlessUtcVenue() {
        PaperBrokerSettings d = PaperBrokerSettings.defaults();
        assertThat(d.latency()).isEqualTo(Duration.ZERO);
        assertThat(d.maxVolumeShare()).isEqualTo(1.0);
        assertThat(d.slippage()).isEqualTo(SlippageModel.none());
        assertThat(d.commission()).isEqualTo(CommissionModel.none());
        assertThat(d.dayZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void rejectsOutOfRangeValues() {
        PaperBrokerSettings d = PaperBrokerSettings.defaults();
        assertThatThrownBy(() -> d.withMaxVolumeShare(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxVolumeShare(1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxVolumeShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withLatency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSlippage(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withDayZone(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
