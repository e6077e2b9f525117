package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.indicator.RollingStdDev;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.engine.strategy.lang.ExpressionCompiler.BoolNode;
import dev.ballast.engine.strategy.lang.StrategyDocument.ExitRules;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a strategy document: per symbol of its universe, on each bar, updates that symbol's series and
 * indicators, waits out the warm-up (the bars until every series, at every lookback the conditions
 * read, is defined), then
 * <ol>
 *   <li>with a long (short) position: raises (lowers) the trailing stop if there is one, then tests
 *       {@code exit.longWhen} ({@code exit.shortWhen}); on an exit it cancels the protective orders
 *       and closes the whole position at market;</li>
 *   <li>when flat: an exit signal cancels an entry still pending (as SmaCrossover does); with no order
 *       pending, {@code entry.longWhen} buys, else {@code entry.shortWhen} sells short, sized by
 *       {@link PositionSizing} at the bar's close.</li>
 * </ol>
 * Only one order per symbol is in flight at a time (the entry, or the exit), tracked like
 * SmaCrossover's pending order: cleared when it reaches a terminal state.
 *
 * <p>Protective exits ({@code exits}), prices from the signal bar's close for a bracket, from the
 * entry's average fill price otherwise, rounded outward to the tick (a long's stop down and target
 * up; a short's stop up and target down):
 * <ul>
 *   <li>takeProfitPct with a stop (stopLossPct, or trailingStopPct as the stop's distance when there is no
 *       stop-loss): the entry goes as a bracket ({@link StrategyContext#submitBracket}); the engine arms both
 *       exits when the entry fills, one canceling the other. Their ids are learned from {@link #onOrderEvent}
 *       (role and parent).</li>
 *   <li>only one exit (a stop-loss, a trailing stop or a take-profit): a plain market entry, then, when it has
 *       filled, that one protective order for the filled quantity.</li>
 *   <li>trailingStopPct: after each bar, the long's stop rises to close x (1 - trail%) rounded down
 *       to the tick when that is above the current stop (a short's falls to close x (1 + trail%)
 *       rounded up when below), by {@link StrategyContext#modify}. It never moves against the position.</li>
 * </ul>
 *
 * <p>The position is tracked from this strategy's own fills (and the venue's corrections and busts of them), so a bar costs
 * no portfolio look-up.
 * Cost per bar: one HashMap look-up, the series update and the conditions' nodes; it allocates only
 * when it orders. Threading: one callback at a time, like every {@link Strategy}.
 */
public final class DocumentStrategy implements Strategy {
    private final CompiledDocument compiled;
    private final StrategyDocument doc;
    private final ExitRules exits;
    private final boolean bracket;
    private final BigDecimal trail;
    private final double trailFraction;
    private final Map<Symbol, State> states = new HashMap<>();
    private StrategyContext ctx;

    DocumentStrategy(CompiledDocument compiled) {
        this.compiled = compiled;
        this.doc = compiled.document();
        this.exits = doc.exits();
        this.trail = exits != null && positive(exits.trailingStopPct()) ? exits.trailingStopPct() : null;
        // A stop and a take-profit working at once must be one-cancels-other, or one bar reaching both fills both and
        // flips the position: whenever there are two exits, the entry goes as a bracket.
        this.bracket = exits != null && positive(exits.takeProfitPct()) && (positive(exits.stopLossPct()) || trail != null);
        this.trailFraction = trail == null ? 0 : trail.doubleValue() / 100;
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    @Override
    public void onStart(StrategyContext context) {
        this.ctx = context;
        states.clear();
        Integer volLookback = doc.sizing() != null && "volatilityTarget".equals(doc.sizing().mode()) ? doc.sizing().volatilityLookback() : null;
        for (Symbol symbol : compiled.universe()) {
            State s = new State(symbol, compiled.newProgram());
            if (volLookback != null) s.returns = new RollingStdDev(Math.max(2, volLookback));
            states.put(symbol, s);
        }
    }

    @Override
    public void onBar(Bar bar) {
        State s = states.get(bar.symbol());
        if (s == null) return;
        SymbolSeries series = s.program.series();
        series.update(bar);
        double close = series.fields[SymbolSeries.CLOSE];
        if (s.returns != null) {
            if (s.previousClose > 0) s.returns.update(close / s.previousClose - 1);
            s.previousClose = close;
        }
        if (series.bars() < s.program.warmUp()) return;
        long held = s.position;
        if (held != 0) {
            boolean isLong = held > 0;
            BoolNode exit = isLong ? s.program.exitLong() : s.program.exitShort();
            if (exit != null && exit.test()) {
                close(s);
            } else if (trail != null) {
                trail(s, bar, close, isLong);
            }
            return;
        }
        if (s.pending != null) {
            // An entry still working when its exit signal comes would open a position the rules just left.
            if (s.pendingIsEntry && exitFires(s)) {
                ctx.cancel(s.pending);
                s.pending = null;
            }
            return;
        }
        BoolNode el = s.program.entryLong();
        if (el != null && el.test()) {
            enter(s, bar, OrderSide.BUY);
            return;
        }
        BoolNode es = s.program.entryShort();
        if (es != null && es.test()) enter(s, bar, OrderSide.SELL);
    }

    private boolean exitFires(State s) {
        BoolNode exit = s.pendingSide == OrderSide.BUY ? s.program.exitLong() : s.program.exitShort();
        return exit != null && exit.test();
    }

    private void enter(State s, Bar bar, OrderSide side) {
        Instrument instrument = ctx.instrument(s.symbol);
        if (instrument == null) return;
        PositionSizing.Sized sized = PositionSizing.sizeOrOverflow(doc.sizing(), exits, doc.timeframe(), instrument, ctx.equity(),
                bar.close(), s.returns == null ? Double.NaN : s.returns.value());
        if (sized.overflow() != null && !s.sizingOverflowWarned) {
            // Once per symbol: the same sizing would overflow again on the next signals and flood the log.
            s.sizingOverflowWarned = true;
            ctx.log("warning: " + doc.sizing().mode() + " sizing of " + s.symbol + " overflows the fixed point ("
                    + sized.overflow() + "); no order sent, here or on later signals that overflow");
        }
        Quantity quantity = sized.quantity();
        if (!quantity.isPositive()) return;
        OrderRequest request = OrderRequest.market(s.symbol, side, quantity);
        boolean buy = side == OrderSide.BUY;
        ClientOrderId id;
        if (bracket) {
            Price tick = instrument.tickSize();
            Price takeProfit = PositionSizing.offset(bar.close(), exits.takeProfitPct(), buy, tick);
            Price stopLoss = PositionSizing.offset(bar.close(), positive(exits.stopLossPct()) ? exits.stopLossPct() : trail,
                    !buy, tick);
            id = ctx.submitBracket(request, takeProfit, stopLoss);
        } else {
            id = ctx.submit(request);
        }
        if (id == null) return;
        s.pending = id;
        s.pendingIsEntry = true;
        s.pendingSide = side;
        s.entryId = id;
    }

    private void close(State s) {
        if (s.pending != null) {
            if (!s.pendingIsEntry) return; // already closing
            ctx.cancel(s.pending);
        }
        if (s.stopId != null) ctx.cancel(s.stopId);
        if (s.takeProfitId != null) ctx.cancel(s.takeProfitId);
        s.stopId = null;
        s.takeProfitId = null;
        s.stopPrice = null;
        long held = s.position;
        OrderSide side = held > 0 ? OrderSide.SELL : OrderSide.BUY;
        ClientOrderId id = ctx.submit(OrderRequest.market(s.symbol, side, Quantity.ofRaw(Math.abs(held))));
        s.pending = id;
        s.pendingIsEntry = false;
        s.pendingSide = side;
    }

    private void trail(State s, Bar bar, double close, boolean isLong) {
        if (s.stopId == null || s.stopPrice == null) return;
        double target = isLong ? close * (1 - trailFraction) : close * (1 + trailFraction);
        double current = s.stopPrice.toDouble();
        if (isLong ? !(target > current) : !(target < current)) return; // cheap test before any allocation
        Price tick = ctx.instrument(s.symbol).tickSize();
        // Exactly in decimal once the double test says it may move: 19.50 x 0.98 is 19.11, not 19.10999...
        Price candidate = PositionSizing.offset(bar.close(), trail, !isLong, tick);
        int cmp = candidate.compareTo(s.stopPrice);
        if (isLong ? cmp <= 0 : cmp >= 0) return;
        ctx.modify(s.stopId, null, null, candidate);
        s.stopPrice = candidate;
    }

    @Override
    public void onOrderEvent(Order order) {
        State s = states.get(order.symbol());
        if (s == null) return;
        ClientOrderId id = order.id();
        BracketRole role = order.bracketRole();
        if (role == BracketRole.STOP_LOSS || role == BracketRole.TAKE_PROFIT) {
            boolean stop = role == BracketRole.STOP_LOSS;
            if (order.status().isTerminal()) {
                if (stop && id.equals(s.stopId)) { s.stopId = null; s.stopPrice = null; }
                if (!stop && id.equals(s.takeProfitId)) s.takeProfitId = null;
            } else if (order.parent() != null && order.parent().equals(s.entryId)) {
                if (stop) {
                    if (s.stopId == null) { s.stopId = id; s.stopPrice = order.request().stopPrice(); }
                } else if (s.takeProfitId == null) {
                    s.takeProfitId = id;
                }
            }
            return;
        }
        if (!order.status().isTerminal()) return;
        if (id.equals(s.stopId)) { s.stopId = null; s.stopPrice = null; }
        if (id.equals(s.takeProfitId)) s.takeProfitId = null;
        if (id.equals(s.pending)) {
            boolean filledEntry = s.pendingIsEntry && order.filledQuantity().isPositive();
            s.pending = null;
            if (filledEntry && !bracket && exits != null) protect(s, order);
        }
    }

    /** Stand-alone protective orders after a plain entry has filled (no bracket). */
    private void protect(State s, Order entry) {
        // Called from onOrderEvent, before onFill books the fill: size from the entry itself.
        if (entry.averageFillPrice() == null) return;
        boolean isLong = entry.side() == OrderSide.BUY;
        OrderSide side = entry.side().opposite();
        Quantity quantity = entry.filledQuantity();
        Price tick = ctx.instrument(s.symbol).tickSize();
        Price reference = entry.averageFillPrice();
        BigDecimal stopPct = positive(exits.stopLossPct()) ? exits.stopLossPct() : trail;
        if (stopPct != null) {
            Price stop = PositionSizing.offset(reference, stopPct, !isLong, tick);
            ClientOrderId id = ctx.submit(OrderRequest.stop(s.symbol, side, quantity, stop));
            if (id != null) { s.stopId = id; s.stopPrice = stop; }
        }
        if (positive(exits.takeProfitPct())) {
            Price target = PositionSizing.offset(reference, exits.takeProfitPct(), isLong, tick);
            s.takeProfitId = ctx.submit(OrderRequest.limit(s.symbol, side, quantity, target));
        }
    }

    @Override
    public void onFill(Fill fill) {
        move(fill, +1);
    }

    /** The venue corrected a fill: the position moves by the difference, as the books did. */
    @Override
    public void onFillCorrected(FillCorrectionBooked correction) {
        move(correction.original(), -1);
        move(correction.corrected(), +1);
    }

    /** The venue busted a fill: it never happened. */
    @Override
    public void onFillBusted(FillBustBooked bust) {
        move(bust.original(), -1);
    }

    /** Adds ({@code sign} +1) or takes back (-1) a fill's signed quantity. */
    private void move(Fill fill, int sign) {
        State s = states.get(fill.symbol());
        if (s == null) return;
        long signed = fill.side() == OrderSide.BUY ? fill.quantity().raw() : -fill.quantity().raw();
        s.position += sign * signed;
    }

    /** Per-symbol state, touched only from the strategy's callbacks. */
    private static final class State {
        final Symbol symbol;
        final CompiledDocument.Program program;
        RollingStdDev returns;
        double previousClose;
        /** Net position in raw quantity units, from this strategy's fills. */
        long position;
        ClientOrderId pending;
        boolean pendingIsEntry;
        OrderSide pendingSide;
        ClientOrderId entryId;
        ClientOrderId stopId;
        Price stopPrice;
        ClientOrderId takeProfitId;
        boolean sizingOverflowWarned;

        State(Symbol symbol, CompiledDocument.Program program) {
            this.symbol = symbol;
            this.program = program;
        }
    }
}
