package dev.ballast.adapter.alpaca;

/** Alpaca sent something the adapter cannot read (not JSON, a field missing or not a decimal). */
final class AlpacaProtocolException extends RuntimeException {
    AlpacaProtocolException(String message) {
        super(message);
    }
}
