package dev.ballast.cli;

import picocli.CommandLine;

import java.util.Locale;

/** The {@code --speed} option of paper and live runs: {@code max} (0), or a positive factor such as 1, 10 or 10x. */
final class ReplaySpeed {
    private ReplaySpeed() {}

    /** The speed, or null when the option was not given. */
    static Double parse(String speed, CommandLine.Model.CommandSpec spec) {
        if (speed == null) return null;
        String text = speed.trim().toLowerCase(Locale.ROOT);
        if (text.equals("max")) return 0.0;
        double parsed;
        try {
            parsed = Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            parsed = -1.0;
        }
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--speed must be 'max' or a positive number such as 1 or 10, was '" + speed + "'");
        }
        return parsed;
    }
}
