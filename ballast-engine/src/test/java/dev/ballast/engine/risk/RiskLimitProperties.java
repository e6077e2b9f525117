package dev.ballast.engine.risk;

import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.RecordingBroker;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random sequences of marks, orders (side, quantity, market or limit), partial fills at moved
 * prices and cancels, every order the RiskManager allows keeps the worst case (position + open
 * orders on its side + the order) within maxPositionQuantity, and its added exposure within the
 * buying power recomputed independently here. Checked at the moment of each decision, with no
 * tolerance: fills at other prices and later marks move equity afterwards, which no pre-trade check
 * can bound, so the property is about the decision, plus |position| within the limit after every fill
 * (which follows when each decision respected the limit).
 */
class RiskLimitProperties {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final StrategyId S = StrategyId.of("s");
    private static final long LIMIT = Quantity.ofUnits(100).raw();

    /** kind 0 mark, 1 limit order, 2 market order, 3 fill, 4 cancel; a, b, c: parameters. */
    record Action(int kind, int a, int b, int c) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000))
                .as(Action::new).list().ofMinSize(1).ofMaxSize(40);
    }

    /** What the test remembers of an allowed order to recompute its reservation: added exposure and reference price. */
    private record Reserved(long increase, long referencePrice) {}

    @Property
    void allowedOrdersNeverBreachPositionLimitOrBuyingPower(@ForAll("actions") List<Action> actions) {
        SimulatedClock clock = new SimulatedClock(1);
        EngineEventBus bus = new EngineEventBus();
        OrderManager orders = new OrderManager(clock, bus, new RecordingBroker());
        PortfolioManager portfolio = new PortfolioManager(Money.of("20000"), List.of(Instrument.equity(AAPL, "USD")));
        RiskManager risk = new RiskManager(RiskLimits.basic(null, Quantity.ofUnits(100), null, true), portfolio, orders, clock, bus);
        bus.subscribe(risk::on);
        Map<ClientOrderId, Reserved> reservedByOrder = new HashMap<>();
        portfolio.mark(AAPL, Price.of("100"));
        int ids = 0;
        int trades = 0;

        for (Action action : actions) {
            clock.advanceTo(clock.nanos() + 1);
            long last = portfolio.lastPrice(AAPL).raw();
            switch (action.kind()) {
                case 0 -> {
                    // move the mark by up to +-5.00 within 50 to 150
                    long moved = last + (action.a() % 1001 - 500) * 1_000_000L;
                    portfolio.mark(AAPL, Price.ofRaw(Math.clamp(moved, 5_000_000_000L, 15_000_000_000L)));
                }
                case 1, 2 -> {
                    OrderSide side = action.a() % 2 == 0 ? OrderSide.BUY : OrderSide.SELL;
                    Quantity quantity = Quantity.ofUnits(1 + action.b() % 150);
                    // limit within +-2.00 of the mark, on the cent grid
                    Price limit = Price.ofRaw(last + (action.c() % 401 - 200) * 1_000_000L);
                    OrderRequest request = action.kind() == 1 ? OrderRequest.limit(AAPL, side, quantity, limit)
                            : OrderRequest.market(AAPL, side, quantity);
                    long reference = action.kind() == 1 ? limit.raw() : last;

                    // Independently: position, open same-side leaves, equity, gross, reservations before deciding.
                    long position = portfolio.accountPosition(AAPL).quantity().raw();
                    long openSameSide = 0;
                    long reservedNow = 0;
                    for (Order open : orders.openOrders()) {
                        long leaves = Math.max(0, open.leavesQuantity().raw());
                        if (open.side() == side) openSameSide += side.sign() * leaves;
                        Reserved r = reservedByOrder.get(open.id());
                        if (r != null) reservedNow += FixedPoint.multiply(Math.min(r.increase(), leaves), r.referencePrice());
                    }
                    long signed = side.sign() * quantity.raw();
                    long worst = Math.abs(position + openSameSide + signed);
                    long increase = Math.max(0, worst - Math.abs(position + openSameSide));
                    long equity = portfolio.equity().raw();
                    long gross = Math.abs(FixedPoint.multiply(position, last));

                    ClientOrderId id = ClientOrderId.of("o" + (++ids));
                    Order order = orders.create(id, S, request, BracketRole.NONE, null);
                    RiskDecision decision = risk.check(order);
                    if (decision.allowed()) {
                        assertThat(worst).as("worst-case position of allowed %s", request).isLessThanOrEqualTo(LIMIT);
                        assertThat(FixedPoint.multiply(increase, reference))
                                .as("exposure added by allowed %s", request).isLessThanOrEqualTo(equity - gross - reservedNow);
                        if (increase > 0) reservedByOrder.put(id, new Reserved(increase, reference));
                        orders.submit(id);
                        orders.onReport(new OrderAccepted(id, "v" + ids, clock.nanos()));
                    } else {
                        orders.deny(id, decision.reason(), decision.detail());
                        assertThat(decision.detail()).isNotBlank();
                    }
                }
                case 3 -> {
                    List<Order> open = orders.openOrders();
                    if (open.isEmpty()) continue;
                    Order order = open.get(action.a() % open.size());
                    long leavesUnits = order.leavesQuantity().raw() / Quantity.ofUnits(1).raw();
                    Quantity quantity = Quantity.ofUnits(1 + action.b() % leavesUnits);
                    // filled within +-1.00 of the mark: slippage after acceptance
                    Price price = Price.ofRaw(Math.max(1_000_000L, last + (action.c() % 201 - 100) * 1_000_000L));
                    Fill fill = new Fill(order.id(), "t" + (++trades), AAPL, order.side(), quantity, price, Money.ZERO, clock.nanos());
                    portfolio.book(fill, S);
                    orders.onReport(fill);
                    assertThat(Math.abs(portfolio.accountPosition(AAPL).quantity().raw())).isLessThanOrEqualTo(LIMIT);
                    assertThat(portfolio.ledgerIdentityHolds()).isTrue();
                }
                case 4 -> {
                    List<Order> open = orders.openOrders();
                    if (open.isEmpty()) continue;
                    Order order = open.get(action.a() % open.size());
                    if (orders.requestCancel(order.id())) orders.onReport(new OrderCanceled(order.id(), "requested", clock.nanos()));
                }
                default -> throw new AssertionError(action);
            }
            // The RiskManager's own reservation agrees with the independent recomputation.
            long reservedNow = 0;
            for (Order open : orders.openOrders()) {
                Reserved r = reservedByOrder.get(open.id());
                if (r != null) reservedNow += FixedPoint.multiply(Math.min(r.increase(), Math.max(0, open.leavesQuantity().raw())),
                        r.referencePrice());
            }
            assertThat(risk.reservedExposure().raw()).isEqualTo(reservedNow);
        }
    }
}
