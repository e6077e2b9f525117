package dev.ballast.adapter.alpaca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The Alpaca executions whose fills the run's journal holds durably, one execution id a line, in the run's venue
 * folder ({@value #NAME}): an id is appended only once the engine says the journal holds the fill
 * ({@code BrokerReportSink.whenRecorded}). After a restart the adapter does not report these again (the state query
 * reads the account's fills from the run's start), so a resume does not flag every fill of the run as a duplicate. An
 * id missing (the process died before its line, or the machine before the page cache reached the disk) only costs a
 * fill reported again, which the engine recognises by its trade id; so lines are not synced. A last line without its
 * newline is cut when the file is opened.
 *
 * <p>Threading: appended from the receipts' thread (synchronized); read once when opened.
 */
final class RecordedExecutionsFile {
    static final String NAME = "alpaca-recorded-executions.txt";
    private static final Logger LOG = Logger.getLogger(RecordedExecutionsFile.class.getName());

    private final Path file;
    private final List<String> loaded = new ArrayList<>();

    /** Opens (creating the folder) the file in {@code folder} and reads it. */
    RecordedExecutionsFile(Path folder) {
        this.file = folder.resolve(NAME);
        try {
            Files.createDirectories(folder);
            if (Files.exists(file)) load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    private void load() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') complete--;
        if (complete < bytes.length) {
            LOG.info(file + ": an unfinished last line is cut (the process died writing it)");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
            }
        }
        for (String line : new String(bytes, 0, complete, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) loaded.add(line);
        }
    }

    /** The execution ids the file held when it was opened. */
    List<String> recorded() {
        return List.copyOf(loaded);
    }

    /**
     * Notes that the journal holds the fill of this execution. A failure to write is logged, not thrown: it only
     * means the fill may be reported again after a restart.
     */
    synchronized void append(String executionId) {
        ByteBuffer line = ByteBuffer.wrap((executionId + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (line.hasRemaining()) channel.write(line);
        } catch (IOException e) {
            LOG.warning("cannot append to " + file + " (the fill of execution " + executionId
                    + " may be reported again after a restart): " + e.getMessage());
        }
    }
}
