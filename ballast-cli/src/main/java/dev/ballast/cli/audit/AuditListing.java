package dev.ballast.cli.audit;

import dev.ballast.cli.TerminalText;
import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code audit show} and {@code audit export}: streams a run's journal through an {@link AuditFilter} into a
 * {@link RecordSink}, one record at a time, checking the hash chain on the way ({@link JournalVerifier}), so only
 * records that chain onto the ones before them are ever written. A damaged journal is listed up to its first bad
 * record, which is then reported on standard error with exit code 1; a record whose payload cannot be read is
 * reported the same way (after the listing, which goes on past it): damage never ends a listing silently. When
 * standard output's reader goes away ({@code show | head}), reading stops.
 */
public final class AuditListing {
    /** The first records whose payload cannot be read are named; the rest only counted. */
    private static final int UNREADABLE_NAMED = 5;

    private final AuditFilter filter;
    /** Reads payloads by the journal's own schema, so that a journal outlives the classes that wrote it. */
    private final RecordDecoder decoder;
    private final RecordSink sink;
    private final PrintStream err;
    /** Standard output, when the listing goes there: watched for a reader that went away ({@code show | head}). */
    private final PrintStream console;
    private long unreadable;
    private long written;

    private AuditListing(AuditFilter filter, RecordDecoder decoder, RecordSink sink, PrintStream err, PrintStream console) {
        this.filter = filter;
        this.decoder = decoder;
        this.sink = sink;
        this.err = err;
        this.console = console;
    }

    /** Standard output was closed by its reader: stop reading a journal nobody will see the rest of. */
    private static final class ReaderGone extends RuntimeException {
        ReaderGone() {
            super(null, null, false, false);
        }
    }

    /**
     * Lists the records of {@code options.run()} as asked, into the file {@code output} (replaced) or, when it is
     * null, into {@code out}; problems go to {@code err}. Returns the exit code: 0, or 1 when the journal is damaged
     * or a record cannot be read. Nothing is written before the run, its journal and the options are found good.
     *
     * @throws AuditException without a run folder or journal, for a bad option, or when {@code output} cannot be written
     */
    public static int run(AuditOptions options, AuditFormat defaultFormat, Path output, PrintStream out, PrintStream err) {
        AuditFormat format = options.format(defaultFormat);
        RecordDecoder decoder = RunJournal.decoder();
        try (JournalStore store = RunJournals.openForAudit(options.run(), options.access())) {
            AuditFilter filter = options.filter(knownTypes(decoder, options.types(), store));
            try (Writer writer = open(output, out)) {
                AuditListing listing = new AuditListing(filter, decoder.readingBy(RunJournal.schemaOf(store)),
                        format.open(writer, widest(decoder.types())), err, output == null ? out : null);
                JournalVerifier.Result result;
                try {
                    result = JournalVerifier.verify(store, listing::accept);
                } catch (ReaderGone e) {
                    return 0;
                }
                listing.sink.finish();
                return listing.report(result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output file, or {@code out} (flushed but left open when the writer is closed). */
    private static Writer open(Path output, PrintStream out) {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditException("--output: cannot write " + output + ": " + e);
        }
    }

    /** The decoder's types, and when some asked for are not among them, the types present in the journal. */
    private static Set<String> knownTypes(RecordDecoder decoder, Set<String> asked, JournalStore store) {
        if (decoder.types().containsAll(asked)) return decoder.types();
        Set<String> known = new TreeSet<>(decoder.types());
        try {
            for (Iterator<JournalRecord> it = store.read(1); it.hasNext(); ) known.add(it.next().type());
        } catch (JournalException e) {
            // a damaged journal: the types before the damage are all there are to offer
        }
        return known;
    }

    private static int widest(Set<String> types) {
        int width = "TYPE".length();
        for (String t : types) width = Math.max(width, t.length());
        return width;
    }

    private void accept(JournalRecord record) {
        boolean header = filter.acceptsHeader(record);
        if (!header && !filter.tracksOrders()) return;
        CanonicalNode payload;
        try {
            payload = decoder.tree(record.type(), record.payload());
        } catch (JournalException e) {
            if (header) unreadable(record, e);
            return;
        }
        if ((filter.readsPayload() && !filter.acceptsPayload(payload)) || !header) return;
        try {
            sink.write(record, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // PrintStream swallows write errors; checkError flushes, so ask only now and then
        if (console != null && ++written % 4096 == 0 && console.checkError()) throw new ReaderGone();
    }

    private void unreadable(JournalRecord record, JournalException e) {
        if (++unreadable <= UNREADABLE_NAMED) {
            err.println("error: record " + record.sequence() + " (" + TerminalText.safe(record.type()) + "): cannot read its payload: "
                    + TerminalText.safe(e.getMessage()));
        }
    }

    private int report(JournalVerifier.Result result) {
        if (unreadable > UNREADABLE_NAMED) {
            err.println("error: " + (unreadable - UNREADABLE_NAMED) + " more records whose payload cannot be read");
        }
        if (!result.ok()) {
            err.println("error: the journal is damaged at record " + result.sequence() + ": " + result.problem() + " ("
                    + TerminalText.safe(result.detail()) + "); only the " + result.count() + " records before it were read");
            return 1;
        }
        return unreadable > 0 ? 1 : 0;
    }
}
