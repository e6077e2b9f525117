package dev.ballast.runtime.plan;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a document strategy of a run came from: the document file and its SHA-256 as run, and, when the
 * file lives in a strategy registry folder, the generation's provenance file and its SHA-256. Written
 * into results.json, so that every order (by its strategy id) traces to the exact document and the
 * generation that produced it. Immutable.
 *
 * @param provenance {@code provenance.json} beside the document, or {@code null} for a hand-written one
 */
public record DocumentOrigin(Path file, String sha256, Path provenance, String provenanceSha256) {

    static DocumentOrigin of(Path file) {
        Path beside = file.toAbsolutePath().getParent().resolve("provenance.json");
        boolean generated = Files.isRegularFile(beside);
        return new DocumentOrigin(file, Sha256.ofFile(file), generated ? beside : null,
                generated ? Sha256.ofFile(beside) : null);
    }
}
