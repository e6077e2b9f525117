package dev.ballast.cli.report;

/** A run folder that cannot be reported on (missing, unreadable or corrupt file); the message names the file. */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
