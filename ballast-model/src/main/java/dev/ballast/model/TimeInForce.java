package dev.ballast.model;

/**
 * How long an order works: the trading day, until canceled, immediate-or-cancel (fill what can be
 * filled now, cancel the rest) or fill-or-kill (all now or nothing).
 */
public enum TimeInForce {
    DAY, GTC, IOC, FOK
}
