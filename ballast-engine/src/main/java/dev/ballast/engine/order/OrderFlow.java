package dev.ballast.engine.order;

import dev.ballast.model.Symbol;
import java.util.ArrayList;
import java.util.List;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.bus.EngineEventListener;

import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.monitor.ExecutionMonitor;
import dev.ballast.engine.portfolio.BookedFill;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskManager;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.strategy.StrategyExecutor;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelOrder;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.ModifyOrder;
import dev.ballast.model.event.OperatorCommandRefused;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.RiskActionRequested;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.RequestRefused;
import dev.ballast.model.event.StrategyFaulted;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.StrategyRequest;
import dev.ballast.model.event.SubmitBracket;
import dev.ballast.model.event.StrategyUnquarantined;
import dev.ballast.model.event.SubmitOrder;
import dev.ballast.model.event.UnquarantineStrategy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The order path of the pipeline, in the order of ADR-0017's execution flow: a strategy's request
 * becomes an order, the RiskManager decides, the OrderManager submits it to the broker; the broker's
 * reports come back through the OrderManager, fills reach the PortfolioManager first, and everything
 * is published for the ExecutionMonitor and the strategies. Also arms and unwinds brackets, and
 * quarantines strategies (their open orders are canceled), and acts on the RiskManager's requests to cancel a
 * scope's orders or flatten its positions ({@link RiskActionRequested}).
 *
 * <p>Owned by the engine thread; not thread-safe.
 */
public final class OrderFlow implements EngineEventListener {
    private final Clock clock;
    private final EngineEventBus events;
    private final OrderManager orders;
    private final RiskManager risk;
    private final PortfolioManager portfolio;
    private final ExecutionMonitor monitor;
    private final StrategyExecutor strategies;
    private final Map<ClientOrderId, Bracket> bracketsByEntry = new HashMap<>();
    private final Set<ClientOrderId> armedEntries = new HashSet<>();
    /** What each armed bracket's exits cover, by entry id: the entry's fill, capped at what the strategy held. */
    private final Map<ClientOrderId, Quantity> exitSizes = new HashMap<>();
    private long flattenSequence;

    public OrderFlow(Clock clock, EngineEventBus events, OrderManager orders, RiskManager risk, PortfolioManager portfolio,
                     ExecutionMonitor monitor, StrategyExecutor strategies) {
        this.clock = clock;
        this.events = events;
        this.orders = orders;
        this.risk = risk;
        this.portfolio = portfolio;
        this.monitor = monitor;
        this.strategies = strategies;
    }

    /** Handles a strategy's request. Requests from a strategy no longer active are dropped, faults never. */
    public void onRequest(StrategyRequest request) {
        if (request instanceof StrategyFaulted fault) {
            quarantine(fault.strategyId(), fault.reason(), fault.detail());
            return;
        }
        if (!strategies.isActive(request.strategyId())) return;
        switch (request) {
            case SubmitOrder submit -> submitNew(submit.orderId(), submit.strategyId(), submit.request(), BracketRole.NONE,
                    null, submit.arrivalPrice());
            case SubmitBracket bracket -> submitBracket(bracket);
            case CancelOrder cancel -> cancel(cancel);
            case ModifyOrder modify -> modify(modify);
            case StrategyFaulted fault -> throw new AssertionError("handled above");
        }
    }

    /**
     * Applies a broker report. A fill is booked before anything else sees it, and never twice; so is a venue's
     * correction or bust of one.
     */
    public void onBrokerReport(BrokerReport report) {
        switch (report) {
            case Fill fill -> bookFill(fill);
            case FillBusted busted -> restate(busted.orderId(), busted.tradeId(), busted.bustId(), null);
            case FillCorrected corrected -> restate(corrected.orderId(), corrected.tradeId(), corrected.correctionId(), corrected);
            default -> orders.onReport(report);
        }
    }

