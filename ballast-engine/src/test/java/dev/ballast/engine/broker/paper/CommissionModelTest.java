package dev.ballast.engine.broker.paper;

import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommissionModelTest {
    private static final Instrument AAPL = Instrument.equity(Symbol.of("AAPL"), "USD");

    private static Money fee(CommissionModel model, String qty, String price) {
        return model.commission(AAPL, OrderSide.BUY, Quantity.of(qty), Price.of(price));
    }

    @Test
    void noneIsFree() {
        assertThat(fee(CommissionModel.none(), "100", "50")).isEqualTo(Money.ZERO);
    }

    @Test
    void perShareChargesTheMinimumOnSmallFills() {
        CommissionModel model = CommissionModel.perUnit(Money.of("0.005"), Money.of("1.00"));
        assertThat(fee(model, "1", "50")).isEqualTo(Money.of("1.00"));
        assertThat(fee(model, "199", "50")).isEqualTo(Money.of("1.00"));
        assertThat(fee(model, "201", "50")).isEqualTo(Money.of("1.005"));
        assertThat(fee(model, "0.5", "50")).as("fractional units").isEqualTo(Money.of("1.00"));
    }

    @Test
    void bpsOfNotionalIsExactAndRespectsMinimum() {
        // 37 x 123.45 = 4567.65 notional; 1.5 bp = 0.6851475 exactly.
        assertThat(fee(CommissionModel.bps(1.5), "37", "123.45")).isEqualTo(Money.of("0.6851475"));
        assertThat(fee(CommissionModel.bps(1.5, Money.of("1")), "37", "123.45")).isEqualTo(Money.of("1"));
    }

    @Test
    void rejectsNegativeParameters() {
        assertThatThrownBy(() -> CommissionModel.perUnit(Money.of("-0.01"), Money.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommissionModel.bps(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
