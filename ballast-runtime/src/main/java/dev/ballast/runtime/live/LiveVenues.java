package dev.ballast.runtime.live;

import dev.ballast.adapter.alpaca.AlpacaBroker;
import dev.ballast.adapter.alpaca.AlpacaSettings;
import dev.ballast.adapter.fix.FixBroker;
import dev.ballast.adapter.fix.FixSettings;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.runtime.plan.VenuePlan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Opens the venue a live run's plan names, through its adapter module. */
public final class LiveVenues {
    private LiveVenues() {}

    /**
     * The venue of {@code plan}, its ids prefixed for this run (a new prefix when {@code fresh}, the run folder's
     * when resuming; Alpaca lists orders and fills from the run's first start, see {@link VenueSince}). Credentials
     * are read now, from the environment or the owner-only file the plan names. A FIX
     * session keeps its sequence numbers in the run folder ({@code venue/fix-store}), so a resume continues them; the
     * Alpaca adapter its lists of the orders it posted and of the executions the journal holds ({@code venue/}).
     */
    /**
     * Reads the credentials {@code plan} names, so that a missing or exposed one is refused (a {@code ConfigException}
     * naming it) before the run writes anything: its journal, its prefix.
     */
    public static void checkCredentials(VenuePlan plan) {
        switch (plan) {
            case VenuePlan.Fix fix -> {
                if (fix.password() != null) fix.password().resolve();
            }
            case VenuePlan.Alpaca alpaca -> {
                alpaca.keyId().resolve();
                alpaca.secretKey().resolve();
            }
            case VenuePlan.Paper paper -> { }
        }
    }

    public static LiveVenue open(VenuePlan plan, Clock clock, Path runDir, boolean fresh) {
        String prefix = fresh ? OrderIdPrefix.create(runDir) : OrderIdPrefix.read(runDir);
        return switch (plan) {
            case VenuePlan.Fix fix -> {
                FixBroker adapter = new FixBroker(new FixSettings(fix.host(), fix.port(), fix.senderCompId(),
                        fix.targetCompId(), runDir.resolve("venue").resolve("fix-store"), fix.heartbeatSeconds(),
                        fix.resetOnLogon(), fix.resetOnLogout(), fix.resetOnDisconnect(), fix.maxMessagesPerSecond(),
                        fix.queryTimeout(), fix.account(), fix.password() == null ? null : fix.password().resolve()), clock);
                yield venue(adapter, adapter::start, adapter, prefix, fix.queryTimeout());
            }
            case VenuePlan.Alpaca alpaca -> {
                Instant since = fresh ? VenueSince.create(runDir) : VenueSince.read(runDir);
                AlpacaBroker adapter = new AlpacaBroker(new AlpacaSettings(alpaca.tradingUrl(), alpaca.streamUrl(),
                        alpaca.keyId().resolve().reveal(), alpaca.secretKey().resolve(), alpaca.streamSilence(),
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
