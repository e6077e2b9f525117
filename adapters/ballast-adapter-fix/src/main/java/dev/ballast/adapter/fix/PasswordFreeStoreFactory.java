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
    private static final String PASSWORD_FIELD = "\u0001" + Password.FIELD + "=";

    private final FileStoreFactory files;

    PasswordFreeStoreFactory(SessionSettings settings) {
        this.files = new FileStoreFactory(settings);
    }

    @Override
    public MessageStore create(SessionID sessionID) {
        return new PasswordFreeStore(files.create(sessionID));
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

    /** Delegates to the file store, cleaning what it keeps. */
    private record PasswordFreeStore(MessageStore delegate) implements MessageStore, Closeable {
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
