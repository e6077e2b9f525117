package dev.ballast.cli.generate;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import dev.ballast.cli.TerminalText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client for OpenAI-compatible chat-completions services (OpenAI, Azure OpenAI, Ollama, vLLM, LM
 * Studio, llama.cpp's server...): POST {@code {baseUrl}/chat/completions} with {@code {model, messages,
 * temperature}}, answer {@code choices[0].message.content}.
 *
 * <p><b>Why the JDK's {@link HttpClient} and Jackson rather than LangChain4j.</b> Generation needs one
 * endpoint and one field of its answer, but precise control of what happens around it: which failures
 * are retried (timeouts, 429, 5xx, connection errors) and which fail at once (other 4xx); exponential
 * backoff with seeded jitter through an injectable {@link Sleeper} so tests do not wait; honouring a
 * capped {@code Retry-After}; one error message that names the service and what failed; and the API key
 * kept out of every message, exception and file. LangChain4j's OpenAI module has its own retry policy,
 * HTTP client abstraction and logging (which can log request headers), so we would be configuring around
 * it, and it brings a large dependency tree (its core and OpenAI modules, an HTTP client module and their
 * transitive jars) into the shaded CLI jar. The JDK client plus the Jackson already on the class path
 * cost no new dependency and about two hundred lines.
 *
 * <p>Each HTTP try has one deadline, {@code requestTimeout}, over the whole exchange: connection, headers
 * and body. A service that sends its headers and then drips the body is cut off at the deadline (and
 * retried like any timeout). The body is read into memory up to {@link #MAX_RESPONSE_BYTES}; a larger one
 * is refused at once, without retry and without reading the rest.
 *
 * <p>Provider {@code azure}: POST {@code {baseUrl}/openai/deployments/{model}/chat/completions?api-version=V}
 * with the key in an {@code api-key} header ({@code model} is the deployment name). Otherwise the key, when
 * there is one, goes in {@code Authorization: Bearer}; without a key no header is sent (Ollama, vLLM).
 *
 * <p>Thread-safe if the {@link Sleeper} is.
 */
public final class ChatClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 300;
    static final int MAX_RESPONSE_BYTES = 8 << 20;

    private final GenerationSettings settings;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Random random;
    private final Redactor redactor;
    private final PrintStream log;
    private final long maxResponseBytes;

    public ChatClient(GenerationSettings settings, Sleeper sleeper, Random random, PrintStream log) {
        this(settings, sleeper, random, log, MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes the largest response body accepted (tests use a small one) */
    ChatClient(GenerationSettings settings, Sleeper sleeper, Random random, PrintStream log, long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        this.settings = settings;
        this.sleeper = sleeper;
        this.random = random;
        this.redactor = new Redactor(settings.apiKey());
        this.log = log;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)   // never resend the key to another host
                .build();
    }

    /** The answer's text and the HTTP body it came in, plus how many HTTP tries it took. */
    public record Completion(String content, String rawBody, int tries) {
    }

    /** The URL requests go to, for messages and provenance (never with the key). */
    public String endpoint() {
        URI u = settings.baseUrl();
        String shown = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());   // no user info, no query
        return redactor.clean(shown);
    }

    URI requestUri() {
        String base = settings.baseUrl().toString();
        if (settings.provider().equals("azure")) {
            return URI.create(base + "/openai/deployments/" + URLEncoder.encode(settings.model(), StandardCharsets.UTF_8)
                    + "/chat/completions?api-version=" + URLEncoder.encode(settings.azureApiVersion(), StandardCharsets.UTF_8));
        }
        return URI.create(base + "/chat/completions");
    }

    /**
     * Sends the conversation and returns the model's answer, retrying what may pass on a second try.
     *
     * @throws LlmServiceException when the service refuses the request or keeps failing
     */
    public Completion complete(List<ChatMessage> messages) {
        String body = requestBody(messages);
        HttpRequest.Builder builder = HttpRequest.newBuilder(requestUri())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null) {
            if (settings.provider().equals("azure")) builder.header("api-key", settings.apiKey());
            else builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest request = builder.build();

        List<String> failures = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = exchange(request);
                String responseBody = new String(response.body(), StandardCharsets.UTF_8);
                int status = response.statusCode();
                if (status / 100 == 2) return new Completion(content(responseBody), responseBody, attempt);
                String what = ("answered " + status + " " + reason(status)).strip();
                if (status == 429 || status / 100 == 5) {
                    failures.add(what);
                    int failed = failures.size();
                    wait = retryAfter(response).orElseGet(() -> backoff(failed));
                } else {
                    throw new LlmServiceException("LLM service at " + endpoint() + " " + what + hint(status)
                            + serverSays(responseBody));
                }
            } catch (BoundedBodyHandler.TooLargeException e) {
                // not a passing failure: the same request would get the same flood again
                throw new LlmServiceException("LLM service at " + endpoint() + " sent an answer larger than " + e.limit()
                        + " bytes (the limit for a chat answer); refusing it");
            } catch (SlowBodyException e) {
                failures.add("sent its headers but not its whole answer within " + seconds(settings.requestTimeout()));
                wait = backoff(failures.size());
            } catch (HttpConnectTimeoutException e) {
                failures.add("did not accept a connection within " + seconds(settings.connectTimeout()));
                wait = backoff(failures.size());
            } catch (HttpTimeoutException e) {
                failures.add("did not answer within " + seconds(settings.requestTimeout()));
                wait = backoff(failures.size());
            } catch (ConnectException e) {
                failures.add("refused the connection");
                wait = backoff(failures.size());
            } catch (IOException e) {
                failures.add("failed (" + redactor.clean(String.valueOf(e.getMessage())) + ")");
                wait = backoff(failures.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmServiceException("interrupted while waiting for the LLM service at " + endpoint());
            }
            if (attempt >= settings.maxAttempts()) throw new LlmServiceException(givingUp(failures));
            log.println("LLM service at " + TerminalText.safe(endpoint()) + " " + TerminalText.safe(failures.getLast()) + "; retrying in "
                    + String.format(Locale.ROOT, "%.1fs", wait.toMillis() / 1000.0) + " (try " + (attempt + 1) + " of "
                    + settings.maxAttempts() + ")");
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmServiceException("interrupted while waiting to retry the LLM service at " + endpoint());
            }
        }
    }

    /** The headers came within the request timeout but the body did not finish within it. */
    private static final class SlowBodyException extends IOException {
        SlowBodyException() {
            super("the body did not finish in time", null);
        }
    }

    /**
     * One HTTP try. The request timeout is a deadline over the whole exchange, headers and body: the
     * client's own timeout stops at the headers, so a service that drips its body would otherwise hold the
     * command forever. The body is read under {@link #maxResponseBytes}.
     *
     * @throws SlowBodyException                     the deadline passed while the body was arriving
     * @throws HttpTimeoutException                  the deadline passed before the headers
     * @throws BoundedBodyHandler.TooLargeException  the body is over the limit
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        BoundedBodyHandler body = new BoundedBodyHandler(maxResponseBytes);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, body);
        try {
            return pending.get(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);   // aborts the exchange and closes its connection
            if (body.headersArrived()) throw new SlowBodyException();
            throw new HttpTimeoutException("request timed out");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** The exception an asynchronous exchange failed with, as the IOException the retry loop sorts. */
    private static IOException failure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof BoundedBodyHandler.TooLargeException tooLarge) return tooLarge;
        }
        if (cause instanceof IOException io) return io;
        if (cause instanceof RuntimeException runtime) throw runtime;
        return new IOException(String.valueOf(cause), cause);
    }

    private String requestBody(List<ChatMessage> messages) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", settings.model());
        ArrayNode array = root.putArray("messages");
        for (ChatMessage m : messages) array.addObject().put("role", m.role()).put("content", m.content());
        root.put("temperature", settings.temperature());
        return root.toString();
    }

    private String content(String body) {
        try {
            JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (content.isTextual()) return content.asText();
        } catch (IOException e) {
            // falls through to the error below
        }
        throw new LlmServiceException("LLM service at " + endpoint()
                + " answered 200 but not with a chat completion (no choices[0].message.content)" + serverSays(body));
    }

    /** Retry-After (429, 503) in seconds or as an HTTP date, capped; empty when absent or unreadable. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            Duration d;
            try {
                d = Duration.ofSeconds(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                try {
                    d = Duration.between(Instant.now(), ZonedDateTime.parse(value.strip(),
                            DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeParseException e2) {
                    return Optional.empty();
                }
            }
            if (d.isNegative()) d = Duration.ZERO;
            return Optional.of(d.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : d);
        });
    }

    /** Exponential backoff with jitter: base * 2^(n-1), capped, then scaled by a factor in [0.5, 1). */
    private Duration backoff(int failuresSoFar) {
        long base = settings.backoffBase().toMillis();
        long exp = base << Math.min(failuresSoFar - 1, 20);
        long capped = Math.min(exp, settings.backoffMax().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + random.nextDouble() * 0.5)));
    }

    private String givingUp(List<String> failures) {
        String first = failures.getFirst();
        boolean same = failures.stream().allMatch(first::equals);
        if (same) return "LLM service at " + endpoint() + " " + first + " " + times(failures.size()) + "; giving up";
        return "LLM service at " + endpoint() + " failed " + times(failures.size()) + " (" + String.join(", ", failures)
                + "); giving up";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private String serverSays(String body) {
        if (body == null || body.isBlank()) return "";
        String text = body.strip();
        try {
            JsonNode message = JSON.readTree(text).path("error").path("message");
            if (message.isTextual()) text = message.asText();
        } catch (IOException e) {
            // not JSON: quote the start of the body
        }
        text = redactor.clean(text).replaceAll("\\s+", " ");
        if (text.length() > MAX_BODY_IN_MESSAGE) text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
        return "; the service said: " + redactor.clean(text);
    }

    private String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the API key: BALLAST_LLM_API_KEY or OPENAI_API_KEY)";
            case 404 -> " (check the base URL and the model: POST " + redactor.clean(requestUri().toString()) + ", model "
                    + settings.model() + ")";
            default -> "";
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
