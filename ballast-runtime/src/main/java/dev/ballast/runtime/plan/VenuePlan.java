package dev.ballast.runtime.plan;

import java.net.URI;
import java.time.Duration;

/**
 * Where a live run sends its orders, as the configuration's {@code broker.type} chose: the paper venue, a FIX 4.4
 * session or Alpaca. Backtests and paper runs always trade against the paper venue whatever this says, so one
 * configuration backtests and goes live unchanged. Credentials are only named here ({@link Credential}); they are
 * read when a live run opens the venue. Immutable.
 */
public sealed interface VenuePlan {
    /** The paper venue (the default). */
    VenuePlan PAPER = new Paper();

    /** The name of the type, as in the configuration. */
    String type();

    /** The simulated venue of {@code broker}'s latency, slippage and commission settings. */
    record Paper() implements VenuePlan {
        @Override
        public String type() {
            return "paper";
        }
    }

    /** A FIX 4.4 session (see the FIX adapter): where the venue listens, the session's ids and its behaviour. */
    record Fix(String host, int port, String senderCompId, String targetCompId, int heartbeatSeconds,
               boolean resetOnLogon, boolean resetOnLogout, boolean resetOnDisconnect, int maxMessagesPerSecond,
               Duration queryTimeout, String account, Credential password) implements VenuePlan {
        @Override
        public String type() {
            return "fix";
        }
    }

    /** Alpaca's REST API and trade_updates stream (see the Alpaca adapter). */
    record Alpaca(URI tradingUrl, URI streamUrl, Credential keyId, Credential secretKey, Duration streamSilence,
                  int maxRequestsPerMinute, Duration queryTimeout) implements VenuePlan {
        @Override
        public String type() {
            return "alpaca";
        }
    }
}
