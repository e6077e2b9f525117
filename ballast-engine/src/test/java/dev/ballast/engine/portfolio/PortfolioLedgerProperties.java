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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random fills by three strategies in four instruments (multiplier 50; lot 0.001 with prices of
 * eight decimals, with multiplier 1 and 10, so notionals round): the ledger identity holds after every fill, cash equals an
 * independent BigDecimal recomputation, and the account position is the sum of the strategies'.
 */
class PortfolioLedgerProperties {
    private static final Money INITIAL = Money.of("1000000");
    private static final List<Instrument> INSTRUMENTS = List.of(
            Instrument.equity(Symbol.of("AAPL"), "USD"),
            new Instrument(Symbol.of("ES"), AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50),
            new Instrument(Symbol.of("BTC"), AssetClass.CRYPTO, "USD", Price.of("0.00000001"), Quantity.of("0.001"), 1),
            // A multiplier with eight-decimal prices and fractional lots: quantity x price x multiplier rounds once.
            new Instrument(Symbol.of("MBT"), AssetClass.FUTURE, "USD", Price.of("0.00000001"), Quantity.of("0.001"), 10));
    private static final List<StrategyId> STRATEGIES = List.of(StrategyId.of("a"), StrategyId.of("b"), StrategyId.of("c"));

    /** One generated fill: indexes into the strategies and instruments, lots, raw price, commission in cents. */
    record FillSpec(int strategy, int instrument, boolean buy, long lots, long priceRaw, long commissionCents) {}

    @Provide
    Arbitrary<List<FillSpec>> fills() {
        Arbitrary<FillSpec> aapl = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 1_000), Arbitraries.longs().between(5_000, 50_000),
                        Arbitraries.longs().between(0, 1_000))
                // 50.00 to 500.00 on the cent grid
                .as((s, buy, lots, cents, fee) -> new FillSpec(s, 0, buy, lots, cents * 1_000_000L, fee));
        Arbitrary<FillSpec> es = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 20), Arbitraries.longs().between(12_000, 24_000),
                        Arbitraries.longs().between(0, 1_000))
                // 3000.00 to 6000.00 on the 0.25 grid
                .as((s, buy, lots, quarters, fee) -> new FillSpec(s, 1, buy, lots, quarters * 25_000_000L, fee));
        Arbitrary<FillSpec> btc = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 5_000), Arbitraries.longs().between(2_000_000_000_000L, 8_000_000_000_000L),
                        Arbitraries.longs().between(0, 1_000))
                // 0.001 to 5 BTC at 20000 to 80000 with all eight decimals (an average fill price)
                .as((s, buy, lots, raw, fee) -> new FillSpec(s, 2, buy, lots, raw, fee));
        Arbitrary<FillSpec> micro = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 5_000), Arbitraries.longs().between(2_000_000_000_000L, 8_000_000_000_000L),
                        Arbitraries.longs().between(0, 1_000))
                .as((s, buy, lots, raw, fee) -> new FillSpec(s, 3, buy, lots, raw, fee));
        return Arbitraries.oneOf(aapl, es, btc, micro).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void booksStayConsistentAfterEveryFill(@ForAll("fills") List<FillSpec> fills) {
        PortfolioManager portfolio = new PortfolioManager(INITIAL, INSTRUMENTS);
        BigDecimal expectedCash = FixedPointReference.of(INITIAL.raw());
        int n = 0;
        for (FillSpec spec : fills) {
            Instrument instrument = INSTRUMENTS.get(spec.instrument());
            Quantity quantity = Quantity.ofRaw(spec.lots() * instrument.lotSize().raw());
            Price price = Price.ofRaw(spec.priceRaw());
            Money commission = Money.ofRaw(spec.commissionCents() * 1_000_000L);
            OrderSide side = spec.buy() ? OrderSide.BUY : OrderSide.SELL;
            n++;
            portfolio.book(new Fill(ClientOrderId.of("o" + n), "t" + n, instrument.symbol(), side, quantity, price,
                    commission, n), STRATEGIES.get(spec.strategy()));

            // cash -= round_half_even(signed qty x price x multiplier) + commission
            BigDecimal notional = FixedPointReference.of(quantity.raw()).multiply(FixedPointReference.of(price.raw()))
                    .multiply(BigDecimal.valueOf(instrument.multiplier())).multiply(BigDecimal.valueOf(side.sign()))
                    .setScale(8, RoundingMode.HALF_EVEN);
            expectedCash = expectedCash.subtract(notional).subtract(FixedPointReference.of(commission.raw()));

            assertThat(portfolio.ledgerIdentityHolds()).as("identity after fill %d", n).isTrue();
            assertThat(FixedPointReference.of(portfolio.cash().raw())).as("cash after fill %d", n)
                    .isEqualByComparingTo(expectedCash);
            for (Instrument each : INSTRUMENTS) {
                long sum = 0;
                for (StrategyId strategy : STRATEGIES) sum += portfolio.position(strategy, each.symbol()).quantity().raw();
                assertThat(portfolio.accountPosition(each.symbol()).quantity().raw())
                        .as("%s account = sum of strategies after fill %d", each.symbol(), n).isEqualTo(sum);
            }
        }
    }

    /** Exact decimal value of a raw fixed-point number, independent of the engine's arithmetic. */
    private static final class FixedPointReference {
        static BigDecimal of(long raw) {
            return BigDecimal.valueOf(raw, 8);
        }
    }
}
