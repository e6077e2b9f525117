package dev.ballast.cli.audit;

import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.codec.CanonicalText;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.model.EpochNanos;

import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;

/**
 * {@code --format csv}: a header {@code seq,engineTime,wallTime,type,hash,payload}, then a row per record with the
 * times in ISO (UTC, to the nanosecond), the chain hash in hex and the payload's readable text
 * ({@code CanonicalText}), quoted as RFC 4180 asks (the payload always is: it holds commas).
 */
final class CsvSink implements RecordSink {
    private final Writer out;

    CsvSink(Writer out) throws IOException {
        this.out = out;
        out.append("seq,engineTime,wallTime,type,hash,payload\n");
    }

    @Override
    public void write(JournalRecord record, CanonicalNode payload) throws IOException {
        out.append(Long.toString(record.sequence())).append(',')
                .append(EpochNanos.toInstant(record.engineTime()).toString()).append(',')
                .append(EpochNanos.toInstant(record.wallTime()).toString()).append(',');
        cell(record.type());
        out.append(',').append(HexFormat.of().formatHex(record.hash())).append(',');
        cell(CanonicalText.render(payload));
        out.append('\n');
    }

    private void cell(String text) throws IOException {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (quote) {
            out.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            out.append(text);
        }
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
