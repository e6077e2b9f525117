package dev.ballast.cli.generate;

import java.time.Duration;

/** Waits between retries; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}
