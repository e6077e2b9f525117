package dev.ballast.cli.generate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the API key from any text that may leave the process (messages, exceptions, provenance,
 * console lines): every occurrence of the key is replaced by {@code [REDACTED]}, also when the key
 * appears escaped, as a service echoing it back may write it.
 *
 * <p>Each character of the key is matched in any of the forms an echo can give it, mixed freely within
 * one occurrence: literal; a JSON or Java escape {@code \u002d} (any hex case, with one or two
 * backslashes, so JSON inside a JSON string is caught too) or {@code \x2d}; URL-encoded {@code %2D}, also
 * double-encoded {@code %252D}; an HTML character reference {@code &#45;} / {@code &#x2d;}; and for
 * {@code /} the JSON escape {@code \/}. This has the effect of unescaping the text before redacting,
 * without changing anything else in it: provenance files are JSON whose own escapes must survive.
 * Immutable and thread-safe.
 */
public final class Redactor {
    public static final String MARK = "[REDACTED]";
    private final Pattern secret;

    public Redactor(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : Pattern.compile(anyEncoding(secret));
    }

    public String clean(String text) {
        if (text == null || secret == null) return text;
        return secret.matcher(text).replaceAll(Matcher.quoteReplacement(MARK));
    }

    /** Whether {@code text} holds the key in any of the recognised forms. */
    public boolean reveals(String text) {
        return text != null && secret != null && secret.matcher(text).find();
    }

    private static String anyEncoding(String secret) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < secret.length(); ) {
            int c = secret.codePointAt(i);
            i += Character.charCount(c);
            regex.append("(?:").append(Pattern.quote(new String(Character.toChars(c))));
            if (c < 0x100) {
                String hex = hexCaseless(String.format(Locale.ROOT, "%02x", c));
                regex.append("|\\\\{1,2}u00").append(hex)
                        .append("|\\\\{1,2}x").append(hex)
                        .append("|%(?:25)?").append(hex)
                        .append("|&#0*").append(c).append(';')
                        .append("|&#[xX]0*").append(hex).append(';');
            }
            if (c == '/') regex.append("|\\\\/");
            regex.append(')');
        }
        return regex.toString();
    }

    /** A hex byte that matches in either letter case: "2d" -> "2[dD]". */
    private static String hexCaseless(String hex) {
        StringBuilder out = new StringBuilder();
        for (char h : hex.toCharArray()) {
            if (Character.isLetter(h)) out.append('[').append(h).append(Character.toUpperCase(h)).append(']');
            else out.append(h);
        }
        return out.toString();
    }
}
