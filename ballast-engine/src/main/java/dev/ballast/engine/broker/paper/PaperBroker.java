package dev.ballast.engine.broker.paper;

import dev.ballast.model.EpochNanos;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.Quote;
import dev.ballast.model.event.ReplaceRejected;
import dev.ballast.model.event.TradeTick;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A simulated venue that fills orders against the market data the engine feeds it: deterministic for
 * given settings, seed and inputs, so a backtest replays report for report.
 *
 * <h2>Timing</h2>
 * With latency {@code L} and engine time {@code t} (from the {@link Clock}) at {@link #submit}: the
 * {@link OrderAccepted} or {@link OrderRejected} is stamped {@code t+L} and sent to the sink at once (a
 * report stamped in the future is how a simulated broker models latency). The order may fill only on
 * market data with timestamp {@code >= t+L} and {@code > t}, so an order sent while the strategy
 * handles bar N fills on bar N+1 at the earliest. Cancels and modifies take effect at request time
 * {@code + L}: fills on earlier data still happen (fills race cancels). Their outcome is sent when
 * engine time reaches the effective time (the next market data, {@link #onTime}, or the next request;
 * immediately when {@code L = 0}), stamped with the effective time. A fill is stamped with the market
 * data's timestamp, which is never before the order's accept time. Reports of one order are sent in
 * causal order and with non-decreasing timestamps.
 *
 * <h2>Fill rules (per working order, per market data event of its symbol)</h2>
 * Each event is seen as a bar per side: a {@link Bar} as is; a {@link TradeTick} as a one-price bar at
 * the trade price with its size as volume; a {@link Quote} as a one-price bar at the ask for buys and
 * the bid for sells, with that side's size as volume.
 * <ul>
 * <li>Market: fills at the bar open; on a tick at the last quote's ask (buy) or bid (sell) if a quote of
 *     the symbol has been seen, else at the trade price; on a quote at its ask/bid. Plus slippage.</li>
 * <li>Limit buy: fills when low {@code <=} limit, at the limit, or at the open if it opens at or below
 *     the limit. Sell symmetric. No slippage.</li>
 * <li>Stop buy: triggers when high {@code >=} stop; fills at the stop, or at the open if it opens at or
 *     above the stop; plus slippage. Sell symmetric. A partly filled triggered stop works on as a market
 *     order.</li>
 * <li>Stop-limit buy: triggers like a stop at price {@code T} (stop, or the open on a gap). If
 *     {@code T <=} limit it fills on that bar at {@code T}; otherwise it rests and works as a limit
 *     order from the next event on (the path after the trigger within a bar is unknown, so no second
 *     look at the trigger bar's low). Sell symmetric. No slippage.</li>
 * <li>Volume: one fill per order per event, capped at {@code maxVolumeShare} of the event's volume and
 *     rounded down to a lot multiple; the rest works on later events. Volume {@code null} or
 *     {@code <= 0} means unknown, and no cap (FX and index data often carry none). Each order is
 *     capped on its own; orders on one symbol do not share the volume.</li>
 * <li>IOC: fills what its first eligible event allows, the rest is canceled ({@link OrderCanceled}).
 *     FOK: fills completely on its first eligible event or is canceled without a fill.</li>
 * <li>DAY: the order's trading day is the date (in the configured zone) of the first event it is
 *     eligible on; it expires ({@link OrderExpired}, stamped with that event's time) at the first market
 *     data of any symbol, or {@link #onTime}, dated after that day, before any fill on that event. An
 *     order sent after the last bar of a day (daily bars, after hours) thus works the next session,
 *     as at a real broker. GTC works until filled or canceled.</li>
 * <li>Bracket exits ({@link Order#reduceOnly()}, {@link Order#ocoGroup()}): reduce-only, a fill is capped at the
 *     venue's position on the other side of the order, and an exit with none left to reduce is canceled
 *     ({@code REDUCE_ONLY_NO_POSITION}) instead of opening or flipping one. The exits of one bracket are a
 *     one-cancels-other group: together they fill at most what one of them is for, and once that has filled the
 *     others are canceled at once ({@code OCO_GROUP_FILLED}), on the same event, before they can fill, even when
 *     the bar's range touched the stop and the limit both. A partial fill shrinks what the others may fill.</li>
 * </ul>
 *
 * <h2>Rejections</h2>
 * {@link OrderRejected}: unknown symbol, a quantity that is not positive or not a lot multiple, a
 * missing or off-tick limit/stop price, a missing time in force, an id that is already working.
 * {@link CancelRejected} / {@link ReplaceRejected}: the order is unknown or no longer working when the
 * request takes effect; a modify is also rejected for a quantity below the filled quantity (or not a
 * positive lot multiple) and for prices the order type does not use or that are off tick. A modify
 * down to exactly the filled quantity is replaced and then canceled, as nothing is left to work.
 *
 * <h2>Cost</h2>
 * With no working order on a symbol, {@link #onMarketData} is a few comparisons and at most two hash
 * lookups, and allocates nothing (the last quote of each symbol is kept; only a symbol's first quote
 * adds a map entry). Working orders that do not fill allocate nothing either; fills do.
 *
 * <p>Threading: not thread-safe. The engine calls every method on its thread, as
 * {@link BrokerageInterface} promises; reports go to the sink synchronously from within those calls.
 */
public final class PaperBroker implements BrokerageInterface {
    private static final long NO_PRICE = Long.MIN_VALUE;

    private final Clock clock;
    private final Function<Symbol, Instrument> instruments;
    private final PaperBrokerSettings settings;
    private final long latencyNanos;
    private final long volumeShareRaw;
    private final SlippageModel slippage;
    private final CommissionModel commission;
    private final ZoneId dayZone;
    private final SplittableRandom random;

    /** Live orders in submission order, so sweeps (expiry) report in a deterministic order. */
    private final Map<ClientOrderId, WorkingOrder> working = new LinkedHashMap<>();
    /** Live orders per symbol; finished ones are dropped lazily by the next event of the symbol. */
    private final Map<Symbol, ArrayList<WorkingOrder>> bySymbol = new HashMap<>();
    private final Map<Symbol, Quote> lastQuotes = new HashMap<>();
    /** Live one-cancels-other groups by group id (a bracket's entry id); a group goes with its last live order. */
    private final Map<ClientOrderId, OcoGroup> ocoGroups = new HashMap<>();
    /** In flight cancels and modifies; FIFO is time order because engine time never runs backwards. */
    private final ArrayDeque<PendingRequest> pending = new ArrayDeque<>();
    private final Print buyPrint = new Print();
    private final Print sellPrint = new Print();
    private long earliestDayEnd = Long.MAX_VALUE;
    private long orderSequence;
    private long tradeSequence;
    private BrokerReportSink sink;
    /** Net position per symbol from every fill executed here, raw quantity units. */
    private final Map<Symbol, Long> positions = new HashMap<>();
    private VenueOrderLog orderLog;
    private boolean recovering;
    private int duplicatesRefused;

    /**
     * @param clock       engine time; the simulated clock in backtests
     * @param instruments the instrument of a symbol, or {@code null} for one the venue does not list
     */
    public PaperBroker(Clock clock, Function<Symbol, Instrument> instruments, PaperBrokerSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.latencyNanos = settings.latency().toNanos();
        this.volumeShareRaw = FixedPoint.fromDouble(settings.maxVolumeShare());
        this.slippage = settings.slippage();
        this.commission = settings.commission();
        this.dayZone = settings.dayZone();
        this.random = new SplittableRandom(settings.seed());
    }

    /** A broker listing exactly the instruments in {@code instruments} (copied). */
    public PaperBroker(Clock clock, Map<Symbol, Instrument> instruments, PaperBrokerSettings settings) {
        this(clock, Map.copyOf(instruments)::get, settings);
    }

    public PaperBrokerSettings settings() {
        return settings;
    }

    /** Number of orders currently working at this venue (for tests and monitoring). */
    public int workingOrderCount() {
        return working.size();
    }

    /**
     * Gives the venue a durable memory of the orders it received ({@link VenueOrderLog}). With
     * {@code recovering} true the venue is being rebuilt after a restart by re-simulating the run: an order it
     * already has is taken again as part of that rebuild, not as a second copy; {@link #endRecovery} ends that.
     * Outside recovery a second order with a known id is rejected, as a real venue rejects a duplicate id.
     */
    public void attachOrderLog(VenueOrderLog log, boolean recovering) {
        this.orderLog = Objects.requireNonNull(log, "log");
        this.recovering = recovering;
    }

    /** The rebuild after a restart is over: from now on a known order id is a duplicate. */
    public void endRecovery() {
        recovering = false;
    }

    /** Orders refused because their client order id had been received before. */
    public int duplicatesRefused() {
        return duplicatesRefused;
    }

    @Override
    public CompletableFuture<BrokerState> queryState() {
        Map<ClientOrderId, Quantity> open = new LinkedHashMap<>();
        for (WorkingOrder o : working.values()) open.put(o.id, Quantity.ofRaw(o.quantity - o.filled));
        Map<Symbol, Quantity> held = new HashMap<>();
        positions.forEach((symbol, raw) -> {
            if (raw != 0) held.put(symbol, Quantity.ofRaw(raw));
        });
        Set<ClientOrderId> known = orderLog != null ? orderLog.ids() : working.keySet();
        return CompletableFuture.completedFuture(new BrokerState(open, held, known));
    }

    @Override
    public void connect(BrokerReportSink sink) {
        if (this.sink != null) throw new IllegalStateException("paper broker is already connected");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void submit(Order order) {
        requireConnected();
        long now = clock.nanos();
        drainPending(now);
        long acceptAt = now + latencyNanos;
        if (orderLog != null) {
            if (!orderLog.contains(order.id())) {
                orderLog.record(order.id());
            } else if (!recovering) {
                duplicatesRefused++;
                emit(new OrderRejected(order.id(), "duplicate client order id " + order.id()
                        + ": this venue already received an order with it", acceptAt));
                return;
            }
        }
        Instrument instrument = instruments.apply(order.symbol());
        String problem = instrument == null ? "unknown symbol " + order.symbol() : validate(order, instrument);
        if (problem == null && working.containsKey(order.id())) problem = "order id " + order.id() + " is already working";
        if (problem != null) {
            emit(new OrderRejected(order.id(), problem, acceptAt));
            return;
        }
        // Strictly after the submit time even with no latency: data stamped t was complete before the order.
        WorkingOrder o = new WorkingOrder(order, instrument, now + Math.max(latencyNanos, 1));
        working.put(o.id, o);
        bySymbol.computeIfAbsent(o.symbol, s -> new ArrayList<>()).add(o);
        ClientOrderId groupId = order.ocoGroup();
        if (groupId != null) {
            o.group = ocoGroups.computeIfAbsent(groupId, id -> new OcoGroup(id, Long.MAX_VALUE));
            o.group.join(o);
        }
        emit(new OrderAccepted(o.id, "PB-" + (++orderSequence), acceptAt));
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        request(new PendingRequest(true, orderId, 0, null, null, null));
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        request(new PendingRequest(false, orderId, 0, quantity, limitPrice, stopPrice));
    }

    private void request(PendingRequest draft) {
        requireConnected();
        long now = clock.nanos();
        drainPending(now);
        long effectiveAt = now + latencyNanos;
        if (!working.containsKey(draft.orderId())) {
            // Nothing can change for an order the venue no longer has, so the answer need not wait.
            String reason = "order " + draft.orderId() + " is not working (unknown, or already filled, canceled or expired)";
            emit(draft.cancel() ? new CancelRejected(draft.orderId(), reason, effectiveAt)
                    : new ReplaceRejected(draft.orderId(), reason, effectiveAt));
            return;
        }
        pending.addLast(new PendingRequest(draft.cancel(), draft.orderId(), effectiveAt, draft.quantity(),
                draft.limitPrice(), draft.stopPrice()));
        drainPending(now);
    }

    @Override
    public void onTime(long now) {
        if (!pending.isEmpty()) drainPending(now);
        if (now >= earliestDayEnd) expireDayOrders(now);
    }

    @Override
    public void onMarketData(MarketData data) {
        long ts = data.timestamp();
        if (!pending.isEmpty()) drainPending(ts);
        if (ts >= earliestDayEnd) expireDayOrders(ts);
        if (data instanceof Quote quote) lastQuotes.put(quote.symbol(), quote);
        if (working.isEmpty()) return;
        ArrayList<WorkingOrder> book = bySymbol.get(data.symbol());
        if (book == null || book.isEmpty()) return;
        switch (data) {
            case Bar bar -> {
                long volume = bar.volume() == null ? 0 : bar.volume().raw();
                long open = bar.open().raw();
                buyPrint.set(open, bar.high().raw(), bar.low().raw(), open, volume);
                sellPrint.set(open, bar.high().raw(), bar.low().raw(), open, volume);
            }
            case TradeTick tick -> {
                long price = tick.price().raw();
                long volume = tick.size() == null ? 0 : tick.size().raw();
                Quote quote = lastQuotes.get(tick.symbol());
                long buyAt = quote != null && quote.ask() != null ? quote.ask().raw() : price;
                long sellAt = quote != null && quote.bid() != null ? quote.bid().raw() : price;
                buyPrint.set(price, price, price, buyAt, volume);
                sellPrint.set(price, price, price, sellAt, volume);
            }
            case Quote quote -> {
                setQuoteSide(buyPrint, quote.ask(), quote.askSize());
                setQuoteSide(sellPrint, quote.bid(), quote.bidSize());
            }
        }
        boolean anyDone = false;
        // Index loop: a sink that re-enters the broker may append to this list while we walk it.
        for (int i = 0; i < book.size(); i++) {
            WorkingOrder o = book.get(i);
            if (!o.done) {
                Print print = o.side == OrderSide.BUY ? buyPrint : sellPrint;
                if (print.valid && ts >= o.eligibleAt) work(o, print, ts);
            }
            anyDone |= o.done;
        }
        if (anyDone) book.removeIf(WorkingOrder::isDone);
    }

    private static void setQuoteSide(Print print, Price price, Quantity size) {
        if (price == null) {
            print.invalidate();
            return;
        }
        long p = price.raw();
        print.set(p, p, p, p, size == null ? 0 : size.raw());
    }

    /** One eligible event for one order: trigger, fill, cancel the IOC/FOK rest. */
    private void work(WorkingOrder o, Print print, long ts) {
        boolean firstChance = !o.seenEligible;
        if (firstChance) {
            o.seenEligible = true;
            if (o.timeInForce == TimeInForce.DAY) startTradingDay(o, ts);
        }
        boolean buy = o.side == OrderSide.BUY;
        long price;
        boolean slips;
        switch (o.type) {
            case MARKET -> {
                price = print.market;
                slips = true;
            }
            case LIMIT -> {
                price = limitFill(buy, o.limit, print);
                slips = false;
            }
            case STOP -> {
                if (o.triggered) {
                    price = print.market;
                } else {
                    price = stopTrigger(buy, o.stop, print);
                    o.triggered = price != NO_PRICE;
                }
                slips = true;
            }
            case STOP_LIMIT -> {
                if (o.triggered) {
                    price = limitFill(buy, o.limit, print);
                } else {
                    long trigger = stopTrigger(buy, o.stop, print);
                    o.triggered = trigger != NO_PRICE;
                    boolean marketable = o.triggered && (buy ? trigger <= o.limit : trigger >= o.limit);
                    price = marketable ? trigger : NO_PRICE;
                }
                slips = false;
            }
            default -> throw new IllegalStateException("unhandled order type " + o.type);
        }
        boolean immediate = o.timeInForce == TimeInForce.IOC || o.timeInForce == TimeInForce.FOK;
        if (price == NO_PRICE) {
            if (immediate) cancel(o, o.timeInForce + ": not marketable on its first eligible market data", ts);
            return;
        }
        long leaves = Math.min(o.leaves(), exitCap(o));
        if (leaves <= 0) {
            cancel(o, exitCancelReason(o), ts);
            return;
        }
        long quantity = leaves;
        if (print.volume > 0) quantity = Math.min(quantity, FixedPoint.multiply(print.volume, volumeShareRaw));
        quantity = PriceMath.floorToMultiple(quantity, o.instrument.lotSize().raw());
        if (o.timeInForce == TimeInForce.FOK && quantity < leaves) {
            cancel(o, "FOK: only " + FixedPoint.format(quantity) + " of " + FixedPoint.format(leaves)
                    + " available within the volume cap", ts);
            return;
        }
        if (quantity <= 0) {
            if (immediate) cancel(o, "IOC: no quantity available within the volume cap", ts);
            return;
        }
        fill(o, quantity, price, slips, print.volume, ts);
        if (o.filled == o.quantity) {
            finish(o);
        } else if (o.timeInForce == TimeInForce.IOC) {
            cancel(o, "IOC: remaining " + FixedPoint.format(o.leaves()) + " canceled", ts);
        }
        if (o.group != null || o.reduceOnly) afterExitFill(o, quantity, ts);
    }

    /**
     * How much a bracket exit may still fill: what its one-cancels-other group still covers and, as it is
     * reduce-only, the venue's position on the other side of it. Unbounded for any other order.
     */
    private long exitCap(WorkingOrder o) {
        long cap = o.group != null ? o.group.allowance : Long.MAX_VALUE;
        if (o.reduceOnly) {
            long position = positions.getOrDefault(o.symbol, 0L);
            cap = Math.min(cap, Math.max(0, o.side == OrderSide.BUY ? -position : position));
        }
        return cap;
    }

    private String exitCancelReason(WorkingOrder o) {
        if (o.group != null && o.group.allowance <= 0) {
            return ExitCancel.OCO_GROUP_FILLED + ": another order of group " + o.group.id + " filled what the group covers";
        }
        return ExitCancel.REDUCE_ONLY_NO_POSITION + ": reduce-only, and the venue holds no " + o.symbol
                + " position it would reduce (" + FixedPoint.format(positions.getOrDefault(o.symbol, 0L)) + ")";
    }

    /**
     * After an exit filled {@code quantity}: the group's allowance shrinks, and once it is used up (or the position
     * they would reduce is gone) the group's other orders are canceled now, within this event, before the loop over
     * the book reaches them (one-cancels-other at the venue, as a venue's OCO group does). What the exit itself can
     * no longer fill is canceled too.
     */
    private void afterExitFill(WorkingOrder o, long quantity, long ts) {
        OcoGroup group = o.group;
        if (group != null) {
            group.allowance -= quantity;
            for (WorkingOrder other : List.copyOf(group.live)) {
                if (other != o && !other.done && exitCap(other) <= 0) {
                    cancel(other, group.allowance <= 0
                            ? ExitCancel.OCO_GROUP_FILLED + ": " + o.id + " of group " + group.id + " filled"
                            : exitCancelReason(other), ts);
                }
            }
        }
        if (!o.done && exitCap(o) <= 0) cancel(o, exitCancelReason(o), ts);
    }

    /** The price a limit order fills at on this print, or NO_PRICE when the limit is not reached. */
    private static long limitFill(boolean buy, long limit, Print p) {
        if (buy) {
            if (p.open <= limit) return p.open;
            return p.low <= limit ? limit : NO_PRICE;
        }
        if (p.open >= limit) return p.open;
        return p.high >= limit ? limit : NO_PRICE;
    }

    /** The price a stop triggers at on this print (the stop, or the open on a gap), or NO_PRICE. */
    private static long stopTrigger(boolean buy, long stop, Print p) {
        if (buy) {
            if (p.open >= stop) return p.open;
            return p.high >= stop ? stop : NO_PRICE;
        }
        if (p.open <= stop) return p.open;
        return p.low <= stop ? stop : NO_PRICE;
    }

    private void fill(WorkingOrder o, long quantityRaw, long priceRaw, boolean slips, long volumeRaw, long ts) {
        Quantity quantity = Quantity.ofRaw(quantityRaw);
        Price price = Price.ofRaw(priceRaw);
        if (slips) {
            price = slippage.apply(o.instrument, o.side, price, quantity, volumeRaw > 0 ? Quantity.ofRaw(volumeRaw) : null,
                    random);
        }
        Money fee = commission.commission(o.instrument, o.side, quantity, price);
        o.filled += quantityRaw;
        positions.merge(o.symbol, o.side == OrderSide.BUY ? quantityRaw : -quantityRaw, Long::sum);
        emit(new Fill(o.id, "P-" + (++tradeSequence), o.symbol, o.side, quantity, price, fee, ts));
    }

    private void startTradingDay(WorkingOrder o, long ts) {
        Instant instant = EpochNanos.toInstant(ts);
        Instant nextDay = instant.atZone(dayZone).toLocalDate().plusDays(1).atStartOfDay(dayZone).toInstant();
        o.dayEnd = EpochNanos.of(nextDay);
        earliestDayEnd = Math.min(earliestDayEnd, o.dayEnd);
    }

    private void expireDayOrders(long now) {
        long next = Long.MAX_VALUE;
        List<WorkingOrder> expired = new ArrayList<>();
        for (Iterator<WorkingOrder> it = working.values().iterator(); it.hasNext(); ) {
            WorkingOrder o = it.next();
            if (o.dayEnd <= now) {
                it.remove();
                o.done = true;
                leaveGroup(o);
                expired.add(o);
            } else {
                next = Math.min(next, o.dayEnd);
            }
        }
        earliestDayEnd = next;
        // Emitted after the sweep so that a sink calling back into the broker cannot break the iteration.
        for (WorkingOrder o : expired) emit(new OrderExpired(o.id, now));
    }

    private void drainPending(long now) {
        while (!pending.isEmpty() && pending.peekFirst().effectiveAt() <= now) {
            PendingRequest r = pending.pollFirst();
            WorkingOrder o = working.get(r.orderId());
            long at = r.effectiveAt();
            if (o == null) {
                String reason = "order " + r.orderId() + " is no longer working (filled, canceled or expired)";
                emit(r.cancel() ? new CancelRejected(r.orderId(), reason, at) : new ReplaceRejected(r.orderId(), reason, at));
            } else if (r.cancel()) {
                cancel(o, "canceled on request", at);
            } else {
                replace(o, r, at);
            }
        }
    }

    private void replace(WorkingOrder o, PendingRequest r, long at) {
        String problem = validateReplace(o, r);
        if (problem != null) {
            emit(new ReplaceRejected(o.id, problem, at));
            return;
        }
        if (r.quantity() != null) o.quantity = r.quantity().raw();
        if (r.limitPrice() != null) o.limit = r.limitPrice().raw();
        if (r.stopPrice() != null) o.stop = r.stopPrice().raw();
        emit(new OrderReplaced(o.id, Quantity.ofRaw(o.quantity),
                o.type.needsLimitPrice() ? Price.ofRaw(o.limit) : null,
                o.type.needsStopPrice() ? Price.ofRaw(o.stop) : null, at));
        if (o.leaves() == 0) cancel(o, "nothing left to work after the replace", at);
    }

    private static String validateReplace(WorkingOrder o, PendingRequest r) {
        Instrument instrument = o.instrument;
        if (r.quantity() != null) {
            Quantity q = r.quantity();
            if (!q.isPositive() || !q.isMultipleOf(instrument.lotSize())) {
                return "quantity " + q + " is not a positive multiple of the lot size " + instrument.lotSize();
            }
            if (q.raw() < o.filled) {
                return "quantity " + q + " is below the filled quantity " + FixedPoint.format(o.filled);
            }
        }
        if (r.limitPrice() != null) {
            if (!o.type.needsLimitPrice()) return "a " + o.type + " order has no limit price";
            if (!r.limitPrice().isMultipleOf(instrument.tickSize())) {
                return "limit price " + r.limitPrice() + " is not a multiple of the tick size " + instrument.tickSize();
            }
        }
        if (r.stopPrice() != null) {
            if (!o.type.needsStopPrice()) return "a " + o.type + " order has no stop price";
            if (!r.stopPrice().isMultipleOf(instrument.tickSize())) {
                return "stop price " + r.stopPrice() + " is not a multiple of the tick size " + instrument.tickSize();
            }
        }
        return null;
    }

    private static String validate(Order order, Instrument instrument) {
        var request = order.request();
        if (request.type() == null || request.side() == null) return "order type and side are required";
        if (request.timeInForce() == null) return "time in force is required";
        Quantity q = request.quantity();
        if (q == null || !q.isPositive()) return "quantity must be positive: " + q;
        if (!q.isMultipleOf(instrument.lotSize())) {
            return "quantity " + q + " is not a multiple of the lot size " + instrument.lotSize();
        }
        OrderType type = request.type();
        if (type.needsLimitPrice()) {
            if (request.limitPrice() == null) return "a " + type + " order needs a limit price";
            if (!request.limitPrice().isMultipleOf(instrument.tickSize())) {
                return "limit price " + request.limitPrice() + " is not a multiple of the tick size " + instrument.tickSize();
            }
        }
        if (type.needsStopPrice()) {
            if (request.stopPrice() == null) return "a " + type + " order needs a stop price";
            if (!request.stopPrice().isMultipleOf(instrument.tickSize())) {
                return "stop price " + request.stopPrice() + " is not a multiple of the tick size " + instrument.tickSize();
            }
        }
        return null;
    }

    private void cancel(WorkingOrder o, String reason, long at) {
        finish(o);
        emit(new OrderCanceled(o.id, reason, at));
    }

    private void finish(WorkingOrder o) {
        o.done = true;
        working.remove(o.id);
        leaveGroup(o);
    }

    private void leaveGroup(WorkingOrder o) {
        OcoGroup group = o.group;
        if (group == null) return;
        group.live.remove(o);
        if (group.live.isEmpty()) ocoGroups.remove(group.id);
    }

    private void emit(BrokerReport report) {
        sink.report(report);
    }

    private void requireConnected() {
        if (sink == null) throw new IllegalStateException("paper broker is not connected: call connect(sink) first");
    }
}
