package dev.ballast.engine.portfolio;

import dev.ballast.model.AssetClass;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-worked P&L, cash, exposure and per-strategy books of the PortfolioManager; the ledger identity after every step. */
class PortfolioManagerTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol ES = Symbol.of("ES");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final StrategyId S2 = StrategyId.of("s2");

    private final PortfolioManager portfolio = new PortfolioManager(Money.of("100000"), List.of(
            Instrument.equity(AAPL, "USD"),
            new Instrument(ES, AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50)));
    private int trades;

    private void book(StrategyId owner, Symbol symbol, OrderSide side, String quantity, String price, String commission) {
        portfolio.book(new Fill(ClientOrderId.of("o" + trades), "t" + (++trades), symbol, side, Quantity.of(quantity),
                Price.of(price), Money.of(commission), trades), owner);
        assertThat(portfolio.ledgerIdentityHolds()).as("ledger identity after fill " + trades).isTrue();
    }

    private void buy(String quantity, String price) {
        book(S1, AAPL, OrderSide.BUY, quantity, price, "0");
    }

    private void sell(String quantity, String price) {
        book(S1, AAPL, OrderSide.SELL, quantity, price, "0");
    }

    @AfterEach
    void ledgerIdentityStillHolds() {
        assertThat(portfolio.ledgerIdentityHolds()).isTrue();
    }

    @Test
    void startsWithInitialCashAndNoExposure() {
        assertThat(portfolio.cash()).isEqualTo(Money.of("100000"));
        assertThat(portfolio.equity()).isEqualTo(Money.of("100000"));
        assertThat(portfolio.grossExposure()).isEqualTo(Money.ZERO);
        assertThat(portfolio.accountPosition(AAPL).isFlat()).isTrue();
    }

    @Test
    void buyingPaysCashAndOpensALongAtCost() {
        buy("100", "10.00");
        // cash 100000 - 100 x 10 = 99000
        assertThat(portfolio.cash()).isEqualTo(Money.of("99000"));
        Position position = portfolio.accountPosition(AAPL);
        assertThat(position.quantity()).isEqualTo(Quantity.of("100"));
        assertThat(position.costBasis()).isEqualTo(Money.of("1000"));
        assertThat(position.averageCost()).isEqualTo(Price.of("10"));
        assertThat(position.realizedPnl()).isEqualTo(Money.ZERO);
    }

    @Test
    void partialSellRealizesAgainstAverageCost() {
        buy("100", "10.00");
        sell("40", "12.50");
        // realized = 40 x (12.50 - 10.00) = 100; cash = 99000 + 40 x 12.50 = 99500; basis 1000 x 60/100 = 600
        Position position = portfolio.accountPosition(AAPL);
        assertThat(position.realizedPnl()).isEqualTo(Money.of("100"));
        assertThat(portfolio.realizedPnl()).isEqualTo(Money.of("100"));
        assertThat(position.quantity()).isEqualTo(Quantity.of("60"));
        assertThat(position.costBasis()).isEqualTo(Money.of("600"));
        assertThat(position.averageCost()).isEqualTo(Price.of("10"));
        assertThat(portfolio.cash()).isEqualTo(Money.of("99500"));
    }

    @Test
    void markValuesTheOpenPositionAsUnrealized() {
        buy("100", "10.00");
        sell("40", "12.50");
        portfolio.mark(AAPL, Price.of("11"));
        // 60 x 11 = 660 market value; unrealized 660 - 600 = 60; equity 99500 + 660 = 100160
        assertThat(portfolio.accountPosition(AAPL).unrealizedPnl()).isEqualTo(Money.of("60"));
        assertThat(portfolio.unrealizedPnl()).isEqualTo(Money.of("60"));
        assertThat(portfolio.equity()).isEqualTo(Money.of("100160"));
        assertThat(portfolio.lastPrice(AAPL)).isEqualTo(Price.of("11"));
    }

    @Test
    void sellingThroughALongFlipsShortWithTheRestOfTheFillAsCost() {
        buy("100", "10.00");
        sell("40", "12.50");
        sell("100", "11");
        // closes 60: realized 60 x (11 - 10) = 60, total 160; opens short 40 at 11: basis -440
        // cash 99500 + 100 x 11 = 100600
        Position position = portfolio.accountPosition(AAPL);
        assertThat(position.quantity()).isEqualTo(Quantity.of("-40"));
        assertThat(position.costBasis()).isEqualTo(Money.of("-440"));
        assertThat(position.averageCost()).isEqualTo(Price.of("11"));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("160"));
        assertThat(portfolio.cash()).isEqualTo(Money.of("100600"));
    }

    @Test
    void coveringAShortRealizesTheFallInPrice() {
        buy("100", "10.00");
        sell("40", "12.50");
        sell("100", "11");
        buy("40", "9");
        // short 40 from 11 covered at 9: 40 x 2 = 80; realized 100 + 60 + 80 = 240; cash 100600 - 360 = 100240
        Position position = portfolio.accountPosition(AAPL);
        assertThat(position.isFlat()).isTrue();
        assertThat(position.costBasis()).isEqualTo(Money.ZERO);
        assertThat(position.averageCost()).isNull();
        assertThat(position.realizedPnl()).isEqualTo(Money.of("240"));
        assertThat(portfolio.cash()).isEqualTo(Money.of("100240"));
        assertThat(portfolio.equity()).isEqualTo(Money.of("100240"));
        assertThat(portfolio.grossExposure()).isEqualTo(Money.ZERO);
    }

    @Test
    void shortSaleRealizesWhenCoveredLower() {
        sell("50", "20");
        buy("50", "18");
        // 50 x (20 - 18) = 100
        assertThat(portfolio.realizedPnl()).isEqualTo(Money.of("100"));
        assertThat(portfolio.cash()).isEqualTo(Money.of("100100"));
    }

    @Test
    void feesReduceCashAndAreReportedSeparately() {
        book(S1, AAPL, OrderSide.BUY, "100", "10", "1.50");
        book(S1, AAPL, OrderSide.SELL, "100", "10", "1.25");
        // cash 100000 - 1000 - 1.50 + 1000 - 1.25 = 99997.25; realized 0; fees 2.75
        assertThat(portfolio.cash()).isEqualTo(Money.of("99997.25"));
        assertThat(portfolio.fees()).isEqualTo(Money.of("2.75"));
        assertThat(portfolio.realizedPnl()).isEqualTo(Money.ZERO);
        assertThat(portfolio.strategyPnl(S1).fees()).isEqualTo(Money.of("2.75"));
        assertThat(portfolio.strategyPnl(S1).net()).isEqualTo(Money.of("-2.75"));
    }

    @Test
    void averageCostIsTheWeightedMeanOfBuys() {
        buy("100", "10");
        buy("50", "13");
        // (1000 + 650) / 150 = 11
        Position position = portfolio.accountPosition(AAPL);
        assertThat(position.costBasis()).isEqualTo(Money.of("1650"));
        assertThat(position.averageCost()).isEqualTo(Price.of("11"));
    }

    @Test
    void averageCostRoundsHalfEvenToEightDecimals() {
        buy("1", "10");
        buy("2", "10.01");
        // (10 + 20.02) / 3 = 10.00666666.. -> 10.00666667
        assertThat(portfolio.accountPosition(AAPL).averageCost()).isEqualTo(Price.of("10.00666667"));
    }

    @Test
    void grossAndNetExposureCombineALongAndAShort() {
        buy("100", "10");
        book(S1, ES, OrderSide.SELL, "1", "4000", "0");
        portfolio.mark(AAPL, Price.of("12"));
        portfolio.mark(ES, Price.of("3990"));
        // AAPL +100 x 12 = +1200; ES -1 x 3990 x 50 = -199500
        // gross 1200 + 199500 = 200700; net 1200 - 199500 = -198300
        assertThat(portfolio.grossExposure()).isEqualTo(Money.of("200700"));
        assertThat(portfolio.netExposure()).isEqualTo(Money.of("-198300"));
        // cash 100000 - 1000 + 200000 = 299000; equity 299000 - 198300 = 100700
        // = 100000 + unrealized AAPL 200 + ES (4000 - 3990) x 50 = 500
        assertThat(portfolio.equity()).isEqualTo(Money.of("100700"));
    }

    @Test
    void futuresNotionalCarriesTheMultiplier() {
        book(S1, ES, OrderSide.BUY, "2", "4000.25", "0");
        // 2 x 4000.25 x 50 = 400025; cash 100000 - 400025 = -300025
        assertThat(portfolio.cash()).isEqualTo(Money.of("-300025"));
        Position position = portfolio.accountPosition(ES);
        assertThat(position.costBasis()).isEqualTo(Money.of("400025"));
        assertThat(position.averageCost()).isEqualTo(Price.of("4000.25"));
        portfolio.mark(ES, Price.of("4001"));
        // (4001 - 4000.25) x 2 x 50 = 75
        assertThat(position = portfolio.accountPosition(ES)).extracting(Position::unrealizedPnl).isEqualTo(Money.of("75"));
        book(S1, ES, OrderSide.SELL, "2", "4010.50", "0");
        // (4010.50 - 4000.25) x 2 x 50 = 1025
        assertThat(portfolio.realizedPnl()).isEqualTo(Money.of("1025"));
        assertThat(portfolio.cash()).isEqualTo(Money.of("101025"));
    }

    @Test
    void strategiesKeepTheirOwnBooksAndTheAccountHoldsTheNet() {
        book(S1, AAPL, OrderSide.BUY, "100", "10", "0");
        book(S2, AAPL, OrderSide.SELL, "60", "10.50", "0");
        portfolio.mark(AAPL, Price.of("11"));
        // s1: +100 basis 1000, unrealized 1100 - 1000 = 100
        Position s1 = portfolio.position(S1, AAPL);
        assertThat(s1.quantity()).isEqualTo(Quantity.of("100"));
        assertThat(s1.unrealizedPnl()).isEqualTo(Money.of("100"));
        // s2: -60 basis -630, unrealized -660 + 630 = -30
        Position s2 = portfolio.position(S2, AAPL);
        assertThat(s2.quantity()).isEqualTo(Quantity.of("-60"));
        assertThat(s2.costBasis()).isEqualTo(Money.of("-630"));
        assertThat(s2.unrealizedPnl()).isEqualTo(Money.of("-30"));
        // account: +40; the sell closed 60 of the account's long: realized 60 x 0.50 = 30; basis 400, unrealized 440 - 400 = 40
        Position account = portfolio.accountPosition(AAPL);
        assertThat(account.quantity()).isEqualTo(Quantity.of("40"));
        assertThat(account.realizedPnl()).isEqualTo(Money.of("30"));
        assertThat(account.unrealizedPnl()).isEqualTo(Money.of("40"));
        // both views agree on total P&L: 100 - 30 = 70 = 30 + 40
        Money strategiesTotal = portfolio.strategyPnl(S1).net().plus(portfolio.strategyPnl(S2).net());
        assertThat(strategiesTotal).isEqualTo(Money.of("70"));
        assertThat(portfolio.realizedPnl().plus(portfolio.unrealizedPnl())).isEqualTo(Money.of("70"));
        assertThat(portfolio.strategyPnl(S2).grossExposure()).isEqualTo(Money.of("660"));
    }

    @Test
    void fillOfAnUnknownOrderBooksToTheUnattributedStrategy() {
        book(PortfolioManager.UNATTRIBUTED, AAPL, OrderSide.BUY, "5", "10", "0");
        assertThat(portfolio.strategyIds()).contains(PortfolioManager.UNATTRIBUTED);
        assertThat(portfolio.position(PortfolioManager.UNATTRIBUTED, AAPL).quantity()).isEqualTo(Quantity.of("5"));
        assertThat(portfolio.accountPosition(AAPL).quantity()).isEqualTo(Quantity.of("5"));
        assertThat(portfolio.cash()).isEqualTo(Money.of("99950"));
    }

    @Test
    void registeredStrategyIsReportedFlatBeforeItTrades() {
        portfolio.addStrategy(S2);
        assertThat(portfolio.strategyIds()).containsExactly(S2);
        assertThat(portfolio.position(S2, AAPL).isFlat()).isTrue();
        assertThat(portfolio.strategyPnl(S2).net()).isEqualTo(Money.ZERO);
    }

    @Test
    void firstFillSetsTheMarkWhenNoPriceWasSeen() {
        buy("10", "10");
        assertThat(portfolio.lastPrice(AAPL)).isEqualTo(Price.of("10"));
        assertThat(portfolio.grossExposure()).isEqualTo(Money.of("100"));
    }

    @Test
    void markOfAnUnknownSymbolIsIgnored() {
        portfolio.mark(Symbol.of("ZZZ"), Price.of("1"));
        assertThat(portfolio.lastPrice(Symbol.of("ZZZ"))).isNull();
        assertThat(portfolio.equity()).isEqualTo(Money.of("100000"));
    }

    @Test
    void fillForASymbolOutsideTheRunIsRefused() {
        Fill fill = new Fill(ClientOrderId.of("x"), "t", Symbol.of("ZZZ"), OrderSide.BUY, Quantity.of("1"), Price.of("1"),
                Money.ZERO, 1);
        assertThatThrownBy(() -> portfolio.book(fill, S1)).isInstanceOf(IllegalStateException.class);
        assertThat(portfolio.cash()).isEqualTo(Money.of("100000"));
    }

    @Test
    void snapshotCopiesAccountAndStrategyPositions() {
        book(S1, AAPL, OrderSide.BUY, "100", "10", "1");
        PortfolioSnapshot snapshot = portfolio.snapshot(42);
        assertThat(snapshot.timestamp()).isEqualTo(42);
        assertThat(snapshot.cash()).isEqualTo(Money.of("98999"));
        assertThat(snapshot.accountPositions().get(AAPL).quantity()).isEqualTo(Quantity.of("100"));
        assertThat(snapshot.strategyPositions().get(S1).get(AAPL).quantity()).isEqualTo(Quantity.of("100"));
        assertThat(snapshot.lastPrices()).containsEntry(AAPL, Price.of("10"));
    }
}
