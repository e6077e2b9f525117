package dev.ballast.cli.audit;

import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.codec.CanonicalNode.Entry;
import dev.ballast.engine.journal.codec.CanonicalNode.Field;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.model.EpochNanos;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which journal records an audit listing keeps. Every criterion given must hold (AND); several values of one
 * criterion are alternatives (OR). Order, strategy and symbol match the {@code ClientOrderId}, {@code StrategyId} and
 * {@code Symbol} values anywhere in a payload (order id, parent, bracket legs, the order inside an event). A broker
 * report names only its order, so a strategy or symbol also matches the records of every order that an earlier record
 * tied to it (a {@code SubmitOrder} names the strategy, the order and the symbol). Used for one pass over a journal in
 * order, on one thread.
 */
public final class AuditFilter {
    private final Set<String> orders;
    private final Set<String> strategies;
    private final Set<String> symbols;
    private final Set<String> types;
    private final long from;
    private final long to;
    /** Orders that a record naming a wanted strategy (symbol) has named: their later records match it too. */
    private final Set<String> strategyOrders = new HashSet<>();
    private final Set<String> symbolOrders = new HashSet<>();
    private final Ids ids = new Ids();

    /**
     * @param from engine time, epoch nanoseconds, inclusive ({@link Long#MIN_VALUE}: no lower bound)
     * @param to   engine time, epoch nanoseconds, exclusive ({@link Long#MAX_VALUE}: no upper bound)
     */
    public AuditFilter(Set<String> orders, Set<String> strategies, Set<String> symbols, Set<String> types, long from,
                       long to) {
        this.orders = Set.copyOf(orders);
        this.strategies = Set.copyOf(strategies);
        this.symbols = Set.copyOf(symbols);
        this.types = Set.copyOf(types);
        this.from = from;
        this.to = to;
    }

    /** A filter that keeps every record. */
    public static AuditFilter all() {
        return new AuditFilter(Set.of(), Set.of(), Set.of(), Set.of(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Epoch nanoseconds of an ISO instant ({@code 2024-01-02T15:30:00Z}) or date ({@code 2024-01-02}, its start in UTC).
     *
     * @throws AuditException naming {@code option} when the text is neither
     */
    public static long parseTime(String option, String text) {
        try {
            return EpochNanos.of(text.contains("T") ? Instant.parse(text)
                    : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new AuditException(option + ": '" + text + "' is not an ISO instant (2024-01-02T15:30:00Z) or date "
                    + "(2024-01-02)");
        }
    }

    /** Whether every record's payload must be read, for the orders of a strategy or symbol to be known. */
    boolean tracksOrders() {
        return !strategies.isEmpty() || !symbols.isEmpty();
    }

    /** Whether the payload decides at all (else {@link #acceptsHeader} alone does). */
    boolean readsPayload() {
        return tracksOrders() || !orders.isEmpty();
    }

    /** The criteria on the record's header: its type and engine time. */
    boolean acceptsHeader(JournalRecord record) {
        return (types.isEmpty() || types.contains(record.type()))
                && record.engineTime() >= from && record.engineTime() < to;
    }

    /**
     * The criteria on the payload; call for every record in journal order when {@link #tracksOrders}, since it
     * learns which orders belong to the strategies and symbols asked for.
     */
    boolean acceptsPayload(CanonicalNode payload) {
        ids.clear();
        ids.collect(payload);
        boolean strategy = strategies.isEmpty() || link(ids.strategies, strategies, strategyOrders);
        boolean symbol = symbols.isEmpty() || link(ids.symbols, symbols, symbolOrders);
        return strategy && symbol && (orders.isEmpty() || anyIn(ids.orders, orders));
    }

    /** Whether the record names a wanted value or one of its orders; remembers its orders when it names the value. */
    private boolean link(List<String> named, Set<String> wanted, Set<String> ordersOfWanted) {
        if (anyIn(named, wanted)) {
            ordersOfWanted.addAll(ids.orders);
            return true;
        }
        return anyIn(ids.orders, ordersOfWanted);
    }

    private static boolean anyIn(List<String> values, Set<String> set) {
        for (String v : values) {
            if (set.contains(v)) return true;
        }
        return false;
    }

    /** The identifier values found in one payload. */
    private static final class Ids {
        final List<String> orders = new ArrayList<>();
        final List<String> strategies = new ArrayList<>();
        final List<String> symbols = new ArrayList<>();

        void clear() {
            orders.clear();
            strategies.clear();
            symbols.clear();
        }

        void collect(CanonicalNode node) {
            switch (node) {
                case RecordNode r -> {
                    List<String> into = switch (r.name()) {
                        case "ClientOrderId" -> orders;
                        case "StrategyId" -> strategies;
                        case "Symbol" -> symbols;
                        default -> null;
                    };
                    if (into != null && r.field("value") instanceof StringNode s) into.add(s.value());
                    for (Field f : r.fields()) collect(f.value());
                }
                case ListNode l -> l.items().forEach(this::collect);
                case MapNode m -> {
                    for (Entry e : m.entries()) {
                        collect(e.key());
                        collect(e.value());
                    }
                }
                default -> {
                }
            }
        }
    }
}
