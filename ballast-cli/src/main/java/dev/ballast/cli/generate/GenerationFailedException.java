package dev.ballast.cli.generate;

import java.util.List;

/**
 * The model did not produce a valid strategy document within the repair limit. The message carries the
 * last attempt's errors. The CLI prints it and exits with {@link dev.ballast.cli.BallastCli#GENERATION_FAILED}.
 */
public final class GenerationFailedException extends RuntimeException {
    private final List<String> lastErrors;

    public GenerationFailedException(String message, List<String> lastErrors) {
        super(message, null, false, false);
        this.lastErrors = List.copyOf(lastErrors);
    }

    public List<String> lastErrors() {
        return lastErrors;
    }
}
