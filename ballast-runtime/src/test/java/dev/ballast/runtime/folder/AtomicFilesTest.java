package dev.ballast.runtime.folder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriterThatDiesMidwayLeavesTheOldFileWholeAndNoTemporary() throws IOException {
        Path results = Files.writeString(dir.resolve("results.json"), "{\"old\": true}");
        assertThatThrownBy(() -> AtomicFiles.write(results, out -> {
            out.write("{\"new\": ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk gone");
        })).hasMessage("disk gone");
        assertThat(results).hasContent("{\"old\": true}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(results);
        }
    }

    @Test
    void theNewFileReplacesTheOldOneWhole() throws IOException {
        Path csv = Files.writeString(dir.resolve("orders.csv"), "old\n");
        AtomicFiles.writeText(csv, out -> out.write("order_id\nsma-1\n"));
        assertThat(csv).hasContent("order_id\nsma-1\n");
    }

    @Test
    void aSymbolicLinkAtTheTargetIsReplacedNotFollowed() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path folder = Files.createDirectories(dir.resolve("run"));
        Path link = Files.createSymbolicLink(folder.resolve("report.html"), outside);
        AtomicFiles.writeString(link, "<html>");
        assertThat(outside).hasContent("keep");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(link).hasContent("<html>");
    }

    @Test
    void whatAKilledWriterLeftIsRemovedAndNothingElse() throws IOException {
        Path results = Files.writeString(dir.resolve("results.json"), "{}");
        Path left = Files.writeString(dir.resolve(".results.json.tmp-3f1c"), "{\"cut");
        Path hidden = Files.writeString(dir.resolve(".lock"), "1");
        AtomicFiles.removeLeftovers(dir);
        assertThat(left).doesNotExist();
        assertThat(results).exists();
        assertThat(hidden).exists();
    }
}
