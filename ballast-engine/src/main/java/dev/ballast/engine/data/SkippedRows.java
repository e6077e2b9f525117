package dev.ballast.engine.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad rows a source skipped because the user asked to skip rather than stop: counted by reason,
 * with the first few kept verbatim for the summary. Not thread-safe.
 */
public final class SkippedRows {
    private static final int KEPT_EXAMPLES = 10;

    private final Map<String, Long> countByReason = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private long total;

    /** Records one skipped row; {@code reason} is a short category ("high < low"). */
    public void add(Path file, long line, String reason) {
        total++;
        countByReason.merge(reason, 1L, Long::sum);
        if (examples.size() < KEPT_EXAMPLES) examples.add(file + ":" + line + ": " + reason);
    }

    /** Adds every row {@code other} skipped. */
    public void addAll(SkippedRows other) {
        total += other.total;
        other.countByReason.forEach((reason, count) -> countByReason.merge(reason, count, Long::sum));
        for (String example : other.examples) {
            if (examples.size() < KEPT_EXAMPLES) examples.add(example);
        }
    }

    public long total() {
        return total;
    }

    public Map<String, Long> countByReason() {
        return Collections.unmodifiableMap(countByReason);
    }

    public List<String> examples() {
        return Collections.unmodifiableList(examples);
    }
}
