package dev.ballast.engine.broker.paper;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How the {@link PaperBroker} simulates its venue. Immutable; safe to share between threads.
 *
 * @param latency        delay between a request (submit, cancel, modify) and its effect at the venue; {@code >= 0}
 * @param maxVolumeShare the largest share of one bar's (tick's, quote side's) volume one order may fill
 *                       on it, in {@code (0, 1]}; converted once to eight-decimal fixed point
 * @param slippage       cost model of marketable fills (market orders, triggered stops)
 * @param commission     fee model applied to every fill
 * @param dayZone        time zone whose calendar date ends DAY orders
 * @param seed           seed of the broker's {@link java.util.SplittableRandom}, used by random slippage models
 */
public record PaperBrokerSettings(Duration latency, double maxVolumeShare, SlippageModel slippage,
                                  CommissionModel commission, ZoneId dayZone, long seed) {
    public PaperBrokerSettings {
        if (latency == null || latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0: " + latency);
        if (!(maxVolumeShare > 0 && maxVolumeShare <= 1)) {
            throw new IllegalArgumentException("maxVolumeShare must be in (0, 1]: " + maxVolumeShare);
        }
        if (slippage == null) throw new IllegalArgumentException("slippage model is required");
        if (commission == null) throw new IllegalArgumentException("commission model is required");
        if (dayZone == null) throw new IllegalArgumentException("day zone is required");
    }

    /** Zero latency, whole-bar liquidity, no slippage, no commission, UTC days, seed 0: a frictionless venue. */
    public static PaperBrokerSettings defaults() {
        return new PaperBrokerSettings(Duration.ZERO, 1.0, SlippageModel.none(), CommissionModel.none(), ZoneOffset.UTC, 0L);
    }

    public PaperBrokerSettings withLatency(Duration value) {
        return new PaperBrokerSettings(value, maxVolumeShare, slippage, commission, dayZone, seed);
    }

    public PaperBrokerSettings withMaxVolumeShare(double value) {
        return new PaperBrokerSettings(latency, value, slippage, commission, dayZone, seed);
    }

    public PaperBrokerSettings withSlippage(SlippageModel value) {
        return new PaperBrokerSettings(latency, maxVolumeShare, value, commission, dayZone, seed);
    }

    public PaperBrokerSettings withCommission(CommissionModel value) {
        return new PaperBrokerSettings(latency, maxVolumeShare, slippage, value, dayZone, seed);
    }

    public PaperBrokerSettings withDayZone(ZoneId value) {
        return new PaperBrokerSettings(latency, maxVolumeShare, slippage, commission, value, seed);
    }

    public PaperBrokerSettings withSeed(long value) {
        return new PaperBrokerSettings(latency, maxVolumeShare, slippage, commission, dayZone, value);
    }
}
