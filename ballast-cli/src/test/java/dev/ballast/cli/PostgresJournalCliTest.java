package dev.ballast.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import dev.ballast.model.ClientOrderId;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest journaled into a real PostgreSQL (embedded, started here): the run points to its journal from
 * journal.properties, {@code audit verify} finds and checks it, and an UPDATE of one payload is caught.
 */
@Tag("system") // embedded PostgreSQL: run by Failsafe (./mvnw verify)
class PostgresJournalCliTest {
    /** Set by the build (surefire) for this test: named as passwordEnv, so its value must appear nowhere. */
    private static final String PASSWORD_ENV = "BALLAST_TEST_JOURNAL_PASSWORD";
    private static final Logger QUIET_SERVER = Logger.getLogger("io.zonky");
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        QUIET_SERVER.setLevel(Level.WARNING);
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        pg.close();
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    private Path config(String journal) throws IOException {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "3", "--bars", "200", "--seed", "11", "--out",
                dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, CliTest.config(journal));
        return config;
    }

    private static Properties pointer(Path out) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(out.resolve("journal.properties"))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void backtestJournaledIntoPostgresVerifiesAndAnEditedPayloadIsCaught() throws Exception {
        String password = System.getenv(PASSWORD_ENV);
        assertThat(password).as("set by the build for this test").isNotBlank();
        Path config = config("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres, passwordEnv: "
                + PASSWORD_ENV + "}}\n");

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path out = dir.resolve("out");
        Properties p = pointer(out);
        assertThat(p.getProperty("store")).isEqualTo("postgres");
        assertThat(p.getProperty("url")).isEqualTo(url());
        assertThat(p.getProperty("mode")).isEqualTo("BACKTEST");
        // a run folder names the run, never who connects nor with which secret
        assertThat(p.getProperty("user")).isNull();
        assertThat(p.getProperty("passwordEnv")).isNull();
        String runId = p.getProperty("runId");
        assertThat(runId).startsWith("out-").hasSizeGreaterThan("out-".length() + 30);
        assertThat(out.resolve("journal")).doesNotExist();
        assertThat(run.out()).contains("Journal", "postgres " + url() + " run " + runId);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(password);
            }
        }

        CliRun verify = CliRun.of("audit", "verify", out.toString(), "--config", config.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("OK: ").contains("records, hash chain intact");
        CliRun byFlags = CliRun.of("audit", "verify", out.toString(), "--journal-url", url(), "--journal-user", "postgres",
                "--journal-password-env", PASSWORD_ENV);
        assertThat(byFlags.exitCode()).as(byFlags.err()).isZero();

        try (Connection c = pg.getPostgresDatabase().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE journal_record SET payload = payload || '\\x20'::bytea"
                     + " WHERE run_id = ? AND sequence = 5")) {
            s.setString(1, runId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        CliRun tampered = CliRun.of("audit", "verify", out.toString(), "--config", config.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.out()).contains("BAD at sequence 5", "HASH_MISMATCH");
    }

    @Test
    void aPaperRunJournaledInPostgresIsResumedFromItAfterAKill() throws Exception {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "5", "--bars", "1500", "--interval", "5m", "--out",
                dir.resolve("data.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        String example = Files.readString(Path.of("..", "examples", "sma-crossover.yaml"));
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, example.replace("files: [data/daily-5.csv]", "files: [data.csv]")
                .replaceAll("output: [^\\n]*", "output: out")
                .replace("staleDataMs: 604800000", "staleDataMs: 6048000000")
                // on a loaded machine the strategy's first callback can pass 50 ms and quarantine it: no orders
                .replace("callbackBudgetMs: 50", "callbackBudgetMs: 5000")
                + "\njournal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres, passwordEnv: "
                + PASSWORD_ENV + "}}\n");
        Path out = dir.resolve("out");

        Process child = ChildRuns.start(dir, "paper", config.toString(), "--out", out.toString(), "-q");
        ChildRuns.waitForOrders(child, out, 20);
        ChildRuns.kill(child);
        List<ClientOrderId> beforeCrash = ChildRuns.venueOrders(out);

        CliRun withoutConfig = CliRun.of("paper", "--resume", out.toString(), "-q");
        assertThat(withoutConfig.exitCode()).isEqualTo(2);
        assertThat(withoutConfig.err()).contains("give the configuration it started with");
        CliRun resumed = CliRun.of("paper", "--resume", out.toString(), config.toString(), "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("broker reconciled").contains("postgres " + url());
        List<ClientOrderId> received = ChildRuns.venueOrders(out);
        assertThat(new HashSet<>(received)).as("no client order id reaches the venue twice").hasSize(received.size());
        assertThat(received).startsWith(beforeCrash.toArray(ClientOrderId[]::new));
        assertThat(out.resolve("journal")).doesNotExist();
        assertThat(CliRun.of("audit", "verify", out.toString(), "--config", config.toString()).exitCode()).isZero();
        CliRun replay = CliRun.of("audit", "replay", out.toString(), "--config", config.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
    }

    @Test
    void eachRunHasItsOwnRunIdAndAFileRunAfterwardsDropsThePointer() throws Exception {
        Path config = config("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres}}\n");
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();
        String first = pointer(dir.resolve("out")).getProperty("runId");
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();
        String second = pointer(dir.resolve("out")).getProperty("runId");
        assertThat(second).isNotEqualTo(first);
        assertThat(CliRun.of("audit", "verify", dir.resolve("out").toString(), "--config", config.toString()).exitCode())
                .isZero();

        Files.writeString(config, CliTest.config(""));
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();
        assertThat(dir.resolve("out").resolve("journal.properties")).doesNotExist();
        CliRun verify = CliRun.of("audit", "verify", dir.resolve("out").toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("OK");
    }

    @Test
    void badPostgresSettingsAreRefusedNamingTheKey() throws IOException {
        assertRefused("journal: {store: postgres}\n", "journal.postgres: is required");
        assertRefused("journal: {store: postgres, postgres: {url: \"jdbc:mysql://h/db\", user: u}}\n",
                "journal.postgres.url: must be a PostgreSQL JDBC URL");
        assertRefused("journal: {store: postgres, postgres: {url: \"" + url() + "?password=x\", user: u}}\n",
                "journal.postgres.url: must not hold the password");
        assertRefused("journal: {store: postgres, postgres: {url: \"" + url() + "\"}}\n", "journal.postgres.user: is required");
        assertRefused("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: u, passwordEnv: BALLAST_NO_SUCH_VAR_1}}\n",
                "journal.postgres.passwordEnv: the environment variable BALLAST_NO_SUCH_VAR_1 is not set");
        assertRefused("journal: {store: postgres, fsync: never, postgres: {url: \"" + url() + "\", user: u}}\n",
                "journal.fsync: applies to the file store");
        assertRefused("journal: {store: sqlite}\n", "journal.store: 'sqlite' is not one of: file, postgres");
        assertRefused("journal: {postgres: {url: \"" + url() + "\", user: u}}\n", "journal.postgres: is only used with store: postgres");
        assertRefused("journal: {store: postgres, postgres: {url: \"jdbc:postgresql://127.0.0.1:1/none\", user: u}}\n",
                "journal.postgres: cannot connect to the journal database");
    }

    private void assertRefused(String journal, String message) throws IOException {
        CliRun run = CliRun.of("backtest", "-q", config(journal).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("run.yaml: " + message);
    }

    @Test
    void missingRunOfAPointerIsAUserError() throws IOException, SQLException {
        Path out = Files.createDirectories(dir.resolve("gone"));
        Files.writeString(out.resolve("journal.properties"), "store=postgres\nurl=" + url().replace(":", "\\:")
                + "\nuser=postgres\nrunId=never-written\n");
        // the table exists once any run has been journaled
        Path config = config("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres}}\n");
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();
        CliRun verify = CliRun.of("audit", "verify", out.toString(), "--journal-url", url(), "--journal-user", "postgres");
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).contains("no journal records for run never-written");
    }

    @Test
    void aPointerIsFollowedOnlyToTheDatabaseTheUserGave() throws IOException {
        Path config = config("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres}}\n");
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();
        Path out = dir.resolve("out");
        CliRun other = CliRun.of("audit", "verify", out.toString(), "--journal-url",
                "jdbc:postgresql://localhost:" + pg.getPort() + "/other", "--journal-user", "postgres");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("names the database localhost:" + pg.getPort() + "/postgres, not the one given");
    }

    @Test
    void aFailedStartKeepsThePreviousRunsPointer() throws IOException {
        Path config = config("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres}}\n");
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();
        String before = Files.readString(dir.resolve("out").resolve("journal.properties"));

        Files.writeString(config, CliTest.config("journal: {store: postgres, postgres: {url: "
                + "\"jdbc:postgresql://127.0.0.1:1/none\", user: u}}\n"));
        CliRun failed = CliRun.of("backtest", "-q", config.toString());

        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.err()).contains("cannot connect to the journal database");
        assertThat(dir.resolve("out").resolve("journal.properties")).hasContent(before);
    }

    /**
     * The journal store fails mid-run (a trigger refuses this run's records after the 50th, as a full disk or a lost
     * database would): the account halts, the results are still written, and the run exits with 8, not 0.
     */
    @Test
    void aJournalFailingMidRunExitsWithJournalFailed() throws Exception {
        Path config = config("journal: {store: postgres, postgres: {url: \"" + url() + "\", user: postgres}}\n");
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero(); // creates the table
        try (Connection c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION refuse_failing_runs() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.run_id LIKE 'failing-%' AND NEW.sequence > 50 THEN RAISE EXCEPTION 'no space left (test)'; "
                    + "END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER refuse_failing_runs BEFORE INSERT ON journal_record FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse_failing_runs()");
        }
        try {
            Path out = dir.resolve("failing");
            CliRun run = CliRun.of("backtest", "-q", config.toString(), "--out", out.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(BallastCli.JOURNAL_FAILED);
            assertThat(run.err()).contains("the journal failed during the run", "JOURNAL_FAILURE");
            assertThat(out.resolve("results.json")).exists();
        } finally {
            try (Connection c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("DROP TRIGGER refuse_failing_runs ON journal_record");
            }
        }
    }
}
