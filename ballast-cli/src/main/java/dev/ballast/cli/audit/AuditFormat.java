package dev.ballast.cli.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The output formats of {@code audit show} and {@code audit export}. */
public enum AuditFormat {
    TABLE, JSON, CSV;

    /**
     * The format named {@code text} ({@code table}, {@code json} or {@code csv}, any case).
     *
     * @throws AuditException for any other name
     */
    public static AuditFormat parse(String text) {
        for (AuditFormat f : values()) {
            if (f.name().equalsIgnoreCase(text)) return f;
        }
        throw new AuditException("--format: '" + text + "' is not one of table, json, csv");
    }

    RecordSink open(Writer out, int typeWidth) throws IOException {
        return switch (this) {
            case TABLE -> new TableSink(out, typeWidth);
            case JSON -> new JsonLinesSink(out);
            case CSV -> new CsvSink(out);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
