package dev.ballast.adapter.alpaca;

import java.io.IOException;

/**
 * A REST request to Alpaca that failed: answered with an HTTP error ({@link #status} and Alpaca's message), or not
 * answered at all ({@link #status} 0: a timeout or an I/O failure). The message names the request, never the
 * credentials.
 */
final class AlpacaRequestFailed extends IOException {
    private final int status;

    AlpacaRequestFailed(String request, int status, String alpacaMessage) {
        super(request + " answered HTTP " + status + (alpacaMessage == null ? "" : ": " + alpacaMessage));
        this.status = status;
    }

    AlpacaRequestFailed(String request, Throwable cause) {
        super(request + " got no answer: " + describe(cause));
        this.status = 0;
    }

    int status() {
        return status;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
