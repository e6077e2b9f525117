package dev.ballast.cli;

import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.cli.generate.ChatClient;
import dev.ballast.cli.generate.DocumentCheck;
import dev.ballast.cli.generate.GenerationSettings;
import dev.ballast.cli.generate.Generator;
import dev.ballast.cli.generate.LoaderDocumentCheck;
import dev.ballast.cli.generate.PromptBuilder;
import dev.ballast.cli.generate.Sleeper;
import dev.ballast.cli.generate.StrategyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code ballast generate "IDEA"}: asks an LLM service for a strategy document, validates it (sending
 * errors back for repair) and saves it in the strategy registry as a CANDIDATE. Exit codes: 0 saved;
 * 2 a configuration mistake; 4 the LLM service could not be used ({@link BallastCli#SERVICE_ERROR});
 * 5 no valid document within the repair limit ({@link BallastCli#GENERATION_FAILED}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a strategy document from an idea through an OpenAI-compatible chat API, validate it "
                + "(sending errors back to the model for repair) and save it in the strategy registry as a CANDIDATE.",
                "Service settings come from the flags, then BALLAST_LLM_BASE_URL / BALLAST_LLM_MODEL / BALLAST_LLM_API_KEY "
                        + "(and BALLAST_LLM_PROVIDER, BALLAST_REGISTRY), then the config file's generation: section, then "
                        + "OPENAI_BASE_URL / OPENAI_API_KEY. The key is never printed or saved.",
                "Exit codes: 0 saved, 2 configuration error, 4 LLM service unavailable or refusing, 5 no valid document."})
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IDEA", description = "The strategy idea, in plain words.")
    String idea;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file with a generation: section.")
    Path config;

    @Option(names = "--base-url", paramLabel = "URL", description = "The chat API's base URL (e.g. http://127.0.0.1:11434/v1).")
    String baseUrl;

    @Option(names = "--model", paramLabel = "M", description = "The model (for Azure: the deployment name).")
    String model;

    @Option(names = "--registry", paramLabel = "DIR", description = "The strategy registry folder (default: strategies).")
    Path registry;

    @Option(names = "--max-repairs", paramLabel = "N", description = "How many times validation errors go back to the model (default: 3).")
    Integer maxRepairs;

    private final DocumentCheck check;
    private final Map<String, String> env;
    private final Sleeper sleeper;
    private final Random random;
    private final Clock clock;
    private final Path projectRoot;

    GenerateCommand() {
        this(new LoaderDocumentCheck(), System.getenv(), Sleeper.REAL, new SecureRandom(), Clock.systemUTC(), Path.of(""));
    }

    GenerateCommand(DocumentCheck check, Map<String, String> env, Sleeper sleeper, Random random, Clock clock, Path projectRoot) {
        this.check = check;
        this.env = env;
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
        this.projectRoot = projectRoot;
    }

    @Override
    public Integer call() {
        if (idea == null || idea.isBlank()) throw new ConfigException("the IDEA is empty");
        GenerationSettings settings = GenerationSettings.resolve(config, env,
                new GenerationSettings.Flags(baseUrl, model, registry, maxRepairs));
        PrintStream err = new PrintStream(System.err, true);
        ChatClient client = new ChatClient(settings, sleeper, random, err);
        err.println("asking " + TerminalText.safe(settings.model()) + " at " + TerminalText.safe(client.endpoint()) + " (at most " + (settings.maxRepairs() + 1)
                + " attempts)");
        Generator.Generated result = new Generator(settings, client, check, new PromptBuilder(projectRoot),
                new StrategyRegistry(settings.registry()), clock, line -> err.println(TerminalText.safeLines(line))).generate(idea);
        PrintStream out = new PrintStream(System.out, true);
        out.println("saved " + TerminalText.safe(result.dir().resolve("strategy.yaml")));
        out.println("id: " + TerminalText.safe(result.id()) + (result.id().equals(result.requestedId()) ? ""
                : " (the model chose " + TerminalText.safe(result.requestedId()) + ", which was taken)"));
        out.println("attempts: " + result.attempts());
        out.println("state: CANDIDATE");
        return 0;
    }
}