    private void bookFill(Fill fill) {
        if (orders.isDuplicateFill(fill)) {
            events.publish(new AnomalyFlagged(Anomaly.DUPLICATE_FILL, fill.orderId(),
                    "trade " + fill.tradeId() + " was already booked; the repeated report is ignored", clock.nanos()));
            return;
        }
        Order order = orders.order(fill.orderId());
        StrategyId owner = order != null ? order.strategyId() : PortfolioManager.UNATTRIBUTED;
        portfolio.book(fill, owner);
        orders.onReport(fill);
        events.publish(new FillBooked(fill, owner, clock.nanos()));
    }

    /**
     * Books a venue's bust ({@code correction} null) or correction of trade {@code tradeId}: the portfolio first, then
     * the order, then {@link FillBustBooked} or {@link FillCorrectionBooked} for everyone else; once per id. A trade
     * the books do not hold for that order, or a correction to no quantity (the venue busts for that), cannot be
     * booked: flagged, and the account halts, as the books and the venue disagree.
     */
    private void restate(ClientOrderId orderId, String tradeId, String id, FillCorrected correction) {
        String what = correction == null ? "bust " : "correction ";
        if (orders.isDuplicateCorrection(id)) {
            events.publish(new AnomalyFlagged(Anomaly.DUPLICATE_TRADE_CORRECTION, orderId,
                    what + id + " of trade " + tradeId + " was already booked; the repeated report is ignored", clock.nanos()));
            return;
        }
        BookedFill booked = portfolio.bookedFill(tradeId);
        String unbookable = booked == null ? "trade " + tradeId + " is not on the books (never booked, or already busted)"
                : !booked.fill().orderId().equals(orderId) ? "trade " + tradeId + " was booked for order " + booked.fill().orderId()
                : correction != null && !correction.quantity().isPositive() ? "a correction to quantity " + correction.quantity()
                : null;
        if (unbookable != null) {
            String detail = what + id + " of trade " + tradeId + " for order " + orderId + " cannot be booked: " + unbookable
                    + "; the account halts";
            events.publish(new AnomalyFlagged(Anomaly.TRADE_CORRECTION_NOT_BOOKED, orderId, detail, clock.nanos()));
            risk.onUnbookableTradeCorrection(detail);
            return;
        }
        Fill original = booked.fill();
        Fill replacement = correction == null ? null : new Fill(original.orderId(), tradeId, original.symbol(), original.side(),
                correction.quantity(), correction.price(), correction.commission(), original.timestamp());
        portfolio.restate(tradeId, replacement);
        orders.restateFill(id, original, replacement);
        events.publish(correction == null ? new FillBustBooked(original, id, booked.owner(), clock.nanos())
                : new FillCorrectionBooked(original, replacement, id, booked.owner(), clock.nanos()));
    }

    /**
     * Takes a strategy out: no more events, every open order of it asked to cancel, the quarantine
     * published once with its reason.
     */
    public void quarantine(StrategyId strategyId, QuarantineReason reason, String detail) {
        if (!strategies.quarantine(strategyId, reason)) return;
        int canceled = 0;
        for (Order order : orders.openOrders(strategyId)) {
            if (orders.requestCancel(order.id())) canceled++;
        }
        events.publish(new StrategyQuarantined(strategyId, reason, detail, canceled, clock.nanos()));
    }

    /**
     * Brings back a strategy an operator quarantined (see {@link StrategyExecutor#unquarantine}); refuses, with why,
     * one that is not quarantined or was quarantined for a fault.
     */
    public void unquarantine(UnquarantineStrategy command) {
        StrategyId id = command.strategyId();
        QuarantineReason reason = strategies.quarantineReason(id);
        String refusal = reason == null ? "strategy " + id + " is not quarantined"
                : reason != QuarantineReason.OPERATOR ? "strategy " + id + " was quarantined for a fault (" + reason
                + "); it stays out"
                : !strategies.unquarantine(id) ? "strategy " + id + " has stopped" : null;
        if (refusal != null) {
            events.publish(OperatorCommandRefused.of(command, refusal, clock.nanos()));
            return;
        }
        events.publish(new StrategyUnquarantined(id, command.operator(), command.reason(), clock.nanos()));
    }

