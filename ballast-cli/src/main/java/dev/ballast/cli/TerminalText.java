package dev.ballast.cli;

import java.util.Locale;

/**
 * Text from untrusted input (documents, data files, run configurations, journals, LLM answers) made safe
 * to print on a terminal: every control character is written as {@code \}{@code uXXXX} instead of being
 * sent raw, so an id, a name, a symbol or an error message quoting one cannot clear the screen, set the
 * window title, move the cursor or reorder what follows it. Escaped: C0 controls (U+0000..U+001F), DEL,
 * C1 controls (U+0080..U+009F, which some terminals take as ESC sequences), the line and paragraph
 * separators, and the bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069: "Trojan Source" reordering). Everything else, other scripts included, is kept.
 * Stateless.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code text} on one line: every control escaped, line breaks and tabs included. "null" for null. */
    public static String safe(Object text) {
        return escape(String.valueOf(text), false);
    }

    /** As {@link #safe}, but keeps line feeds and tabs, for messages that are meant to span lines. */
    public static String safeLines(Object text) {
        return escape(String.valueOf(text), true);
    }

    /** Whether {@code codePoint} is escaped by {@link #safe}. */
    public static boolean isControl(int codePoint) {
        return codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)
                || codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x2028 || codePoint == 0x2029;
    }

    private static String escape(String text, boolean keepLines) {
        int first = firstUnsafe(text, keepLines);
        if (first < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);   // every escaped character is in the BMP, so chars suffice
            if (isControl(c) && !(keepLines && (c == '\n' || c == '\t'))) {
                out.append("\\u").append(String.format(Locale.ROOT, "%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text, boolean keepLines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && !(keepLines && (c == '\n' || c == '\t'))) return i;
        }
        return -1;
    }
}
