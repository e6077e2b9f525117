package dev.ballast.engine.risk;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Quantity;
import java.time.Duration;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.portfolio.ExposureFigures;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.rules.BuyingPowerRule;
import dev.ballast.engine.risk.rules.ConcentrationRule;
import dev.ballast.engine.risk.rules.CorrelationRule;
import dev.ballast.engine.risk.rules.DuplicateOrderRule;
import dev.ballast.engine.risk.rules.ExposureRule;
import dev.ballast.engine.risk.rules.LeverageRule;
import dev.ballast.engine.risk.rules.OpenOrdersRule;
import dev.ballast.engine.risk.rules.OpenPositionsRule;
import dev.ballast.engine.risk.rules.OrderRateRule;
import dev.ballast.engine.risk.rules.OrderSanityRule;
import dev.ballast.engine.risk.rules.OrderSizeRule;
import dev.ballast.engine.risk.rules.PositionSizeRule;
import dev.ballast.engine.risk.rules.PriceCollarRule;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.JournalFailed;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FlattenPositions;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OrderApproved;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.ReduceOnly;
import dev.ballast.model.event.ResumeTrading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RiskManager: the gate every order passes before any broker sees it, and the watch on the
 * portfolio after every fill and price move.
 *
 * <p>Pre-trade, in order: the trading state (HALTED denies, REDUCE_ONLY lets only reducing orders
 * through), order sanity, fresh market data, a reference price (fail closed when there is none), then
 * for the account and, where it has limits of its own, the strategy: the order rules (size, price
 * collar, open orders, duplicates, rate) and, unless the order only reduces exposure, the exposure
 * rules (position size, open positions, gross and net exposure, concentration, leverage, correlation,
 * buying power). The first denial decides; every decision, allow or deny, carries its reason and
 * figures and is published.
 *
 * <p>Post-trade: the {@link LossGuard} (daily loss, drawdown), the {@link StrategyCircuitBreaker}
 * (performance, broker rejects), operator commands (halt, resume, flatten) and broker disconnects move
 * the {@link TradingStates}, and through {@link RiskActions} ask the order path, by events, to cancel orders and
 * flatten positions.
 *
 * <p>Owned by the engine thread; not thread-safe.
 */
public final class RiskManager {
    private final RiskConfig config;
    private final PortfolioManager portfolio;
    private final OpenOrders orders;
    private final Clock clock;
    private final EngineEventBus events;
    private final TradingStates states;
    private final OrderTraffic traffic = new OrderTraffic();
    private final CorrelationTracker correlations;
    private final LossGuard lossGuard;
    private final StrategyCircuitBreaker breaker;
    private final PreTradeRule sanity = new OrderSanityRule();
    private final List<PreTradeRule> orderRules;
    private final List<PreTradeRule> exposureRules;
    private final Map<ClientOrderId, Reservation> reservations = new HashMap<>();
    private final Map<StrategyId, long[]> reservedByStrategy = new HashMap<>();
    private final RiskActions actions;
    private long reserved;

    public RiskManager(RiskConfig config, PortfolioManager portfolio, OpenOrders orders, Clock clock, EngineEventBus events) {
        this.config = config;
        this.portfolio = portfolio;
        this.orders = orders;
        this.clock = clock;
        this.events = events;
        this.states = new TradingStates(clock, events);
        this.actions = new RiskActions(clock, events);
        CorrelationLimits correlation = config.account().correlation();
        this.correlations = correlation == null ? null : new CorrelationTracker(correlation.window());
        this.lossGuard = new LossGuard(config, portfolio, states, actions);
        this.breaker = new StrategyCircuitBreaker(config, portfolio, states, actions);
        this.orderRules = List.of(new OrderSizeRule(), new PriceCollarRule(), new OpenOrdersRule(),
                new DuplicateOrderRule(traffic), new OrderRateRule(traffic));
        this.exposureRules = correlations == null
                ? List.of(new PositionSizeRule(), new OpenPositionsRule(), new ExposureRule(), new ConcentrationRule(),
                        new LeverageRule(), new BuyingPowerRule())
                : List.of(new PositionSizeRule(), new OpenPositionsRule(), new ExposureRule(), new ConcentrationRule(),
                        new LeverageRule(), new CorrelationRule(correlations, portfolio), new BuyingPowerRule());
    }

