package dev.ballast.runtime.folder;

import dev.ballast.model.RunMode;
import dev.ballast.runtime.plan.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Claims a run folder for a command that writes into it: checks where it is ({@link RunFolderGuard}), creates it,
 * takes its {@link RunFolderLock} and, under the lock, checks what it holds and removes the temporary files a killed
 * writer left ({@link AtomicFiles}). The command holds the returned lock until it is done.
 */
public final class RunFolder {
    private RunFolder() {
    }

    /** For a new run (backtest or paper) in {@code output}: refused if it would replace a journal it must not. */
    public static RunFolderLock claim(Path output, RunMode mode) {
        return claim(output, mode, true);
    }

    /** For a command that carries on with what the existing folder {@code runDir} holds (a resume, a report). */
    public static RunFolderLock claimExisting(Path runDir) {
        return claim(runDir, null, false);
    }

    private static RunFolderLock claim(Path folder, RunMode newRun, boolean create) {
        RunFolderGuard.refuseUnsafeLocation(folder);
        if (!create && !Files.isDirectory(folder)) throw new ConfigException("run folder not found: " + folder);
        if (create) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the run folder " + folder + ": " + e.getMessage(), e);
            }
        }
        RunFolderLock lock = RunFolderLock.acquire(folder);
        try {
            RunFolderGuard.refuseSymbolicLinks(folder);
            if (newRun != null) RunFolderGuard.refuseJournalOfAnotherRun(folder, newRun);
            AtomicFiles.removeLeftovers(folder);
            return lock;
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot tidy " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }
}
