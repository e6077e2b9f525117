package dev.ballast.engine.journal.codec;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * The canonical payload of a model event (any {@link Record}): a deterministic, compact binary form.
 *
 * <h2>Format</h2>
 * A payload is the record's components in declaration order, with nothing before them (the journal record's type
 * names the class). Each component is laid out by its declared type ({@link PayloadLayout}):
 * <pre>
 *   long, int, short, byte   zigzag varint (LEB128: 7 bits a byte, low first; 0,-1,1,-2,... as 0,1,2,3,...)
 *   double, float            IEEE 754 bits (doubleToLongBits / floatToIntBits), 8 / 4 bytes big-endian
 *   boolean                  one byte, 0 or 1
 *   char                     varint of the UTF-16 value
 *   String                   varint (UTF-8 length + 1), 0 for null, then UTF-8 (an unpaired surrogate as '?')
 *   enum                     its name(), as a String
 *   Price, Quantity, Money   one byte 0 (null) or 1, then the zigzag varint of the raw fixed-point value
 *   a record class           one byte 0 (null) or 1, then its components
 *   anything else            a tagged value
 * </pre>
 * A tagged value is a tag byte, then: 0 null; 1 string (varint length, UTF-8; also a Character); 2 whole number
 * (Long/Integer/Short/Byte, zigzag varint); 3 double (8 bytes); 4 float (4 bytes); 5 false; 6 true; 7 enum (name as
 * a string); 8 Price/Quantity/Money (zigzag raw); 9 BigDecimal (its toPlainString as a string); 10 record (simple
 * name as a string, then its components); 11 list (varint count, tagged items: List, Collection, arrays of objects,
 * in iteration order); 12 sorted map (varint count, then tagged key and tagged value per entry, in key order);
 * 13 Instant (zigzag epoch second, varint nanosecond); 14 LocalDate (zigzag epoch day).
 *
 * <p>Maps other than {@link SortedMap}, and any other type, are refused with an {@link IllegalArgumentException}:
 * their rendering would not be deterministic. Nothing depends on identity hash codes, locale or time zone, so the
 * same event gives the same bytes in every run. The form is binary because the journal's cost is its bytes: hashing,
 * writing and storing them (a fill's order update is about 80 bytes here, 440 as text). It is not self-describing:
 * {@link PayloadReader} reads it back by the record class into a {@link CanonicalNode} tree, with the field names,
 * which {@link CanonicalText} renders as readable text and {@link RecordDecoder} binds to the model's records.
 *
 * <h2>How</h2>
 * Each record class gets a {@link RecordShape} once: per component a writer chosen by the component's declared
 * type, reading it through a spun getter and writing bytes straight into a {@link CanonicalOutput}; tagged values
 * go through {@link #value} below. The bytes are pinned by {@code CanonicalFormGoldenTest}. Stateless and
 * thread-safe.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /** The canonical payload of {@code event}. */
    public static byte[] encode(Record event) {
        CanonicalOutput out = new CanonicalOutput(256);
        encode(event, out);
        return out.toByteArray();
    }

    /** Appends the canonical payload of {@code event} to {@code out}. */
    public static void encode(Record event, CanonicalOutput out) {
        RecordShape.of(event.getClass()).write(out, event);
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
    public static boolean encodableLater(Record event) {
        return RecordShape.of(event.getClass()).immutable();
    }

    /** Writes any value as a tagged value, by its runtime type; refuses the types without a deterministic form. */
    static void value(CanonicalOutput out, Object v) {
        switch (v) {
            case null -> out.put(PayloadLayout.NULL);
            case String s -> string(out, s);
            case Long l -> integer(out, l);
            case Integer i -> integer(out, i);
            case Short s -> integer(out, s);
            case Byte b -> integer(out, b);
            case Double d -> {
                out.put(PayloadLayout.DOUBLE_TAG);
                out.putLong64(Double.doubleToLongBits(d));
            }
            case Float f -> {
                out.put(PayloadLayout.FLOAT_TAG);
                out.putInt32(Float.floatToIntBits(f));
            }
            case Boolean b -> out.put(b ? PayloadLayout.TRUE : PayloadLayout.FALSE);
            case Character c -> string(out, c.toString());
            case Enum<?> e -> {
                out.put(PayloadLayout.ENUM_TAG);
                out.putString(e.name());
            }
            case Price p -> fixedPoint(out, p.raw());
            case Quantity q -> fixedPoint(out, q.raw());
            case Money m -> fixedPoint(out, m.raw());
            case BigDecimal d -> {
                out.put(PayloadLayout.DECIMAL);
                out.putString(d.toPlainString());
            }
            case Record r -> RecordShape.of(r.getClass()).writeTagged(out, r);
            case Collection<?> c -> {
                out.put(PayloadLayout.LIST);
                out.putVarint(c.size());
                for (Object o : c) value(out, o);
            }
            case Object[] a -> value(out, Arrays.asList(a));
            case SortedMap<?, ?> m -> {
                out.put(PayloadLayout.MAP);
                out.putVarint(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    value(out, e.getKey());
                    value(out, e.getValue());
                }
            }
            case Instant t -> {
                out.put(PayloadLayout.INSTANT);
                out.putSigned(t.getEpochSecond());
                out.putVarint(t.getNano());
            }
            case LocalDate t -> {
                out.put(PayloadLayout.DATE);
                out.putSigned(t.toEpochDay());
            }
            default -> throw new IllegalArgumentException(
                    "no canonical form for " + v.getClass().getName() + " (not deterministic)");
        }
    }

    private static void string(CanonicalOutput out, String s) {
        out.put(PayloadLayout.STRING_TAG);
        out.putString(s);
    }

    private static void integer(CanonicalOutput out, long v) {
        out.put(PayloadLayout.INTEGER);
        out.putSigned(v);
    }

    private static void fixedPoint(CanonicalOutput out, long raw) {
        out.put(PayloadLayout.FIXED_POINT_TAG);
        out.putSigned(raw);
    }
}
