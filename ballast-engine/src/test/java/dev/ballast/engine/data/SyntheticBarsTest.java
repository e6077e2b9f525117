package dev.ballast.engine.data;

import static dev.ballast.engine.data.CsvFiles.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticBarsTest {
    @TempDir
    Path dir;

    private static SyntheticBars.Builder turbulent() {
        // High volatility and frequent regime switches so the invariants meet awkward cases.
        return SyntheticBars.builder().symbols(5).barsPerSymbol(20_000).volatility(0.01, 0.08).regimeSwitching(0.05, 0.1).initialPrice(2);
    }

    @Test
    void sameSeedGivesTheSameBarsAndTheSameBytes() throws Exception {
        Bar[] first = turbulent().seed(7).build().toArray();
        Bar[] second = turbulent().seed(7).build().toArray();
        assertThat(second).containsExactly(first);
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CsvBarWriter.writeMultiSymbol(a, List.of(first));
        CsvBarWriter.writeMultiSymbol(b, turbulent().seed(7).build());
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
    }

    @Test
    void differentSeedGivesDifferentBars() {
        assertThat(turbulent().seed(1).build().toArray()).isNotEqualTo(turbulent().seed(2).build().toArray());
    }

    @Test
    void barsAreConsistentPositiveAndOnTheTick() {
        for (Bar bar : turbulent().seed(11).build()) {
            assertThat(bar.low().raw()).isGreaterThanOrEqualTo(SyntheticBars.TICK_RAW);
            assertThat(bar.low().raw()).isLessThanOrEqualTo(Math.min(bar.open().raw(), bar.close().raw()));
            assertThat(bar.high().raw()).isGreaterThanOrEqualTo(Math.max(bar.open().raw(), bar.close().raw()));
            for (long raw : new long[] {bar.open().raw(), bar.high().raw(), bar.low().raw(), bar.close().raw()}) {
                assertThat(raw % SyntheticBars.TICK_RAW).isZero();
            }
            assertThat(bar.volume().isPositive()).isTrue();
        }
    }

    @Test
    void interleavesSymbolsByTimeAtTheConfiguredInterval() {
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        List<Symbol> names = List.of(Symbol.of("X"), Symbol.of("Y"));
        Bar[] bars = SyntheticBars.builder().symbols(names).barsPerSymbol(3).start(start).interval(Duration.ofSeconds(5)).build().toArray();
        assertThat(bars).extracting(b -> b.symbol().value()).containsExactly("X", "Y", "X", "Y", "X", "Y");
        long t0 = start.getEpochSecond() * 1_000_000_000L;
        assertThat(bars).extracting(Bar::timestamp).containsExactly(t0, t0, t0 + 5_000_000_000L, t0 + 5_000_000_000L,
                t0 + 10_000_000_000L, t0 + 10_000_000_000L);
    }

    @Test
    void namesSymbolsSequentiallyByDefault() {
        assertThat(SyntheticBars.builder().symbols(3).build().symbols()).extracting(Symbol::value).containsExactly("SYM000", "SYM001", "SYM002");
    }

    @Test
    void opensEachSymbolAtThePreviousClose() {
        Bar[] bars = SyntheticBars.builder().symbols(1).barsPerSymbol(100).build().toArray();
        for (int i = 1; i < bars.length; i++) assertThat(bars[i].open()).isEqualTo(bars[i - 1].close());
    }

    @Test
    void volumeRisesWithTheSizeOfTheMove() {
        Bar[] bars = SyntheticBars.builder().symbols(1).barsPerSymbol(50_000).seed(5).build().toArray();
        double sumMoveTimesVolume = 0;
        double sumMove = 0;
        double sumVolume = 0;
        double sumMoveSquared = 0;
        double sumVolumeSquared = 0;
        for (Bar bar : bars) {
            double move = Math.abs(Math.log(bar.close().toDouble() / bar.open().toDouble()));
            double volume = Math.log(bar.volume().toDouble());
            sumMove += move;
            sumVolume += volume;
            sumMoveTimesVolume += move * volume;
            sumMoveSquared += move * move;
            sumVolumeSquared += volume * volume;
        }
        int n = bars.length;
        double covariance = sumMoveTimesVolume / n - (sumMove / n) * (sumVolume / n);
        double correlation = covariance / Math.sqrt((sumMoveSquared / n - Math.pow(sumMove / n, 2)) * (sumVolumeSquared / n - Math.pow(sumVolume / n, 2)));
        assertThat(correlation).isGreaterThan(0.2);
    }

    @Test
    void multiSymbolCsvReadsBackToIdenticalBars() {
        Bar[] bars = turbulent().seed(13).barsPerSymbol(2_000).build().toArray();
        Path file = dir.resolve("bars.csv");
        CsvBarWriter.writeMultiSymbol(file, List.of(bars));
        assertThat(drain(CsvBarSource.open(file))).containsExactly((MarketData[]) bars);
    }

    @Test
    void perSymbolCsvFilesReadBackToIdenticalBars() {
        SyntheticBars synthetic = turbulent().seed(17).barsPerSymbol(2_000).start(Instant.parse("2024-01-02T14:30:00.250Z")).build();
        Map<Symbol, Path> files = CsvBarWriter.writePerSymbol(dir, synthetic);
        assertThat(files.values()).extracting(p -> p.getFileName().toString())
                .containsExactly("SYM000.csv", "SYM001.csv", "SYM002.csv", "SYM003.csv", "SYM004.csv");
        List<MarketData> read = new ArrayList<>();
        for (Path file : files.values()) read.addAll(drain(CsvBarSource.open(file)));
        List<Bar> expected = new ArrayList<>();
        for (Symbol symbol : files.keySet()) {
            for (Bar bar : synthetic) if (bar.symbol().equals(symbol)) expected.add(bar);
        }
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void formatsDecimalsExactlyWithoutTrailingZeros() {
        StringBuilder text = new StringBuilder();
        for (long raw : new long[] {0, 1, 100_000_000, 12_345_000_000L, -50_000_000, 101_000_000_01L}) {
            CsvBarWriter.appendDecimal(text, raw);
            text.append(' ');
        }
        assertThat(text).hasToString("0 0.00000001 1 123.45 -0.5 101.00000001 ");
    }
}
