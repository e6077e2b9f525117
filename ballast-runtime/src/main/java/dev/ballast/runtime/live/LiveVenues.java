package dev.ballast.runtime.live;

import dev.ballast.adapter.alpaca.AlpacaBroker;
import dev.ballast.adapter.alpaca.AlpacaSettings;
import dev.ballast.adapter.fix.FixBroker;
import dev.ballast.adapter.fix.FixSettings;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.broker.Secret;
import dev.ballast.engine.clock.Clock;
import dev.ballast.runtime.plan.VenuePlan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Opens the venue a live run's plan names, through its adapter module. */
public final class LiveVenues {
    private LiveVenues() {}

    /**
     * The secrets a venue's plan names, read once: a FIX Logon password (null when the venue needs none), or Alpaca's
     * key id and secret key. {@link Secret} never prints its value.
     */
    public record Credentials(Secret fixPassword, Secret alpacaKeyId, Secret alpacaSecretKey) {
        static final Credentials NONE = new Credentials(null, null, null);
    }

    /**
     * Reads the credentials {@code plan} names, from the environment or the owner-only file, so that a missing or
     * exposed one is refused (a {@code ConfigException} naming it) before the run writes anything (its journal, its
     * prefix), and so that the venue is opened with what was checked, not with a second read.
     */
    public static Credentials readCredentials(VenuePlan plan) {
        return switch (plan) {
            case VenuePlan.Fix fix -> new Credentials(fix.password() == null ? null : fix.password().resolve(), null, null);
            case VenuePlan.Alpaca alpaca -> new Credentials(null, alpaca.keyId().resolve(), alpaca.secretKey().resolve());
            case VenuePlan.Paper paper -> Credentials.NONE;
        };
    }

    /**
     * The venue of {@code plan}, its ids prefixed for this run (a new prefix when {@code fresh}, the run folder's
     * when resuming; Alpaca lists orders and fills from the run's first start, see {@link VenueSince}), logging on
     * with {@code credentials} (see {@link #readCredentials}). A FIX session keeps its sequence numbers in the run
     * folder ({@code venue/fix-store}), so a resume continues them; the Alpaca adapter its lists of the orders it
     * posted and of the executions the journal holds ({@code venue/}).
     */
    public static LiveVenue open(VenuePlan plan, Credentials credentials, Clock clock, Path runDir, boolean fresh) {
        String prefix = fresh ? OrderIdPrefix.create(runDir) : OrderIdPrefix.read(runDir);
        return switch (plan) {
            case VenuePlan.Fix fix -> {
                FixBroker adapter = new FixBroker(new FixSettings(fix.host(), fix.port(), fix.senderCompId(),
                        fix.targetCompId(), runDir.resolve("venue").resolve("fix-store"), fix.heartbeatSeconds(),
                        fix.resetOnLogon(), fix.resetOnLogout(), fix.resetOnDisconnect(), fix.maxMessagesPerSecond(),
                        fix.queryTimeout(), fix.account(), credentials.fixPassword()), clock);
                yield venue(adapter, adapter::start, adapter, prefix, fix.queryTimeout());
            }
            case VenuePlan.Alpaca alpaca -> {
                Instant since = fresh ? VenueSince.create(runDir) : VenueSince.read(runDir);
                AlpacaBroker adapter = new AlpacaBroker(new AlpacaSettings(alpaca.tradingUrl(), alpaca.streamUrl(),
                        credentials.alpacaKeyId().reveal(), credentials.alpacaSecretKey(), alpaca.streamSilence(),
                        alpaca.maxRequestsPerMinute(), alpaca.queryTimeout()), clock, since, runDir.resolve("venue"));
                yield venue(adapter, adapter::start, adapter, prefix, alpaca.queryTimeout());
            }
            case VenuePlan.Paper paper -> throw new IllegalArgumentException("the paper venue is built by the run itself");
        };
    }

    private static LiveVenue venue(BrokerageInterface adapter, Runnable start, AutoCloseable close, String prefix,
                                   Duration queryTimeout) {
        ReconnectReconciliation reconnects = new ReconnectReconciliation(queryTimeout);
        VenueOrderIds broker = new VenueOrderIds(adapter, prefix, change -> {
            reconnects.changed(change.connected());
        });
        return new LiveVenue(broker, start, close, queryTimeout, reconnects);
    }
}
