package dev.ballast.cli.audit;

import dev.ballast.cli.TerminalText;
import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.model.EpochNanos;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code --format table}: a header, then a line per record: sequence, engine time and wall time (ISO, UTC, to the
 * nanosecond), type and a one-line summary of the payload. Column widths are fixed up front, not measured over the
 * records, so the first line is printed at once.
 */
final class TableSink implements RecordSink {
    /** The longest ISO instant: 2024-01-02T15:30:00.123456789Z. */
    private static final int TIME_WIDTH = 30;
    private static final int SEQUENCE_WIDTH = 7;

    private final Writer out;
    private final int typeWidth;
    private final StringBuilder line = new StringBuilder(256);

    TableSink(Writer out, int typeWidth) throws IOException {
        this.out = out;
        this.typeWidth = typeWidth;
        line.append(" ".repeat(SEQUENCE_WIDTH - 3)).append("SEQ  ");
        pad("ENGINE TIME", TIME_WIDTH);
        pad("WALL TIME", TIME_WIDTH);
        pad("TYPE", typeWidth);
        line.append("SUMMARY");
        flushLine();
    }

    @Override
    public void write(JournalRecord record, CanonicalNode payload) throws IOException {
        String sequence = Long.toString(record.sequence());
        line.append(" ".repeat(Math.max(0, SEQUENCE_WIDTH - sequence.length()))).append(sequence).append("  ");
        pad(EpochNanos.toInstant(record.engineTime()).toString(), TIME_WIDTH);
        pad(EpochNanos.toInstant(record.wallTime()).toString(), TIME_WIDTH);
        pad(TerminalText.safe(record.type()), typeWidth);
        line.append(TerminalText.safe(PayloadText.summary(payload)));
        flushLine();
    }

    private void pad(String text, int width) {
        line.append(text).append(" ".repeat(Math.max(1, width + 2 - text.length())));
    }

    private void flushLine() throws IOException {
        line.append('\n');
        out.append(line);
        line.setLength(0);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
