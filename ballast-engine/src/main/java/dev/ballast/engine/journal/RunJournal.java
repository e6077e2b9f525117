package dev.ballast.engine.journal;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import dev.ballast.engine.journal.codec.JournalSchema;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalHead;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Event;
import dev.ballast.model.event.JournalFailed;
import dev.ballast.model.event.OpenOrdersOnStop;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * A run's audit trail: journals the run start, every input event the engine handles (strategy requests, broker
 * reports, operator commands, system events; market data only when asked) and every {@link EngineEvent} (order
 * state changes, risk approvals and denials, fills booked, quarantines, trading-state changes, anomalies,
 * alerts), each with its own timestamp as engine time, in the order the engine thread saw them.
 *
 * <p>Fail safe: when the journal cannot be written, {@link #onFailure} listeners are told; the engine
 * ({@code TradingEngine.attachJournal}) posts a {@link JournalFailed} system event and halts the account (Ballast never trades unaudited). Everything here except {@link #close} runs on the
 * engine thread.
 */
public final class RunJournal implements EngineEventListener, Consumer<Event>, AutoCloseable {
    /** One strategy of the run: its id, class and the hash of the document that configured it (or null). */
    public record StrategyInfo(String id, String className, String documentHash) {
    }

    /**
     * The first record of a run's journal: what ran, and with what.
     *
     * @param configFile   the run configuration's absolute path (a resume reads it again)
     * @param configSha256 its SHA-256, so that a resume refuses a configuration changed since
     * @param speed        the paper replay speed ("max", "1", ...), null for a backtest
     */
    public record RunStarted(String runName, String mode, List<StrategyInfo> strategies, String ballastVersion,
                             String javaVersion, boolean marketData, String fsync, String configFile,
                             String configSha256, String speed, long timestamp) {
        public RunStarted {
            strategies = List.copyOf(strategies);
        }
    }

    /**
     * Written when a run resumes after a restart, before its first new record: the records up to
     * {@code verifiedRecords} were matched by re-executing the run.
     */
    public record RunResumed(String runName, long verifiedRecords, String ballastVersion, String javaVersion,
                             long timestamp) {
    }

    /**
     * Where a real-time run was in its market data when the records after this one were made: {@code events}
     * data events handled, the last at engine time {@code time}. Written only when records follow new data, so
     * quiet data costs nothing; with it, a re-executed run knows where the journaled inputs fall in the feed.
     */
    public record DataPosition(long events, long time) {
    }

    /** What the engine tells the journal about its progress through the feed. */
    public interface DataProgress {
        long dataEvents();

        long lastDataTime();
    }

    /** A symbol's last price when the run ended. */
    public record Mark(Symbol symbol, Price price) {
    }

    /** An account position when the run ended (signed: negative is short). */
    public record Holding(Symbol symbol, Quantity quantity) {
    }

    /**
     * The last record of a run that ended normally: the marks it ended on and the account it left, so that a
     * replay of the journal's fills can be checked against it ({@link PortfolioReplay}).
     */
    public record RunFinished(String runName, String reason, List<Mark> marks, List<Holding> positions,
                              Money cash, Money realizedPnl,
                              Money fees, Money equity, long timestamp) {
        public RunFinished {
            marks = List.copyOf(marks);
            positions = List.copyOf(positions);
        }
    }

    /**
     * The last record of a run an operator or a signal stopped before its data ran out, in place of a
     * {@link RunFinished}: who stopped it and why, what happened to its open orders, and the account it left
     * ({@code end}, as a {@link RunFinished} would hold it, so that a replay of the fills checks against it). A stopped
     * run is over: {@code paper --resume} refuses it, as it refuses a finished one.
     */
    public record RunStopped(String operator, String reason, OpenOrdersOnStop openOrders, RunFinished end) {
        public long timestamp() {
            return end.timestamp();
        }
    }

    /** The journal's own record types besides the model's events. */
    public static final List<Class<? extends Record>> RUN_RECORDS = List.of(RunStarted.class, RunResumed.class,
            RunFinished.class, RunStopped.class, DataPosition.class, JournalSchema.class);

    /** A decoder for every record type a run journal holds. */
    @SuppressWarnings("unchecked")
    public static RecordDecoder decoder() {
        return new RecordDecoder(RUN_RECORDS.toArray(new Class[0]));
    }

    private final JournalWriter writer;
    private final JournalStore store;
    private final boolean marketData;
    private final Path directory;
    private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();
    // Set on the engine thread (an append that failed) or, by fail(), on a live gate's sender thread.
    private volatile boolean failed;
    private long lastSequence;
    private ObjLongConsumer<Event> inputRecorded;
    private LongSupplier inputTime;
    private DataProgress dataProgress;
    private long markedDataEvents;

    /** A journal over {@code writer}; {@code store} (may be null) is closed with it. */
    public RunJournal(JournalWriter writer, JournalStore store, boolean marketData, Path directory) {
        this.writer = writer;
        this.store = store;
        this.marketData = marketData;
        this.directory = directory;
    }

    /** Opens a new file journal in {@code directory}. */
    public static RunJournal open(Path directory, FsyncPolicy fsync, boolean marketData) {
        FileJournalStore store = FileJournalStore.open(directory, fsync);
        return new RunJournal(new JournalWriter(store), store, marketData, directory);
    }

    /** The layout of every record type a run journal holds (this build's), journaled after the run start. */
    public static JournalSchema schema() {
        return SchemaHolder.SCHEMA;
    }

    /**
     * The schema a journal holds (written after its run start), or null for a journal without one (written before
     * journals carried it) or one whose start cannot be read; the audit commands read payloads by it.
     */
    public static JournalSchema schemaOf(JournalStore store) {
        try {
            Iterator<JournalRecord> records = store.read(1);
            for (int i = 0; i < 2 && records.hasNext(); i++) {
                JournalRecord r = records.next();
                if (r.type().equals(JournalSchema.TYPE)) return (JournalSchema) decoder().decode(r.type(), r.payload());
            }
            return null;
        } catch (JournalException e) {
            return null; // a damaged start: the verification that follows reports it
        }
    }

    private static final class SchemaHolder {
        static final JournalSchema SCHEMA = decoder().schema();
    }

    /**
     * Records the run start, then the {@link JournalSchema} that makes the journal readable without this build's
     * classes; call before the first event.
     */
    public void start(RunStarted start) {
        append(start.timestamp(), start);
        append(start.timestamp(), schema());
    }

    /** A full queue waits for the writer instead of failing the journal (backtests; see {@link JournalWriter#waitWhenFull}). */
    public void waitWhenFull() {
        writer.waitWhenFull(true);
    }

    /** Records how the run ended (see {@link RunFinished}); call after the engine finished, before {@link #close}. */
    public void finished(RunFinished finished) {
        append(finished.timestamp(), finished);
    }

    /** Records that an operator or a signal stopped the run (see {@link RunStopped}); in place of {@link #finished}. */
    public void stopped(RunStopped stopped) {
        append(stopped.timestamp(), stopped);
    }

    /** Records that the run resumed after a restart (see {@link RunResumed}). */
    public void resumed(long engineTime, RunResumed resumed) {
        append(engineTime, resumed);
    }

    /**
     * Waits until record {@code sequence} is stored (write-ahead: call before acting on it outside the engine).
     * See {@link JournalWriter#awaitDurable}.
     */
    public void awaitDurable(long sequence, Duration timeout)
            throws TimeoutException, InterruptedException {
        writer.awaitDurable(sequence, timeout);
    }

    /**
     * Fails the journal from outside (a record that did not become durable in time): listeners are told once. Any
     * thread (a live venue's write-ahead gate waits on a thread of its own).
     */
    public synchronized void fail(String detail) {
        if (failed) return;
        failed = true;
        for (Consumer<String> l : failureListeners) l.accept(detail);
    }

    /** Whether market data is journaled (the engine passes it to {@link #accept} only then). */
    public boolean recordsMarketData() {
        return marketData;
    }

    /**
     * Registers {@code listener} for the journal's failure, with a one-line detail; called once, on the writer
     * thread or the engine thread. The engine posts a {@link JournalFailed} from it and halts the account.
     */
    public void onFailure(Consumer<String> listener) {
        failureListeners.add(listener);
        writer.onFailure(t -> listener.accept(detail(t)));
    }

    private static String detail(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Journals each input at the engine time it was taken ({@code engineTime}, read when it is recorded) rather than
     * its own timestamp, and, when {@code progress} is given (real-time runs), marks where in the feed the records
     * fall with {@link DataPosition}s. Call before the first record.
     */
    public void trackInputs(LongSupplier engineTime, DataProgress progress) {
        this.inputTime = engineTime;
        this.dataProgress = progress;
        this.markedDataEvents = progress == null ? 0 : progress.dataEvents();
    }

    /** An input event, before the engine handles it. */
    @Override
    public void accept(Event event) {
        markDataPosition();
        long sequence = append(inputTime != null ? inputTime.getAsLong() : event.timestamp(), (Record) event);
        if (sequence > 0 && inputRecorded != null) inputRecorded.accept(event, sequence);
    }

    /**
     * Tells {@code listener}, on the engine thread, of every input journaled and its record number (to wait for it to
     * be durable: see {@link #awaitDurable}). One listener; null removes it.
     */
    public void onInputRecorded(ObjLongConsumer<Event> listener) {
        this.inputRecorded = listener;
    }

    /** An engine event, as it is published. */
    @Override
    public void on(EngineEvent event) {
        markDataPosition();
        append(event.timestamp(), (Record) event);
    }

    private void markDataPosition() {
        if (dataProgress == null) return;
        long events = dataProgress.dataEvents();
        if (events == markedDataEvents) return;
        markedDataEvents = events;
        long time = dataProgress.lastDataTime();
        append(time, new DataPosition(events, time));
    }

    /** Appends a record; its number, or -1 when the journal has failed. */
    private long append(long engineTime, Record event) {
        if (failed) return -1;
        long sequence;
        try {
            sequence = writer.append(engineTime, event);
        } catch (RuntimeException e) {
            // An event without a canonical form cannot be journaled: that is a journal failure too.
            failed = true;
            String detail = "cannot journal " + event.getClass().getSimpleName() + ": " + e.getMessage();
            for (Consumer<String> l : failureListeners) l.accept(detail);
            return -1;
        }
        if (sequence < 0) {
            failed = true; // the writer has told its failure listeners
            return -1;
        }
        lastSequence = sequence;
        return sequence;
    }

    /** Whether the journal has failed (the account is halted or about to be). */
    public boolean failed() {
        return failed || writer.failure() != null;
    }

    /** The folder of a file journal (null for another store). */
    public Path directory() {
        return directory;
    }

    /** Records stored so far (after {@link #close}: all of the run's). */
    public long records() {
        return writer.durableSequence();
    }

    /** The last record stored (after {@link #close}: the run's last), the head to anchor the journal with. */
    public JournalHead head() {
        return writer.head();
    }

    /** The sequence of the last record queued. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Stores everything queued and closes the store. */
    @Override
    public void close() {
        writer.close();
        if (store != null) store.close();
    }
}
