package dev.ballast.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * House rules a compiler does not check, over every module's Java sources: types are imported, not written inline
 * with their package ({@code java.util.List} in code), except where the simple name is taken by another import or
 * a type of the file (a genuine clash).
 */
class SourceHygieneTest {
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.@])((?:java|javax|dev\\.ballast|com|org|picocli|io)(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import ([\\w.]+)\\.(\\w+);");
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|record|enum)\\s+(\\w+)");

    @Test
    void typesAreImportedNotWrittenWithTheirPackage() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            for (Path file : files.filter(SourceHygieneTest::isSource).toList()) found.addAll(inlineNames(file));
        }
        assertThat(found).as("inline fully-qualified type names (import them)").isEmpty();
    }

    private static boolean isSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/") && !path.contains("/target/");
    }

    private static List<String> inlineNames(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> imports = new HashMap<>();
        Matcher imported = IMPORT.matcher(text);
        while (imported.find()) imports.put(imported.group(2), imported.group(1) + "." + imported.group(2));
        Set<String> declared = new HashSet<>();
        Matcher declaration = DECLARED.matcher(text);
        while (declaration.find()) declared.add(declaration.group(1));
        String code = codeOnly(text);
        List<String> found = new ArrayList<>();
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String simple = qualified.group(2);
            String full = qualified.group(1) + "." + simple;
            boolean clash = declared.contains(simple) || (imports.containsKey(simple) && !imports.get(simple).equals(full));
            if (!clash) found.add(file.normalize() + ": " + full);
        }
        return found;
    }

    /** The text with comments, string and character literals, package and import lines blanked out. */
    private static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.startsWith("//", i) || text.startsWith("package ", i) && atLineStart(text, i)
                    || text.startsWith("import ", i) && atLineStart(text, i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                char quote = text.charAt(i);
                int j = i + 1;
                while (j < n && text.charAt(j) != quote) j += text.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
                out.append(quote).append(quote);
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean atLineStart(String text, int i) {
        return i == 0 || text.charAt(i - 1) == '\n';
    }
}
