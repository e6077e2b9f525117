package dev.ballast.engine;

import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.model.event.MarketData;

/**
 * Runs a backtest: pulls market data from the source as fast as the machine allows, moves the
 * simulated clock to each event and has the engine process it on the calling thread, then applies
 * what is still scheduled and stops the strategies. Deterministic: the same inputs give the same run.
 */
public final class BacktestRunner {
    private static final long PROGRESS_EVERY = 1 << 20;

    private BacktestRunner() {}

    public static RunResult run(TradingEngine engine, MarketDataSource source, ProgressListener progress) {
        long started = System.nanoTime();
        long count = 0;
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        engine.start();
        MarketData data;
        while ((data = source.next()) != null) {
            long time = data.timestamp();
            if (first == Long.MIN_VALUE) first = time;
            last = time;
            engine.advanceTo(time);
            engine.process(data);
            // Events posted from other threads (a journal failure) take effect at the next data event.
            while (engine.externalBacklog() > 0 && engine.pollExternal()) {
                // processed
            }
            if ((++count & (PROGRESS_EVERY - 1)) == 0) progress.progress(count, time);
            if (engine.stopRequested()) break;
        }
        engine.finish();
        return RunResult.of(engine, count, first, last, source.skippedRows(), System.nanoTime() - started);
    }
}
