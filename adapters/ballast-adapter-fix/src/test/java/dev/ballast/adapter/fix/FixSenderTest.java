package dev.ballast.adapter.fix;

import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.OrderAccepted;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.MsgType;
import quickfix.field.SendingTime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static dev.ballast.adapter.fix.FixHarness.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender thread keeps to the configured message rate (a lower bound on the spacing: no upper-bound timing). */
@Tag("system")
class FixSenderTest {
    @TempDir
    Path root;

    @Test
    void theSenderKeepsToTheMessageRate() throws FieldNotFound {
        try (FixTestVenue venue = new FixTestVenue(root.resolve("venue"))) {
            FixSettings base = venue.clientSettings(root.resolve("client"), null, Duration.ofSeconds(10));
            FixSettings fivePerSecond = new FixSettings(base.host(), base.port(), base.senderCompId(),
                    base.targetCompId(), base.storeDir(), base.heartbeatSeconds(), false, false, false, 5,
                    base.queryTimeout(), null, null);
            RecordingSink sink = new RecordingSink();
            try (FixBroker broker = new FixBroker(fivePerSecond, FixHarness.CLOCK)) {
                venue.setAutoFill(false);
                broker.connect(sink);
                broker.start();
                sink.awaitConnected(true, 1);

                for (int i = 1; i <= 6; i++) {
                    broker.submit(order("s-" + i, OrderRequest.market(Symbol.of("AAPL"), OrderSide.BUY, Quantity.of("1"))));
                }
                RecordingSink.awaitTrue("six acceptances", () -> sink.all(OrderAccepted.class).size() == 6);

                List<Message> sent = venue.received(MsgType.NEW_ORDER_SINGLE);
                LocalDateTime first = sent.getFirst().getHeader().getUtcTimeStamp(SendingTime.FIELD);
                LocalDateTime last = sent.getLast().getHeader().getUtcTimeStamp(SendingTime.FIELD);
                // Five intervals of 200 ms at least (SendingTime has millisecond precision).
                assertThat(Duration.between(first, last)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
            }
        }
    }
}
