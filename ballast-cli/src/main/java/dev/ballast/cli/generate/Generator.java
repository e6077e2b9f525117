package dev.ballast.cli.generate;

import java.util.function.Consumer;
import dev.ballast.runtime.plan.Sha256;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generate-validate-repair loop: asks the model for a strategy document for an idea, validates the
 * answer with a {@link DocumentCheck}, sends the errors back and asks again (at most
 * {@code maxRepairs} times), and saves the accepted document with its provenance in the
 * {@link StrategyRegistry}.
 *
 * <p>Provenance ({@code provenance.json}) holds: the id (and the id the model chose when it was taken),
 * the idea, provider, model, base URL (never the key), the time (UTC, ISO-8601), the number of attempts
 * and of HTTP tries, the prompt (system and first user message), and for every attempt the follow-up
 * message sent (for repairs), the SHA-256 of the answer's text ({@code responseSha256}) and of the
 * raw HTTP body ({@code httpBodySha256}), the extracted document's errors and whether it was accepted;
 * and the SHA-256 of the saved {@code strategy.yaml}. Every file is passed through the {@link Redactor}.
 */
public final class Generator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GenerationSettings settings;
    private final ChatClient client;
    private final DocumentCheck check;
    private final PromptBuilder prompts;
    private final StrategyRegistry registry;
    private final Clock clock;
    private final Redactor redactor;
    private final Consumer<String> progress;

    public Generator(GenerationSettings settings, ChatClient client, DocumentCheck check, PromptBuilder prompts,
                     StrategyRegistry registry, Clock clock) {
        this(settings, client, check, prompts, registry, clock, line -> { });
    }

    /** @param progress receives one line per rejected attempt (the CLI prints them on standard error) */
    public Generator(GenerationSettings settings, ChatClient client, DocumentCheck check, PromptBuilder prompts,
                     StrategyRegistry registry, Clock clock, Consumer<String> progress) {
        this.progress = progress;
        this.settings = settings;
        this.client = client;
        this.check = check;
        this.prompts = prompts;
        this.registry = registry;
        this.clock = clock;
        this.redactor = new Redactor(settings.apiKey());
    }

    /** An accepted, saved strategy. */
    public record Generated(String id, Path dir, int attempts, String requestedId) {
    }

    /**
     * @throws LlmServiceException       when the service cannot be used, or its answer holds the API key (in any
     *                                   form the {@link Redactor} recognises)
     * @throws GenerationFailedException when no valid document came within the repair limit
     */
    public Generated generate(String idea) {
        if (idea == null || idea.isBlank()) throw new IllegalArgumentException("the idea is empty");
        String system = prompts.systemPrompt();
        String user = prompts.userPrompt(idea);
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(system), ChatMessage.user(user)));
        ArrayNode log = JSON.createArrayNode();
        int httpTries = 0;
        List<String> errors = List.of();
        int maxAttempts = settings.maxRepairs() + 1;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            ChatClient.Completion completion = client.complete(messages);
            httpTries += completion.tries();
            if (redactor.reveals(completion.content())) {
                // Redacting would change the document after it was validated, and a repair request would
                // send the key back: the answer is refused outright.
                throw new LlmServiceException("LLM service at " + client.endpoint() + " (" + settings.model()
                        + ") echoed the API key in its answer (attempt " + attempt + "); refusing the answer, nothing was saved");
            }
            String document = DocumentExtractor.extract(completion.content());
            errors = document == null ? List.of("(answer): empty; expected one strategy document in a ```yaml block")
                    : check.errors(document);
            String id = null;
            if (errors.isEmpty()) {
                id = StrategyRegistry.idOf(document);
                if (id == null || !StrategyRegistry.ID.matcher(id).matches())
                    errors = List.of("id: " + (id == null ? "missing" : "'" + id + "' is not valid")
                            + "; use 1 to 64 letters, digits, '_' and '.', not starting with '.'");
            }
            ObjectNode entry = log.addObject();
            entry.put("attempt", attempt);
            if (attempt > 1) entry.put("request", messages.getLast().content());
            entry.put("httpTries", completion.tries());
            entry.put("responseSha256", sha256(completion.content()));
            entry.put("httpBodySha256", sha256(completion.rawBody()));
            entry.put("accepted", errors.isEmpty());
            ArrayNode errs = entry.putArray("errors");
            errors.forEach(errs::add);

            if (errors.isEmpty()) return save(idea, system, user, document, id, attempt, httpTries, log);
            progress.accept(redactor.clean("attempt " + attempt + " of " + maxAttempts + ": " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + " (" + errors.getFirst() + ")"
                    + (attempt < maxAttempts ? "; asking for a repair" : "")));
            if (attempt < maxAttempts) {
                messages.add(ChatMessage.assistant(completion.content()));
                messages.add(ChatMessage.user(PromptBuilder.repairPrompt(errors)));
            }
        }
        throw new GenerationFailedException(redactor.clean("the model at " + client.endpoint() + " (" + settings.model()
                + ") did not produce a valid strategy in " + maxAttempts + (maxAttempts == 1 ? " attempt" : " attempts")
                + " (" + settings.maxRepairs() + (settings.maxRepairs() == 1 ? " repair" : " repairs") + "); last errors:\n  " + String.join("\n  ", errors)), errors);
    }

    private Generated save(String idea, String system, String user, String document, String requestedId, int attempts,
                           int httpTries, ArrayNode log) {
        StrategyRegistry.Reservation reservation = registry.reserve(requestedId);
        String saved = document;
        if (!reservation.id().equals(requestedId)) {
            saved = StrategyRegistry.withId(document, requestedId, reservation.id());
            List<String> errors = check.errors(saved);
            if (!errors.isEmpty()) {
                registry.release(reservation);
                throw new GenerationFailedException("the document with its id rewritten from " + requestedId + " to "
                        + reservation.id() + " no longer validates: " + String.join("; ", errors), errors);
            }
        }
        Instant now = clock.instant();
        ObjectNode p = JSON.createObjectNode();
        p.put("id", reservation.id());
        if (!reservation.id().equals(requestedId)) p.put("requestedId", requestedId);
        p.put("idea", idea);
        p.put("provider", settings.provider());
        p.put("model", settings.model());
        p.put("baseUrl", client.endpoint());
        p.put("time", now.toString());
        p.put("attempts", attempts);
        p.put("httpTries", httpTries);
        ObjectNode prompt = p.putObject("prompt");
        prompt.put("system", system);
        prompt.put("user", user);
        p.put("temperature", settings.temperature());
        p.put("validator", check.getClass().getName());
        p.set("validationLog", log);
        p.put("documentSha256", sha256(redactor.clean(saved)));
        registry.write(reservation, saved, p, "generate", now, redactor::clean);
        return new Generated(reservation.id(), reservation.dir(), attempts, requestedId);
    }

    static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
