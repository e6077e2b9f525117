package dev.ballast.cli;

import dev.ballast.runtime.plan.ReplaySpeeds;
import picocli.CommandLine;

/** The {@code --speed} option of paper and live runs (see {@link ReplaySpeeds}). */
final class ReplaySpeed {
    private ReplaySpeed() {}

    /** The speed, or null when the option was not given. */
    static Double parse(String speed, CommandLine.Model.CommandSpec spec) {
        if (speed == null) return null;
        return ReplaySpeeds.parse(speed).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "--speed must be 'max' or a positive number such as 1 or 10, was '" + speed + "'"));
    }
}
