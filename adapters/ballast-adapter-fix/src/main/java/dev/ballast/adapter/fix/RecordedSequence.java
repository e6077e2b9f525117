package dev.ballast.adapter.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;

/**
 * The highest sequence number of a venue message whose content the run's journal holds durably
 * ({@code received-seq} in the store folder). QuickFIX/J counts a message received as soon as it arrives; a crash
 * before the journal holds what it said would lose it, since the venue never sends it again. At the next start the
 * session is set back to expect the message after this one, so the venue sends the rest again (marked PossDup; a fill
 * the engine already booked is recognised by its trade id). A sequence reset (configured, or asked by the venue at a
 * logon, as venues do daily) starts the mark again from zero in the new numbering ({@link #reset}), and a receipt for
 * a message numbered before it moves nothing; what a reset makes the venue forget, it never sends again.
 *
 * <p>Threading: {@link #advanceTo} from the run's receipt thread, {@link #generation} and {@link #reset} from the
 * session's thread, {@link #value} at start; synchronized.
 */
final class RecordedSequence {
    private static final Logger LOG = Logger.getLogger(RecordedSequence.class.getName());

    private final Path file;
    private int value;
    /** How many resets this process has seen: a receipt carries the numbering its message was counted in. */
    private int generation;

    RecordedSequence(Path storeDir) {
        this.file = storeDir.resolve("received-seq");
        this.value = read(file);
    }

    /** The highest recorded sequence number, 0 when none was. */
    synchronized int value() {
        return value;
    }

    /** The numbering messages arriving now are counted in. */
    synchronized int generation() {
        return generation;
    }

    /** The session's sequence numbers were reset: nothing of the new numbering is recorded yet. */
    synchronized void reset() {
        generation++;
        value = 0;
        write(0);
    }

    /** Message {@code sequence} of numbering {@code generation}, and every one before it, are recorded. */
    synchronized void advanceTo(int generation, int sequence) {
        if (generation != this.generation || sequence <= value) return;
        value = sequence;
        write(sequence);
    }

    private void write(int sequence) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, Integer.toString(sequence), StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Not fatal: after an advance the mark on disk stays lower, and a restart has the venue send a little more
            // again; after a reset a higher mark left on disk only keeps a restart from asking again.
            LOG.warning(() -> "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static int read(Path file) {
        if (!Files.exists(file)) return 0;
        try {
            return Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return 0; // unreadable: nothing is rewound, as before this mark existed
        }
    }
}
