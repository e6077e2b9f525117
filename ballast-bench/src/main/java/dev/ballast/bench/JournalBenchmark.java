package dev.ballast.bench;

import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Journal throughput, embedded store: records per second through {@link JournalWriter} (queue, writer thread,
 * SHA-256 chain, group commit) into a {@link FileJournalStore} (CRC frames, 64 MiB segments), with fsync NEVER
 * and INTERVAL (100 ms). One operation is a batch of {@value #BATCH} records appended on the calling thread
 * (the engine thread's role) and waited for with {@code awaitDurable}, so the figure is end to end: a record
 * counts once it is stored. Payloads are a Fill's canonical encoding (about 200 bytes), pre-encoded, so the
 * figure is the journal's, not the codec's ({@code codecFill} measures that alone).
 * Run: {@code java -jar ballast-bench.jar JournalBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JournalBenchmark {
    static final int BATCH = 10_000;

    @Param({"NEVER", "INTERVAL"})
    public String fsync;

    private Path dir;
    private FileJournalStore store;
    private JournalWriter writer;
    private byte[] payload;
    private Fill fill;
    private long engineTime;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("ballast-journal-bench");
        FsyncPolicy policy = fsync.equals("NEVER") ? FsyncPolicy.never() : FsyncPolicy.interval(Duration.ofMillis(100));
        store = FileJournalStore.open(dir, policy);
        writer = new JournalWriter(store, 1 << 17, 8192);
        fill = new Fill(ClientOrderId.of("sma.1-42"), "T-000042", Symbol.of("AAPL"), OrderSide.BUY,
                Quantity.ofUnits(100), Price.of("187.25"), Money.of("1.00"), 1_700_000_000_000_000_000L);
        payload = RecordCodec.encode(fill);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
        store.close();
        if (writer.failure() != null) throw new IllegalStateException("journal failed", writer.failure());
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long journalRecords() throws Exception {
        engineTime += BATCH;
        return appendBatch(writer, engineTime - BATCH, payload);
    }

    /** Appends {@value #BATCH} records (engine times after {@code engineTime}) and waits until they are stored. */
    static long appendBatch(JournalWriter writer, long engineTime, byte[] payload) throws Exception {
        long last = 0;
        for (int i = 1; i <= BATCH; i++) {
            last = writer.append(engineTime + i, "Fill", payload);
            if (last < 0) throw new IllegalStateException("journal refused a record", writer.failure());
        }
        writer.awaitDurable(last, Duration.ofSeconds(60));
        return last;
    }

    /** As {@link #journalRecords}, but appending the Fill event itself: encoding included, wherever the writer does it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long journalEvents() throws Exception {
        long last = 0;
        for (int i = 0; i < BATCH; i++) {
            last = writer.append(++engineTime, fill);
            if (last < 0) throw new IllegalStateException("journal refused a record", writer.failure());
        }
        writer.awaitDurable(last, Duration.ofSeconds(30));
        return last;
    }

    @Benchmark
    public byte[] codecFill() {
        return RecordCodec.encode(fill);
    }
}
