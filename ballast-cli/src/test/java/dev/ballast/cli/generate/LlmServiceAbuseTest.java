package dev.ballast.cli.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.ballast.cli.generate.ChatStub.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A service that misbehaves on purpose, over real HTTP on loopback: it drips its body, floods it, echoes
 * the key escaped in an error or inside the document. Each test ends by the client's configured deadline or
 * byte limit; no test waits on a clock of its own.
 */
class LlmServiceAbuseTest {
    private static final String KEY = GeneratorTest.KEY;
    private static final Duration DEADLINE = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final List<Duration> waits = new ArrayList<>();
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    GenerationSettings settings(String baseUrl) {
        return GenerationSettings.resolve(null, Map.of("BALLAST_LLM_BASE_URL", baseUrl, "BALLAST_LLM_MODEL", "stub-model",
                        "BALLAST_LLM_API_KEY", KEY), new GenerationSettings.Flags(null, null, dir.resolve("registry"), 2))
                .withTimings(DEADLINE, Duration.ofMillis(10), Duration.ofMillis(100));
    }

    Generator generator(GenerationSettings s, ChatClient client) {
        return new Generator(s, client, new FakeCheck(), new PromptBuilder(null), new StrategyRegistry(s.registry()),
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    }

    Generator generator(String baseUrl, long maxResponseBytes) {
        GenerationSettings s = settings(baseUrl);
        return generator(s, new ChatClient(s, waits::add, new Random(1), log, maxResponseBytes));
    }

    Generator generator(String baseUrl) {
        GenerationSettings s = settings(baseUrl);
        return generator(s, new ChatClient(s, waits::add, new Random(1), log));
    }

    /** Headers at once, then one byte every 20 ms, for far longer than the deadline (about 20 s at most). */
    private static void drip(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write('{');
        out.flush();
        for (int i = 0; i < 1000; i++) {
            Thread.sleep(20);
            out.write(' ');
            out.flush();
        }
        out.write("}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aServiceThatDripsItsBodyIsCutOffAtTheRequestDeadline() throws Exception {
        try (HostileService service = new HostileService(LlmServiceAbuseTest::drip)) {
            Throwable t = catchThrowable(() -> generator(service.baseUrl()).generate("anything"));

            assertThat(t).isInstanceOf(LlmServiceException.class).hasMessage("LLM service at " + service.baseUrl()
                    + " sent its headers but not its whole answer within 300ms 4 times; giving up");
            assertThat(service.requests()).isEqualTo(4);
            assertThat(waits).hasSize(3);
            assertThat(logBytes.toString(StandardCharsets.UTF_8))
                    .contains("sent its headers but not its whole answer within 300ms; retrying in");
            assertNothingSaved();
        }
    }

    @Test
    void anEndlessBodyIsRefusedAtTheSizeLimitWithoutRetry() throws Exception {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) ' ');
        try (HostileService service = new HostileService(exchange -> {
            exchange.sendResponseHeaders(200, 0);   // chunked: no length announced
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            for (int i = 0; i < 100_000; i++) out.write(chunk);   // 800 MB unless the client hangs up
        })) {
            Throwable t = catchThrowable(() -> generator(service.baseUrl(), 65_536).generate("anything"));

            assertThat(t).isInstanceOf(LlmServiceException.class).hasMessage("LLM service at " + service.baseUrl()
                    + " sent an answer larger than 65536 bytes (the limit for a chat answer); refusing it");
            assertThat(service.requests()).isEqualTo(1);
            assertThat(waits).isEmpty();
            assertNothingSaved();
        }
    }

    @Test
    void aDeclaredLengthOverTheDefaultLimitIsRefusedBeforeReading() throws Exception {
        try (HostileService service = new HostileService(exchange -> {
            exchange.sendResponseHeaders(200, ChatClient.MAX_RESPONSE_BYTES + 1L);
            exchange.getResponseBody().write(new byte[ChatClient.MAX_RESPONSE_BYTES + 1]);
        })) {
            Throwable t = catchThrowable(() -> generator(service.baseUrl()).generate("anything"));

            assertThat(t).isInstanceOf(LlmServiceException.class).hasMessage("LLM service at " + service.baseUrl()
                    + " sent an answer larger than " + ChatClient.MAX_RESPONSE_BYTES + " bytes (the limit for a chat answer); refusing it");
            assertThat(service.requests()).isEqualTo(1);
        }
    }

    @Test
    void aKeyEchoedEscapedInAnErrorIsRedacted() throws Exception {
        String unicode = KEY.replace("-", "\\u002d");                    // in the text of the JSON message
        String[] bodies = {
                "{\"error\":{\"message\":" + JSON.writeValueAsString("Incorrect API key provided: " + unicode + ".") + "}}",
                "Incorrect API key provided: " + KEY.replace("-", "%2D") + ".",                       // not JSON, URL-encoded
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY.replace("-", "\\u002D") + ".\"}}"  // JSON-level escape
        };
        for (String body : bodies) {
            try (ChatStub stub = new ChatStub(new ChatStub.Reply(401, null, body, Map.of(), 0, false))) {
                Throwable t = catchThrowable(() -> generator(stub.baseUrl()).generate("anything"));

                assertThat(t).as(body).isInstanceOf(LlmServiceException.class)
                        .hasMessageEndingWith("; the service said: Incorrect API key provided: " + Redactor.MARK + ".");
                assertThat(t.getMessage()).as(body).doesNotContain("SECRET");
            }
        }
    }

    @Test
    void anAnswerWithTheKeyInItsDocumentIsRefusedAndNothingIsSaved() throws Exception {
        String[] keys = {KEY, KEY.replace("-", "\\u002d"), KEY.replace("-", "%2d")};
        for (String echoed : keys) {
            String content = "```yaml\n" + FakeCheck.valid("leaky") + "# the service saw: " + echoed + "\n```\n";
            try (ChatStub stub = new ChatStub(answer(content), answer("```yaml\n" + FakeCheck.valid("clean") + "```"))) {
                Throwable t = catchThrowable(() -> generator(stub.baseUrl()).generate("anything"));

                assertThat(t).as(echoed).isInstanceOf(LlmServiceException.class).hasMessage("LLM service at " + stub.baseUrl()
                        + " (stub-model) echoed the API key in its answer (attempt 1); refusing the answer, nothing was saved");
                assertThat(stub.requests()).as("no repair request carries the key back").hasSize(1);
                assertNothingSaved();
            }
        }
    }

    private void assertNothingSaved() throws Exception {
        Path registry = dir.resolve("registry");
        if (!Files.exists(registry)) return;
        try (Stream<Path> files = Files.list(registry)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
