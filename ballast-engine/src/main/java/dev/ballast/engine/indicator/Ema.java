package dev.ballast.engine.indicator;

/** Placeholder until implemented: see Indicator. */
public final class Ema implements Indicator {
    public Ema(int period) {
        throw new UnsupportedOperationException("Ema is not implemented yet");
    }

    @Override
    public void update(double value) {}

    @Override
    public boolean isReady() {
        return false;
    }

    @Override
    public double value() {
        return Double.NaN;
    }

    @Override
    public long count() {
        return 0;
    }
}