    /** A RiskManager with account limits only (tests and simple wiring). */
    public RiskManager(RiskLimits limits, PortfolioManager portfolio, OpenOrders orders, Clock clock, EngineEventBus events) {
        this(RiskConfig.of(limits), portfolio, orders, clock, events);
    }

    /**
     * Checks a strategy's INITIALIZED order; when allowed, reserves the exposure it adds until it fills or ends.
     * An order whose figures (notional, exposure, reservation) do not fit the fixed point is denied
     * {@link RiskReason#FIGURES_OVERFLOW}: what a strategy asks for must never take the engine down.
     */
    public RiskDecision check(Order order) {
        try {
            return checkFitting(order);
        } catch (ArithmeticException e) {
            return FiguresOverflow.deny(order, e);
        }
    }

    private RiskDecision checkFitting(Order order) {
        Instrument instrument = portfolio.instrument(order.symbol());
        if (instrument == null) {
            return RiskDecision.deny(RiskReason.UNKNOWN_INSTRUMENT, "symbol " + order.symbol() + " is not an instrument of this run");
        }
        long now = clock.nanos();
        // Fix: a new trading day (resumeNextDay) and the end of a cooldown used to take effect only in
        // onMarketData, which runs after the strategies saw the event, so orders sent on the first event
        // of the new day, or the one at the end of the pause, were still denied TRADING_HALTED. Lift what
        // is due at this engine time before the state gate judges the order.
        lossGuard.onTime(now);
        states.onTime(now);
        Price reference = referencePrice(order.request());
        Price last = portfolio.lastPrice(order.symbol());
        Money equity = portfolio.equity();
        Money buyingPower = Money.ofRaw(equity.raw() - portfolio.grossExposure().raw() - reserved);
        OrderCheck account = new OrderCheck(order, instrument, reference, last, now, equity, buyingPower, RiskScope.ACCOUNT,
                figures(RiskScope.ACCOUNT, order), config.account());
        RiskLimits strategyLimits = config.strategy(order.strategyId());
        RiskScope strategyScope = RiskScope.of(order.strategyId());
        OrderCheck strategy = strategyLimits == null && states.state(strategyScope) != TradingState.REDUCE_ONLY ? null
                : new OrderCheck(order, instrument, reference, last, now, equity, buyingPower, strategyScope,
                figures(strategyScope, order), strategyLimits == null ? RiskLimits.none() : strategyLimits);

        RiskDecision decision = stateGate(account, strategy);
        if (decision == null) decision = sanity.check(account);
        if (decision.allowed()) decision = exitLeg(order);
        if (decision.allowed()) decision = freshness(account);
        if (decision.allowed() && reference == null) {
            decision = RiskDecision.deny(RiskReason.NO_REFERENCE_PRICE,
                    "no price for " + order.symbol() + " yet to value a " + order.request().type() + " order");
        }
        if (decision.allowed()) decision = runRules(account);
        if (decision.allowed() && strategyLimits != null) decision = runRules(strategy);
        if (decision.allowed()) approve(order, account, now, true);
        return decision;
    }

    /**
     * Checks an order the engine itself sends to get a scope flat (an operator's or a halt's flatten):
     * only its sanity; no state or exposure gate may keep a position from being closed.
     */
    public RiskDecision checkEngineOrder(Order order) {
        try {
            return checkEngineOrderFitting(order);
        } catch (ArithmeticException e) {
            return FiguresOverflow.deny(order, e);
        }
    }

    private RiskDecision checkEngineOrderFitting(Order order) {
        Instrument instrument = portfolio.instrument(order.symbol());
        if (instrument == null) {
            return RiskDecision.deny(RiskReason.UNKNOWN_INSTRUMENT, "symbol " + order.symbol() + " is not an instrument of this run");
        }
        long now = clock.nanos();
        OrderCheck check = new OrderCheck(order, instrument, referencePrice(order.request()), portfolio.lastPrice(order.symbol()),
                now, portfolio.equity(), portfolio.equity(), RiskScope.ACCOUNT, figures(RiskScope.ACCOUNT, order), config.account());
        RiskDecision decision = sanity.check(check);
        if (decision.allowed()) approve(order, check, now, false);
        return decision;
    }

