package dev.ballast.cli;

/** picocli mixin carrying {@link RunOptions} into the backtest and paper commands. */
final class RunOptionsMixin extends RunOptions {
}
