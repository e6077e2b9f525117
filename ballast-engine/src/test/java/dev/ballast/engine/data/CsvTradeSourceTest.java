package dev.ballast.engine.data;

import static dev.ballast.engine.data.CsvFiles.drain;
import static dev.ballast.engine.data.CsvFiles.nanos;
import static dev.ballast.engine.data.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.TradeTick;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTradeSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsTradesExactly() {
        Path file = write(dir, "trades.csv", "timestamp,symbol,price,size",
                "2024-01-02T14:30:00.001Z,AAPL,185.12,100", "2024-01-02T14:30:00.001Z,AAPL,185.13,0.5");
        assertThat(drain(CsvTradeSource.open(file))).containsExactly(
                new TradeTick(Symbol.of("AAPL"), nanos("2024-01-02T14:30:00.001Z"), Price.of("185.12"), Quantity.of("100")),
                new TradeTick(Symbol.of("AAPL"), nanos("2024-01-02T14:30:00.001Z"), Price.of("185.13"), Quantity.of("0.5")));
    }

    @Test
    void readsOneSymbolTradeFileNamedBySymbol() {
        Path file = write(dir, "BTC-USD.csv", "timestamp,price,size", "1704205800123,42000.5,0.01");
        assertThat(drain(CsvTradeSource.open(file))).containsExactly(
                new TradeTick(Symbol.of("BTC-USD"), nanos("2024-01-02T14:30:00.123Z"), Price.of("42000.5"), Quantity.of("0.01")));
    }

    @Test
    void readsOneSymbolTradeFileWithSymbolFromTheCaller() {
        Path file = write(dir, "ticks.csv", "timestamp,price,size", "2024-01-02T14:30:00Z,10,1");
        assertThat(drain(new CsvTradeSource(file, CsvOptions.defaults().withSymbol(Symbol.of("XYZ")))))
                .extracting(MarketData::symbol).containsExactly(Symbol.of("XYZ"));
    }

    @Test
    void rejectsBarHeaderForTrades() {
        Path file = write(dir, "trades.csv", "timestamp,symbol,open,high,low,close,volume");
        assertThatThrownBy(() -> CsvTradeSource.open(file)).isInstanceOf(MarketDataException.class)
                .hasMessageContaining("trades.csv:1:").hasMessageContaining("unknown column 'open'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stopsAtZeroPrice                | 2024-01-02T14:30:02Z,A,0,1      | price 0 is not positive          | non-positive price
            stopsAtZeroSize                 | 2024-01-02T14:30:02Z,A,1,0      | size 0 is not positive           | non-positive size
            stopsAtNegativeSize             | 2024-01-02T14:30:02Z,A,1,-3     | size -3 is not positive          | non-positive size
            stopsAtNaNPrice                 | 2024-01-02T14:30:02Z,A,nan,1    | price nan is not a finite number | NaN or infinity
            stopsAtUnparseableSize          | 2024-01-02T14:30:02Z,A,1,1e3    | size '1e3'                       | unparseable number
            stopsAtBackwardsTimestamp       | 2024-01-02T14:30:00Z,A,1,1      | goes backwards                   | timestamp backwards
            stopsAtWrongColumnCount         | 2024-01-02T14:30:02Z,A,1        | found 3                          | wrong column count
            """)
    void badTradeStopsUnderFailAndIsCountedUnderSkip(String behaviour, String badRow, String message, String category) {
        Path file = write(dir, "trades.csv", "timestamp,symbol,price,size", "2024-01-02T14:30:01Z,A,1,1", badRow, "2024-01-02T14:30:03Z,A,1,1");
        try (CsvTradeSource source = CsvTradeSource.open(file)) {
            assertThat(source.next()).isNotNull();
            assertThatThrownBy(source::next).isInstanceOf(MarketDataException.class)
                    .hasMessageContaining("trades.csv:3: ").hasMessageContaining(message);
        }
        CsvTradeSource skipping = new CsvTradeSource(file, CsvOptions.defaults().withPolicy(BadRowPolicy.SKIP));
        assertThat(drain(skipping)).hasSize(2);
        assertThat(skipping.skippedRows().countByReason()).containsExactly(Map.entry(category, 1L));
    }

    @Test
    void allowsSeveralTradesAtTheSameTimestamp() {
        Path file = write(dir, "trades.csv", "timestamp,symbol,price,size",
                "2024-01-02T14:30:00Z,A,1,1", "2024-01-02T14:30:00Z,A,1.01,2", "2024-01-02T14:30:00Z,A,1.02,3");
        assertThat(drain(CsvTradeSource.open(file))).hasSize(3);
    }

    @Test
    void refusesTradePriceAboveWhatTheFixedPointCanValueWithFileAndLine() {
        Path file = write(dir, "trades.csv", "timestamp,symbol,price,size",
                "2024-01-02T14:30:00Z,AAPL,185.12,100", "2024-01-02T14:30:01Z,AAPL,50000000000,1");
        try (CsvTradeSource source = CsvTradeSource.open(file)) {
            assertThat(source.next()).isNotNull();
            assertThatThrownBy(source::next).isInstanceOf(MarketDataException.class)
                    .hasMessageContaining("trades.csv:3: ").hasMessageContaining("price 50000000000 is above the largest price accepted");
        }
        CsvTradeSource skipping = new CsvTradeSource(file, CsvOptions.defaults().withPolicy(BadRowPolicy.SKIP));
        assertThat(drain(skipping)).hasSize(1);
        assertThat(skipping.skippedRows().countByReason()).containsExactly(Map.entry(BadRowReason.OUT_OF_RANGE, 1L));
    }
}
