package dev.ballast.cli.audit;

import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.store.JournalRecord;

import java.io.IOException;

/** Where an audit listing writes the records it keeps, one at a time as it reads them (a run can hold millions). */
interface RecordSink {
    /** Writes one record; {@code payload} is its parsed payload. */
    void write(JournalRecord record, CanonicalNode payload) throws IOException;

    /** Writes what follows the last record and flushes. */
    void finish() throws IOException;
}
