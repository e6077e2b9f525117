package dev.ballast.cli.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.runtime.plan.ConfigException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to ask the LLM service, resolved from (highest first): command-line flags, the
 * {@code BALLAST_LLM_*} environment variables, the {@code generation:} section of a config file, the
 * generic {@code OPENAI_API_KEY} / {@code OPENAI_BASE_URL} variables, and defaults. Ballast's own
 * variables beat the file because they are set on purpose for Ballast; the generic OpenAI ones are
 * ambient (set for every tool in a shell), so an explicit file wins over them.
 *
 * <p>The config file's section (every key optional; other top-level sections of the file are ignored):
 * <pre>
 * generation:
 *   provider: openai               # or azure (path deployments/{model}/chat/completions?api-version=..., api-key header)
 *   baseUrl: http://127.0.0.1:11434/v1
 *   model: llama3.1
 *   apiKeyEnv: MY_LLM_KEY          # the variable holding the key (keys do not belong in files; apiKey: is accepted too)
 *   azureApiVersion: 2024-10-21
 *   connectTimeoutSeconds: 10
 *   requestTimeoutSeconds: 120     # deadline per HTTP try over the whole answer: headers and body
 *   maxAttempts: 4                 # HTTP tries per request (timeouts, 429, 5xx, connection errors)
 *   maxRetryAfterSeconds: 60       # cap on a 429's Retry-After
 *   maxRepairs: 3                  # follow-up requests that send validation errors back
 *   temperature: 0.2
 *   registry: strategies
 * </pre>
 * {@link #toString()} never shows the key.
 */
public record GenerationSettings(String provider, URI baseUrl, String model, String apiKey, String azureApiVersion,
                                 Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                                 Duration maxRetryAfter, Duration backoffBase, Duration backoffMax, int maxRepairs,
                                 double temperature, Path registry) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    public GenerationSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (!provider.equals("openai") && !provider.equals("azure"))
            throw new ConfigException("generation.provider: '" + provider + "' is not supported (valid: openai, azure)");
        if (maxAttempts < 1) throw new ConfigException("generation.maxAttempts: must be at least 1");
        if (maxRepairs < 0) throw new ConfigException("generation.maxRepairs: must be 0 or more");
    }

    /** A copy with other retry timings (tests). */
    public GenerationSettings withTimings(Duration requestTimeout, Duration backoffBase, Duration backoffMax) {
        return new GenerationSettings(provider, baseUrl, model, apiKey, azureApiVersion, connectTimeout, requestTimeout,
                maxAttempts, maxRetryAfter, backoffBase, backoffMax, maxRepairs, temperature, registry);
    }

    @Override
    public String toString() {
        return "GenerationSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : Redactor.MARK) + ", maxAttempts=" + maxAttempts + ", maxRepairs=" + maxRepairs + "]";
    }

    /** Values given on the command line; null when not given. */
    public record Flags(String baseUrl, String model, Path registry, Integer maxRepairs) {
        public static final Flags NONE = new Flags(null, null, null, null);
    }

    /** The config file's {@code generation:} section. */
    record FileSection(String provider, String baseUrl, String model, String apiKey, String apiKeyEnv,
                       String azureApiVersion, Integer connectTimeoutSeconds, Integer requestTimeoutSeconds,
                       Integer maxAttempts, Integer maxRetryAfterSeconds, Integer maxRepairs, Double temperature,
                       String registry) {
        static final FileSection EMPTY = new FileSection(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    public static GenerationSettings resolve(Path configFile, Map<String, String> env, Flags flags) {
        FileSection file = configFile == null ? FileSection.EMPTY : readSection(configFile);
        String keyFromFileEnv = file.apiKeyEnv() == null ? null : blankToNull(env.get(file.apiKeyEnv()));
        if (file.apiKeyEnv() != null && keyFromFileEnv == null && blankToNull(env.get("BALLAST_LLM_API_KEY")) == null)
            throw new ConfigException(configFile + ": generation.apiKeyEnv names " + file.apiKeyEnv() + ", which is not set");

        String provider = first(env.get("BALLAST_LLM_PROVIDER"), file.provider(), "openai");
        String base = first(flags.baseUrl(), env.get("BALLAST_LLM_BASE_URL"), file.baseUrl(), env.get("OPENAI_BASE_URL"),
                provider.equals("azure") ? null : DEFAULT_BASE_URL);
        if (base == null)
            throw new ConfigException("generation.baseUrl: required for provider azure (https://RESOURCE.openai.azure.com)");
        String model = first(flags.model(), env.get("BALLAST_LLM_MODEL"), file.model());
        if (model == null)
            throw new ConfigException("no model: give --model, set BALLAST_LLM_MODEL, or set generation.model in the config file");
        String key = first(env.get("BALLAST_LLM_API_KEY"), keyFromFileEnv, file.apiKey(), env.get("OPENAI_API_KEY"));
        if (key != null && !key.chars().allMatch(c -> c > 0x20 && c < 0x7f))
            throw new ConfigException("the API key holds spaces, control or non-ASCII characters; check how it was set");
        URI baseUrl;
        try {
            baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("generation.baseUrl: not a URL: " + new Redactor(key).clean(base));
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null)
            throw new ConfigException("generation.baseUrl: must be an http:// or https:// URL, got " + new Redactor(key).clean(base));
        Integer repairs = flags.maxRepairs() != null ? flags.maxRepairs() : file.maxRepairs();
        Path registry = flags.registry() != null ? flags.registry()
                : Path.of(first(env.get("BALLAST_REGISTRY"), file.registry(), "strategies"));
        return new GenerationSettings(provider, baseUrl, model, key,
                first(file.azureApiVersion(), DEFAULT_AZURE_API_VERSION),
                Duration.ofSeconds(orDefault(file.connectTimeoutSeconds(), 10)),
                Duration.ofSeconds(orDefault(file.requestTimeoutSeconds(), 120)),
                orDefault(file.maxAttempts(), 4),
                Duration.ofSeconds(orDefault(file.maxRetryAfterSeconds(), 60)),
                Duration.ofMillis(500), Duration.ofSeconds(20),
                orDefault(repairs, 3),
                file.temperature() == null ? 0.2 : file.temperature(),
                registry);
    }

    private static FileSection readSection(Path file) {
        try {
            if (Files.size(file) > (1 << 20)) throw new ConfigException(file + ": larger than 1 MiB; not a config file");
            JsonNode root = MAPPER.readTree(file.toFile());
            JsonNode section = root == null ? null : root.get("generation");
            if (section == null || section.isNull()) return FileSection.EMPTY;
            return MAPPER.treeToValue(section, FileSection.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown key 'generation." + e.getPropertyName()
                    + "' (valid keys: provider, baseUrl, model, apiKeyEnv, apiKey, azureApiVersion, connectTimeoutSeconds, "
                    + "requestTimeoutSeconds, maxAttempts, maxRetryAfterSeconds, maxRepairs, temperature, registry)");
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": generation: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String first(String... values) {
        for (String v : values) if (blankToNull(v) != null) return v.strip();
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