    private RiskDecision stateGate(OrderCheck account, OrderCheck strategy) {
        StrategyId id = account.order().strategyId();
        TradingState accountState = states.state(RiskScope.ACCOUNT);
        TradingState strategyState = states.state(RiskScope.of(id));
        if (accountState == TradingState.HALTED) {
            return RiskDecision.deny(RiskReason.TRADING_HALTED, "the account is halted (" + states.reason(RiskScope.ACCOUNT) + ")");
        }
        if (strategyState == TradingState.HALTED) {
            return RiskDecision.deny(RiskReason.TRADING_HALTED, "strategy " + id + " is halted (" + states.reason(RiskScope.of(id)) + ")");
        }
        if (accountState == TradingState.REDUCE_ONLY && !account.onlyReduces()) {
            return RiskDecision.deny(RiskReason.REDUCE_ONLY, "the account is reduce-only (" + states.reason(RiskScope.ACCOUNT)
                    + ") and the order would add " + Quantity.ofRaw(account.exposureIncrease())
                    + " " + account.order().symbol() + " to the account's exposure");
        }
        if (strategyState == TradingState.REDUCE_ONLY && strategy != null && !strategy.onlyReduces()) {
            return RiskDecision.deny(RiskReason.REDUCE_ONLY, "strategy " + id + " is reduce-only (" + states.reason(RiskScope.of(id))
                    + ") and the order would add " + Quantity.ofRaw(strategy.exposureIncrease())
                    + " " + strategy.order().symbol() + " to its exposure");
        }
        return null;
    }

    /** A bracket exit only reduces what its strategy holds ({@link ExitLegRule}). */
    private RiskDecision exitLeg(Order order) {
        if (!order.reduceOnly()) return RiskDecision.ALLOW;
        RiskDecision denial = ExitLegRule.check(order, portfolio.exposure(order.strategyId(), order.symbol()).position());
        return denial != null ? denial : RiskDecision.ALLOW;
    }

    private RiskDecision freshness(OrderCheck check) {
        Duration stale = config.breakers().staleData();
        if (stale == null) return RiskDecision.ALLOW;
        long lastUpdate = portfolio.lastUpdate(check.order().symbol());
        long age = lastUpdate == Long.MIN_VALUE ? Long.MAX_VALUE : check.now() - lastUpdate;
        if (age > stale.toNanos()) {
            return RiskDecision.deny(RiskReason.STALE_MARKET_DATA, "no market data for " + check.order().symbol()
                    + (lastUpdate == Long.MIN_VALUE ? " yet" : " for " + age / 1_000_000 + " ms") + "; limit " + stale.toMillis() + " ms");
        }
        return RiskDecision.ALLOW;
    }

    private RiskDecision runRules(OrderCheck check) {
        for (int i = 0; i < orderRules.size(); i++) {
            RiskDecision decision = orderRules.get(i).check(check);
            if (!decision.allowed()) return decision;
        }
        if (check.onlyReduces()) return RiskDecision.ALLOW;
        for (int i = 0; i < exposureRules.size(); i++) {
            RiskDecision decision = exposureRules.get(i).check(check);
            if (!decision.allowed()) return decision;
        }
        return RiskDecision.ALLOW;
    }

    /** @param strategyTraffic whether it counts toward the strategy's rate and duplicate windows (not the engine's own flatten orders) */
    private void approve(Order order, OrderCheck check, long now, boolean strategyTraffic) {
        long increase = check.exposureIncrease();
        Money added = Money.ZERO;
        // Every figure is worked out before anything is recorded, so an overflow leaves no partial reservation.
        Money notional = check.referencePrice() == null ? Money.ZERO : check.notionalOf(order.quantity().raw());
        if (increase > 0 && check.referencePrice() != null) {
            Reservation reservation = new Reservation(order.strategyId(), increase, check.referencePrice().raw(),
                    check.instrument().multiplier());
            long amount = reservation.amount(increase);
            long[] strategyReserved = reservedByStrategy.computeIfAbsent(order.strategyId(), s -> new long[1]);
            long newReserved = Math.addExact(reserved, amount);
            long newStrategyReserved = Math.addExact(strategyReserved[0], amount);
            reservations.put(order.id(), reservation);
            reserved = newReserved;
            strategyReserved[0] = newStrategyReserved;
            added = Money.ofRaw(amount);
        }
        if (strategyTraffic) traffic.approved(order, now);
        events.publish(new OrderApproved(order, check.referencePrice(), notional, added, check.equity(), check.buyingPower(), now));
    }

