package dev.ballast.model;

/**
 * A tradable instrument: its symbol and the contract terms every order and fill is checked against.
 * Notional = quantity x price x {@code multiplier}. Immutable.
 *
 * @param currency ISO 4217 code of the quote currency (one currency per account in this version)
 * @param tickSize smallest price increment; order prices must be multiples of it
 * @param lotSize  smallest quantity increment; order quantities must be multiples of it
 */
public record Instrument(Symbol symbol, AssetClass assetClass, String currency, Price tickSize, Quantity lotSize,
                         long multiplier) {
    public Instrument {
        if (symbol == null) throw new IllegalArgumentException("instrument symbol is required");
        if (assetClass == null) throw new IllegalArgumentException("instrument " + symbol + ": asset class is required");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("instrument " + symbol + ": currency '" + currency + "' is not a 3-letter ISO code");
        }
        if (tickSize == null || !tickSize.isPositive()) throw new IllegalArgumentException("instrument " + symbol + ": tick size must be positive");
        if (lotSize == null || !lotSize.isPositive()) throw new IllegalArgumentException("instrument " + symbol + ": lot size must be positive");
        if (multiplier <= 0) throw new IllegalArgumentException("instrument " + symbol + ": multiplier must be positive");
    }

    /** An equity in {@code currency} with a one-cent tick, one-share lots and multiplier 1. */
    public static Instrument equity(Symbol symbol, String currency) {
        return new Instrument(symbol, AssetClass.EQUITY, currency, Price.of("0.01"), Quantity.ofUnits(1), 1);
    }
}
