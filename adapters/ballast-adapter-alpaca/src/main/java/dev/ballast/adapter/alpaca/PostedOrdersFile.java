package dev.ballast.adapter.alpaca;

import dev.ballast.model.ClientOrderId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The client order ids this adapter ever posted as new orders, one a line, in the run's venue folder
 * ({@value #NAME}): each is appended and synced on the worker thread that posts it, once the rate limiter lets the
 * request go and immediately before it does. An id not on the list therefore never left the process (the proof
 * {@link AlpacaBroker#mayHaveSent} gives); an id on it may have. A last line without its newline is a write the
 * process died in, before the post: it is cut when the list is opened.
 *
 * <p>Threading: appended by the order workers (synchronized); read once when opened.
 */
final class PostedOrdersFile {
    static final String NAME = "alpaca-posted-orders.txt";
    private static final Logger LOG = Logger.getLogger(PostedOrdersFile.class.getName());

    private final Path file;
    private final Set<ClientOrderId> posted = new HashSet<>();

    /** Opens (creating the folder) the list in {@code folder} and reads it. */
    PostedOrdersFile(Path folder) {
        this.file = folder.resolve(NAME);
        try {
            Files.createDirectories(folder);
            if (Files.exists(file)) {
                load();
            } else {
                Files.createFile(file);
                syncDirectory(folder); // the file itself survives a crash of the machine, not only its lines
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    private static void syncDirectory(Path folder) throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void load() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') complete--;
        if (complete < bytes.length) {
            // Torn by a kill mid-write: its post never went (it comes after the sync), so the line is no order.
            LOG.warning(file + ": an unfinished last line is cut (the process died writing it, before the post)");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
                channel.force(true);
            }
        }
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) posted.add(ClientOrderId.of(line));
        }
    }

    /** Puts {@code id} on the list, durably, unless it is there already (a retry of the same order). */
    synchronized void append(ClientOrderId id) {
        if (posted.contains(id)) return;
        ByteBuffer line = ByteBuffer.wrap((id.value() + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (line.hasRemaining()) channel.write(line);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        posted.add(id);
    }

    synchronized boolean contains(ClientOrderId id) {
        return posted.contains(id);
    }
}
