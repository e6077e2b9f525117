package dev.ballast.runtime;

import dev.ballast.engine.portfolio.StrategyPnl;
import dev.ballast.engine.risk.ScopeRisk;
import dev.ballast.engine.strategy.StrategyState;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.Position;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.FillBooked;

import java.util.List;
import java.util.Map;

/**
 * A run as an operator sees it at one moment: built on the engine thread between two inputs (so every part agrees
 * with every other), then handed to whichever thread asked. Immutable.
 *
 * @param time            engine time it was taken at
 * @param eventsProcessed events the engine had handled by then
 * @param ended           whether the run had ended (the snapshot is its final state)
 * @param positions       the account's positions by symbol (open, or closed with realized P&L)
 * @param openOrders      orders not yet in a final state
 * @param recentFills     the last fills booked and standing, oldest first (at most {@link RunHandle#RECENT_FILLS}; a corrected one with its corrected figures, a busted one left out)
 * @param accountRisk     the account's trading state and limit use
 * @param strategies      each strategy's state, trading state, limit use and P&L, in the run's order
 * @param journal         the journal's progress, or null when the run is not journaled
 * @param venue           the venue the run trades with and whether it is connected
 */
public record RunSnapshot(long time, long eventsProcessed, boolean ended, Account account,
                          Map<Symbol, Position> positions, List<Order> openOrders, List<FillBooked> recentFills,
                          ScopeRisk accountRisk, List<StrategyStatus> strategies, JournalStatus journal,
                          VenueStatus venue) {
    public RunSnapshot {
        positions = Map.copyOf(positions);
        openOrders = List.copyOf(openOrders);
        recentFills = List.copyOf(recentFills);
        strategies = List.copyOf(strategies);
    }

    /** The strategy's status, or null when the run has no such strategy. */
    public StrategyStatus strategy(StrategyId id) {
        for (StrategyStatus status : strategies) {
            if (status.id().equals(id)) return status;
        }
        return null;
    }

    /** The account's figures. */
    public record Account(Money initialCash, Money cash, Money equity, Money realizedPnl, Money unrealizedPnl,
                          Money fees, Money grossExposure, Money netExposure) {
    }

    /**
     * One strategy: whether it runs (ACTIVE, QUARANTINED, STOPPED), its trading state and limit use, its P&L.
     */
    public record StrategyStatus(StrategyId id, StrategyState state, ScopeRisk risk, StrategyPnl pnl) {
    }

    /** The venue: its type ({@code paper}, {@code fix}, {@code alpaca}) and whether its adapter is connected. */
    public record VenueStatus(String type, boolean connected) {
        /** The paper venue, part of the run's own process: always there. */
        public static final VenueStatus PAPER = new VenueStatus("paper", true);
    }

    /** The journal: records stored so far, the chain head of the last one, whether it failed. */
    public record JournalStatus(long records, String head, boolean failed) {
    }
}
