package dev.ballast.cli.generate;

/**
 * Removes the API key from any text that may leave the process (messages, exceptions, provenance,
 * console lines): every occurrence of the key is replaced by {@code [REDACTED]}.
 */
public final class Redactor {
    public static final String MARK = "[REDACTED]";
    private final String secret;

    public Redactor(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    public String clean(String text) {
        if (text == null || secret == null) return text;
        return text.replace(secret, MARK);
    }
}
