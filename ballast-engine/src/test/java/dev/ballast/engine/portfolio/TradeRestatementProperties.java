package dev.ballast.engine.portfolio;

import dev.ballast.model.AssetClass;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random sequences of fills (two strategies, an equity and a future with a multiplier and an eight-decimal
 * crypto, so notionals round and positions flip) interleaved with busts and corrections of fills booked earlier:
 * after every step the books hold (the ledger identity and the other invariants), and at the end the cash, fees,
 * realized P&L and every position (account and per strategy) equal, to the last unit, those of a portfolio that
 * booked only the surviving fills, corrected, from scratch in booking order.
 */
class TradeRestatementProperties {
    private static final Money INITIAL = Money.of("1000000");
    private static final List<Instrument> INSTRUMENTS = List.of(
            Instrument.equity(Symbol.of("AAPL"), "USD"),
            new Instrument(Symbol.of("ES"), AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50),
            new Instrument(Symbol.of("BTC"), AssetClass.CRYPTO, "USD", Price.of("0.00000001"), Quantity.of("0.001"), 1));
    private static final List<StrategyId> STRATEGIES = List.of(StrategyId.of("a"), StrategyId.of("b"));

    /**
     * One step: a new fill ({@code target} < 0), or a bust ({@code bust}) or correction (to {@code lots} at
     * {@code priceRaw} with {@code commissionCents}) of the standing trade {@code target} modulo their number.
     */
    record Step(int target, boolean bust, int strategy, int instrument, boolean buy, long lots, long priceRaw,
                long commissionCents) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> instrument = Arbitraries.integers().between(0, 2);
        Arbitrary<Step> fill = Combinators.combine(Arbitraries.integers().between(0, 1), instrument, Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 40), Arbitraries.longs().between(1_000, 9_000),
                        Arbitraries.longs().between(0, 500))
                .as((s, i, buy, lots, ticks, fee) -> new Step(-1, false, s, i, buy, lots, ticks, fee));
        Arbitrary<Step> restate = Combinators.combine(Arbitraries.integers().between(0, 1_000), Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 40), Arbitraries.longs().between(1_000, 9_000),
                        Arbitraries.longs().between(0, 500))
                .as((target, bust, lots, ticks, fee) -> new Step(target, bust, 0, 0, true, lots, ticks, fee));
        return Arbitraries.frequencyOf(Tuple.of(3, fill), Tuple.of(1, restate))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void restatedBooksEqualBookingOnlyTheSurvivingFills(@ForAll("steps") List<Step> steps) {
        PortfolioManager portfolio = portfolio();
        Map<String, Fill> standing = new LinkedHashMap<>();
        Map<String, StrategyId> owners = new LinkedHashMap<>();
        int n = 0;
        for (Step step : steps) {
            n++;
            if (step.target() < 0) {
                Instrument instrument = INSTRUMENTS.get(step.instrument());
                Fill fill = new Fill(ClientOrderId.of("o" + n), "t" + n, instrument.symbol(),
                        step.buy() ? OrderSide.BUY : OrderSide.SELL, quantity(instrument, step.lots()),
                        price(instrument, step.priceRaw()), Money.ofRaw(step.commissionCents() * 1_000_000L), n);
                StrategyId owner = STRATEGIES.get(step.strategy());
                portfolio.book(fill, owner);
                standing.put(fill.tradeId(), fill);
                owners.put(fill.tradeId(), owner);
            } else if (!standing.isEmpty()) {
                String tradeId = new ArrayList<>(standing.keySet()).get(step.target() % standing.size());
                Fill original = standing.get(tradeId);
                if (step.bust()) {
                    portfolio.restate(tradeId, null);
                    standing.remove(tradeId);
                } else {
                    Instrument instrument = portfolio.instrument(original.symbol());
                    Fill corrected = new Fill(original.orderId(), tradeId, original.symbol(), original.side(),
                            quantity(instrument, step.lots()), price(instrument, step.priceRaw()),
                            Money.ofRaw(step.commissionCents() * 1_000_000L), original.timestamp());
                    portfolio.restate(tradeId, corrected);
                    standing.put(tradeId, corrected); // same key: keeps its place in booking order
                }
            }
            portfolio.verifyInvariants();
        }

        PortfolioManager fromScratch = portfolio();
        for (Map.Entry<String, Fill> entry : standing.entrySet()) fromScratch.book(entry.getValue(), owners.get(entry.getKey()));

        assertThat(portfolio.cash()).isEqualTo(fromScratch.cash());
        assertThat(portfolio.fees()).isEqualTo(fromScratch.fees());
        assertThat(portfolio.realizedPnl()).isEqualTo(fromScratch.realizedPnl());
        assertThat(portfolio.openCostBasis()).isEqualTo(fromScratch.openCostBasis());
        assertThat(portfolio.equity()).isEqualTo(fromScratch.equity());
        for (Instrument instrument : INSTRUMENTS) {
            assertThat(portfolio.accountPosition(instrument.symbol())).isEqualTo(fromScratch.accountPosition(instrument.symbol()));
            for (StrategyId strategy : STRATEGIES) {
                assertThat(portfolio.position(strategy, instrument.symbol()))
                        .as("%s of %s", instrument.symbol(), strategy)
                        .isEqualTo(fromScratch.position(strategy, instrument.symbol()));
            }
        }
        for (StrategyId strategy : STRATEGIES) {
            assertThat(portfolio.strategyPnl(strategy)).isEqualTo(fromScratch.strategyPnl(strategy));
        }
        for (Map.Entry<String, Fill> entry : standing.entrySet()) {
            assertThat(portfolio.bookedFill(entry.getKey()).fill()).isEqualTo(entry.getValue());
        }
    }

    /** Both portfolios are marked before any fill, so that neither takes its mark from a first fill (busted or not). */
    private static PortfolioManager portfolio() {
        PortfolioManager portfolio = new PortfolioManager(INITIAL, INSTRUMENTS);
        for (StrategyId strategy : STRATEGIES) portfolio.addStrategy(strategy);
        portfolio.mark(Symbol.of("AAPL"), Price.of("100"));
        portfolio.mark(Symbol.of("ES"), Price.of("4000"));
        portfolio.mark(Symbol.of("BTC"), Price.of("50000.12345678"));
        return portfolio;
    }

    private static Quantity quantity(Instrument instrument, long lots) {
        return Quantity.ofRaw(lots * instrument.lotSize().raw());
    }

    /** {@code ticks} 1,000 to 9,000: AAPL 10.00-90.00 by the cent, ES 250-2250 by the quarter, BTC with eight decimals. */
    private static Price price(Instrument instrument, long ticks) {
        return switch (instrument.symbol().value()) {
            case "AAPL" -> Price.ofRaw(ticks * 1_000_000L);
            case "ES" -> Price.ofRaw(ticks * 25_000_000L);
            default -> Price.ofRaw(ticks * 1_234_567_891L + 7);
        };
    }
}
