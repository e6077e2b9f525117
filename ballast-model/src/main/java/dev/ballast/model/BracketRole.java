package dev.ballast.model;

/** An order's part in a bracket: the entry, or one of the two exits that cancel each other. */
public enum BracketRole {
    NONE, ENTRY, TAKE_PROFIT, STOP_LOSS
}
