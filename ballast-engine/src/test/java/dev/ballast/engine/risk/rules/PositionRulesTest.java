package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.PositionLimits;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.risk.RiskScope;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.ballast.engine.risk.rules.Checks.S1;
import static dev.ballast.engine.risk.rules.Checks.buy;
import static dev.ballast.engine.risk.rules.Checks.check;
import static dev.ballast.engine.risk.rules.Checks.figures;
import static dev.ballast.engine.risk.rules.Checks.flat;
import static dev.ballast.engine.risk.rules.Checks.sell;
import static org.assertj.core.api.Assertions.assertThat;

/** Position share of equity, open positions, gross and net exposure, concentration and leverage, each at its boundary. */
class PositionRulesTest {

    private static RiskLimits limits(Ratio fraction, Integer openPositions, String gross, String net, Ratio concentration,
                                     Ratio leverage) {
        return Checks.positionLimits(new PositionLimits(null, null, fraction, openPositions,
                gross == null ? null : Money.of(gross), net == null ? null : Money.of(net), concentration, leverage));
    }

    @Nested
    class ShareOfEquity {
        private final RiskLimits max20 = limits(Ratio.of("0.2"), null, null, null, null, null);
        private final PositionSizeRule rule = new PositionSizeRule();

        /** Long 60 with 30 open on the buy side, equity as given. */
        private RiskDecision buyWith(String quantity, String equity) {
            OrderRequest request = buy(quantity, "100");
            return rule.check(check(request, "100", equity, figures(request, "60", "30", 1, 1, "6000", "6000", "6000", "3000"),
                    max20));
        }

        @Test
        void allowsAPositionJustUnderAndAtItsShareOfEquity() {
            // 20% of 100000 = 20000; (60 + 30 + 109) x 100 = 19900; (60 + 30 + 110) x 100 = 20000
            assertThat(buyWith("109", "100000").allowed()).isTrue();
            assertThat(buyWith("110", "100000").allowed()).isTrue();
        }

        @Test
        void deniesAPositionJustOverItsShareOfEquity() {
            // (60 + 30 + 111) x 100 = 20100 > 20000
            RiskDecision decision = buyWith("111", "100000");
            assertThat(decision.reason()).isEqualTo(RiskReason.MAX_POSITION_FRACTION_OF_EQUITY);
            assertThat(decision.detail()).contains("account").contains("20100.00").contains("20.10%").contains("limit 20%")
                    .contains("20000.00");
        }

        @Test
        void deniesWhenThereIsNoPositiveEquity() {
            assertThat(buyWith("1", "0").reason()).isEqualTo(RiskReason.NO_EQUITY);
            assertThat(buyWith("1", "-5").reason()).isEqualTo(RiskReason.NO_EQUITY);
        }
    }

    @Nested
    class OpenPositions {
        private final RiskLimits max2 = limits(null, 2, null, null, null, null);
        private final OpenPositionsRule rule = new OpenPositionsRule();

        private RiskDecision newSymbolWith(int openPositions) {
            OrderRequest request = buy("1", "100");
            return rule.check(check(request, "100", "100000", flat(request, openPositions, "0", "0", "0"), max2));
        }

        @Test
        void allowsANewPositionJustUnderAndAtTheLimit() {
            // 0 held -> 1; 1 held -> 2 = limit
            assertThat(newSymbolWith(0).allowed()).isTrue();
            assertThat(newSymbolWith(1).allowed()).isTrue();
        }

        @Test
        void deniesANewPositionOverTheLimit() {
            // 2 held -> 3 > 2
            RiskDecision decision = newSymbolWith(2);
            assertThat(decision.reason()).isEqualTo(RiskReason.MAX_OPEN_POSITIONS);
            assertThat(decision.detail()).contains("account holds 2").contains("would make 3").contains("limit 2");
        }

        @Test
        void addingToAHeldSymbolOrOneWithAnOpenEntryIsNotANewPosition() {
            OrderRequest request = buy("1", "100");
            assertThat(rule.check(check(request, "100", "100000",
                    figures(request, "10", "0", 0, 2, "1000", "1000", "1000", "0"), max2)).allowed()).isTrue();
            assertThat(rule.check(check(request, "100", "100000",
                    figures(request, "0", "10", 1, 2, "1000", "1000", "0", "1000"), max2)).allowed()).isTrue();
        }
    }

    @Nested
    class GrossExposure {
        private final RiskLimits max100k = limits(null, null, "100000", null, null, null);
        private final ExposureRule rule = new ExposureRule();

