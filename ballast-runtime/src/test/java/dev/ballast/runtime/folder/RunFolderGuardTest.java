package dev.ballast.runtime.folder;

import dev.ballast.runtime.plan.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checked without running anything: a regression here must not write into / while the test runs as root. */
class RunFolderGuardTest {
    @TempDir
    Path dir;

    @Test
    void systemFoldersAndTheHomeFolderAreRefused() {
        for (String folder : List.of("/", "/etc", "/etc/ballast", "/usr/local/out", "/bin", "/tmp", "/var", "/home",
                System.getProperty("user.home"), "/usr/../etc")) {
            assertThatThrownBy(() -> RunFolderGuard.refuseUnsafeLocation(Path.of(folder))).as(folder)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("is a system or home folder");
        }
    }

    @Test
    void aFolderReachingASystemFolderThroughALinkIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("etc-link"), Path.of("/etc"));
        assertThatThrownBy(() -> RunFolderGuard.refuseUnsafeLocation(link.resolve("out")))
                .hasMessageContaining("(/etc/out) is a system or home folder");
        Path own = Files.createSymbolicLink(dir.resolve("own-link"), Files.createDirectories(dir.resolve("own")));
        assertThatThrownBy(() -> RunFolderGuard.refuseUnsafeLocation(own)).hasMessageContaining(own + " is a symbolic link");
    }

    @Test
    void foldersOfTheirOwnBelowThemAreAllowed() {
        for (Path folder : List.of(dir.resolve("out"), Path.of("/tmp/ballast-runs/a"), Path.of("/var/lib/ballast/out"),
                Path.of(System.getProperty("user.home"), "runs", "out"))) {
            assertThatCode(() -> RunFolderGuard.refuseUnsafeLocation(folder)).as(folder.toString()).doesNotThrowAnyException();
        }
    }
}
