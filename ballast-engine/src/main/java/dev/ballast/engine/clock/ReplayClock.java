package dev.ballast.engine.clock;

/**
 * Engine time for paper trading over a replayed file: the data's own time, running on between
 * events at the replay speed. The engine advances it to each market event's timestamp; between
 * events it moves with the wall clock times the speed (1 = real time), so that latency and timers
 * behave as they would live. At speed 0 ("as fast as possible") it moves only with the data.
 *
 * <p>Thread-safe: the engine thread advances it, any thread may read it. Never runs backwards.
 */
public final class ReplayClock implements DataDrivenClock {
    private final double speed;
    private volatile long dataTime = Long.MIN_VALUE;
    private volatile long wallAtDataTime = System.nanoTime();

    /** @param speed replay speed; 0 for data-driven time only */
    public ReplayClock(double speed) {
        if (speed < 0 || Double.isNaN(speed)) throw new IllegalArgumentException("speed must be 0 or positive, was " + speed);
        this.speed = speed;
    }

    @Override
    public long nanos() {
        long base = dataTime;
        if (speed == 0 || base == Long.MIN_VALUE) return base;
        return base + (long) ((System.nanoTime() - wallAtDataTime) * speed);
    }

    @Override
    public void advanceTo(long time) {
        long now = nanos();
        long next = Math.max(now, time);
        wallAtDataTime = System.nanoTime();
        dataTime = next;
    }
}
