package dev.ballast.engine.risk;

import dev.ballast.engine.RecordingBroker;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random sequences of marks, orders in two symbols (side, quantity, market or limit), partial fills
 * at moved prices and cancels, every order the RiskManager allows keeps the account, counted at the
 * moment of decision with every open order as filled (worst case), within maxPositionQuantity in the
 * order's symbol, maxGrossExposure and maxLeverage. The worst case is recomputed independently here:
 * gross at the marks + what every open order reserved (its added exposure, still unfilled, at its
 * reference price) + what this order adds at its reference price; leverage is that over equity.
 */
class RiskExposureProperties {
    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAPL"), Symbol.of("MSFT"));
    private static final StrategyId S = StrategyId.of("s");
    private static final long MAX_QUANTITY = Quantity.ofUnits(100).raw();
    private static final Money MAX_GROSS = Money.of("25000");
    private static final Ratio MAX_LEVERAGE = Ratio.of("1.5");

    /** kind 0 mark, 1 limit order, 2 market order, 3 fill, 4 cancel; s the symbol; a, b, c parameters. */
    record Action(int kind, int s, int a, int b, int c) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000))
                .as(Action::new).list().ofMinSize(1).ofMaxSize(50);
    }

    private record Reserved(long increase, long referencePrice) {}

    @Property(tries = 500)
    void allowedOrdersNeverTakeTheWorstCaseOverPositionGrossOrLeverageLimits(@ForAll("actions") List<Action> actions) {
        SimulatedClock clock = new SimulatedClock(1);
        EngineEventBus bus = new EngineEventBus();
        OrderManager orders = new OrderManager(clock, bus, new RecordingBroker());
        PortfolioManager portfolio = new PortfolioManager(Money.of("12000"),
                SYMBOLS.stream().map(s -> Instrument.equity(s, "USD")).toList());
        RiskLimits limits = RiskLimits.none().withPosition(new PositionLimits(Quantity.ofUnits(100), null, null, null,
                MAX_GROSS, null, null, MAX_LEVERAGE));
        RiskManager risk = new RiskManager(limits, portfolio, orders, clock, bus);
        bus.subscribe(risk::on);
        Map<ClientOrderId, Reserved> reservedByOrder = new HashMap<>();
        for (Symbol symbol : SYMBOLS) portfolio.mark(symbol, Price.of("100"));
        int ids = 0;
        int trades = 0;

        for (Action action : actions) {
            clock.advanceTo(clock.nanos() + 1);
            Symbol symbol = SYMBOLS.get(action.s());
            long last = portfolio.lastPrice(symbol).raw();
            switch (action.kind()) {
                case 0 -> {
                    long moved = last + (action.a() % 1001 - 500) * 1_000_000L;
                    portfolio.mark(symbol, Price.ofRaw(Math.clamp(moved, 5_000_000_000L, 15_000_000_000L)));
                }
                case 1, 2 -> {
                    OrderSide side = action.a() % 2 == 0 ? OrderSide.BUY : OrderSide.SELL;
                    Quantity quantity = Quantity.ofUnits(1 + action.b() % 120);
                    Price limit = Price.ofRaw(last + (action.c() % 401 - 200) * 1_000_000L);
                    OrderRequest request = action.kind() == 1 ? OrderRequest.limit(symbol, side, quantity, limit)
                            : OrderRequest.market(symbol, side, quantity);
                    long reference = action.kind() == 1 ? limit.raw() : last;

                    long position = portfolio.accountPosition(symbol).quantity().raw();
                    long openSameSide = 0;
                    long reservedNow = 0;
                    for (Order open : orders.openOrders()) {
                        long leaves = Math.max(0, open.leavesQuantity().raw());
                        if (open.side() == side && open.symbol().equals(symbol)) openSameSide += side.sign() * leaves;
                        Reserved r = reservedByOrder.get(open.id());
                        if (r != null) reservedNow += FixedPoint.multiply(Math.min(r.increase(), leaves), r.referencePrice());
                    }
                    long gross = 0;
                    for (Symbol s : SYMBOLS) {
                        gross += Math.abs(FixedPoint.multiply(portfolio.accountPosition(s).quantity().raw(),
                                portfolio.lastPrice(s).raw()));
                    }
                    long signed = side.sign() * quantity.raw();
                    long worst = Math.abs(position + openSameSide + signed);
                    long increase = Math.max(0, worst - Math.abs(position + openSameSide));
                    long grossAfter = gross + reservedNow + FixedPoint.multiply(increase, reference);
                    long equity = portfolio.equity().raw();

                    ClientOrderId id = ClientOrderId.of("o" + (++ids));
                    Order order = orders.create(id, S, request, BracketRole.NONE, null);
                    RiskDecision decision = risk.check(order);
                    if (decision.allowed()) {
                        if (increase > 0) {
                            assertThat(worst).as("worst-case position of allowed %s", request).isLessThanOrEqualTo(MAX_QUANTITY);
                            assertThat(grossAfter).as("worst-case gross of allowed %s", request)
                                    .isLessThanOrEqualTo(MAX_GROSS.raw());
                            assertThat(equity).as("equity when allowing %s", request).isPositive();
                            assertThat(grossAfter).as("worst-case gross of allowed %s against %s x equity %s", request,
                                    MAX_LEVERAGE, equity).isLessThanOrEqualTo(MAX_LEVERAGE.applyTo(equity));
                            reservedByOrder.put(id, new Reserved(increase, reference));
                        }
                        orders.submit(id);
                        orders.onReport(new OrderAccepted(id, "v" + ids, clock.nanos()));
                    } else {
                        orders.deny(id, decision.reason(), decision.detail());
                        assertThat(increase).as("an order that only reduces is never denied: %s", decision.detail())
                                .isPositive();
                    }
                }
                case 3 -> {
                    List<Order> open = orders.openOrders();
                    if (open.isEmpty()) continue;
                    Order order = open.get(action.a() % open.size());
                    long leavesUnits = order.leavesQuantity().raw() / Quantity.ofUnits(1).raw();
                    Quantity quantity = Quantity.ofUnits(1 + action.b() % leavesUnits);
                    long mark = portfolio.lastPrice(order.symbol()).raw();
                    Price price = Price.ofRaw(Math.max(1_000_000L, mark + (action.c() % 201 - 100) * 1_000_000L));
                    Fill fill = new Fill(order.id(), "t" + (++trades), order.symbol(), order.side(), quantity, price, Money.ZERO,
                            clock.nanos());
                    portfolio.book(fill, S);
                    orders.onReport(fill);
                    assertThat(Math.abs(portfolio.accountPosition(order.symbol()).quantity().raw()))
                            .isLessThanOrEqualTo(MAX_QUANTITY);
                }
                case 4 -> {
                    List<Order> open = orders.openOrders();
                    if (open.isEmpty()) continue;
                    Order order = open.get(action.a() % open.size());
                    if (orders.requestCancel(order.id())) orders.onReport(new OrderCanceled(order.id(), "requested", clock.nanos()));
                }
                default -> throw new AssertionError(action);
            }
        }
    }
}
