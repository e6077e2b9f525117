package dev.ballast.runtime;

import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.ScopeRisk;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link RunHandle}'s part on the engine thread: an engine listener that hands every event to each subscriber's
 * buffer and keeps the last fills, and the builder of {@link RunSnapshot}s from the engine's books.
 *
 * <p>Engine thread only, but for the subscribers' list, which is copy on write (read here without a lock).
 */
final class EngineTap implements EngineEventListener {
    private final TradingEngine engine;
    private final RunJournal journal;
    private final List<SubscriberFeed> feeds;
    private final List<StrategyId> strategyIds;
    private final ArrayDeque<FillBooked> recentFills = new ArrayDeque<>(RunHandle.RECENT_FILLS);
    private final Map<ClientOrderId, Price> arrivals;
    private final Supplier<RunSnapshot.VenueStatus> venue;

    EngineTap(TradingEngine engine, RunJournal journal, List<SubscriberFeed> feeds, Map<ClientOrderId, Price> arrivals,
              Supplier<RunSnapshot.VenueStatus> venue) {
        this.venue = venue;
        this.engine = engine;
        this.journal = journal;
        this.feeds = feeds;
        this.arrivals = arrivals;
        this.strategyIds = engine.strategies().strategyIds();
    }

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case FillBooked booked -> {
                if (recentFills.size() == RunHandle.RECENT_FILLS) recentFills.removeFirst();
                recentFills.addLast(booked);
            }
            // The recent fills are fills that stand, as in fills.csv: a corrected one in its place, a busted one gone.
            case FillCorrectionBooked corrected -> {
                for (int i = recentFills.size(); i > 0; i--) {
                    FillBooked booked = recentFills.pollFirst();
                    recentFills.addLast(booked.fill().tradeId().equals(corrected.corrected().tradeId())
                            ? new FillBooked(corrected.corrected(), booked.strategyId(), booked.timestamp()) : booked);
                }
            }
            case FillBustBooked busted -> recentFills.removeIf(b -> b.fill().tradeId().equals(busted.original().tradeId()));
            default -> { }
        }
        // Most runs have no subscriber: one read of the copy-on-write list's size, no iterator, per event.
        if (feeds.isEmpty()) return;
        if (event instanceof OrderUpdated updated && updated.previous() == OrderStatus.INITIALIZED) {
            // Copied for the subscribers before they hear of the order (the monitor's map is the engine thread's);
            // only while someone listens: a map entry per order was a fifth of a backtest's time.
            Price arrival = engine.monitor().arrivalPrice(updated.order().id());
            if (arrival != null) arrivals.put(updated.order().id(), arrival);
        }
        for (SubscriberFeed feed : feeds) feed.offer(event); // a snapshot: a subscriber may leave meanwhile
    }

    /** The engine's state now, every part read in one go on the engine thread. */
    RunSnapshot snapshot(boolean ended) {
        PortfolioManager portfolio = engine.portfolio();
        long now = engine.clock().nanos();
        RunSnapshot.Account account = new RunSnapshot.Account(portfolio.initialCash(), portfolio.cash(),
                portfolio.equity(), portfolio.realizedPnl(), portfolio.unrealizedPnl(), portfolio.fees(),
                portfolio.grossExposure(), portfolio.netExposure());
        List<ScopeRisk> risk = engine.risk().figures(strategyIds);
        List<RunSnapshot.StrategyStatus> strategies = new ArrayList<>(strategyIds.size());
        for (int i = 0; i < strategyIds.size(); i++) {
            StrategyId id = strategyIds.get(i);
            strategies.add(new RunSnapshot.StrategyStatus(id, engine.strategies().state(id), risk.get(i + 1),
                    portfolio.strategyPnl(id)));
        }
        RunSnapshot.JournalStatus journalStatus = journal == null ? null
                : new RunSnapshot.JournalStatus(journal.records(), journal.head().toString(), journal.failed());
        return new RunSnapshot(now, engine.eventsProcessed(), ended, account, portfolio.snapshot(now).accountPositions(),
                engine.orders().openOrders(), List.copyOf(recentFills), risk.get(0), strategies, journalStatus, venue.get());
    }
}
