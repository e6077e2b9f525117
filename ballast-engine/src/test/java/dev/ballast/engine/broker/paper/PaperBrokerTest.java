package dev.ballast.engine.broker.paper;

import dev.ballast.model.OrderType;
import java.util.SplittableRandom;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.ReplaceRejected;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.ballast.engine.broker.paper.PaperBrokerFixture.AAPL;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.ES;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.LOTS;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.MILLI;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.MINUTE;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.T0;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.bar;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.nanos;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.quote;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class PaperBrokerTest {

    private static Quantity qty(long units) {
        return Quantity.ofUnits(units);
    }

    private static OrderRequest market(OrderSide side, long units) {
        return OrderRequest.market(AAPL, side, qty(units)).withTimeInForce(TimeInForce.GTC);
    }

    private static OrderRequest limit(OrderSide side, long units, String price) {
        return OrderRequest.limit(AAPL, side, qty(units), Price.of(price));
    }

    private static PaperBrokerSettings bps(double slippageBps) {
        return PaperBrokerSettings.defaults().withSlippage(SlippageModel.fixedBps(slippageBps));
    }

    @Nested
    class MarketOrders {
        @Test
        void fillsMarketBuyAtNextBarOpenPlusFixedBpsSlippage() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(bar(1, "99.00", "99.50", "98.80", "99.20", "100000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 10));

            assertThat(f.reports).containsExactly(new OrderAccepted(id, "PB-1", T0 + MINUTE));

            f.feed(bar(2, "100.00", "101.00", "99.00", "100.50", "100000"));
            // 100.00 * (1 + 10/10_000) = 100.10, already on the cent tick.
            assertThat(f.fills()).containsExactly(new Fill(id, "P-1", AAPL, OrderSide.BUY, qty(10), Price.of("100.10"),
                    Money.ZERO, T0 + 2 * MINUTE));
            assertThat(f.broker.workingOrderCount()).isZero();
        }

        @Test
        void fillsMarketSellAtNextBarOpenMinusSlippageRoundedDownToTick() {
            var f = new PaperBrokerFixture(bps(5));
            f.feed(bar(1, "50.00", "50.00", "50.00", "50.00", "1000"));
            f.submit(market(OrderSide.SELL, 3));
            f.feed(bar(2, "50.00", "51.00", "49.00", "50.00", "1000"));
            // 50.00 * (1 - 5/10_000) = 49.975 -> down to the tick, against the seller: 49.97.
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.price()).isEqualTo(Price.of("49.97"));
                assertThat(fill.side()).isEqualTo(OrderSide.SELL);
            });
        }

        @Test
        void neverFillsOnDataStampedAtItsSubmitTime() {
            var f = new PaperBrokerFixture();
            var bar1 = bar(1, "99.00", "99.50", "98.80", "99.20", "1000");
            f.feed(bar1);
            f.submit(market(OrderSide.BUY, 10));
            // A bar complete at the submit time happened before the order, even if it is delivered after it.
            f.feed(bar1);
            assertThat(f.fills()).isEmpty();
            f.feed(bar(2, "99.30", "99.50", "98.80", "99.20", "1000"));
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("99.30"));
        }

        @Test
        void fillsMarketOrderOnTickAtLastQuoteAsk() {
            var f = new PaperBrokerFixture();
            f.feed(quote(T0 + 1, "99.98", "500", "100.02", "400"));
            ClientOrderId buy = f.submit(market(OrderSide.BUY, 10));
            ClientOrderId sell = f.submit(market(OrderSide.SELL, 10));
            f.feed(tick(T0 + 2, "100.00", "50"));
            assertThat(f.fills()).extracting(Fill::orderId, Fill::price)
                    .containsExactly(tuple(buy, Price.of("100.02")),
                            tuple(sell, Price.of("99.98")));
        }

        @Test
        void fillsMarketOrderOnTickAtTradePriceWhenNoQuoteSeen() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(tick(T0 + 1, "100.00", "50"));
            f.submit(market(OrderSide.BUY, 10));
            f.feed(tick(T0 + 2, "100.00", "50"));
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("100.10"));
        }

        @Test
        void fillsMarketOrderOnQuoteAtAskCappedByAskSize() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.5));
            f.feed(quote(T0 + 1, "99.98", "500", "100.02", "400"));
            f.submit(market(OrderSide.BUY, 300));
            f.feed(quote(T0 + 2, "99.99", "500", "100.01", "400"));
            f.feed(quote(T0 + 3, "99.99", "500", "100.03", "400"));
            assertThat(f.fills()).extracting(Fill::quantity, Fill::price).containsExactly(
                    tuple(qty(200), Price.of("100.01")),
                    tuple(qty(100), Price.of("100.03")));
        }
    }

    @Nested
    class LimitOrders {
        @Test
        void fillsBuyLimitAtLimitWhenBarLowCrossesIt() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "99.50"));
            f.feed(bar(2, "100.00", "100.20", "99.60", "99.80", "1000"));
            assertThat(f.fills()).as("low 99.60 stays above the limit").isEmpty();
            f.feed(bar(3, "99.80", "100.00", "99.40", "99.90", "1000"));
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.orderId()).isEqualTo(id);
                assertThat(fill.price()).as("no slippage on limit fills").isEqualTo(Price.of("99.50"));
                assertThat(fill.timestamp()).isEqualTo(T0 + 3 * MINUTE);
            });
        }

        @Test
        void fillsBuyLimitAtOpenWhenBarGapsBelowTheLimit() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(limit(OrderSide.BUY, 10, "99.50"));
            f.feed(bar(2, "99.00", "99.60", "98.50", "99.10", "1000"));
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("99.00"));
        }

        @Test
        void fillsSellLimitAtLimitWhenHighCrossesAndAtOpenOnGap() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(limit(OrderSide.SELL, 10, "100.50"));
            f.submit(limit(OrderSide.SELL, 10, "101.00"));
            f.feed(bar(2, "100.00", "100.70", "99.90", "100.60", "1000"));
            f.feed(bar(3, "101.40", "101.60", "101.20", "101.50", "1000"));
            assertThat(f.fills()).extracting(Fill::price).containsExactly(Price.of("100.50"), Price.of("101.40"));
        }

        @Test
        void fillsLimitOnTradeTickAtTradePriceWhenItCrosses() {
            var f = new PaperBrokerFixture();
            f.feed(tick(T0, "100.00", "10"));
            f.submit(limit(OrderSide.BUY, 5, "99.90"));
            f.feed(tick(T0 + 1, "99.95", "10"));
            f.feed(tick(T0 + 2, "99.85", "10"));
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("99.85"));
        }
    }

    @Nested
    class StopOrders {
        @Test
        void triggersBuyStopWhenHighReachesStopAndFillsAtStopPlusSlippage() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stop(AAPL, OrderSide.BUY, qty(10), Price.of("101.00")));
            f.feed(bar(2, "100.00", "100.90", "99.50", "100.50", "1000"));
            assertThat(f.fills()).isEmpty();
            f.feed(bar(3, "100.50", "101.50", "100.40", "101.20", "1000"));
            // 101.00 * 1.001 = 101.101 -> up to the tick against the buyer: 101.11.
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("101.11"));
        }

        @Test
        void fillsBuyStopAtOpenPlusSlippageWhenBarGapsAboveStop() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stop(AAPL, OrderSide.BUY, qty(10), Price.of("101.00")));
            f.feed(bar(2, "102.00", "102.50", "101.80", "102.20", "1000"));
            // 102.00 * 1.001 = 102.102 -> 102.11.
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("102.11"));
        }

        @Test
        void fillsSellStopAtOpenMinusSlippageWhenBarGapsBelowStop() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stop(AAPL, OrderSide.SELL, qty(10), Price.of("99.00")));
            f.feed(bar(2, "98.00", "98.50", "97.50", "98.00", "1000"));
            // 98.00 * 0.999 = 97.902 -> down to the tick against the seller: 97.90.
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("97.90"));
        }

        @Test
        void triggeredStopWorksOnAsMarketOrderWhenVolumeCapsTheFirstFill() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stop(AAPL, OrderSide.BUY, qty(150), Price.of("101.00")));
            f.feed(bar(2, "100.00", "101.50", "99.50", "101.20", "1000"));
            f.feed(bar(3, "100.60", "100.90", "100.10", "100.50", "1000"));
            assertThat(f.fills()).extracting(Fill::quantity, Fill::price).containsExactly(
                    tuple(qty(100), Price.of("101.00")),
                    tuple(qty(50), Price.of("100.60")));
        }

        @Test
        void stopLimitFillsOnTriggerBarAtStopWhenLimitIsMarketable() {
            var f = new PaperBrokerFixture(bps(10));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stopLimit(AAPL, OrderSide.BUY, qty(10), Price.of("101.00"), Price.of("101.50")));
            f.feed(bar(2, "100.00", "102.00", "99.80", "101.90", "1000"));
            assertThat(f.fills()).singleElement().extracting(Fill::price)
                    .as("limit fill: no slippage").isEqualTo(Price.of("101.00"));
        }

        @Test
        void stopLimitGappingPastItsLimitRestsAsLimitUntilReached() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stopLimit(AAPL, OrderSide.BUY, qty(10), Price.of("101.00"), Price.of("101.50")));
            // Opens at 102 (triggered, above the limit); the low of 101.40 is not trusted to come after the trigger.
            f.feed(bar(2, "102.00", "102.50", "101.40", "102.10", "1000"));
            assertThat(f.fills()).isEmpty();
            f.feed(bar(3, "101.90", "102.00", "101.60", "101.70", "1000"));
            assertThat(f.fills()).isEmpty();
            f.feed(bar(4, "101.80", "101.90", "101.20", "101.30", "1000"));
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("101.50"));
        }

        @Test
        void sellStopLimitFillsAtOpenWhenGapStaysWithinLimit() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(OrderRequest.stopLimit(AAPL, OrderSide.SELL, qty(10), Price.of("99.00"), Price.of("98.50")));
            f.feed(bar(2, "98.80", "99.00", "98.00", "98.20", "1000"));
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("98.80"));
        }
    }

    @Nested
    class VolumeAndLots {
        @Test
        void capsFillsAtVolumeShareAndWorksTheRestOnLaterBars() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 250));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.feed(bar(3, "101.00", "101.00", "101.00", "101.00", "500"));
            f.feed(bar(4, "102.00", "102.00", "102.00", "102.00", "5000"));
            f.feed(bar(5, "103.00", "103.00", "103.00", "103.00", "5000"));
            assertThat(f.fills()).extracting(Fill::quantity, Fill::price, Fill::tradeId).containsExactly(
                    tuple(qty(100), Price.of("100.00"), "P-1"),
                    tuple(qty(50), Price.of("101.00"), "P-2"),
                    tuple(qty(100), Price.of("102.00"), "P-3"));
            assertThat(f.reportsFor(id)).hasSize(4);
            assertThat(f.broker.workingOrderCount()).isZero();
        }

        @Test
        void roundsCappedFillQuantityDownToLotSize() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(LOTS, T0, "10.00", "10.00", "10.00", "10.00", "2550"));
            f.submit(OrderRequest.market(LOTS, OrderSide.BUY, qty(500)));
            f.feed(bar(LOTS, T0 + MINUTE, "10.00", "10.00", "10.00", "10.00", "2550"));
            f.feed(bar(LOTS, T0 + 2 * MINUTE, "10.00", "10.00", "10.00", "10.00", "990"));
            f.feed(bar(LOTS, T0 + 3 * MINUTE, "10.00", "10.00", "10.00", "10.00", "2550"));
            f.feed(bar(LOTS, T0 + 4 * MINUTE, "10.00", "10.00", "10.00", "10.00", "2550"));
            // 255 -> 200; 99 -> less than a lot, no fill; 255 -> 200; the last 100.
            assertThat(f.fills()).extracting(Fill::quantity).containsExactly(qty(200), qty(200), qty(100));
        }

        @Test
        void barsWithoutVolumeDoNotCapFills() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", null));
            f.submit(market(OrderSide.BUY, 300));
            f.submit(market(OrderSide.BUY, 300));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", null));
            f.feed(bar(3, "100.00", "100.00", "100.00", "100.00", "0"));
            assertThat(f.fills()).extracting(Fill::quantity).containsExactly(qty(300), qty(300));
        }

        @Test
        void rejectsQuantityThatIsNotALotMultiple() {
            var f = new PaperBrokerFixture();
            ClientOrderId id = f.submit(OrderRequest.market(LOTS, OrderSide.BUY, qty(150)));
            assertThat(f.reports).singleElement().isInstanceOfSatisfying(OrderRejected.class,
                    r -> assertThat(r.reason()).contains("lot size"));
            assertThat(f.reports.getFirst().orderId()).isEqualTo(id);
        }
    }

    @Nested
    class TimeInForces {
        @Test
        void iocFillsWhatTheFirstEligibleBarAllowsAndCancelsTheRest() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 250).withTimeInForce(TimeInForce.IOC));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.feed(bar(3, "100.00", "100.00", "100.00", "100.00", "1000"));
            List<BrokerReport> reports = f.reportsFor(id);
            assertThat(reports).hasSize(3);
            assertThat(reports.get(1)).isInstanceOfSatisfying(Fill.class, fill -> assertThat(fill.quantity()).isEqualTo(qty(100)));
            assertThat(reports.get(2)).isInstanceOfSatisfying(OrderCanceled.class, c -> {
                assertThat(c.reason()).contains("IOC").contains("150");
                assertThat(c.timestamp()).isEqualTo(T0 + 2 * MINUTE);
            });
        }

        @Test
        void iocLimitNotReachedOnFirstEligibleBarIsCanceledWithoutFill() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "99.00").withTimeInForce(TimeInForce.IOC));
            f.feed(bar(2, "100.00", "100.50", "99.50", "100.00", "1000"));
            f.feed(bar(3, "98.00", "98.00", "98.00", "98.00", "1000"));
            assertThat(f.fills()).isEmpty();
            assertThat(f.reportsFor(id)).last().isInstanceOf(OrderCanceled.class);
        }

        @Test
        void fokCancelsEntirelyWhenTheFirstEligibleBarCannotFillItAll() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId tooBig = f.submit(market(OrderSide.BUY, 250).withTimeInForce(TimeInForce.FOK));
            ClientOrderId fits = f.submit(market(OrderSide.BUY, 100).withTimeInForce(TimeInForce.FOK));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.feed(bar(3, "100.00", "100.00", "100.00", "100.00", "100000"));
            assertThat(f.reportsFor(tooBig)).hasSize(2).last().isInstanceOfSatisfying(OrderCanceled.class,
                    c -> assertThat(c.reason()).contains("FOK"));
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.orderId()).isEqualTo(fits);
                assertThat(fill.quantity()).isEqualTo(qty(100));
            });
        }

        @Test
        void dayOrderExpiresAtFirstDataOfNextDateBeforeFillingOnIt() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId day = f.submit(limit(OrderSide.BUY, 10, "99.00").withTimeInForce(TimeInForce.DAY));
            ClientOrderId gtc = f.submit(limit(OrderSide.BUY, 10, "99.00"));
            f.feed(bar(2, "100.00", "100.50", "99.50", "100.00", "1000"));
            long nextDay = nanos("2024-01-03T14:31:00Z");
            f.feed(bar(AAPL, nextDay, "98.50", "99.00", "98.00", "98.80", "1000"));
            assertThat(f.reportsFor(day)).last().isEqualTo(new OrderExpired(day, nextDay));
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.orderId()).as("GTC survives the date change").isEqualTo(gtc);
                assertThat(fill.price()).isEqualTo(Price.of("98.50"));
            });
        }

        @Test
        void dayOrderExpiresOnDataOfAnotherSymbolAndOnTime() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId a = f.submit(limit(OrderSide.BUY, 10, "90.00").withTimeInForce(TimeInForce.DAY));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId b = f.submit(limit(OrderSide.BUY, 10, "90.00").withTimeInForce(TimeInForce.DAY));
            f.feed(bar(3, "100.00", "100.00", "100.00", "100.00", "1000"));
            long nextDay = nanos("2024-01-03T00:00:00Z");
            f.feed(bar(LOTS, nextDay, "10.00", "10.00", "10.00", "10.00", "100"));
            assertThat(f.reportsOf(OrderExpired.class)).containsExactly(new OrderExpired(a, nextDay), new OrderExpired(b, nextDay));

            var g = new PaperBrokerFixture();
            g.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId c = g.submit(limit(OrderSide.BUY, 10, "90.00").withTimeInForce(TimeInForce.DAY));
            g.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            g.broker.onTime(nextDay - 1);
            assertThat(g.reportsOf(OrderExpired.class)).isEmpty();
            g.broker.onTime(nextDay);
            assertThat(g.reportsOf(OrderExpired.class)).containsExactly(new OrderExpired(c, nextDay));
        }

        @Test
        void dayOrderSentOnDailyBarCloseWorksTheNextSession() {
            var f = new PaperBrokerFixture();
            long jan2 = nanos("2024-01-02T21:00:00Z");
            long jan3 = nanos("2024-01-03T21:00:00Z");
            long jan4 = nanos("2024-01-04T21:00:00Z");
            f.feed(bar(AAPL, jan2, "100.00", "101.00", "99.00", "100.00", "1000000"));
            ClientOrderId mkt = f.submit(OrderRequest.market(AAPL, OrderSide.BUY, qty(10))); // DAY by default
            ClientOrderId lmt = f.submit(limit(OrderSide.BUY, 10, "95.00").withTimeInForce(TimeInForce.DAY));
            f.feed(bar(AAPL, jan3, "100.50", "101.00", "99.00", "100.00", "1000000"));
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.orderId()).isEqualTo(mkt);
                assertThat(fill.price()).isEqualTo(Price.of("100.50"));
            });
            f.feed(bar(AAPL, jan4, "94.00", "95.00", "93.00", "94.00", "1000000"));
            assertThat(f.reportsFor(lmt)).last().isEqualTo(new OrderExpired(lmt, jan4));
            assertThat(f.fills()).hasSize(1);
        }

        @Test
        void dayExpiryFollowsTheConfiguredZone() {
            var settings = PaperBrokerSettings.defaults().withDayZone(ZoneId.of("America/New_York"));
            var f = new PaperBrokerFixture(settings);
            long afternoon = nanos("2024-01-02T19:00:00Z"); // 14:00 in New York
            f.feed(bar(AAPL, afternoon, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "90.00").withTimeInForce(TimeInForce.DAY));
            f.feed(bar(AAPL, afternoon + MINUTE, "100.00", "100.00", "100.00", "100.00", "1000"));
            long utcMidnightPast = nanos("2024-01-03T02:00:00Z"); // still Jan 2, 21:00 in New York
            f.feed(bar(AAPL, utcMidnightPast, "100.00", "100.00", "100.00", "100.00", "1000"));
            assertThat(f.reportsOf(OrderExpired.class)).isEmpty();
            long nyNextDay = nanos("2024-01-03T05:00:00Z"); // 00:00 Jan 3 in New York
            f.feed(bar(AAPL, nyNextDay, "100.00", "100.00", "100.00", "100.00", "1000"));
            assertThat(f.reportsOf(OrderExpired.class)).containsExactly(new OrderExpired(id, nyNextDay));
        }
    }

    @Nested
    class Latency {
        @Test
        void latencyDelaysAcceptanceAndFillEligibility() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(50)));
            f.feed(tick(T0, "100.00", "100"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 10));
            assertThat(f.reports).containsExactly(new OrderAccepted(id, "PB-1", T0 + 50 * MILLI));
            f.feed(tick(T0 + 49 * MILLI, "100.01", "100"));
            assertThat(f.fills()).isEmpty();
            f.feed(tick(T0 + 50 * MILLI, "100.02", "100"));
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.price()).isEqualTo(Price.of("100.02"));
                assertThat(fill.timestamp()).isEqualTo(T0 + 50 * MILLI);
            });
        }

        @Test
        void rejectIsStampedAfterLatency() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(20)));
            ClientOrderId id = f.submit(OrderRequest.market(Symbol.of("NOPE"), OrderSide.BUY, qty(1)));
            assertThat(f.reports).containsExactly(new OrderRejected(id, "unknown symbol NOPE", T0 + 20 * MILLI));
        }

        @Test
        void fillBeforeCancelTakesEffectWinsTheRaceAndCancelIsRejected() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(100)));
            f.feed(tick(T0, "100.00", "100"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "99.00"));
            f.feed(tick(T0 + 200 * MILLI, "99.50", "100"));
            f.broker.cancel(id);
            f.feed(tick(T0 + 250 * MILLI, "99.00", "100"));
            f.feed(tick(T0 + 300 * MILLI, "98.00", "100"));
            List<BrokerReport> reports = f.reportsFor(id);
            assertThat(reports).hasSize(3);
            assertThat(reports.get(1)).isInstanceOfSatisfying(Fill.class,
                    fill -> assertThat(fill.timestamp()).isEqualTo(T0 + 250 * MILLI));
            assertThat(reports.get(2)).isInstanceOfSatisfying(CancelRejected.class,
                    r -> assertThat(r.timestamp()).isEqualTo(T0 + 300 * MILLI));
        }

        @Test
        void cancelTakingEffectBeforeTheCrossingDataPreventsTheFill() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(100)));
            f.feed(tick(T0, "100.00", "100"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "99.00"));
            f.feed(tick(T0 + 200 * MILLI, "99.50", "100"));
            f.broker.cancel(id);
            f.feed(tick(T0 + 300 * MILLI, "98.00", "100"));
            assertThat(f.fills()).isEmpty();
            assertThat(f.reportsFor(id)).last().isEqualTo(new OrderCanceled(id, "canceled on request", T0 + 300 * MILLI));
        }

        @Test
        void partialFillRacingCancelLeavesTheRestCanceled() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(100))
                    .withMaxVolumeShare(0.5));
            f.feed(tick(T0, "100.00", "100"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 100, "99.00"));
            f.feed(tick(T0 + 200 * MILLI, "99.50", "100"));
            f.broker.cancel(id);
            f.feed(tick(T0 + 250 * MILLI, "99.00", "100"));
            f.broker.onTime(T0 + 300 * MILLI);
            assertThat(f.reportsFor(id)).hasSize(3);
            assertThat(f.reportsFor(id).get(1)).isInstanceOfSatisfying(Fill.class,
                    fill -> assertThat(fill.quantity()).isEqualTo(qty(50)));
            assertThat(f.reportsFor(id).get(2)).isEqualTo(new OrderCanceled(id, "canceled on request", T0 + 300 * MILLI));
        }

        @Test
        void withoutLatencyCancelTakesEffectImmediately() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "99.00"));
            f.broker.cancel(id);
            assertThat(f.reportsFor(id)).last().isEqualTo(new OrderCanceled(id, "canceled on request", T0 + MINUTE));
            f.feed(bar(2, "98.00", "98.00", "98.00", "98.00", "1000"));
            assertThat(f.fills()).isEmpty();
            assertThat(f.broker.workingOrderCount()).isZero();
        }
    }

    @Nested
    class CancelAndModify {
        @Test
        void cancelOfUnknownOrFinishedOrderIsRejected() {
            var f = new PaperBrokerFixture();
            f.broker.cancel(ClientOrderId.of("nobody-1"));
            assertThat(f.reports).singleElement().isInstanceOf(CancelRejected.class);

            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 10));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.broker.cancel(id);
            assertThat(f.reportsFor(id)).last().isInstanceOf(CancelRejected.class);
        }

        @Test
        void modifyReplacesQuantityAndLimitAndTheOrderWorksOnNewTerms() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "98.00"));
            f.broker.modify(id, qty(20), Price.of("99.00"), null);
            assertThat(f.reportsFor(id)).last()
                    .isEqualTo(new OrderReplaced(id, qty(20), Price.of("99.00"), null, T0 + MINUTE));
            f.feed(bar(2, "100.00", "100.00", "98.90", "99.50", "1000"));
            assertThat(f.fills()).singleElement().satisfies(fill -> {
                assertThat(fill.quantity()).isEqualTo(qty(20));
                assertThat(fill.price()).isEqualTo(Price.of("99.00"));
            });
        }

        @Test
        void modifyBelowFilledQuantityIsRejectedAndOrderKeepsWorking() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 250));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.broker.modify(id, qty(50), null, null);
            assertThat(f.reportsFor(id)).last().isInstanceOfSatisfying(ReplaceRejected.class,
                    r -> assertThat(r.reason()).contains("below the filled quantity 100"));
            f.feed(bar(3, "100.00", "100.00", "100.00", "100.00", "1000"));
            assertThat(f.fills()).hasSize(2);
        }

        @Test
        void modifyDownToFilledQuantityReplacesThenCancelsTheNothingLeft() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withMaxVolumeShare(0.1));
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 250));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.broker.modify(id, qty(100), null, null);
            List<BrokerReport> reports = f.reportsFor(id);
            assertThat(reports.get(reports.size() - 2)).isInstanceOf(OrderReplaced.class);
            assertThat(reports.getLast()).isInstanceOf(OrderCanceled.class);
            assertThat(f.broker.workingOrderCount()).isZero();
        }

        @Test
        void modifyOfUnknownOrderOrUnusedPriceIsRejected() {
            var f = new PaperBrokerFixture();
            f.broker.modify(ClientOrderId.of("nobody-1"), qty(5), null, null);
            assertThat(f.reports).singleElement().isInstanceOf(ReplaceRejected.class);

            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId id = f.submit(market(OrderSide.BUY, 10));
            f.broker.modify(id, null, Price.of("99.00"), null);
            assertThat(f.reportsFor(id)).last().isInstanceOfSatisfying(ReplaceRejected.class,
                    r -> assertThat(r.reason()).contains("MARKET order has no limit price"));
            ClientOrderId lmt = f.submit(limit(OrderSide.BUY, 10, "99.00"));
            f.broker.modify(lmt, null, Price.of("99.005"), null);
            assertThat(f.reportsFor(lmt)).last().isInstanceOfSatisfying(ReplaceRejected.class,
                    r -> assertThat(r.reason()).contains("tick size"));
        }

        @Test
        void sinkThatCallsBackIntoTheBrokerDoesNotBreakSweepsOrFills() {
            var f = new PaperBrokerFixture();
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            ClientOrderId a = f.submit(limit(OrderSide.BUY, 10, "90.00").withTimeInForce(TimeInForce.DAY));
            ClientOrderId b = f.submit(limit(OrderSide.BUY, 10, "90.00").withTimeInForce(TimeInForce.DAY));
            ClientOrderId gtc = f.submit(limit(OrderSide.BUY, 10, "90.00"));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.onReport = r -> {
                if (r instanceof OrderExpired e && e.orderId().equals(a)) f.broker.cancel(gtc);
                if (r instanceof OrderCanceled) f.submit(market(OrderSide.BUY, 1));
            };
            long nextDay = nanos("2024-01-03T14:31:00Z");
            f.feed(bar(AAPL, nextDay, "89.00", "89.00", "89.00", "89.00", "1000"));
            assertThat(f.reportsOf(OrderExpired.class)).extracting(OrderExpired::orderId).containsExactly(a, b);
            assertThat(f.reportsFor(gtc)).last().isInstanceOf(OrderCanceled.class);
            assertThat(f.fills()).as("orders sent from the sink wait for the next bar").isEmpty();
            f.onReport = r -> { };
            f.feed(bar(AAPL, nextDay + MINUTE, "89.00", "89.00", "89.00", "89.00", "1000"));
            assertThat(f.fills()).hasSize(1);
        }

        @Test
        void modifyWithLatencyTakesEffectLaterAndFillsBeforeUseTheOldTerms() {
            var f = new PaperBrokerFixture(PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(100)));
            f.feed(tick(T0, "100.00", "1000"));
            ClientOrderId id = f.submit(limit(OrderSide.BUY, 10, "99.00"));
            f.feed(tick(T0 + 100 * MILLI, "99.50", "1000"));
            f.broker.modify(id, null, Price.of("99.60"), null);
            f.feed(tick(T0 + 150 * MILLI, "99.55", "1000"));
            assertThat(f.fills()).as("old limit still in force").isEmpty();
            f.feed(tick(T0 + 200 * MILLI, "99.55", "1000"));
            assertThat(f.reportsFor(id)).extracting(r -> r.getClass().getSimpleName())
                    .containsExactly("OrderAccepted", "OrderReplaced", "Fill");
            assertThat(f.fills().getFirst().price()).isEqualTo(Price.of("99.55"));
            assertThat(f.reportsFor(id).get(1).timestamp()).isEqualTo(T0 + 200 * MILLI);
        }
    }

    @Nested
    class Costs {
        @Test
        void chargesPerShareCommissionWithMinimumPerFill() {
            var settings = PaperBrokerSettings.defaults().withMaxVolumeShare(0.5)
                    .withCommission(CommissionModel.perUnit(Money.of("0.005"), Money.of("1.00")));
            var f = new PaperBrokerFixture(settings);
            f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
            f.submit(market(OrderSide.BUY, 100));
            f.submit(market(OrderSide.BUY, 1000));
            f.feed(bar(2, "100.00", "100.00", "100.00", "100.00", "2000"));
            // 100 x 0.005 = 0.50 -> the 1.00 minimum; 1000 x 0.005 = 5.00.
            assertThat(f.fills()).extracting(Fill::commission).containsExactly(Money.of("1.00"), Money.of("5.00"));
        }

        @Test
        void chargesBasisPointsOfNotionalIncludingMultiplier() {
            var settings = PaperBrokerSettings.defaults().withCommission(CommissionModel.bps(2));
            var f = new PaperBrokerFixture(settings);
            f.feed(bar(ES, T0, "5000.00", "5000.00", "5000.00", "5000.00", "1000"));
            f.submit(OrderRequest.market(ES, OrderSide.SELL, qty(3)).withTimeInForce(TimeInForce.GTC));
            f.feed(bar(ES, T0 + MINUTE, "5000.25", "5001.00", "4999.00", "5000.00", "1000"));
            // 3 x 5000.25 x 50 = 750,037.50 notional; 2 bp = 150.0075.
            assertThat(f.fills()).singleElement().extracting(Fill::commission).isEqualTo(Money.of("150.0075"));
        }

        @Test
        void volumeBasedSlippageGrowsWithParticipation() {
            var settings = PaperBrokerSettings.defaults()
                    .withSlippage(SlippageModel.volumeImpact(1, 100, SlippageModel.Shape.LINEAR));
            var f = new PaperBrokerFixture(settings);
            f.feed(bar(1, "50.00", "50.00", "50.00", "50.00", "1000"));
            f.submit(market(OrderSide.BUY, 100));
            f.feed(bar(2, "50.00", "50.00", "50.00", "50.00", "1000"));
            // participation 0.1 -> 1 + 100 x 0.1 = 11 bp; 50.00 x 1.0011 = 50.055 -> 50.06.
            assertThat(f.fills()).singleElement().extracting(Fill::price).isEqualTo(Price.of("50.06"));
        }
    }

    @Nested
    class Rejections {
        @Test
        void rejectsUnknownSymbol() {
            var f = new PaperBrokerFixture();
            ClientOrderId id = f.submit(OrderRequest.market(Symbol.of("NOPE"), OrderSide.BUY, qty(1)));
            assertThat(f.reports).containsExactly(new OrderRejected(id, "unknown symbol NOPE", T0));
            assertThat(f.broker.workingOrderCount()).isZero();
        }

        @Test
        void rejectsOffTickPriceAndMissingPrices() {
            var f = new PaperBrokerFixture();
            f.submit(limit(OrderSide.BUY, 1, "99.001"));
            f.submit(new OrderRequest(AAPL, OrderSide.BUY, OrderType.STOP, TimeInForce.GTC, qty(1),
                    null, null));
            f.submit(new OrderRequest(AAPL, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC, qty(0),
                    Price.of("1"), null));
            assertThat(f.reportsOf(OrderRejected.class)).extracting(OrderRejected::reason).satisfiesExactly(
                    r -> assertThat(r).contains("tick size"),
                    r -> assertThat(r).contains("needs a stop price"),
                    r -> assertThat(r).contains("quantity must be positive"));
        }

        @Test
        void requiresConnectBeforeOrders() {
            var broker = new PaperBroker(new TestClock(T0), PaperBrokerFixture.INSTRUMENTS, PaperBrokerSettings.defaults());
            assertThatThrownBy(() -> broker.cancel(ClientOrderId.of("x-1"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Determinism {
        @Test
        void sameInputsAndSeedGiveIdenticalReports() {
            assertThat(scenario(7)).isEqualTo(scenario(7));
            assertThat(scenario(7)).isNotEqualTo(scenario(8));
        }

        @Test
        void reportsOfEachOrderAreCausalAndTimeOrdered() {
            List<BrokerReport> reports = scenario(3);
            Map<ClientOrderId, List<BrokerReport>> byOrder = new HashMap<>();
            for (BrokerReport r : reports) byOrder.computeIfAbsent(r.orderId(), k -> new ArrayList<>()).add(r);
            assertThat(byOrder).isNotEmpty();
            byOrder.forEach((id, list) -> {
                assertThat(list.getFirst()).isInstanceOfAny(OrderAccepted.class, OrderRejected.class);
                for (int i = 1; i < list.size(); i++) {
                    assertThat(list.get(i).timestamp()).isGreaterThanOrEqualTo(list.get(i - 1).timestamp());
                }
            });
        }

        /** Random slippage, latency, partial fills, cancels and modifies over a seeded random walk. */
        private List<BrokerReport> scenario(long seed) {
            var settings = PaperBrokerSettings.defaults().withSeed(seed).withLatency(Duration.ofMillis(5))
                    .withMaxVolumeShare(0.2).withSlippage(SlippageModel.randomBps(20))
                    .withCommission(CommissionModel.perUnit(Money.of("0.01"), Money.of("1")));
            var f = new PaperBrokerFixture(settings);
            var walk = new SplittableRandom(42);
            long price = 10_000; // cents
            List<ClientOrderId> ids = new ArrayList<>();
            for (int k = 1; k <= 400; k++) {
                long open = price;
                price = Math.max(100, price + walk.nextLong(-50, 51));
                long high = Math.max(open, price) + walk.nextLong(0, 20);
                long low = Math.min(open, price) - walk.nextLong(0, 20);
                f.feed(bar(k, cents(open), cents(high), cents(low), cents(price), Long.toString(walk.nextLong(100, 2000))));
                switch (walk.nextInt(6)) {
                    case 0 -> ids.add(f.submit(market(walk.nextBoolean() ? OrderSide.BUY : OrderSide.SELL, walk.nextLong(1, 500))));
                    case 1 -> ids.add(f.submit(limit(OrderSide.BUY, walk.nextLong(1, 500), cents(price - 30))));
                    case 2 -> ids.add(f.submit(OrderRequest.stop(AAPL, OrderSide.SELL, qty(walk.nextLong(1, 500)),
                            Price.of(cents(price - 40)))));
                    case 3 -> { if (!ids.isEmpty()) f.broker.cancel(ids.get(walk.nextInt(ids.size()))); }
                    case 4 -> { if (!ids.isEmpty()) f.broker.modify(ids.get(walk.nextInt(ids.size())), qty(walk.nextLong(1, 600)), null, null); }
                    default -> { }
                }
            }
            assertThat(f.fills()).hasSizeGreaterThan(50);
            return List.copyOf(f.reports);
        }

        private static String cents(long cents) {
            return Price.ofRaw(cents * 1_000_000L).toString();
        }
    }
}
