package dev.ballast.runtime.live;

import dev.ballast.runtime.folder.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * When a live run first started, in wall-clock time, kept in the run folder ({@code venue/started-at}): a venue
 * that lists its orders and fills by time (Alpaca) reads them from then on, also when the run is resumed. The run's
 * own clock is no substitute: it is the replayed data's time (before the first bar, the distant past), so the venue
 * would list the account's whole history and an earlier run's fills would be booked into this one.
 */
final class VenueSince {
    private VenueSince() {}

    static Path file(Path runDir) {
        return runDir.resolve("venue").resolve("started-at");
    }

    /** A new run: now, written before any order can go out. */
    static Instant create(Path runDir) {
        Instant now = Instant.now();
        Path file = file(runDir);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, now + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return now;
    }

    /** A resumed run: when it first started. */
    static Instant read(Path runDir) {
        Path file = file(runDir);
        try {
            return Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": when the live run started is unknown", e);
        } catch (DateTimeException e) {
            throw new IllegalStateException(file + " does not hold an instant");
        }
    }
}
