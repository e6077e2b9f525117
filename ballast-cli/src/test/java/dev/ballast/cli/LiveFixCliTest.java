package dev.ballast.cli;

import dev.ballast.adapter.fix.FixTestVenue;
import dev.ballast.model.Price;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballast live examples/live-fix.yaml} end to end, in a child JVM, against a FIX 4.4 venue (a QuickFIX/J
 * acceptor) in this JVM at the port {@code BALLAST_FIX_PORT} names: the venue is reconciled before the first order,
 * every order reaches the venue once under this run's prefix, and the run's books equal the venue's.
 */
@Tag("system") // a child JVM and a FIX session: run by Failsafe (./mvnw verify)
class LiveFixCliTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "live-fix.yaml");

    @TempDir
    Path dir;

    @Test
    void theLiveFixExampleTradesThroughTheVenueAndEndsWithTheVenuesBooks() throws Exception {
        try (FixTestVenue venue = new FixTestVenue(dir.resolve("venue"))) {
            firstCloses().forEach(venue::setPrice);
            Path run = dir.resolve("run");

            String log = live(venue, run, "live", EXAMPLE.toString(), "--out", run.toString(), "-q");

            assertThat(log).contains("Venue fix reconciled before the first order").contains("Live run (fix) live-fix")
                    .doesNotContain("Exception").as("no library log lines on the terminal").doesNotContain("INFO:");
            String prefix = Files.readString(run.resolve("venue").resolve("order-id-prefix")).strip();
            List<String> sent = new ArrayList<>();
            for (Message order : venue.received("D")) sent.add(order.getString(ClOrdID.FIELD));
            assertThat(sent).as("the SMA crossover trades").hasSizeGreaterThan(20);
            assertThat(new HashSet<>(sent)).as("no client order id reaches the venue twice").hasSize(sent.size());
            assertThat(sent).allMatch(id -> id.startsWith(prefix));
            Map<String, Integer> byStatus = LiveBooks.orderStatuses(run);
            assertThat(byStatus.keySet()).as("every order sent filled; the others were denied by risk before the venue")
                    .isSubsetOf("FILLED", "DENIED");
            assertThat(byStatus.get("FILLED")).as(byStatus.toString()).isEqualTo(sent.size());
            assertThat(LiveBooks.netPositions(run)).as("the run's fills add up to what the venue filled").isEqualTo(LiveBooks.venueNet(venue));
            CliRun verify = CliRun.of("audit", "verify", run.toString());
            assertThat(verify.exitCode()).as(verify.out()).isZero();
        }
    }

    @Test
    void aVenueThatDoesNotAnswerTheStatusQueryLeavesTheAccountHaltedAndSendsNothing() throws Exception {
        try (FixTestVenue venue = new FixTestVenue(dir.resolve("venue"))) {
            firstCloses().forEach(venue::setPrice);
            venue.goSilent();
            Path config = dir.resolve("live-fix.yaml");
            Files.writeString(config, Files.readString(EXAMPLE)
                    .replace("files: [data/daily-5.csv]", "files: [" + EXAMPLE.toAbsolutePath().getParent().resolve("data/daily-5.csv") + "]")
                    .replace("queryTimeoutMs: 10000", "queryTimeoutMs: 2000"));
            Path run = dir.resolve("run");

            String log = live(venue, run, "live", config.toString(), "--out", run.toString(), "-q");

            assertThat(log).contains("Venue fix NOT reconciled, account HALTED: broker state unknown")
                    .contains("it is not taken for flat");
            assertThat(venue.received("D")).as("unknown is never flat: no order goes out").isEmpty();
        }
    }

    /** Runs {@code ballast ARGS} in a child JVM pointed at the venue; returns its output after a clean exit. */
    private String live(FixTestVenue venue, Path run, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("live-" + System.nanoTime() + ".log");
        Process child = ChildRuns.start(log, List.of(args), Map.of("BALLAST_FIX_PORT", Integer.toString(venue.port())));
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the live run ends").isTrue();
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(run.resolve("results.json")).exists();
        return output;
    }

    /** The first close of each symbol of the example's data: the venue's price for market orders. */
    static Map<Symbol, Price> firstCloses() throws IOException {
        Map<Symbol, Price> closes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(EXAMPLE.getParent().resolve("data").resolve("daily-5.csv")).subList(1, 6)) {
            String[] cells = line.split(",");
            closes.putIfAbsent(Symbol.of(cells[1]), Price.of(cells[5]));
        }
        return closes;
    }

}
