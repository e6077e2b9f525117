package dev.ballast.adapter.fix;

import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The session's log: its events (logon, resend requests, sequence problems) go to java.util.logging; the messages
 * themselves are never logged, because an outgoing Logon carries the password. An event that quotes a message has any
 * password field masked, in case QuickFIX/J quotes one.
 */
final class SessionEventLogFactory implements LogFactory {
    private static final Logger LOG = Logger.getLogger("dev.ballast.adapter.fix.session");
    private static final Pattern PASSWORD = Pattern.compile("(^|\u0001)554=[^\u0001]*");

    @Override
    public Log create(SessionID sessionID) {
        return new EventLog(sessionID.toString());
    }

    static String masked(String text) {
        return PASSWORD.matcher(text).replaceAll("$1554=(hidden)");
    }

    private record EventLog(String session) implements Log {
        @Override
        public void clear() {
        }

        @Override
        public void onIncoming(String message) {
        }

        @Override
        public void onOutgoing(String message) {
        }

        @Override
        public void onEvent(String text) {
            LOG.fine(() -> session + ": " + masked(text));
        }

        @Override
        public void onErrorEvent(String text) {
            LOG.log(Level.WARNING, () -> session + ": " + masked(text));
        }

        @Override
        public void onWarnEvent(String text) {
            LOG.log(Level.WARNING, () -> session + ": " + masked(text));
        }
    }
}
