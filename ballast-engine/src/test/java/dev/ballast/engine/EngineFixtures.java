package dev.ballast.engine;

import java.util.Arrays;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.broker.paper.CommissionModel;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.broker.paper.PaperBrokerSettings;
import dev.ballast.engine.broker.paper.SlippageModel;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small builders shared by the engine's end-to-end tests. */
public final class EngineFixtures {
    private EngineFixtures() {}

    public static long day(int n) {
        Instant instant = LocalDate.of(2024, 1, 1).plusDays(n).atStartOfDay(ZoneOffset.UTC).toInstant();
        return instant.getEpochSecond() * 1_000_000_000L;
    }

    public static Bar bar(Symbol symbol, int day, String open, String high, String low, String close, long volume) {
        return new Bar(symbol, day(day), Price.of(open), Price.of(high), Price.of(low), Price.of(close), Quantity.ofUnits(volume));
    }

    public static List<Instrument> equities(Symbol... symbols) {
        return Arrays.stream(symbols).map(s -> Instrument.equity(s, "USD")).toList();
    }

    public static PaperBrokerSettings frictionless() {
        return PaperBrokerSettings.defaults();
    }

    public static PaperBrokerSettings tenBpsAndACentAShare() {
        return PaperBrokerSettings.defaults().withSlippage(SlippageModel.fixedBps(10))
                .withCommission(CommissionModel.perUnit(Money.of("0.01"), Money.of("1.00")));
    }

    /** A backtest engine with a paper broker over {@code instruments}. */
    public static TradingEngine backtest(Money cash, List<Instrument> instruments, PaperBrokerSettings broker, RiskLimits limits,
                                  IsolationPolicy isolation, List<StrategySpec> strategies) {
        return backtest(cash, instruments, broker, RiskConfig.of(limits), isolation, strategies);
    }

    /** A backtest engine with a paper broker over {@code instruments} and a full risk configuration. */
    public static TradingEngine backtest(Money cash, List<Instrument> instruments, PaperBrokerSettings broker, RiskConfig risk,
                                  IsolationPolicy isolation, List<StrategySpec> strategies) {
        return backtest(cash, instruments, broker, risk, isolation, strategies, message -> {
            throw new AssertionError(message);
        });
    }

    /** As above, with {@code fatalHandler} told when the run cannot go on (called on the watchdog thread). */
    public static TradingEngine backtest(Money cash, List<Instrument> instruments, PaperBrokerSettings broker, RiskConfig risk,
                                  IsolationPolicy isolation, List<StrategySpec> strategies, Consumer<String> fatalHandler) {
        SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
        Map<Symbol, Instrument> bySymbol = instruments.stream().collect(Collectors.toMap(Instrument::symbol, Function.identity()));
        BrokerageInterface paper = new PaperBroker(clock, bySymbol, broker);
        EngineSettings settings = new EngineSettings(RunMode.BACKTEST, cash, instruments, risk, isolation);
        TradingEngine engine = new TradingEngine(settings, clock, paper, strategies, fatalHandler);
        checkBooksAfterEveryEvent(engine);
        return engine;
    }

    /**
     * Checks the order book's indexes and the ledger after every event the engine publishes (the engine itself checks
     * every component, risk reservations included, after every input while assertions are on).
     */
    public static void checkBooksAfterEveryEvent(TradingEngine engine) {
        engine.subscribe(event -> {
            engine.orders().verifyInvariants();
            engine.portfolio().verifyInvariants();
        });
    }

    public static RunResult runBacktest(TradingEngine engine, List<Bar> bars) {
        return BacktestRunner.run(engine, InMemoryMarketDataSource.of(bars), ProgressListener.NONE);
    }
}
