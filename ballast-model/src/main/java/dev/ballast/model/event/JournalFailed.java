package dev.ballast.model.event;

/**
 * The journal could not be written (disk full, store down, writer too slow). Ballast never trades unaudited:
 * the account halts (reason {@code JOURNAL_FAILURE}) and its open orders are canceled.
 */
public record JournalFailed(String detail, long timestamp) implements SystemEvent {
}
