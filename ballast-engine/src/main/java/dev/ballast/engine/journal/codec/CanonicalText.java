package dev.ballast.engine.journal.codec;

import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.NullNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;

/**
 * The readable text of a payload tree, for people and messages: {@code Name{field=value,...}}, lists
 * {@code [a,b]}, sorted maps {@code {k=v}}, strings quoted (with \" \\ \n \r \t and \\uXXXX escaped), numbers,
 * decimals, enums and times as their tokens, {@code null}. One line, deterministic; {@code audit export --format csv}
 * puts it in its payload column and mismatch messages quote it. Stateless.
 */
public final class CanonicalText {
    private CanonicalText() {
    }

    /** The text of {@code node}. */
    public static String render(CanonicalNode node) {
        StringBuilder out = new StringBuilder(128);
        render(out, node);
        return out.toString();
    }

    private static void render(StringBuilder out, CanonicalNode node) {
        switch (node) {
            case NullNode n -> out.append("null");
            case ScalarNode s -> out.append(s.token());
            case StringNode s -> quoted(out, s.value());
            case RecordNode r -> {
                out.append(r.name()).append('{');
                for (int i = 0; i < r.fields().size(); i++) {
                    if (i > 0) out.append(',');
                    out.append(r.fields().get(i).name()).append('=');
                    render(out, r.fields().get(i).value());
                }
                out.append('}');
            }
            case ListNode l -> {
                out.append('[');
                for (int i = 0; i < l.items().size(); i++) {
                    if (i > 0) out.append(',');
                    render(out, l.items().get(i));
                }
                out.append(']');
            }
            case MapNode m -> {
                out.append('{');
                for (int i = 0; i < m.entries().size(); i++) {
                    if (i > 0) out.append(',');
                    render(out, m.entries().get(i).key());
                    out.append('=');
                    render(out, m.entries().get(i).value());
                }
                out.append('}');
            }
        }
    }

    /** {@code s} quoted, with \" \\ \n \r \t and \\uXXXX for other control characters escaped. */
    private static void quoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
