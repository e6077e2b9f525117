package dev.ballast.adapter.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.MessageStore;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mark of venue messages the journal holds, against QuickFIX/J's own file store: it sets the session back after a
 * restart, and it follows the store through a sequence reset (a venue's daily one), so that the protection still
 * holds in the new numbering.
 */
class RecordedSequenceTest {
    private static final SessionID SESSION = new SessionID("FIX.4.4", "BALLAST", "VENUE");

    @TempDir
    Path dir;

    private MessageStore store(RecordedSequence recorded) {
        SessionSettings settings = new SessionSettings();
        settings.setString(SESSION, "FileStorePath", dir.toString());
        return new PasswordFreeStoreFactory(settings, recorded).create(SESSION);
    }

    @Test
    void aRestartSetsTheSessionBackToTheFirstMessageTheJournalNeverHeld() throws IOException {
        RecordedSequence recorded = new RecordedSequence(dir);
        MessageStore store = store(recorded);
        store.setNextTargetMsgSeqNum(11); // messages 1 to 10 arrived
        recorded.advanceTo(recorded.generation(), 7); // the journal holds 1 to 7
        ((Closeable) store).close();

        MessageStore restarted = store(new RecordedSequence(dir));
        assertThat(restarted.getNextTargetMsgSeqNum()).as("the venue is asked again for 8 to 10").isEqualTo(8);
    }

    @Test
    void aSequenceResetStartsTheMarkAgainAndAReceiptFromBeforeItMovesNothing() throws IOException {
        RecordedSequence recorded = new RecordedSequence(dir);
        MessageStore store = store(recorded);
        store.setNextTargetMsgSeqNum(41);
        recorded.advanceTo(recorded.generation(), 40);
        int before = recorded.generation();

        store.reset(); // as QuickFIX/J does on a logon with ResetSeqNumFlag
        assertThat(recorded.value()).isZero();
        assertThat(Files.readString(dir.resolve("received-seq")).strip()).isEqualTo("0");
        recorded.advanceTo(before, 40); // journaled late, counted in the old numbering
        assertThat(recorded.value()).isZero();

        // In the new numbering messages 1 to 5 arrive and 1 to 3 are journaled; then the process dies.
        store.setNextTargetMsgSeqNum(6);
        recorded.advanceTo(recorded.generation(), 3);
        ((Closeable) store).close();
        MessageStore restarted = store(new RecordedSequence(dir));
        assertThat(restarted.getNextTargetMsgSeqNum()).as("4 and 5 are asked for again, in the new numbering")
                .isEqualTo(4);
    }
}
