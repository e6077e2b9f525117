package dev.ballast.engine.data;

import dev.ballast.model.event.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual throughput check, not a test: prints bars per second read from a synthetic CSV file. Runs
 * only with {@code -Dballast.throughput=true}; it asserts nothing about time, since shared build
 * machines make timings meaningless as pass/fail criteria.
 */
@EnabledIfSystemProperty(named = "ballast.throughput", matches = "true")
class CsvReadThroughputCheck {
    @TempDir
    Path dir;

    @Test
    void printsBarsPerSecond() throws Exception {
        SyntheticBars bars = SyntheticBars.builder().symbols(10).barsPerSymbol(200_000).build();
        long t0 = System.nanoTime();
        dev.ballast.model.event.Bar[] array = bars.toArray();
        System.out.printf("generate %,d bars in memory: %.0f ms%n", array.length, (System.nanoTime() - t0) / 1e6);
        Path file = dir.resolve("bars.csv");
        t0 = System.nanoTime();
        CsvBarWriter.writeMultiSymbol(file, java.util.List.of(array));
        System.out.printf("write %,d bytes: %.0f ms%n", Files.size(file), (System.nanoTime() - t0) / 1e6);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long count = 0;
            long checksum = 0;
            try (CsvBarSource source = CsvBarSource.open(file)) {
                for (MarketData m; (m = source.next()) != null; ) {
                    count++;
                    checksum += m.timestamp();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: read %,d bars in %.3f s = %,.0f bars/s (checksum %d)%n", round, count, seconds, count / seconds, checksum);
        }
    }
}
