package dev.ballast.adapter.fix;

import quickfix.FileStoreFactory;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.field.Password;

import java.io.Closeable;
import java.io.IOException;
import java.util.logging.Logger;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;

/**
 * QuickFIX/J's {@link FileStoreFactory} (sequence numbers and sent messages on disk, so they survive restarts), with
 * one change: the session persists every message it sends, the Logon too, and a Logon carries the password (tag 554).
 * This store keeps the Logon without it. Nothing is lost: a Logon is never resent (a resend request gap-fills admin
 * messages).
 */
final class PasswordFreeStoreFactory implements MessageStoreFactory {
    private static final Logger LOG = Logger.getLogger(PasswordFreeStoreFactory.class.getName());
    private static final String PASSWORD_FIELD = "\u0001" + Password.FIELD + "=";

    private final FileStoreFactory files;
    private final RecordedSequence recorded;

    PasswordFreeStoreFactory(SessionSettings settings, RecordedSequence recorded) {
        this.files = new FileStoreFactory(settings);
        this.recorded = recorded;
    }

    /**
     * The session's store; when it counts venue messages received that the run's journal never held (a crash came
     * between), it is set back to expect the first of them, so that the venue sends them again.
     */
    @Override
    public MessageStore create(SessionID sessionID) {
        MessageStore store = files.create(sessionID);
        int mark = recorded.value();
        try {
            if (mark > 0 && store.getNextTargetMsgSeqNum() > mark + 1) {
                LOG.warning("FIX session " + sessionID + ": messages " + (mark + 1) + " to "
                        + (store.getNextTargetMsgSeqNum() - 1) + " arrived but were never journaled; asking the venue again");
                store.setNextTargetMsgSeqNum(mark + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the FIX session store of " + sessionID + " back to message " + (mark + 1), e);
        }
        return new PasswordFreeStore(store, recorded);
    }

    /** The message without its password field; any other message unchanged. */
    static String withoutPassword(String message) throws IOException {
        if (!message.contains(PASSWORD_FIELD)) return message;
        try {
            Message parsed = new Message(message, false);
            parsed.removeField(Password.FIELD);
            return parsed.toString();
        } catch (InvalidMessage e) {
            // Never store what could not be cleaned; the message is an admin one and will be gap-filled.
            throw new IOException("an outgoing message with a password field could not be parsed to remove it");
        }
    }

    /** Delegates to the file store, cleaning what it keeps; a reset of its sequence numbers resets the mark too. */
    private record PasswordFreeStore(MessageStore delegate, RecordedSequence recorded) implements MessageStore, Closeable {
        @Override
        public boolean set(int sequence, String message) throws IOException {
            return delegate.set(sequence, withoutPassword(message));
        }

        @Override
        public void get(int startSequence, int endSequence, Collection<String> messages) throws IOException {
            delegate.get(startSequence, endSequence, messages);
        }

        @Override
        public int getNextSenderMsgSeqNum() throws IOException {
            return delegate.getNextSenderMsgSeqNum();
        }

        @Override
        public int getNextTargetMsgSeqNum() throws IOException {
            return delegate.getNextTargetMsgSeqNum();
        }

        @Override
        public void setNextSenderMsgSeqNum(int next) throws IOException {
            delegate.setNextSenderMsgSeqNum(next);
        }

        @Override
        public void setNextTargetMsgSeqNum(int next) throws IOException {
            delegate.setNextTargetMsgSeqNum(next);
        }

        @Override
        public void incrNextSenderMsgSeqNum() throws IOException {
            delegate.incrNextSenderMsgSeqNum();
        }

        @Override
        public void incrNextTargetMsgSeqNum() throws IOException {
            delegate.incrNextTargetMsgSeqNum();
        }

        @Override
        public Date getCreationTime() throws IOException {
            return delegate.getCreationTime();
        }

        @Override
        public Calendar getCreationTimeCalendar() throws IOException {
            return delegate.getCreationTimeCalendar();
        }

        @Override
        public void reset() throws IOException {
            delegate.reset();
            recorded.reset();
        }

        @Override
        public void refresh() throws IOException {
            delegate.refresh();
        }

        @Override
        public void close() throws IOException {
            if (delegate instanceof Closeable closeable) closeable.close();
        }
    }
}
