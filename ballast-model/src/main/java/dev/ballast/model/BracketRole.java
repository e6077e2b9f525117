package dev.ballast.model;

/** An order's part in a bracket: the entry, or one of the two exits that cancel each other. */
public enum BracketRole {
    NONE, ENTRY, TAKE_PROFIT, STOP_LOSS;

    /** Whether this is one of the two exits: such an order may only reduce the position its entry opened. */
    public boolean isExit() {
        return this == TAKE_PROFIT || this == STOP_LOSS;
    }
}
