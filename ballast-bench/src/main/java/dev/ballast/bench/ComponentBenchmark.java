package dev.ballast.bench;

import java.util.SplittableRandom;
import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.broker.paper.PaperBrokerSettings;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.risk.RiskManager;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderUpdated;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the per-fill and per-order building blocks of the pipeline:
 * <ul>
 *   <li>{@code portfolioBookAndMark}: {@link PortfolioManager#book} of one fill (alternating buy and
 *       sell of 100 shares, so the position opens and closes and realized P&amp;L is computed) plus
 *       one {@link PortfolioManager#mark};</li>
 *   <li>{@code portfolioMark}: one mark of a symbol with an open position (the per-bar cost);</li>
 *   <li>{@code riskCheck}: {@link RiskManager#check} of a market buy of 100 shares that adds exposure
 *       (every rule runs, buying power included), followed by the release of its reservation (an
 *       OrderUpdated to CANCELED) so that reserved exposure does not grow over the run;</li>
 *   <li>{@code fixedPointMulDiv} / {@code fixedPointMultiply}: {@link FixedPoint#mulDiv} on varying inputs.</li>
 * </ul>
 * Run: {@code java -jar ballast-bench.jar ComponentBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComponentBenchmark {
    private static final int SYMBOLS = 10;
    private static final int MASK = 1023;

    private final Symbol[] symbols = new Symbol[SYMBOLS];
    private final Price[] prices = new Price[MASK + 1];
    private final long[] operands = new long[MASK + 1];
    private Fill buy;
    private Fill sell;
    private PortfolioManager portfolio;
    private StrategyId owner;
    private int step;

    private TradingEngine engine;
    private RiskManager risk;
    private Order order;
    private OrderUpdated release;

    @Setup(Level.Trial)
    public void setUp() {
        List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = Symbol.of(String.format("SYM%03d", i));
            instruments.add(Instrument.equity(symbols[i], "USD"));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i <= MASK; i++) {
            prices[i] = Price.ofRaw((9_000 + random.nextInt(2_000)) * FixedPoint.SCALE / 100);
            operands[i] = random.nextLong(1, 1L << 40);
        }
        owner = StrategyId.of("bench");
        portfolio = new PortfolioManager(Money.ofUnits(10_000_000), instruments);
        portfolio.addStrategy(owner);
        ClientOrderId id = ClientOrderId.of(owner, 1);
        buy = new Fill(id, "T-1", symbols[0], OrderSide.BUY, Quantity.ofUnits(100), Price.of("100.01"), Money.of("1.00"), 0);
        sell = new Fill(id, "T-2", symbols[0], OrderSide.SELL, Quantity.ofUnits(100), Price.of("100.05"), Money.of("1.00"), 0);
        portfolio.mark(symbols[0], Price.of("100.00"));
        portfolio.book(buy, owner); // symbols[0] holds a position from here on for portfolioMark

        SimulatedClock clock = new SimulatedClock(1_700_000_000_000_000_000L);
        PaperBroker broker = new PaperBroker(clock, Map.of(symbols[0], instruments.getFirst()), PaperBrokerSettings.defaults());
        EngineSettings settings = new EngineSettings(RunMode.BACKTEST, Money.ofUnits(10_000_000), instruments,
                RiskLimits.defaults(), IsolationPolicy.defaults());
        engine = new TradingEngine(settings, clock, broker, List.of(), message -> { });
        engine.portfolio().mark(symbols[0], Price.of("100.00"));
        risk = engine.risk();
        order = engine.orders().create(ClientOrderId.of(owner, 1), owner,
                OrderRequest.market(symbols[0], OrderSide.BUY, Quantity.ofUnits(100)), BracketRole.NONE, null);
        release = new OrderUpdated(order.withStatus(OrderStatus.CANCELED, clock.nanos()), OrderStatus.SUBMITTED, clock.nanos());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public long portfolioBookAndMark() {
        int s = step++;
        portfolio.book((s & 1) == 0 ? sell : buy, owner);
        portfolio.mark(symbols[0], prices[s & MASK]);
        return portfolio.equityRaw();
    }

    @Benchmark
    public long portfolioMark() {
        portfolio.mark(symbols[0], prices[step++ & MASK]);
        return portfolio.equityRaw();
    }

    @Benchmark
    public RiskDecision riskCheck() {
        RiskDecision decision = risk.check(order);
        risk.on(release);
        return decision;
    }

    @Benchmark
    public long fixedPointMulDiv() {
        int s = step++;
        return FixedPoint.mulDiv(operands[s & MASK], operands[(s + 1) & MASK], 100_000_000L);
    }

    @Benchmark
    public long fixedPointMultiply() {
        int s = step++;
        return FixedPoint.multiply(operands[s & MASK], prices[s & MASK].raw());
    }
}
