package dev.ballast.engine.broker.paper;

import dev.ballast.engine.clock.Clock;

/** A clock the test moves by hand. Single-threaded. */
final class TestClock implements Clock {
    private long now;

    TestClock(long start) {
        this.now = start;
    }

    @Override
    public long nanos() {
        return now;
    }

    void set(long time) {
        now = time;
    }
}
