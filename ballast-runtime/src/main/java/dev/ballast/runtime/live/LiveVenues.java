package dev.ballast.runtime.live;

import dev.ballast.engine.clock.Clock;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.VenuePlan;

import java.nio.file.Path;

/** Opens the venue a live run's plan names, through its adapter module. */
public final class LiveVenues {
    private LiveVenues() {}

    /**
     * The venue of {@code plan}, its ids prefixed for this run (a new prefix when {@code fresh}, the run folder's
     * when resuming). Credentials are read now, from the environment or the owner-only file the plan names.
     */
    public static LiveVenue open(VenuePlan plan, Clock clock, Path runDir, boolean fresh) {
        String prefix = fresh ? OrderIdPrefix.create(runDir) : OrderIdPrefix.read(runDir);
        throw new ConfigException("broker.type " + plan.type() + ": the adapter is not built into this Ballast (prefix " + prefix + ")");
    }
}
