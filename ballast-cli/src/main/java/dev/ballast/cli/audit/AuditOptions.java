package dev.ballast.cli.audit;

import dev.ballast.runtime.journal.JournalAccess;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The run and the filters shared by {@code audit show} and {@code audit export} (a picocli mixin). */
public final class AuditOptions {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run's output folder (or its journal folder).")
    Path run;

    @Mixin
    JournalAccessOptions journal;

    @Option(names = "--order", paramLabel = "ID", description = "Records naming this client order id anywhere "
            + "(order, parent, bracket legs); repeatable.")
    List<String> orders = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "ID", description = "Records naming this strategy id, and the records "
            + "of its orders (broker reports); repeatable.")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--symbol", paramLabel = "SYM", description = "Records naming this symbol, and the records of "
            + "orders in it; repeatable.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--type", paramLabel = "T", split = ",", description = "Records of this type (Fill, OrderUpdated, "
            + "...); repeatable or comma-separated.")
    List<String> types = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", description = "Engine time from (inclusive): an ISO instant "
            + "(2024-01-02T15:30:00Z) or date (2024-01-02, from its start in UTC).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Engine time to (exclusive), like --from.")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, json (JSON Lines) or csv.")
    String format;

    /** The PostgreSQL journal database the user gave (for a run journaled there). */
    public JournalAccess access() {
        return journal.access();
    }

    /** The run folder. */
    public Path run() {
        return run;
    }

    /** The format asked for, or {@code fallback}. */
    public AuditFormat format(AuditFormat fallback) {
        return format == null ? fallback : AuditFormat.parse(format);
    }

    /** The types asked for (empty: all). */
    Set<String> types() {
        Set<String> out = new TreeSet<>();
        for (String t : types) {
            if (!t.isBlank()) out.add(t.strip());
        }
        return out;
    }

    /**
     * The filter these options ask for; every --type must be in {@code knownTypes}.
     *
     * @throws AuditException for a bad time, an empty range or an unknown type
     */
    AuditFilter filter(Set<String> knownTypes) {
        Set<String> unknown = types();
        unknown.removeAll(knownTypes);
        if (!unknown.isEmpty()) {
            throw new AuditException("--type: unknown type" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; known types: " + String.join(", ", knownTypes));
        }
        long fromNanos = from == null ? Long.MIN_VALUE : AuditFilter.parseTime("--from", from);
        long toNanos = to == null ? Long.MAX_VALUE : AuditFilter.parseTime("--to", to);
        if (fromNanos >= toNanos) throw new AuditException("--from " + from + " must be before --to " + to);
        return new AuditFilter(new HashSet<>(orders), new HashSet<>(strategies), new HashSet<>(symbols),
                types(), fromNanos, toNanos);
    }
}
