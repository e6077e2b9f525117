package dev.ballast.engine.data;

import java.util.Arrays;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads comma-separated lines from a byte stream into one reusable buffer and records where each
 * field starts and ends, so a row costs no allocation. Fields are trimmed of spaces and tabs; quoting
 * is not supported (no market data field needs a comma). Lines end in LF or CRLF; blank lines are
 * passed over. Field offsets index {@link #bytes()} and stay valid until the next {@link #next()}.
 * Not thread-safe.
 */
final class CsvLineReader implements AutoCloseable {
    private static final int INITIAL_BUFFER = 1 << 17;
    // A longer "line" is a binary or corrupt file; refuse it instead of growing without bound.
    private static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final ByteChars chars = new ByteChars();
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fieldCount;

    CsvLineReader(InputStream in) {
        this.in = in;
        chars.reset(buf);
    }

    /**
     * Moves to the next non-blank line.
     *
     * @return false at the end of the input
     * @throws IOException when reading fails or a line exceeds 1 MiB
     */
    boolean next() throws IOException {
        while (true) {
            if (!nextLine()) return false;
            if (fieldCount > 1 || ends[0] > starts[0]) return true;
        }
    }

    /** 1-based number of the current line in the file, blank lines included. */
    long lineNumber() {
        return lineNumber;
    }

    int fieldCount() {
        return fieldCount;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    /** The buffer the field offsets index; changes identity when the buffer grows. */
    byte[] bytes() {
        return buf;
    }

    /** The same buffer as chars, for number parsers taking a {@link CharSequence}. */
    CharSequence chars() {
        return chars;
    }

    /** The field as text, for messages and headers only: it allocates. */
    String text(int field) {
        return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /** Skips a UTF-8 byte order mark at the very start, which spreadsheet exports like to add. */
    void skipByteOrderMark() throws IOException {
        while (limit < 3 && !eof) fill();
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) pos = 3;
    }

    private boolean nextLine() throws IOException {
        int scan = pos;
        int newline;
        while ((newline = indexOfNewline(scan)) < 0) {
            if (eof) {
                if (pos == limit) return false;
                newline = limit;
                break;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            } else if (limit == buf.length) {
                if (buf.length >= MAX_LINE) throw new IOException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " bytes");
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
                chars.reset(buf);
            }
            scan = limit;
            fill();
        }
        lineNumber++;
        int lineEnd = newline;
        if (lineEnd > pos && buf[lineEnd - 1] == '\r') lineEnd--;
        split(pos, lineEnd);
        pos = newline < limit ? newline + 1 : limit;
        return true;
    }

    private int indexOfNewline(int from) {
        byte[] b = buf;
        for (int i = from, n = limit; i < n; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    private void fill() throws IOException {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    private void split(int from, int to) {
        byte[] b = buf;
        int count = 0;
        int fieldStart = from;
        for (int i = from; ; i++) {
            if (i == to || b[i] == ',') {
                if (count == starts.length) growFields();
                int s = fieldStart;
                int e = i;
                while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
                while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
                starts[count] = s;
                ends[count] = e;
                count++;
                if (i == to) break;
                fieldStart = i + 1;
            }
        }
        fieldCount = count;
    }

    private void growFields() {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
