package dev.ballast.cli.generate;

import dev.ballast.runtime.plan.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationSettingsTest {
    @TempDir
    Path dir;

    Path config(String yaml) throws Exception {
        Path f = dir.resolve("ballast.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void theConfigFileSectionIsRead() throws Exception {
        Path f = config("""
                run: {name: ignored}
                generation:
                  baseUrl: http://127.0.0.1:11434/v1/
                  model: llama3.1
                  apiKeyEnv: MY_KEY
                  requestTimeoutSeconds: 30
                  maxAttempts: 2
                  maxRepairs: 1
                  temperature: 0
                  registry: gen
                """);
        GenerationSettings s = GenerationSettings.resolve(f, Map.of("MY_KEY", "k1"), GenerationSettings.Flags.NONE);
        assertThat(s.baseUrl().toString()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(s.model()).isEqualTo("llama3.1");
        assertThat(s.apiKey()).isEqualTo("k1");
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxAttempts()).isEqualTo(2);
        assertThat(s.maxRepairs()).isEqualTo(1);
        assertThat(s.temperature()).isEqualTo(0.0);
        assertThat(s.registry()).isEqualTo(Path.of("gen"));
        assertThat(s.provider()).isEqualTo("openai");
    }

    @Test
    void flagsBeatBallastVariablesWhichBeatTheFileWhichBeatsOpenAiVariables() throws Exception {
        Path f = config("generation: {baseUrl: 'http://file/v1', model: file-model}\n");
        Map<String, String> openAiOnly = Map.of("OPENAI_BASE_URL", "http://openai-env/v1", "OPENAI_API_KEY", "ok");
        GenerationSettings fromFile = GenerationSettings.resolve(f, openAiOnly, GenerationSettings.Flags.NONE);
        assertThat(fromFile.baseUrl().toString()).isEqualTo("http://file/v1");
        assertThat(fromFile.apiKey()).isEqualTo("ok");

        Map<String, String> env = Map.of("BALLAST_LLM_BASE_URL", "http://ballast-env/v1", "BALLAST_LLM_MODEL", "env-model",
                "BALLAST_LLM_API_KEY", "bk", "OPENAI_API_KEY", "ok");
        GenerationSettings fromEnv = GenerationSettings.resolve(f, env, GenerationSettings.Flags.NONE);
        assertThat(fromEnv.baseUrl().toString()).isEqualTo("http://ballast-env/v1");
        assertThat(fromEnv.model()).isEqualTo("env-model");
        assertThat(fromEnv.apiKey()).isEqualTo("bk");

        GenerationSettings fromFlags = GenerationSettings.resolve(f, env,
                new GenerationSettings.Flags("http://flag/v1", "flag-model", dir, 7));
        assertThat(fromFlags.baseUrl().toString()).isEqualTo("http://flag/v1");
        assertThat(fromFlags.model()).isEqualTo("flag-model");
        assertThat(fromFlags.registry()).isEqualTo(dir);
        assertThat(fromFlags.maxRepairs()).isEqualTo(7);
    }

    @Test
    void aKeyThatCannotBeAHeaderIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> GenerationSettings.resolve(null, Map.of("BALLAST_LLM_MODEL", "m", "BALLAST_LLM_API_KEY",
                "sk-abc\r\nX-Evil: 1"), GenerationSettings.Flags.NONE))
                .isInstanceOf(ConfigException.class).message().doesNotContain("sk-abc");
    }

    @Test
    void defaults() {
        GenerationSettings s = GenerationSettings.resolve(null, Map.of("BALLAST_LLM_MODEL", "gpt-4o-mini"), GenerationSettings.Flags.NONE);
        assertThat(s.baseUrl().toString()).isEqualTo(GenerationSettings.DEFAULT_BASE_URL);
        assertThat(s.apiKey()).isNull();
        assertThat(s.maxAttempts()).isEqualTo(4);
        assertThat(s.maxRepairs()).isEqualTo(3);
        assertThat(s.registry()).isEqualTo(Path.of("strategies"));
    }

    @Test
    void mistakesAreConfigErrors() throws Exception {
        assertThatThrownBy(() -> GenerationSettings.resolve(null, Map.of(), GenerationSettings.Flags.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no model");
        assertThatThrownBy(() -> GenerationSettings.resolve(config("generation: {model: m, baseUrl: 'ftp://x'}"), Map.of(),
                GenerationSettings.Flags.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> GenerationSettings.resolve(config("generation: {model: m, apiKeyy: x}"), Map.of(),
                GenerationSettings.Flags.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'generation.apiKeyy'");
        assertThatThrownBy(() -> GenerationSettings.resolve(config("generation: {model: m, provider: bedrock}"), Map.of(),
                GenerationSettings.Flags.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("valid: openai, azure");
        assertThatThrownBy(() -> GenerationSettings.resolve(config("generation: {model: m, apiKeyEnv: NOPE}"), Map.of(),
                GenerationSettings.Flags.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("NOPE, which is not set");
        assertThatThrownBy(() -> GenerationSettings.resolve(config("generation: {model: m, provider: azure}"), Map.of(),
                GenerationSettings.Flags.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("required for provider azure");
    }
}
