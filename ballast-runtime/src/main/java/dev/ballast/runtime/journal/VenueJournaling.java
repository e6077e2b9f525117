package dev.ballast.runtime.journal;

import dev.ballast.runtime.recovery.PaperResume;
import dev.ballast.runtime.recovery.RunRecovery;
import dev.ballast.runtime.recovery.VenueReconciliation;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.broker.paper.VenueOrderLog;
import dev.ballast.engine.clock.Clock;
import dev.ballast.runtime.recovery.JournaledBroker;
import dev.ballast.engine.journal.RunJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The journal's part in a paper or live run: the write-ahead gate between the engine and the venue, the paper
 * venue's order log (OUTPUT/venue/orders.log), and, for {@code --resume}, the recovery that re-executes the run
 * against its journal and reconciles the venue before anything new is sent. A live run starts with the gate holding
 * back every order until the venue has been reconciled ({@link #reconcileAtStart}).
 */
public final class VenueJournaling implements AutoCloseable {
    /** How long reconciliation waits for the broker's answer before its state counts as unknown. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final RunJournal journal;
    private final Path output;
    private final PaperResume resume;
    private final String runName;
    private VenueOrderLog venueLog;
    private PaperBroker paperVenue;
    private JournaledBroker gate;
    private RunRecovery recovery;

    public VenueJournaling(RunJournal journal, Path output, PaperResume resume, String runName) {
        this.journal = journal;
        this.output = output;
        this.resume = resume;
        this.runName = runName;
    }

    /** The broker the engine talks to: the venue behind the write-ahead gate. */
    public BrokerageInterface wrap(PaperBroker broker, Clock clock) {
        Path log = PaperResume.venueOrderLog(output);
        if (resume == null) {
            try {
                Files.deleteIfExists(log); // a fresh run (its folder holds no journal): a new venue
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + log, e);
            }
        }
        venueLog = VenueOrderLog.open(log);
        broker.attachOrderLog(venueLog, resume != null);
        paperVenue = broker;
        gate = new JournaledBroker(broker, journal, clock,
                resume != null ? JournaledBroker.Phase.REPLAYING : JournaledBroker.Phase.LIVE,
                JournaledBroker.DEFAULT_DURABILITY_TIMEOUT, true);
        return gate;
    }

    /**
     * The broker the engine talks to in a live run: the venue's adapter behind the write-ahead gate, which holds every
     * order back until the venue is reconciled (at the start, or after a resume's re-execution).
     */
    public BrokerageInterface wrapLive(BrokerageInterface venue, BooleanSupplier connected, Clock clock) {
        // A real venue is never sent a re-executed call: it holds what it was sent before the crash.
        gate = new JournaledBroker(venue, journal, clock,
                resume != null ? JournaledBroker.Phase.REPLAYING : JournaledBroker.Phase.HOLDING,
                JournaledBroker.DEFAULT_DURABILITY_TIMEOUT, false);
        gate.venueConnectedBy(connected);
        return gate;
    }

    /** The write-ahead gate, once {@link #wrap} or {@link #wrapLive} made it. */
    public JournaledBroker gate() {
        return gate;
    }

    /**
     * A new live run, on the engine thread before the feed: reconciles the venue (whose answer must show nothing of
     * this run yet, and no position or open order the engine does not hold), then lets orders out, or halts.
     */
    public VenueReconciliation.Result reconcileAtStart(TradingEngine engine, Duration queryTimeout) {
        return VenueReconciliation.reconcile(engine, gate, queryTimeout);
    }

    /** For a resume: matches the re-executed run against the journal, then reconciles the venue. */
    public void attachRecovery(TradingEngine engine) {
        recovery = new RunRecovery(engine, gate, journal, resume.recordsAfterStart(), runName, QUERY_TIMEOUT,
                paperVenue != null ? paperVenue::endRecovery : () -> { });
        recovery.attach();
    }

    public RunRecovery recovery() {
        return recovery;
    }

    @Override
    public void close() {
        if (venueLog != null) venueLog.close();
    }
}