        /** Positions worth 50000, open orders reserving 30000, a buy in a flat symbol. */
        private RiskDecision buy(String quantity) {
            OrderRequest request = Checks.buy(quantity, "100");
            return rule.check(check(request, "100", "100000", flat(request, 1, "50000", "50000", "30000"), max100k));
        }

        @Test
        void allowsGrossExposureJustUnderAndAtTheLimitCountingOpenOrders() {
            // 50000 + 30000 + 199 x 100 = 99900; + 200 x 100 = 100000
            assertThat(buy("199").allowed()).isTrue();
            assertThat(buy("200").allowed()).isTrue();
        }

        @Test
        void deniesGrossExposureJustOverTheLimit() {
            // 50000 + 30000 + 20100 = 100100
            RiskDecision decision = buy("201");
            assertThat(decision.reason()).isEqualTo(RiskReason.MAX_GROSS_EXPOSURE);
            assertThat(decision.detail()).contains("account gross exposure would reach 100100.00")
                    .contains("open orders 30000.00").contains("order 20100.00").contains("limit 100000.00");
        }

        @Test
        void aShortAddsToGrossExposureLikeALong() {
            OrderRequest request = sell("201", "100");
            assertThat(rule.check(check(request, "100", "100000", flat(request, 1, "50000", "50000", "30000"), max100k)).reason())
                    .isEqualTo(RiskReason.MAX_GROSS_EXPOSURE);
        }
    }

    @Nested
    class NetExposure {
        private final RiskLimits max50k = limits(null, null, null, "50000", null, null);
        private final ExposureRule rule = new ExposureRule();

        private RiskDecision decide(OrderRequest request, String net) {
            return rule.check(check(request, "100", "100000", flat(request, 1, "30000", net, "10000"), max50k));
        }

        @Test
        void allowsNetExposureJustUnderAndAtTheLimit() {
            // |30000 + 99 x 100| + 10000 reserved = 49900; with 100: 50000
            assertThat(decide(buy("99", "100"), "30000").allowed()).isTrue();
            assertThat(decide(buy("100", "100"), "30000").allowed()).isTrue();
        }

        @Test
        void deniesNetExposureJustOverTheLimit() {
            // |30000 + 10100| + 10000 = 50100
            RiskDecision decision = decide(buy("101", "100"), "30000");
            assertThat(decision.reason()).isEqualTo(RiskReason.MAX_NET_EXPOSURE);
            assertThat(decision.detail()).contains("account net exposure would reach 50100.00").contains("limit 50000.00");
        }

        @Test
        void shortNetExposureIsLimitedToo() {
            // |-30000 - 10100| + 10000 = 50100
            assertThat(decide(sell("101", "100"), "-30000").reason()).isEqualTo(RiskReason.MAX_NET_EXPOSURE);
            assertThat(decide(sell("100", "100"), "-30000").allowed()).isTrue();
        }

        @Test
        void countsReservationsAgainstUsEvenWhenTheOrderMovesNetTowardZero() {
            // net +45000, sell 100 @ 100 in a flat symbol: |45000 - 10000| + 10000 = 45000, allowed
            // (counting the reservation on the order's side would give 25000: it is not subtracted)
            assertThat(decide(sell("100", "100"), "45000").allowed()).isTrue();
            // net -45000, sell 1: |-45100| + 10000 = 55100 > 50000
            assertThat(decide(sell("1", "100"), "-45000").reason()).isEqualTo(RiskReason.MAX_NET_EXPOSURE);
        }
    }

    @Nested
    class Concentration {
        private final ConcentrationRule rule = new ConcentrationRule();

        private static RiskLimits cap(String ratio) {
            return limits(null, null, null, null, Ratio.of(ratio), null);
        }

        /** Another symbol worth 50000 held, the order's symbol flat, nothing reserved. */
        private RiskDecision buy(String quantity) {
            OrderRequest request = Checks.buy(quantity, "100");
            return rule.check(check(request, "100", "100000", flat(request, 1, "50000", "50000", "0"), cap("0.5")));
        }

        @Test
        void allowsConcentrationJustUnderAndAtTheLimit() {
            // 499 x 100 = 49900 vs 50% x (50000 + 49900) = 49950; 500 x 100 = 50000 vs 50% x 100000 = 50000
            assertThat(buy("499").allowed()).isTrue();
            assertThat(buy("500").allowed()).isTrue();
        }