    private ScopeFigures figures(RiskScope scope, Order order) {
        StrategyId strategy = scope.strategyId();
        ExposureFigures exposure = portfolio.exposure(strategy, order.symbol());
        long quantity = order.quantity() == null ? 0 : order.quantity().raw();
        long signed = order.side().sign() * quantity;
        long leaves = strategy == null ? orders.openLeaves(order.symbol(), order.side())
                : orders.openLeaves(strategy, order.symbol(), order.side());
        long openSameSide = order.side().sign() * leaves;
        long before = Math.abs(exposure.position() + openSameSide);
        long increase = Math.max(0, Math.abs(exposure.position() + openSameSide + signed) - before);
        int openOrders = strategy == null ? orders.openOrderCount() : orders.openOrderCount(strategy);
        int openPositions = exposure.openPositions();
        if (countsOpenPositions(scope)) {
            // Worst case: a flat symbol with an open order is a position once it fills.
            openPositions += orders.flatSymbolsWithOpenOrders(strategy,
                    symbol -> portfolio.exposure(strategy, symbol).position() == 0);
        }
        long reservedHere = strategy == null ? reserved : reservedByStrategy.getOrDefault(strategy, ZERO)[0];
        return new ScopeFigures(exposure.position(), openSameSide, increase, openOrders, openPositions,
                exposure.grossExposure(), exposure.netExposure(), exposure.symbolValue(), reservedHere);
    }

    private static final long[] ZERO = new long[1];

    private boolean countsOpenPositions(RiskScope scope) {
        RiskLimits limits = scope.isAccount() ? config.account() : config.strategy(scope.strategyId());
        return limits != null && limits.position().maxOpenPositions() != null;
    }

    /**
     * Checks a modify of a working order: the new terms must be sane, the quantity may not rise (that
     * would add exposure unchecked: cancel and send a new order instead) nor fall to what filled.
     */
    public RiskDecision checkModify(Order order, OrderRequest changed) {
        try {
            return checkModifyFitting(order, changed);
        } catch (ArithmeticException e) {
            return FiguresOverflow.deny(order, e);
        }
    }

    private RiskDecision checkModifyFitting(Order order, OrderRequest changed) {
        Instrument instrument = portfolio.instrument(order.symbol());
        if (changed.quantity().compareTo(order.quantity()) > 0) {
            return RiskDecision.deny(RiskReason.MODIFY_RAISES_QUANTITY,
                    "modify to " + changed.quantity() + " raises the quantity of " + order.quantity());
        }
        if (changed.quantity().compareTo(order.filledQuantity()) <= 0) {
            return RiskDecision.deny(RiskReason.MODIFY_BELOW_FILLED,
                    "modify to " + changed.quantity() + " is not above the " + order.filledQuantity() + " already filled");
        }
        Order modified = order.withRequest(changed, order.updatedAt());
        return sanity.check(new OrderCheck(modified, instrument, null, null, clock.nanos(), Money.ZERO, Money.ZERO,
                RiskScope.ACCOUNT, new ScopeFigures(0, 0, 0, 0, 0, 0, 0, 0, 0), config.account()));
    }

    /** After the engine handled a market event: correlations, loss limits, cooldowns. */
    public void onMarketData(MarketData data, long accountEquity) {
        if (correlations != null && data instanceof Bar bar) correlations.onBar(bar);
        long now = clock.nanos();
        lossGuard.onEquity(now, accountEquity);
        states.onTime(now);
    }

    /** Follows the engine's events: reservations shrink as orders fill and go as they end; the circuit breaker learns. */
    public void on(EngineEvent event) {
        breaker.on(event);
        if (!(event instanceof OrderUpdated updated)) return;
        Reservation reservation = reservations.get(updated.order().id());
        if (reservation == null) return;
        Order order = updated.order();
        long stillReserved = order.status().isOpen() ? Math.min(reservation.quantity, Math.max(0, order.leavesQuantity().raw())) : 0;
        long delta = reservation.amount(stillReserved) - reservation.amount(reservation.current);
        reserved += delta;
        reservedByStrategy.computeIfAbsent(reservation.strategy, s -> new long[1])[0] += delta;
        reservation.current = stillReserved;
        if (stillReserved == 0) reservations.remove(order.id());
    }

