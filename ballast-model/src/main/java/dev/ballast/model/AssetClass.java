package dev.ballast.model;

/** The kind of instrument; decides nothing in the core engine yet but travels with every instrument. */
public enum AssetClass {
    EQUITY, FUTURE, FX, CRYPTO, OPTION, INDEX
}
