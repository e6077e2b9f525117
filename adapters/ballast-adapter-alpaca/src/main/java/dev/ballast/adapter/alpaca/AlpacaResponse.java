package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.OptionalLong;

/**
 * One answer from Alpaca's REST API: the HTTP status, the JSON body ({@link MissingNode} when there is none) and
 * the rate-limit reset time Alpaca sends with a 429 ({@code X-Ratelimit-Reset}, epoch seconds).
 *
 * @param request the request as "METHOD path", for error messages
 */
record AlpacaResponse(String request, int status, JsonNode body, OptionalLong rateLimitReset) {
    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Alpaca's own explanation ({@code message} in its error body), or the body itself, or nothing. */
    String alpacaMessage() {
        String message = body.isObject() ? AlpacaJson.text(body, "message") : null;
        if (message != null) return message;
        return body.isMissingNode() ? null : AlpacaJson.abbreviated(body);
    }

    AlpacaRequestFailed failure() {
        return new AlpacaRequestFailed(request, status, alpacaMessage());
    }
}
