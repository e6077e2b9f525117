package dev.ballast.runtime.live;

import dev.ballast.runtime.folder.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The prefix of a live run's client order ids at its venue (see {@link VenueOrderIds}): made once when the run
 * starts, {@code B} and seven random base-36 characters and a dash, and kept in the run folder
 * ({@code venue/order-id-prefix}) so that a resume sends and recognises the same ids.
 */
final class OrderIdPrefix {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private OrderIdPrefix() {}

    static Path file(Path runDir) {
        return runDir.resolve("venue").resolve("order-id-prefix");
    }

    /** A new run: a fresh prefix, written before any order can go out. */
    static String create(Path runDir) {
        SecureRandom random = new SecureRandom();
        StringBuilder prefix = new StringBuilder("B");
        for (int i = 0; i < 7; i++) prefix.append(DIGITS.charAt(random.nextInt(DIGITS.length())));
        prefix.append('-');
        Path file = file(runDir);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, prefix + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return prefix.toString();
    }

    /** A resumed run: the prefix it started with; a folder without one cannot be resumed against the venue. */
    static String read(Path runDir) {
        Path file = file(runDir);
        try {
            String prefix = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!prefix.matches("B[0-9a-z]{7}-")) throw new IllegalStateException(file + " does not hold an order id prefix");
            return prefix;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": the live run's order ids at its venue are unknown", e);
        }
    }
}
