package dev.ballast.model.event;

/**
 * A command from an operator (the CLI, a signal, the control plane later): an engine input like any other, handled
 * on the engine thread in the order it arrived and journaled as an input with {@link #operator who gave it}.
 */
public sealed interface OperatorCommand extends Event permits StopEngine, QuarantineStrategy, UnquarantineStrategy,
        HaltTrading, ReduceOnly, ResumeTrading, FlattenPositions {
    /** The issuer of the engine's own commands (the feed's stop at the end of the data). */
    String ENGINE = "engine";

    /** Who gave the command: an operator's name, {@code signal:SIGTERM}, or {@link #ENGINE}. Never blank. */
    String operator();

    /** Refuses a missing or blank issuer: a command nobody gave cannot be audited. */
    static String requireOperator(String operator) {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("an operator command needs the operator who gave it");
        }
        return operator;
    }
}
