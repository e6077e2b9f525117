package dev.ballast.cli.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.ballast.cli.generate.ChatStub.answer;
import static dev.ballast.cli.generate.ChatStub.status;
import static dev.ballast.cli.generate.ChatStub.tooMany;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class GeneratorTest {
    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    final List<Duration> waits = new ArrayList<>();
    final Sleeper sleeper = waits::add;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    final FakeCheck check = new FakeCheck();

    GenerationSettings settings(ChatStub stub, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("BALLAST_LLM_BASE_URL", stub.baseUrl(), "BALLAST_LLM_MODEL", "stub-model",
                "BALLAST_LLM_API_KEY", KEY));
        env.putAll(extraEnv);
        return GenerationSettings.resolve(null, env, new GenerationSettings.Flags(null, null, dir.resolve("registry"), 2))
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    Generator generator(GenerationSettings s) {
        return new Generator(s, new ChatClient(s, sleeper, new Random(42), log), check, new PromptBuilder(null),
                new StrategyRegistry(s.registry()), CLOCK);
    }

    Generator generator(ChatStub stub) {
        return generator(settings(stub, Map.of()));
    }

    static String sha256(String s) {
        return Generator.sha256(s);
    }

    @Test
    void aValidDocumentAtOnceIsSavedWithItsProvenanceAndState() throws Exception {
        String content = "Here you go:\n```yaml\n" + FakeCheck.valid("sma_cross") + "```\n";
        try (ChatStub stub = new ChatStub(answer(content))) {
            Generator.Generated g = generator(stub).generate("buy when the fast average crosses the slow one");

            assertThat(g.id()).isEqualTo("sma_cross");
            assertThat(g.attempts()).isEqualTo(1);
            Path folder = dir.resolve("registry/sma_cross");
            assertThat(g.dir()).isEqualTo(folder);
            assertThat(Files.readString(folder.resolve("strategy.yaml"))).isEqualTo(FakeCheck.valid("sma_cross"));

            ChatStub.Request request = stub.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
            JsonNode body = request.json();
            assertThat(body.path("model").asText()).isEqualTo("stub-model");
            assertThat(body.path("temperature").isNumber()).isTrue();
            assertThat(body.path("messages")).hasSize(2);
            String system = body.path("messages").path(0).path("content").asText();
            assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
            assertThat(system).contains("\"$schema\"", "sma", "ema", "rsi", "stddev", "roc", "highest", "lowest",
                    "crosses_above", "crosses_below", "Example document", "timeframe");
            assertThat(body.path("messages").path(1).path("content").asText()).contains("buy when the fast average crosses the slow one");

            JsonNode p = JSON.readTree(folder.resolve("provenance.json").toFile());
            assertThat(p.path("id").asText()).isEqualTo("sma_cross");
            assertThat(p.path("model").asText()).isEqualTo("stub-model");
            assertThat(p.path("baseUrl").asText()).isEqualTo(stub.baseUrl());
            assertThat(p.path("time").asText()).isEqualTo("2026-11-25T12:00:00Z");
            assertThat(p.path("attempts").asInt()).isEqualTo(1);
            assertThat(p.path("idea").asText()).isEqualTo("buy when the fast average crosses the slow one");
            assertThat(p.path("prompt").path("system").asText()).isEqualTo(system);
            assertThat(p.path("prompt").path("user").asText()).contains("fast average");
            JsonNode attempt = p.path("validationLog").path(0);
            assertThat(attempt.path("responseSha256").asText()).isEqualTo(sha256(content));
            assertThat(attempt.path("httpBodySha256").asText()).isEqualTo(sha256(stub.rawBodies().getFirst()));
            assertThat(attempt.path("accepted").asBoolean()).isTrue();
            assertThat(attempt.path("errors")).isEmpty();
            assertThat(p.path("documentSha256").asText()).isEqualTo(sha256(Files.readString(folder.resolve("strategy.yaml"))));

            JsonNode state = JSON.readTree(folder.resolve("state.json").toFile());
            assertThat(state.path("state").asText()).isEqualTo("CANDIDATE");
            assertThat(state.path("history")).hasSize(1);
            assertThat(state.path("history").path(0).path("state").asText()).isEqualTo("CANDIDATE");
            assertThat(state.path("history").path(0).path("time").asText()).isEqualTo("2026-11-25T12:00:00Z");
            assertThat(state.path("history").path(0).path("by").asText()).isEqualTo("generate");
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void anInvalidDocumentIsRepairedWithItsErrorsSentBack() throws Exception {
        String bad = "```yaml\n" + FakeCheck.invalid("sma_cross") + "```";
        String good = "```yaml\n" + FakeCheck.valid("sma_cross") + "```";
        try (ChatStub stub = new ChatStub(answer(bad), answer(good))) {
            Generator.Generated g = generator(stub).generate("a crossover");

            assertThat(g.attempts()).isEqualTo(2);
            List<ChatStub.Request> requests = stub.requests();
            assertThat(requests).hasSize(2);
            JsonNode messages = requests.get(1).json().path("messages");
            assertThat(messages).hasSize(4);
            assertThat(messages.path(2).path("role").asText()).isEqualTo("assistant");
            assertThat(messages.path(2).path("content").asText()).isEqualTo(bad);
            assertThat(messages.path(3).path("role").asText()).isEqualTo("user");
            assertThat(messages.path(3).path("content").asText())
                    .startsWith("Your document has these errors:")
                    .contains("entry.longWhen: at 0: unknown function 'crossover'")
                    .contains("sizing.quantity: required when sizing.mode is fixed")
                    .endsWith("Answer with the corrected document only.");

            JsonNode p = JSON.readTree(g.dir().resolve("provenance.json").toFile());
            JsonNode logEntries = p.path("validationLog");
            assertThat(logEntries).hasSize(2);
            assertThat(logEntries.path(0).path("accepted").asBoolean()).isFalse();
            assertThat(logEntries.path(0).path("errors").path(1).asText()).isEqualTo("sizing.quantity: required when sizing.mode is fixed");
            assertThat(logEntries.path(0).path("responseSha256").asText()).isEqualTo(sha256(bad));
            assertThat(logEntries.path(1).path("responseSha256").asText()).isEqualTo(sha256(good));
            assertThat(logEntries.path(0).path("httpBodySha256").asText()).isEqualTo(sha256(stub.rawBodies().get(0)));
            assertThat(logEntries.path(1).path("httpBodySha256").asText()).isEqualTo(sha256(stub.rawBodies().get(1)));
            assertThat(logEntries.path(1).path("request").asText()).startsWith("Your document has these errors:");
            assertThat(p.path("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void garbageUntilTheRepairLimitFailsClearlyAndSavesNothing() throws Exception {
        try (ChatStub stub = new ChatStub(answer("I'm sorry, I can't help with trading."))) {
            Throwable t = catchThrowable(() -> generator(stub).generate("anything"));

            assertThat(t).isInstanceOf(GenerationFailedException.class)
                    .hasMessageContaining("did not produce a valid strategy in 3 attempts (2 repairs)")
                    .hasMessageContaining("(document): not a strategy document");
            assertThat(((GenerationFailedException) t).lastErrors()).hasSize(1);
            assertThat(stub.requests()).hasSize(3);
            assertThat(stub.requests().get(2).json().path("messages")).hasSize(6);
            assertThat(dir.resolve("registry/anything")).doesNotExist();
            assertThat(t.getMessage()).doesNotContain(KEY);
        }
    }

    @Test
    void aSlowAnswerBeyondTheTimeoutIsRetried() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("slow_one") + "```";
        try (ChatStub stub = new ChatStub(answer(good).delayed(3_000), answer(good))) {
            GenerationSettings s = settings(stub, Map.of()).withTimings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofSeconds(2));
            Generator.Generated g = generator(s).generate("slow");

            assertThat(g.id()).isEqualTo("slow_one");
            assertThat(stub.requests()).hasSize(2);
            assertThat(waits).hasSize(1);
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("did not answer within 300ms; retrying in");
            JsonNode p = JSON.readTree(g.dir().resolve("provenance.json").toFile());
            assertThat(p.path("httpTries").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aRateLimitIsRetriedAfterTheServersRetryAfter() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("rated") + "```";
        try (ChatStub stub = new ChatStub(tooMany("7"), answer(good))) {
            generator(stub).generate("rate limited");

            assertThat(waits).containsExactly(Duration.ofSeconds(7));
            assertThat(stub.requests()).hasSize(2);
        }
    }

    @Test
    void aHugeRetryAfterIsCappedAndAMissingOneFallsBackToBackoff() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("rated") + "```";
        try (ChatStub stub = new ChatStub(tooMany("86400"), tooMany(null), answer(good))) {
            generator(stub).generate("rate limited");

            assertThat(waits).hasSize(2);
            assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(60));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));   // base 100ms * 2^1, jitter [0.5, 1)
        }
    }

    @Test
    void anUnavailableServiceIsRetriedAfterItsRetryAfterToo() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("later") + "```";
        var unavailable = new ChatStub.Reply(503, null, "{}", Map.of("Retry-After", "2"), 0, false);
        try (ChatStub stub = new ChatStub(unavailable, answer(good))) {
            generator(stub).generate("later");
            assertThat(waits).containsExactly(Duration.ofSeconds(2));
        }
    }

    @Test
    void serverErrorsTwiceThenSuccessBackOffExponentiallyWithSeededJitter() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("flaky") + "```";
        try (ChatStub stub = new ChatStub(status(500), status(503), answer(good))) {
            generator(stub).generate("flaky");

            assertThat(stub.requests()).hasSize(3);
            assertThat(waits).hasSize(2);
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
        List<Duration> first = List.copyOf(waits);
        waits.clear();
        try (ChatStub stub = new ChatStub(status(500), status(503), answer("```yaml\n" + FakeCheck.valid("flaky") + "```"))) {
            generator(stub).generate("flaky");
        }
        assertThat(waits).as("the same seed gives the same jitter").isEqualTo(first);
    }

    @Test
    void serverErrorsForeverGiveOneClearErrorAfterMaxAttempts() throws Exception {
        try (ChatStub stub = new ChatStub(status(500))) {
            assertThatThrownBy(() -> generator(stub).generate("doomed"))
                    .isInstanceOf(LlmServiceException.class)
                    .hasMessage("LLM service at " + stub.baseUrl() + " answered 500 Internal Server Error 4 times; giving up");
            assertThat(stub.requests()).hasSize(4);
            assertThat(waits).hasSize(3);
            assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void rateLimitsForeverNameTheStatus() throws Exception {
        try (ChatStub stub = new ChatStub(tooMany("1"))) {
            assertThatThrownBy(() -> generator(stub).generate("doomed"))
                    .isInstanceOf(LlmServiceException.class)
                    .hasMessage("LLM service at " + stub.baseUrl() + " answered 429 Too Many Requests 4 times; giving up");
            assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    @Test
    void mixedFailuresAreListed() throws Exception {
        try (ChatStub stub = new ChatStub(status(502), tooMany("1"), status(500))) {
            assertThatThrownBy(() -> generator(stub).generate("doomed"))
                    .hasMessage("LLM service at " + stub.baseUrl() + " failed 4 times (answered 502 Bad Gateway, "
                            + "answered 429 Too Many Requests, answered 500 Internal Server Error, answered 500 Internal Server Error); giving up");
        }
    }

    @Test
    void unauthorizedFailsAtOnceWithoutLeakingTheKeyTheServerEchoes() throws Exception {
        try (ChatStub stub = new ChatStub(status(401).echoingHeaders())) {
            Throwable t = catchThrowable(() -> generator(stub).generate("x"));

            assertThat(t).isInstanceOf(LlmServiceException.class)
                    .hasMessageStartingWith("LLM service at " + stub.baseUrl() + " answered 401 Unauthorized (check the API key")
                    .hasMessageContaining("request headers were")
                    .hasMessageContaining(Redactor.MARK);
            assertThat(stub.requests()).hasSize(1);
            assertThat(waits).isEmpty();
            assertNoKey(t);
        }
    }

    @Test
    void notFoundFailsAtOnceNamingTheUrlAndModel() throws Exception {
        try (ChatStub stub = new ChatStub(status(404))) {
            assertThatThrownBy(() -> generator(stub).generate("x"))
                    .isInstanceOf(LlmServiceException.class)
                    .hasMessageContaining("answered 404 Not Found (check the base URL and the model: POST "
                            + stub.baseUrl() + "/chat/completions, model stub-model)");
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws Exception {
        String url;
        try (ChatStub stub = new ChatStub(status(500))) {
            url = stub.baseUrl();
        }
        GenerationSettings s = GenerationSettings.resolve(null, Map.of("BALLAST_LLM_BASE_URL", url, "BALLAST_LLM_MODEL", "m"),
                GenerationSettings.Flags.NONE).withTimings(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(100));
        assertThatThrownBy(() -> generator(s).generate("x"))
                .isInstanceOf(LlmServiceException.class)
                .hasMessage("LLM service at " + url + " refused the connection 4 times; giving up");
        assertThat(waits).hasSize(3);
    }

    @Test
    void theKeyNeverLeaksEvenWhenEveryAnswerEchoesTheHeaders() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("leaky") + "# {{HEADERS}}\n```\n";
        try (ChatStub stub = new ChatStub(status(500).echoingHeaders(), answer(good).echoingHeaders())) {
            Throwable t = catchThrowable(() -> generator(stub).generate("leak test " + KEY.substring(0, 4)));
            assertThat(stub.requests().getFirst().header("Authorization")).contains(KEY);   // it was sent...
            assertThat(t).isInstanceOf(LlmServiceException.class)   // ...and an answer that echoes it is refused, not saved redacted
                    .hasMessageContaining("echoed the API key in its answer (attempt 1)");
            assertNoKey(t);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
                }
            }
            assertThat(dir.resolve("registry/leaky")).doesNotExist();
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(KEY);
        }
        try (ChatStub stub = new ChatStub(status(503).echoingHeaders())) {
            Throwable t = catchThrowable(() -> generator(stub).generate("x"));
            assertNoKey(t);
        }
        try (ChatStub stub = new ChatStub()) {
            assertThat(settings(stub, Map.of()).toString()).doesNotContain(KEY).contains(Redactor.MARK);
        }
    }

    @Test
    void noKeyMeansNoAuthorizationHeader() throws Exception {
        try (ChatStub stub = new ChatStub(answer("```yaml\n" + FakeCheck.valid("local") + "```"))) {
            GenerationSettings s = GenerationSettings.resolve(null, Map.of("BALLAST_LLM_BASE_URL", stub.baseUrl(),
                    "BALLAST_LLM_MODEL", "llama3"), new GenerationSettings.Flags(null, null, dir.resolve("r"), null));
            generator(s).generate("ollama");
            assertThat(stub.requests().getFirst().header("Authorization")).isNull();
            assertThat(stub.requests().getFirst().header("api-key")).isNull();
        }
    }

    @Test
    void azureUsesTheDeploymentPathAndTheApiKeyHeader() throws Exception {
        try (ChatStub stub = new ChatStub(answer("```yaml\n" + FakeCheck.valid("azure_one") + "```"))) {
            GenerationSettings s = settings(stub, Map.of("BALLAST_LLM_PROVIDER", "azure", "BALLAST_LLM_BASE_URL", stub.origin(),
                    "BALLAST_LLM_MODEL", "my-gpt4o"));
            generator(s).generate("azure");
            ChatStub.Request r = stub.requests().getFirst();
            assertThat(r.path()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions");
            assertThat(r.query()).isEqualTo("api-version=" + GenerationSettings.DEFAULT_AZURE_API_VERSION);
            assertThat(r.header("api-key")).isEqualTo(KEY);
            assertThat(r.header("Authorization")).isNull();
        }
    }

    @Test
    void aTakenIdGetsASuffixAndTheDocumentsIdIsRewrittenToMatch() throws Exception {
        String good = "```yaml\n" + FakeCheck.valid("sma_cross") + "```";
        try (ChatStub stub = new ChatStub(answer(good))) {
            Generator gen = generator(stub);
            assertThat(gen.generate("one").id()).isEqualTo("sma_cross");
            Generator.Generated second = gen.generate("two");
            Generator.Generated third = gen.generate("three");

            assertThat(second.id()).isEqualTo("sma_cross_2");
            assertThat(second.requestedId()).isEqualTo("sma_cross");
            assertThat(third.id()).isEqualTo("sma_cross_3");
            assertThat(Files.readString(dir.resolve("registry/sma_cross/strategy.yaml"))).contains("id: sma_cross\n");
            String rewritten = Files.readString(dir.resolve("registry/sma_cross_2/strategy.yaml"));
            assertThat(rewritten).isEqualTo(FakeCheck.valid("sma_cross").replace("id: sma_cross\n", "id: sma_cross_2\n"));
            assertThat(StrategyRegistry.idOf(rewritten)).isEqualTo("sma_cross_2");
            assertThat(check.checked.getLast()).isEqualTo(Files.readString(dir.resolve("registry/sma_cross_3/strategy.yaml")));
            JsonNode p = JSON.readTree(dir.resolve("registry/sma_cross_2/provenance.json").toFile());
            assertThat(p.path("id").asText()).isEqualTo("sma_cross_2");
            assertThat(p.path("requestedId").asText()).isEqualTo("sma_cross");
            assertThat(p.path("idea").asText()).isEqualTo("two");
        }
    }

    @Test
    void anIdThatCannotBeAFolderNameIsSentBackForRepair() throws Exception {
        String evil = "```yaml\n" + FakeCheck.valid("x").replace("id: x", "id: ../../etc") + "```";
        String good = "```yaml\n" + FakeCheck.valid("fine") + "```";
        try (ChatStub stub = new ChatStub(answer(evil), answer(good))) {
            Generator.Generated g = generator(stub).generate("x");
            assertThat(g.id()).isEqualTo("fine");
            assertThat(stub.requests().get(1).json().path("messages").path(3).path("content").asText())
                    .contains("id: '../../etc' is not valid");
        }
    }

    @Test
    void jsonDocumentsAreRewrittenAsJsonAndOnlyTheTopLevelId() throws Exception {
        String doc = "{\"version\": 1, \"id\": \"j\", \"risk\": {\"id\": \"j\"}}";
        String out = StrategyRegistry.withId(doc, "j", "j_2");
        JsonNode tree = JSON.readTree(out);
        assertThat(tree.path("id").asText()).isEqualTo("j_2");
        assertThat(tree.path("risk").path("id").asText()).isEqualTo("j");
        assertThat(tree.path("version").asInt()).isEqualTo(1);
    }

    @Test
    void aQuotedYamlIdIsRewrittenInPlace() {
        String doc = "# my strategy\nversion: 1\nid: \"q.one\"   # the id\nuniverse: [A]\n";
        assertThat(StrategyRegistry.withId(doc, "q.one", "q.one_2"))
                .isEqualTo("# my strategy\nversion: 1\nid: q.one_2\nuniverse: [A]\n");
    }

    private static void assertNoKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(KEY);
            assertThat(c.toString()).doesNotContain(KEY);
        }
    }
}
