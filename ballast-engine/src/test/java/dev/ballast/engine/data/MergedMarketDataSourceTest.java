package dev.ballast.engine.data;

import static dev.ballast.engine.data.CsvFiles.drain;
import static dev.ballast.engine.data.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.TradeTick;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedMarketDataSourceTest {
    @TempDir
    Path dir;

    private static String row(MarketData m) {
        TradeTick t = (TradeTick) m;
        return t.symbol() + "@" + t.timestamp() / 1_000_000_000L + "/" + t.size();
    }

    @Test
    void mergesThreeFilesByTimeBreakingTiesBySourceOrderThenArrival() {
        Path a = write(dir, "A.csv", "timestamp,price,size", "10,1,1", "20,1,2", "20,1,3", "40,1,4");
        Path b = write(dir, "B.csv", "timestamp,price,size", "5,1,1", "20,1,2", "30,1,3");
        Path c = write(dir, "C.csv", "timestamp,price,size", "20,1,1", "20,1,2", "50,1,3");
        MarketDataSource merged = MarketDataFiles.openAll(List.of(c, a, b), MarketDataKind.TRADES, CsvOptions.defaults());
        assertThat(drain(merged)).extracting(MergedMarketDataSourceTest::row).containsExactly(
                "B@5/1", "A@10/1",
                "C@20/1", "C@20/2", "A@20/2", "A@20/3", "B@20/2",
                "B@30/3", "A@40/4", "C@50/3");
    }

    @Test
    void isNonDecreasingAcrossManySyntheticFiles() {
        SyntheticBars bars = SyntheticBars.builder().symbols(7).barsPerSymbol(500).seed(3).build();
        List<Path> files = new ArrayList<>(CsvBarWriter.writePerSymbol(dir, bars).values());
        List<MarketData> merged = drain(MarketDataFiles.openAll(files, MarketDataKind.BARS, CsvOptions.defaults()));
        assertThat(merged).hasSize(3_500);
        for (int i = 1; i < merged.size(); i++) assertThat(merged.get(i).timestamp()).isGreaterThanOrEqualTo(merged.get(i - 1).timestamp());
        // Same timestamps: ties go by file order, which is symbol order here, so the merge equals the generator.
        assertThat(merged).containsExactlyElementsOf(List.of(bars.toArray()));
    }

    @Test
    void readsOnlyOneEventAheadPerSource() {
        AtomicInteger reads = new AtomicInteger();
        MarketDataSource endless = new MarketDataSource() {
            long t;

            @Override
            public MarketData next() {
                reads.incrementAndGet();
                return new TradeTick(Symbol.of("X"), t++, Price.ofUnits(1), Quantity.ofUnits(1));
            }

            @Override
            public SkippedRows skippedRows() {
                return new SkippedRows();
            }

            @Override
            public void close() {}
        };
        MergedMarketDataSource merged = MergedMarketDataSource.of(endless, InMemoryMarketDataSource.wrap());
        for (int i = 0; i < 1_000; i++) merged.next();
        assertThat(reads.get()).isEqualTo(1_001);
    }

    @Test
    void aggregatesSkippedRowsOfAllSources() {
        Path a = write(dir, "A.csv", "timestamp,price,size", "10,1,1", "11,0,1");
        Path b = write(dir, "B.csv", "timestamp,price,size", "10,1,-1", "12,1,1", "13,x,1");
        MarketDataSource merged = MarketDataFiles.openAll(List.of(a, b), MarketDataKind.TRADES,
                CsvOptions.defaults().withPolicy(BadRowPolicy.SKIP));
        assertThat(drain(merged)).hasSize(2);
        assertThat(merged.skippedRows().total()).isEqualTo(3);
        assertThat(merged.skippedRows().countByReason()).containsOnlyKeys(
                BadRowReason.NON_POSITIVE_PRICE, BadRowReason.NON_POSITIVE_SIZE, BadRowReason.UNPARSEABLE_NUMBER);
    }

    @Test
    void closesEverySourceEvenWhenOneFailsToClose() {
        List<String> closed = new ArrayList<>();
        MarketDataSource failing = new StubSource("bad", closed, true);
        MergedMarketDataSource merged = MergedMarketDataSource.of(new StubSource("a", closed, false), failing, new StubSource("c", closed, false));
        assertThatThrownBy(merged::close).hasMessage("bad");
        assertThat(closed).containsExactly("a", "bad", "c");
    }

    @Test
    void endsAtOnceWithNoSources() {
        assertThat(new MergedMarketDataSource(List.of()).next()).isNull();
    }

    @Test
    void openAllClosesOpenedFilesWhenALaterOneIsMissing() {
        Path a = write(dir, "A.csv", "timestamp,price,size", "10,1,1");
        assertThatThrownBy(() -> MarketDataFiles.openAll(List.of(a, dir.resolve("missing.csv")), MarketDataKind.TRADES, CsvOptions.defaults()))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("missing.csv: file not found");
    }

    private record StubSource(String name, List<String> closed, boolean failOnClose) implements MarketDataSource {
        @Override
        public MarketData next() {
            return null;
        }

        @Override
        public SkippedRows skippedRows() {
            return new SkippedRows();
        }

        @Override
        public void close() {
            closed.add(name);
            if (failOnClose) throw new IllegalStateException(name);
        }
    }
}
