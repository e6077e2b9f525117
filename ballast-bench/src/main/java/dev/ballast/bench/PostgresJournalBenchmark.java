package dev.ballast.bench;

import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.journal.postgres.PostgresConnection;
import dev.ballast.journal.postgres.PostgresJournalStore;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Journal throughput, PostgreSQL store: records per second through {@link JournalWriter} (queue, writer thread,
 * SHA-256 chain, group commit) into a {@link PostgresJournalStore} (one binary COPY and one synchronous commit per
 * batch) on a PostgreSQL 14 server started in {@code @Setup} on this machine, with {@code fsync=on} so that every
 * commit reaches the disk. One operation is a batch of {@value JournalBenchmark#BATCH} records appended on the calling thread and
 * waited for with {@code awaitDurable}, as in {@link JournalBenchmark}: a record counts once it is committed.
 * Run: {@code java -jar ballast-bench.jar PostgresJournalBenchmark -f 1 -wi 2 -i 3}
 * (or {@code run-benchmarks.sh --postgres}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PostgresJournalBenchmark {
    /** The embedded server narrates initdb at INFO; held because java.util.logging keeps loggers weakly. */
    private static final Logger QUIET_SERVER = Logger.getLogger("io.zonky");

    private EmbeddedPostgres pg;
    private PostgresJournalStore store;
    private JournalWriter writer;
    private byte[] payload;
    private long engineTime;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        QUIET_SERVER.setLevel(java.util.logging.Level.WARNING);
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on").start();
        store = PostgresJournalStore.open(new PostgresConnection("jdbc:postgresql://localhost:" + pg.getPort()
                + "/postgres", "postgres", null), "bench-" + System.nanoTime());
        writer = new JournalWriter(store, 1 << 17, 8192);
        payload = RecordCodec.encode(new Fill(ClientOrderId.of("sma.1-42"), "T-000042", Symbol.of("AAPL"), OrderSide.BUY,
                Quantity.ofUnits(100), Price.of("187.25"), Money.of("1.00"), 1_700_000_000_000_000_000L));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
        store.close();
        pg.close();
        if (writer.failure() != null) throw new IllegalStateException("journal failed", writer.failure());
    }

    @Benchmark
    @OperationsPerInvocation(JournalBenchmark.BATCH)
    public long journalRecords() throws Exception {
        engineTime += JournalBenchmark.BATCH;
        return JournalBenchmark.appendBatch(writer, engineTime - JournalBenchmark.BATCH, payload);
    }
}