    /** Asks to cancel every open order of the account or of one strategy. */
    private void cancelOpenOrders(StrategyId scope) {
        for (Order order : scope == null ? orders.openOrders() : orders.openOrders(scope)) orders.requestCancel(order.id());
    }

    /**
     * Closes every position of the account (scope null) or one strategy with market orders in the name of the strategy that holds it
     * (so its books go flat too). These are the engine's own orders: only their sanity is checked, so
     * that no state or limit can keep a position open. Ids are {@code strategy-flat-N}.
     */
    private void flatten(StrategyId scope, String reason) {
        List<StrategyId> owners = scope == null ? new ArrayList<>(portfolio.strategyIds()) : List.of(scope);
        for (StrategyId owner : owners) {
            for (Map.Entry<Symbol, Long> position : portfolio.openQuantities(owner).entrySet()) {
                long quantity = position.getValue();
                OrderSide side = quantity > 0 ? OrderSide.SELL : OrderSide.BUY;
                ClientOrderId id = ClientOrderId.of(owner.value() + "-flat-" + (++flattenSequence));
                Order order = orders.create(id, owner,
                        OrderRequest.market(position.getKey(), side, Quantity.ofRaw(Math.abs(quantity))), BracketRole.NONE, null);
                if (order == null) continue;
                monitor.recordArrival(id, portfolio.lastPrice(position.getKey()));
                RiskDecision decision = risk.checkEngineOrder(order);
                if (decision.allowed()) {
                    orders.submit(id);
                } else {
                    orders.deny(id, decision.reason(), decision.detail() + " (flatten: " + reason + ")");
                }
            }
        }
    }

    private void submitNew(ClientOrderId id, StrategyId strategyId, OrderRequest request, BracketRole role,
                           ClientOrderId parent, Price arrivalPrice) {
        Order order = orders.create(id, strategyId, request, role, parent);
        if (order == null) return;
        monitor.recordArrival(id, arrivalPrice);
        RiskDecision decision = risk.check(order);
        if (decision.allowed()) {
            orders.submit(id);
        } else {
            orders.deny(id, decision.reason(), decision.detail());
        }
    }

    private void submitBracket(SubmitBracket bracket) {
        OrderRequest entry = bracket.entry();
        String invalid = null;
        RiskReason reason = null;
        if (bracket.takeProfitPrice() == null || bracket.stopLossPrice() == null) {
            reason = RiskReason.BRACKET_EXIT_PRICE_MISSING;
            invalid = "a bracket needs both a take-profit and a stop-loss price";
        } else if (entry.side() == OrderSide.BUY ? bracket.takeProfitPrice().compareTo(bracket.stopLossPrice()) <= 0
                : bracket.takeProfitPrice().compareTo(bracket.stopLossPrice()) >= 0) {
            reason = RiskReason.BRACKET_EXITS_INVERTED;
            invalid = "take-profit " + bracket.takeProfitPrice() + " must be " + (entry.side() == OrderSide.BUY ? "above" : "below")
                    + " stop-loss " + bracket.stopLossPrice() + " for a " + entry.side() + " entry";
        }
        Order order = orders.create(bracket.entryId(), bracket.strategyId(), entry, BracketRole.ENTRY, null);
        if (order == null) return;
        monitor.recordArrival(bracket.entryId(), bracket.arrivalPrice());
        if (invalid != null) {
            orders.deny(bracket.entryId(), reason, invalid);
            return;
        }
        bracketsByEntry.put(bracket.entryId(), new Bracket(bracket.strategyId(), bracket.entryId(), bracket.takeProfitId(),
                bracket.takeProfitPrice(), bracket.stopLossId(), bracket.stopLossPrice()));
        RiskDecision decision = risk.check(order);
        if (decision.allowed()) {
            orders.submit(bracket.entryId());
        } else {
            orders.deny(bracket.entryId(), decision.reason(), decision.detail());
        }
    }

