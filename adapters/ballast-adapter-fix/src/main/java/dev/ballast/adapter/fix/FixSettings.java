package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.Secret;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach a FIX 4.4 venue as the initiator of one session. Immutable; {@link #toString} never shows the password
 * ({@link Secret} hides it).
 *
 * @param storeDir           where QuickFIX/J keeps the session's sequence numbers and sent messages (they survive
 *                           restarts), and the adapter its list of submitted orders
 * @param resetOnLogon       reset sequence numbers at each logon (off unless the venue asks for it; likewise the two
 *                           below)
 * @param maxMessagesPerSecond the most orders, cancels and replaces sent per second
 * @param queryTimeout       how long {@link FixBroker#queryState} waits for the venue's answers
 * @param account            FIX Account (tag 1) on every order, or {@code null}
 * @param password           the Logon password (tag 554), or {@code null}
 */
public record FixSettings(String host, int port, String senderCompId, String targetCompId, Path storeDir,
                          int heartbeatSeconds, boolean resetOnLogon, boolean resetOnLogout, boolean resetOnDisconnect,
                          int maxMessagesPerSecond, Duration queryTimeout, String account, Secret password) {
    public FixSettings {
        requireText("host", host);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("FIX port must be 1..65535, got " + port);
        requireCompId("senderCompId", senderCompId);
        requireCompId("targetCompId", targetCompId);
        if (storeDir == null) throw new IllegalArgumentException("FIX storeDir is required (sequence numbers are kept there)");
        if (heartbeatSeconds < 1) {
            throw new IllegalArgumentException("FIX heartbeatSeconds must be at least 1, got " + heartbeatSeconds);
        }
        if (maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("FIX maxMessagesPerSecond must be at least 1, got " + maxMessagesPerSecond);
        }
        if (queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("FIX queryTimeout must be positive, got " + queryTimeout);
        }
        if (account != null) requireFieldText("account", account);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("FIX " + name + " is required");
    }

    private static void requireCompId(String name, String value) {
        requireText(name, value);
        requireFieldText(name, value);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                throw new IllegalArgumentException("FIX " + name + " '" + value + "' contains whitespace");
            }
        }
    }

    /** A FIX field value cannot hold the field separator (SOH) or other control characters. */
    private static void requireFieldText(String name, String value) {
        if (value.isBlank()) throw new IllegalArgumentException("FIX " + name + " must not be blank");
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(String.format("FIX %s contains the control character U+%04X",
                        name, (int) value.charAt(i)));
            }
        }
    }
}
