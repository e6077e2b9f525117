package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderLimits;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RiskReason;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import org.junit.jupiter.api.Test;

import static dev.ballast.engine.risk.rules.Checks.AAPL;
import static dev.ballast.engine.risk.rules.Checks.buy;
import static dev.ballast.engine.risk.rules.Checks.check;
import static dev.ballast.engine.risk.rules.Checks.flat;
import static dev.ballast.engine.risk.rules.Checks.sell;
import static org.assertj.core.api.Assertions.assertThat;

class PriceCollarRuleTest {
    private static final RiskLimits COLLAR_5 = Checks.orderLimits(new OrderLimits(null, null, Ratio.of("0.05"), null, null, null));
    private final PriceCollarRule rule = new PriceCollarRule();

    private RiskDecision decide(OrderRequest request, String last, RiskLimits limits) {
        return rule.check(check(request, last, "100000", flat(request, 0, "0", "0", "0"), limits));
    }

    @Test
    void allowsALimitPriceJustUnderAndAtTheCollarAbove() {
        // last 100, collar 5%: band 5.00; 104.99 is 4.99 away, 105.00 exactly 5.00 away
        assertThat(decide(buy("1", "104.99"), "100", COLLAR_5).allowed()).isTrue();
        assertThat(decide(buy("1", "105.00"), "100", COLLAR_5).allowed()).isTrue();
    }

    @Test
    void deniesALimitPriceJustOverTheCollarAbove() {
        // 105.01 is 5.01 away > 5.00
        RiskDecision decision = decide(buy("1", "105.01"), "100", COLLAR_5);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_COLLAR);
        assertThat(decision.detail()).contains("account").contains("limit price 105.01").contains("5.01%")
                .contains("last price 100").contains("limit 5%");
    }

    @Test
    void collarIsSymmetricBelowTheLastPrice() {
        // 95.00 is 5.00 below: allowed; 94.99 is 5.01 below: denied
        assertThat(decide(sell("1", "95.00"), "100", COLLAR_5).allowed()).isTrue();
        assertThat(decide(sell("1", "94.99"), "100", COLLAR_5).reason()).isEqualTo(RiskReason.PRICE_COLLAR);
    }

    @Test
    void appliesToStopPrices() {
        OrderRequest at = OrderRequest.stop(AAPL, OrderSide.SELL, Quantity.of("1"), Price.of("95"));
        OrderRequest over = OrderRequest.stop(AAPL, OrderSide.SELL, Quantity.of("1"), Price.of("94.99"));
        assertThat(decide(at, "100", COLLAR_5).allowed()).isTrue();
        RiskDecision decision = decide(over, "100", COLLAR_5);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_COLLAR);
        assertThat(decision.detail()).contains("stop price 94.99");
    }

    @Test
    void checksBothPricesOfAStopLimit() {
        // stop inside (103), limit outside (105.01): denied on the limit; stop outside, limit inside: denied on the stop
        OrderRequest limitOut = OrderRequest.stopLimit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("103"), Price.of("105.01"));
        OrderRequest stopOut = OrderRequest.stopLimit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("105.01"), Price.of("104"));
        OrderRequest bothIn = OrderRequest.stopLimit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("104"), Price.of("105"));
        assertThat(decide(limitOut, "100", COLLAR_5).detail()).contains("limit price 105.01");
        assertThat(decide(stopOut, "100", COLLAR_5).detail()).contains("stop price 105.01");
        assertThat(decide(bothIn, "100", COLLAR_5).allowed()).isTrue();
    }

    @Test
    void marketOrdersPassEvenWithoutALastPrice() {
        OrderRequest market = OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("1"));
        assertThat(decide(market, null, COLLAR_5).allowed()).isTrue();
    }

    @Test
    void deniesAPricedOrderWhenThereIsNoLastPriceToJudgeIt() {
        RiskDecision decision = decide(buy("1", "100"), null, COLLAR_5);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_COLLAR);
        assertThat(decision.detail()).contains("no last price").contains("AAPL");
    }

    @Test
    void isNotCheckedWithoutACollar() {
        assertThat(decide(buy("1", "500"), "100", RiskLimits.none()).allowed()).isTrue();
        assertThat(decide(buy("1", "500"), null, RiskLimits.none()).allowed()).isTrue();
    }
}