    private void cancel(CancelOrder cancel) {
        Order order = orders.order(cancel.orderId());
        if (order == null || !order.strategyId().equals(cancel.strategyId())) {
            refuse(cancel.strategyId(), cancel.orderId(), "cancel", RequestRefused.Kind.NOT_OWNED, "no such order of this strategy");
        } else if (!orders.requestCancel(cancel.orderId())) {
            refuse(cancel.strategyId(), cancel.orderId(), "cancel", RequestRefused.Kind.NO_LONGER_WORKING,
                    "order is " + order.status() + ", not cancelable");
        }
    }

    private void modify(ModifyOrder modify) {
        Order order = orders.order(modify.orderId());
        if (order == null || !order.strategyId().equals(modify.strategyId())) {
            refuse(modify.strategyId(), modify.orderId(), "modify", RequestRefused.Kind.NOT_OWNED, "no such order of this strategy");
            return;
        }
        OrderRequest changed = order.request()
                .withQuantity(modify.quantity() != null ? modify.quantity() : order.quantity())
                .withPrices(modify.limitPrice() != null ? modify.limitPrice() : order.request().limitPrice(),
                        modify.stopPrice() != null ? modify.stopPrice() : order.request().stopPrice());
        RiskDecision decision = risk.checkModify(order, changed);
        if (!decision.allowed()) {
            refuse(modify.strategyId(), modify.orderId(), "modify", RequestRefused.Kind.INVALID,
                    decision.reason() + ": " + decision.detail());
        } else if (!orders.requestModify(modify.orderId(), changed.quantity(), changed.limitPrice(), changed.stopPrice())) {
            refuse(modify.strategyId(), modify.orderId(), "modify", RequestRefused.Kind.NO_LONGER_WORKING,
                    "order is " + order.status() + ", not modifiable");
        }
    }

    private void refuse(StrategyId strategyId, ClientOrderId orderId, String request, RequestRefused.Kind kind,
                        String reason) {
        events.publish(new RequestRefused(strategyId, orderId, request, kind, reason, clock.nanos()));
    }

