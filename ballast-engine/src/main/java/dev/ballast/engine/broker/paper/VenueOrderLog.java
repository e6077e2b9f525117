package dev.ballast.engine.broker.paper;

import dev.ballast.model.ClientOrderId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paper venue's own memory of the client order ids it has received, one per line, in a file that outlives
 * the engine's process. A real venue remembers every order it was sent whatever happens to the client; the
 * paper venue lives inside the engine's process, so this file is what lets it recognise, after a crash and a
 * restart, an order it already has (and refuse a second copy, as a venue rejects a duplicate client order id).
 *
 * <p>Each id is written with one {@code write} call before the order is acted on, so it survives the
 * process being killed (the page cache is the kernel's). A line cut short by a crash is ignored on reading:
 * its order was never acted on. Engine thread only.
 */
public final class VenueOrderLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Set<ClientOrderId> ids = new LinkedHashSet<>();

    private VenueOrderLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            for (String line : text.substring(0, complete).split("\n")) {
                if (!line.isEmpty()) ids.add(ClientOrderId.of(line));
            }
            if (complete < text.length()) {
                // A torn last line: drop it so that the next id starts on a line of its own.
                try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    truncate.truncate(text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
                }
            }
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Opens (or creates) the log at {@code file}, reading the ids already in it. */
    public static VenueOrderLog open(Path file) {
        try {
            return new VenueOrderLog(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the paper venue's order log " + file, e);
        }
    }

    /** Reads the ids of a log without opening it for writing, in the order received (repeats kept). */
    public static List<ClientOrderId> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty())
                .map(ClientOrderId::of).toList();
    }

    public boolean contains(ClientOrderId id) {
        return ids.contains(id);
    }

    /** Records a newly received id; durable against a process crash when this returns. */
    public void record(ClientOrderId id) {
        if (!ids.add(id)) throw new IllegalStateException("order " + id + " was already received");
        ByteBuffer line = ByteBuffer.wrap((id.value() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) channel.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the paper venue's order log " + file, e);
        }
    }

    /** Every id received, in order. */
    public Set<ClientOrderId> ids() {
        return Collections.unmodifiableSet(ids);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
