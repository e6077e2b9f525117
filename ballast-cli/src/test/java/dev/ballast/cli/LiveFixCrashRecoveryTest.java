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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live run against a FIX venue, killed with SIGKILL at a random moment while it trades, then resumed with
 * {@code ballast live --resume}: no client order id reaches the venue twice, no fill is lost or booked twice (fills the
 * venue sent while the run was dead, and fills received but not yet journaled when it died, arrive again by the
 * session's resend), orders journaled whose messages never left are closed, the venue reconciles, the run trades on,
 * and its books equal the venue's. One moment is still resolved by halting (see the test).
 */
@Tag("system") // child JVMs killed and resumed against a FIX session: run by Failsafe (./mvnw verify)
class LiveFixCrashRecoveryTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "live-fix.yaml");
    private static final Pattern CLOSED = Pattern.compile("never left before the crash were closed .*?, never sent: (.*)");
    private static final Pattern HALTED = Pattern.compile("broker NOT reconciled, account HALTED: (.*)");
    private static final Pattern NOT_AT_VENUE = Pattern.compile(
            "order (\\S+) is open in the engine \\(\\w+\\) but not working at the broker");

    @TempDir
    Path dir;

    @Test
    void aLiveRunKilledWhileItTradesResumesWithNothingSentTwiceAndTheVenuesBooks() throws Exception {
        long seed = System.nanoTime();
        String why = "seed " + seed;
        Random random = new Random(seed);
        try (FixTestVenue venue = new FixTestVenue(dir.resolve("venue"))) {
            for (Map.Entry<Symbol, Price> price : LiveFixCliTest.firstCloses().entrySet()) venue.setPrice(price.getKey(), price.getValue());
            Path config = exampleCopy();
            Path run = dir.resolve("run");
            Map<String, String> env = Map.of("BALLAST_FIX_PORT", Integer.toString(venue.port()));

            Process first = ChildRuns.start(dir.resolve("first.log"), List.of("live", config.toString(), "--out", run.toString(), "-q"), env);
            int killAfter = 3 + random.nextInt(30);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (venue.received("D").size() < killAfter && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(first.isAlive()).as(why + ": the run still trades when it is killed; "
                    + Files.readString(dir.resolve("first.log"))).isTrue();
            ChildRuns.kill(first);
            // The venue sees the connection end after every byte sent before it: what it received is then complete.
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (venue.isLoggedOn() && System.nanoTime() < gone) Thread.sleep(5);
            assertThat(venue.isLoggedOn()).as(why + ": the venue saw the killed run go").isFalse();
            int atKill = venue.received("D").size();

            Path log = dir.resolve("resume.log");
            Process resumed = ChildRuns.start(log, List.of("live", "--resume", run.toString(), "-q"), env);
            assertThat(resumed.waitFor(300, TimeUnit.SECONDS)).as(why + ": the resume ends").isTrue();
            String output = Files.readString(log);
            assertThat(resumed.exitValue()).as(why + ": " + output).isZero();
            List<String> sent = new ArrayList<>();
            for (Message order : venue.received("D")) sent.add(order.getString(ClOrdID.FIELD));
            assertThat(new HashSet<>(sent)).as(why + ": no client order id reaches the venue twice").hasSize(sent.size());
            List<String> tradeIds = LiveBooks.tradeIds(run);
            assertThat(new HashSet<>(tradeIds)).as(why + ": no fill is booked twice").hasSize(tradeIds.size());
            Matcher halted = HALTED.matcher(output);
            if (halted.find()) {
                // Killed in the one moment left: the adapter had written the order to its list of sent orders (which
                // comes first) and its message had not left yet. The venue never had it, but the adapter cannot prove
                // it, and an order the venue filled and forgot looks the same: the resume fails closed, halted,
                // naming the order, nothing sent. (Killed any earlier, the order was never on that list: the resume
                // rejects it and trades on, below.) Nothing else may differ.
                for (String difference : halted.group(1).split("; ")) {
                    Matcher notAtVenue = NOT_AT_VENUE.matcher(difference);
                    assertThat(notAtVenue.matches()).as(why + ": the only difference is an order that never left: "
                            + difference + "\nresume:\n" + output + "\nkilled run:\n" + Files.readString(dir.resolve("first.log")))
                            .isTrue();
                    String order = LiveBooks.venuePrefix(run) + notAtVenue.group(1);
                    assertThat(sent).as(why + ": " + order + " never reached the venue").doesNotContain(order);
                }
                assertThat(sent).as(why + ": a halted resume sends nothing").hasSize(atKill);
            } else {
                // A fill the adapter had received when the kill came, before the journal held it, is asked of the
                // venue again (the session is set back to the last message the journal holds): the venue reconciles.
                assertThat(output).as(why).contains("broker reconciled");
                assertThat(sent.size()).as(why + ": the resume traded on: " + output).isGreaterThan(atKill);
                // Orders journaled whose messages never left (queued behind the rate limit at the kill) are rejected
                // or canceled by the resume, never sent.
                Map<String, Integer> byStatus = LiveBooks.orderStatuses(run);
                assertThat(byStatus.keySet()).as(why + ": " + byStatus).isSubsetOf("FILLED", "DENIED", "REJECTED", "CANCELED");
                List<String> rejectedOrCanceled = LiveBooks.orderIds(run, "REJECTED", "CANCELED");
                for (String closed : rejectedOrCanceled) {
                    assertThat(sent).as(why + ": " + closed + " was closed by the resume, never sent").doesNotContain(LiveBooks.venuePrefix(run) + closed);
                }
                // Nothing else rejects or cancels here (the venue fills every order): those are the resume's, and it
                // names them.
                Matcher closedLine = CLOSED.matcher(output);
                if (!rejectedOrCanceled.isEmpty()) {
                    assertThat(closedLine.find()).as(why + ": the resume names the orders it closed: " + output).isTrue();
                    assertThat(List.of(closedLine.group(1).strip().split(", "))).as(why)
                            .containsExactlyInAnyOrderElementsOf(rejectedOrCanceled);
                }
                assertThat(byStatus.get("FILLED")).as(why + ": every order the venue filled is filled in the run, once")
                        .isEqualTo(sent.size());
                assertThat(LiveBooks.netPositions(run)).as(why + ": the run's fills are the venue's").isEqualTo(LiveBooks.venueNet(venue));
            }
            CliRun verify = CliRun.of("audit", "verify", run.toString());
            assertThat(verify.exitCode()).as(why + ": " + verify.out()).isZero();
        }
    }

    /** The example, its data path absolute (the copy is elsewhere); at max speed it trades for several seconds. */
    private Path exampleCopy() throws IOException {
        Path config = dir.resolve("live-fix.yaml");
        Files.writeString(config, Files.readString(EXAMPLE)
                .replace("files: [data/daily-5.csv]", "files: [" + EXAMPLE.toAbsolutePath().normalize().getParent()
                        .resolve("data/daily-5.csv") + "]"));
        return config;
    }

}