    /**
     * Arms a bracket's exits when its entry is done filling, and keeps the exits one-cancels-other. An entry that
     * filled completely is armed on its {@link FillBooked}, not on its FILLED update (which comes first): the exits
     * are the effect of the booked fill, and every listener hears of the fill before of them. An entry canceled or
     * expired after a partial fill is armed on that update, as no fill follows it.
     */
    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case OrderUpdated updated -> {
                Order order = updated.order();
                if (order.bracketRole() == BracketRole.ENTRY && order.status().isTerminal()
                        && order.status() != OrderStatus.FILLED && order.filledQuantity().isPositive()
                        && armedEntries.add(order.id())) {
                    armExits(order);
                }
            }
            case FillBooked booked -> {
                Order order = orders.order(booked.fill().orderId());
                if (order == null) return;
                if (order.bracketRole() == BracketRole.ENTRY && order.status() == OrderStatus.FILLED
                        && armedEntries.add(order.id())) {
                    armExits(order);
                } else if (order.parent() != null && order.bracketRole().isExit()) {
                    rebalanceSibling(order);
                }
            }
            case FillBustBooked busted -> afterRestatement(busted.original().orderId());
            case FillCorrectionBooked corrected -> afterRestatement(corrected.original().orderId());
            case RiskActionRequested request -> {
                switch (request.action()) {
                    case CANCEL_OPEN_ORDERS -> cancelOpenOrders(request.strategyId());
                    case FLATTEN -> flatten(request.strategyId(), request.reason());
                }
            }
            default -> { }
        }
    }

    private void armExits(Order entry) {
        Bracket bracket = bracketsByEntry.get(entry.id());
        if (bracket == null || !strategies.isActive(bracket.strategyId())) return;
        OrderSide exitSide = entry.side().opposite();
        Quantity filled = reduceOnlySize(bracket.strategyId(), entry);
        exitSizes.put(entry.id(), filled);
        submitNew(bracket.takeProfitId(), bracket.strategyId(),
                OrderRequest.limit(entry.symbol(), exitSide, filled, bracket.takeProfitPrice()),
                BracketRole.TAKE_PROFIT, entry.id(), portfolio.lastPrice(entry.symbol()));
        submitNew(bracket.stopLossId(), bracket.strategyId(),
                OrderRequest.stop(entry.symbol(), exitSide, filled, bracket.stopLossPrice()),
                BracketRole.STOP_LOSS, entry.id(), portfolio.lastPrice(entry.symbol()));
    }

    /**
     * The exits' size: what the entry filled, but never more than the strategy now holds on the entry's side (it may
     * have held the other side before), as an exit only reduces. With nothing held, the risk check denies the exits
     * ({@code EXIT_WITHOUT_POSITION}).
     */
    private Quantity reduceOnlySize(StrategyId strategyId, Order entry) {
        long held = entry.side().sign() * portfolio.position(strategyId, entry.symbol()).quantity().raw();
        return held > 0 && held < entry.filledQuantity().raw() ? Quantity.ofRaw(held) : entry.filledQuantity();
    }

    /**
     * A venue's correction or bust changed what a bracket's order filled. For an armed entry, the exits now cover what
     * it filled, capped at what the strategy holds on its side: resized to what is still open, or canceled when
     * nothing is (a busted entry leaves nothing to exit). For an exit, its sibling is rebalanced as after a fill.
     */
    private void afterRestatement(ClientOrderId orderId) {
        Order order = orders.order(orderId);
        if (order == null) return;
        if (order.parent() != null && order.bracketRole().isExit()) {
            rebalanceSibling(order);
            return;
        }
        Bracket bracket = bracketsByEntry.get(order.id());
        if (order.bracketRole() != BracketRole.ENTRY || bracket == null || !armedEntries.contains(order.id())) return;
        long held = Math.max(0, order.side().sign() * portfolio.position(bracket.strategyId(), order.symbol()).quantity().raw());
        long covered = Math.min(order.filledQuantity().raw(), held);
        exitSizes.put(order.id(), Quantity.ofRaw(covered));
        Order takeProfit = orders.order(bracket.takeProfitId());
        Order stopLoss = orders.order(bracket.stopLossId());
        long exited = (takeProfit == null ? 0 : takeProfit.filledQuantity().raw())
                + (stopLoss == null ? 0 : stopLoss.filledQuantity().raw());
        long stillOpen = covered - exited;
        for (Order exit : new Order[] {takeProfit, stopLoss}) {
            if (exit == null || !exit.status().isOpen()) continue;
            if (stillOpen <= 0) {
                orders.requestCancel(exit.id());
            } else {
                Quantity target = Quantity.ofRaw(exit.filledQuantity().raw() + stillOpen);
                if (!target.equals(exit.quantity())) orders.requestModify(exit.id(), target, null, null);
            }
        }
    }

    /** After an exit fills, the other exit covers exactly what is still open of the entry, or cancels. */
    private void rebalanceSibling(Order exit) {
        Bracket bracket = bracketsByEntry.get(exit.parent());
        if (bracket == null) return;
        Order entry = orders.order(bracket.entryId());
        Order sibling = orders.order(bracket.siblingOf(exit.id()));
        if (entry == null || sibling == null || !sibling.status().isOpen()) return;
        long covered = exitSizes.getOrDefault(entry.id(), entry.filledQuantity()).raw();
        long stillOpen = covered - exit.filledQuantity().raw() - sibling.filledQuantity().raw();
        if (stillOpen <= 0) {
            orders.requestCancel(sibling.id());
        } else {
            Quantity target = Quantity.ofRaw(sibling.filledQuantity().raw() + stillOpen);
            if (!target.equals(sibling.quantity())) orders.requestModify(sibling.id(), target, null, null);
        }
    }
}
