package dev.ballast.cli.generate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the strategy document out of a model's answer: the first fenced block marked yaml, yml or json;
 * else the first unmarked fenced block; else the whole answer. Null when the answer is blank.
 */
public final class DocumentExtractor {
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*([A-Za-z]*)[^\\n]*\\n(.*?)```", Pattern.DOTALL);

    private DocumentExtractor() {}

    public static String extract(String answer) {
        if (answer == null || answer.isBlank()) return null;
        Matcher m = FENCE.matcher(answer);
        String unmarked = null;
        while (m.find()) {
            String lang = m.group(1).toLowerCase(Locale.ROOT);
            String body = m.group(2);
            if (lang.equals("yaml") || lang.equals("yml") || lang.equals("json")) return body.strip() + "\n";
            if (lang.isEmpty() && unmarked == null) unmarked = body;
        }
        if (unmarked != null) return unmarked.strip() + "\n";
        return answer.strip() + "\n";
    }
}
