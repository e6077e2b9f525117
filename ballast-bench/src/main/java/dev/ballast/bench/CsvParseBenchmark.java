package dev.ballast.bench;

import dev.ballast.engine.data.CsvBarSource;
import dev.ballast.engine.data.CsvBarWriter;
import dev.ballast.engine.data.SyntheticBars;
import dev.ballast.model.event.MarketData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CSV bar parsing throughput: {@link CsvBarSource} reading a prepared multi-symbol file of
 * {@value #BARS} bars (10 symbols, written once by {@link CsvBarWriter} in the trial setup) from
 * open to end. The score is bars per second (one operation = one bar). The file is small enough to
 * stay in the page cache, so this is parsing and validation, not disk.
 * Run: {@code java -jar ballast-bench.jar CsvParseBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CsvParseBenchmark {
    static final int BARS = 200_000;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("ballast-csv-bench-", ".csv");
        CsvBarWriter.writeMultiSymbol(file, SyntheticBars.builder().seed(42).symbols(10).barsPerSymbol(BARS / 10).build());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public long parseFile() {
        long checksum = 0;
        int count = 0;
        try (CsvBarSource source = CsvBarSource.open(file)) {
            MarketData data;
            while ((data = source.next()) != null) {
                checksum += data.timestamp();
                count++;
            }
        }
        if (count != BARS) throw new IllegalStateException("read " + count + " bars, expected " + BARS);
        return checksum;
    }
}
