package dev.ballast.runtime.folder;

import dev.ballast.runtime.plan.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderLockTest {
    @TempDir
    Path run;

    @Test
    void aSecondHolderInTheSameProcessIsRefusedUntilTheFirstCloses() {
        try (RunFolderLock first = RunFolderLock.acquire(run)) {
            assertThat(run.resolve(RunFolderLock.FILE)).hasContent(ProcessHandle.current().pid() + "\n");
            assertThatThrownBy(() -> RunFolderLock.acquire(run)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(run + " is in use by this process (pid " + ProcessHandle.current().pid() + ")");
        }
        try (RunFolderLock again = RunFolderLock.acquire(run)) {
            assertThat(run.resolve(RunFolderLock.FILE)).exists();
        }
    }

    @Test
    void theLockFileIsNotFollowedWhenItIsASymbolicLink() throws Exception {
        Path elsewhere = Files.writeString(run.resolveSibling(run.getFileName() + "-target"), "keep");
        Files.createSymbolicLink(run.resolve(RunFolderLock.FILE), elsewhere);
        assertThatThrownBy(() -> RunFolderLock.acquire(run)).hasMessageContaining("cannot open the lock file");
        assertThat(elsewhere).hasContent("keep");
        Files.delete(elsewhere);
    }
}
