package dev.ballast.engine.indicator;

/** Placeholder until implemented: see Indicator. */
public final class RateOfChange implements Indicator {
    public RateOfChange(int period) {
        throw new UnsupportedOperationException("RateOfChange is not implemented yet");
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
