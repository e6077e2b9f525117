package dev.ballast.model.event;

/** A command from an operator (the CLI now, the control plane later). */
public sealed interface OperatorCommand extends Event permits StopEngine, QuarantineStrategy, HaltTrading, ResumeTrading,
        FlattenPositions {
}