        @Test
        void deniesConcentrationJustOverTheLimit() {
            // 50100 vs 50% x 100100 = 50050
            RiskDecision decision = buy("501");
            assertThat(decision.reason()).isEqualTo(RiskReason.CONCENTRATION);
            assertThat(decision.detail()).contains("account concentration in AAPL").contains("symbol 50100.00")
                    .contains("gross 100100.00").contains("limit 50%");
        }

        @Test
        void aBookOfOneSymbolIsNotJudgedSoAFirstOrderFromFlatPasses() {
            // From flat the symbol would be 100% of gross under any cap: nothing to be concentrated against.
            OrderRequest request = Checks.buy("1", "100");
            assertThat(rule.check(check(request, "100", "100000", flat(request, 0, "0", "0", "0"), cap("0.5"))).allowed()).isTrue();
        }

        @Test
        void countsTheFlippedPositionWhenAnOrderReversesIt() {
            // short 100 @ 100 (-10000) plus another symbol 30000: gross 40000. Buy 300: increase 100, gross after 50000;
            // symbol after |-10000 + 30000| = 20000 = 40%: at a 40% cap allowed, at 39% (19500) denied
            OrderRequest request = Checks.buy("300", "100");
            var figures = figures(request, "-100", "0", 0, 2, "40000", "20000", "-10000", "0");
            assertThat(rule.check(check(request, "100", "100000", figures, cap("0.4"))).allowed()).isTrue();
            assertThat(rule.check(check(request, "100", "100000", figures, cap("0.39"))).reason())
                    .isEqualTo(RiskReason.CONCENTRATION);
        }
    }

    @Nested
    class Leverage {
        private final RiskLimits max2 = limits(null, null, null, null, null, Ratio.of("2"));
        private final LeverageRule rule = new LeverageRule();

        /** Positions 150000, open orders reserving 30000, a buy in a flat symbol, equity as given. */
        private RiskDecision buy(String quantity, String equity) {
            OrderRequest request = Checks.buy(quantity, "100");
            return rule.check(check(request, "100", equity, flat(request, 2, "150000", "150000", "30000"), max2));
        }

        @Test
        void allowsLeverageJustUnderAndAtTheLimit() {
            // 2 x 100000 = 200000; 150000 + 30000 + 19900 = 199900; + 20000 = 200000
            assertThat(buy("199", "100000").allowed()).isTrue();
            assertThat(buy("200", "100000").allowed()).isTrue();
        }

        @Test
        void deniesLeverageJustOverTheLimit() {
            // 150000 + 30000 + 21500 = 201500 / 100000 = 2.015 -> "2.02" (half-even at two places of 2.015 is 2.02)
            RiskDecision decision = buy("215", "100000");
            assertThat(decision.reason()).isEqualTo(RiskReason.LEVERAGE);
            assertThat(decision.detail()).contains("account leverage would reach 2.02")
                    .contains("gross 201500.00 / equity 100000.00").contains("limit 2");
            // 200100 is already over by 100
            assertThat(buy("201", "100000").reason()).isEqualTo(RiskReason.LEVERAGE);
        }

        @Test
        void deniesWhenThereIsNoPositiveEquity() {
            assertThat(buy("1", "0").reason()).isEqualTo(RiskReason.NO_EQUITY);
            assertThat(buy("1", "-100").detail()).contains("equity is -100.00");
        }

        @Test
        void namesTheStrategyScope() {
            OrderRequest request = Checks.buy("201", "100");
            RiskDecision decision = rule.check(check(request, "100", "100000", flat(request, 2, "150000", "150000", "30000"),
                    max2, RiskScope.of(S1)));
            assertThat(decision.detail()).startsWith("strategy s1 leverage");
        }
    }

    @Test
    void exposureRulesLetAnOrderThatOnlyReducesThrough() {
        // long 2000 @ 100, equity 10000: over every limit; selling 50 only reduces
        RiskLimits tight = limits(Ratio.of("0.01"), 0, "1", "1", Ratio.of("0.01"), Ratio.of("0.1"));
        OrderRequest request = sell("50", "100");
        var figures = figures(request, "2000", "0", 0, 1, "200000", "200000", "200000", "0");
        var check = check(request, "100", "10000", figures, tight);
        assertThat(check.onlyReduces()).isTrue();
        assertThat(new PositionSizeRule().check(check).allowed()).isTrue();
        assertThat(new OpenPositionsRule().check(check).allowed()).isTrue();
        assertThat(new ExposureRule().check(check).allowed()).isTrue();
        assertThat(new ConcentrationRule().check(check).allowed()).isTrue();
        assertThat(new LeverageRule().check(check).allowed()).isTrue();
    }
}
