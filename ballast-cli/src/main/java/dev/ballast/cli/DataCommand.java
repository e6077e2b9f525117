package dev.ballast.cli;

import dev.ballast.engine.data.CsvBarWriter;
import dev.ballast.engine.data.SyntheticBars;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ballast data ...}: market data utilities. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Market data utilities.",
        subcommands = {DataCommand.Synth.class})
final class DataCommand {

    /** {@code ballast data synth}: seeded synthetic bars for demos and benchmarks. */
    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Write seeded synthetic OHLCV bars (random walk with volatility regimes and realistic volume).")
    static final class Synth implements Callable<Integer> {
        @Option(names = "--symbols", defaultValue = "10", description = "Number of symbols (default: ${DEFAULT-VALUE}).")
        int symbols;

        @Option(names = "--bars", defaultValue = "2520", description = "Bars per symbol (default: ${DEFAULT-VALUE}).")
        long bars;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed writes the same file (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--interval", defaultValue = "1d", description = "Bar interval: 1d, 1h, 5m, 30s, or ISO-8601 (PT1M) (default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--start", defaultValue = "2015-01-02", description = "First bar: a date or an ISO instant (default: ${DEFAULT-VALUE}).")
        String start;

        @Option(names = "--out", required = true, description = "Output CSV file, or a folder with --per-symbol.")
        Path out;

        @Option(names = "--per-symbol", description = "Write one file per symbol (SYMBOL.csv, no symbol column) into --out.")
        boolean perSymbol;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (symbols < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--symbols must be at least 1, was " + symbols);
            if (bars < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--bars must be at least 1, was " + bars);
            SyntheticBars synthetic = SyntheticBars.builder().seed(seed).symbols(symbols).barsPerSymbol(bars)
                    .start(parseStart()).interval(parseInterval()).build();
            try {
                if (perSymbol) {
                    Files.createDirectories(out);
                    CsvBarWriter.writePerSymbol(out, synthetic);
                } else {
                    if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
                    CsvBarWriter.writeMultiSymbol(out, synthetic);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            System.out.printf(Locale.ROOT, "wrote %,d bars (%d symbols x %,d) to %s%n", symbols * bars, symbols, bars, out);
            return 0;
        }

        private Duration parseInterval() {
            String text = interval.trim().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("p")) return positive(Duration.parse(text.toUpperCase(Locale.ROOT)));
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return positive(switch (text.charAt(text.length() - 1)) {
                    case 'd' -> Duration.ofDays(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 's' -> Duration.ofSeconds(amount);
                    default -> throw new NumberFormatException();
                });
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--interval must look like 1d, 1h, 5m, 30s or PT1M, was '" + interval + "'");
            }
        }

        private static Duration positive(Duration duration) {
            if (duration.isNegative() || duration.isZero()) throw new NumberFormatException();
            return duration;
        }

        private Instant parseStart() {
            try {
                return start.length() == 10 ? LocalDate.parse(start).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--start must be a date (2015-01-02) or an ISO instant (2015-01-02T14:30:00Z), was '" + start + "'");
            }
        }
    }
}
