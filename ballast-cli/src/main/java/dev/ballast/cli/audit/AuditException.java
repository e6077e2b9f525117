package dev.ballast.cli.audit;

/**
 * An audit command cannot run as asked: no run folder, no journal, a bad option value. The message names the path or
 * option and what is wrong; the CLI prints it and exits with code 2.
 */
public final class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }
}
