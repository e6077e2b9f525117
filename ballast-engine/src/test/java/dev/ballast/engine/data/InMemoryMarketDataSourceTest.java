package dev.ballast.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.TradeTick;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMarketDataSourceTest {
    private static TradeTick trade(long t) {
        return new TradeTick(Symbol.of("A"), t, Price.ofUnits(1), Quantity.ofUnits(1));
    }

    @Test
    void replaysInOrderThenEndsAndCanRewind() {
        InMemoryMarketDataSource source = InMemoryMarketDataSource.of(List.of(trade(1), trade(2), trade(2)));
        assertThat(source.next().timestamp()).isEqualTo(1);
        assertThat(source.next().timestamp()).isEqualTo(2);
        assertThat(source.next().timestamp()).isEqualTo(2);
        assertThat(source.next()).isNull();
        source.rewind();
        assertThat(source.next().timestamp()).isEqualTo(1);
        assertThat(source.skippedRows().total()).isZero();
    }

    @Test
    void refusesEventsOutOfTimeOrder() {
        assertThatThrownBy(() -> InMemoryMarketDataSource.wrap(trade(2), trade(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event 1 is earlier");
    }
}
