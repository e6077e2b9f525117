package dev.ballast.runtime.folder;

import dev.ballast.runtime.journal.JournalPointer;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.model.RunMode;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.RunJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * What a run may do to an output folder before it writes anything there. A folder holding a paper run's journal (its
 * files, or its {@value RunJournals#POINTER}) is the only record of what was traded: no run deletes or replaces it
 * (a paper run is resumed, never overwritten); a backtest replaces only a journal that a backtest wrote. A system
 * folder ({@code /}, {@code /etc}, {@code /usr}, the home folder itself, ...) is never an output folder, and symbolic
 * links are not followed: an output folder that is one, or holds one where a run writes, is refused.
 */
public final class RunFolderGuard {
    /** The folder and everything below it are the system's. */
    private static final List<String> SYSTEM_TREES = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32",
            "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys", "/usr", "/System", "/Library", "/private/etc");
    /** The folder itself is the system's (folders below may be a user's). */
    private static final List<String> SYSTEM_FOLDERS = List.of("/", "/home", "/root", "/tmp", "/var", "/var/tmp",
            "/opt", "/srv", "/mnt", "/media", "/Users", "/Applications", "/private", "/private/tmp", "/private/var");
    /** What runs write directly in their folder. */
    private static final List<String> WRITTEN = List.of(RunFolderLock.FILE, "journal", RunJournals.POINTER, "venue",
            "results.json", "orders.csv", "fills.csv", "trades.csv", "equity.csv", "equity.png", "report.html");

    /** What journal a folder holds. */
    enum Held {
        NONE, BACKTEST, PAPER, LIVE, UNKNOWN
    }

    private RunFolderGuard() {
    }

    /**
     * Refuses an output folder that is a system folder or the user's home folder, or that is a symbolic link. Checked
     * before the folder is created: nothing is written into a refused one.
     */
    public static void refuseUnsafeLocation(Path output) {
        Path absolute = output.toAbsolutePath().normalize();
        for (Path candidate : List.of(absolute, resolved(absolute))) {
            String text = candidate.toString();
            Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
            boolean system = SYSTEM_FOLDERS.contains(text) || candidate.equals(home);
            for (String tree : SYSTEM_TREES) system |= candidate.startsWith(tree);
            if (system) {
                throw new ConfigException(output + (candidate.equals(absolute) ? "" : " (" + candidate + ")")
                        + " is a system or home folder; give a folder of its own for the run (run.output or --out)");
            }
        }
        if (Files.isSymbolicLink(absolute)) {
            throw new ConfigException(output + " is a symbolic link; a run folder must be a real folder (links are not "
                    + "followed)");
        }
    }

    /** {@code path} with its existing part's symbolic links resolved: where writing into it would really go. */
    private static Path resolved(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return path;
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a folder with a symbolic link where a run writes: its own files, and in its journal and venue folders. */
    public static void refuseSymbolicLinks(Path output) {
        for (String name : WRITTEN) {
            Path entry = output.resolve(name);
            if (Files.isSymbolicLink(entry)) {
                throw new ConfigException(entry + " is a symbolic link; a run writes there and does not follow links: "
                        + "remove it or give another folder");
            }
        }
        for (Path folder : List.of(RunJournals.journalDir(output), output.resolve("venue"))) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) continue;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    if (Files.isSymbolicLink(entry)) {
                        throw new ConfigException(entry + " is a symbolic link; a run writes there and does not follow "
                                + "links: remove it or give another folder");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Refuses to start a new run in {@code output} when that would replace a journal it must not: a paper run takes
     * only a folder without any journal; a backtest also a folder holding a backtest's journal (which it replaces).
     */
    public static void refuseJournalOfAnotherRun(Path output, RunMode mode) {
        Held held = held(output);
        if (held == Held.NONE || (held == Held.BACKTEST && mode == RunMode.BACKTEST)) return;
        String what = switch (held) {
            case PAPER -> "the journal of a paper run";
            case LIVE -> "the journal of a live run";
            case BACKTEST -> "the journal of a backtest";
            default -> "the journal of a run that cannot be told (damaged, or written by another build)";
        };
        String resume = held == Held.PAPER ? "; resume it with `ballast paper --resume " + output + "`,"
                : held == Held.LIVE ? "; resume it with `ballast live --resume " + output + "`," : ";";
        throw new ConfigException(output + " already holds " + what + resume + " a run never replaces it: give another "
                + "--out (or run.output), or move that folder away");
    }

    private static Held held(String mode) {
        return switch (mode) {
            case "BACKTEST" -> Held.BACKTEST;
            case "PAPER" -> Held.PAPER;
            case "LIVE" -> Held.LIVE;
            case null, default -> Held.UNKNOWN;
        };
    }

    /** The journal {@code output} holds, if any, and of which kind of run. */
    static Held held(Path output) {
        if (Files.exists(JournalPointer.file(output), LinkOption.NOFOLLOW_LINKS)) {
            try {
                String mode = JournalPointer.read(output).mode();
                return held(mode);
            } catch (RuntimeException e) {
                return Held.UNKNOWN;
            }
        }
        Path dir = RunJournals.journalDir(output);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return Held.NONE;
        try {
            // Segments without a complete record (the run stopped before journaling its start): nothing to lose.
            if (FileJournalStore.holdsNoRecord(dir)) return Held.NONE;
        } catch (RuntimeException e) {
            return Held.UNKNOWN;
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            Iterator<JournalRecord> records = store.read(1);
            if (!records.hasNext()) return Held.NONE;
            JournalRecord first = records.next();
            if (RunJournal.decoder().decode(first.type(), first.payload()) instanceof RunJournal.RunStarted started) {
                return held(started.mode());
            }
            return Held.UNKNOWN;
        } catch (RuntimeException e) {
            return Held.UNKNOWN;
        }
    }
}
