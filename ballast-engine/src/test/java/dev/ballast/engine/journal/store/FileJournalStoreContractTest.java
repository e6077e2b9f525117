package dev.ballast.engine.journal.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The file store against the store contract, with small segments so that records cross segment boundaries. */
class FileJournalStoreContractTest extends JournalStoreContract {
    @TempDir
    Path dir;

    @Override
    protected JournalStore openStore() {
        return FileJournalStore.open(dir, FsyncPolicy.everyBatch(), 8192);
    }

    @Override
    protected JournalStore openForReading() {
        return FileJournalStore.openReadOnly(dir);
    }
}
