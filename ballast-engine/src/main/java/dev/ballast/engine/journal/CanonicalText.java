package dev.ballast.engine.journal;

import dev.ballast.engine.journal.CanonicalNode.Entry;
import dev.ballast.engine.journal.CanonicalNode.Field;
import dev.ballast.engine.journal.CanonicalNode.ListNode;
import dev.ballast.engine.journal.CanonicalNode.MapNode;
import dev.ballast.engine.journal.CanonicalNode.NullNode;
import dev.ballast.engine.journal.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.CanonicalNode.StringNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the canonical payload text that {@link RecordCodec} writes (its Javadoc has the grammar) into a
 * {@link CanonicalNode} tree, and writes a tree back to the same text: {@code render(parse(t))} equals {@code t} for
 * every payload the codec produced. Strict: anything the codec would not have written (spaces between tokens, an
 * unknown escape, a raw control character in a string, trailing text) is refused with a {@link JournalException}
 * naming the character offset and what was expected there. Stateless and thread-safe.
 */
public final class CanonicalText {
    /** Deeper nesting than any model record needs; keeps a hostile payload from overflowing the stack. */
    private static final int MAX_DEPTH = 200;

    private final String text;
    private int pos;

    private CanonicalText(String text) {
        this.text = text;
    }

    /** The tree of a UTF-8 payload. */
    public static CanonicalNode parse(byte[] payload) {
        return parse(new String(payload, StandardCharsets.UTF_8));
    }

    /** The tree of a canonical text. */
    public static CanonicalNode parse(String text) {
        CanonicalText parser = new CanonicalText(text);
        CanonicalNode node = parser.value(0);
        if (parser.pos != text.length()) throw parser.error("end of payload");
        return node;
    }

    /** The canonical text of {@code node}. */
    public static String render(CanonicalNode node) {
        StringBuilder out = new StringBuilder(128);
        render(out, node);
        return out.toString();
    }

    private static void render(StringBuilder out, CanonicalNode node) {
        switch (node) {
            case NullNode n -> out.append("null");
            case ScalarNode s -> out.append(s.token());
            case StringNode s -> RecordCodec.string(out, s.value());
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

    // ---- parsing

    private CanonicalNode value(int depth) {
        if (depth > MAX_DEPTH) throw error("at most " + MAX_DEPTH + " levels of nesting");
        if (pos >= text.length()) throw error("a value");
        char c = text.charAt(pos);
        if (c == '"') return new StringNode(string());
        if (c == '[') return list(depth);
        if (c == '{') return map(depth);
        int start = pos;
        String token = token();
        if (token.isEmpty()) throw error("a value");
        if (pos < text.length() && text.charAt(pos) == '{') return record(token, start, depth);
        return token.equals("null") ? CanonicalNode.NULL : new ScalarNode(token);
    }

    private RecordNode record(String name, int start, int depth) {
        if (!isIdentifier(name)) {
            pos = start;
            throw error("a record name before '{'");
        }
        pos++; // '{'
        List<Field> fields = new ArrayList<>();
        if (!consume('}')) {
            do {
                int fieldStart = pos;
                String field = token();
                if (!isIdentifier(field)) {
                    pos = fieldStart;
                    throw error("a field name of " + name);
                }
                expect('=');
                fields.add(new Field(field, value(depth + 1)));
            } while (consume(','));
            expect('}', "',' or '}' closing " + name);
        }
        return new RecordNode(name, fields);
    }

    private ListNode list(int depth) {
        pos++; // '['
        List<CanonicalNode> items = new ArrayList<>();
        if (!consume(']')) {
            do {
                items.add(value(depth + 1));
            } while (consume(','));
            expect(']', "',' or ']'");
        }
        return new ListNode(items);
    }

    private MapNode map(int depth) {
        pos++; // '{'
        List<Entry> entries = new ArrayList<>();
        if (!consume('}')) {
            do {
                CanonicalNode key = value(depth + 1);
                expect('=');
                entries.add(new Entry(key, value(depth + 1)));
            } while (consume(','));
            expect('}', "',' or '}' closing a map");
        }
        return new MapNode(entries);
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = null;
        int run = pos;
        while (true) {
            if (pos >= text.length()) throw error("'\"' closing the string");
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null ? text.substring(run, pos) : out.append(text, run, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) throw error("an escape instead of the raw control character 0x" + Integer.toHexString(c));
            if (c != '\\') {
                pos++;
                continue;
            }
            if (out == null) out = new StringBuilder();
            out.append(text, run, pos);
            out.append(escape());
            run = pos;
        }
    }

    /** The character of the escape at {@code pos} (a backslash), moving past it. */
    private char escape() {
        if (pos + 1 >= text.length()) throw error("an escape after '\\'");
        char e = text.charAt(pos + 1);
        pos += 2;
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length()) throw error("four hex digits after \\u");
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos), 16);
                    if (digit < 0) throw error("a hex digit in \\u escape");
                    code = code * 16 + digit;
                    pos++;
                }
                yield (char) code;
            }
            default -> {
                pos -= 1;
                throw error("one of \\\" \\\\ \\n \\r \\t \\uXXXX");
            }
        };
    }

    /** The longest run of token characters at {@code pos} (possibly empty). */
    private String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) pos++;
        return text.substring(start, pos);
    }

    /** Letters, digits and what numbers, decimals, instants and dates are written with. */
    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '-' || c == '+' || c == ':' || c == '_' || c == '$';
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) return false;
        }
        return true;
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        expect(c, "'" + c + "'");
    }

    private void expect(char c, String what) {
        if (!consume(c)) throw error(what);
    }

    private JournalException error(String expected) {
        String found = pos >= text.length() ? "the end" : "'" + printable(text.charAt(pos)) + "'";
        return new JournalException("payload offset " + pos + ": expected " + expected + ", found " + found
                + " in " + excerpt());
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** Up to 30 characters either side of the offset, with a marker at it. */
    private String excerpt() {
        int from = Math.max(0, pos - 30);
        int to = Math.min(text.length(), pos + 30);
        StringBuilder out = new StringBuilder(from > 0 ? "..." : "");
        for (int i = from; i < to; i++) {
            if (i == pos) out.append(" >>");
            out.append(printable(text.charAt(i)));
        }
        if (pos >= to) out.append(" >>");
        return out.append(to < text.length() ? "..." : "").toString();
    }
}
