package dev.ballast.engine.risk;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.RecordingBroker;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Random huge quantities and prices (up to the largest a {@link Quantity} or {@link Price} holds, limit and
 * market orders, either side, after a mark anywhere in that range) through every risk rule at account and
 * strategy scope: the RiskManager never throws, and an order it denies for overflow says so with
 * {@link RiskReason#FIGURES_OVERFLOW} and names the order.
 */
class RiskFiguresOverflowProperties {
    private static final Symbol SYM = Symbol.of("SYM");
    private static final StrategyId S = StrategyId.of("s");

    record Attempt(long quantityRaw, long priceRaw, long markRaw, boolean limit, boolean buy) {}

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<Long> huge = Arbitraries.oneOf(Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, 1_000_000_000_000_000L), Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE / 2,
                        100_000_000L, 5_000_000_000_000_000_000L / 1_000));
        return Combinators.combine(huge, huge, huge, Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Attempt::new).list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 300)
    void hugeFiguresAreDeniedNeverThrown(@ForAll("attempts") List<Attempt> attempts) {
        SimulatedClock clock = new SimulatedClock(1);
        EngineEventBus bus = new EngineEventBus();
        OrderManager orders = new OrderManager(clock, bus, new RecordingBroker());
        PortfolioManager portfolio = new PortfolioManager(Money.of("1000000"), List.of(Instrument.equity(SYM, "USD")));
        RiskLimits everything = new RiskLimits(
                new OrderLimits(Quantity.ofRaw(Long.MAX_VALUE / 2), Money.ofRaw(Long.MAX_VALUE / 2), Ratio.ofPercent("50"), 1000,
                        Duration.ofSeconds(1), 1000),
                new PositionLimits(Quantity.ofRaw(Long.MAX_VALUE / 2), Money.ofRaw(Long.MAX_VALUE / 2), Ratio.ofPercent("500"), 50,
                        Money.ofRaw(Long.MAX_VALUE / 2), Money.ofRaw(Long.MAX_VALUE / 2), Ratio.ofPercent("100"), Ratio.of("4")),
                null, null, null, true);
        RiskManager risk = new RiskManager(new RiskConfig(everything, Map.of(S, everything), BreakerLimits.NONE, null),
                portfolio, orders, clock, bus);
        bus.subscribe(risk::on);
        int ids = 0;
        for (Attempt attempt : attempts) {
            clock.advanceTo(clock.nanos() + 1_000_000_000L);
            portfolio.mark(SYM, Price.ofRaw(attempt.markRaw()));
            OrderSide side = attempt.buy() ? OrderSide.BUY : OrderSide.SELL;
            Quantity quantity = Quantity.ofRaw(attempt.quantityRaw());
            OrderRequest request = attempt.limit() ? OrderRequest.limit(SYM, side, quantity, Price.ofRaw(attempt.priceRaw()))
                    : OrderRequest.market(SYM, side, quantity);
            ClientOrderId id = ClientOrderId.of("o" + (++ids));
            Order order = orders.create(id, S, request, BracketRole.NONE, null);
            RiskDecision[] decision = new RiskDecision[1];
            assertThatCode(() -> decision[0] = risk.check(order)).as("check of %s", request).doesNotThrowAnyException();
            if (decision[0].reason() == RiskReason.FIGURES_OVERFLOW) {
                assertThat(decision[0].allowed()).isFalse();
                assertThat(decision[0].detail()).contains(id.toString());
            }
            if (!decision[0].allowed()) orders.deny(id, decision[0].reason(), decision[0].detail());
        }
    }
}
