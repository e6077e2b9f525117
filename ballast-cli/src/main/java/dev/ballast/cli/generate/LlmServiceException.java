package dev.ballast.cli.generate;

/**
 * The LLM service could not be used: it refused the request (401, 404, other 4xx) or kept failing
 * (timeouts, 429, 5xx, connection errors) through every retry. The message names the service and what
 * failed, never the API key. The CLI prints it and exits with {@link dev.ballast.cli.BallastCli#SERVICE_ERROR}.
 */
public final class LlmServiceException extends RuntimeException {
    public LlmServiceException(String message) {
        super(message, null, false, false);
    }
}