    /**
     * An operator halts the account or a strategy: every open order of the scope is asked to cancel, also when it was
     * halted already (an operator's halt means nothing of the scope stays working).
     */
    public void onHalt(HaltTrading halt) {
        RiskScope scope = scopeOf(halt.strategyId());
        states.escalate(scope, TradingState.HALTED, TradingStateReason.OPERATOR,
                "halted by " + halt.operator() + ": " + halt.reason(), Long.MAX_VALUE);
        actions.cancelOpenOrders(scope, "operator halt");
    }

    /**
     * An operator puts the account or a strategy in REDUCE_ONLY (a halted scope stays halted); as for a drawdown's
     * reduce-only, its open orders are asked to cancel when the state changes.
     */
    public void onReduceOnly(ReduceOnly reduceOnly) {
        RiskScope scope = scopeOf(reduceOnly.strategyId());
        if (states.escalate(scope, TradingState.REDUCE_ONLY, TradingStateReason.OPERATOR,
                "reduce-only by " + reduceOnly.operator() + ": " + reduceOnly.reason(), Long.MAX_VALUE)) {
            actions.cancelOpenOrders(scope, "operator reduce-only");
        }
    }

    /** An operator resumes the account or a strategy (from HALTED or REDUCE_ONLY). */
    public void onResume(ResumeTrading resume) {
        states.resume(scopeOf(resume.strategyId()), TradingStateReason.OPERATOR,
                "resumed by " + resume.operator() + ": " + resume.reason());
    }

    /** An operator flattens the account or a strategy: halted, open orders canceled, positions closed at market. */
    public void onFlatten(FlattenPositions flatten) {
        RiskScope scope = scopeOf(flatten.strategyId());
        states.escalate(scope, TradingState.HALTED, TradingStateReason.OPERATOR,
                "flattened by " + flatten.operator() + ": " + flatten.reason(), Long.MAX_VALUE);
        actions.cancelOpenOrders(scope, "operator flatten");
        actions.flatten(scope, "operator flatten: " + flatten.reason());
    }

    /** A broker that cannot be reached leaves the engine not knowing: the account halts until an operator resumes it. */
    public void onBrokerConnection(BrokerConnectionChanged change) {
        if (change.connected()) return;
        if (states.escalate(RiskScope.ACCOUNT, TradingState.HALTED, TradingStateReason.BROKER_DISCONNECTED,
                "broker connection lost: " + change.detail(), Long.MAX_VALUE)) {
            actions.cancelOpenOrders(RiskScope.ACCOUNT, "broker disconnected");
        }
    }

    /** The journal failed: halt the account and cancel its open orders (Ballast never trades unaudited). */
    public void onJournalFailure(JournalFailed failure) {
        if (states.escalate(RiskScope.ACCOUNT, TradingState.HALTED, TradingStateReason.JOURNAL_FAILURE,
                "journal failed: " + failure.detail(), Long.MAX_VALUE)) {
            actions.cancelOpenOrders(RiskScope.ACCOUNT, "journal failure");
        }
    }

    /**
     * After a restart the broker's open orders or positions do not match the engine's, or the broker could not
     * be asked: halt the account and cancel its open orders (what the broker holds is unknown).
     */
    public void onReconciliationFailed(String detail) {
        if (states.escalate(RiskScope.ACCOUNT, TradingState.HALTED, TradingStateReason.RECONCILIATION_FAILED, detail, Long.MAX_VALUE)) {
            actions.cancelOpenOrders(RiskScope.ACCOUNT, "reconciliation failed");
        }
    }

    /**
     * The venue corrected or busted a trade the books cannot re-book (unknown trade id, another order's trade, an
     * impossible correction): the books and the venue disagree, so the account halts and its open orders are asked to
     * cancel until an operator has reconciled them.
     */
    public void onUnbookableTradeCorrection(String detail) {
        if (states.escalate(RiskScope.ACCOUNT, TradingState.HALTED, TradingStateReason.UNBOOKABLE_TRADE_CORRECTION, detail,
                Long.MAX_VALUE)) {
            actions.cancelOpenOrders(RiskScope.ACCOUNT, "unbookable trade correction");
        }
    }

