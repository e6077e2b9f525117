package dev.ballast.runtime.recovery;

import java.util.function.LongSupplier;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.codec.JournalSchema;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Event;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The journal of a run that resumes after a restart. The run is re-executed from its start, and every record
 * it would write is first matched against the record the journal already holds at that place: same type, same
 * engine time, same canonical payload (wall time differs by nature). When every stored record has been
 * matched, the engine's state is the one it had when the last durable record was written, and further
 * records go to the live {@link RunJournal}, whose chain continues the stored one.
 *
 * <p>A record that does not match means the run did not re-execute as it ran (changed code, config or data,
 * or a strategy that is not deterministic): the resume is refused, because the engine's state would not be
 * the journal's. Engine thread only.
 */
public final class ResumedJournal implements EngineEventListener, Consumer<Event> {
    private final Iterator<JournalRecord> stored;
    private final RunJournal live;
    private final boolean marketData;
    private final Runnable onAllMatched;
    private JournalRecord expected;
    private long matched;
    private String divergence;
    private boolean liveNow;
    private LongSupplier inputTime;
    private Runnable onEarlierResume;
    private LongSupplier dataEvents;

    /**
     * @param stored       the stored records after the run-start record, in order
     * @param live         the journal new records go to once every stored record is matched
     * @param marketData   whether the run journals market data
     * @param onAllMatched called once, on the engine thread, right after the last stored record is matched
     *                     (before anything else happens), or at once when there is none to match
     */
    public ResumedJournal(Iterator<JournalRecord> stored, RunJournal live, boolean marketData, Runnable onAllMatched) {
        this.stored = stored;
        this.live = live;
        this.marketData = marketData;
        this.onAllMatched = onAllMatched;
    }

    /**
     * Called, on the engine thread, where the journal shows an earlier resume took over ({@link RunJournal.RunResumed}):
     * the re-executed run must hold its broker calls back there as that resume did.
     */
    public void onEarlierResume(Runnable action) {
        this.onEarlierResume = action;
    }

    /**
     * The next stored record the engine must produce. The schema written with the run start is passed over (the run
     * start is not re-executed), and so is an earlier resume's marker, which is acted on.
     */
    private JournalRecord advance() {
        while (stored.hasNext()) {
            JournalRecord next = stored.next();
            if (next.type().equals(JournalSchema.TYPE)) {
                matched = next.sequence();
                continue;
            }
            if (!next.type().equals("RunResumed")) return next;
            matched = next.sequence();
            if (onEarlierResume != null) onEarlierResume.run();
        }
        return null;
    }

    /** Call once the journal is attached: when nothing is left to match, the run is live from the start. */
    public void begin() {
        expected = advance();
        if (expected == null) {
            onAllMatched.run();
        }
    }

    public boolean recordsMarketData() {
        return marketData;
    }

    /** Inputs are matched at the engine time they were taken, as {@link RunJournal#trackInputs} records them. */
    public void timeInputsBy(LongSupplier engineTime) {
        this.inputTime = engineTime;
    }

    /**
     * The engine's count of market data events handled: a {@link RunJournal.DataPosition} due next is passed over
     * once the engine has handled that much data, as the journal wrote it just before the records that followed.
     */
    public void countDataBy(LongSupplier dataEvents) {
        this.dataEvents = dataEvents;
    }

    /** Passes over the marks of the feed positions the engine has reached. */
    private void passReachedMarks() {
        while (expected != null && dataEvents != null && expected.type().equals("DataPosition")
                && dataEvents.getAsLong() >= markedEvents(expected)) {
            moveOn();
        }
    }

    /** The record due was matched (or is a mark the engine reached): the next one is due. */
    private void moveOn() {
        matched = expected.sequence();
        expected = advance();
        if (expected == null) onAllMatched.run();
    }

    private static long markedEvents(JournalRecord mark) {
        return ((RunJournal.DataPosition) RunJournal.decoder().decode(mark.type(), mark.payload())).events();
    }

    @Override
    public void accept(Event event) {
        if (offer(inputTime != null ? inputTime.getAsLong() : event.timestamp(), (Record) event)) live.accept(event);
    }

    @Override
    public void on(EngineEvent event) {
        if (offer(event.timestamp(), (Record) event)) live.on(event);
    }

    /** Matches the record against the stored one; true when it is new and goes to the live journal. */
    private boolean offer(long engineTime, Record record) {
        if (liveNow) return true;
        if (divergence != null) return false;
        passReachedMarks();
        if (liveNow) return true;
        if (expected == null) {
            liveNow = true;
            return true;
        }
        String type = RecordCodec.typeOf(record);
        byte[] payload = RecordCodec.encode(record);
        if (!type.equals(expected.type()) || engineTime != expected.engineTime()
                || !Arrays.equals(payload, expected.payload())) {
            RecordDecoder decoder = RunJournal.decoder();
            divergence = "record " + expected.sequence() + " differs: the journal has " + expected.type() + " at "
                    + expected.engineTime() + " " + decoder.text(expected.type(), expected.payload())
                    + ", the re-executed run produced " + type + " at " + engineTime + " " + decoder.text(type, payload);
            return false;
        }
        moveOn();
        return false;
    }

    /**
     * The stored record due next (null when all are matched): what a journal-driven replay feeds next. Marks of feed
     * positions the engine has reached are passed over first, as they would be by the next record.
     */
    public JournalRecord expected() {
        if (divergence == null) passReachedMarks();
        return divergence == null ? expected : null;
    }

    /** The replay cannot go on as journaled: the resume is refused with {@code detail}. */
    public void refuse(String detail) {
        if (divergence == null) divergence = "at record " + (expected == null ? matched : expected.sequence()) + ": " + detail;
    }

    /** Whether every stored record has been matched. */
    public boolean allMatched() {
        return expected == null && divergence == null;
    }

    /** Why the re-execution does not match the journal, or null. */
    public String divergence() {
        return divergence;
    }

    /** The sequence of the last stored record matched. */
    public long matched() {
        return matched;
    }
}
