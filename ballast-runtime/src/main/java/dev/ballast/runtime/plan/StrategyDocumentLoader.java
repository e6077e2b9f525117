package dev.ballast.runtime.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import java.nio.CharBuffer;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.engine.strategy.lang.DocumentValidator;
import dev.ballast.engine.strategy.lang.StrategyDocument;
import dev.ballast.engine.strategy.lang.ValidationError;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a strategy document from YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) and
 * validates it: refuses files over {@value #MAX_BYTES} bytes, text that is not UTF-8, unknown keys and
 * wrong types (each with its path), duplicate keys, YAML anchors and aliases ({@link StrictYaml}) and deep
 * nesting; then runs the
 * {@link DocumentValidator} and checks the {@code risk} section as one strategy's risk limits of a run
 * configuration. Errors are "path: message" strings, without the file name. Stateless and thread-safe.
 */
public final class StrategyDocumentLoader {
    /** The largest document accepted, in bytes of UTF-8. */
    public static final int MAX_BYTES = 256 * 1024;
    /**
     * YAML aliases (*name) the parser lets through before {@link StrictYaml} refuses the first one: a
     * second line of defence against a "billion laughs".
     */
    public static final int MAX_YAML_ALIASES = 20;
    /** Nesting of mappings and lists, far above what a valid document needs (4). */
    public static final int MAX_NESTING = 40;

    private static final ObjectMapper YAML;
    private static final ObjectMapper JSON;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_YAML_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxStringLength(MAX_BYTES).maxNumberLength(100).build();
        YAMLFactory yaml = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
        YAML = configure(YAMLMapper.builder(yaml)).build();
        JSON = configure(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * What loading gave: the document and its warm-up when valid, else the errors.
     *
     * @param document   the valid document, or null when there are errors
     * @param errors     every problem as "path: message"; empty when valid
     * @param warmUpBars bars the document needs before its conditions have values (0 when invalid)
     */
    public record LoadResult(StrategyDocument document, List<String> errors, int warmUpBars) {
        public LoadResult {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        static LoadResult failed(String error) {
            return new LoadResult(null, List.of(error), 0);
        }
    }

    private StrategyDocumentLoader() {}

    /** Reads and validates a document file. Never throws for a bad file; errors name the problem. */
    public static LoadResult load(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Format format = Format.of(name);
        if (format == null) return LoadResult.failed("(file): expected a .yaml, .yml or .json file, got '" + name + "'");
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) return LoadResult.failed("(file): is a directory");
            if (Files.size(file) > MAX_BYTES) return LoadResult.failed(oversized(Files.size(file)));
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);   // the file may grow between size() and the read
            }
        } catch (NoSuchFileException e) {
            return LoadResult.failed("(file): file not found");
        } catch (IOException e) {
            return LoadResult.failed("(file): cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) return LoadResult.failed(oversized(bytes.length));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            return LoadResult.failed("(file): not UTF-8 text (invalid byte at offset " + offsetOfMalformed(bytes) + "); save it as UTF-8");
        } catch (CharacterCodingException e) {
            return LoadResult.failed("(file): not UTF-8 text; save it as UTF-8");
        }
        return read(text, format);
    }

    /**
     * Validates a document given as text (an LLM's answer, say). The format follows the name's
     * extension ({@code .json} is JSON, {@code .yaml}/{@code .yml} YAML); for other names a text that
     * starts with '{' is read as JSON, anything else as YAML.
     *
     * @param nameForErrors a name for the text, used only to choose the format
     */
    public static LoadResult parse(String text, String nameForErrors) {
        if (text == null) return LoadResult.failed("(document): is empty; expected a strategy document");
        if (text.length() > MAX_BYTES || utf8Length(text) > MAX_BYTES) return LoadResult.failed(oversized(utf8Length(text)));
        Format format = nameForErrors == null ? null : Format.of(nameForErrors);
        if (format == null) format = text.stripLeading().startsWith("{") ? Format.JSON : Format.YAML;
        return read(text, format);
    }

    private enum Format {
        YAML, JSON;

        static Format of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return YAML;
            if (lower.endsWith(".json")) return JSON;
            return null;
        }
    }

    private static LoadResult read(String text, Format format) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                return LoadResult.failed("(document): control character U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + " at line " + lineOf(text, i) + "; only printable text, tabs and line breaks are allowed");
            }
        }
        if (text.isBlank()) return LoadResult.failed("(document): is empty; expected a strategy document");
        StrategyDocument doc;
        String kind = format == Format.JSON ? "JSON" : "YAML";
        try {
            if (format == Format.YAML) StrictYaml.refuseAnchorsAndAliases(text);
            doc = (format == Format.JSON ? JSON : YAML).readValue(text, StrategyDocument.class);
        } catch (UnrecognizedPropertyException e) {
            String parent = JacksonErrors.parentPath(e, "");
            return LoadResult.failed(join(parent, e.getPropertyName()) + ": unknown key; valid keys"
                    + (parent.isEmpty() ? "" : " in " + parent) + ": "
                    + String.join(", ", new TreeSet<>(e.getKnownPropertyIds().stream().map(Object::toString).toList())));
        } catch (JsonMappingException e) {
            String duplicate = JacksonErrors.duplicateKey(e);
            if (duplicate != null) return LoadResult.failed(JacksonErrors.duplicateKeyMessage(duplicate) + line(e.getLocation()));
            return LoadResult.failed(JacksonErrors.path(e, "(document)") + ": " + JacksonErrors.plain(e.getOriginalMessage()) + line(e.getLocation()));
        } catch (JsonProcessingException e) {
            String duplicate = JacksonErrors.duplicateKey(e);
            if (duplicate != null) return LoadResult.failed(JacksonErrors.duplicateKeyMessage(duplicate) + line(e.getLocation()));
            return LoadResult.failed("(document): not valid " + kind + line(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            return LoadResult.failed("(document): not valid " + kind + ": " + firstLine(e.getMessage()));   // text in memory: not expected
        } catch (RuntimeException e) {
            // SnakeYAML reports its limits (aliases, nesting, size) as unchecked exceptions
            return LoadResult.failed("(document): refused " + kind + ": " + firstLine(String.valueOf(e.getMessage())));
        }
        if (doc == null) return LoadResult.failed("(document): is empty; expected a strategy document");
        List<String> errors = new ArrayList<>();
        for (ValidationError error : DocumentValidator.validate(doc)) errors.add(error.toString());
        errors.addAll(risk(doc));
        if (!errors.isEmpty()) return new LoadResult(null, errors, 0);
        return new LoadResult(doc, List.of(), DocumentValidator.warmUpBars(doc));
    }

    /**
     * The risk section of a document that loaded valid, as one strategy's limits of a run configuration, or
     * {@code null} when it has none. What a run applies ({@code risk.strategies} merged with it).
     */
    public static RunConfig.StrategyRisk riskSection(StrategyDocument doc) {
        return doc.risk() == null ? null : YAML.convertValue(doc.risk(), RunConfig.StrategyRisk.class);
    }

    /** The risk section as one strategy's limits: known keys and types, then the run configuration's checks. */
    private static List<String> risk(StrategyDocument doc) {
        if (doc.risk() == null) return List.of();
        RunConfig.StrategyRisk risk;
        try {
            risk = YAML.convertValue(doc.risk(), RunConfig.StrategyRisk.class);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof UnrecognizedPropertyException u) {
                String parent = JacksonErrors.parentPath(u, "");
                return List.of(join(join("risk", parent), u.getPropertyName()) + ": unknown key; valid keys in "
                        + join("risk", parent) + ": " + String.join(", ", new TreeSet<>(u.getKnownPropertyIds().stream().map(Object::toString).toList())));
            }
            if (e.getCause() instanceof JsonMappingException m) {
                return List.of(join("risk", JacksonErrors.path(m, "")) + ": " + JacksonErrors.plain(m.getOriginalMessage()));
            }
            return List.of("risk: " + e.getMessage());
        }
        return StrategyRiskCheck.check(risk);
    }

    // ---- messages ----

    private static String oversized(long bytes) {
        return "(file): oversized: " + bytes + " bytes; a strategy document is at most " + MAX_BYTES + " bytes (256 KiB)";
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes++;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }

    private static int offsetOfMalformed(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : -1;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int cut = message.indexOf('\n');
        return (cut < 0 ? message : message.substring(0, cut)).trim();
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : key.isEmpty() ? parent : parent + "." + key;
    }

}
