package dev.ballast.engine.journal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;

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
 */
public final class RecordCodec {
    /** Per record class: its simple name and, per component, "name=" and the accessor. */
    private record Shape(String name, String[] labels, Method[] accessors) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] labels = new String[components.length];
            Method[] methods = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                labels[i] = (i > 0 ? "," : "") + components[i].getName() + "=";
                methods[i] = components[i].getAccessor();
                methods[i].setAccessible(true);
            }
            return new Shape(type.getSimpleName(), labels, methods);
        }
    };

    private RecordCodec() {
    }

    /** The canonical UTF-8 payload of {@code event}. */
    public static byte[] encode(Record event) {
        return encodeText(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code event}. */
    public static String encodeText(Record event) {
        StringBuilder out = new StringBuilder(128);
        value(out, event);
        return out.toString();
    }

    /** The journal type of an event: its simple class name ({@code Fill}, {@code OrderUpdated}). */
    public static String typeOf(Record event) {
        return SHAPES.get(event.getClass()).name;
    }

    private static void value(StringBuilder out, Object v) {
        switch (v) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case Double d -> out.append(Double.toString(d));
            case Float f -> out.append(Float.toString(f));
            case Boolean b -> out.append(b.booleanValue());
            case Character c -> string(out, c.toString());
            case Enum<?> e -> out.append(e.name());
            case dev.ballast.model.Price p -> out.append(p);
            case dev.ballast.model.Quantity q -> out.append(q);
            case dev.ballast.model.Money m -> out.append(m);
            case BigDecimal d -> out.append(d.toPlainString());
            case Record r -> record(out, r);
            case Collection<?> c -> {
                out.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) out.append(',');
                    first = false;
                    value(out, o);
                }
                out.append(']');
            }
            case Object[] a -> value(out, java.util.Arrays.asList(a));
            case java.util.SortedMap<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    value(out, e.getKey());
                    out.append('=');
                    value(out, e.getValue());
                }
                out.append('}');
            }
            case TemporalAccessor t when t instanceof java.time.Instant || t instanceof java.time.LocalDate ->
                    out.append(t);
            default -> throw new IllegalArgumentException(
                    "no canonical form for " + v.getClass().getName() + " (not deterministic)");
        }
    }

    private static void record(StringBuilder out, Record r) {
        Shape shape = SHAPES.get(r.getClass());
        out.append(shape.name).append('{');
        Method[] accessors = shape.accessors;
        for (int i = 0; i < accessors.length; i++) {
            out.append(shape.labels[i]);
            try {
                value(out, accessors[i].invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + shape.name + "." + accessors[i].getName(), e);
            }
        }
        out.append('}');
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
