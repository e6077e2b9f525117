package dev.ballast.model.event;

/** Something about the engine's own infrastructure: a broker connection or the journal. */
public sealed interface SystemEvent extends Event permits BrokerConnectionChanged, JournalFailed {
}