    private static RiskScope scopeOf(StrategyId strategyId) {
        return strategyId == null ? RiskScope.ACCOUNT : RiskScope.of(strategyId);
    }

    /**
     * The account's and each of {@code strategies}' trading state and limit use (see {@link ScopeRisk}), the account
     * first. Cheap: figures the guards keep anyway. Engine thread.
     */
    public List<ScopeRisk> figures(Collection<StrategyId> strategies) {
        List<ScopeRisk> out = new ArrayList<>(strategies.size() + 1);
        Money maxGross = config.account().position().maxGrossExposure();
        out.add(figures(RiskScope.ACCOUNT, Money.ofRaw(Math.addExact(portfolio.grossExposure().raw(), reserved)), maxGross));
        for (StrategyId strategy : strategies) out.add(figures(RiskScope.of(strategy), null, null));
        return out;
    }

    private ScopeRisk figures(RiskScope scope, Money gross, Money maxGross) {
        LossGuard.LossUse loss = lossGuard.use(scope);
        return new ScopeRisk(scope.strategyId(), states.state(scope), states.reason(scope),
                loss == null ? null : loss.dailyLoss(), loss == null ? null : loss.maxDailyLoss(),
                loss == null ? null : loss.drawdown(), loss == null ? null : loss.reduceOnlyDrawdown(),
                loss == null ? null : loss.haltDrawdown(), gross, maxGross);
    }

    public TradingStates states() {
        return states;
    }

    /** Exposure currently reserved by open orders, for reports and tests. */
    public Money reservedExposure() {
        return Money.ofRaw(reserved);
    }

    public RiskConfig config() {
        return config;
    }

    private Price referencePrice(OrderRequest request) {
        return switch (request.type()) {
            case LIMIT, STOP_LIMIT -> request.limitPrice() != null ? request.limitPrice() : portfolio.lastPrice(request.symbol());
            case STOP -> request.stopPrice() != null ? request.stopPrice() : portfolio.lastPrice(request.symbol());
            case MARKET -> portfolio.lastPrice(request.symbol());
        };
    }

    /**
     * Checks the reservations against their totals: the account's reserved exposure is the sum of every open
     * reservation, each strategy's the sum of its own, no reservation is empty or larger than it started, and (given
     * the order book) no reservation outlives its order's being open. Throws {@link IllegalStateException} naming the
     * first mismatch. For tests, at input boundaries (a full scan: not for the hot path).
     */
    public void verifyInvariants() {
        long total = 0;
        Map<StrategyId, Long> byStrategy = new HashMap<>();
        for (Map.Entry<ClientOrderId, Reservation> entry : reservations.entrySet()) {
            Reservation reservation = entry.getValue();
            if (reservation.current <= 0 || reservation.current > reservation.quantity) {
                throw new IllegalStateException("reservation of " + entry.getKey() + " holds " + reservation.current
                        + " of " + reservation.quantity);
            }
            Order order = orders.order(entry.getKey());
            if (order == null || !order.status().isOpen()) {
                throw new IllegalStateException("order " + entry.getKey() + " still reserves exposure but is "
                        + (order == null ? "unknown" : order.status()));
            }
            long amount = reservation.amount(reservation.current);
            total += amount;
            byStrategy.merge(reservation.strategy, amount, Long::sum);
        }
        if (total != reserved) throw new IllegalStateException("reserved " + reserved + ", the reservations add up to " + total);
        for (Map.Entry<StrategyId, long[]> entry : reservedByStrategy.entrySet()) {
            long expected = byStrategy.getOrDefault(entry.getKey(), 0L);
            if (entry.getValue()[0] != expected) {
                throw new IllegalStateException("strategy " + entry.getKey() + " reserves " + entry.getValue()[0]
                        + ", its reservations add up to " + expected);
            }
        }
    }

    private static final class Reservation {
        final StrategyId strategy;
        final long quantity;
        final long price;
        final long multiplier;
        long current;

        Reservation(StrategyId strategy, long quantity, long price, long multiplier) {
            this.strategy = strategy;
            this.quantity = quantity;
            this.price = price;
            this.multiplier = multiplier;
            this.current = quantity;
        }

        long amount(long rawQuantity) {
            return FixedPoint.notional(rawQuantity, Math.abs(price), multiplier);
        }
    }
}
