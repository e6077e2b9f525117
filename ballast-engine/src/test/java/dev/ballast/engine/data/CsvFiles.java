package dev.ballast.engine.data;

import java.time.Instant;
import dev.ballast.model.event.MarketData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: write a small CSV file, drain a source. */
final class CsvFiles {
    private CsvFiles() {}

    static Path write(Path dir, String name, String... lines) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static List<MarketData> drain(MarketDataSource source) {
        List<MarketData> all = new ArrayList<>();
        try (source) {
            for (MarketData event; (event = source.next()) != null; ) all.add(event);
        }
        return all;
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
