package dev.ballast.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SHA-256 of a run configuration file, recorded at run start so that a resume can refuse a changed one. */
public final class ConfigHash {
    private ConfigHash() {}

    public static String of(Path config) {
        try {
            return Sha256.hex(Files.readAllBytes(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
    }
}
