package dev.ballast.engine.journal;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * The canonical payload of a model event (any {@link Record}): a deterministic text, UTF-8 encoded.
 *
 * <h2>Format</h2>
 * <pre>
 *   value   := record | null | string | number | boolean | enum | list | decimal
 *   record  := SimpleName '{' name '=' value (',' name '=' value)* '}'   components in declaration order
 *   null    := 'null'
 *   string  := '"' chars '"'   with \" \\ \n \r \t and \\uXXXX for other control characters escaped
 *   number  := Long/Integer/Short/Byte.toString, Double/Float.toString (exact, round-trippable)
 *   boolean := 'true' | 'false'
 *   enum    := its name()
 *   list    := '[' value (',' value)* ']'   in iteration order (List, Collection, arrays of objects)
 *   decimal := Price, Quantity and Money (and BigDecimal) in their exact decimal toString
 * </pre>
 * Single-value identifier records ({@code Symbol}, {@code StrategyId}, {@code ClientOrderId}) are records
 * and are rendered as such ({@code Symbol{value="AAPL"}}): no special case, so the format needs no list of types.
 * Maps are rendered {@code {k=v,...}} only when sorted ({@link java.util.SortedMap}); other maps, and any other
 * type, are refused with an {@link IllegalArgumentException} because their rendering would not be deterministic.
 * Nothing depends on identity hash codes, locale or time zone, so the same event gives the same bytes in
 * every run. {@link CanonicalText} reads the text back into a tree and {@link RecordDecoder} into the records.
 *
 * <h2>How</h2>
 * Each record class gets a {@link RecordShape} once: its name and, per component, a writer chosen by the
 * component's declared type, reading it through a method handle and writing bytes straight into a
 * {@link CanonicalOutput}; components of open types (an interface, {@code Object}, a list) go through the
 * general {@link #value} dispatch below. The bytes are those of the format above, pinned by
 * {@code CanonicalFormGoldenTest}. Stateless and thread-safe.
 */
public final class RecordCodec {
    private static final byte[] EQUALS = {'='};

    private RecordCodec() {
    }

    /** The canonical UTF-8 payload of {@code event}. */
    public static byte[] encode(Record event) {
        CanonicalOutput out = new CanonicalOutput(256);
        encode(event, out);
        return out.toByteArray();
    }

    /** Appends the canonical payload of {@code event} to {@code out}. */
    static void encode(Record event, CanonicalOutput out) {
        RecordShape.of(event.getClass()).write(out, event);
    }

    /** The canonical text of {@code event}: its payload decoded. */
    public static String encodeText(Record event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** The journal type of an event: its simple class name ({@code Fill}, {@code OrderUpdated}). */
    public static String typeOf(Record event) {
        return RecordShape.of(event.getClass()).name();
    }

    /**
     * Whether {@code event} can be encoded later, on another thread, with the same result: its class and every
     * record type among its components' declared types hold only immutable, always encodable values (primitives,
     * strings, enums, boxed primitives, instants, dates, and records of the same kind), so nothing can change it
     * after it was made and its encoding cannot fail. Lists, arrays, maps and open types do not qualify.
     */
    static boolean encodableLater(Record event) {
        return RecordShape.of(event.getClass()).immutable();
    }

    /** Writes any value by its runtime type; refuses the types without a deterministic rendering. */
    static void value(CanonicalOutput out, Object v) {
        switch (v) {
            case null -> out.putNull();
            case String s -> out.putQuoted(s);
            case Long l -> out.putLong(l);
            case Integer i -> out.putLong(i);
            case Short s -> out.putLong(s);
            case Byte b -> out.putLong(b);
            case Double d -> out.putAscii(Double.toString(d));
            case Float f -> out.putAscii(Float.toString(f));
            case Boolean b -> out.putBoolean(b);
            case Character c -> out.putQuoted(c.toString());
            case Enum<?> e -> out.putUtf8(e.name());
            case Price p -> out.putFixedPoint(p.raw());
            case Quantity q -> out.putFixedPoint(q.raw());
            case Money m -> out.putFixedPoint(m.raw());
            case BigDecimal d -> out.putAscii(d.toPlainString());
            case Record r -> RecordShape.of(r.getClass()).write(out, r);
            case Collection<?> c -> {
                out.put((byte) '[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) out.put((byte) ',');
                    first = false;
                    value(out, o);
                }
                out.put((byte) ']');
            }
            case Object[] a -> value(out, Arrays.asList(a));
            case SortedMap<?, ?> m -> {
                out.put((byte) '{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) out.put((byte) ',');
                    first = false;
                    value(out, e.getKey());
                    out.put(EQUALS);
                    value(out, e.getValue());
                }
                out.put((byte) '}');
            }
            case Instant t -> out.putAscii(t.toString());
            case LocalDate t -> out.putAscii(t.toString());
            default -> throw new IllegalArgumentException(
                    "no canonical form for " + v.getClass().getName() + " (not deterministic)");
        }
    }

    /** {@code s} quoted and escaped; shared with {@link CanonicalText#render} so both write strings alike. */
    static void string(StringBuilder out, String s) {
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
