package dev.ballast.engine.data;

import java.util.Map;
import static dev.ballast.engine.data.CsvFiles.drain;
import static dev.ballast.engine.data.CsvFiles.nanos;
import static dev.ballast.engine.data.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.MarketData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvBarSourceTest {
    private static final String HEADER = "timestamp,symbol,open,high,low,close,volume";
    private static final CsvOptions SKIP = CsvOptions.defaults().withPolicy(BadRowPolicy.SKIP);

    @TempDir
    Path dir;

    private static Bar bar(String symbol, String time, String o, String h, String l, String c, String v) {
        return new Bar(Symbol.of(symbol), nanos(time), Price.of(o), Price.of(h), Price.of(l), Price.of(c), Quantity.of(v));
    }

    @Test
    void readsMultiSymbolBarsExactly() {
        Path file = write(dir, "bars.csv", HEADER,
                "2024-01-02T14:30:00Z,AAPL,185.10,185.5,184.90,185.25,12000",
                "2024-01-02T14:30:00Z,MSFT,370,371.125,369.5,370.75,8000.5");
        assertThat(drain(CsvBarSource.open(file))).containsExactly(
                bar("AAPL", "2024-01-02T14:30:00Z", "185.10", "185.5", "184.90", "185.25", "12000"),
                bar("MSFT", "2024-01-02T14:30:00Z", "370", "371.125", "369.5", "370.75", "8000.5"));
    }

    @Test
    void reusesOneSymbolInstancePerSymbol() {
        Path file = write(dir, "bars.csv", HEADER,
                "1704205800,AAPL,1,1,1,1,1", "1704205860,AAPL,1,1,1,1,1", "1704205860,MSFT,1,1,1,1,1");
        List<MarketData> bars = drain(CsvBarSource.open(file));
        assertThat(bars.get(0).symbol()).isSameAs(bars.get(1).symbol());
        assertThat(bars.get(2).symbol()).isNotSameAs(bars.get(0).symbol());
    }

    @Test
    void acceptsHeaderInAnyCaseAndOrder() {
        Path file = write(dir, "bars.csv", "Symbol,TIMESTAMP,Close,Open,High,Low,Volume",
                "AAPL,2024-01-02T14:30:00Z,185.25,185.10,185.5,184.90,12000");
        assertThat(drain(CsvBarSource.open(file)))
                .containsExactly(bar("AAPL", "2024-01-02T14:30:00Z", "185.10", "185.5", "184.90", "185.25", "12000"));
    }

    @Test
    void readsEveryTimestampForm() {
        Path file = write(dir, "bars.csv", HEADER,
                "2024-01-02,A,1,1,1,1,1",
                "2024-01-02T09:30:00-05:00,B,1,1,1,1,1",
                "2024-01-02T14:31:00,C,1,1,1,1,1",
                "1704205920,D,1,1,1,1,1",
                "1704205980000,E,1,1,1,1,1");
        assertThat(drain(CsvBarSource.open(file))).extracting(MarketData::timestamp).containsExactly(
                nanos("2024-01-02T00:00:00Z"), nanos("2024-01-02T14:30:00Z"), nanos("2024-01-02T14:31:00Z"),
                nanos("2024-01-02T14:32:00Z"), nanos("2024-01-02T14:33:00Z"));
    }

    @Test
    void readsLocalTimesInTheGivenZone() {
        Path file = write(dir, "bars.csv", HEADER, "2024-01-02T09:30:00,A,1,1,1,1,1", "2024-01-03,A,1,1,1,1,1");
        CsvOptions options = CsvOptions.defaults().withZone(ZoneId.of("America/New_York"));
        assertThat(drain(new CsvBarSource(file, options))).extracting(MarketData::timestamp)
                .containsExactly(nanos("2024-01-02T14:30:00Z"), nanos("2024-01-03T05:00:00Z"));
    }

    @Test
    void takesTheSymbolOfAOneSymbolFileFromItsName() {
        Path file = write(dir, "AAPL.csv", "timestamp,open,high,low,close,volume", "2024-01-02T14:30:00Z,1,2,1,2,10");
        assertThat(drain(CsvBarSource.open(file))).extracting(MarketData::symbol).containsExactly(Symbol.of("AAPL"));
    }

    @Test
    void takesTheSymbolOfAOneSymbolFileFromTheCaller() {
        Path file = write(dir, "daily.csv", "timestamp,open,high,low,close,volume", "2024-01-02,1,2,1,2,10");
        CsvOptions options = CsvOptions.defaults().withSymbol(Symbol.of("ESZ6"));
        assertThat(drain(new CsvBarSource(file, options))).extracting(MarketData::symbol).containsExactly(Symbol.of("ESZ6"));
    }

    @Test
    void allowsBlankLinesCrLfLineEndsAndAByteOrderMark() throws Exception {
        Path file = dir.resolve("bars.csv");
        Files.write(file, ("\uFEFF" + HEADER + "\r\n2024-01-02T14:30:00Z,A,1,2,1,2,10\r\n\r\n2024-01-02T14:31:00Z,A,1,2,1,2,10\n\n\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(drain(CsvBarSource.open(file))).hasSize(2);
    }

    @Test
    void readsALastLineWithoutNewline() throws Exception {
        Path file = dir.resolve("bars.csv");
        Files.writeString(file, HEADER + "\n2024-01-02T14:30:00Z,A,1,2,1,2,10");
        assertThat(drain(CsvBarSource.open(file))).hasSize(1);
    }

    @Test
    void reportsMissingFile() {
        assertThatThrownBy(() -> CsvBarSource.open(dir.resolve("nope.csv")))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("nope.csv").hasMessageContaining("file not found");
    }

    @Test
    void reportsEmptyFile() {
        Path file = write(dir, "empty.csv", "", "");
        assertThatThrownBy(() -> CsvBarSource.open(file))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("empty.csv").hasMessageContaining("empty file");
    }

    @Test
    void reportsMissingHeader() {
        Path file = write(dir, "bars.csv", "2024-01-02T14:30:00Z,A,1,2,1,2,10");
        assertThatThrownBy(() -> CsvBarSource.open(file))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("bars.csv:1:").hasMessageContaining("missing header");
    }

    @Test
    void reportsUnknownHeaderColumn() {
        Path file = write(dir, "bars.csv", "timestamp,symbol,open,high,low,close,volume,vwap");
        assertThatThrownBy(() -> CsvBarSource.open(file))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("bars.csv:1:").hasMessageContaining("unknown column 'vwap'");
    }

    @Test
    void reportsHeaderLackingAColumn() {
        Path file = write(dir, "bars.csv", "timestamp,symbol,open,high,low,volume");
        assertThatThrownBy(() -> CsvBarSource.open(file))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("lacks column 'close'");
    }

    @Test
    void reportsDuplicateHeaderColumn() {
        Path file = write(dir, "bars.csv", "timestamp,symbol,open,high,low,close,close,volume");
        assertThatThrownBy(() -> CsvBarSource.open(file))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("'close' appears twice");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stopsAtRowWithTooFewColumns          | 2024-01-02T14:32:00Z,A,1,2,1,2         | expected 7 columns as in the header, found 6 | wrong column count
            stopsAtRowWithTooManyColumns         | 2024-01-02T14:32:00Z,A,1,2,1,2,10,3    | found 8                                      | wrong column count
            stopsAtRowWithUnparseableTimestamp   | 2024-01-02T14:3:00Z,A,1,2,1,2,10       | timestamp '2024-01-02T14:3:00Z'              | unparseable timestamp
            stopsAtRowWithUnparseablePrice       | 2024-01-02T14:32:00Z,A,1,2x,1,2,10     | high '2x' is not a decimal number            | unparseable number
            stopsAtRowWithEmptyPrice             | 2024-01-02T14:32:00Z,A,1,2,,2,10       | low '' is not a decimal number               | unparseable number
            stopsAtRowWithNaNPrice               | 2024-01-02T14:32:00Z,A,1,2,1,NaN,10    | close NaN is not a finite number             | NaN or infinity
            stopsAtRowWithInfiniteVolume         | 2024-01-02T14:32:00Z,A,1,2,1,2,Infinity | volume Infinity is not a finite number      | NaN or infinity
            stopsAtRowWithZeroPrice              | 2024-01-02T14:32:00Z,A,0,2,1,2,10      | open 0 is not positive                       | non-positive price
            stopsAtRowWithNegativePrice          | 2024-01-02T14:32:00Z,A,1,2,-1,2,10     | low -1 is not positive                       | non-positive price
            stopsAtRowWhereHighIsBelowLow        | 2024-01-02T14:32:00Z,A,100,99.5,100.1,100,10 | high 99.5 < low 100.1                  | high < low
            stopsAtRowWhereOpenIsOutsideTheRange | 2024-01-02T14:32:00Z,A,3,2,1,2,10      | open 3 outside [low 1, high 2]               | open outside [low, high]
            stopsAtRowWhereCloseIsOutsideTheRange| 2024-01-02T14:32:00Z,A,1,2,1,0.5,10    | close 0.5 outside [low 1, high 2]            | close outside [low, high]
            stopsAtRowWithNegativeVolume         | 2024-01-02T14:32:00Z,A,1,2,1,2,-10     | volume -10 is negative                       | negative volume
            stopsAtRowWhoseTimestampGoesBackwards| 2024-01-02T14:30:30Z,A,1,2,1,2,10      | timestamp 2024-01-02T14:30:30Z goes backwards | timestamp backwards
            stopsAtDuplicateRow                  | 2024-01-02T14:31:00Z,A,1,2,1,2,10      | duplicate A row at timestamp 2024-01-02T14:31:00Z | duplicate timestamp
            stopsAtRowWithBadSymbol              | 2024-01-02T14:32:00Z,,1,2,1,2,10       | symbol '' is not valid                       | bad symbol
            stopsAtRowWithPriceAboveWhatTheFixedPointCanValue | 2024-01-02T14:32:00Z,A,1,50000000000,1,2,10 | high 50000000000 is above the largest price accepted, 1000000000 | number out of range
            stopsAtRowWithPriceTooLargeForTheFixedPoint | 2024-01-02T14:32:00Z,A,1,2,1,2,99999999999 | volume 99999999999 is too large for the fixed point | number out of range
            """)
    void badRowStopsTheStreamUnderFailAndIsCountedUnderSkip(String behaviour, String badRow, String message, String category) {
        String[] lines = {HEADER, "2024-01-02T14:30:00Z,A,1,2,1,2,10", "2024-01-02T14:31:00Z,A,1,2,1,2,10", badRow,
                "2024-01-02T14:33:00Z,A,1,2,1,2,10"};
        Path file = write(dir, "bars.csv", lines);

        try (CsvBarSource source = CsvBarSource.open(file)) {
            assertThat(source.next()).isNotNull();
            assertThat(source.next()).isNotNull();
            assertThatThrownBy(source::next).isInstanceOf(MarketDataException.class)
                    .hasMessageContaining("bars.csv:4: ").hasMessageContaining(message)
                    .satisfies(e -> assertThat(((MarketDataException) e).line()).isEqualTo(4));
        }

        CsvBarSource skipping = new CsvBarSource(file, SKIP);
        assertThat(drain(skipping)).extracting(MarketData::timestamp).containsExactly(
                nanos("2024-01-02T14:30:00Z"), nanos("2024-01-02T14:31:00Z"), nanos("2024-01-02T14:33:00Z"));
        assertThat(skipping.skippedRows().total()).isEqualTo(1);
        assertThat(skipping.skippedRows().countByReason()).containsExactly(Map.entry(category, 1L));
        assertThat(skipping.skippedRows().examples()).singleElement().asString().contains("bars.csv:4: " + category);
    }

    @Test
    void interleavedSymbolsMayShareTimes() {
        Path file = write(dir, "bars.csv", HEADER,
                "2024-01-02T14:30:00Z,A,1,1,1,1,1", "2024-01-02T14:30:00Z,B,1,1,1,1,1", "2024-01-02T14:31:00Z,B,1,1,1,1,1",
                "2024-01-02T14:31:00Z,A,1,1,1,1,1");
        assertThat(drain(CsvBarSource.open(file))).hasSize(4);
    }

    @Test
    void stopsAtRowOutOfTimeOrderAcrossSymbols() {
        // A file written in per-symbol blocks: B's first row is before A's last, so time would run backwards.
        Path file = write(dir, "bars.csv", HEADER,
                "2024-01-02T14:31:00Z,A,1,1,1,1,1", "2024-01-02T14:30:00Z,B,1,1,1,1,1");
        assertThatThrownBy(() -> drain(CsvBarSource.open(file)))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("bars.csv:3:")
                .hasMessageContaining("rows must be in time order across symbols");
    }

    @Test
    void skippedRowDoesNotMoveTheOrderingCheck() {
        Path file = write(dir, "bars.csv", HEADER,
                "2024-01-02T14:30:00Z,A,1,1,1,1,1",
                "2024-01-02T14:35:00Z,A,1,1,2,1,1",
                "2024-01-02T14:31:00Z,A,1,1,1,1,1");
        CsvBarSource source = new CsvBarSource(file, SKIP);
        assertThat(drain(source)).hasSize(2);
        assertThat(source.skippedRows().countByReason()).containsOnlyKeys(BadRowReason.HIGH_BELOW_LOW);
    }

    @Test
    void countsManySkippedRowsByReason() {
        Path file = write(dir, "bars.csv", HEADER,
                "2024-01-02T14:30:00Z,A,1,1,1,1,1",
                "2024-01-02T14:30:00Z,A,1,1,1,1,1",
                "2024-01-02T14:29:00Z,A,1,1,1,1,1",
                "2024-01-02T14:31:00Z,A,1,1,1,1,-1",
                "2024-01-02T14:31:00Z,A,1,1,1,1,-1",
                "2024-01-02T14:31:00Z,A,1,1,1,1,1");
        CsvBarSource source = new CsvBarSource(file, SKIP);
        assertThat(drain(source)).hasSize(2);
        assertThat(source.skippedRows().total()).isEqualTo(4);
        assertThat(source.skippedRows().countByReason()).containsExactly(
                Map.entry(BadRowReason.DUPLICATE_TIMESTAMP, 1L),
                Map.entry(BadRowReason.TIMESTAMP_BACKWARDS, 1L),
                Map.entry(BadRowReason.NEGATIVE_VOLUME, 2L));
    }

    @Test
    void keepsFailingAfterTheFirstBadRow() {
        Path file = write(dir, "bars.csv", HEADER, "2024-01-02T14:30:00Z,A,1,1,2,1,1", "2024-01-02T14:31:00Z,A,1,1,1,1,1");
        try (CsvBarSource source = CsvBarSource.open(file)) {
            assertThatThrownBy(source::next).isInstanceOf(MarketDataException.class);
            assertThatThrownBy(source::next).isInstanceOf(MarketDataException.class).hasMessageContaining("bars.csv:2:");
        }
    }

    @Test
    void readsLinesLongerThanTheBuffer() {
        String longSymbol = "S".repeat(300_000);
        Path file = write(dir, "bars.csv", HEADER, "2024-01-02T14:30:00Z," + longSymbol + ",1,1,1,1,1", "2024-01-02T14:30:00Z,A,1,1,1,1,1");
        assertThat(drain(CsvBarSource.open(file))).extracting(m -> m.symbol().value()).containsExactly(longSymbol, "A");
    }

    @Test
    void returnsNullAfterClose() {
        Path file = write(dir, "bars.csv", HEADER, "2024-01-02T14:30:00Z,A,1,1,1,1,1");
        CsvBarSource source = CsvBarSource.open(file);
        source.close();
        assertThat(source.next()).isNull();
    }
}
