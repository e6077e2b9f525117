package dev.ballast.cli;

import dev.ballast.cli.generate.ChatStub;
import dev.ballast.cli.generate.FakeCheck;
import dev.ballast.cli.generate.Sleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.ballast.cli.generate.ChatStub.answer;
import static dev.ballast.cli.generate.ChatStub.status;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ballast generate} end to end against a local OpenAI-compatible stub, with a fake validator. */
class GenerateCommandTest {
    private static final String KEY = "sk-cli-SECRET-fedcba9876543210";

    @TempDir
    Path dir;

    CliRun generate(ChatStub stub, String... extra) {
        Map<String, String> env = Map.of("BALLAST_LLM_BASE_URL", stub.baseUrl(), "BALLAST_LLM_MODEL", "stub-model",
                "BALLAST_LLM_API_KEY", KEY);
        Sleeper noWait = d -> { };
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == GenerateCommand.class)
                    return cls.cast(new GenerateCommand(new FakeCheck(), env, noWait, new Random(1), Clock.systemUTC(), dir));
                return CommandLine.defaultFactory().create(cls);
            }
        };
        String[] args = Stream.concat(Stream.of("generate", "a trend follower", "--registry", dir.resolve("reg").toString()),
                Stream.of(extra)).toArray(String[]::new);
        return CliRun.of(factory, args);
    }

    @Test
    void printsTheSavedPathTheIdAndTheAttempts() throws Exception {
        try (ChatStub stub = new ChatStub(answer("```yaml\n" + validDocument("trend") + "```"))) {
            CliRun run = generate(stub);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("saved " + dir.resolve("reg/trend/strategy.yaml"))
                    .contains("id: trend").contains("attempts: 1").contains("state: CANDIDATE");
            assertThat(dir.resolve("reg/trend/provenance.json")).exists();
            assertThat(dir.resolve("reg/trend/state.json")).exists();

            CliRun again = generate(stub);
            assertThat(again.out()).contains("id: trend_2 (the model chose trend, which was taken)");
            assertNoKeyAnywhere(run, again);
        }
    }

    @Test
    void flagsOverrideTheEnvironment() throws Exception {
        try (ChatStub stub = new ChatStub(answer("```yaml\n" + validDocument("m") + "```"))) {
            CliRun run = generate(stub, "--model", "other-model", "--max-repairs", "0");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stub.requests().getFirst().json().path("model").asText()).isEqualTo("other-model");
        }
    }

    @Test
    void aServiceThatKeepsFailingExitsWith4AndOneClearLine() throws Exception {
        try (ChatStub stub = new ChatStub(status(500).echoingHeaders())) {
            CliRun run = generate(stub);
            assertThat(run.exitCode()).isEqualTo(BallastCli.SERVICE_ERROR).isEqualTo(4);
            assertThat(run.err()).contains("error: LLM service at " + stub.baseUrl() + " answered 500 Internal Server Error 4 times; giving up")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertNoKeyAnywhere(run);
        }
    }

    @Test
    void unauthorizedExitsWith4AtOnce() throws Exception {
        try (ChatStub stub = new ChatStub(status(401).echoingHeaders())) {
            CliRun run = generate(stub);
            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.err()).contains("401 Unauthorized (check the API key");
            assertThat(stub.requests()).hasSize(1);
            assertNoKeyAnywhere(run);
        }
    }

    @Test
    void noValidDocumentWithinTheRepairLimitExitsWith5() throws Exception {
        try (ChatStub stub = new ChatStub(answer("no idea, sorry"))) {
            CliRun run = generate(stub, "--max-repairs", "1");
            assertThat(run.exitCode()).isEqualTo(BallastCli.GENERATION_FAILED).isEqualTo(5);
            assertThat(run.err()).contains("did not produce a valid strategy in 2 attempts (1 repair); last errors:")
                    .contains("(document): not a strategy document");
            assertThat(stub.requests()).hasSize(2);
            assertThat(run.err()).contains("attempt 1 of 2: 1 error ((document): not a strategy document");
            assertNoKeyAnywhere(run);
        }
    }

    @Test
    void aBadConfigFileExitsWith2() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "generation: {modle: x}\n");
        try (ChatStub stub = new ChatStub(status(500))) {
            CliRun run = generate(stub, "--config", config.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("unknown key 'generation.modle'");
            assertThat(stub.requests()).isEmpty();
        }
    }

    private static String validDocument(String id) {
        return "version: 1\nid: " + id + "\ndescription: " + FakeCheck.MARKER + "\nuniverse: [SYM000]\ntimeframe: 1d\n"
                + "entry: {longWhen: 'close > sma(close, 50)'}\nexit: {longWhen: 'close < sma(close, 50)'}\n"
                + "sizing: {mode: percentOfEquity, percent: 10}\n";
    }

    private void assertNoKeyAnywhere(CliRun... runs) throws Exception {
        for (CliRun run : runs) {
            assertThat(run.out()).doesNotContain(KEY);
            assertThat(run.err()).doesNotContain(KEY);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) assertThat(Files.readString(f)).doesNotContain(KEY);
        }
    }
}
