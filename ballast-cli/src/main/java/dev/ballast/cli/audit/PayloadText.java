package dev.ballast.cli.audit;

import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.codec.CanonicalNode.Field;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.NullNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import dev.ballast.engine.journal.codec.CanonicalText;

/**
 * How the audit listings present payload values to people: identifier records ({@code Symbol}, {@code StrategyId},
 * {@code ClientOrderId}: one string field {@code value}) as their bare value, and a one-line summary of a payload.
 */
final class PayloadText {
    private PayloadText() {
    }

    /** The value of an identifier record, or null when {@code node} is not one. */
    static String identifier(CanonicalNode node) {
        if (node instanceof RecordNode r && r.fields().size() == 1 && r.fields().getFirst().name().equals("value")
                && r.fields().getFirst().value() instanceof StringNode s) {
            return s.value();
        }
        return null;
    }

    /** The text of a map key: a string, token or identifier as it is, anything else in its readable text. */
    static String key(CanonicalNode node) {
        return switch (node) {
            case StringNode s -> s.value();
            case ScalarNode s -> s.token();
            default -> {
                String id = identifier(node);
                yield id != null ? id : CanonicalText.render(node);
            }
        };
    }

    /**
     * A payload on one line: its fields {@code name=value} separated by spaces; identifiers bare, nested records in
     * braces, strings quoted only when they hold spaces or separators. Left out: null fields, and the engine times in
     * epoch nanoseconds ({@code timestamp}, {@code createdAt}, {@code updatedAt}: the model's names for them), which
     * the engine-time column shows readably; the export formats keep everything.
     */
    static String summary(CanonicalNode payload) {
        StringBuilder out = new StringBuilder(160);
        if (payload instanceof RecordNode r) {
            fields(out, r);
        } else {
            value(out, payload);
        }
        return out.toString();
    }

    private static void fields(StringBuilder out, RecordNode r) {
        boolean first = true;
        for (Field f : r.fields()) {
            if (f.value() instanceof NullNode || isEngineTime(f)) continue;
            if (!first) out.append(' ');
            first = false;
            out.append(f.name()).append('=');
            value(out, f.value());
        }
    }

    private static boolean isEngineTime(Field f) {
        return f.value() instanceof ScalarNode && (f.name().equals("timestamp") || f.name().endsWith("At"));
    }

    private static void value(StringBuilder out, CanonicalNode node) {
        switch (node) {
            case NullNode n -> out.append("null");
            case ScalarNode s -> out.append(s.token());
            case StringNode s -> string(out, s.value());
            case RecordNode r -> {
                String id = identifier(r);
                if (id != null) {
                    string(out, id);
                } else {
                    out.append('{');
                    fields(out, r);
                    out.append('}');
                }
            }
            case ListNode l -> {
                out.append('[');
                for (int i = 0; i < l.items().size(); i++) {
                    if (i > 0) out.append(", ");
                    value(out, l.items().get(i));
                }
                out.append(']');
            }
            case MapNode m -> {
                out.append('{');
                for (int i = 0; i < m.entries().size(); i++) {
                    if (i > 0) out.append(", ");
                    value(out, m.entries().get(i).key());
                    out.append('=');
                    value(out, m.entries().get(i).value());
                }
                out.append('}');
            }
        }
    }

    private static void string(StringBuilder out, String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != ',' && c != '{' && c != '}' && c != '[' && c != ']'
                    && c != '\\' && c != 0x7f;
        }
        if (plain) {
            out.append(s);
        } else {
            out.append(CanonicalText.render(new StringNode(s)));
        }
    }
}
