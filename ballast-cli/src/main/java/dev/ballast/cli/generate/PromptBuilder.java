package dev.ballast.cli.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The system prompt: the language's rules, the indicator list, the expression functions, the JSON Schema
 * and one or two example documents. The schema and examples are read from the project
 * ({@code docs/strategy-language/strategy-v1.schema.json}, {@code examples/strategies/*.yaml}) when
 * present under the given root, and otherwise from the embedded resources under {@code generate/}.
 */
public final class PromptBuilder {
    public static final List<String> INDICATORS = List.of("sma", "ema", "rsi", "stddev", "roc", "highest", "lowest");
    public static final List<String> FUNCTIONS = List.of("crosses_above(a, b)", "crosses_below(a, b)", "abs(x)",
            "min(a, b)", "max(a, b)", "log(x)", "sqrt(x)");
    static final String SCHEMA_PATH = "docs/strategy-language/strategy-v1.schema.json";
    static final String EXAMPLES_DIR = "examples/strategies";
    private static final int MAX_EXAMPLES = 2;
    private static final long MAX_FILE_BYTES = 256 * 1024;

    private final Path root;

    /** @param root the project folder to look for the schema and examples in (null: only the embedded ones) */
    public PromptBuilder(Path root) {
        this.root = root;
    }

    public String systemPrompt() {
        String examples = String.join("\n\n", examples().stream()
                .map(e -> "Example document:\n```yaml\n" + e.strip() + "\n```").toList());
        return resource("system-prompt.md")
                .replace("{{INDICATORS}}", indicatorList())
                .replace("{{FUNCTIONS}}", String.join(", ", FUNCTIONS))
                .replace("{{SCHEMA}}", schema().strip())
                .replace("{{EXAMPLES}}", examples)
                .strip();
    }

    public String userPrompt(String idea) {
        return "Write a strategy document for this idea:\n\n" + idea.strip();
    }

    /** The follow-up message that sends a rejected document's errors back to the model. */
    public static String repairPrompt(List<String> errors) {
        StringBuilder sb = new StringBuilder("Your document has these errors:\n");
        for (String e : errors) sb.append("- ").append(e).append('\n');
        return sb.append("Answer with the corrected document only.").toString();
    }

    private static String indicatorList() {
        return """
                - sma: simple moving average of source over period bars
                - ema: exponential moving average of source over period bars
                - rsi: relative strength index (0..100) of source over period bars
                - stddev: standard deviation of source over period bars
                - roc: rate of change of source over period bars, in percent
                - highest: highest value of source over period bars
                - lowest: lowest value of source over period bars
                Each takes a source (open, high, low, close, volume; default close) and a period.""";
    }

    String schema() {
        if (root != null) {
            Path file = root.resolve(SCHEMA_PATH);
            if (Files.isRegularFile(file)) return read(file);
        }
        return resource("strategy-v1.schema.json");
    }

    List<String> examples() {
        List<String> found = new ArrayList<>();
        if (root != null && Files.isDirectory(root.resolve(EXAMPLES_DIR))) {
            try (Stream<Path> files = Files.list(root.resolve(EXAMPLES_DIR))) {
                files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                        .sorted().limit(MAX_EXAMPLES).forEach(f -> found.add(read(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.isEmpty()) {
            found.add(resource("example-sma-crossover.yaml"));
            found.add(resource("example-rsi-mean-reversion.yaml"));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw new UncheckedIOException(new IOException(file + ": too large for a prompt"));
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = PromptBuilder.class.getResourceAsStream("/generate/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource /generate/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
