package dev.ballast.engine.data;

import java.nio.file.Path;

/**
 * A market data file that cannot be used as it is: a bad row, a missing file, a wrong header. The
 * message names the file, the line (1-based; 0 when not about a line) and what is wrong.
 */
public final class MarketDataException extends RuntimeException {
    private final Path file;
    private final long line;

    public MarketDataException(Path file, long line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public MarketDataException(Path file, long line, String reason, Throwable cause) {
        this(file, line, reason);
        initCause(cause);
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
